"""The one language parser: every page, map, chart and JSON sentence reads ``lang`` through it."""

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

