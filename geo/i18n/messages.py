"""Every sentence the capacity services say (flags, checks, notes, summaries), in English and Vietnamese.

The services build a :class:`Text` (a template key and its parameters) instead of a sentence, so the
same finding can be read in either language and keeps a stable machine-readable code. Templates use
``str.format`` fields; numbers are written with the reader's decimal mark (Vietnamese "59,33 ha",
English "59.33 ha", as ``geo.i18n.money`` does for money). A parameter may itself be a :class:`Text`, rendered
in the same language. English is the default so the JSON API keeps the wording its clients know.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from geo.i18n.lang import parse_lang, pick
from geo.i18n.tables import load, pairs

# key -> (vi, en), the order of every word table in geo/i18n (messages.toml)
TEMPLATES = pairs(load("messages"), "messages.toml")


def decimal(value: float, lang: str, places: int = 2) -> str:
    """``59.33`` (en) or ``59,33`` (vi), thousands grouped the other way round."""
    text = f"{value:,.{places}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


class _Formatter(string.Formatter):
    """``str.format`` that writes numbers with the reader's decimal mark and renders nested texts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Text):
            return value.render(self.lang)
        if isinstance(value, str):  # "?" standing for an unknown number: the number's spec does not apply
            return value
        out: str = super().format_field(value, format_spec)
        if self.lang == "vi" and isinstance(value, int | float) and not isinstance(value, bool):
            out = out.translate(str.maketrans(",.", ".,"))
        return out


@dataclass(frozen=True)
class Text:
    """A sentence not yet put into words: a template key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = "en") -> str:
        return _Formatter(lang).vformat(pick(TEMPLATES[self.key], parse_lang(lang)), (), dict(self.params))


def text(key: str, **params: Any) -> Text:
    """``text("land_total.pass", free=1.2, ...)``; an unknown key fails here, not when rendered."""
    if key not in TEMPLATES:
        raise KeyError(key)
    return Text(key, tuple(params.items()))


def say(key: str, lang: str = "en", **params: Any) -> str:
    """A template rendered at once."""
    return text(key, **params).render(lang)


def status_text(status: str) -> Text | str:
    """A cluster status inside a sentence; an unknown code stays as it is."""
    return text(f"status.{status}") if f"status.{status}" in TEMPLATES else status
