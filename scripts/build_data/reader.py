"""Read the sourced facts kept as YAML and CSV next to this code.

A YAML file may have a ``texts`` mapping of wording shared by several records; ``${name}`` in any
string of the file is replaced by ``texts[name]`` (an unknown name is an error, not a silent gap).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

import yaml

FACTS = Path(__file__).resolve().parent / "facts"
Rec = dict[str, Any]


def _expand(value: Any, texts: dict[str, str]) -> Any:
    if isinstance(value, str):
        return Template(value).substitute(texts)
    if isinstance(value, list):
        return [_expand(v, texts) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v, texts) for k, v in value.items()}
    return value


@cache
def _document(name: str) -> Rec:
    doc = yaml.safe_load((FACTS / f"{name}.yaml").read_text(encoding="utf-8"))
    texts = doc.pop("texts", None)
    return _expand(doc, texts) if texts is not None else doc


def load(name: str, key: str | None = None) -> Any:
    """The document ``facts/<name>.yaml`` (texts expanded), or its entry ``key``."""
    doc = _document(name)
    return doc if key is None else doc[key]


def sources() -> list[Rec]:
    """The rows of ``facts/sources.csv``: id, title, publisher, address, date, language."""
    with (FACTS / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
