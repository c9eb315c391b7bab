"""One folium layer per collection that fetches its features from the API in the browser.

An ``ApiLayer`` renders to a few lines of JS: ``craftmap.layer(map, config)`` (``maps/static/boot.js``)
creates an empty Leaflet group (a MarkerClusterGroup for points), and the page's module
(``maps/static/main.js``, added by ``PageControls``) fills it page by page from
``/collections/{id}/items``, following ``next`` links. No feature is ever inlined in the HTML,
so a page weighs the same with 10 or 100,000 features. Being a ``folium.map.Layer``, it shows
in folium's ``LayerControl`` like any other layer.
"""

from __future__ import annotations

import html
from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

from geo.i18n.labels import labels_for
from geo.i18n.lang import pick
from geo.i18n.money import browser_table
from geo.i18n.words import words
from geo.model.collections import COLLECTIONS, Collection
from geo.spatial import tiles
from maps.styles import STYLE_TABLES, legend

# Where a record was at the time of its sources and where it is today (geo/records/placement.py).
PLACE = ("former_unit_names", "current_unit_names", "current_unit_method")
# Key fields shown in popups, in order (the name, precision and sources are always shown).
POPUP_FIELDS: dict[str, tuple[str, ...]] = {
    "admin_units": ("unit_type", "district_name", "gso_code", "valid_from", "valid_to", "outline_method",
                    "outline_note", "successor"),
    "villages": ("crafts", "craft_group", "commune_name", "district_name", "recognition", "recognition_year",
                 "households", "establishments", "workers", "products", "pollution_risk", "figures_year",
                 *PLACE),
    "clusters": ("kind", "district_name", "status", "status_date", "planned_area_ha", "developed_area_ha",
                 "expansion_area_ha", "industrial_area_ha", "leased_area_ha", "area_ha", "investment_vnd",
                 "expansion_investment_vnd", "investor", "allowed_industries", "wastewater_treatment", "outline",
                 *PLACE),
    "cluster_plots": ("status", "area_ha", "declared_area_ha", "tenant", "industry"),
    "facilities": ("sector", "workers", "founded_year", "equipment", "products", *PLACE),
    "pollution_sources": ("severity", "media", "pollutants", "assessment", "assessment_method",
                          "assessment_date", "treatment_status", "on_remediation_list", *PLACE),
    "projects": ("programme", "kind", "year_start", "year_end", "budget_total_vnd", "budget_public_vnd",
                 "implementer", "sector", "status", "outcome", *PLACE),
}

# Which collections are drawn as points and clustered when many.
POINT_KINDS = ("Point", "MultiPoint")
# Time filters: which control each collection gets (``maps/static/core/filter.js`` implements both).
TIME_FILTERS: dict[str, dict[str, str]] = {
    "projects": {"kind": "year_range", "start": "year_start", "end": "year_end", "label": "projects_year"},
    "pollution_sources": {"kind": "date_year", "field": "assessment_date", "label": "pollution_date"},
}
# Large pages: fewer round trips; the server clamps to its own maximum.
PAGE_SIZE = 5000
CLUSTER_OPTIONS = {"chunkedLoading": True, "showCoverageOnHover": False, "maxClusterRadius": 30,
                   "disableClusteringAtZoom": 15}
# Values a layer takes from another service before it is styled: a cluster's occupancy is the
# capacity service's figure (geo.analysis.capacity: leased / leasable), the one /maps/capacity shows.
JOINS: dict[str, dict[str, Any]] = {
    "clusters": {"path_": "/capacity?f=json", "list": "clusters", "id": "id", "path": ["occupancy", "value"],
                 "as": "occupancy"},
}
# Layers drawn from vector tiles (api/ogc/tiles.py) once they hold more than TILE_THRESHOLD features: paged
# GeoJSON is fine at thousands and hopeless at a million. Thinned tiles carry geo.spatial.tiles.COUNT.
TILED = ("facilities", "cluster_plots", "villages")
TILE_THRESHOLD = 5000
TILE_MAX_DATA_ZOOM = 16  # deeper zooms draw the z16 tiles larger
# The page words the browser code reads (geo/i18n/words.py).
BROWSER_WORDS = ("search", "no_results", "legend", "sources", "illustrative_badge", "precision", "fullscreen",
                 "all_years", "projects_year", "pollution_date", "loading", "load_failed", "bool_yes", "bool_no")


def layer_config(collection: Collection, lang: str, *, title: str | None = None, api_root: str = "",
                 query: dict[str, str] | None = None, item_id: str | None = None,
                 cluster: bool | None = None, data: dict[str, Any] | None = None,
                 tiled: bool = False) -> dict[str, Any]:
    """Everything the browser needs to fetch, style and describe one layer (JSON-serialisable);
    ``data`` is a page of features the page already holds (a FeatureCollection), drawn instead of fetched;
    ``tiled`` draws it from vector tiles (``maps/static/ui/tiles.js``) with popups from the items API."""
    fields = [{"name": n, "label": pick((collection.field(n).title_vi, collection.field(n).title_en), lang),
               "type": collection.field(n).type} for n in POPUP_FIELDS[collection.id]]
    points = collection.geometry_type in POINT_KINDS
    # Only single points are clustered: a MultiPoint's markers must stay together to share a popup.
    clustered = collection.geometry_type == "Point"
    base = f"{api_root}/collections/{collection.id}/items"
    join = JOINS.get(collection.id)
    return {
        "collection": collection.id,
        "title": title or collection.title(lang),
        "url": f"{base}/{item_id}" if item_id else base,
        "query": {"limit": str(PAGE_SIZE), **(query or {})},
        "points": points,
        "cluster": clustered if cluster is None else cluster,
        "clusterOptions": CLUSTER_OPTIONS,
        "join": join and {**{k: v for k, v in join.items() if k != "path_"}, "url": api_root + join["path_"]},
        "marker": "pin" if collection.id == "villages" else "circle",
        "pane": "cmAdmin" if collection.id == "admin_units" else ("cmPoints" if points else "cmAreas"),
        "nameField": collection.name_field,
        "fields": fields,
        "style": STYLE_TABLES[collection.id],
        "legend": legend(collection.id, lang),
        "time": TIME_FILTERS.get(collection.id),
        "data": data,
        "tiles": {"url": f"{api_root}/collections/{collection.id}/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}",
                  "count": tiles.COUNT, "maxDataZoom": TILE_MAX_DATA_ZOOM} if tiled and not item_id else None,
    }


class ApiLayer(Layer):
    """A layer of one collection, loaded by the browser from the API (see module docstring)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = craftmap.layer({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, collection_id: str, lang: str, *, title: str | None = None, api_root: str = "",
                 query: dict[str, str] | None = None, item_id: str | None = None, cluster: bool | None = None,
                 show: bool = True, data: dict[str, Any] | None = None, tiled: bool = False) -> None:
        collection = COLLECTIONS[collection_id]
        self.config = layer_config(collection, lang, title=title, api_root=api_root, query=query, item_id=item_id,
                                   cluster=cluster, data=data, tiled=tiled)
        # Leaflet's layer control puts names in with innerHTML: escape here (the config stays raw text).
        super().__init__(name=html.escape(self.config["title"]), overlay=True, control=True, show=show)
        self._name = "ApiLayer"


class PageControls(MacroElement):
    """Legend, search, fullscreen and time filters; add it after the layers and the LayerControl."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            craftmap.page({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, lang: str, sources: dict[str, dict[str, str]], fit: list[list[float]] | None = None,
                 single: bool = False, controls: bool = True) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca publishes no annotations
        self._name = "PageControls"
        self.config = {"lang": lang, "words": words(lang, BROWSER_WORDS), "labels": labels_for(lang),
                       "money": browser_table(), "sources": sources, "fit": fit, "single": single,
                       "controls": controls}

