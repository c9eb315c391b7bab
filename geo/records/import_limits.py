"""What an imported file may cost: rows, uncompressed bytes, compression ratio, layer kind.

Checked before the reader does the expensive part (a zip's members are measured from its
directory, a GeoPackage layer from its tables, a file's rows before they are built into
records), so a small hostile upload cannot take seconds and hundreds of MB. Reader errors are
reported in the file's own words with the server's temporary paths removed.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

from geo.model.errors import MalformedBody
from geo.model.limits import DEFAULT_LIMITS, Limits


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Total uncompressed size and each member's compression ratio, from the zip's directory."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MalformedBody(f"The .zip file is not a valid zip archive: {public_message(exc, path)}") from None
    limits.check("max_import_bytes", sum(m.file_size for m in members), "The zip's uncompressed size (bytes)")
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        limits.check("max_import_ratio", ratio, f"The compression ratio of {Path(m.filename).name}")


def check_size(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    limits.check("max_import_bytes", path.stat().st_size, "The file's size (bytes)")


def check_gpkg_tables(path: Path) -> None:
    """Only tables are imported: a view (or a virtual table) can cost any amount of work to read.

    Read with SQLite before GDAL opens the file, so a file that is no GeoPackage fails here in one line.
    """
    query = ("SELECT c.table_name, m.type || CASE WHEN m.sql LIKE 'CREATE VIRTUAL%' THEN ' (virtual)' ELSE '' END "
             "FROM gpkg_contents AS c "
             "LEFT JOIN sqlite_master AS m ON m.name = c.table_name")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            layers = conn.execute(query).fetchall()
    except sqlite3.Error as exc:
        raise MalformedBody(f"The file is not a readable GeoPackage: {public_message(exc, path)}") from None
    for name, kind in layers:
        if kind != "table":
            raise MalformedBody(f"The GeoPackage layer '{name}' is {'missing' if kind is None else 'a ' + kind}; "
                                "craftmap imports tables only.")


def check_row_count(count: int, limits: Limits = DEFAULT_LIMITS) -> None:
    limits.check("max_import_rows", count, "The number of rows in the file")


def public_message(exc: BaseException, path: Path) -> str:
    """The reader's own words without server paths (the upload folder, /vsizip/ prefixes)."""
    text = str(exc).replace(f"/vsizip/{path}", path.name).replace(str(path.parent), "")
    return re.sub(r"(/vsizip)?/(tmp|var|home|root|work)/\S*?/(?=[^/\s]+)", "", text)[:500]
