"""Text folding for search: case- and accent-insensitive, with Vietnamese đ → d.

Unicode decomposition strips tone and vowel marks but leaves đ/Đ alone (it is a
separate letter, not d plus a mark), so it is mapped explicitly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without diacritics, with đ → d and spaces collapsed."""
    return _cached_fold(text) if text else ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


# wrapped, not decorated: a decorated function is one mutation testing cannot reach
_cached_fold = lru_cache(maxsize=65536)(_fold)


def nfc(text: str) -> str:
    """Vietnamese text is compared and stored in NFC (one code point per accented letter)."""
    return unicodedata.normalize("NFC", text)
