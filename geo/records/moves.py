"""The land-use officers' daily moves as merge patches of one record, each resting on a cited source.

- :func:`plot_leased`: a cluster plot is leased — tenant, sector, date;
- :func:`wastewater`: a cluster's central wastewater treatment — present, absent or unknown;
- :func:`project_budget`: a project's budget (total, public, counterpart, in VND) and status.

Every move adds its source to the record's ``sources``; a record that was illustrative (made up to show a
capability) becomes a confirmed one: ``illustrative`` false; the made-up source, note and name mark gone.
The patches are RFC 7396 merge patches of a GeoJSON Feature, for ``Editor.patch`` (If-Match, audit).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ILLUSTRATIVE_SOURCE = "craftmap-illustrative"
ILLUSTRATIVE_NOTE = "Illustrative:"  # how the shipped data's made-up records start their note
ILLUSTRATIVE_NAME = " (minh họa)"  # and end their name


def cited(props: Mapping[str, Any], source_id: str) -> dict[str, Any]:
    """The provenance part of a move: the new source added, and an illustrative record confirmed."""
    sources = [s for s in (props.get("sources") or []) if s != ILLUSTRATIVE_SOURCE]
    if source_id not in sources:
        sources.append(source_id)
    out: dict[str, Any] = {"sources": sources, "illustrative": False}
    if props.get("illustrative") and str(props.get("notes") or "").startswith(ILLUSTRATIVE_NOTE):
        out["notes"] = None  # the note said the record was made up; it no longer is
    name = props.get("name")
    if props.get("illustrative") and isinstance(name, str) and name.endswith(ILLUSTRATIVE_NAME):
        out["name"] = name.removesuffix(ILLUSTRATIVE_NAME)  # "Lô KB-04 (minh họa)" is now Lô KB-04
    return out


def plot_leased(props: Mapping[str, Any], source_id: str, *, tenant: str, sector: str | None,
                date: str) -> dict[str, Any]:
    """Mark a cluster plot leased to ``tenant`` (working in ``sector``) on ``date``."""
    return {"properties": {"status": "leased", "tenant": tenant, "industry": sector or None, "status_date": date,
                           **cited(props, source_id)}}


def wastewater(props: Mapping[str, Any], source_id: str, *, treatment: bool | None) -> dict[str, Any]:
    """Record whether a cluster has central wastewater treatment (``None``: unknown)."""
    # a merge patch removes a key set to null; the registry field then reads as unknown, as wanted
    return {"properties": {"wastewater_treatment": treatment, **cited(props, source_id)}}


BUDGET_FIELDS = ("budget_total_vnd", "budget_public_vnd", "budget_counterpart_vnd")


def project_budget(props: Mapping[str, Any], source_id: str, *, amounts: Mapping[str, int | None],
                   qualifier: str | None, status: str | None,
                   components: Mapping[int, int | None] | None = None) -> dict[str, Any]:
    """Enter a project's budget (``BUDGET_FIELDS``, VND; ``None``: not published), the budget of its
    components by their position (others keep theirs) and its status."""
    patch: dict[str, Any] = {name: amounts.get(name) for name in BUDGET_FIELDS}
    if components:
        patch["components"] = [{**c, "budget_vnd": components[i]} if i in components else c
                               for i, c in enumerate(props.get("components") or [])]
    return {"properties": {**patch, "budget_qualifier": qualifier, "status": status, **cited(props, source_id)}}
