from __future__ import annotations

import pytest

from geo.spatial.text import fold


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
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Mỹ Đồng")) == "my dong"
