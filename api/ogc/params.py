"""Query parameters of OGC API - Features Parts 1 to 3: ``crs``, ``bbox-crs``, ``filter``,
``filter-lang``, ``filter-crs``, ``sortby``, ``f`` and property filters; each parser raises a domain
error (400). ``ItemsParams`` gathers them for ``…/items`` as one object (a dataclass dependency)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from api.deps import CollectionDep, DatetimeDep, LimitDep, OffsetDep, parse_bbox
from geo.model import cursor as cursors
from geo.model.collections import Collection
from geo.model.errors import InvalidFilter, InvalidParameter
from geo.model.feature import ItemQuery
from geo.model.limits import DEFAULT_LIMITS, Limits, checked_float, parse_int
from geo.model.queryables import check_sortby
from geo.spatial import cql2, crs

_CRS_DOC = "Output CRS (URI), one of the collection's `crs` list; default CRS84 (lon, lat)"


async def crs_query(crs_: Annotated[str | None, Query(alias="crs", description=_CRS_DOC)] = None) -> str:
    return crs.CRS84 if crs_ is None else crs.normalize(crs_)


async def bbox_query(bbox: Annotated[str | None, Query(description="minx,miny,maxx,maxy in `bbox-crs`")] = None,
               bbox_crs: Annotated[str | None, Query(alias="bbox-crs",
                                                     description="CRS of `bbox` (default CRS84)")] = None,
               ) -> tuple[float, float, float, float] | None:
    """The bbox in CRS84, reprojected from ``bbox-crs`` (in that CRS's axis order)."""
    source = crs.CRS84 if bbox_crs is None else crs.normalize(bbox_crs)
    if bbox is None:
        return None
    box = parse_bbox(bbox)
    if source == crs.CRS84:
        return box
    out = crs.transform_bbox(box, source, crs.CRS84)
    if not all(abs(v) < 1e9 for v in out):
        raise InvalidParameter("bbox cannot be reprojected from bbox-crs.")
    return out


_L = DEFAULT_LIMITS
_FILTER_DOC = (f"A CQL2 filter (Part 3). Budget (400 naming the limit): at most {_L.max_filter_chars:,} characters, "
               f"{_L.max_filter_terms:,} terms (predicates and IN values), nesting depth {_L.max_filter_depth} "
               f"(an AND/OR chain is one level), numbers of at most {_L.max_number_digits} digits")
_SORTBY_DOC = ("Comma-separated properties, `-` for descending: `-year_start,title`; "
               f"at most {_L.max_sortby_terms} properties (400 beyond)")


async def filter_query(
    request: Request,
    filter_: Annotated[str | None, Query(alias="filter", description=_FILTER_DOC)] = None,
    filter_lang: Annotated[Literal["cql2-text", "cql2-json"] | None, Query(
        alias="filter-lang", description="cql2-text (default) or cql2-json")] = None,
    filter_crs: Annotated[str | None, Query(alias="filter-crs",
                                            description="CRS of geometries in the filter: CRS84 only")] = None,
) -> Any | None:
    """The parsed filter (a pygeofilter AST), or ``None``."""
    if filter_crs is not None and crs.normalize(filter_crs) != crs.CRS84:
        raise InvalidFilter("filter-crs: geometries in filters must be in CRS84.")
    if filter_ is None:
        return None
    if not filter_.strip():
        raise InvalidFilter("filter must not be empty.")
    return cql2.parse(filter_, filter_lang, request.app.state.settings.limits)


def parse_sortby(text: str, allowed: frozenset[str] | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> tuple[tuple[str, bool], ...]:
    """``+name,-year`` (a bare name sorts ascending; a leading space is a URL-decoded ``+``)."""
    out = []
    limits.check("max_sortby_terms", text.count(",") + 1, "The number of sortby properties")
    for raw in text.split(","):
        item = raw.strip() if raw.strip() else ""
        ascending = not item.startswith("-")
        name = item.lstrip("+-").strip()
        if not name:
            raise InvalidParameter(f"sortby: empty property in '{text}'.")
        if allowed is not None and name not in allowed:
            raise InvalidParameter(f"Cannot sort by '{name}': not a sortable property.")
        out.append((name, ascending))
    return tuple(out)


async def sortby_query(request: Request, sortby: Annotated[str | None, Query(description=_SORTBY_DOC)] = None
                       ) -> tuple[tuple[str, bool], ...]:
    return () if sortby is None else parse_sortby(sortby, limits=request.app.state.settings.limits)


FormatQuery = Annotated[Literal["json", "geojson", "html"] | None, Query(
    description="Response format; default JSON, or HTML when the Accept header asks for text/html")]

CrsDep = Annotated[str, Depends(crs_query)]
BboxCrsDep = Annotated[tuple[float, float, float, float] | None, Depends(bbox_query)]
FilterDep = Annotated[Any | None, Depends(filter_query)]
SortbyDep = Annotated[tuple[tuple[str, bool], ...], Depends(sortby_query)]


RESERVED = {"bbox", "limit", "offset", "cursor", "datetime", "f", "crs", "bbox-crs", "filter", "filter-lang",
            "filter-crs", "sortby", "properties", "lang"}


def property_filters(request: Request, collection: Collection) -> dict[str, Any]:
    """Equality filters from query parameters named after public, scalar or array properties."""
    out: dict[str, Any] = {}
    for name, value in request.query_params.items():
        if name in RESERVED:
            continue
        if name not in collection.field_names or name in collection.private_names:
            raise InvalidParameter(f"Unknown parameter '{name}': not a queryable of {collection.id}.")
        f = collection.field(name)
        if f.type == "object" or f.items == "object":
            raise InvalidParameter(f"'{name}' cannot be filtered by value; use a CQL2 filter.")
        out[name] = _coerce(f.items if f.type == "array" and f.items else f.type, value, name)
    return out


def _coerce(type_: str, value: str, name: str) -> Any:
    if type_ == "integer":
        return parse_int(value, f"'{name}'")
    try:
        if type_ == "number":
            return checked_float(value, name)
    except ValueError:
        raise InvalidParameter(f"'{name}' must be a {type_}, got '{value}'.") from None
    if type_ == "boolean":
        if value.lower() not in ("true", "false"):
            raise InvalidParameter(f"'{name}' must be true or false, got '{value}'.")
        return value.lower() == "true"
    return value


CursorQuery = Annotated[str | None, Query(
    description="Opaque position from a `next` link: the page after it, found by key (not by skipping rows)")]


@dataclass
class ItemsParams:
    """Everything ``…/items`` is asked: the collection, paging, bbox, datetime, output CRS, CQL2 filter,
    sortby and equality filters on properties."""

    request: Request
    c: CollectionDep
    limit: LimitDep
    offset: OffsetDep
    bbox: BboxCrsDep
    datetime: DatetimeDep
    target_crs: CrsDep
    cql: FilterDep
    sortby: SortbyDep
    cursor: CursorQuery = None

    def query(self) -> ItemQuery:
        """The store query (unknown properties and private fields refused with 400); a ``cursor`` (from a
        ``next`` link, checked against this collection and sort order) starts the page instead of ``offset``."""
        sortby = check_sortby(self.c, self.sortby)
        start = None
        if self.cursor is not None:
            if self.offset:
                raise InvalidParameter("cursor and offset cannot be combined: a cursor already says where the "
                                       "page starts.")
            start = cursors.decode(self.cursor, self.c.id, sortby)
        return ItemQuery(bbox=self.bbox, datetime=self.datetime, properties=property_filters(self.request, self.c),
                         filter=self.cql, sortby=sortby, limit=self.limit, offset=self.offset, cursor=start)


ItemsDep = Annotated[ItemsParams, Depends()]
