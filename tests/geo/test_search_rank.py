"""Search ranking (geo.analysis.search.rank): whole words beat letters found inside other words."""

from __future__ import annotations

import pytest

from geo.analysis.search import EXACT, NAME, OTHER, PARTIAL, PREFIX, rank
from geo.spatial.text import fold


@pytest.mark.parametrize(("query", "name", "expected"), [
    ("thien huong", "Phường Thiên Hương", NAME),           # the phrase, as words
    ("thien huong", "Phường Lương Khánh Thiện", PARTIAL),  # "huong" only inside "phuong"
    ("huong thien", "Phường Thiên Hương", NAME),           # every word, in another order
    ("phuong thien huong", "Phường Thiên Hương", EXACT),
    ("phuong thien", "Phường Thiên Hương", PREFIX),
    ("dong", "Làng nghề đúc Mỹ Đồng", NAME),
    ("ong", "Làng nghề đúc Mỹ Đồng", PARTIAL),
    ("kien bai", "Làng nghề đúc Mỹ Đồng", OTHER),
])
def test_rank(query: str, name: str, expected: int) -> None:
    assert rank(fold(query), name) == expected


def test_a_unit_named_by_the_words_outranks_one_holding_them_inside_others() -> None:
    names = ["Phường Lương Khánh Thiện", "Phường Thiên Hương"]
    assert sorted(names, key=lambda n: rank("thien huong", n)) == ["Phường Thiên Hương", "Phường Lương Khánh Thiện"]
