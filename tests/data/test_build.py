"""The data build reproduces the shipped data/ byte for byte from its facts and the shared boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.settings import ROOT
from scripts.build_data.__main__ import build

SHARED = ROOT.parent / "shared"


@pytest.mark.skipif(not (SHARED / "data" / "boundaries").is_dir(), reason="needs ../shared/data/boundaries")
def test_the_build_reproduces_the_shipped_files(tmp_path: Path) -> None:
    build(SHARED, tmp_path)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in (ROOT / "data").iterdir())
    changed = [n for n in built if (tmp_path / n).read_bytes() != (ROOT / "data" / n).read_bytes()]
    assert changed == []

