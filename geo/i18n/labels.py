"""Reader's words for the registry's coded values, in Vietnamese and English, and the one lookup.

One table for every page, map and legend (``labels.toml``), keyed by the field name in the collection
registry (``PROJECT_COMPONENTS`` under ``component``), so the same code always reads the same. Every
word table in ``geo.i18n`` holds ``(vi, en)`` pairs and is read with :func:`geo.i18n.lang.pick`.
``None`` keys (``_missing`` in the file) label a missing value where a legend needs its own words;
otherwise a missing value reads :data:`MISSING`.
"""

from __future__ import annotations

from typing import Any

from geo.i18n.lang import pick
from geo.i18n.tables import Pair, load, pairs

MISSING = "—"  # a missing value is shown, never left blank or read as 0
MISSING_KEY = "_missing"  # the key of a table's missing-value words in labels.toml


def _value_labels() -> dict[str, dict[str | None, Pair]]:
    tables = load("labels")
    return {group: {(None if k == MISSING_KEY else k): v for k, v in pairs(table, f"labels.toml [{group}]").items()}
            for group, table in tables.items()}


VALUE_LABELS = _value_labels()
# The public pages' short group names that differ from the registry's field names.
ALIASES = {"precision": "location_precision", "method": "assessment_method"}


def label(key: str, value: Any, lang: str = "vi") -> str:
    """The reader's word for a coded value: its table's label, the code itself when the table lacks it,
    and for ``None`` the table's own missing-value words or :data:`MISSING`."""
    table = VALUE_LABELS.get(ALIASES.get(key, key), {})
    pair = table.get(value)
    if pair is not None:
        return pick(pair, lang)
    return MISSING if value is None else str(value)


def labels_for(lang: str) -> dict[str, dict[str, str]]:
    """Every coded value's label in one language, for the browser (``None`` keys dropped)."""
    return {key: {v: pick(p, lang) for v, p in table.items() if v is not None} for key, table in VALUE_LABELS.items()}
