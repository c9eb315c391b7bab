"""Small typed dependencies: one parser per query parameter, each raising a domain error.

Also the one ``limit`` parser, the one ``lang`` dependency, the one read-only-collection check and the
one content negotiation (``?f=`` first, then ``Accept`` with q-values)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request

from api.openapi30 import PARAMETER_REF
from api.settings import ServerSettings
from geo.i18n.lang import Lang, parse_lang
from geo.model.collections import Collection, get_collection
from geo.model.dates import parse_instant
from geo.model.errors import InvalidParameter, ReadOnlyCollection
from geo.model.limits import parse_int
from geo.store.base import Store


async def app_settings(request: Request) -> ServerSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


async def collection_path(collection_id: Annotated[str, Path(description="Collection id")]) -> Collection:
    return get_collection(collection_id)


SettingsDep = Annotated[ServerSettings, Depends(app_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
CollectionDep = Annotated[Collection, Depends(collection_path)]


def editable_collection(c: CollectionDep) -> Collection:
    """The collection, or 405 (with ``Allow``) for reference data such as ``admin_units``."""
    if not c.editable:
        raise ReadOnlyCollection(f"{c.id} is reference data and cannot be edited through the API.",
                                 headers={"Allow": "GET, HEAD"})
    return c


EditableDep = Annotated[Collection, Depends(editable_collection)]


async def lang_query(lang: Annotated[str | None, Query(description="Page language: vi (default) or en")] = None
                     ) -> Lang:
    return parse_lang(lang)


LangDep = Annotated[Lang, Depends(lang_query)]


def sentence_lang(request: Request, lang: Lang) -> Lang:
    """The language of sentences in JSON: English unless ``lang`` was given (pages default to vi), so
    existing clients read what they always read."""
    return lang if "lang" in request.query_params else "en"


# Query parameters declared once under ``components/parameters`` of the OpenAPI (QGIS and GDAL read the
# page size limits there): the dependency marks its parameter, ``paging_parameters`` gives the declaration.
OFFSET_MAX = 2**62 - 1  # beyond any store; SQLite cannot even bind 2**63


def paging_parameters(settings: ServerSettings) -> dict[str, dict[str, Any]]:
    """OpenAPI ``limit`` and ``offset``: integers with the minimum, maximum and default the server applies.

    A ``limit`` above the maximum is clamped, not refused (OGC API - Features Part 1, 7.15.3).
    """
    def query(name: str, description: str, minimum: int, maximum: int, default: int) -> dict[str, Any]:
        return {"name": name, "in": "query", "required": False, "style": "form", "explode": False,
                "description": description,
                "schema": {"type": "integer", "minimum": minimum, "maximum": maximum, "default": default}}

    return {
        "limit": query("limit", f"Page size, {settings.default_limit} by default; a value above "
                       f"{settings.max_limit} is answered with {settings.max_limit} features at most",
                       1, settings.max_limit, settings.default_limit),
        "offset": query("offset", "Number of features to skip", 0, OFFSET_MAX, 0),
    }


def _whole_number(text: str, name: str) -> int:
    """Digits checked against the budget before conversion (``geo.model.limits.parse_int``)."""
    return parse_int(text, name)


def parse_limit(text: str | None, default: int, maximum: int) -> int:
    """The one ``limit`` parser: a whole number ≥ 1, clamped to ``maximum``; ``default`` when absent."""
    if text is None:
        return default
    value = _whole_number(text, "limit")
    if value < 1:
        raise InvalidParameter("limit must be at least 1.")
    return min(value, maximum)


async def limit_query(request: Request, limit: Annotated[str | None, Query(
        description="Page size; values above the server maximum are clamped",
        json_schema_extra={PARAMETER_REF: "limit"})] = None) -> int:
    settings: ServerSettings = request.app.state.settings
    return parse_limit(limit, settings.default_limit, settings.max_limit)


async def offset_query(offset: Annotated[str | None, Query(
        description="Number of features to skip", json_schema_extra={PARAMETER_REF: "offset"})] = None) -> int:
    if offset is None:
        return 0
    value = _whole_number(offset, "offset")
    if value < 0:
        raise InvalidParameter("offset must not be negative.")
    if value > OFFSET_MAX:
        raise InvalidParameter("offset is too large.")
    return value


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``minx,miny,maxx,maxy`` (or 6 numbers with heights, which are ignored)."""
    parts = text.split(",")
    if len(parts) not in (4, 6):
        raise InvalidParameter("bbox must have 4 numbers (minx,miny,maxx,maxy) or 6 with heights.")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise InvalidParameter(f"bbox must be numbers, got '{text}'.") from None
    if not all(math.isfinite(n) for n in nums):
        raise InvalidParameter("bbox must be finite numbers.")
    if len(nums) == 6:
        nums = [nums[0], nums[1], nums[3], nums[4]]
    minx, miny, maxx, maxy = nums
    if miny > maxy:
        raise InvalidParameter("bbox: the lower corner must be below the upper corner.")
    if minx > maxx:
        raise InvalidParameter("bbox crossing the antimeridian is not supported.")
    return (minx, miny, maxx, maxy)


def _instant(text: str) -> str | None:
    if text in ("..", ""):
        return None
    if parse_instant(text, partial=True) is None:
        raise InvalidParameter(f"datetime '{text}' is not an RFC 3339 date or date-time (with its offset).")
    return text


async def datetime_query(datetime: Annotated[str | None, Query(
        description="An instant or an interval start/end, '..' for an open end")] = None) -> tuple[
        str | None, str | None] | None:
    if datetime is None:
        return None
    if "/" in datetime:
        start, _, end = datetime.partition("/")
        lo, hi = _instant(start), _instant(end)
        if lo is None and hi is None:
            raise InvalidParameter("datetime interval must have at least one bound.")
        if lo and hi and lo > hi:
            raise InvalidParameter("datetime interval ends before it starts.")
        return (lo, hi)
    value = _instant(datetime)
    if value is None:
        raise InvalidParameter("datetime must not be empty.")
    return (value, value)


LimitDep = Annotated[int, Depends(limit_query)]
OffsetDep = Annotated[int, Depends(offset_query)]
DatetimeDep = Annotated[tuple[str | None, str | None] | None, Depends(datetime_query)]


def accepts(request: Request, media_type: str) -> bool:
    """Whether ``Accept`` names ``media_type`` itself with a q-value above 0 (wildcards do not count:
    JSON stays the default for ``*/*`` clients such as OWSLib)."""
    for part in request.headers.get("accept", "").split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        if kind.lower() != media_type:
            continue
        q = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            return float(q) > 0
        except ValueError:
            return False
    return False


MEDIA_TYPES = {"html": "text/html", "csv": "text/csv"}


def negotiate(request: Request, f: str | None, allowed: tuple[str, ...]) -> str:
    """The one content negotiation: ``?f=`` (one of ``allowed``) first; otherwise HTML or CSV only when
    the client names ``text/html`` or ``text/csv`` in ``Accept``; otherwise ``allowed[0]`` (JSON)."""
    if f is not None:
        if f not in allowed:
            raise InvalidParameter(f"f must be one of {', '.join(allowed)}, got '{f[:40]}'.")
        return f
    return next((kind for kind in allowed if kind in MEDIA_TYPES and accepts(request, MEDIA_TYPES[kind])),
                allowed[0])


OGC_FORMATS = ("json", "html", "geojson")


def wants_html(request: Request, f: str | None) -> bool:
    """For the OGC resources: HTML or not, by ``negotiate``."""
    return negotiate(request, f, OGC_FORMATS) == "html"
