"""The one Jinja environment (strict, autoescaped) and the helpers every page template uses.

Templates live in ``maps/templates``; every page extends ``base.html`` (one header, navigation,
language switch and footer). The web edge computes what depends on the request (the path prefix,
the language switch, whether the page is being exported) and passes it in as a ``PageShell``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from geo.i18n import money
from geo.i18n.labels import label
from geo.i18n.words import word
from maps.assets import STATIC_PREFIX, TEMPLATES_DIR

ENV = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

@dataclass(frozen=True)
class PageShell:
    """What the layout needs from the request: language, path prefix, the other-language link and
    whether the page is written by the static export (then it leaves out what needs a server), and
    the signed-in person (their name and the session's CSRF token for the sign-out form)."""

    lang: str
    root: str = ""
    switch: str = ""
    static: bool = False
    user: str | None = None
    csrf: str = ""
    role: str = ""


def helpers(shell: PageShell) -> dict[str, Any]:
    """Words, numbers, money, labels and links in the page's language."""
    lang = shell.lang

    def href(path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if lang == "en":
            query.setdefault("lang", "en")
        return shell.root + path + ("?" + urlencode(query) if query else "")

    return {
        "map": None, "full_map": False, "lang": lang, "href": href, "switch_url": shell.switch, "static": shell.static,
        "user": shell.user, "csrf": shell.csrf, "role": shell.role,
        "word": lambda key, **values: word(key, lang).format(**values),
        "asset_root": shell.root + STATIC_PREFIX,
        "t": lambda vi, en: en if lang == "en" else vi,
        "vnd": lambda amount, qualifier=None: money.format_vnd(amount, lang, qualifier),
        "exact": lambda amount: money.exact(amount, lang),
        "label": lambda group, value: label(group, value, lang),
        "num": lambda n: money.group_digits(int(n), lang),
        "dec": lambda x, places=1: money.number(Decimal(str(x)), lang, places),
    }


def render_page(template: str, shell: PageShell, **context: Any) -> str:
    """A page from ``template`` with the layout's helpers (``context`` may override them)."""
    return ENV.get_template(template).render({**helpers(shell), **context})
