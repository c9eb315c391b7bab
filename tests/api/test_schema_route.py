"""Part 5 schemas over HTTP, and the paging parameters as the OpenAPI, the README and the server agree on them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from api.settings import ServerSettings
from geo.model.collections import COLLECTIONS
from geo.settings import ROOT
from tests.support.responses import assert_problem
from tests.support.servers import tiny_client

MAX_LIMIT, DEFAULT_LIMIT = 50, 1


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with tiny_client(tmp_path_factory.mktemp("schema"), max_limit=MAX_LIMIT, default_limit=DEFAULT_LIMIT) as client:
        yield client


def test_schema_is_linked_from_each_collection_and_served_as_json_schema(tiny: httpx.Client) -> None:
    for doc in tiny.get("/collections").json()["collections"]:
        links = [link for link in doc["links"] if link["rel"] == "describedby"]
        assert [link["type"] for link in links] == ["application/schema+json"]
        r = tiny.get(links[0]["href"])
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/schema+json")
        body = r.json()
        assert body["$id"] == links[0]["href"]
        assert set(body["properties"]) == {"geometry"} | {f.name for f in COLLECTIONS[doc["id"]].public_fields}


def test_villages_schema_gives_households_as_integer_and_names_the_roles(tiny: httpx.Client) -> None:
    props = tiny.get("/collections/villages/schema").json()["properties"]
    assert props["households"]["type"] == "integer"
    assert props["id"]["x-ogc-role"] == "id"
    assert props["geometry"]["x-ogc-role"] == "primary-geometry"
    assert tiny.get("/collections/villages/schema", params={"lang": "en"}).json()["title"] == "Craft villages"
    assert_problem(tiny.get("/collections/nope/schema"), 404)


def test_conformance_declares_part_5(tiny: httpx.Client) -> None:
    classes = set(tiny.get("/conformance").json()["conformsTo"])
    assert "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/core-roles-features" in classes


def test_openapi_declares_limit_and_offset_as_bounded_integers_from_settings(tiny: httpx.Client) -> None:
    doc = tiny.get("/api").json()
    params = doc["components"]["parameters"]
    assert params["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                         "default": DEFAULT_LIMIT}
    assert params["offset"]["schema"]["type"] == "integer" and params["offset"]["schema"]["minimum"] == 0
    items = doc["paths"]["/collections/{collection_id}/items"]["get"]["parameters"]
    assert {"$ref": "#/components/parameters/limit"} in items
    assert {"$ref": "#/components/parameters/offset"} in items
    search = {p["name"]: p for p in doc["paths"]["/search"]["get"]["parameters"] if "name" in p}
    assert search["limit"]["schema"]["type"] == "integer"


def test_the_server_applies_the_declared_default_and_accepts_more_than_the_maximum(tiny: httpx.Client) -> None:
    everything = tiny.get("/collections/admin_units/items", params={"limit": MAX_LIMIT}).json()
    assert everything["numberMatched"] > DEFAULT_LIMIT
    assert tiny.get("/collections/admin_units/items").json()["numberReturned"] == DEFAULT_LIMIT
    above = tiny.get("/collections/admin_units/items", params={"limit": MAX_LIMIT * 100})
    assert above.status_code == 200 and above.json()["numberReturned"] == everything["numberReturned"]
    assert_problem(tiny.get("/collections/admin_units/items", params={"limit": 0}), 400)


def test_readme_states_the_paging_values_of_the_default_settings() -> None:
    fields = ServerSettings.model_fields
    default_limit, max_limit = fields["default_limit"].default, fields["max_limit"].default
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if "`limit`" in p and "`offset`" in p)
    numbers = {int(n) for n in re.findall(r"\d+", paragraph)}
    assert {default_limit, max_limit} <= numbers, paragraph
