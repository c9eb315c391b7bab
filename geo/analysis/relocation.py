"""Relocation scenario: move N workshops of about X m² each out of a village, into clusters.

The assignment is greedy and deterministic, so an officer can redo it by hand (``ORDER``):

1. Every cluster is judged with the site-search checks for one workshop (``geo.analysis.site_search``);
   excluded clusters take nothing and are listed with their reasons.
2. Clusters that fit on confirmed data come first, then those possible if confirmed; within each,
   the nearest first, then the one with the largest free piece, then by id.
3. Within a cluster, free pieces (a free plot, or adjacent free plots together) are filled largest
   first; a piece holds ⌊piece area / workshop area⌋ workshops. A cluster without plots but with
   free land derived from declared figures is one piece. Layout, setbacks and internal roads are not
   modelled, so the counts are upper bounds.
4. Workshops are numbered 1..N and handed out in that order; what is left is reported as not fitting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from geo.analysis.capacity import balances
from geo.analysis.site_search import (
    AREA_EPS_M2,
    Assessment,
    FreeUnit,
    SiteRequest,
    assess,
    check_max_km,
    village_origin,
)
from geo.i18n.messages import say, text
from geo.model.collections import VILLAGES
from geo.model.errors import InvalidParameter
from geo.store.base import Store

ORDER = say("relocation.order")  # the English text; ``say("relocation.order", lang)`` in another language
MAX_WORKSHOPS = 100_000
MAX_WORKSHOP_M2 = 1_000_000.0
_CATEGORY_ORDER = {"fits": 0, "possible_if_confirmed": 1}


@dataclass
class _Piece:
    unit: FreeUnit
    left_m2: float
    taken: int = 0


def _validate(workshops: int, workshop_m2: float) -> None:
    if not 1 <= workshops <= MAX_WORKSHOPS:
        raise InvalidParameter(f"workshops must be a whole number from 1 to {MAX_WORKSHOPS}.")
    if not math.isfinite(workshop_m2) or workshop_m2 <= 0 or workshop_m2 > MAX_WORKSHOP_M2:
        raise InvalidParameter(f"workshop_m2 must be greater than 0 and at most {MAX_WORKSHOP_M2:g}.")


def _pieces(a: Assessment) -> list[_Piece]:
    """The cluster's free pieces in filling order; declared free land counts as one piece."""
    if a.balance.plots:
        return [_Piece(u, u.area_m2) for u in a.units]
    free = a.balance.figures["free"]
    if free.value is None:
        return []
    return [_Piece(FreeUnit((), free.value * 10_000, free.illustrative), free.value * 10_000)]


def _order(eligible: list[Assessment]) -> list[Assessment]:
    def key(a: Assessment) -> tuple[int, float, float, str]:
        largest = a.units[0].area_m2 if a.units else (a.balance.figures["free"].value or 0.0) * 10_000
        return (_CATEGORY_ORDER[a.category], math.inf if a.distance_km is None else a.distance_km, -largest,
                a.balance.id)
    return sorted(eligible, key=key)


def _fill(pieces: list[_Piece], workshop_m2: float, wanted: int) -> int:
    """Fill the pieces largest first; return how many workshops went in."""
    placed = 0
    for piece in pieces:
        room = int((piece.left_m2 + AREA_EPS_M2) / workshop_m2)
        take = min(room, wanted - placed)
        piece.taken, piece.left_m2 = take, max(piece.left_m2 - take * workshop_m2, 0.0)
        placed += take
        if placed == wanted:
            break
    return placed


def relocate(store: Store, village_id: str, workshops: int, workshop_m2: float, *, industry: str | None = None,
             max_km: float | None = None, lang: str = "en") -> dict[str, Any]:
    """The assignment, the land left in every eligible cluster, what does not fit, and why (in ``lang``)."""
    _validate(workshops, workshop_m2)
    origin = village_origin(store, village_id)
    crafts = list(store.get(VILLAGES, village_id).properties.get("crafts") or [])
    industry_from = "request" if industry else ("village's first craft" if crafts else "none")
    industry = industry or (crafts[0] if crafts else None)
    req = SiteRequest(workshop_m2, industry, origin, check_max_km(max_km))
    judged = [assess(b, req) for b in balances(store)]
    eligible = _order([a for a in judged if a.category != "excluded"])
    assignments, clusters = [], []
    next_no = 1
    for a in eligible:
        pieces = _pieces(a)
        placed = _fill(pieces, workshop_m2, workshops - next_no + 1)
        clusters.append(_cluster_row(a, pieces, placed, workshop_m2, lang=lang))
        if placed:
            assignments.append(_assignment(a, pieces, placed, next_no, workshop_m2, lang=lang))
            next_no += placed
    left = workshops - next_no + 1
    return {
        "request": {**req.as_dict(), "village": village_id, "workshops": workshops, "workshop_m2": workshop_m2,
                    "industry_from": industry_from},
        "order": say("relocation.order", lang), "policy": say("policy", lang),
        "assigned": workshops - left,
        "assignments": assignments,
        "clusters": clusters,
        "unassigned": _unassigned(left, next_no, workshops, eligible, lang),
        "excluded": [{"cluster_id": a.balance.id, "name": a.balance.prop("name"), "reasons": a.reasons(lang)}
                     for a in sorted(judged, key=lambda a: a.balance.id) if a.category == "excluded"],
        "summary": _summary(origin.label, workshops, workshop_m2, assignments, left, lang=lang),
    }


def _assignment(a: Assessment, pieces: list[_Piece], placed: int, first: int, workshop_m2: float,
                *, lang: str) -> dict[str, Any]:
    return {
        "cluster_id": a.balance.id, "name": a.balance.prop("name"), "category": a.category,
        "distance_km": a.distance_km, "workshops": placed, "first": first, "last": first + placed - 1,
        "area_ha": round(placed * workshop_m2 / 10_000, 4),
        "pieces": [{"plots": list(p.unit.plot_ids), "workshops": p.taken,
                    "used_ha": round(p.taken * workshop_m2 / 10_000, 4), "left_ha": round(p.left_m2 / 10_000, 4),
                    "illustrative": p.unit.illustrative} for p in pieces if p.taken],
        "to_confirm": a.to_confirm(lang),
    }


def _cluster_row(a: Assessment, pieces: list[_Piece], placed: int, workshop_m2: float,
                 *, lang: str) -> dict[str, Any]:
    free = a.balance.figures["free"]
    after = None if free.value is None else round(max(free.value - placed * workshop_m2 / 10_000, 0.0), 4)
    note = None
    if free.value is None:
        note = say("relocation.note.free_unknown", lang)
    elif pieces and not placed and all(p.left_m2 + AREA_EPS_M2 < workshop_m2 for p in pieces):
        note = say("relocation.note.too_small", lang)
    return {"cluster_id": a.balance.id, "name": a.balance.prop("name"), "category": a.category,
            "distance_km": a.distance_km, "free_before_ha": free.value, "free_basis": free.basis,
            "illustrative": free.illustrative, "workshops": placed,
            "used_ha": round(placed * workshop_m2 / 10_000, 4), "free_after_ha": after, "note": note}


def _unassigned(left: int, next_no: int, workshops: int, eligible: list[Assessment], lang: str) -> dict[str, Any]:
    if not left:
        return {"workshops": 0, "first": None, "last": None, "reason": None}
    reason = say("relocation.unassigned.no_room" if eligible else "relocation.unassigned.none_eligible", lang)
    return {"workshops": left, "first": next_no, "last": workshops, "reason": reason}


def _summary(label: str, workshops: int, workshop_m2: float, assignments: list[dict[str, Any]], left: int,
             *, lang: str) -> str:
    parts = [say("relocation.summary.head", lang, workshops=workshops, m2=workshop_m2, origin=label)]
    parts += [say("relocation.summary.item", lang, n=x["workshops"], name=x["name"], km=x["distance_km"],
                  category=text(f"category.{x['category']}")) for x in assignments]
    parts.append(say("relocation.summary.left", lang, left=left) if left else say("relocation.summary.all", lang))
    if any(x["category"] != "fits" for x in assignments):
        parts.append(say("relocation.summary.depends", lang))
    return " ".join(parts)
