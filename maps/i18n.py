"""Words on the map pages in Vietnamese (default) and English.

Field titles come from the collection registry; this module holds the labels of coded values
(``craft_group="metal"`` → "Cơ khí, kim loại") and the pages' own words.
"""

from __future__ import annotations

from typing import Any

from geo.i18n.labels import VALUE_LABELS as REGISTRY_LABELS
from geo.model.errors import InvalidParameter

LANGS = ("vi", "en")

# Registry codes (geo/value_labels.py) plus the map legends' labels of missing values.
VALUE_LABELS: dict[str, dict[str | None, tuple[str, str]]] = {
    **REGISTRY_LABELS,
    "leased_share": {None: ("Chưa có số liệu cho thuê", "No leasing figures")},
    "budget_total_vnd": {None: ("Chưa rõ kinh phí", "Budget unknown")},
}

UI: dict[str, tuple[str, str]] = {
    "overview": ("Bản đồ tổng quan làng nghề, cụm công nghiệp Hải Phòng",
                 "Overview of Hải Phòng craft villages and industrial clusters"),
    "districts": ("Quận/huyện", "Districts"),
    "communes": ("Xã/phường/thị trấn", "Communes"),
    "units_today": ("Xã/phường/đặc khu hiện nay (từ 1/7/2025)", "Units today (from 1 Jul 2025)"),
    "districts_old": ("Quận/huyện trước 1/7/2025", "Districts before 1 Jul 2025"),
    "communes_old": ("Xã/phường/thị trấn trước 1/7/2025", "Communes before 1 Jul 2025"),
    "search": ("Tìm theo tên (có hoặc không dấu)…", "Search names (with or without accents)…"),
    "no_results": ("Không tìm thấy", "Nothing found"),
    "legend": ("Chú giải", "Legend"),
    "sources": ("Nguồn", "Sources"),
    "illustrative": ("Dữ liệu minh họa — không phải số liệu thực", "Illustrative record — not real data"),
    "precision": ("Độ chính xác vị trí", "Location precision"),
    "fullscreen": ("Toàn màn hình", "Full screen"),
    "all_years": ("Tất cả các năm", "All years"),
    "projects_year": ("Đề án theo năm", "Projects by year"),
    "pollution_date": ("Đánh giá ô nhiễm theo năm", "Pollution assessed in"),
    "loading": ("Đang tải dữ liệu…", "Loading data…"),
    "load_failed": ("Không tải được lớp", "Could not load layer"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "cluster_map": ("Bản đồ cụm công nghiệp", "Industrial cluster map"),
    "nearby": ("lân cận", "nearby"),
    "layer_map": ("Bản đồ", "Map"),
    "basemap": ("Bản đồ nền (cần Internet)", "Basemap (needs Internet)"),
}


def check_lang(lang: str | None) -> str:
    """``vi`` unless ``en`` is asked for; anything else is a 400."""
    if lang is None or lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidParameter(f"lang must be vi or en, got '{lang}'.")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def value_label(key: str, value: Any, lang: str) -> str:
    """The label of a coded value; an unknown code is shown as itself."""
    pair = VALUE_LABELS.get(key, {}).get(value)
    if pair is None:
        return "" if value is None else str(value)
    return pick(pair, lang)


def ui_words(lang: str) -> dict[str, str]:
    return {k: pick(v, lang) for k, v in UI.items()}


def value_labels(lang: str) -> dict[str, dict[str, str]]:
    """Every coded value's label in one language, for the browser (``None`` keys dropped)."""
    return {key: {v: pick(p, lang) for v, p in table.items() if v is not None}
            for key, table in VALUE_LABELS.items()}
