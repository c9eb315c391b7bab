"""The PostGIS schema: versioned SQL migrations and collection tables that follow the registry.

Migrations are the ``NNNN_name.sql`` files beside this module, applied in order and recorded
in ``craftmap_schema_version``; an advisory lock makes several workers starting at once apply
each file exactly once. Collection tables are derived from ``geo/layers.py``: ``load_all``
builds them, and ``sync_columns`` adds columns the registry gained since the last load, so a
deployment never needs hand-written DDL.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from typing import Any

import psycopg

from geo.model.collections import COLLECTIONS, Collection, Field
from geo.store.codec import filter_index_columns

log = logging.getLogger(__name__)

_LOCK_KEY = 0x63726166746D6170  # "craftmap": migrations, one worker at a time
LOAD_LOCK_KEY = _LOCK_KEY + 1  # loads, one at a time
AUDIT_LOCK_KEY = _LOCK_KEY + 2  # writes that audit, one at a time (audit numbers in commit order)
_MIGRATION = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Dates stay ISO text as in the GeoPackage, so comparisons, sorting and filters behave the same.
_SQL_TYPES = {"string": "text", "integer": "bigint", "number": "double precision", "boolean": "boolean",
              "date": "text", "array": "jsonb", "object": "jsonb"}


def q(name: str) -> str:
    """Quote an identifier; names come from the registry, never from requests."""
    return '"' + name.replace('"', '""') + '"'


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every migration file, in order."""
    out = []
    for entry in resources.files("geo.store.migrations").iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(conn: psycopg.Connection[Any]) -> list[int]:
    """Apply the migrations this database lacks, each in its own transaction; return their versions."""
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        conn.execute("CREATE TABLE IF NOT EXISTS craftmap_schema_version ("
                     "version integer PRIMARY KEY, name text NOT NULL, "
                     "applied_at timestamptz NOT NULL DEFAULT now())")
        done = {r[0] for r in conn.execute("SELECT version FROM craftmap_schema_version")}
        for version, name, sql in migrations():
            if version in done:
                continue
            with conn.transaction():
                conn.execute(sql.encode())
                conn.execute("INSERT INTO craftmap_schema_version (version, name) VALUES (%s, %s)",
                             [version, name])
            log.info("applied PostGIS migration %04d_%s", version, name)
            applied.append(version)
        sync_columns(conn)
    return applied


def column_type(f: Field) -> str:
    return _SQL_TYPES[f.type]


def geometry_type(collection: Collection) -> str:
    return f"geometry({collection.geometry_type}, 4326)"


def create_table_sql(collection: Collection, table: str) -> list[str]:
    """DDL for one collection table named ``table``: fid order, id, registry columns, internals."""
    cols = [f"{q(f.name)} {column_type(f)}{' NOT NULL' if f.name == 'id' else ''}" for f in collection.fields]
    null = "" if collection.nullable_geometry else " NOT NULL"
    return [
        f"CREATE TABLE {q(table)} (fid bigserial PRIMARY KEY, geom {geometry_type(collection)}{null}, "
        f"{', '.join(cols)}, cm_version integer NOT NULL DEFAULT 1, cm_search text NOT NULL DEFAULT '')",
    ]


def index_sql(collection: Collection) -> list[str]:
    """Indexes built after the bulk copy (faster than maintaining them row by row)."""
    t = collection.id
    return [
        f"CREATE UNIQUE INDEX {q(t + '_id')} ON {q(t)} (id)",
        f"CREATE INDEX {q(t + '_geom')} ON {q(t)} USING gist (geom)",
        *(f"CREATE INDEX {q(f'{t}_{name}')} ON {q(t)} ({q(name)})" for name in filter_index_columns(collection)),
    ]


def count_sql(collection: Collection) -> list[str]:
    """Start the exact count of a freshly loaded table and the triggers that keep it (migration 0003)."""
    t = collection.id
    return [
        f"INSERT INTO craftmap_counts VALUES ('{t}', (SELECT count(*) FROM {q(t)})) "
        "ON CONFLICT (collection) DO UPDATE SET n = EXCLUDED.n",
        f"CREATE TRIGGER {q(t + '_count_ins')} AFTER INSERT ON {q(t)} REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION craftmap_count_inserted()",
        f"CREATE TRIGGER {q(t + '_count_del')} AFTER DELETE ON {q(t)} REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION craftmap_count_deleted()",
    ]


def sync_columns(conn: psycopg.Connection[Any]) -> None:
    """Add registry fields missing from existing collection tables (a registry that grew)."""
    rows = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY(%s)", [list(COLLECTIONS)]).fetchall()
    existing: dict[str, set[str]] = {}
    for table, column in rows:
        existing.setdefault(table, set()).add(column)
    for cid, columns in existing.items():
        for f in COLLECTIONS[cid].fields:
            if f.name not in columns:
                conn.execute(f"ALTER TABLE {q(cid)} ADD COLUMN {q(f.name)} {column_type(f)}")
                log.info("added column %s.%s from the registry", cid, f.name)
