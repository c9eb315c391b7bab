"""Capacity pages: the sortable land-balance table, one cluster's detail page, and the capacity map.

The table and detail pages are plain HTML from Jinja templates (``maps/templates/capacity_*``) with a
few lines of craftmap's own JS for sorting; the map is a folium map from ``offline_map`` with the
clusters coloured by occupancy, the plots by status and the SVG chart of each cluster in its popup.
Everything is served by craftmap: the pages work without internet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

import folium
import shapely
from shapely.geometry.base import BaseGeometry

from geo.analysis.capacity import Balance, Plot
from geo.i18n.labels import label as value_label
from geo.i18n.messages import decimal
from geo.i18n.words import WORDS, word, words
from geo.model.feature import Source
from maps.assets import js_literal_safe
from maps.builder import MapPage, PageContext, build
from maps.charts import balance_svg, occupancy_text
from maps.pages import admin_layers
from maps.render import PageShell, render_page
from maps.styles import OCCUPANCY_BREAKS, OCCUPANCY_UNKNOWN, PLOT_COLOURS, legend, occupancy_fill

COLUMNS = ("planned", "developed", "leasable", "leased", "reserved", "infrastructure", "free", "outline")
# basis -> tag shown next to a figure, per language
BASIS_TAGS = {
    "vi": {"declared": "C", "computed_from_plots": "L", "computed_from_outline": "R", "derived_from_declared": "Σ",
           "unknown": "?"},
    "en": {"declared": "D", "computed_from_plots": "P", "computed_from_outline": "O", "derived_from_declared": "Σ",
           "unknown": "?"},
}
BASIS_LEGEND = ("declared", "computed_from_plots", "computed_from_outline", "derived_from_declared")
UNKNOWN_COLOUR = str(OCCUPANCY_UNKNOWN["fillColor"])
_OCCUPANCY_FILLS = {UNKNOWN_COLOUR, *(str(style["fillColor"]) for _upper, style in OCCUPANCY_BREAKS)}

def _page_helpers(lang: str) -> dict[str, Any]:
    """What both page templates use: words, numbers in the reader's marks, labels of coded values."""
    def label(prefix: str, value: Any) -> str:
        key = f"{prefix}.{value}"
        return word(key, lang) if key in WORDS else ("" if value is None else str(value))

    return {"lang": lang, "w": words(lang), "label": label,
            "num": lambda x, places=2: decimal(float(x), lang, places),
            "status_label": lambda s: value_label("status", s, lang) if s else "",
            "kind_label": lambda k: value_label("kind", k, lang) if k else "",
            "lang_q": "&lang=en" if lang == "en" else "", "lang_only": "?lang=en" if lang == "en" else ""}


occupancy_colour = occupancy_fill  # the overview's cluster fill: one scale for one figure


def plot_colour(status: str | None) -> str:
    return PLOT_COLOURS.get(status or "", UNKNOWN_COLOUR)


def table_html(rows: Sequence[dict[str, Any]], filters: dict[str, str], shell: PageShell) -> str:
    """The sortable capacity table (``rows`` are ``Balance.as_dict(lang)``) in the site's layout."""
    return render_page(
        "pages/capacity_table.html", shell, rows=rows, filters=list(filters.items()), root=shell.root,
        columns=COLUMNS, basis_tags=BASIS_TAGS[shell.lang], basis_legend=BASIS_LEGEND, query=urlencode(filters),
        query_csv=urlencode({**filters, "f": "csv"}), **_page_helpers(shell.lang))


def detail_html(b: Balance, detail: dict[str, Any], shell: PageShell,
                sources: Mapping[str, Source] | None = None) -> str:
    """One cluster: chart, balance with bases, flags, infrastructure, plots (each with its sources, titled
    from ``sources``), tenants, history."""
    known = sources or {}
    return render_page(
        "pages/capacity_detail.html", shell, b=detail, chart=balance_svg(b, lang=shell.lang), plots=detail["plots"],
        tenants=detail["tenants_by_sector"], infra=detail["infrastructure"], history=detail["history"],
        root=shell.root, source_title=lambda sid: known[sid].title if sid in known else sid,
        **_page_helpers(shell.lang))


def _cluster_popup(b: Balance, root: str, lang: str) -> str:
    link = f"{root}/capacity/{escape(b.id)}?f=html{'&amp;lang=en' if lang == 'en' else ''}"
    illustrative = f" ({word('illustrative_plot', lang)})" if b.occupancy.illustrative else ""
    return js_literal_safe(f'<div class="cm-capacity-popup"><strong>{escape(str(b.prop("name")))}</strong><br>'
                    f'{balance_svg(b, lang=lang)}<br>{escape(occupancy_text(b.occupancy.value, lang))}{illustrative} · '
                    f'<a href="{link}" target="_top">{word("details", lang)}</a></div>')


def _plot_popup(props: dict[str, Any], area_ha: float, lang: str) -> str:
    status = props.get("status")
    rows = [("status", value_label("status", status, lang)),
            ("area", f"{decimal(area_ha, lang)} ha"), ("tenant", props.get("tenant")),
            ("industry", props.get("industry")), ("infrastructure", props.get("infrastructure"))]
    heads = {"status": word("status", lang), "area": word("area", lang).removesuffix(" (ha)"),
             "tenant": word("tenant", lang), "industry": word("industry", lang),
             "infrastructure": word("infrastructure", lang)}
    body = "".join(f"<tr><th>{heads[k]}</th><td>{escape(str(v))}</td></tr>" for k, v in rows if v)
    note = f"<br><em>{word('illustrative_plot', lang)}</em>" if props.get("illustrative") else ""
    return js_literal_safe(f"<strong>{escape(str(props.get('name')))}</strong><table>{body}</table>{note}")


def _legend(lang: str) -> str:
    occ = "".join(f'<div><i style="background:{row["style"]["fillColor"]}"></i>{escape(row["label"])}</div>'
                  for row in legend("clusters", lang) if row["style"]["fillColor"] in _OCCUPANCY_FILLS)
    plots = "".join(f'<div><i style="background:{c}"></i>{value_label("status", s, lang)}</div>'
                    for s, c in PLOT_COLOURS.items())
    return ('<div id="cm-capacity-legend" style="position:absolute;bottom:28px;right:10px;z-index:1000;'
            'background:#fff;padding:6px 8px;font:12px sans-serif;border:1px solid #999">'
            '<style>#cm-capacity-legend i{display:inline-block;width:12px;height:12px;margin-right:4px}</style>'
            f"<strong>{word('legend_clusters', lang)}</strong>{occ}<strong>{word('legend_plots', lang)}</strong>"
            f"{plots}</div>")


def _add_cluster(group: folium.FeatureGroup, b: Balance, root: str, lang: str) -> None:
    colour = occupancy_colour(b.occupancy.value)
    style = {"color": colour, "fillColor": colour, "weight": 2, "fillOpacity": 0.25, "className": "cm-cluster"}
    shape = folium.GeoJson(shapely.geometry.mapping(b.cluster.geometry), name=b.id,
                           style_function=lambda _f: style, tooltip=js_literal_safe(escape(str(b.prop("name")))))
    folium.Popup(_cluster_popup(b, root, lang), max_width=520).add_to(shape)
    shape.add_to(group)


def _add_plot(group: folium.FeatureGroup, p: Plot, lang: str) -> None:
    colour = plot_colour(p.status)
    style = {"color": colour, "fillColor": colour, "weight": 1, "fillOpacity": 0.6, "className": "cm-plot"}
    status = value_label("status", p.status, lang)
    tooltip = js_literal_safe(escape(f"{p.feature.properties.get('name')} · {status}"))
    shape = folium.GeoJson(shapely.geometry.mapping(p.feature.geometry), name=p.id,
                           style_function=lambda _f: style, tooltip=tooltip)
    folium.Popup(_plot_popup(p.feature.properties, p.area_m2 / 10_000, lang), max_width=320).add_to(shape)
    shape.add_to(group)


def _located(geom: BaseGeometry | None) -> bool:
    return geom is not None and not geom.is_empty


def capacity_map_html(balances: Sequence[Balance], ctx: PageContext) -> str:
    """Clusters coloured by occupancy with their chart in the popup, plots by status (data inlined:
    a few dozen polygons), district boundaries from the API as the background."""
    lang, root = ctx.lang, ctx.api_root
    clusters = folium.FeatureGroup(name=word("clusters_layer", lang), show=True)
    plots = folium.FeatureGroup(name=word("plots_layer", lang), show=True)
    located = [b for b in balances if _located(b.cluster.geometry)]
    for b in located:
        _add_cluster(clusters, b, root, lang)
        for p in b.plots:
            if _located(p.feature.geometry):
                _add_plot(plots, p, lang)
    fit = None
    if located:
        bounds = [b.cluster.geometry.bounds for b in located if b.cluster.geometry is not None]
        fit = [[min(x[1] for x in bounds), min(x[0] for x in bounds)],
               [max(x[3] for x in bounds), max(x[2] for x in bounds)]]
    page = MapPage(word("map_title", lang), [*admin_layers(ctx, ("district",)), clusters, plots], fit=fit,
                   controls=False, overlay_html=_legend(lang), fit_padding=(30, 30))
    return build(ctx, page)
