"""Names reach the capacity map inside JS template literals: none may close one and run code."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.support.maps import EVIL_SOURCES, build, evil_records
from tests.support.servers import LiveServer

BREAKOUT = "A`);alert(document.domain);(`"


def test_backtick_names_cannot_leave_the_tooltip_literal(tmp_path: Path) -> None:
    records = evil_records()
    records["clusters"][0]["properties"]["name"] = BREAKOUT
    records["cluster_plots"][0]["properties"]["name"] = BREAKOUT
    with LiveServer(build(tmp_path, records, EVIL_SOURCES)) as server:
        page = httpx.get(server.url + "/maps/capacity", timeout=30).text
    literals = re.findall(r"`[^`]*`", page)
    assert not [t for t in literals if "alert(document.domain)" in t and "&#96;" not in t]
    assert "alert(document.domain);(`" not in page
    assert "A&#96;);alert(document.domain);(&#96;" in page
