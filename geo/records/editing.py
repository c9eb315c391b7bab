"""Writes to the data collections, checked exactly as ``craftmap load`` checks the dataset.

Shared by the API's Part 4 routes and by imports: schema and geometry (``geo.records.validate``),
links resolving against the store and the source registry, computed areas, and
references kept intact on delete. Every function raises a ``geo.model.errors`` class and leaves
the store unchanged when it does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Collection as Container
from dataclasses import dataclass
from typing import Any

import orjson
import shapely
from shapely.geometry import shape

from geo.model.collections import COLLECTIONS, Collection
from geo.model.errors import (
    FeatureInUse,
    FeatureNotFound,
    InvalidFeature,
    ReadOnlyCollection,
    VersionConflict,
)
from geo.model.feature import Feature, ItemQuery
from geo.records.placement import Gazetteer, placed
from geo.records.validate import check_links, parse_feature
from geo.spatial import crs
from geo.store.base import Check, InTransaction, Reader, Store

_POLYGONAL = ("Polygon", "MultiPolygon")


def ensure_editable(collection: Collection) -> None:
    if not collection.editable:
        raise ReadOnlyCollection(f"{collection.id} is reference data and cannot be edited through the API.")


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON merge patch: objects merge recursively, ``null`` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def geometry_to_crs84(raw: Any, source_crs: str) -> Any:
    """A GeoJSON geometry given in ``source_crs`` (authority axis order, as OGC Part 2 says) to CRS84.

    A geometry that cannot even be read is returned as is, so validation names its real problem.
    """
    uri = crs.normalize(source_crs)
    if uri == crs.CRS84 or not isinstance(raw, dict):
        return raw
    try:
        geom = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, shapely.errors.GEOSException):
        return raw
    return orjson.loads(shapely.to_geojson(crs.transform([geom], uri, crs.CRS84)[0]))


def with_computed_area(collection: Collection, feature: Feature) -> Feature:
    """``area_ha`` measured in VN-2000 / UTM 48N, as the loader does; a client cannot set it."""
    if "area_ha" not in collection.field_names or collection.geometry_type not in _POLYGONAL:
        return feature
    nominal = feature.properties.get("outline") == "nominal_marker"  # a placeholder's size is no figure
    props = {**feature.properties, "area_ha": None if nominal else crs.area_ha(feature.geometry)}
    return Feature(feature.id, feature.geometry, props, feature.version)


class LinkResolver:
    """Answers ``exists(collection_id, feature_id)`` for ``check_links``, caching store look-ups.

    Given a write transaction (``InTransaction``) it also keeps the targets it found from being
    deleted until that transaction ends.
    """

    def __init__(self, store: Reader | InTransaction, sources: Container[str]) -> None:
        self.store = store
        self.sources = sources
        self._known: dict[tuple[str, str], bool] = {}
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The administrative units of the store, read once per resolver (one write or one import)."""
        if self._gazetteer is None:
            units = COLLECTIONS["admin_units"]
            page = self.store.query(units, ItemQuery(properties={"level": "commune"}, limit=10_000))
            self._gazetteer = Gazetteer(page.features)
        return self._gazetteer

    def prefetch(self, target: str, refs: Iterable[object]) -> None:
        """Look many ids up in a few queries (imports check thousands of links); non-strings are skipped."""
        todo = sorted({r for r in refs if isinstance(r, str) and (target, r) not in self._known})
        for start in range(0, len(todo), 500):
            chunk = tuple(todo[start:start + 500])
            found = self._found(target, chunk)
            self._known.update({(target, r): r in found for r in chunk})

    def _found(self, target: str, ids: tuple[str, ...]) -> set[str]:
        if isinstance(self.store, InTransaction):
            return self.store.existing(COLLECTIONS[target], ids)
        return {f.id for f in self.store.query(COLLECTIONS[target], ItemQuery(ids=ids, limit=len(ids))).features}

    def exists(self, target: str, ref: str) -> bool:
        if target == "sources":
            return ref in self.sources
        if (target, ref) not in self._known:
            self.prefetch(target, [ref])
        return self._known[(target, ref)]


def check_feature(collection: Collection, raw: Any, links: LinkResolver, feature_id: str | None = None,
                  source_crs: str = crs.CRS84) -> Feature:
    """Parse, validate and link-check one GeoJSON Feature; ``InvalidFeature`` lists every problem."""
    if isinstance(raw, dict) and source_crs != crs.CRS84:
        raw = {**raw, "geometry": geometry_to_crs84(raw.get("geometry"), source_crs)}
    try:
        feature = parse_feature(collection, raw, feature_id)
    except InvalidFeature as exc:  # report dangling links too, so one pass fixes everything
        props = raw.get("properties") if isinstance(raw, dict) else None
        if isinstance(props, dict):
            draft = Feature("", None, {f.name: props.get(f.name) for f in collection.fields if f.link})
            exc.errors += check_links(collection, draft, _safe(links.exists))
        raise
    problems = check_links(collection, feature, links.exists)
    if problems:
        raise InvalidFeature(f"{collection.id} record {feature.id}: "
                             + "; ".join(f"{p['field']} {p['problem']}" for p in problems), problems)
    return placed(collection, with_computed_area(collection, feature), links.gazetteer)


def links_hold(collection: Collection, features: Sequence[Feature], sources: Container[str]) -> Check:
    """A write's check: every link of ``features`` still resolves inside the write transaction, and
    its targets stay until the write commits (a DELETE racing this write waits or sees the link)."""
    def check(tx: InTransaction) -> None:
        links = LinkResolver(tx, sources)
        for f in collection.fields:
            if f.link is not None and f.link != "sources":
                values = [feat.properties.get(f.name) for feat in features]
                links.prefetch(f.link, [x for v in values for x in (v if isinstance(v, list) else [v])])
        for feature in features:
            problems = check_links(collection, feature, links.exists)
            if problems:
                raise InvalidFeature(f"{collection.id} record {feature.id}: "
                                     + "; ".join(f"{p['field']} {p['problem']}" for p in problems), problems)
    return check


def nothing_links_to(collection: Collection, feature_id: str) -> Check:
    """A DELETE's check, inside its transaction: no record links to the feature."""
    def check(tx: InTransaction) -> None:
        total, sample = referrers(tx, collection, feature_id)
        if total:
            raise FeatureInUse(f"{total} record(s) link to '{feature_id}' (e.g. {', '.join(sample)}): "
                               "change them first.")
    return check


def _safe(exists: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
    """``exists`` for values not yet type-checked: a non-string reference is the schema's problem."""
    return lambda target, ref: not isinstance(ref, str) or exists(target, ref)


def with_new_id(collection: Collection, raw: Any) -> Any:
    """A POSTed feature without an id gets one (OGC Part 4: the server assigns ids)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("properties"), dict):
        return raw
    if raw.get("id") is None and raw["properties"].get("id") is None:
        return {**raw, "properties": {**raw["properties"], "id": f"{collection.id}-{uuid.uuid4().hex[:12]}"}}
    return raw


def to_geojson(feature: Feature) -> dict[str, Any]:
    geometry = None if feature.geometry is None else orjson.loads(shapely.to_geojson(feature.geometry))
    return {"type": "Feature", "id": feature.id, "geometry": geometry, "properties": dict(feature.properties)}


def _current(store: Store, collection: Collection, feature_id: str, if_version: int) -> Feature:
    feature = store.get(collection, feature_id, include_private=True)
    if feature.version != if_version:
        raise VersionConflict(f"'{feature_id}' is at version {feature.version}, not {if_version}: "
                              "reload and retry.", current_version=feature.version)
    return feature


def _keep_private(collection: Collection, current: Feature, raw: Any) -> Any:
    """Private fields a PUT body leaves out keep their value: public GETs never show them, so a
    client replacing what it read must not erase them unknowingly (send ``null`` to clear one)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("properties"), dict):
        return raw
    kept = {name: current.properties.get(name) for name in collection.private_names
            if name not in raw["properties"]}
    return {**raw, "properties": {**raw["properties"], **kept}} if kept else raw


@dataclass(frozen=True)
class Editor:
    """One caller's writes: ``actor`` goes into the audit trail; geometries arrive in ``source_crs``."""

    store: Store
    actor: str
    sources: Container[str]
    source_crs: str = crs.CRS84

    def _links(self) -> LinkResolver:
        return LinkResolver(self.store, self.sources)

    def create(self, collection: Collection, raw: Any) -> Feature:
        """``POST …/items``."""
        ensure_editable(collection)
        feature = check_feature(collection, with_new_id(collection, raw), self._links(),
                                source_crs=self.source_crs)
        return self.store.create(collection, feature, self.actor, links_hold(collection, [feature], self.sources))

    def replace(self, collection: Collection, feature_id: str, raw: Any, if_version: int) -> Feature:
        """``PUT …/items/{fid}``: the body replaces the whole record."""
        ensure_editable(collection)
        current = _current(self.store, collection, feature_id, if_version)
        feature = check_feature(collection, _keep_private(collection, current, raw), self._links(), feature_id,
                                self.source_crs)
        return self._replace(collection, feature, if_version)

    def patch(self, collection: Collection, feature_id: str, changes: Any, if_version: int) -> Feature:
        """``PATCH …/items/{fid}``: an RFC 7396 merge patch of the GeoJSON Feature."""
        ensure_editable(collection)
        if not isinstance(changes, dict):
            raise InvalidFeature("A merge patch must be a JSON object.",
                                 [{"field": "(body)", "problem": "must be a JSON object"}])
        current = to_geojson(_current(self.store, collection, feature_id, if_version))
        if changes.get("geometry") is not None:
            changes = {**changes, "geometry": geometry_to_crs84(changes["geometry"], self.source_crs)}
        feature = check_feature(collection, merge_patch(current, changes), self._links(), feature_id)
        return self._replace(collection, feature, if_version)

    def _replace(self, collection: Collection, feature: Feature, if_version: int) -> Feature:
        return self.store.replace(collection, feature, if_version, self.actor,
                                  links_hold(collection, [feature], self.sources))

    def delete(self, collection: Collection, feature_id: str, if_version: int) -> None:
        """``DELETE …/items/{fid}``; refused while other records link to the feature."""
        ensure_editable(collection)
        _current(self.store, collection, feature_id, if_version)
        try:
            self.store.delete(collection, feature_id, if_version, self.actor, nothing_links_to(collection, feature_id))
        except FeatureNotFound:
            raise VersionConflict(f"'{feature_id}' was deleted meanwhile: reload.") from None


def referrers(store: Reader | InTransaction, collection: Collection, feature_id: str) -> tuple[int, list[str]]:
    """How many records link to this feature, and a few of them as ``collection/id``."""
    total, sample = 0, []
    for other in COLLECTIONS.values():
        for f in other.fields:
            if f.link == collection.id:
                page = store.query(other, ItemQuery(properties={f.name: feature_id}, limit=3))
                total += page.number_matched
                sample += [f"{other.id}/{x.id}" for x in page.features]
    return total, sample[:5]
