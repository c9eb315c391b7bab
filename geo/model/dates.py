"""Strict RFC 3339 dates and date-times: a regular expression for the shape, the calendar for the
values, so month 99, day 31 of April or hour 25 are refused rather than compared as text."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")
_PARTIAL = re.compile(r"^\d{4}(-\d{2})?$")  # a year or a month, which the datetime parameter also takes


def parse_date(text: str) -> date | None:
    """A full-date (``YYYY-MM-DD``) that exists in the calendar, else ``None``."""
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_instant(text: str, *, partial: bool = False) -> date | datetime | None:
    """An RFC 3339 full-date or date-time (with a zone) that exists, else ``None``.

    ``partial`` also takes ``YYYY`` and ``YYYY-MM`` (as their first day).
    """
    if partial and _PARTIAL.match(text):
        return parse_date(text + "-01-01"[len(text) - 4:])
    if _DATE.match(text):
        return parse_date(text)
    if not _DATETIME.match(text):
        return None
    fraction = re.search(r"\.(\d+)", text)
    if fraction and len(fraction.group(1)) > 6:  # Python reads microseconds; keep the instant, drop the rest
        text = text.replace(fraction.group(0), "." + fraction.group(1)[:6])
    try:
        return datetime.fromisoformat(text.upper().replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return None
