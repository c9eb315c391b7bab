"""Words for the registry's coded values on public pages (the table is ``geo/value_labels.py``)."""

from __future__ import annotations

from geo.i18n.labels import VALUE_LABELS

# The pages' group names that differ from the registry's field names.
_FIELD = {"precision": "location_precision", "method": "assessment_method"}


def label(group: str, value: str | None, lang: str = "vi") -> str:
    """The reader's word for an enum value; unknown values are shown as they are."""
    if value is None:
        return "—"
    pair = VALUE_LABELS.get(_FIELD.get(group, group), {}).get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]
