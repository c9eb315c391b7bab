from __future__ import annotations

import pytest

from geo.i18n.money import exact, format_vnd, group_digits


@pytest.mark.parametrize(("amount", "lang", "qualifier", "expected"), [
    (3_865_000_000, "vi", None, "3,865 tỷ đồng"),
    (280_500_000_000, "vi", None, "280,5 tỷ đồng"),
    (250_000_000, "vi", None, "250 triệu đồng"),
    (81_000_000_000, "vi", "more_than", "hơn 81 tỷ đồng"),
    (1_993_000_000_000, "vi", None, "1.993 tỷ đồng"),
    (1_234_567_890, "vi", "about", "khoảng 1,235 tỷ đồng"),
    (999_999, "vi", None, "999.999 đồng"),
    (0, "vi", None, "0 đồng"),
    (3_865_000_000, "en", None, "3.865 billion VND"),
    (280_500_000_000, "en", "more_than", "more than 280.5 billion VND"),
    (250_000_000, "en", None, "250 million VND"),
    (1_993_000_000_000, "en", None, "1,993 billion VND"),
])
def test_format_vnd(amount: int, lang: str, qualifier: str | None, expected: str) -> None:
    assert format_vnd(amount, lang, qualifier) == expected


def test_unknown_is_not_zero() -> None:
    assert format_vnd(None) == "chưa công bố"
    assert format_vnd(None, "en", "more_than") == "not published"
    assert exact(None, "en") == "not published"


def test_exact_and_grouping() -> None:
    assert exact(3_865_000_000) == "3.865.000.000 đồng"
    assert exact(3_865_000_000, "en") == "3,865,000,000 VND"
    assert group_digits(-1234) == "-1.234"
