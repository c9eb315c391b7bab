"""Villages, clusters and their illustrative plots: points and outlines placed inside their communes."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from scripts.build_data.geometry import area_ha, as_multi, finish, place, radius_for, to_ll, to_m
from scripts.build_data.output import feature
from scripts.build_data.reader import Rec, load

ILL = ["craftmap-illustrative"]
ILL_NOTE = "Illustrative: no public data exists for this; made up by craftmap to show the capability."


def build_villages(communes: gpd.GeoDataFrame) -> tuple[list[Rec], dict[str, Point]]:
    """Villages at the commune centroid given in FACTS, which must lie in the commune."""
    feats, points = [], {}
    for rec in load("villages", "villages"):
        c = communes.loc[rec["commune_id"]]
        pt = Point(rec["_lonlat"])
        if not c.geometry.contains(pt):
            raise ValueError(f"{rec['id']} outside its commune")
        points[rec["id"]] = pt
        feats.append(feature("villages", {**rec, "commune_name": c["commune_name_vi"],
                                          "district_name": c["district_name_vi"],
                                          "location_precision": "commune_centroid"}, pt))
    return feats, points


def cluster_shape(region: BaseGeometry, start: Point, planned_ha: float | None,
                  avoid: list[BaseGeometry]) -> tuple[Polygon, str]:
    """A circle of the declared area, or a nominal 1 ha square, placed in ``region`` (EPSG:3405)."""
    if planned_ha:
        r = radius_for(planned_ha * 1e4)
        return place(region, start, r, avoid).buffer(r, quad_segs=16), "sized_to_declared_area"
    c = place(region, start, 71, avoid)
    return box(c.x - 50, c.y - 50, c.x + 50, c.y + 50), "nominal_marker"


def build_clusters(communes: gpd.GeoDataFrame, districts: dict[str, BaseGeometry],
                   village_pts: dict[str, Point]) -> tuple[list[Rec], dict[str, BaseGeometry]]:
    """Cluster outlines, each clear of the village points and of the clusters placed before it."""
    feats, shapes = [], {}
    avoid: list[BaseGeometry] = [to_m(p) for p in village_pts.values()]
    for rec in load("clusters", "clusters"):
        if codes := rec["commune_ids"]:
            region = to_m(communes.loc[codes].geometry.union_all())
            first = communes.loc[codes[0]]
            start = to_m(Point(rec.get("_lonlat", (first["label_lon"], first["label_lat"]))))
            district = first["district_name_vi"]
        else:  # An Lão CCN: commune not stated
            region = to_m(districts["313"])
            start, district = region.representative_point(), rec["district_name"]
        # the first published area: planned, else developed (phase 1), else the expansion (Mỹ Đồng)
        declared = rec.get("planned_area_ha") or rec.get("developed_area_ha") or rec.get("expansion_area_ha")
        shape_m, outline = cluster_shape(region, start, declared, avoid)
        avoid.append(shape_m)
        geom = finish(to_ll(shape_m))
        shapes[rec["id"]] = geom
        area = area_ha(geom) if outline != "nominal_marker" else None  # a marker's size is no figure
        feats.append(feature("clusters", {**rec, "district_name": district, "outline": outline,
                                          "area_ha": area, "location_precision": "approximate"},
                             as_multi(geom)))
    return feats, shapes


def build_plots(cluster_shapes: dict[str, BaseGeometry]) -> list[Rec]:
    """Illustrative plots: the cluster outline cut by a grid in EPSG:3405, each shrunk by 1 m."""
    feats = []
    for grid in load("plots", "grids"):
        cid, prefix, cols, rows = grid["cluster_id"], grid["prefix"], grid["columns"], grid["rows"]
        poly = to_m(cluster_shapes[cid])
        x0, y0, x1, y1 = poly.bounds
        w, h = (x1 - x0) / cols, (y1 - y0) / rows
        cells = [poly.intersection(box(x0 + i * w, y1 - (j + 1) * h, x0 + (i + 1) * w, y1 - j * h))
                 for j in range(rows) for i in range(cols)]
        for n, (cell, spec) in enumerate(zip(cells, grid["plots"], strict=True), start=1):
            geom = finish(to_ll(cell.buffer(-1.0, join_style="mitre")))
            feats.append(feature("cluster_plots", {
                **spec, "id": f"plot-{prefix.lower()}-{n:02d}", "name": f"Lô {prefix}-{n:02d} (minh họa)",
                "cluster_id": cid, "area_ha": area_ha(geom), "location_precision": "illustrative",
                "illustrative": True, "notes": ILL_NOTE, "sources": ILL}, geom))
    return feats
