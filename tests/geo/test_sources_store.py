"""Sources entered in the workspace, on both stores: kept once, audited, joined to data/sources.csv, citable."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.model.collections import COLLECTIONS
from geo.model.errors import InvalidFeature
from geo.records import sources
from geo.records.editing import Editor
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from tests.support.records import KIEN_BAI, feature, square

PLOTS = COLLECTIONS["cluster_plots"]


def test_a_document_source_is_stored_once_and_audited(any_store: Store, tiny_data: Path) -> None:
    first = sources.document_source(any_store, "Nguyễn Thị Hà", number="123/QĐ-UBND", date="2025-03-14",
                                    title="Quyết định giao đất lô 7", address="https://example.org/qd-123")
    again = sources.document_source(any_store, "another officer", number="123/QĐ-UBND", date="2025-03-14",
                                    title="Quyết định giao đất lô 7", address="https://example.org/qd-123")
    assert again == first  # same inputs, same id: reused, not duplicated (and the first entrant kept)
    assert first.id.startswith("doc-2025-03-14-123-qd-ubnd-")
    assert (first.kind, first.number, first.date, first.entered_by) == ("document", "123/QĐ-UBND", "2025-03-14",
                                                                        "Nguyễn Thị Hà")
    assert any_store.stored_sources() == {first.id: first}
    entries = [e for e in any_store.audit_log(50, 0) if e.collection == "sources"]
    assert [(e.action, e.feature_id, e.actor, e.version) for e in entries] == [
        ("create", first.id, "Nguyễn Thị Hà", 1)]
    assert entries[0].after is not None and entries[0].after["properties"]["title"] == "Quyết định giao đất lô 7"
    other = sources.document_source(any_store, "Nguyễn Thị Hà", number="123/QĐ-UBND", date="2025-03-14",
                                    title="Another title")
    assert other.id != first.id
    assert set(any_store.stored_sources()) == {first.id, other.id}


def test_an_officer_source_is_one_per_officer_and_day_and_hides_the_name(any_store: Store) -> None:
    a = sources.officer_source(any_store, "Nguyễn Thị Hà", "2026-12-02")
    assert sources.officer_source(any_store, "Nguyễn Thị Hà", "2026-12-02") == a
    b = sources.officer_source(any_store, "Trần Văn Nam", "2026-12-02")
    c = sources.officer_source(any_store, "Nguyễn Thị Hà", "2026-12-03")
    assert len({a.id, b.id, c.id}) == 3
    assert a.kind == "officer" and a.date == "2026-12-02" and a.entered_by == "Nguyễn Thị Hà"
    for shown in (a.id, a.title, a.publisher):
        assert "Hà" not in shown and "nguyen" not in shown.lower()


def test_all_sources_joins_the_registry_and_the_store(any_store: Store, tiny_data: Path) -> None:
    assert set(sources.all_sources(any_store, tiny_data)) == {"src-test"}
    made = sources.officer_source(any_store, "ha", "2026-12-02")
    joined = sources.all_sources(any_store, tiny_data)
    assert list(joined) == ["src-test", made.id]
    assert joined["src-test"].title == "Test source" and joined["src-test"].kind == "document"
    assert sources.all_source_ids(any_store, tiny_data) == frozenset({"src-test", made.id})


def test_a_record_may_cite_a_stored_source_and_not_an_unknown_one(any_store: Store, tiny_data: Path) -> None:
    made = sources.officer_source(any_store, "ha", "2026-12-02")
    editor = Editor(any_store, "ha", sources.all_source_ids(any_store, tiny_data))
    raw = feature("cluster_plots", "kb-9", square(*KIEN_BAI, 0.0003), name="Lô 9", cluster_id="kien-bai",
                  status="leased", sources=[made.id], illustrative=False, location_precision="digitized")
    assert editor.create(PLOTS, raw).properties["sources"] == [made.id]
    raw["properties"].update(id="kb-10", sources=["officer-2026-12-02-00000000"])
    raw["id"] = "kb-10"
    with pytest.raises(InvalidFeature):
        editor.create(PLOTS, raw)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"number": " ", "date": "2025-03-14", "title": "t"}, "source_number"),
    ({"number": "1", "date": "14/03/2025", "title": "t"}, "source_date"),
    ({"number": "1", "date": "2025-03-14", "title": ""}, "source_title"),
    ({"number": "1", "date": "2025-03-14", "title": "t", "address": "javascript:alert(1)"}, "source_address"),
    ({"number": "1" * 301, "date": "2025-03-14", "title": "t"}, "source_number"),
])
def test_an_incomplete_document_is_refused_naming_its_field(any_store: Store, kwargs: dict[str, str],
                                                            field: str) -> None:
    with pytest.raises(InvalidFeature) as refused:
        sources.document_source(any_store, "ha", **kwargs)
    assert [e["field"] for e in refused.value.errors] == [field]
    assert any_store.stored_sources() == {}


def test_stored_sources_survive_a_reload_of_the_geopackage(tiny_store: GpkgStore, tiny_data: Path) -> None:
    from geo.records.loader import load

    made = sources.officer_source(tiny_store, "ha", "2026-12-02")
    load(tiny_data, tiny_store)
    assert tiny_store.stored_sources() == {made.id: made}


def test_stored_sources_travel_with_a_store_copy(any_store: Store, tmp_path: Path) -> None:
    from geo.store.transfer import copy_store

    made = sources.document_source(any_store, "ha", number="7/QĐ", date="2025-01-02", title="Quyết định 7")
    target = GpkgStore(tmp_path / "copy.gpkg")
    try:
        copy_store(any_store, target)
        assert target.stored_sources() == {made.id: made}
    finally:
        target.close()
