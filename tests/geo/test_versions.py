"""The field-by-field diff of two versions (history page, conflict view): exact expectations."""

from __future__ import annotations

from shapely.geometry import Point, Polygon

from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.records.versions import FieldChange, changes, feature_of

PLOTS = COLLECTIONS["cluster_plots"]
FACILITIES = COLLECTIONS["facilities"]
SQUARE = Polygon([(106.0, 20.0), (106.001, 20.0), (106.001, 20.001), (106.0, 20.001)])


def plot(**props: object) -> Feature:
    base = {"id": "kb-1", "name": "Lô 1", "cluster_id": "kien-bai", "status": "free", "sources": ["src-a"]}
    return Feature("kb-1", SQUARE, {**base, **props}, 3)


def test_equal_versions_have_no_changes() -> None:
    assert changes(PLOTS, plot(), plot()) == []
    assert changes(PLOTS, plot(tenant=None), plot()) == []  # absent and null are the same


def test_changed_fields_come_in_registry_order_then_geometry() -> None:
    moved = Feature("kb-1", Polygon([(106.0, 20.0), (106.002, 20.0), (106.002, 20.001), (106.0, 20.001)]),
                    {**plot().properties, "tenant": "Công ty A", "status": "leased", "sources": ["src-a", "src-b"]})
    got = changes(PLOTS, plot(), moved)
    assert [c.name for c in got] == ["status", "tenant", "sources", "geometry"]
    assert got[0] == FieldChange("status", "free", "leased")
    assert got[1] == FieldChange("tenant", None, "Công ty A")
    assert got[2] == FieldChange("sources", ["src-a"], ["src-a", "src-b"])
    assert got[3].before["coordinates"][0][1] == [106.001, 20.0]
    assert got[3].after["coordinates"][0][1] == [106.002, 20.0]


def test_a_creation_and_a_deletion_list_every_set_field() -> None:
    created = changes(PLOTS, None, plot())
    assert [(c.name, c.before, c.after) for c in created[:-1]] == [
        ("id", None, "kb-1"), ("name", None, "Lô 1"), ("cluster_id", None, "kien-bai"), ("status", None, "free"),
        ("sources", None, ["src-a"])]
    assert created[-1].name == "geometry" and created[-1].before is None and created[-1].after["type"] == "Polygon"
    deleted = changes(PLOTS, plot(), None)
    assert [c.name for c in deleted] == ["id", "name", "cluster_id", "status", "sources", "geometry"]
    assert all(c.after is None for c in deleted)


def test_private_fields_only_when_asked() -> None:
    private = [f.name for f in FACILITIES.fields if f.private]
    assert private == ["contact_phone"]
    a = Feature("f-1", Point(106.0, 20.0), {"id": "f-1", "name": "X", "contact_phone": "0000 000 001"})
    b = Feature("f-1", Point(106.0, 20.0), {"id": "f-1", "name": "X", "contact_phone": "0000 000 002"})
    assert changes(FACILITIES, a, b) == []
    assert changes(FACILITIES, a, b, include_private=True) == [
        FieldChange("contact_phone", "0000 000 001", "0000 000 002")]


def test_geometry_is_compared_exactly_and_a_missing_one_counts() -> None:
    nudged = Feature("f-1", Point(106.0, 20.0000001), {"id": "f-1", "name": "X"})
    here = Feature("f-1", Point(106.0, 20.0), {"id": "f-1", "name": "X"})
    assert changes(FACILITIES, here, nudged) == [
        FieldChange("geometry", {"type": "Point", "coordinates": [106.0, 20.0]},
                    {"type": "Point", "coordinates": [106.0, 20.0000001]})]
    nowhere = Feature("f-1", None, {"id": "f-1", "name": "X"})
    assert changes(FACILITIES, here, nowhere) == [
        FieldChange("geometry", {"type": "Point", "coordinates": [106.0, 20.0]}, None)]
    assert changes(FACILITIES, nowhere, nowhere) == []


def test_an_audit_snapshot_diffs_like_the_feature() -> None:
    snap = {"geometry": {"type": "Point", "coordinates": [106.0, 20.0]}, "properties": {"id": "f-1", "name": "X"}}
    again = feature_of("f-1", snap, 2)
    assert again is not None and again.version == 2
    assert changes(FACILITIES, again, Feature("f-1", Point(106.0, 20.0), {"id": "f-1", "name": "Y"})) == [
        FieldChange("name", "X", "Y")]
    assert feature_of("f-1", None) is None
