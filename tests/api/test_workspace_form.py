"""The workspace form read back (api/pages/workspace_form.py) and the confirmation rule (geo/records/sources.py):
exact expectations, no server."""

from __future__ import annotations

from shapely.geometry import Point
from starlette.datastructures import FormData

from api.pages import workspace_form as wf
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.records.sources import CONFIRM_PROBLEM, confirmation_problems, officer_source_of

PROJECTS = COLLECTIONS["projects"]
PLOTS = COLLECTIONS["cluster_plots"]


def test_a_posted_project_form_becomes_its_geojson_feature() -> None:
    form = FormData([
        ("title", "  Đề án  đúc "), ("programme", "local"), ("kind", "project"), ("year_start", "2025"),
        ("budget_total_vnd", "1 500 000 000"), ("funders", "UBND"), ("funders", ""), ("funders", "HTX"),
        ("components[0].kind", "training"), ("components[0].description", "Tập huấn"),
        ("components[0].budget_vnd", "20000000"), ("components[1].kind", ""), ("components[1].description", ""),
        ("components[1].budget_vnd", ""), ("village_ids", "my-dong"), ("sources", "src-a"), ("source_add", "src-b"),
        ("location_precision", "approximate"), ("illustrative", "false"), ("geometry", ""),
    ])
    raw, problems = wf.read_form(PROJECTS, form, None, None)
    assert problems == []
    p = raw["properties"]
    assert (raw["id"], raw["geometry"]) == (None, None)
    assert p["title"] == "Đề án  đúc" and p["year_start"] == 2025 and p["budget_total_vnd"] == 1_500_000_000
    assert p["funders"] == ["UBND", "HTX"]
    assert p["components"] == [{"kind": "training", "description": "Tập huấn", "budget_vnd": 20_000_000}]
    assert p["village_ids"] == ["my-dong"] and p["cluster_ids"] is None
    assert p["sources"] == ["src-a", "src-b"] and p["illustrative"] is False
    assert "former_unit" not in p  # computed on every write, never from the form


def test_what_does_not_parse_stays_as_typed_for_the_validator() -> None:
    form = FormData([("declared_area_ha", "12,5"), ("area_ha", "999"), ("status_date", "hôm qua"),
                     ("geometry", "{not json")])
    raw, problems = wf.read_form(PLOTS, form, "kb-1", None)
    assert raw["properties"]["declared_area_ha"] == 12.5 and "area_ha" not in raw["properties"]
    assert raw["properties"]["status_date"] == "hôm qua"
    assert problems == [{"field": "geometry", "problem": "cannot be read: not GeoJSON"}]
    assert wf.read_value(PROJECTS.field("year_start"), FormData([("year_start", "2025.5")])) == "2025.5"


def test_controls_name_sub_form_inputs_as_the_validator_names_problems() -> None:
    fields = {f.name: f for f in wf.controls(PROJECTS, {"components": [{"kind": "training", "budget_vnd": 5}]},
                                              "en", {})}
    components = fields["components"]
    assert components.shape == "objects" and len(components.items) == 2
    assert [c.name for c in components.items[0]] == ["components[0].kind", "components[0].description",
                                                     "components[0].budget_vnd"]
    assert components.items[0][0].kind == "select" and ("training", "Training") in components.items[0][0].options
    assert components.items[0][2].value == "5" and components.items[1][2].value == ""
    assert fields["budget_total_vnd"].unit == "VND" and fields["title"].required
    assert "sources" not in fields and "id" not in fields and "current_unit" not in fields
    assert wf.controls(PLOTS, {}, "vi", {})[3].unit == "ha"


def test_problems_are_said_in_the_page_language_next_to_their_field() -> None:
    problems = [{"field": "name", "problem": "is required"},
                {"field": "components[0].budget_vnd", "problem": "must be of type integer, got str"},
                {"field": "cluster_id", "problem": "refers to 'nowhere', which is not in clusters"},
                {"field": "illustrative", "problem": CONFIRM_PROBLEM}]
    assert wf.errors_by_field(problems, "vi") == {
        "name": ["chưa điền (bắt buộc)"], "components": ["components[0].budget_vnd: sai kiểu dữ liệu (cần số nguyên)"],
        "cluster_id": ["trỏ tới 'nowhere', không có trong dữ liệu"],
        "illustrative": [wf.word("ws.confirm_rule", "vi")]}
    assert wf.problem_text("must be a date YYYY-MM-DD", "en") == "must be a date YYYY-MM-DD"
    assert wf.problem_text("something new", "en") == "is not valid: something new"
    assert wf.problem_text("None is not of type 'string'", "vi") == "chưa điền (bắt buộc)"  # jsonschema's words
    assert wf.problem_text("'x' is not of type 'integer'", "en") == "has the wrong type (needs a whole number)"
    assert wf.problem_text("'x' is not one of ['a', 'b']", "vi") == "không phải giá trị cho phép"


def _plot(illustrative: bool, sources: list[str]) -> Feature:
    return Feature("kb-1", Point(106.6, 20.9), {"illustrative": illustrative, "sources": sources})


def test_confirming_an_illustrative_record_needs_a_new_source() -> None:
    today = officer_source_of("ha", "2026-12-02")
    confirmed = {"illustrative": False, "sources": ["src-a", today.id]}
    refused = [{"field": "illustrative", "problem": CONFIRM_PROBLEM}]
    assert confirmation_problems(_plot(True, ["src-a"]), confirmed, today) == []
    assert confirmation_problems(_plot(True, ["src-a"]), confirmed, None) == refused
    assert confirmation_problems(_plot(True, ["src-a", today.id]), confirmed, today) == refused  # cited before
    assert confirmation_problems(_plot(True, ["src-a"]), {**confirmed, "sources": ["src-a"]}, today) == refused
    assert confirmation_problems(_plot(False, ["src-a"]), confirmed, None) == []  # already confirmed
    assert confirmation_problems(_plot(True, ["src-a"]), {**confirmed, "illustrative": True}, None) == []
    assert confirmation_problems(None, confirmed, None) == []  # a new record: its provenance is asked anyway
