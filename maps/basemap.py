"""The drawn basemap on every map (``maps/static/ui/basemap.js``): the administrative outlines as context,
and the fallback when the basemap tiles cannot load.

``Basemap`` renders to ``craftmap.basemap(map, config)`` (``maps/static/boot.js``), which counts the tile
events from the first tile on; the page's module fetches ``/maps/outlines.geojson``
(``geo.spatial.outlines``) and draws it. Add it after the tile layer and before the data layers.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from geo.i18n.words import words

OUTLINES_PATH = "/maps/outlines.geojson"
LABEL_ZOOM = 12  # the same as core/basemap.js: commune names from this zoom on


def basemap_config(lang: str, api_root: str, *, context: bool, title: str = "") -> dict[str, Any]:
    """``context``: draw the outlines over the tiles too (maps that have no admin layer of their own);
    ``title`` names the map for screen readers (the map becomes a region landmark)."""
    return {"url": api_root + OUTLINES_PATH, "context": context, "labelZoom": LABEL_ZOOM, "title": title,
            "words": words(lang, ("basemap_offline", "basemap_notice_close", "zoom_in", "zoom_out", "map_layers"))}


class Basemap(MacroElement):
    """The drawn basemap of one map (see module docstring)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            craftmap.basemap({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, lang: str, api_root: str, *, context: bool, title: str = "") -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca publishes no annotations
        self._name = "Basemap"
        self.config = basemap_config(lang, api_root, context=context, title=title)
