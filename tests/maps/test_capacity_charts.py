"""Pure pieces of the capacity pages: colours by occupancy and status, SVG segments, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import shapely

from geo.analysis.capacity import balance_of
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from maps.capacity import PLOT_COLOURS, UNKNOWN_COLOUR, occupancy_colour, plot_colour
from maps.charts import balance_svg, segments


@pytest.mark.parametrize(("occupancy", "colour"), [
    (None, UNKNOWN_COLOUR), (0.0, "#1a9850"), (0.49, "#1a9850"), (0.5, "#fdae61"), (0.79, "#fdae61"),
    (0.8, "#d73027"), (1.0, "#d73027"),
])
def test_occupancy_colour(occupancy: float | None, colour: str) -> None:
    assert occupancy_colour(occupancy) == colour


def test_plot_colours_differ_by_status() -> None:
    assert len({plot_colour(s) for s in PLOT_COLOURS}) == len(PLOT_COLOURS)
    assert plot_colour(None) == UNKNOWN_COLOUR
    statuses = COLLECTIONS["cluster_plots"].field("status").enum or ()
    assert statuses and all(plot_colour(s) != UNKNOWN_COLOUR for s in statuses)  # every registry status coloured


def _cluster(**props: object) -> Feature:
    base = {"name": "Cụm <b>&</b>", "outline": "nominal_marker", "sources": ["s"], "illustrative": False}
    return Feature("c", shapely.box(106.6, 20.9, 106.601, 20.901), {**base, **props})


def test_declared_balance_segments_and_unplotted_rest() -> None:
    b = balance_of(_cluster(planned_area_ha=10.0, industrial_area_ha=6.0, leased_area_ha=4.0), [])
    names = {s[0]: s[3] for s in segments(b)}
    assert names == {"leased": 4.0, "free": 2.0, "unplotted": 4.0}


def test_svg_is_well_formed_and_escapes_names() -> None:
    svg = balance_svg(balance_of(_cluster(), []))
    root = ET.fromstring(svg)
    assert "<b>" not in svg and "Cụm <b>&</b>" in "".join(root.itertext())
    assert "chưa có số liệu diện tích" in svg and "no area figures" not in svg
    assert "no area figures known" in balance_svg(balance_of(_cluster(), []), lang="en")


def test_chart_numbers_use_the_readers_decimal_mark() -> None:
    b = balance_of(_cluster(planned_area_ha=10.0, industrial_area_ha=6.0, leased_area_ha=4.25), [])
    vi, en = balance_svg(b), balance_svg(b, lang="en")
    assert "Đã cho thuê 4,25 ha" in vi and "Tỷ lệ lấp đầy 71 %" in vi
    assert "Leased 4.25 ha" in en and "occupancy 71%" in en
