"""Every HTML page of the site, for the checks that run over all of them (tests/browser/test_a11y.py:
accessibility, phone width, no outside request). A new page gets every check by being listed here.

``path`` may hold ``{village}``, ``{cluster}``, ``{project}``, ``{plot}``: ids of records of the served data,
filled in by :func:`fill`. ``role`` signs in first (``editor`` or ``admin``); ``map`` pages are waited
for until their layers and drawn basemap are in (``html[data-cm-ready]``).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    role: str | None = None
    map: bool = False


PAGES: tuple[SitePage, ...] = (
    SitePage("home", "/"),
    SitePage("home-en", "/?lang=en"),
    SitePage("sign-in", "/sign-in"),
    SitePage("maps-overview", "/maps/overview", map=True),
    SitePage("maps-layer", "/maps/villages?lang=en", map=True),
    SitePage("maps-cluster", "/maps/clusters/{cluster}", map=True),
    SitePage("maps-capacity", "/maps/capacity", map=True),
    SitePage("capacity-table", "/capacity?f=html"),
    SitePage("capacity-detail", "/capacity/{cluster}?f=html"),
    SitePage("transparency", "/transparency", map=True),
    SitePage("project", "/transparency/projects/{project}", map=True),
    SitePage("pollution", "/pollution?lang=en", map=True),
    SitePage("downloads", "/downloads"),
    SitePage("ogc-conformance", "/conformance?f=html"),
    SitePage("ogc-collections", "/collections?f=html"),
    SitePage("ogc-collection", "/collections/villages?f=html"),
    SitePage("ogc-items", "/collections/villages/items?f=html&limit=20", map=True),
    SitePage("ogc-item", "/collections/villages/items/{village}?f=html", map=True),
    SitePage("ogc-search", "/search?q=kien+bai&f=html"),
    SitePage("history", "/collections/villages/items/{village}/history?f=html"),
    SitePage("home-editor", "/", role="editor"),
    SitePage("home-admin", "/?lang=en", role="admin"),
    SitePage("sign-in-signed-in", "/sign-in", role="editor"),
    SitePage("site-search", "/analysis/site-search?area_ha=0.5&industry=casting&village=v-my-dong"),
    SitePage("relocation", "/analysis/relocation?lang=en"),
    SitePage("workspace", "/workspace", role="editor"),
    SitePage("workspace-edit", "/workspace/cluster_plots/{plot}", role="editor"),
    SitePage("workspace-new", "/workspace/projects/new?lang=en", role="editor"),
    SitePage("workspace-import", "/workspace/import", role="editor"),
    SitePage("workspace-moves", "/workspace/moves", role="editor"),
    SitePage("move-plot-leased", "/workspace/moves/plot-leased?plot={plot}", role="editor"),
    SitePage("move-wastewater", "/workspace/moves/wastewater?cluster={cluster}&lang=en", role="editor"),
    SitePage("move-project-budget", "/workspace/moves/project-budget?project={project}", role="editor"),
    SitePage("delete-linked", "/workspace/clusters/{cluster}/delete", role="editor"),
    SitePage("history-editor", "/collections/cluster_plots/items/{plot}/history?f=html", role="editor"),
    SitePage("history-admin", "/collections/cluster_plots/items/{plot}/history?f=html&lang=en", role="admin"),
)


def record_ids(http: httpx.Client) -> dict[str, str]:
    """One id per placeholder, from the served data (a cluster with plots: Kiền Bái)."""
    def first(collection: str) -> str:
        doc = http.get(f"/collections/{collection}/items", params={"limit": 1}).json()
        return str(doc["features"][0]["id"])

    return {"village": first("villages"), "project": first("projects"), "cluster": "c-kien-bai",
            "plot": first("cluster_plots")}


def fill(page: SitePage, ids: dict[str, str]) -> str:
    return page.path.format(**ids)
