"""Write the fixtures the JS unit tests compare the browser core with: ``python -m tests.js.write_fixtures DIR``.

Every expected value here is computed by the Python that owns the idea (``geo.spatial.text.fold``,
``maps.styles.style_for``, ``geo.i18n.money.format_vnd``), so a JS test passes only when the
browser does exactly what Python does.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from geo.i18n.money import browser_table, format_vnd, number
from geo.model.collections import COLLECTIONS
from geo.spatial import tiles
from geo.spatial.text import fold
from maps.basemap import LABEL_ZOOM
from maps.layers import TILED, layer_config
from maps.styles import STYLE_TABLES, style_for
from tests.js.area_fixtures import area_cases

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
AMOUNTS = (None, 0, 1, 999, 1_000, 999_999, 1_000_000, 1_500_000, 12_345_678, 999_999_999, 999_999_500,
           1_000_000_000, 1_234_500_000, 1_999_999_999, 3_865_000_000, 1_993_000_000_000, 80_000_000_000,
           -2_500_000_000, 123_456_789_012_345)
QUALIFIERS = (None, "more_than", "about")


def letters() -> list[str]:
    """Every Vietnamese vowel with every tone, lower and upper case (NFC and NFD), and đ/Đ, ð/Ð."""
    out = []
    for vowel in VOWELS:
        for tone in TONES:
            for case in (vowel, vowel.upper()):
                nfd = unicodedata.normalize("NFD", case) + tone
                out += [unicodedata.normalize("NFC", nfd), nfd]
    return [*out, "đ", "Đ", "ð", "Ð"]


def fold_cases() -> list[dict[str, str]]:
    words = ["Làng nghề Mỹ Đồng", "  ĐÚC   đồng\tThủy Nguyên ", "Ðông Ðức", "", "Kiến Bái – cụm công nghiệp"]
    return [{"text": t, "folded": fold(t)} for t in [*letters(), "".join(letters()), *words]]


def rule_inputs(rule: dict[str, Any]) -> list[Any]:
    """Values that reach every branch of a rule: each match, each break's edges, missing, wrong type."""
    if "match" in rule:
        return [*rule["match"], "not-a-code", None, 0]
    values: list[Any] = [None, "12", True]
    for upper, _style in rule["breaks"]:
        if upper is not None:
            values += [upper - 1e-9 if isinstance(upper, float) else upper - 1, upper, upper + 1]
    return [*values, -1, 0, 10**15]


def style_cases() -> list[dict[str, Any]]:
    cases = []
    for cid, table in STYLE_TABLES.items():
        cases.append({"collection": cid, "properties": {}, "style": style_for(cid, {})})
        for rule in table["rules"]:
            for value in rule_inputs(rule):
                props = {rule["key"]: value}
                cases.append({"collection": cid, "properties": props, "style": style_for(cid, props)})
    return cases


def money_cases() -> list[dict[str, Any]]:
    return [{"amount": a, "lang": lang, "qualifier": q, "text": format_vnd(a, lang, q)}
            for a in AMOUNTS for lang in ("vi", "en") for q in QUALIFIERS]


NUMBERS = (0, 1, 2.5, 12.345, 12.355, 59.33, 1234.5, 1_000_000, 0.005, 0.004, -3.14159, 123456.789)


def number_cases() -> list[dict[str, Any]]:
    return [{"value": v, "lang": lang, "text": number(Decimal(str(v)), lang, 2)}
            for v in NUMBERS for lang in ("vi", "en")]


def tile_cases() -> dict[str, Any]:
    """The configurations of the layers drawn from tiles (with a filter), the URL the API serves their tiles
    at, and features (style cases) whose canvas style must be their maps.styles style."""
    configs = {cid: layer_config(COLLECTIONS[cid], "vi", api_root="/root", query={"sector": "cơ khí"}, tiled=True)
               for cid in TILED}
    urls = {cid: f"/root/collections/{cid}/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}?sector=c%C6%A1+kh%C3%AD"
            for cid in TILED}
    styles = [c for c in style_cases() if c["collection"] in TILED]
    return {"configs": configs, "urls": urls, "styles": styles, "count": tiles.COUNT}


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"fold.json": fold_cases(), "styles.json": {"tables": STYLE_TABLES, "cases": style_cases()},
            "money.json": {"table": browser_table(), "cases": money_cases(), "numbers": number_cases()},
            "basemap.json": {"labelZoom": LABEL_ZOOM},
            "tiles.json": tile_cases()}
    data["area.json"] = area_cases()
    for name, value in data.items():
        (folder / name).write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]))
