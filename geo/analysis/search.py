"""Search across collections: accent- and case-insensitive (đ → d), ranked.

The store finds candidates by its folded search text (every term must appear); this module
ranks them: the whole query equal to the folded name first, then names starting with it,
then names holding its words as words, then names holding them only inside other words ("huong" in
"phuong"), then matches in other fields (commune, crafts, products, units old and new …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geo.model.collections import Collection
from geo.model.errors import InvalidParameter
from geo.model.feature import Feature
from geo.spatial.text import fold
from geo.store.base import Store

# Candidates fetched per collection before ranking; enough that a good match is never cut
# by a crowd of weak ones in the shipped data, small enough to stay fast.
CANDIDATES_PER_COLLECTION = 500
MAX_QUERY_LENGTH = 200

EXACT, PREFIX, NAME, PARTIAL, OTHER = range(5)


@dataclass(frozen=True)
class Hit:
    """One result: where it is, what it is called, and how well it matched (0 best)."""

    collection: Collection
    feature: Feature
    name: str
    rank: int


def name_of(collection: Collection, feature: Feature) -> str:
    value = feature.properties.get(collection.name_field)
    return str(value) if value is not None else feature.id


def rank(query: str, name: str) -> int:
    """``EXACT`` … ``OTHER`` for a folded query against a name."""
    folded = fold(name)
    if folded == query:
        return EXACT
    if folded.startswith(query):
        return PREFIX
    words = folded.split()
    if f" {query} " in f" {folded} " or all(term in words for term in query.split()):
        return NAME
    if query in folded or all(term in folded for term in query.split()):
        return PARTIAL
    return OTHER


def search(store: Store, q: str, collections: Sequence[Collection], limit: int) -> list[Hit]:
    """Ranked hits for ``q`` in ``collections``; ties keep collection order, then name order."""
    query = fold(q)
    if not query:
        raise InvalidParameter("q must contain at least one letter or digit.")
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidParameter(f"q must be at most {MAX_QUERY_LENGTH} characters.")
    order = {c.id: i for i, c in enumerate(collections)}
    found = store.search(query.split(), collections, CANDIDATES_PER_COLLECTION)
    hits = [Hit(c, f, name_of(c, f), rank(query, name_of(c, f))) for c, f in found]
    hits.sort(key=lambda h: (h.rank, order[h.collection.id], fold(h.name), h.feature.id))
    return hits[:limit]
