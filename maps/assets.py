"""Every browser asset a map page needs, served by craftmap itself (no CDN).

Leaflet, Leaflet.markercluster, jQuery (folium builds its own popups with it) and Font Awesome come
from the ``xstatic-*`` PyPI packages installed with craftmap; Leaflet-Geoman (drawing) from npm
(``NPM_DIRS``, installed by ``scripts/setup-npm.sh``); craftmap's own JS/CSS live in
``maps/static`` (``boot.js`` a classic script, the rest ES modules). ``STATIC_DIRS`` says which
folder is mounted under which ``/static/<name>``;
the app mounts them (``api/routes/static.py``) and pages link them through the URLs below.

``offline_map`` is the only way map pages should build a ``folium.Map``: it replaces folium's CDN
``default_js``/``default_css`` *on the instance* (folium's ``add_js_link`` would mutate the lists
shared by every map in the process) and configures the basemap from the settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium
import xstatic.pkg.font_awesome as _font_awesome
import xstatic.pkg.jquery as _jquery
import xstatic.pkg.leaflet as _leaflet
import xstatic.pkg.leaflet_markercluster as _markercluster

from geo.i18n.words import word

STATIC_PREFIX = "/static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CRAFTMAP_STATIC = Path(__file__).resolve().parent / "static"  # craftmap's own JS (ES modules) and CSS
# npm packages installed by scripts/setup-npm.sh (package-lock.json pins them); never a CDN.
NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"
NPM_DIRS: dict[str, Path] = {
    "geoman": NODE_MODULES / "@geoman-io" / "leaflet-geoman-free" / "dist",
    "protomaps": NODE_MODULES / "protomaps-leaflet" / "dist",  # vector tiles on a canvas (BSD-3-Clause)
}

# URL folder name -> directory on disk. Versions are pinned in pyproject.toml.
STATIC_DIRS: dict[str, Path] = {
    "leaflet": Path(_leaflet.BASE_DIR),
    "markercluster": Path(_markercluster.BASE_DIR),
    "jquery": Path(_jquery.BASE_DIR),
    "fontawesome": Path(_font_awesome.BASE_DIR),
    "craftmap": CRAFTMAP_STATIC,
    **NPM_DIRS,
}

# Which file of each package a page links: (static dir, path inside it).
_FILES: dict[str, tuple[str, str]] = {
    "leaflet_js": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "jquery_js": ("jquery", "jquery.min.js"),
    "markercluster_js": ("markercluster", "leaflet.markercluster.js"),
    "markercluster_css": ("markercluster", "MarkerCluster.css"),
    "markercluster_default_css": ("markercluster", "MarkerCluster.Default.css"),
    "fontawesome_css": ("fontawesome", "css/all.min.css"),
    "craftmap_js": ("craftmap", "boot.js"),
    "craftmap_module": ("craftmap", "main.js"),
    "craftmap_css": ("craftmap", "craftmap.css"),
    "geoman_js": ("geoman", "leaflet-geoman.min.js"),
    "geoman_css": ("geoman", "leaflet-geoman.css"),
    "protomaps_js": ("protomaps", "protomaps-leaflet.js"),
}

JS_NAMES = ("leaflet_js", "jquery_js", "markercluster_js", "craftmap_js")
CSS_NAMES = ("leaflet_css", "markercluster_css", "markercluster_default_css", "fontawesome_css", "craftmap_css")

DEFAULT_MAX_ZOOM = 19
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def asset_url(name: str, prefix: str = STATIC_PREFIX) -> str:
    """URL of one named asset (a key of ``_FILES``), e.g. ``asset_url("leaflet_js")``."""
    folder, path = _FILES[name]
    return f"{prefix.rstrip('/')}/{folder}/{path}"


def asset_path(name: str) -> Path:
    """The file on disk behind ``asset_url(name)`` (used by tests and the static export)."""
    folder, path = _FILES[name]
    return STATIC_DIRS[folder] / path


def default_js(prefix: str = STATIC_PREFIX) -> list[tuple[str, str]]:
    """``(name, url)`` pairs to assign to ``folium.Map.default_js`` (or a plugin's)."""
    return [(n, asset_url(n, prefix)) for n in JS_NAMES]


def default_css(prefix: str = STATIC_PREFIX) -> list[tuple[str, str]]:
    """``(name, url)`` pairs to assign to ``folium.Map.default_css``."""
    return [(n, asset_url(n, prefix)) for n in CSS_NAMES]


def offline_map(tiles: str | None = "OpenStreetMap", attribution: str | None = None,
                prefix: str = STATIC_PREFIX, basemap_name: str | None = None, lang: str = "vi",
                **kwargs: Any) -> folium.Map:
    """A ``folium.Map`` whose every asset is served by craftmap.

    ``tiles`` is ``Settings.tiles``: a folium/xyzservices name, a ``{z}/{x}/{y}`` URL, or ``"none"``
    (or ``None``) for no basemap, named ``basemap_name`` in the layer control. An unreachable tile
    server only leaves the background blank:
    the layers do not depend on it. ``max_zoom`` is always set (MarkerCluster needs it when there
    are no tiles). Other keyword arguments go to ``folium.Map``.
    """
    kwargs.setdefault("max_zoom", DEFAULT_MAX_ZOOM)
    kwargs.setdefault("control_scale", True)
    kwargs.setdefault("location", (20.86, 106.68))  # Hải Phòng
    kwargs.setdefault("zoom_start", 10)
    basemap = None if tiles is None or tiles.strip().lower() in ("", "none") else tiles
    if basemap == "OpenStreetMap":
        # The plain URL rather than xyzservices' entry, so the attribution is ours and stable.
        basemap = OSM_URL
        attribution = attribution or "© OpenStreetMap contributors"
    if basemap is not None and "{" in basemap and not attribution:
        attribution = "Basemap"
    m = folium.Map(tiles=None, **kwargs)
    m.options["max_zoom"] = kwargs["max_zoom"]
    if basemap is not None:
        # An overlay, so a planner can switch the basemap off (and nothing else depends on it).
        folium.TileLayer(basemap, attr=attribution, name=basemap_name or word("basemap", lang), overlay=True,
                         control=True, max_zoom=kwargs["max_zoom"]).add_to(m)
    m.default_js = default_js(prefix)
    m.default_css = default_css(prefix)
    return m


def offline(element: Any, prefix: str = STATIC_PREFIX) -> Any:
    """Point a folium plugin instance's own ``default_js``/``default_css`` at local assets.

    Only plugins whose files craftmap serves can be used (MarkerCluster: yes; plugins needing
    other libraries: vendor them first). Unknown CDN entries raise, so no page links a CDN.
    """
    local = {**dict(default_js(prefix)), **dict(default_css(prefix))}
    aliases = {"markerclusterjs": "markercluster_js", "markerclustercss": "markercluster_css",
               "markerclusterdefaultcss": "markercluster_default_css"}

    def swap(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out = []
        for name, _url in pairs:
            key = aliases.get(name, name)
            if key not in local:
                raise ValueError(f"{type(element).__name__} needs '{name}', which craftmap does not serve.")
            out.append((name, local[key]))
        return out

    element.default_js = swap(list(element.default_js))
    element.default_css = swap(list(element.default_css))
    return element


def js_literal_safe(html: str) -> str:
    """HTML that folium puts inside a JS template literal (tooltips are not escaped by folium):
    the backtick, ``$`` and backslash become entities, so data can never end the literal."""
    return html.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
