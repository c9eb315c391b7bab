"""The home page for people at ``/`` (browsers; JSON clients get the OGC landing document there).

Three doors (maps, cluster land, money and pollution), one search box into ``/search``, a few
figures from the data with what they rest on, and the OGC links for GIS users.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.render import render
from geo.analysis import stats
from geo.model.collections import COLLECTIONS
from geo.store.base import Store


@dataclass(frozen=True)
class Figures:
    """The home page's headline figures: counts, published public money and the sources behind it."""

    villages: int
    clusters: int
    projects: int
    public_money: stats.Sum
    sources: int


def figures(store: Store) -> Figures:
    counts = store.counts()
    projects = store.read_all(COLLECTIONS["projects"])
    cited = {s for p in projects for s in p.properties.get("sources") or ()}
    return Figures(counts.get("villages", 0), counts.get("clusters", 0), counts.get("projects", 0),
                   stats.totals(projects).public, len(cited))


def home(request: Request, store: Store, lang: str) -> HTMLResponse:
    return render(request, "pages/home.html", lang, figures=figures(store))
