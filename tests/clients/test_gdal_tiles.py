"""GDAL's OGCAPI driver (pyogrio's bundled GDAL) finds the vector tiles from the collection's
``tilesets-vector`` link and reads every village from them, public fields only, on both stores."""

from __future__ import annotations

import pyogrio
import pytest

from geo.model.collections import COLLECTIONS
from geo.records.loader import read_dataset
from tests.support.servers import ProcessServer
from tests.support.stores import DATA_DIR

pytestmark = pytest.mark.client


@pytest.mark.parametrize("zoom", [0, 1])  # the levels GDAL lists for a city-sized extent
def test_gdal_reads_the_vector_tiles(process_live: ProcessServer, zoom: int) -> None:
    frame = pyogrio.read_dataframe(f"OGCAPI:{process_live.url}/collections/villages", API="TILES",
                                   layer=f"Zoom level {zoom}")
    expected = {f.id for f in read_dataset(DATA_DIR)[0]["villages"] if f.geometry is not None}
    assert set(frame["id"]) == expected
    assert not set(frame.columns) & set(COLLECTIONS["villages"].private_names)
