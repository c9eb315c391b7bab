"""What QGIS makes of craftmap's OGC API - Features, written as JSON to the file named first.

Run by Debian's ``/usr/bin/python3`` (where ``python3-qgis`` lives), never by the project's venv:
``QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/clients/qgis_probe.py ANSWER.json < REQUEST.json``.
The request names the server and, per collection, a bbox and a small page size; the answer records,
per collection, what QGIS's own OAPIF provider reports and reads (a file, since QGIS prints messages
of its own). ``test_qgis.py`` compares it with what the API says.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from qgis.core import Qgis, QgsApplication, QgsFeatureRequest, QgsRectangle, QgsVectorLayer


def _layer(url: str, cid: str, **options: str) -> QgsVectorLayer:
    extra = "".join(f" {key}='{value}'" for key, value in options.items())
    return QgsVectorLayer(f"url='{url}' typename='{cid}'{extra}", cid, "OAPIF")


def _ids(layer: QgsVectorLayer, request: QgsFeatureRequest | None = None) -> list[Any]:
    return [f["id"] for f in layer.getFeatures(request or QgsFeatureRequest())]


def probe(url: str, cid: str, bbox: list[float], page_size: int) -> dict[str, Any]:
    """One collection read four ways: as added by a user, unpaged, in small pages, and inside a bbox."""
    layer = _layer(url, cid)
    if not layer.isValid():
        return {"valid": False, "error": layer.error().summary()}
    unpaged = _layer(url, cid, pagingEnabled="false")
    paged = _layer(url, cid, pageSize=str(page_size))
    boxed = _layer(url, cid, restrictToRequestBBOX="1")
    rect = QgsRectangle(*bbox)
    return {
        "valid": True,
        "feature_count": layer.featureCount(),
        "fields": [[f.name(), f.typeName()] for f in layer.fields()],
        "geometry_type": layer.wkbType(),
        "crs": layer.crs().authid(),
        "ids": _ids(layer),
        "unpaged_ids": _ids(unpaged),
        "paged_ids": _ids(paged),
        "bbox_ids": _ids(boxed, QgsFeatureRequest().setFilterRect(rect)),
    }


def main() -> None:
    request = json.load(sys.stdin)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        out = {"qgis_version": Qgis.QGIS_VERSION,
               "collections": {cid: probe(request["url"], cid, spec["bbox"], spec["page_size"])
                               for cid, spec in request["collections"].items()}}
    finally:
        app.exitQgis()
    with open(sys.argv[1], "w", encoding="utf-8") as answer:
        json.dump(out, answer, ensure_ascii=False)


if __name__ == "__main__":
    main()
