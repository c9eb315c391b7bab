"""``/analysis/site-search`` and ``/analysis/relocation`` as pages (the shipped data, on both stores): the
form, the table in the JSON's order, every control labelled; JSON stays the default."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.api.test_analysis import MY_DONG_CASTING

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}  # what a browser sends
RELOCATE = {"village": "v-my-dong", "workshops": "193", "workshop_m2": "500"}


def rows(page: str, table: str) -> list[str]:
    body = page[page.index(f'<table id="{table}"'):]
    body = body[:body.index("</table>")]
    return re.findall(r'<tr data-cluster="([^"]+)"', body)


def unlabelled(page: str) -> list[str]:
    """Form controls without a ``<label for>`` naming their id (hidden inputs need none)."""
    labels = set(re.findall(r'<label for="([^"]+)"', page))
    main = page[page.index("<main"):]
    controls = re.findall(r"<(input|select|textarea)\b([^>]*)>", main)
    out = []
    for tag, attrs in controls:
        if 'type="hidden"' in attrs:
            continue
        found = re.search(r'\bid="([^"]+)"', attrs)
        if found is None or found.group(1) not in labels:
            out.append(f"<{tag}{attrs}>")
    return out


def test_site_search_page_lists_the_candidates_in_the_jsons_order(http: httpx.Client) -> None:
    answer = http.get("/analysis/site-search", params=MY_DONG_CASTING).json()
    page = http.get("/analysis/site-search", params=MY_DONG_CASTING, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert rows(page.text, "ss-candidates") == [c["cluster_id"] for c in answer["candidates"]]
    assert 'lang="vi"' in page.text and "Cần xác nhận" in page.text and "To confirm" not in page.text
    assert '<option value="v-my-dong" selected>' in page.text and 'name="area_ha"' in page.text
    assert unlabelled(page.text) == []


def test_a_shared_link_gives_the_same_table_and_f_json_the_same_json(http: httpx.Client) -> None:
    """What a GET form sends (every field, empty ones included) is a link that answers the same."""
    sent = {**MY_DONG_CASTING, "lon": "", "lat": "", "max_km": "", "lang": "en"}
    first = http.get("/analysis/site-search", params=sent, headers=HTML).text
    again = http.get("/analysis/site-search", params=sent, headers=HTML).text
    assert rows(first, "ss-candidates") == rows(again, "ss-candidates") != []
    assert "To confirm" in first and "Cần xác nhận" not in first
    as_json = http.get("/analysis/site-search", params={**sent, "f": "json"}, headers=HTML)
    plain = http.get("/analysis/site-search", params={**MY_DONG_CASTING, "lang": "en"})
    assert as_json.headers["content-type"] == plain.headers["content-type"] == "application/json"
    assert as_json.json() == plain.json()


def test_the_page_without_a_query_is_the_form(http: httpx.Client) -> None:
    page = http.get("/analysis/site-search", headers=HTML)
    assert page.status_code == 200 and 'id="analysis-form"' in page.text and 'id="ss-candidates"' not in page.text
    assert http.get("/analysis/site-search").status_code == 400  # JSON clients still must ask something


@pytest.mark.parametrize(("params", "status"), [({"area_ha": "1", "village": "v-nowhere"}, 404),
                                                ({"area_ha": "1"}, 400)])
def test_a_query_that_cannot_be_answered_shows_the_form_again(http: httpx.Client, params: dict[str, str],
                                                              status: int) -> None:
    page = http.get("/analysis/site-search", params=params, headers=HTML)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert 'id="analysis-error"' in page.text and 'id="analysis-form"' in page.text


def test_relocation_page(http: httpx.Client) -> None:
    answer = http.get("/analysis/relocation", params=RELOCATE).json()
    page = http.get("/analysis/relocation", params=RELOCATE, headers=HTML)
    assert page.status_code == 200
    assert rows(page.text, "rl-assignments") == [a["cluster_id"] for a in answer["assignments"]]
    assert unlabelled(page.text) == []
    empty = http.get("/analysis/relocation", headers=HTML)
    assert empty.status_code == 200 and 'id="rl-assignments"' not in empty.text
    assert http.get("/analysis/relocation", params={"village": "v-my-dong", "workshops": "",
                                                    "workshop_m2": "500"}).status_code == 400
