"""The ``lang`` parameter of every page: Vietnamese unless English is asked for."""

from __future__ import annotations

from geo.model.errors import InvalidParameter


def check_lang(lang: str | None) -> str:
    """``vi`` when absent or ``vi``, ``en`` for ``en``; anything else is an invalid parameter (a 400)."""
    if lang is None or lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidParameter(f"lang must be vi or en, got '{lang}'.")
