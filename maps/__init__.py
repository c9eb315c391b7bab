"""Folium map pages that work offline and stay light at any data size.

Public API (small and stable; other pages import only these):

``maps.assets``
    ``offline_map(tiles=settings.tiles, attribution=settings.tiles_attribution, prefix="/static", **folium_kw)``
        a ``folium.Map`` whose ``default_js``/``default_css`` point at craftmap's own ``/static`` files
        (never ``add_js_link``); ``tiles="none"`` gives no basemap; ``max_zoom`` is always set.
    ``offline(plugin)`` points a folium plugin instance (e.g. ``MarkerCluster``) at local assets.
    ``asset_url(name)``, ``default_js()``, ``default_css()``, ``STATIC_DIRS`` (mounted by the app under
    ``/static/<name>``: ``leaflet``, ``markercluster``, ``jquery``, ``fontawesome``, ``craftmap`` =
    ``maps/static``, craftmap's own ES modules and CSS).

``maps.styles``
    ``style_for(collection_id, feature)`` the Leaflet path style of one GeoJSON feature (pure);
    ``STYLE_TABLES`` the same rules as data for the browser; ``legend(collection_id, lang)``;
    ``occupancy_fill`` (a cluster's occupancy is ``geo.analysis.capacity``'s figure on every map).

``maps.layers``
    ``ApiLayer(collection_id, lang, query=…)`` a folium layer that *fetches* its features from
    ``/collections/{id}/items`` (paging through ``next`` links) instead of inlining them, or draws the
    page of features it is given (``data=``, the OGC HTML pages); points are clustered.

``maps.public_maps``
    folium groups of the public pages' maps (money choropleth, points, distance circles).

``maps.builder``
    the one way a map is made (offline map, layers, layer control, craftmap's controls, language):
    ``build(PageContext, MapPage) -> str`` a whole page in the site's layout (``base.html``), the map
    filling the window below the header; ``embed(PageContext, MapPage) -> MapParts`` a smaller map
    for a page template (transparency, pollution, project, OGC items and item pages).

``maps.basemap``
    ``Basemap`` (added to every map by the builder): the administrative outlines as context, and when the
    basemap tiles fail (no Internet) a drawn basemap of the city and today's communes, names from zoom 12,
    said once (data: ``geo.spatial.outlines`` served at ``/maps/outlines.geojson``).

``maps.pages`` / ``maps.capacity``
    ``overview_html``, ``collection_html``, ``cluster_html``, ``capacity_map_html``: the pages behind ``/maps/…``.

Browser code (``maps/static``): a pure core (``core/``: fold, style, money, filter, search, popup
text, sort, basemap fallback; unit-tested with ``node --test`` in ``tests/js``) and thin Leaflet/DOM modules (``ui/``)
started by ``main.js``. All text from data is put into the page with ``textContent``; nothing from a
record is ever parsed as HTML.
"""
