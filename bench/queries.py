"""The items queries every server answers, and the check that an answer is right before it is timed.

Each query knows what a correct answer holds (from the synthetic arrays, not from any
server), so a server that ignores a parameter — e.g. a filter it does not support —
is reported as not supporting it instead of being timed on a cheaper, wrong answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

import httpx

from bench import synthetic

LIMIT = 100


@dataclass(frozen=True)
class Query:
    """One timed request; ``params`` per server style (None: the server cannot express it)."""

    name: str
    params: dict[str, str]
    expect_returned: int
    expect_first: str | None = None  # id of the first feature, when the order is defined
    expect_sector: str | None = None

    def url(self, base: str, path: str, extra: dict[str, str] | None = None) -> str:
        return f"{base}{path}?{urlencode({**self.params, **(extra or {})}, quote_via=quote)}"


def ogc_queries(data: synthetic.Synthetic, cql2: bool = True) -> list[Query]:
    """First page, small bbox, deep page (offset = size - 10 000, or 90 %), property and CQL2 filters."""
    n = data.size
    deep = n - 10_000 if n > 20_000 else n * 9 // 10
    bbox = ",".join(str(v) for v in synthetic.SMALL_BBOX)
    in_sector = min(LIMIT, data.count_sector(synthetic.FILTER_SECTOR))
    out = [
        Query("first page", {"limit": str(LIMIT)}, min(LIMIT, n), synthetic.fid(0)),
        Query("small bbox", {"bbox": bbox, "limit": str(LIMIT)}, min(LIMIT, data.count_in(synthetic.SMALL_BBOX))),
        Query(f"deep page offset={deep}", {"offset": str(deep), "limit": str(LIMIT)}, min(LIMIT, n - deep),
              synthetic.fid(deep)),
        Query("property filter sector=…", {"sector": synthetic.FILTER_SECTOR, "limit": str(LIMIT)}, in_sector,
              expect_sector=synthetic.FILTER_SECTOR),
    ]
    if cql2:
        out.append(Query("CQL2 filter sector='…'", {"filter": f"sector='{synthetic.FILTER_SECTOR}'",
                                                   "filter-lang": "cql2-text", "limit": str(LIMIT)},
                         in_sector, expect_sector=synthetic.FILTER_SECTOR))
    return out


def check(client: httpx.Client, url: str, q: Query) -> tuple[str | None, bytes]:
    """``None`` when the answer is right, else what is wrong; and the body (for the baseline)."""
    try:
        r = client.get(url)
    except httpx.HTTPError as exc:
        return f"request failed: {exc}", b""
    if r.status_code != 200:
        return f"HTTP {r.status_code}: {_message(r)}", r.content
    doc = r.json()
    feats = doc.get("features") or []
    returned = doc.get("numberReturned", len(feats))
    if returned != len(feats) or len(feats) != q.expect_returned:
        return f"{len(feats)} features (numberReturned {returned}), expected {q.expect_returned}", r.content
    # tipg uses the table's primary key (fid) as the feature id; craftmap's id is then a property.
    first = feats[0] if feats else {}
    first_ids = {str(first.get("id")), str((first.get("properties") or {}).get("id"))}
    if q.expect_first and feats and q.expect_first not in first_ids:
        return f"first feature {first.get('id')}, expected {q.expect_first}", r.content
    if q.expect_sector and any(f["properties"].get("sector") != q.expect_sector for f in feats):
        return "the filter was not applied (other sectors returned)", r.content
    return None, r.content


def _message(r: httpx.Response) -> str:
    """The error text of a problem body (RFC 9457 ``detail``, pygeoapi's ``description``) or its start."""
    try:
        doc = r.json()
    except ValueError:
        return r.text[:80]
    if isinstance(doc, dict):
        for key in ("detail", "description", "title"):
            if isinstance(doc.get(key), str):
                return doc[key][:80]
    return r.text[:80]
