"""The pages' and maps' own words in Vietnamese and English: ``words.toml``, ``key = [vi, en]``.

Coded values of the data (statuses, crafts…) are labelled in ``geo.i18n.labels``; sentences the
services say are in ``geo.i18n.messages``. This table holds every heading, legend word, button and
column name of the map pages and the capacity pages. Keys are grouped by a prefix where a family
shares one (``fig.``, ``basis.``, ``chart.``…).
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.i18n.lang import pick
from geo.i18n.tables import load, pairs

WORDS = pairs(load("words"), "words.toml")


def word(key: str, lang: str = "vi") -> str:
    """One word in the reader's language (a missing key is a programming error: KeyError)."""
    return pick(WORDS[key], lang)


def words(lang: str, keys: Iterable[str] | None = None) -> dict[str, str]:
    """Many words at once (all of them by default), e.g. for a template or the browser."""
    return {k: pick(WORDS[k], lang) for k in (WORDS if keys is None else keys)}
