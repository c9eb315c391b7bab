"""The three packages import in one direction: ``geo`` knows nothing of the web or of maps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo.settings import ROOT

FORBIDDEN = {
    "geo": {"fastapi", "starlette", "folium", "api", "maps", "uvicorn", "jinja2"},
    "maps": {"api"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package: str) -> None:
    offenders = {}
    for path in (ROOT / package).rglob("*.py"):
        if path.name == "cli.py" and package == "geo":
            continue  # the command line starts the server; it imports uvicorn lazily by name
        bad = imported_modules(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_no_gpl_reference_data_shipped() -> None:
    shipped = {p.name for p in (ROOT / "data").rglob("*")}
    assert not shipped & {"haiphong_districts_pre2025.geojson", "haiphong_city_outline.geojson",
                          "haiphong_communes_pre2025_code_continuity.csv"}
