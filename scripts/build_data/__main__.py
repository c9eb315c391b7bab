"""Command line of the data build: ``python -m scripts.build_data [--shared DIR] [--out DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from scripts.build_data import __doc__ as DOC
from scripts.build_data.admin import build_admin
from scripts.build_data.output import write_collection, write_sources
from scripts.build_data.places import build_clusters, build_plots, build_villages
from scripts.build_data.placing import place_all
from scripts.build_data.points import build_points
from scripts.build_data.reader import Rec, sources
from scripts.build_data.readme import write_readme

ROOT = Path(__file__).resolve().parents[2]


def build(shared: Path, out: Path) -> dict[str, int]:
    """Write every file of ``out`` (normally data/) and return the counts the README states."""
    out.mkdir(parents=True, exist_ok=True)
    admin, communes, districts = build_admin(shared)
    villages, village_pts = build_villages(communes)
    clusters, cluster_shapes = build_clusters(communes, districts, village_pts)
    plots = build_plots(cluster_shapes)
    anchors: dict[str, dict[str, BaseGeometry]] = {
        "village": dict(village_pts), "cluster": cluster_shapes, "district": districts,
        "plot": {f["id"]: shape(f["geometry"]) for f in plots}}
    points = build_points(anchors, communes)
    layers: dict[str, list[Rec]] = {"admin_units": admin, "villages": villages, "clusters": clusters,
                                    "cluster_plots": plots, **points}
    place_all(layers)
    for name, feats in layers.items():
        write_collection(out, name, feats)
    rows = sources()
    write_sources(out, rows)
    counts = {k: len(v) for k, v in layers.items()}
    units = [f["properties"] for f in admin]
    today = [u for u in units if u["valid_from"]]
    inferred = [u for u in units if u["successor_method"] == "inferred" and u["level"] == "commune"]
    counts |= {"units_2025": len(today), "inferred": len(inferred),
               **{k: sum(u["outline_method"] == m for u in today)
                  for k, m in (("exact", "exact"), ("approximate", "approximate"), ("no_outline", "none"))}}
    counts |= {"districts": len(districts), "communes": len(communes), "sources": len(rows),
               "ill_facilities": sum(f["properties"]["illustrative"] for f in points["facilities"])}
    write_readme(out, counts)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(DOC or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    counts = build(args.shared.resolve(), args.out.resolve())
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
