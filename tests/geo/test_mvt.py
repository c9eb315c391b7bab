"""``geo.store.mvt`` scales a tile in one vectorised call: the bytes must be those the encoder writes
when it scales each geometry itself (``quantize_bounds``), for points, lines and polygons."""

from __future__ import annotations

import mapbox_vector_tile
import numpy as np
import shapely

from geo.spatial import tiles
from geo.store import mvt


def test_the_same_bytes_as_the_encoders_own_scaling() -> None:
    t = tiles.tile(14, 13047, 7229)
    minx, miny, maxx, maxy = t.buffered
    rng = np.random.default_rng(7)
    xs, ys = rng.uniform(minx, maxx, 300), rng.uniform(miny, maxy, 300)
    shapes = [*shapely.points(xs, ys), shapely.linestrings(np.column_stack([xs[:20], ys[:20]])),
              shapely.box(xs[0], ys[0], xs[0] + 300, ys[0] + 200), None]
    features = [{"id": i, "properties": {"n": i, "name": f"Cơ sở {i}"}} for i in range(len(shapes))]
    ours = mvt.encode("facilities", t, np.array(shapes, dtype=object), features)
    theirs = mapbox_vector_tile.encode(
        [{"name": "facilities", "features": [{**f, "geometry": g} for f, g in zip(features, shapes, strict=True)
                                              if g is not None]}],
        default_options={"quantize_bounds": t.bounds, "extents": tiles.EXTENT})
    assert ours == bytes(theirs)
    assert len(mapbox_vector_tile.decode(ours)["facilities"]["features"]) == len(shapes) - 1


def test_nothing_to_draw_is_an_empty_tile() -> None:
    t = tiles.tile(10, 814, 451)
    assert mvt.encode("facilities", t, np.array([None], dtype=object), [{"properties": {}}]) == b""
    assert mvt.encode("facilities", t, np.array([], dtype=object), []) == b""
