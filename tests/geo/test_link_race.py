"""Link checks hold under concurrency: a DELETE racing creates that link to its target never leaves
a dangling link, on either store (the checks run inside the write transaction)."""

from __future__ import annotations

import threading
import time
from collections import Counter

import shapely

from geo.model.collections import COLLECTIONS
from geo.model.errors import FeatureInUse, InvalidFeature
from geo.model.feature import Feature, ItemQuery
from geo.records.editing import Editor
from geo.store.base import Store
from tests.support.records import KIEN_BAI, feature

VILLAGES, FACILITIES = COLLECTIONS["villages"], COLLECTIONS["facilities"]
ROUNDS = 200
CREATORS = 2


def _village(fid: str) -> Feature:
    props = {f.name: None for f in VILLAGES.fields}
    props.update(id=fid, name="Làng đua", commune_id="11521", crafts=["đúc đồng"], craft_group="metal",
                 sources=["src-test"], location_precision="approximate", illustrative=True)
    return Feature(fid, shapely.Point(*KIEN_BAI), props)


def _facility(fid: str, village_id: str) -> dict[str, object]:
    return feature("facilities", fid, {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Xưởng đua",
                   sector="đúc", village_id=village_id)


def _round(editor: Editor, i: int, outcomes: Counter[str], failures: list[BaseException]) -> None:
    target = f"race-v-{i}"
    editor.store.create(VILLAGES, _village(target), "test")
    start = threading.Barrier(CREATORS + 1)

    def run(name: str, write: object, delay: float = 0.0) -> None:
        start.wait()
        time.sleep(delay)
        try:
            write()  # type: ignore[operator]
            outcomes[name] += 1
        except (FeatureInUse, InvalidFeature):
            outcomes[f"{name} refused"] += 1
        except BaseException as exc:  # anything else fails the test below
            failures.append(exc)

    # Writes that audit take turns (one lock on PostGIS, BEGIN IMMEDIATE on SQLite), and a delete reaches its
    # turn faster than a create that validates first: every other round it starts a little late, so both orders
    # are tried whatever the scheduler does.
    delay = 0.005 * (i % 2)
    threads = [threading.Thread(target=run, args=("delete", lambda: editor.delete(VILLAGES, target, 1), delay))]
    threads += [threading.Thread(target=run, args=("create", lambda k=k: editor.create(
        FACILITIES, _facility(f"race-f-{i}-{k}", target)))) for k in range(CREATORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


def test_delete_racing_linking_creates_leaves_no_dangling_link(any_store: Store) -> None:
    editor = Editor(any_store, "race", frozenset({"src-test"}))
    outcomes: Counter[str] = Counter()
    failures: list[BaseException] = []
    for i in range(ROUNDS):
        _round(editor, i, outcomes, failures)
    assert not failures, failures[:3]
    villages = {f.id for f in any_store.read_all(VILLAGES)}
    linking = any_store.query(FACILITIES, ItemQuery(limit=10_000)).features
    dangling = [f.id for f in linking if f.properties["village_id"] is not None
                and f.properties["village_id"] not in villages]
    assert dangling == [], f"{len(dangling)} dangling links, e.g. {dangling[:3]}; outcomes {dict(outcomes)}"
    # Both orders happened, so the race was real: some deletes won, some creates did.
    assert outcomes["delete"] > 0 and outcomes["create"] > 0, dict(outcomes)
    assert outcomes["delete"] + outcomes["delete refused"] == ROUNDS
