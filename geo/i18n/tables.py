"""The word tables as data: ``words.toml``, ``labels.toml`` and ``messages.toml`` beside this module.

Every entry is a ``[Vietnamese, English]`` pair; translators edit the TOML files, the code only
looks words up (``geo.i18n.words``, ``geo.i18n.labels``, ``geo.i18n.messages``) and picks the
reader's half with :func:`geo.i18n.lang.pick`. A malformed entry fails at import, not on a page.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

Pair = tuple[str, str]
HERE = Path(__file__).resolve().parent


def load(name: str) -> dict[str, Any]:
    """The parsed ``geo/i18n/<name>.toml`` (shipped as package data)."""
    with (HERE / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def pairs(table: dict[str, Any], where: str) -> dict[str, Pair]:
    """``key -> (vi, en)``, every value checked to be two strings."""
    out: dict[str, Pair] = {}
    for key, value in table.items():
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise ValueError(f"{where}: '{key}' must be [Vietnamese, English], got {value!r}.")
        out[key] = (value[0], value[1])
    return out
