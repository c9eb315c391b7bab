"""Response classes serialised with orjson."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse


class ORJSONResponse(JSONResponse):
    """JSON through orjson (geometries arrive pre-serialised as ``orjson.Fragment``)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class GeoJSONResponse(ORJSONResponse):
    media_type = "application/geo+json"
