"""The officers' moves as merge patches (geo/records/moves.py): provenance added, illustrative confirmed."""

from __future__ import annotations

from geo.records import moves

MADE_UP = {"name": "Lô KB-04 (minh họa)", "sources": ["craftmap-illustrative"], "illustrative": True,
           "notes": "Illustrative: no public data exists for this; made up by craftmap to show the capability."}


def test_a_source_confirms_an_illustrative_record_and_drops_what_was_made_up() -> None:
    assert moves.cited(MADE_UP, "doc-1") == {"sources": ["doc-1"], "illustrative": False, "notes": None,
                                             "name": "Lô KB-04"}


def test_a_real_record_keeps_its_sources_and_notes() -> None:
    real = {"name": "Lô 3 (minh họa)", "sources": ["seed-004", "doc-1"], "illustrative": False,
            "notes": "Phase 1 only."}
    assert moves.cited(real, "doc-1") == {"sources": ["seed-004", "doc-1"], "illustrative": False}
    assert moves.cited(real, "officer-x")["sources"] == ["seed-004", "doc-1", "officer-x"]


def test_plot_leased_patch() -> None:
    patch = moves.plot_leased(MADE_UP, "doc-1", tenant="Công ty A", sector="", date="2026-11-25")
    assert patch == {"properties": {"status": "leased", "tenant": "Công ty A", "industry": None,
                                    "status_date": "2026-11-25", "sources": ["doc-1"], "illustrative": False,
                                    "notes": None, "name": "Lô KB-04"}}


def test_project_budget_changes_only_the_components_named() -> None:
    props = {"sources": ["s"], "illustrative": False,
             "components": [{"kind": "brand", "budget_vnd": None}, {"kind": "training", "budget_vnd": 7}]}
    patch = moves.project_budget(props, "s", amounts={"budget_total_vnd": 10}, qualifier=None, status="completed",
                                 components={0: 3, 5: 9})
    p = patch["properties"]
    assert p["components"] == [{"kind": "brand", "budget_vnd": 3}, {"kind": "training", "budget_vnd": 7}]
    assert (p["budget_total_vnd"], p["budget_public_vnd"], p["status"]) == (10, None, "completed")
