"""The layout rules: packages import in one direction, and no room grows too big to live in.

``geo`` knows nothing of the web or of maps (not through ``importlib``, ``__import__`` or a
module named in a string either); ``maps`` uses ``geo`` but not ``api``; ``api`` uses both.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEB = {"fastapi", "starlette", "uvicorn", "httpx", "jinja2", "folium", "branca", "multipart"}
FORBIDDEN = {
    "geo": WEB | {"api", "maps"},
    "maps": {"api", "fastapi", "starlette", "uvicorn"},
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
MAX_JS_LINES = 250


def _dotted_names_in_strings(tree: ast.AST) -> set[str]:
    """Top-level packages of strings that look like module paths ('api.app:create_app', 'maps.pages')."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            head = text.split(":")[0]
            if head and " " not in head and "/" not in head and (":" in text or "." in head):
                parts = head.split(".")
                if all(p.isidentifier() for p in parts):
                    out.add(parts[0])
    return out


def imported_modules(path: Path) -> set[str]:
    """Top-level packages a module imports: statements, ``importlib``/``__import__`` calls and strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                out.add(str(node.args[0].value).split(".")[0])
    return out | _dotted_names_in_strings(tree)


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package: str) -> None:
    offenders = {}
    for path in python_files(package):
        bad = imported_modules(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_the_checker_sees_indirect_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('import importlib\nimportlib.import_module("api.static_export")\n'
                      '__import__("maps")\nTARGET = "api.app:create_app"\nTEXT = "a sentence. With dots."\n')
    assert {"api", "maps"} <= imported_modules(module)
    assert "a sentence" not in imported_modules(module)


@pytest.mark.parametrize("package", ["geo", "api", "maps", "scripts"])
def test_module_and_function_sizes(package: str) -> None:
    too_big = []
    for path in python_files(package):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if text.count("\n") > MAX_MODULE_LINES:
            too_big.append(f"{rel}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_big.append(f"{rel}:{node.lineno} {node.name}() {length} lines")
    assert too_big == []


def test_browser_modules_are_small() -> None:
    scripts = [p for package in ("api", "maps") for p in sorted((ROOT / package).rglob("*.js"))
               if "vendor" not in p.parts]
    too_big = [f"{p.relative_to(ROOT)}: {n}" for p in scripts
               if (n := p.read_text(encoding="utf-8").count("\n")) > MAX_JS_LINES]
    assert too_big == []


def test_no_gpl_reference_data_shipped() -> None:
    shipped = {p.name for p in (ROOT / "data").rglob("*")}
    assert not shipped & {"haiphong_districts_pre2025.geojson", "haiphong_city_outline.geojson",
                          "haiphong_communes_pre2025_code_continuity.csv"}
