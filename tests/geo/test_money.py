from __future__ import annotations

from decimal import Decimal

import pytest

from geo.i18n.money import browser_table, exact, format_vnd, group_digits, not_published, number


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


@pytest.mark.parametrize(("amount", "vi", "en"), [
    # figures as the source documents print them (FACTS B2, F2.4, D4): the reader must see the same number
    (4_507_830_000_000, "4.507,83 tỷ đồng", "4,507.83 billion VND"),
    (411_800_000_000, "411,8 tỷ đồng", "411.8 billion VND"),
    (250_000_000, "250 triệu đồng", "250 million VND"),
    # the unit changes exactly at 1 tỷ and 1 triệu, not one đồng later
    (1_000_000_000, "1 tỷ đồng", "1 billion VND"),
    (1_000_000, "1 triệu đồng", "1 million VND"),
    (999_999, "999.999 đồng", "999,999 VND"),
    (1, "1 đồng", "1 VND"),
    # a tie at the third decimal rounds half up (half-even would print 1,234 and 1)
    (1_234_500_000, "1,235 tỷ đồng", "1.235 billion VND"),
    (1_000_500, "1,001 triệu đồng", "1.001 million VND"),
    (1_234_499_999, "1,234 tỷ đồng", "1.234 billion VND"),
    (-2_500_000, "-2,5 triệu đồng", "-2.5 million VND"),
])
def test_units_boundaries_and_ties(amount: int, vi: str, en: str) -> None:
    assert format_vnd(amount) == vi
    assert format_vnd(amount, "en") == en


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    ("2.5", "vi", 0, "3"),
    ("3.5", "en", 0, "4"),
    ("1234.5", "en", 0, "1,235"),
    ("0.0005", "vi", 3, "0,001"),
    ("0.00049", "vi", 3, "0"),
    ("-0.5", "vi", 3, "-0,5"),
    ("-0.0004", "vi", 3, "0"),
    ("12.34567", "en", 4, "12.3457"),
    ("1000.100", "vi", 3, "1.000,1"),
])
def test_number_rounds_half_up_and_drops_trailing_zeros(value: str, lang: str, decimals: int,
                                                        expected: str) -> None:
    assert number(Decimal(value), lang, decimals) == expected


def test_qualifiers_and_words_in_both_languages() -> None:
    assert format_vnd(120_000_000_000, "vi", "more_than") == "hơn 120 tỷ đồng"
    assert format_vnd(500_000_000_000, "en", "about") == "about 500 billion VND"
    assert format_vnd(480_000_000_000, "vi", "exact") == "480 tỷ đồng"  # no word for an exact figure
    assert not_published() == "chưa công bố"
    assert not_published("en") == "not published"
    assert not_published("fr") == "chưa công bố"  # an unknown language reads Vietnamese


@pytest.mark.parametrize(("n", "vi", "en"), [
    (0, "0", "0"), (999, "999", "999"), (1_000, "1.000", "1,000"), (-1_234_567, "-1.234.567", "-1,234,567"),
])
def test_group_digits(n: int, vi: str, en: str) -> None:
    assert group_digits(n) == vi
    assert group_digits(n, "en") == en


def test_the_browser_gets_the_same_tables_as_a_literal() -> None:
    """maps/static/core/money.js formats with this table: written out by hand, from the units people read."""
    assert browser_table() == {
        "vi": {"units": [[1_000_000_000, "tỷ đồng"], [1_000_000, "triệu đồng"], [1, "đồng"]],
               "qualifiers": {"more_than": "hơn", "about": "khoảng"}, "not_published": "chưa công bố"},
        "en": {"units": [[1_000_000_000, "billion VND"], [1_000_000, "million VND"], [1, "VND"]],
               "qualifiers": {"more_than": "more than", "about": "about"}, "not_published": "not published"},
    }
