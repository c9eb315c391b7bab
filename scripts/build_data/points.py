"""Facilities, pollution sources and projects: points placed from anchors (villages, clusters, plots …)."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from scripts.build_data.geometry import finish, offset
from scripts.build_data.output import feature
from scripts.build_data.places import ILL, ILL_NOTE
from scripts.build_data.reader import Rec, load

Anchors = dict[str, dict[str, BaseGeometry]]
COMPONENT = {"kind": None, "description": None, "budget_vnd": None}


def anchor(kind: str, ref: str, anchors: Anchors) -> Point:
    """A point for a place: itself, a cluster's centroid, or an interior point of another shape."""
    g = anchors[kind][ref]
    return g if isinstance(g, Point) else (g.centroid if kind == "cluster" else g.representative_point())


def build_facilities(anchors: Anchors, communes: gpd.GeoDataFrame) -> list[Rec]:
    """Facilities offset from their anchor; one without sources is illustrative and has a fake phone."""
    feats = []
    anchors["facility"] = {}
    for n, rec in enumerate(load("facilities", "facilities")):
        kind, ref, dx, dy = rec["_at"]
        pt = finish(offset(anchor(kind, ref, anchors), dx, dy))
        if not communes.geometry.contains(pt).any():
            raise ValueError(f"{rec['id']} outside the Hải Phòng communes")
        anchors["facility"][rec["id"]] = pt
        extra = {} if rec.get("sources") else {"illustrative": True, "location_precision": "illustrative",
                                               "contact_phone": f"0000 000 {n:03d}", "notes": ILL_NOTE,
                                               "sources": ILL}
        feats.append(feature("facilities", {**rec, **extra}, pt))
    return feats


def build_pollution(anchors: Anchors) -> list[Rec]:
    return [feature("pollution_sources", {**rec, "assessment_method": "reported_classification",
                                          "location_precision": "commune_centroid"},
                    anchors["village"][rec["village_id"]])
            for rec in load("pollution", "pollution_sources")]


def build_projects(anchors: Anchors) -> list[Rec]:
    """Projects with one point per anchor, or a null geometry where no place is known."""
    feats = []
    for rec in load("projects", "projects"):
        pts = [anchor(kind, ref, anchors) for kind, ref in rec.get("_at", [])]
        components = [COMPONENT | c for c in rec.get("components", [])]
        feats.append(feature("projects", {**rec, "components": components},
                             MultiPoint(pts) if pts else None))
    return feats


def build_points(anchors: Anchors, communes: gpd.GeoDataFrame) -> dict[str, list[Rec]]:
    facilities = build_facilities(anchors, communes)
    return {"facilities": facilities, "pollution_sources": build_pollution(anchors),
            "projects": build_projects(anchors)}
