"""Offline assets (``maps/assets.py``): every file exists, no CDN link, folium's defaults untouched."""

from __future__ import annotations

import re

import folium
import folium.plugins
import pytest

from maps.assets import (
    CSS_NAMES,
    JS_NAMES,
    STATIC_DIRS,
    asset_path,
    asset_url,
    default_css,
    default_js,
    offline,
    offline_map,
)

EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")


def test_every_linked_asset_is_a_file_on_disk() -> None:
    for name in (*JS_NAMES, *CSS_NAMES):
        assert asset_path(name).is_file(), name
        assert asset_url(name).startswith("/static/")
    assert all(d.is_dir() for d in STATIC_DIRS.values())


def test_font_awesome_css_finds_its_fonts() -> None:
    css = asset_path("fontawesome_css").read_text(encoding="utf-8")
    for font in set(re.findall(r"url\(\.\./(webfonts/[^)]+)\)", css)):
        assert (STATIC_DIRS["fontawesome"] / font).is_file(), font


def test_offline_map_links_only_local_assets() -> None:
    cdn_js = list(folium.Map.default_js)
    html = offline_map(tiles="none").get_root().render()
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    for _, url in default_js() + default_css():
        assert url in html
    # The override lives on the instance: folium's shared class lists still hold its CDN defaults.
    assert folium.Map.default_js == cdn_js
    assert folium.Map().default_js == cdn_js


def test_offline_map_prefix_for_a_proxy_path() -> None:
    html = offline_map(tiles="none", prefix="/craftmap/static").get_root().render()
    assert 'src="/craftmap/static/leaflet/leaflet.js"' in html


def test_tiles_none_means_no_basemap_and_max_zoom_is_set() -> None:
    m = offline_map(tiles="none")
    assert m.options["max_zoom"] == 19
    assert "L.tileLayer" not in m.get_root().render()


def test_osm_basemap_is_attributed_and_can_be_switched_off() -> None:
    m = offline_map(tiles="OpenStreetMap", basemap_name="Basemap here")
    control = folium.LayerControl().add_to(m)
    html = m.get_root().render()
    assert "tile.openstreetmap.org" in html
    assert "OpenStreetMap contributors" in html
    assert list(control.overlays) == ["Basemap here"] and not control.base_layers


def test_a_custom_tile_url_is_used_as_given() -> None:
    html = offline_map(tiles="http://127.0.0.1:9/{z}/{x}/{y}.png", attribution="Local tiles").get_root().render()
    assert "http://127.0.0.1:9/{z}/{x}/{y}.png" in html and "Local tiles" in html


def test_plugins_are_pointed_at_local_files() -> None:
    cdn = list(folium.plugins.MarkerCluster.default_js)
    m = offline_map(tiles="none")
    offline(folium.plugins.MarkerCluster()).add_to(m)
    html = m.get_root().render()
    assert "cdnjs" not in html and "/static/markercluster/leaflet.markercluster.js" in html
    assert folium.plugins.MarkerCluster.default_js == cdn


def test_a_plugin_needing_an_unserved_library_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="does not serve"):
        offline(folium.plugins.Fullscreen())


@pytest.mark.parametrize(("lang", "name"), [("vi", "Bản đồ nền (cần Internet)"), ("en", "Basemap (needs Internet)")])
def test_basemap_is_named_in_the_page_language(lang: str, name: str) -> None:
    m = offline_map(tiles="OpenStreetMap", lang=lang)
    control = folium.LayerControl().add_to(m)
    m.get_root().render()
    assert list(control.overlays) == [name]
