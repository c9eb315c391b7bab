"""QGIS itself (Debian's 3.22, headless) reads every collection through its OGC API - Features provider.

The probe (``qgis_probe.py``) runs in the system Python that ``python3-qgis`` installs into, against
the real uvicorn of ``process_live`` (once per store); everything QGIS reports is compared with what
the API answers. ``scripts/setup-test-system.sh`` installs QGIS; without it these tests skip, or
fail when ``CI=true``. Deselect them with ``-m "not qgis"``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.settings import ROOT
from tests.support.servers import ProcessServer

pytestmark = [pytest.mark.client, pytest.mark.qgis]

QGIS_PYTHON = os.environ.get("CRAFTMAP_QGIS_PYTHON", "/usr/bin/python3")
PROBE = Path(__file__).with_name("qgis_probe.py")
RECORD = ROOT / "test-artifacts" / "qgis-field-types-{store}.json"
PAGE_SIZE = 7  # smaller than every collection but the smallest: QGIS must page
# QgsWkbTypes codes of the registry's geometry types
WKB = {"Point": 1, "Polygon": 3, "MultiPoint": 4, "MultiPolygon": 6}
NUMERIC = {"integer": {"Integer", "Integer64"}, "number": {"Real"}}


def qgis_env(home: Path) -> dict[str, str]:
    """Headless Qt, a throwaway QGIS profile, and nothing of the venv's Python path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**env, "QT_QPA_PLATFORM": "offscreen", "QGIS_CUSTOM_CONFIG_PATH": str(home),
            "XDG_RUNTIME_DIR": str(runtime), "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def unavailable(reason: str) -> None:
    """Skip outside CI; fail in CI, so a CI run never passes without QGIS having read the API."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"QGIS tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"QGIS unavailable: {reason}; run 'bash scripts/setup-test-system.sh'")


@pytest.fixture(scope="session")
def qgis_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("qgis")
    check = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], env=qgis_env(home), capture_output=True,
                           text=True, timeout=120, check=False) if Path(QGIS_PYTHON).exists() else None
    if check is None or check.returncode != 0:
        unavailable(f"{QGIS_PYTHON} cannot import qgis.core" + (f": {check.stderr[-300:]}" if check else ""))
    return home


def west_half(extent: list[float]) -> list[float]:
    minx, miny, maxx, maxy = extent
    return [minx - 0.001, miny - 0.001, (minx + maxx) / 2, maxy + 0.001]


@pytest.fixture(scope="module")
def api(process_live: ProcessServer) -> dict[str, dict[str, Any]]:
    """What the API itself says of each collection: count, ids, the ids in the west half, schema fields
    and their types (``date`` for dates)."""
    out: dict[str, dict[str, Any]] = {}
    with httpx.Client(base_url=process_live.url, timeout=60) as http:
        for cid in LOAD_ORDER:
            bbox = west_half(http.get(f"/collections/{cid}").json()["extent"]["spatial"]["bbox"][0])
            items = http.get(f"/collections/{cid}/items", params={"limit": 10000}).json()
            boxed = http.get(f"/collections/{cid}/items",
                             params={"limit": 10000, "bbox": ",".join(map(str, bbox))}).json()
            schema = http.get(f"/collections/{cid}/schema").json()["properties"]
            out[cid] = {"matched": items["numberMatched"], "ids": sorted(f["id"] for f in items["features"]),
                        "bbox": bbox, "bbox_ids": sorted(f["id"] for f in boxed["features"]),
                        "fields": [name for name in schema if name != "geometry"],
                        "types": {name: p.get("format", p.get("type")) for name, p in schema.items()}}
    return out


@pytest.fixture(scope="module")
def qgis(qgis_home: Path, process_live: ProcessServer, api: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One QGIS session reading every collection of this server."""
    request = {"url": process_live.url,
               "collections": {cid: {"bbox": api[cid]["bbox"], "page_size": PAGE_SIZE} for cid in LOAD_ORDER}}
    answer = qgis_home / f"answer-{process_live.port}.json"
    done = subprocess.run([QGIS_PYTHON, str(PROBE), str(answer)], input=json.dumps(request), env=qgis_env(qgis_home),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0 and answer.exists(), done.stderr[-2000:]
    result: dict[str, Any] = json.loads(answer.read_text(encoding="utf-8"))
    record_field_types(result, api, "postgis" if "CRAFTMAP_DATABASE_URL" in process_live.env else "gpkg")
    return result


def record_field_types(result: dict[str, Any], api: dict[str, dict[str, Any]], store: str) -> None:
    """Keep the types QGIS gave each field, and which typed properties arrived as strings.

    QGIS 3.22 guesses types from the first page and does not read ``/schema``: a number that is
    null throughout that page becomes a string. Recorded, not asserted: it follows the data.
    """
    out = {"qgis_version": result["qgis_version"], "as_strings": {}, "fields": {}}
    for cid, layer in result["collections"].items():
        types = dict(layer.get("fields", []))
        out["fields"][cid] = types
        schema_types = api[cid]["types"]
        out["as_strings"][cid] = [name for name, qgis_type in types.items()
                                  if qgis_type == "String" and schema_types.get(name) != "string"]
    path = Path(str(RECORD).format(store=store))
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_qgis_counts_and_reads_every_feature_once(qgis: dict[str, Any], api: dict[str, dict[str, Any]],
                                                  cid: str) -> None:
    layer, expected = qgis["collections"][cid], api[cid]
    assert layer["valid"], layer.get("error")
    assert layer["feature_count"] == expected["matched"] == len(expected["ids"])
    assert sorted(layer["ids"]) == expected["ids"]  # as a user adds the layer
    assert sorted(layer["unpaged_ids"]) == expected["ids"]  # paging off: one request at the declared maximum
    assert sorted(layer["paged_ids"]) == expected["ids"]  # pages of PAGE_SIZE, each feature once
    assert layer["geometry_type"] == WKB[COLLECTIONS[cid].geometry_type]
    assert layer["crs"] == "EPSG:4326"


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_qgis_bbox_request_matches_the_api_bbox_answer(qgis: dict[str, Any], api: dict[str, dict[str, Any]],
                                                       cid: str) -> None:
    assert sorted(qgis["collections"][cid]["bbox_ids"]) == api[cid]["bbox_ids"]


def test_some_bbox_requests_are_real_subsets(api: dict[str, dict[str, Any]]) -> None:
    """Otherwise the bbox comparison above could not tell a bbox from no bbox."""
    assert any(0 < len(a["bbox_ids"]) < len(a["ids"]) for a in api.values())


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_qgis_fields_are_the_schema_properties(qgis: dict[str, Any], api: dict[str, dict[str, Any]], cid: str) -> None:
    """Names and order as the schema gives them; types are QGIS's guesses (see ``record_field_types``),
    but a numeric field typed as another number kind would be a real mismatch."""
    fields = qgis["collections"][cid]["fields"]
    assert [name for name, _ in fields] == api[cid]["fields"]
    for name, qgis_type in fields:
        allowed = NUMERIC.get(api[cid]["types"][name])
        if allowed is not None and qgis_type != "String":
            assert qgis_type in allowed, (name, qgis_type)
