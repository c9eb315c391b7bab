"""Words on the map pages in Vietnamese (default) and English.

Field titles come from the collection registry; this module holds the labels of coded values
(``craft_group="metal"`` → "Cơ khí, kim loại") and the pages' own words.
"""

from __future__ import annotations

from typing import Any

from geo.errors import InvalidParameter

LANGS = ("vi", "en")

# key -> value -> (vi, en). ``None`` is the label of a missing value.
VALUE_LABELS: dict[str, dict[str | None, tuple[str, str]]] = {
    "craft_group": {
        "metal": ("Cơ khí, kim loại", "Metal work"), "wood_stone": ("Gỗ, đá", "Wood and stone"),
        "rattan_bamboo": ("Mây tre đan", "Rattan and bamboo"), "textile": ("Dệt may, thêu", "Textiles"),
        "food": ("Chế biến thực phẩm", "Food processing"), "recycling": ("Tái chế", "Recycling"),
        "pottery_materials": ("Gốm, vật liệu", "Pottery and materials"), "puppetry": ("Múa rối", "Puppetry"),
        "mixed": ("Nhiều nghề", "Mixed crafts"),
    },
    "status": {
        "planned": ("Quy hoạch", "Planned"), "established": ("Đã thành lập", "Established"),
        "under_construction": ("Đang xây dựng", "Under construction"), "operating": ("Đang hoạt động", "Operating"),
        "completed_phase": ("Hoàn thành giai đoạn", "Phase completed"),
        "leased": ("Đã cho thuê", "Leased"), "free": ("Còn trống", "Free"), "reserved": ("Đã đặt", "Reserved"),
        "infrastructure": ("Hạ tầng", "Infrastructure"),
        "proposed": ("Đề xuất", "Proposed"), "approved": ("Đã duyệt", "Approved"),
        "in_progress": ("Đang thực hiện", "In progress"), "completed": ("Hoàn thành", "Completed"),
        "unknown": ("Không rõ", "Unknown"),
    },
    "severity": {
        "serious": ("Nghiêm trọng", "Serious"), "high": ("Cao", "High"), "moderate": ("Trung bình", "Moderate"),
        "low": ("Thấp", "Low"), "unknown": ("Chưa rõ", "Unknown"),
    },
    "level": {"district": ("Quận/huyện", "District"), "commune": ("Xã/phường", "Commune")},
    "location_precision": {
        "surveyed": ("Khảo sát", "Surveyed"), "digitized": ("Số hóa từ bản đồ", "Digitized"),
        "approximate": ("Vị trí gần đúng", "Approximate location"),
        "commune_centroid": ("Tâm xã (gần đúng)", "Commune centre (approximate)"),
        "illustrative": ("Vị trí minh họa", "Illustrative location"), "unknown": ("Không rõ vị trí", "Unknown"),
    },
    "leased_share": {None: ("Chưa có số liệu cho thuê", "No leasing figures")},
    "budget_total_vnd": {None: ("Chưa rõ kinh phí", "Budget unknown")},
    "programme": {
        "national": ("Khuyến công quốc gia", "National"), "local": ("Khuyến công địa phương", "Local"),
        "national_and_local": ("Quốc gia và địa phương", "National and local"),
        "environment": ("Môi trường", "Environment"),
    },
    "kind": {
        "cum_cong_nghiep": ("Cụm công nghiệp", "Industrial cluster"),
        "diem_cong_nghiep": ("Điểm công nghiệp", "Industrial point"),
        "cum_cong_nghiep_lang_nghe": ("Cụm công nghiệp làng nghề", "Craft-village industrial cluster"),
        "project": ("Đề án", "Project"), "plan": ("Kế hoạch", "Plan"), "group": ("Nhóm đề án", "Group"),
    },
    "recognition": {
        "traditional_craft_village": ("Làng nghề truyền thống", "Traditional craft village"),
        "craft_village": ("Làng nghề", "Craft village"),
        "listed_traditional_craft": ("Nghề truyền thống", "Traditional craft"),
        "not_recognised": ("Chưa công nhận", "Not recognised"),
    },
    "treatment_status": {
        "none": ("Chưa xử lý", "None"), "in_progress": ("Đang xử lý", "In progress"),
        "incomplete": ("Xử lý chưa triệt để", "Incomplete"), "completed": ("Đã xử lý", "Completed"),
        "unknown": ("Chưa rõ", "Unknown"),
    },
}

UI: dict[str, tuple[str, str]] = {
    "overview": ("Bản đồ tổng quan làng nghề, cụm công nghiệp Hải Phòng",
                 "Overview of Hải Phòng craft villages and industrial clusters"),
    "districts": ("Quận/huyện", "Districts"),
    "communes": ("Xã/phường/thị trấn", "Communes"),
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
