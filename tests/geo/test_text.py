from __future__ import annotations

import unicodedata

import pytest

from geo.spatial import text as text_module
from geo.spatial.text import fold, nfc


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test folds afresh: an answer cached by an earlier run must not stand in for the code under test."""
    text_module._cached_fold.cache_clear()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mỹ Đồng", "my dong"),
        ("KIỀN BÁI", "kien bai"),
        ("Thủy  Nguyên", "thuy nguyen"),
        ("đúc kim loại", "duc kim loai"),
        ("Tràng Duệ", "trang due"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, folded: str) -> None:
    assert fold(text) == folded


def test_fold_decomposed_input() -> None:
    assert fold(unicodedata.normalize("NFD", "Mỹ Đồng")) == "my dong"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ĐÚC ĐỒNG", "duc dong"),
        ("Ðồng Minh", "dong minh"),  # U+00D0, the Icelandic capital eth, typed for Đ
        ("ðúc", "duc"),  # U+00F0
        ("  Kiền\tBái\n ", "kien bai"),
        ("Quán Trữ", "quan tru"),
        ("Thượng Lý", "thuong ly"),
        ("Vĩnh Bảo", "vinh bao"),
        ("x", "x"),
    ],
)
def test_fold_eth_spaces_and_tones(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_nfc_composes_each_accented_letter() -> None:
    decomposed = unicodedata.normalize("NFD", "Mỹ Đồng")
    assert len(decomposed) == 10  # M y ◌̃ space Đ o ◌̂ ◌̀ n g: tone and vowel marks apart
    composed = nfc(decomposed)
    assert composed == "Mỹ Đồng"
    assert [hex(ord(c)) for c in composed] == ["0x4d", "0x1ef9", "0x20", "0x110", "0x1ed3", "0x6e", "0x67"]
