"""The store contract, run on every store (GeoPackage and PostGIS) with the same assertions.

Plus the PostGIS-only checks that make "same behaviour" true: the real dataset read back equal
from both stores, the same answers to bbox/datetime/property/sortby queries, the SQL folding
function equal to ``geo.spatial.text.fold``, and migrations applied once.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

import psycopg
import pytest
import shapely

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection
from geo.model.errors import DuplicateFeature, FeatureNotFound, InvalidFilter, StoreUnavailable, VersionConflict
from geo.model.feature import Feature, ItemQuery, Source
from geo.records.loader import load, read_dataset
from geo.spatial import cql2
from geo.spatial.text import fold
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from geo.store.postgis.store import PostgisStore
from tests.support.postgis import Cluster
from tests.support.records import KIEN_BAI, MY_DONG
from tests.support.stores import DATA_DIR, same_features

VILLAGES = COLLECTIONS["villages"]
ALL = ItemQuery(limit=100_000, include_private=True)


def village(fid: str, name: str = "Làng thử") -> Feature:
    props = {f.name: None for f in VILLAGES.fields}
    props.update(id=fid, name=name, commune_id="11521", crafts=["đúc đồng"], craft_group="metal",
                 sources=["src-test"], location_precision="approximate", illustrative=True, households=12,
                 contact_phone="0900 000 000")
    return Feature(fid, shapely.Point(*KIEN_BAI), props)


# -- every store ---------------------------------------------------------------------------------
def test_round_trip_every_collection(any_store: Store, tiny_data: Path) -> None:
    expected, _ = read_dataset(tiny_data)
    assert any_store.counts() == {cid: len(expected[cid]) for cid in LOAD_ORDER}
    for cid in LOAD_ORDER:
        same_features(any_store.query(COLLECTIONS[cid], ALL).features, expected[cid])


def test_private_fields_only_on_request(any_store: Store) -> None:
    assert "contact_phone" not in any_store.get(VILLAGES, "my-dong").properties
    assert any_store.get(VILLAGES, "my-dong", include_private=True).properties["contact_phone"] == "0000 000 000"
    page = any_store.query(VILLAGES, ItemQuery())
    assert all("contact_phone" not in f.properties for f in page.features)


def test_queries_page_filter_and_count(any_store: Store) -> None:
    admin = COLLECTIONS["admin_units"]
    page = any_store.query(admin, ItemQuery(limit=1, offset=1, sortby=(("name", True),)))
    assert page.number_matched == 2
    assert [f.id for f in page.features] == ["11521"]  # "Huyện …" < "Xã …"
    assert any_store.query(admin, ItemQuery(limit=0)).number_matched == 2
    assert any_store.query(admin, ItemQuery(offset=50)).features == []
    assert [f.id for f in any_store.query(admin, ItemQuery(properties={"level": "commune"})).features] == ["11521"]
    assert [f.id for f in any_store.query(VILLAGES, ItemQuery(properties={"crafts": "đúc kim loại"})).features] \
        == ["my-dong"]
    assert any_store.query(VILLAGES, ItemQuery(properties={"crafts": "đúc"})).number_matched == 0
    assert any_store.query(VILLAGES, ItemQuery(properties={"establishments": 193})).number_matched == 1
    assert any_store.query(VILLAGES, ItemQuery(ids=("my-dong", "nope"))).number_matched == 1
    assert any_store.query(VILLAGES, ItemQuery(ids=())).number_matched == 0


def test_bbox_and_datetime(any_store: Store) -> None:
    lon, lat = MY_DONG
    near = (lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001)
    assert [f.id for f in any_store.query(VILLAGES, ItemQuery(bbox=near)).features] == ["my-dong"]
    far = (105.0, 21.5, 105.1, 21.6)
    assert any_store.query(VILLAGES, ItemQuery(bbox=far)).number_matched == 0
    # A polygon whose bounding box meets the query box but whose shape does not.
    plots = COLLECTIONS["cluster_plots"]
    x, y = KIEN_BAI
    assert any_store.query(plots, ItemQuery(bbox=(x - 0.0006, y - 0.0006, x + 0.0006, y + 0.0006))).number_matched == 1
    projects = COLLECTIONS["projects"]
    assert [f.id for f in any_store.query(projects, ItemQuery(datetime=("2020-03-01", "2020-03-01"))).features] \
        == ["p-pilot"]
    assert any_store.query(projects, ItemQuery(datetime=("2021-01-01", None))).number_matched == 0
    admin = COLLECTIONS["admin_units"]
    assert [f.id for f in any_store.query(admin, ItemQuery(datetime=("2025-03-01", None))).features] == ["311"]


def test_extent(any_store: Store) -> None:
    ext = any_store.extent(COLLECTIONS["projects"])
    assert ext.interval == ("2019-01-01T00:00:00Z", "2020-12-31T23:59:59Z")
    assert ext.bbox is not None
    lon, lat = MY_DONG
    assert ext.bbox[0] <= lon <= ext.bbox[2] and ext.bbox[1] <= lat <= ext.bbox[3]
    assert ext.bbox[2] - ext.bbox[0] < 1e-4
    assert any_store.extent(VILLAGES).interval is None


def test_search_folds_accents_and_d(any_store: Store) -> None:
    hits = any_store.search(["my", "dong"], [VILLAGES, COLLECTIONS["admin_units"]], 10)
    assert {(c.id, f.id) for c, f in hits} == {("villages", "my-dong"), ("admin_units", "11521")}
    assert [f.id for _, f in any_store.search([fold("ĐÚC KIM")], [VILLAGES], 10)] == ["my-dong"]
    assert any_store.search(["100%"], [VILLAGES], 10) == []
    assert all("contact_phone" not in f.properties for _, f in hits)


def test_versions_conflicts_and_audit(any_store: Store) -> None:
    created = any_store.create(VILLAGES, village("v-new"), actor="alice")
    assert created.version == 1
    with pytest.raises(DuplicateFeature):
        any_store.create(VILLAGES, village("v-new"), actor="alice")
    changed = village("v-new", name="Làng đã sửa")
    assert any_store.replace(VILLAGES, changed, if_version=1, actor="bob").version == 2
    with pytest.raises(VersionConflict) as conflict:
        any_store.replace(VILLAGES, village("v-new", name="stale"), if_version=1, actor="carol")
    assert conflict.value.extra["current_version"] == 2
    stored = any_store.get(VILLAGES, "v-new", include_private=True)
    assert (stored.version, stored.properties["name"]) == (2, "Làng đã sửa")
    with pytest.raises(VersionConflict):
        any_store.delete(VILLAGES, "v-new", if_version=1, actor="carol")
    any_store.delete(VILLAGES, "v-new", if_version=2, actor="carol")
    with pytest.raises(FeatureNotFound):
        any_store.get(VILLAGES, "v-new")
    with pytest.raises(FeatureNotFound):
        any_store.replace(VILLAGES, changed, if_version=2, actor="bob")

    history = any_store.history(VILLAGES, "v-new")
    assert [(h.action, h.actor, h.version) for h in history] == [
        ("create", "alice", 1), ("replace", "bob", 2), ("delete", "carol", 3)]
    assert history[0].before is None and history[0].after is not None
    assert history[0].after["properties"]["name"] == "Làng thử"
    assert history[0].after["geometry"] == {"type": "Point", "coordinates": list(KIEN_BAI)}
    assert history[1].before["properties"]["name"] == "Làng thử"  # type: ignore[index]
    assert history[1].after["properties"]["name"] == "Làng đã sửa"  # type: ignore[index]
    assert history[2].after is None and history[2].before is not None
    assert history[0].seq < history[1].seq < history[2].seq
    assert history[0].at.endswith("Z") and history[0].at[:2] == "20"
    newest = any_store.audit_log(limit=2, offset=0)
    assert [h.action for h in newest] == ["delete", "replace"]
    assert [h.action for h in any_store.audit_log(limit=5, offset=2)] == ["create"]


def test_recreated_feature_never_reuses_a_version(any_store: Store) -> None:
    """An ETag taken before a delete must not match the record created again under the same id."""
    any_store.create(VILLAGES, village("v-again"), actor="alice")
    any_store.delete(VILLAGES, "v-again", if_version=1, actor="alice")
    again = any_store.create(VILLAGES, village("v-again", name="Làng tạo lại"), actor="bob")
    assert again.version == 3
    assert any_store.get(VILLAGES, "v-again").version == 3
    with pytest.raises(VersionConflict):
        any_store.replace(VILLAGES, village("v-again", name="stale"), if_version=1, actor="carol")
    any_store.delete(VILLAGES, "v-again", if_version=3, actor="bob")
    any_store.create_many(VILLAGES, [village("v-again", name="Làng nhập lại")], actor="import")
    assert any_store.get(VILLAGES, "v-again").version == 5  # an import continues the numbering too
    assert [h.version for h in any_store.history(VILLAGES, "v-again")] == [1, 2, 3, 4, 5]


def test_create_many_is_all_or_nothing(any_store: Store) -> None:
    seen: list[int] = []
    fresh = [village(f"bulk-{i}") for i in range(3)]
    assert any_store.create_many(VILLAGES, fresh, actor="importer", progress=seen.append) == 3
    assert seen and seen[-1] == 3
    assert any_store.get(VILLAGES, "bulk-2").version == 1
    assert len(any_store.history(VILLAGES, "bulk-1")) == 1
    before = any_store.counts()
    with pytest.raises(DuplicateFeature):
        any_store.create_many(VILLAGES, [village("bulk-9"), village("my-dong")], actor="importer")
    assert any_store.counts() == before
    with pytest.raises(FeatureNotFound):
        any_store.get(VILLAGES, "bulk-9")


class ExplodingSequence(Sequence[Feature]):
    """A collection's data that fails half-way through being written, like a crash mid-load."""

    def __init__(self, features: list[Feature]) -> None:
        self.features = features

    def __len__(self) -> int:
        return len(self.features)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    def __iter__(self) -> Iterator[Feature]:
        yield self.features[0]
        raise RuntimeError("disk on fire")


def test_failed_load_leaves_old_data(any_store: Store, tiny_data: Path) -> None:
    data, _ = read_dataset(tiny_data)
    any_store.replace(VILLAGES, village("my-dong", name="edited before the load"), if_version=1, actor="a")
    before = {cid: any_store.query(COLLECTIONS[cid], ALL).features for cid in LOAD_ORDER}
    broken = {**data, "villages": [], "projects": ExplodingSequence(data["projects"])}
    with pytest.raises(RuntimeError, match="disk on fire"):
        any_store.load_all(broken)  # type: ignore[arg-type]
    for cid in LOAD_ORDER:
        same_features(any_store.query(COLLECTIONS[cid], ALL).features, before[cid])
    assert len(any_store.history(VILLAGES, "my-dong")) == 1
    # A successful load replaces everything and starts the audit trail afresh.
    assert load(tiny_data, any_store).counts["villages"] == 1
    assert any_store.get(VILLAGES, "my-dong").version == 1
    assert any_store.audit_log(10, 0) == []


def test_tokens(any_store: Store) -> None:
    from geo.model.errors import TokenExists

    record = any_store.add_token("editor-1", "editor", "a" * 64)
    assert record.role == "editor" and record.revoked_at is None and record.created_at.endswith("Z")
    with pytest.raises(TokenExists):
        any_store.add_token("editor-1", "admin", "b" * 64)
    found = any_store.find_token("a" * 64)
    assert found is not None and found.name == "editor-1"
    assert any_store.revoke_token("editor-1") is True
    assert any_store.revoke_token("editor-1") is False
    assert any_store.find_token("a" * 64) is None
    assert [t.name for t in any_store.list_tokens()] == ["editor-1"]


def test_empty_store_says_load_first(empty_store: Store) -> None:
    with pytest.raises(StoreUnavailable, match="craftmap load"):
        empty_store.counts()


# -- PostGIS against the GeoPackage --------------------------------------------------------------
@pytest.fixture(scope="module")
def real_pair(real_store_path: Path, postgis_cluster: Cluster) -> Iterator[tuple[GpkgStore, PostgisStore]]:
    gpkg = GpkgStore(real_store_path)
    pg = PostgisStore(postgis_cluster.new_database("contract_real"), pool_size=2)
    load(DATA_DIR, pg)
    yield gpkg, pg
    gpkg.close()
    pg.close()


def _queries(collection: Collection, extent: tuple[float, float, float, float]) -> list[ItemQuery]:
    minx, miny, maxx, maxy = extent
    midx, midy = (minx + maxx) / 2, (miny + maxy) / 2
    out = [ItemQuery(limit=10_000, bbox=b) for b in
           ((minx, miny, midx, midy), (midx, midy, maxx, maxy), (midx - 0.05, midy - 0.05, midx + 0.05, midy + 0.05))]
    out += [ItemQuery(limit=7, offset=3), ItemQuery(limit=10_000, sortby=(("id", False),))]
    for f in collection.public_fields:
        if f.type in ("string", "integer", "number", "date", "boolean"):
            out.append(ItemQuery(limit=10_000, sortby=((f.name, True),)))
            out.append(ItemQuery(limit=10_000, sortby=((f.name, False),)))
    if collection.temporal is not None:
        for interval in (("2019-01-01", "2019-12-31"), ("2015-06-01", None), (None, "2010-01-01"),
                         ("2021-05-05", "2021-05-05")):
            out.append(ItemQuery(limit=10_000, datetime=interval))
    return out


@pytest.mark.postgis
def test_real_data_equal_in_both_stores(real_pair: tuple[GpkgStore, PostgisStore]) -> None:
    gpkg, pg = real_pair
    assert pg.counts() == gpkg.counts()
    assert sum(gpkg.counts().values()) > 50
    for cid in LOAD_ORDER:
        same_features(pg.query(COLLECTIONS[cid], ALL).features, gpkg.query(COLLECTIONS[cid], ALL).features)


@pytest.mark.postgis
@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_real_queries_answer_the_same(real_pair: tuple[GpkgStore, PostgisStore], cid: str) -> None:
    gpkg, pg = real_pair
    collection = COLLECTIONS[cid]
    g_ext, p_ext = gpkg.extent(collection), pg.extent(collection)
    assert g_ext.interval == p_ext.interval
    assert g_ext.bbox is not None and p_ext.bbox is not None
    assert all(abs(a - b) < 5e-5 for a, b in zip(g_ext.bbox, p_ext.bbox, strict=True))
    for q in _queries(collection, p_ext.bbox):
        g, p = gpkg.query(collection, q), pg.query(collection, q)
        assert p.number_matched == g.number_matched, q
        assert [f.id for f in p.features] == [f.id for f in g.features], q
    for f in collection.public_fields:
        values = {v for feat in gpkg.query(collection, ALL).features
                  if not isinstance(v := feat.properties.get(f.name), list | dict | type(None))}
        for value in sorted(values, key=str)[:3]:
            q = ItemQuery(limit=10_000, properties={f.name: value})
            assert [x.id for x in pg.query(collection, q).features] == \
                [x.id for x in gpkg.query(collection, q).features], (f.name, value)
    terms = [fold(str(feat.properties.get(collection.name_field)))[:6]
             for feat in gpkg.query(collection, ItemQuery(limit=3)).features]
    for term in terms:
        assert [x.id for _, x in pg.search([term], [collection], 50)] == \
            [x.id for _, x in gpkg.search([term], [collection], 50)]


VIETNAMESE = ("aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹdđ")


@pytest.mark.postgis
def test_sql_fold_equals_python_fold(pg_url: str, real_pair: tuple[GpkgStore, PostgisStore]) -> None:
    PostgisStore(pg_url).migrate()
    words = [*VIETNAMESE, *VIETNAMESE.upper(), "Làng nghề đúc Mỹ Đồng", "  ĐIỂM   công\tnghiệp  ",
             unicodedata.normalize("NFD", "Thủy Nguyên, Hải Phòng"), "Ñandú Ærø ß", "Điện Biên 100%"]
    gpkg, _ = real_pair
    for cid in LOAD_ORDER:
        words += [str(f.properties.get(COLLECTIONS[cid].name_field))
                  for f in gpkg.query(COLLECTIONS[cid], ItemQuery(limit=10_000)).features]
    with psycopg.connect(pg_url) as conn:
        folded = [r[0] for r in conn.execute("SELECT cm_fold(w) FROM unnest(%s::text[]) AS w", [words])]
    mismatches = [(w, sql, fold(w)) for w, sql in zip(words, folded, strict=True)
                  if sql != fold(w) and "ß" not in w]
    assert mismatches == []


@pytest.mark.postgis
def test_migrations_apply_once_and_are_recorded(pg_url: str) -> None:
    from geo.store.postgis.schema import migrations

    store = PostgisStore(pg_url)
    assert store.migrate() == [v for v, _, _ in migrations()]
    assert store.migrate() == []
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT version, name FROM craftmap_schema_version ORDER BY version").fetchall()
    assert rows[0] == (1, "base")
    with psycopg.connect(pg_url) as conn:
        indexes = {r[0] for r in conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'villages'")}
    assert indexes == set()  # no collection tables before the first load


@pytest.mark.postgis
def test_indexes_after_load(pg_url: str, tiny_data: Path) -> None:
    store = PostgisStore(pg_url)
    load(tiny_data, store)
    store.close()
    with psycopg.connect(pg_url) as conn:
        defs = [r[0] for r in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'villages'")]
        geom_type = conn.execute("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'villages'").fetchone()
    assert any("USING gist (geom)" in d for d in defs)
    assert any("UNIQUE INDEX" in d and "(id)" in d for d in defs)
    assert geom_type == ("POINT", 4326)


def test_unreachable_database_is_store_unavailable() -> None:
    from tests.support.servers import free_port

    store = PostgisStore(f"postgresql://postgres@127.0.0.1:{free_port()}/none")
    with pytest.raises(StoreUnavailable, match="Cannot reach"):
        store.counts()


FILTERS = (
    "name LIKE '%Mỹ%'", "ACCENTI(name) LIKE ACCENTI('%dong%')", "CASEI(name) LIKE CASEI('%LÀNG%')",
    "name LIKE 'Làng nghề _%'", "households > 100", "households >= 50 AND households < 500",
    "workers BETWEEN 100 AND 1000", "crafts = 'đúc kim loại'", "ACCENTI(crafts) LIKE '%moc%'",
    "craft_group IN ('metal', 'wood_stone')", "NOT (craft_group = 'metal')", "recognition IS NULL",
    "recognition_year > 2005 OR pollution_risk = 'high'", "illustrative = true", "illustrative = false",
    "S_INTERSECTS(geometry, BBOX(106.55, 20.80, 106.70, 20.95))",
    "S_WITHIN(geometry, POLYGON((106.5 20.7, 106.9 20.7, 106.9 21.0, 106.5 21.0, 106.5 20.7)))",
    "S_DISJOINT(geometry, POINT(106.68 20.86))", "S_CONTAINS(geometry, POINT(106.63284 20.93895))",
    "kind = 'cum_cong_nghiep' AND planned_area_ha > 30", "leased_area_ha IS NOT NULL",
    "status = 'free'", "severity IN ('serious', 'high')", "T_AFTER(assessment_date, DATE('2018-01-01'))",
    "T_INTERSECTS(year_start, INTERVAL('2019-01-01', '2020-12-31'))", "budget_public_vnd > 500000000",
    "village_ids = 'my-dong' OR programme = 'national'", "level = 'commune' AND valid_to < DATE('2025-06-01')",
    "households * 2 > workers", "name = 5",
)


def _ids_or_error(store: Store, collection: Collection, node: object) -> object:
    try:
        return [f.id for f in store.query(collection, ItemQuery(limit=10_000, filter=node)).features]
    except InvalidFilter as exc:  # any other error must fail the test
        return type(exc).__name__


@pytest.mark.postgis
@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_real_cql2_filters_answer_the_same(real_pair: tuple[GpkgStore, PostgisStore], cid: str) -> None:
    from geo.spatial.cql2 import parse_text

    gpkg, pg = real_pair
    collection = COLLECTIONS[cid]
    matched = 0
    for text in FILTERS:
        node = parse_text(text)
        expected = _ids_or_error(gpkg, collection, node)
        got = _ids_or_error(pg, collection, node)
        if expected != got:
            assert (expected, got) == ([], "InvalidFilter"), text  # PostgreSQL refuses mixed types
        matched += isinstance(expected, list) and len(expected) > 0
    assert matched >= 2


def test_unfiltered_count_follows_every_write(any_store: Store) -> None:
    """Both stores answer unfiltered counts from a kept counter: it must match a real count after writes."""
    before = any_store.query(VILLAGES, ItemQuery(limit=0)).number_matched
    any_store.create(VILLAGES, village("v-c1"), actor="t")
    any_store.create_many(VILLAGES, [village("v-c2"), village("v-c3")], actor="t")
    any_store.delete(VILLAGES, "v-c1", if_version=1, actor="t")
    page = any_store.query(VILLAGES, ItemQuery(limit=1000))
    assert page.number_matched == before + 2 == len(page.features)
    assert any_store.counts()["villages"] == before + 2


def test_filtered_count_follows_every_write(any_store: Store) -> None:
    """Filtered counts are kept per data version: each write must show in the next page's count."""
    metal = ItemQuery(limit=1000, properties={"craft_group": "metal"})
    cql = ItemQuery(limit=1, filter=cql2.parse_text("craft_group = 'metal'"))

    def counts() -> tuple[int, int, int]:
        page = any_store.query(VILLAGES, metal)
        return page.number_matched, len(page.features), any_store.query(VILLAGES, cql).number_matched

    before, listed, _ = counts()
    assert before == listed and counts()[2] == before  # read twice: the second answer comes from the kept count
    any_store.create(VILLAGES, village("v-f1"), actor="t")
    assert counts() == (before + 1, before + 1, before + 1)
    changed = village("v-f1")
    changed.properties["craft_group"] = "wood"
    any_store.replace(VILLAGES, changed, if_version=1, actor="t")
    assert counts() == (before, before, before)


def test_deep_offsets_after_writes(any_store: Store) -> None:
    """Offsets past ``MARK_EVERY`` start from kept marks: the pages must be exactly the plain listing's,
    filtered or not, before and after writes that shift every later row."""
    many = [village(f"v-m{i:04d}") for i in range(2600)]
    for i, f in enumerate(many):
        f.properties["craft_group"] = "metal" if i % 3 else "wood_stone"
    any_store.create_many(VILLAGES, many, actor="t")
    metal = {"craft_group": "metal"}

    def check() -> None:
        for props in ({}, metal):
            listing = [f.id for f in any_store.query(VILLAGES, ItemQuery(limit=100_000, properties=props)).features]
            for offset in (999, 1000, 1001, 1730, 2001, len(listing) - 5, len(listing) + 3):
                page = any_store.query(VILLAGES, ItemQuery(limit=40, offset=offset, properties=props))
                assert [f.id for f in page.features] == listing[offset:offset + 40], (props, offset)
                assert page.number_matched == len(listing)

    check()
    for fid in ("v-m0003", "v-m0004", "v-m0500"):
        any_store.delete(VILLAGES, fid, if_version=1, actor="t")
    check()


def test_every_committed_write_changes_the_data_version(any_store: Store) -> None:
    """Caches key on the data version (the newest audit number): a write that commits after a later-numbered
    one must still change it, so audit numbers have to follow commit order."""
    assert isinstance(any_store, GpkgStore | PostgisStore)
    # The second writer writes elsewhere (a source), so no row both writers touch orders them already.
    source = Source(id="src-order", title="Biên bản thử", publisher="UBND xã", address="", date="2025-07-01",
                    language="vi")
    other = threading.Thread(target=lambda: any_store.add_source(source, actor="b"))
    with any_store._audited() as conn:  # the first writer, still open
        any_store._create_in(conn, VILLAGES, [village("v-first")], actor="a")
        other.start()
        other.join(1.0)  # the second writer waits for the first, or commits ahead of it
        seen = any_store.data_version()  # what a reader sees meanwhile
    other.join(30)
    assert not other.is_alive()
    assert any_store.data_version() != seen
    assert any_store.get(VILLAGES, "v-first").id == "v-first"
    assert "src-order" in any_store.stored_sources()
