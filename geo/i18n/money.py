"""Money in VND written for people: "3,865 tỷ đồng" for Vietnamese readers, "3.865 billion VND" in English.

Convention (the one Vietnamese official documents use): in Vietnamese text "," is the decimal
separator and "." groups thousands, so 3,865,000,000 VND is "3,865 tỷ đồng" (3.865 billion) and
1,993,000,000,000 VND is "1.993 tỷ đồng". English text uses the opposite marks ("3.865 billion VND").
Amounts are shown in the largest unit that keeps the number at or above 1 (tỷ = 10⁹,
triệu = 10⁶), with at most three decimals and no trailing zeros; the exact integer is always
available through :func:`exact` for a ``title`` attribute or a ``<data value>``.

An unknown amount (``None``) is never 0: it reads "chưa công bố" / "not published".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

BILLION = 1_000_000_000
MILLION = 1_000_000

_UNITS = {
    "vi": ((BILLION, "tỷ đồng"), (MILLION, "triệu đồng"), (1, "đồng")),
    "en": ((BILLION, "billion VND"), (MILLION, "million VND"), (1, "VND")),
}
_QUALIFIERS = {
    "vi": {"more_than": "hơn", "about": "khoảng"},
    "en": {"more_than": "more than", "about": "about"},
}
_NOT_PUBLISHED = {"vi": "chưa công bố", "en": "not published"}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def group_digits(n: int, lang: str = "vi") -> str:
    """An integer with thousands grouped: ``3.865.000.000`` (vi) or ``3,865,000,000`` (en)."""
    text = f"{abs(n):,}"
    if _lang(lang) == "vi":
        text = text.replace(",", ".")
    return ("-" if n < 0 else "") + text


def number(value: Decimal, lang: str = "vi", decimals: int = 3) -> str:
    """A decimal number rounded to ``decimals`` places, trailing zeros dropped, in the reader's marks."""
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):f}".partition(".")
    frac = frac.rstrip("0")
    grouped = ("-" if q < 0 else "") + group_digits(int(whole), lang)  # -0.0004 rounds to 0, unsigned
    if not frac:
        return grouped
    return grouped + ("," if _lang(lang) == "vi" else ".") + frac


def format_vnd(amount: int | None, lang: str = "vi", qualifier: str | None = None) -> str:
    """An amount of VND for reading; ``qualifier`` ``more_than``/``about`` prefixes "hơn"/"khoảng"."""
    lang = _lang(lang)
    if amount is None:
        return _NOT_PUBLISHED[lang]
    for size, unit in _UNITS[lang]:
        if abs(amount) >= size or size == 1:
            text = f"{number(Decimal(amount) / size, lang)} {unit}"
            break
    prefix = _QUALIFIERS[lang].get(qualifier or "")
    return f"{prefix} {text}" if prefix else text


def browser_table() -> dict[str, dict[str, object]]:
    """The tables :func:`format_vnd` reads, as JSON for the browser (``maps/static/core/money.js``)."""
    return {lang: {"units": [list(u) for u in _UNITS[lang]], "qualifiers": _QUALIFIERS[lang],
                   "not_published": _NOT_PUBLISHED[lang]} for lang in ("vi", "en")}


def exact(amount: int | None, lang: str = "vi") -> str:
    """The exact integer with its unit, for hover text: ``3.865.000.000 đồng``."""
    if amount is None:
        return _NOT_PUBLISHED[_lang(lang)]
    return f"{group_digits(amount, lang)} {'đồng' if _lang(lang) == 'vi' else 'VND'}"


def not_published(lang: str = "vi") -> str:
    """The words shown instead of an unknown amount."""
    return _NOT_PUBLISHED[_lang(lang)]
