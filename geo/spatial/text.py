"""Text folding for search: case- and accent-insensitive, with Vietnamese đ → d.

Unicode decomposition strips tone and vowel marks but leaves đ/Đ alone (it is a
separate letter, not d plus a mark), so it is mapped explicitly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without diacritics, with đ → d and spaces collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def nfc(text: str) -> str:
    """Vietnamese text is compared and stored in NFC (one code point per accented letter)."""
    return unicodedata.normalize("NFC", text)
