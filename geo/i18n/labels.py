"""Reader's words for the registry's coded values, in Vietnamese and English, and the one lookup.

One table for every page, map and legend, keyed by the field name in the collection registry
(``PROJECT_COMPONENTS`` under ``component``), so the same code always reads the same. Every word
table in ``geo.i18n`` holds ``(vi, en)`` pairs and is read with :func:`pick`. ``None`` keys label
a missing value where a legend needs its own words; otherwise a missing value reads :data:`MISSING`.
"""

from __future__ import annotations

from typing import Any

LANGS = ("vi", "en")
MISSING = "—"  # a missing value is shown, never left blank or read as 0

# The public pages' short group names that differ from the registry's field names.
ALIASES = {"precision": "location_precision", "method": "assessment_method"}

VALUE_LABELS: dict[str, dict[str | None, tuple[str, str]]] = {
    "craft_group": {
        "metal": ("Cơ khí, kim loại", "Metal work"), "wood_stone": ("Gỗ, đá", "Wood and stone"),
        "rattan_bamboo": ("Mây tre đan", "Rattan and bamboo"), "textile": ("Dệt may, thêu", "Textiles"),
        "food": ("Chế biến thực phẩm", "Food processing"), "recycling": ("Tái chế", "Recycling"),
        "pottery_materials": ("Gốm, vật liệu", "Pottery and materials"), "puppetry": ("Múa rối", "Puppetry"),
        "mixed": ("Nhiều nghề", "Mixed crafts"),
    },
    "status": {  # clusters, plots and projects share the field name
        "planned": ("Quy hoạch", "Planned"), "established": ("Đã thành lập", "Established"),
        "under_construction": ("Đang xây dựng", "Under construction"), "operating": ("Đang hoạt động", "Operating"),
        "completed_phase": ("Hoàn thành giai đoạn", "Phase completed"),
        "leased": ("Đã cho thuê", "Leased"), "free": ("Còn trống", "Free"), "reserved": ("Dự trữ", "Reserved"),
        "infrastructure": ("Hạ tầng", "Infrastructure"),
        "proposed": ("Đề xuất", "Proposed"), "approved": ("Đã phê duyệt", "Approved"),
        "in_progress": ("Đang thực hiện", "In progress"), "completed": ("Hoàn thành", "Completed"),
        "unknown": ("Chưa rõ", "Unknown"),
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
        "illustrative": ("Vị trí minh họa", "Illustrative location"), "unknown": ("Chưa rõ vị trí", "Location unknown"),
    },
    "programme": {
        "national": ("Khuyến công quốc gia", "National khuyến công"),
        "local": ("Khuyến công địa phương", "Local khuyến công"),
        "national_and_local": ("Khuyến công quốc gia và địa phương", "National and local khuyến công"),
        "environment": ("Xử lý ô nhiễm môi trường", "Environmental remediation"),
    },
    "kind": {  # clusters and projects share the field name
        "cum_cong_nghiep": ("Cụm công nghiệp", "Industrial cluster"),
        "diem_cong_nghiep": ("Điểm công nghiệp", "Industrial point"),
        "cum_cong_nghiep_lang_nghe": ("Cụm công nghiệp làng nghề", "Craft-village industrial cluster"),
        "project": ("Đề án", "Project"), "plan": ("Kế hoạch (nhiều đề án)", "Plan (several projects)"),
        "group": ("Nhóm đề án", "Group of projects"),
    },
    "recognition": {
        "traditional_craft_village": ("Làng nghề truyền thống", "Traditional craft village"),
        "craft_village": ("Làng nghề", "Craft village"),
        "listed_traditional_craft": ("Nghề truyền thống", "Traditional craft"),
        "not_recognised": ("Chưa công nhận", "Not recognised"),
    },
    "treatment_status": {
        "none": ("Chưa xử lý", "Not treated"), "in_progress": ("Đang xử lý", "Being treated"),
        "incomplete": ("Xử lý chưa hoàn thành", "Treatment incomplete"), "completed": ("Đã xử lý", "Treated"),
        "unknown": ("Chưa rõ", "Unknown"),
    },
    "assessment_method": {
        "measured": ("Đo đạc", "Measured"), "calculated": ("Tính toán", "Calculated"),
        "estimated": ("Ước tính", "Estimated"),
        "reported_classification": ("Phân loại theo báo cáo (không có số đo)",
                                    "Classification reported by the source (no measurement)"),
    },
    "media": {
        "air": ("Không khí", "Air"), "wastewater": ("Nước thải", "Wastewater"),
        "solid_waste": ("Chất thải rắn", "Solid waste"), "noise": ("Tiếng ồn", "Noise"),
    },
    "component": {
        "training": ("Đào tạo nghề", "Training"), "study_tour": ("Tham quan học tập", "Study tour"),
        "machinery": ("Máy móc, thiết bị", "Machinery"), "brand": ("Thương hiệu", "Brand"),
        "demonstration_model": ("Mô hình trình diễn", "Demonstration model"),
        "pollution_treatment": ("Xử lý ô nhiễm", "Pollution treatment"), "workshop": ("Hội thảo", "Workshop"),
        "management_training": ("Đào tạo quản lý", "Management training"),
        "association": ("Thành lập hiệp hội", "Association"), "trade_fair": ("Hội chợ", "Trade fair"),
        "product_development": ("Phát triển sản phẩm", "Product development"),
        "infrastructure": ("Hạ tầng", "Infrastructure"),
    },
    # Map legends: the classes of a rule with no value to place (keys of maps/styles.py rules).
    "occupancy": {None: ("Chưa có số liệu cho thuê", "No leasing figures")},
    "budget_total_vnd": {None: ("Chưa rõ kinh phí", "Budget unknown")},
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``en`` or the ``vi`` half of a ``(vi, en)`` pair; Vietnamese unless English is asked for."""
    return pair[1] if lang == "en" else pair[0]


def label(key: str, value: Any, lang: str = "vi") -> str:
    """The reader's word for a coded value: its table's label, the code itself when the table lacks it,
    and for ``None`` the table's own missing-value words or :data:`MISSING`."""
    table = VALUE_LABELS.get(ALIASES.get(key, key), {})
    pair = table.get(value)
    if pair is not None:
        return pick(pair, lang)
    return MISSING if value is None else str(value)


def labels_for(lang: str) -> dict[str, dict[str, str]]:
    """Every coded value's label in one language, for the browser (``None`` keys dropped)."""
    return {key: {v: pick(p, lang) for v, p in table.items() if v is not None} for key, table in VALUE_LABELS.items()}
