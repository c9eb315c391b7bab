"""Hand-made cluster stores for the capacity, site-search and relocation tests.

Plots are drawn in EPSG:3405 metres (so a 100 m × 100 m square is exactly 1 ha) and converted to
lon/lat through ``geo.spatial.crs``, the one module that converts coordinates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shapely.geometry import Point, Polygon

from geo.records.loader import load
from geo.spatial import crs
from geo.store.gpkg.store import GpkgStore
from tests.support.records import KIEN_BAI, MY_DONG, feature, multi, tiny_records, write_dataset


def metric_origin(lon: float, lat: float) -> tuple[float, float]:
    p = crs.to_metric([Point(lon, lat)])[0]
    return float(p.x), float(p.y)


def rect(x0: float, y0: float, w: float, h: float) -> dict[str, Any]:
    """A rectangle given in EPSG:3405 metres, as a GeoJSON Polygon in lon/lat (right-hand ring)."""
    corners = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h), (x0, y0)]
    ring = crs.from_metric([Polygon(corners)])[0].exterior.coords
    return {"type": "Polygon", "coordinates": [[list(c) for c in ring]]}


def cluster(cid: str, x0: float, y0: float, size: float = 400.0, **props: Any) -> dict[str, Any]:
    """A cluster whose outline is a ``size`` m square at (x0, y0) in EPSG:3405."""
    base = {"name": f"Cụm {cid}", "kind": "cum_cong_nghiep", "district_name": "Huyện Thủy Nguyên",
            "outline": "surveyed", "illustrative": False, "status": "operating"}
    return feature("clusters", cid, multi(rect(x0, y0, size, size)), **{**base, **props})


def plot(pid: str, cid: str, status: str, x0: float, y0: float, w: float = 100.0, h: float = 100.0,  # noqa: PLR0917
         **props: Any) -> dict[str, Any]:
    base = {"name": f"Lô {pid}", "cluster_id": cid, "status": status, "illustrative": False}
    return feature("cluster_plots", pid, rect(x0, y0, w, h), **{**base, **props})


def build_store(tmp: Path, clusters: list[dict[str, Any]], plots: list[dict[str, Any]],
                villages: list[dict[str, Any]] | None = None) -> GpkgStore:
    """The tiny dataset (village 'my-dong' …, and ``villages``) with only these clusters and plots."""
    records = tiny_records()
    records["clusters"], records["cluster_plots"] = clusters, plots
    records["villages"] += villages or []
    for f in records["facilities"]:
        f["properties"]["cluster_id"] = None
    for f in records["projects"]:
        f["properties"]["cluster_ids"] = None
    store = GpkgStore(tmp / "cap.gpkg")
    load(write_dataset(tmp / "data", records), store)
    return store


KB_X, KB_Y = metric_origin(*KIEN_BAI)
MD_X, MD_Y = metric_origin(*MY_DONG)


READY = {"status": "operating", "wastewater_treatment": True, "allowed_industries": ["đúc kim loại"]}


def relocation_layout() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """East of Mỹ Đồng: 'near' (1 km) with free plots of 0.5 ha and 0.3 ha, apart, and a leased one; 'far'
    (5 km) with one 1 ha free plot; 'ships' (2 km north) allowing only shipbuilding. Clusters, plots."""
    clusters = [cluster("near", MD_X + 1_000, MD_Y, **READY), cluster("far", MD_X + 5_000, MD_Y, **READY),
                cluster("ships", MD_X, MD_Y + 2_000, **{**READY, "allowed_industries": ["đóng tàu"]})]
    plots = [plot("n-small", "near", "free", MD_X + 1_000, MD_Y, 30, 100),
             plot("n-big", "near", "free", MD_X + 1_200, MD_Y, 50, 100),
             plot("n-leased", "near", "leased", MD_X + 1_100, MD_Y + 200),
             plot("f-1", "far", "free", MD_X + 5_000, MD_Y),
             plot("s-1", "ships", "free", MD_X, MD_Y + 2_000)]
    return clusters, plots
