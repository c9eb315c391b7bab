"""Words for the registry's enum values on public pages, in Vietnamese and English."""

from __future__ import annotations

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "programme": {
        "national": ("Khuyến công quốc gia", "National khuyến công"),
        "local": ("Khuyến công địa phương", "Local khuyến công"),
        "national_and_local": ("Khuyến công quốc gia và địa phương", "National and local khuyến công"),
        "environment": ("Xử lý ô nhiễm môi trường", "Environmental remediation"),
    },
    "kind": {
        "project": ("Đề án", "Project"),
        "plan": ("Kế hoạch (nhiều đề án)", "Plan (several projects)"),
        "group": ("Nhóm đề án", "Group of projects"),
    },
    "status": {
        "proposed": ("Đề xuất", "Proposed"), "approved": ("Đã phê duyệt", "Approved"),
        "in_progress": ("Đang thực hiện", "In progress"), "completed": ("Hoàn thành", "Completed"),
        "unknown": ("Chưa rõ", "Unknown"),
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
    "severity": {
        "serious": ("Nghiêm trọng", "Serious"), "high": ("Cao", "High"), "moderate": ("Trung bình", "Moderate"),
        "low": ("Thấp", "Low"), "unknown": ("Chưa rõ", "Unknown"),
    },
    "method": {
        "measured": ("Đo đạc", "Measured"), "calculated": ("Tính toán", "Calculated"),
        "estimated": ("Ước tính", "Estimated"),
        "reported_classification": ("Phân loại theo báo cáo (không có số đo)",
                                    "Classification reported by the source (no measurement)"),
    },
    "treatment_status": {
        "none": ("Chưa xử lý", "Not treated"), "in_progress": ("Đang xử lý", "Being treated"),
        "incomplete": ("Xử lý chưa hoàn thành", "Treatment incomplete"), "completed": ("Đã xử lý", "Treated"),
        "unknown": ("Chưa rõ", "Unknown"),
    },
    "media": {
        "air": ("Không khí", "Air"), "wastewater": ("Nước thải", "Wastewater"),
        "solid_waste": ("Chất thải rắn", "Solid waste"), "noise": ("Tiếng ồn", "Noise"),
    },
    "precision": {
        "surveyed": ("Đo đạc", "Surveyed"), "digitized": ("Số hóa", "Digitised"),
        "approximate": ("Gần đúng", "Approximate"), "commune_centroid": ("Tâm xã", "Commune centre"),
        "illustrative": ("Minh họa", "Illustrative"), "unknown": ("Chưa rõ vị trí", "Location unknown"),
    },
}


def label(group: str, value: str | None, lang: str = "vi") -> str:
    """The reader's word for an enum value; unknown values are shown as they are."""
    if value is None:
        return "—"
    pair = _LABELS.get(group, {}).get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]
