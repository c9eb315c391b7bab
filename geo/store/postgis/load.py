"""Bulk loading of one collection table with ``COPY``, the fast path of ``load_all``.

Geometries go in as hex EWKB (SRID 4326) made by shapely in one vectorised call; the
row-by-row work is psycopg's C copy writer. A million points load in well under a minute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import psycopg
import shapely

from geo.model.collections import Collection
from geo.store.base import Feature
from geo.store.codec import search_text
from geo.store.postgis.codec import row_values, snapshot, to_pg, wkb
from geo.store.postgis.schema import q

BATCH = 500


def _hex_ewkb(features: Sequence[Feature]) -> list[str | None]:
    geoms = np.array([f.geometry for f in features], dtype=object)
    geoms = shapely.set_srid(geoms, 4326)
    return list(shapely.to_wkb(geoms, hex=True, include_srid=True))


def copy_collection(conn: psycopg.Connection[Any], collection: Collection, features: Sequence[Feature]) -> None:
    """Copy ``features`` into the (new, empty) table of ``collection`` in their given order."""
    fields = collection.fields
    cols = ", ".join(q(c) for c in ("geom", *(f.name for f in fields), "cm_version", "cm_search"))
    geoms = _hex_ewkb(features) if features else []
    with conn.cursor() as cur, cur.copy(f"COPY {q(collection.id)} ({cols}) FROM STDIN") as copy:
        for feature, geom in zip(features, geoms, strict=True):
            props = feature.properties
            copy.write_row((geom, *(to_pg(f, props.get(f.name)) for f in fields), feature.version,
                            search_text(collection, props)))


def insert_many(conn: psycopg.Connection[Any], collection: Collection, features: Sequence[Feature], actor: str,
                progress: Callable[[int], None] | None) -> int:
    """INSERT features at version 1 with their audit rows, in batches, inside the caller's transaction."""
    values = [row_values(collection, f) for f in features]
    cols = ", ".join(q(c) for c in values[0])
    marks = ", ".join("%s" for _ in values[0])
    insert = (f"INSERT INTO {q(collection.id)} (geom, cm_version, {cols}) "
              f"VALUES (ST_GeomFromWKB(%s, 4326), %s, {marks})")
    audit = ("INSERT INTO craftmap_audit (actor, action, collection, feature_id, version, before, after) "
             "VALUES (%s, 'create', %s, %s, %s, NULL, %s)")
    done = 0
    with conn.cursor() as cur:
        for start in range(0, len(features), BATCH):
            batch = features[start:start + BATCH]
            # Ids deleted earlier continue their numbering, as in ``PostgisStore.create``.
            cur.execute("SELECT feature_id, MAX(version) FROM craftmap_audit WHERE collection = %s "
                        "AND feature_id = ANY(%s) GROUP BY feature_id", [collection.id, [f.id for f in batch]])
            last = dict(cur.fetchall())
            versions = [(last.get(f.id) or 0) + 1 for f in batch]
            cur.executemany(insert, [[wkb(f), ver, *v.values()] for f, ver, v in
                                     zip(batch, versions, values[start:start + BATCH], strict=True)])
            cur.executemany(audit, [[actor, collection.id, f.id, ver, snapshot(f)]
                                    for f, ver in zip(batch, versions, strict=True)])
            done += len(batch)
            if progress is not None:
                progress(done)
    return done
