"""The one language rule: every page, map, chart and JSON sentence reads ``lang`` through
:func:`parse_lang` and takes its half of a ``(vi, en)`` word pair with :func:`pick`."""

from __future__ import annotations

from typing import Literal

from geo.model.errors import InvalidParameter

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def parse_lang(text: str | None, parameter: str = "lang") -> Lang:
    """Absent or ``vi`` → Vietnamese, ``en`` → English; anything else (``""`` included) is refused,
    naming the parameter."""
    if text is None or text == "vi":
        return "vi"
    if text == "en":
        return "en"
    raise InvalidParameter(f"{parameter} must be vi or en, got '{text[:40]}'.")



def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``en`` or the ``vi`` half of a ``(vi, en)`` pair; Vietnamese unless English is asked for."""
    return pair[1] if lang == "en" else pair[0]
