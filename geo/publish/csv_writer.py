"""The one CSV writer: every CSV craftmap serves or exports goes through ``csv_document``.

UTF-8 with a BOM (Excel reads Vietnamese correctly), CRLF lines, and text cells that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR) prefixed with ``'``
(OWASP's advice against CSV injection). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: formula-like text neutralised, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_document(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file as bytes."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def rewrite_csv(data: bytes) -> bytes:
    """A CSV file (e.g. ``data/sources.csv``) passed through the writer, so it is served neutralised."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return csv_document(rows[0] if rows else [], rows[1:])
