"""Parameters as objects, one per page family (dataclass dependencies): capacity filters, site-search
requests and the transparency filter form. Each checks its values and raises a domain error (400)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BeforeValidator

from geo.analysis import relocation, site_search, stats
from geo.model.collections import CLUSTER_STATUSES
from geo.model.errors import InvalidParameter
from geo.store.base import Store

# An empty field of a GET form (the analysis pages send every field) means "not given".
Blank = BeforeValidator(lambda v: None if isinstance(v, str) and not v.strip() else v)
DistrictQ = Annotated[str | None, Query(description="District name; accent- and case-insensitive substring")]
StatusQ = Annotated[str | None, Query(description=f"Cluster status: {', '.join(CLUSTER_STATUSES)}")]
SectorQ = Annotated[str | None, Query(description="An industry allowed in the cluster, in Vietnamese or English "
                                                  "(casting, đúc, cơ khí …); synonyms are folded")]
IndustryQ = Annotated[str | None, Blank, Query(description="Industry in Vietnamese or English: casting, đúc, cơ khí …")]
MaxKmQ = Annotated[float | None, Blank, Query(description="Largest straight-line distance (km, EPSG:3405)")]
VillageQ = Annotated[str | None, Blank, Query(description="Village id the workshop leaves (e.g. v-my-dong)")]
_TEXT = Annotated[str | None, Query()]


@dataclass
class CapacityFilters:
    """``/capacity``'s filters: district, cluster status and an allowed industry."""

    district: DistrictQ = None
    status: StatusQ = None
    sector: SectorQ = None

    def given(self) -> dict[str, str]:
        """The filters that were given, in a fixed order (for links and the page)."""
        return {k: v for k, v in (("district", self.district), ("status", self.status), ("sector", self.sector))
                if v}


@dataclass
class SiteSearchParams:
    """What ``/analysis/site-search`` is asked: exactly one of ``area_ha``/``area_m2``, an industry, an
    origin (``village`` or ``lon`` + ``lat``) and an optional largest distance."""

    area_ha: Annotated[float | None, Blank, Query(description="Area needed (ha)")] = None
    area_m2: Annotated[float | None, Blank, Query(description="Area needed (m²)")] = None
    industry: IndustryQ = None
    village: VillageQ = None
    lon: Annotated[float | None, Blank, Query(description="Origin longitude (CRS84)")] = None
    lat: Annotated[float | None, Blank, Query(description="Origin latitude (CRS84)")] = None
    max_km: MaxKmQ = None

    def given(self) -> bool:
        """Whether anything was asked (a page opened without a query shows only its form)."""
        return any(v is not None for v in (self.area_ha, self.area_m2, self.industry, self.village, self.lon,
                                           self.lat, self.max_km))

    def origin(self, store: Store) -> site_search.Origin:
        if self.village is not None and (self.lon is not None or self.lat is not None):
            raise InvalidParameter("Give either village or lon and lat, not both.")
        if self.village is not None:
            return site_search.village_origin(store, self.village)
        if self.lon is None or self.lat is None:
            raise InvalidParameter("Give an origin: village, or both lon and lat.")
        return site_search.point_origin(self.lon, self.lat)

    def request(self, store: Store) -> site_search.SiteRequest:
        """The domain request (areas, origin and distance checked)."""
        need = site_search.area_m2(self.area_ha, self.area_m2)
        return site_search.SiteRequest(need, self.industry.strip() if self.industry else None, self.origin(store),
                                       site_search.check_max_km(self.max_km))


def project_filter(*, year: _TEXT = None, programme: _TEXT = None, sector: _TEXT = None, district: _TEXT = None,
                   site: _TEXT = None, component: _TEXT = None) -> stats.ProjectFilter:
    """The transparency filter form's values; an empty field (as a GET form sends it) means "any"."""
    def clean(v: str | None) -> str | None:
        return v.strip() or None if v is not None else None

    year_value = clean(year)
    if year_value is not None and not (year_value.isascii() and year_value.isdigit() and len(year_value) <= 4):
        raise InvalidParameter(f"year must be a year such as 2019, got '{year_value[:20]}'.")
    return stats.ProjectFilter(year=int(year_value) if year_value else None, programme=clean(programme),
                               sector=clean(sector), district=clean(district), site=clean(site),
                               component=clean(component))


CapacityDep = Annotated[CapacityFilters, Depends()]
SiteSearchDep = Annotated[SiteSearchParams, Depends()]
ProjectFilterDep = Annotated[stats.ProjectFilter, Depends(project_filter)]


@dataclass
class RelocationParams:
    """What ``/analysis/relocation`` is asked: a village, how many workshops, land per workshop, and
    optionally the industry (default: the village's first craft) and a largest distance."""

    village: Annotated[str | None, Blank, Query(description="Village id the workshops leave")] = None
    # Ranges checked by geo.analysis.relocation (a constraint here would refuse the empty field of a form).
    workshops: Annotated[int | None, Blank, Query(description="Number of workshops to move", json_schema_extra={
        "minimum": 1, "maximum": relocation.MAX_WORKSHOPS})] = None
    workshop_m2: Annotated[float | None, Blank, Query(description="Land per workshop (m²)",
                                                      json_schema_extra={"exclusiveMinimum": 0})] = None
    industry: IndustryQ = None
    max_km: MaxKmQ = None

    def given(self) -> bool:
        return any(v is not None for v in (self.village, self.workshops, self.workshop_m2, self.industry,
                                           self.max_km))

    def required(self) -> tuple[str, int, float]:
        """The village, the number of workshops and the land per workshop (``InvalidParameter`` naming any missing)."""
        missing = [n for n in ("village", "workshops", "workshop_m2") if getattr(self, n) is None]
        if missing or self.village is None or self.workshops is None or self.workshop_m2 is None:
            raise InvalidParameter(f"Give {', '.join(missing)}.")
        return self.village, self.workshops, self.workshop_m2


RelocationDep = Annotated[RelocationParams, Depends()]
