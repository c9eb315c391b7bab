"""Query parameters of OGC API - Features Parts 2 and 3: ``crs``, ``bbox-crs``, ``filter``,
``filter-lang``, ``filter-crs``, ``sortby`` and ``f``; each parser raises a domain error (400)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from api.deps import parse_bbox
from geo.model.errors import InvalidFilter, InvalidParameter
from geo.model.limits import DEFAULT_LIMITS, Limits
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
