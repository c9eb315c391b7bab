"""Text from data is text: markup in names, crafts and sources never runs or renders as HTML."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browser import Visit
from tests.support.maps import EVIL, EVIL_SCRIPT, EVIL_SOURCES, build, evil_records
from tests.support.servers import LiveServer


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(build(tmp_path_factory.mktemp("evil"), evil_records(), EVIL_SOURCES)) as server:
        yield server


def assert_inert(v: Visit) -> None:
    assert v.dialogs == []
    assert v.errors == []
    assert v.page.locator('img[src="x"]').count() == 0
    assert v.page.locator('a[href^="javascript:"]').count() == 0


def test_markup_in_a_village_shows_as_text_in_popup_tooltip_and_search(evil_server: LiveServer,
                                                                         visit: Any) -> None:
    v: Visit = visit(evil_server.url + "/maps/overview")
    page = v.page
    page.locator(".cm-search-input").fill("onerror")
    hits = page.locator(".cm-search-hit")
    assert hits.count() == 3  # the village, the cluster and the project
    assert all(EVIL in t for t in hits.all_inner_texts())
    hits.filter(has=page.locator(".cm-search-layer", has_text="Làng nghề")).click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert EVIL in text and EVIL_SCRIPT in text  # name and crafts, literally
    assert EVIL in popup.locator(".cm-sources").inner_text()  # the hostile source title, as text
    assert popup.locator("a").count() == 0  # its javascript: address is not made a link
    page.evaluate("craftmap.find('villages', 'my-dong').entry.leaf.openTooltip()")
    assert EVIL in page.locator(".leaflet-tooltip").inner_text()
    page.evaluate("craftmap.find('projects', 'p-pilot').entry.leaf.openPopup()")
    page.wait_for_timeout(100)
    assert_inert(v)


def test_markup_in_a_cluster_name_shows_as_text_on_its_page(evil_server: LiveServer, visit: Any) -> None:
    v: Visit = visit(evil_server.url + "/maps/clusters/kien-bai")
    page = v.page
    assert page.title().endswith(EVIL_SCRIPT + EVIL + " — craftmap Hải Phòng")  # the layout's title suffix
    assert EVIL_SCRIPT + EVIL in page.locator(".leaflet-control-layers").inner_text()
    assert EVIL_SCRIPT + EVIL in page.locator(".cm-legend").inner_text()
    page.evaluate("craftmap.find('clusters', 'kien-bai').entry.leaf.openPopup()")
    assert EVIL in page.locator(".leaflet-popup-content").inner_text()
    assert_inert(v)
