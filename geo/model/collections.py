"""The collection registry: every layer craftmap serves, declared once.

Routes, OpenAPI, queryables, validation, downloads and map legends all read these
declarations, so a field added here appears everywhere without further code.
"""

from __future__ import annotations

from geo.model.fields import (
    CURRENT_UNIT_METHODS,
    LOCATION_PRECISIONS,
    PLACEMENT,
    PROVENANCE,
    Collection,
    Field,
    FieldType,
    GeometryType,
)
from geo.model.fields import field_of as _f

__all__ = ["CURRENT_UNIT_METHODS", "LOCATION_PRECISIONS", "PLACEMENT", "PROVENANCE", "Collection", "Field",
           "FieldType", "GeometryType"]


ADMIN_UNITS = Collection(
    id="admin_units",
    title_vi="Đơn vị hành chính",
    title_en="Administrative units",
    description_vi="Đơn vị hành chính theo thời kỳ: quận/huyện và xã/phường/thị trấn của Hải Phòng và Hải Dương "
    "trước năm 2025; 114 xã/phường/đặc khu của thành phố Hải Phòng từ 1/7/2025 (ranh giới ghép từ ranh giới cũ).",
    description_en="Units by period: old Hải Phòng's and old Hải Dương's districts and communes before 2025; "
    "the 114 units of today's Hải Phòng from 1 July 2025 (outlines assembled from the old ones).",
    geometry_type="MultiPolygon",
    temporal=("valid_from", "valid_to"),
    nullable_geometry=True,
    editable=False,
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên", "Name", required=True, searchable=True),
        _f("level", "string", "Cấp", "Level", required=True, enum=("district", "commune")),
        _f("unit_type", "string", "Loại", "Type", required=True,
           enum=("Quận", "Huyện", "Thành phố", "Thị xã", "Xã", "Phường", "Thị trấn", "Đặc khu")),
        _f("gso_code", "string", "Mã GSO", "GSO code",
           description="Official code; null for the 4 Hải Dương communes merged before the 2019 list"),
        _f("district_code", "string", "Mã quận/huyện", "District code"),
        _f("district_name", "string", "Quận/huyện", "District", searchable=True),
        _f("province_name", "string", "Tỉnh/thành phố", "Province", searchable=True),
        _f("valid_from", "date", "Hiệu lực từ", "Valid from"),
        _f("valid_to", "date", "Hiệu lực đến", "Valid to"),
        _f("successor", "string", "Đơn vị kế thừa", "Successor"),
        _f("successor_codes", "array", "Mã đơn vị kế thừa (2025)", "Units of today it went to", items="string",
           description="Codes of the units of 2025-07-01 its territory went to"),
        _f("successor_method", "string", "Cách xác định đơn vị kế thừa", "How the successors were found",
           enum=("merge_table", "documented", "inferred"),
           description="inferred: its code was retired 2019–2025; the absorbing neighbour is a guess"),
        _f("parts", "array", "Hợp thành từ", "Made of", items="object",
           description="Units of 2025-07-01: [{code, name, district, province, merge: full|partial}]"),
        _f("outline_method", "string", "Cách vẽ ranh giới", "How the outline was made",
           enum=("exact", "approximate", "none"),
           description="Units of 2025-07-01: exact = assembled exactly from old polygons; approximate = not "
           "official, see outline_note; none = no polygon"),
        _f("outline_note", "string", "Ghi chú ranh giới", "Outline note"),
        _f("area_ha", "number", "Diện tích tính (ha)", "Computed area (ha)", minimum=0),
        *PROVENANCE,
    ),
)

VILLAGES = Collection(
    id="villages",
    title_vi="Làng nghề",
    title_en="Craft villages",
    description_vi="Làng nghề và nghề truyền thống theo xã.",
    description_en="Craft villages and traditional crafts by commune.",
    geometry_type="Point",
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên", "Name", required=True, searchable=True),
        _f("commune_id", "string", "Xã/phường", "Commune", required=True, link="admin_units"),
        _f("commune_name", "string", "Tên xã", "Commune name", searchable=True),
        _f("district_name", "string", "Quận/huyện", "District", searchable=True),
        _f("crafts", "array", "Nghề", "Crafts", items="string", required=True, searchable=True),
        _f("craft_group", "string", "Nhóm nghề", "Craft group", required=True,
           enum=("metal", "wood_stone", "rattan_bamboo", "textile", "food", "recycling", "pottery_materials",
                 "puppetry", "mixed")),
        _f("recognition", "string", "Công nhận", "Recognition",
           enum=("traditional_craft_village", "craft_village", "listed_traditional_craft", "not_recognised")),
        _f("recognition_year", "integer", "Năm công nhận", "Year recognised", minimum=1900),
        _f("recognition_decision", "string", "Quyết định công nhận", "Recognition decision"),
        _f("households", "integer", "Số hộ", "Households", minimum=0),
        _f("establishments", "integer", "Số cơ sở", "Establishments", minimum=0),
        _f("enterprises", "integer", "Số doanh nghiệp", "Enterprises", minimum=0),
        _f("workers", "integer", "Số lao động", "Workers", minimum=0),
        _f("products", "array", "Sản phẩm", "Products", items="string", searchable=True),
        _f("output_tonnes_per_year", "number", "Sản lượng (tấn/năm)", "Output (t/year)", minimum=0),
        _f("production_value_vnd", "integer", "Giá trị sản xuất (VND)", "Production value (VND)", minimum=0),
        _f("figures_year", "integer", "Năm số liệu", "Year of the figures", minimum=1900),
        _f("pollution_risk", "string", "Nguy cơ ô nhiễm", "Pollution risk", enum=("high", "medium", "low")),
        _f("description", "string", "Mô tả", "Description", searchable=True),
        _f("contact_phone", "string", "Điện thoại liên hệ", "Contact phone", private=True),
        *PLACEMENT,
        *PROVENANCE,
    ),
)

CLUSTER_KINDS = ("cum_cong_nghiep", "diem_cong_nghiep", "cum_cong_nghiep_lang_nghe")
CLUSTER_STATUSES = ("planned", "established", "under_construction", "operating", "completed_phase")

CLUSTERS = Collection(
    id="clusters",
    title_vi="Cụm, điểm công nghiệp",
    title_en="Industrial clusters and points",
    description_vi="Cụm công nghiệp, điểm công nghiệp và cụm công nghiệp làng nghề.",
    description_en="Industrial clusters, industrial points and craft-village industrial clusters.",
    geometry_type="MultiPolygon",
    declared_area_field="planned_area_ha",
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên", "Name", required=True, searchable=True),
        _f("kind", "string", "Loại", "Kind", required=True, enum=CLUSTER_KINDS),
        _f("commune_ids", "array", "Xã/phường", "Communes", items="string", link="admin_units"),
        _f("district_name", "string", "Quận/huyện", "District", required=True, searchable=True),
        _f("phase", "string", "Giai đoạn", "Phase"),
        _f("status", "string", "Tình trạng", "Status", enum=CLUSTER_STATUSES),
        _f("status_date", "date", "Ngày tình trạng", "Status date"),
        _f("planned_area_ha", "number", "Diện tích quy hoạch (ha)", "Planned area (ha)", minimum=0),
        _f("developed_area_ha", "number", "Diện tích đã đầu tư (ha)", "Developed area (ha)", minimum=0),
        _f("expansion_area_ha", "number", "Diện tích mở rộng (ha)", "Expansion area (ha)", minimum=0),
        _f("expansion_investment_vnd", "integer", "Vốn đầu tư mở rộng (VND)", "Expansion investment (VND)",
           minimum=0),
        _f("industrial_area_ha", "number", "Đất công nghiệp (ha)", "Industrial land (ha)", minimum=0),
        _f("leased_area_ha", "number", "Đã cho thuê (ha)", "Leased (ha)", minimum=0),
        _f("area_ha", "number", "Diện tích tính từ ranh giới (ha)", "Area from outline (ha)", minimum=0),
        _f("investment_vnd", "integer", "Tổng mức đầu tư (VND)", "Investment (VND)", minimum=0),
        _f("investment_qualifier", "string", "Mức đầu tư", "Investment qualifier",
           enum=("exact", "about", "more_than")),
        _f("investor", "string", "Chủ đầu tư", "Investor", searchable=True),
        _f("target_date", "date", "Dự kiến hoàn thành", "Target date"),
        _f("allowed_industries", "array", "Ngành nghề", "Allowed industries", items="string", searchable=True),
        _f("wastewater_treatment", "boolean", "Xử lý nước thải tập trung", "Central wastewater treatment"),
        _f("outline", "string", "Ranh giới", "Outline", required=True,
           enum=("surveyed", "sized_to_declared_area", "nominal_marker"),
           description="How the polygon was drawn; only 'surveyed' is a real boundary"),
        *PLACEMENT,
        *PROVENANCE,
    ),
)

PLOT_STATUSES = ("leased", "free", "reserved", "infrastructure")

CLUSTER_PLOTS = Collection(
    id="cluster_plots",
    title_vi="Lô đất trong cụm công nghiệp",
    title_en="Cluster plots",
    description_vi="Lô đất trong cụm công nghiệp: diện tích, tình trạng, bên thuê.",
    description_en="Plots inside clusters: area, status, tenant.",
    geometry_type="Polygon",
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên lô", "Plot", required=True, searchable=True),
        _f("cluster_id", "string", "Cụm", "Cluster", required=True, link="clusters"),
        _f("status", "string", "Tình trạng", "Status", required=True, enum=PLOT_STATUSES),
        _f("area_ha", "number", "Diện tích tính (ha)", "Computed area (ha)", minimum=0),
        _f("declared_area_ha", "number", "Diện tích công bố (ha)", "Declared area (ha)", minimum=0),
        _f("tenant", "string", "Bên thuê", "Tenant", searchable=True),
        _f("industry", "string", "Ngành", "Industry"),
        _f("infrastructure", "string", "Hạ tầng", "Infrastructure"),
        _f("status_date", "date", "Ngày tình trạng", "Status date"),
        *PROVENANCE,
    ),
)

FACILITIES = Collection(
    id="facilities",
    title_vi="Cơ sở sản xuất",
    title_en="Production facilities",
    description_vi="Doanh nghiệp, cơ sở sản xuất công nghiệp nông thôn.",
    description_en="Production establishments: enterprises and rural-industry workshops.",
    geometry_type="Point",
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên", "Name", required=True, searchable=True),
        _f("sector", "string", "Ngành", "Sector", required=True, searchable=True),
        _f("village_id", "string", "Làng nghề", "Village", link="villages"),
        _f("cluster_id", "string", "Cụm", "Cluster", link="clusters"),
        _f("founded_year", "integer", "Năm thành lập", "Founded", minimum=1800),
        _f("workers", "integer", "Lao động", "Workers", minimum=0),
        _f("floor_area_m2", "number", "Diện tích nhà xưởng (m²)", "Workshop floor area (m²)", minimum=0),
        _f("equipment", "array", "Thiết bị", "Equipment", items="string"),
        _f("products", "array", "Sản phẩm", "Products", items="string", searchable=True),
        _f("contact_phone", "string", "Điện thoại liên hệ", "Contact phone", private=True),
        *PLACEMENT,
        *PROVENANCE,
    ),
)

ASSESSMENT_METHODS = ("measured", "calculated", "estimated", "reported_classification")

POLLUTION_SOURCES = Collection(
    id="pollution_sources",
    title_vi="Nguồn ô nhiễm",
    title_en="Pollution sources",
    description_vi="Nguồn ô nhiễm làng nghề: môi trường, chất ô nhiễm, giá trị đo so với quy chuẩn.",
    description_en="Pollution sources: medium, pollutants, values against the standard, treatment.",
    geometry_type="Point",
    temporal=("assessment_date", None),
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("name", "string", "Tên", "Name", required=True, searchable=True),
        _f("village_id", "string", "Làng nghề", "Village", link="villages"),
        _f("commune_id", "string", "Xã/phường", "Commune", required=True, link="admin_units"),
        _f("media", "array", "Môi trường", "Media", items="string",
           description="air, wastewater, solid_waste, noise"),
        _f("pollutants", "array", "Chất ô nhiễm", "Pollutants", items="string"),
        _f("severity", "string", "Mức độ", "Severity", required=True,
           enum=("serious", "high", "moderate", "low", "unknown")),
        _f("on_remediation_list", "boolean", "Trong danh sách phải xử lý", "On the remediation list"),
        _f("treatment_status", "string", "Tình trạng xử lý", "Treatment status",
           enum=("none", "in_progress", "incomplete", "completed", "unknown")),
        _f("assessment", "string", "Đánh giá", "Assessment", searchable=True),
        _f("assessment_method", "string", "Cách xác định", "How it was determined",
           enum=ASSESSMENT_METHODS),
        _f("assessment_date", "date", "Ngày đánh giá", "Assessment date"),
        _f("measurements", "array", "Kết quả đo", "Measurements", items="object", members=(
            _f("parameter", "string", "Thông số", "Parameter", required=True),
            _f("value", "number", "Giá trị", "Value"),
            _f("unit", "string", "Đơn vị", "Unit"),
            _f("standard", "string", "Quy chuẩn", "Standard"),
            _f("standard_value", "number", "Giới hạn", "Limit", minimum=0),
            _f("method", "string", "Cách xác định", "Method", enum=ASSESSMENT_METHODS),
            _f("date", "date", "Ngày", "Date"),
        )),
        *PLACEMENT,
        *PROVENANCE,
    ),
)

PROJECT_COMPONENTS = (
    "training", "study_tour", "machinery", "brand", "demonstration_model", "pollution_treatment",
    "workshop", "management_training", "association", "trade_fair", "product_development", "infrastructure",
)

PROJECTS = Collection(
    id="projects",
    title_vi="Đề án khuyến công và dự án hỗ trợ",
    title_en="Industrial-promotion and support projects",
    description_vi="Đề án khuyến công (quốc gia, địa phương) và dự án xử lý ô nhiễm làng nghề.",
    description_en="Khuyến công projects (national, local) and craft-village remediation projects.",
    geometry_type="MultiPoint",
    nullable_geometry=True,
    temporal=("year_start", "year_end"),
    name_field="title",
    fields=(
        _f("id", "string", "Mã", "Id", required=True),
        _f("title", "string", "Tên đề án", "Title", required=True, searchable=True),
        _f("programme", "string", "Chương trình", "Programme", required=True,
           enum=("national", "local", "national_and_local", "environment")),
        _f("kind", "string", "Loại", "Kind", required=True, enum=("project", "plan", "group"),
           description="'plan' and 'group' aggregate several projects"),
        _f("project_count", "integer", "Số đề án", "Number of projects", minimum=1),
        _f("year_start", "integer", "Năm bắt đầu", "Start year", minimum=1990),
        _f("year_end", "integer", "Năm kết thúc", "End year", minimum=1990),
        _f("budget_total_vnd", "integer", "Tổng kinh phí (VND)", "Total budget (VND)", minimum=0),
        _f("budget_public_vnd", "integer", "Kinh phí nhà nước (VND)", "Public funds (VND)", minimum=0),
        _f("budget_counterpart_vnd", "integer", "Vốn đối ứng (VND)", "Counterpart funds (VND)", minimum=0),
        _f("budget_qualifier", "string", "Mức kinh phí", "Budget qualifier",
           enum=("exact", "about", "more_than")),
        _f("funders", "array", "Nguồn kinh phí", "Funders", items="string"),
        _f("implementer", "string", "Đơn vị thực hiện", "Implementer", searchable=True),
        _f("sector", "string", "Ngành", "Sector", searchable=True),
        _f("components", "array", "Nội dung", "Components", items="object", members=(
            _f("kind", "string", "Loại", "Kind", required=True, enum=PROJECT_COMPONENTS),
            _f("description", "string", "Mô tả", "Description"),
            _f("budget_vnd", "integer", "Kinh phí (VND)", "Budget (VND)", minimum=0),
        )),
        _f("village_ids", "array", "Làng nghề hưởng lợi", "Villages", items="string", link="villages"),
        _f("cluster_ids", "array", "Cụm hưởng lợi", "Clusters", items="string", link="clusters"),
        _f("facility_ids", "array", "Cơ sở hưởng lợi", "Facilities", items="string", link="facilities"),
        _f("pollution_source_ids", "array", "Nguồn ô nhiễm xử lý", "Pollution sources", items="string",
           link="pollution_sources"),
        _f("district_names", "array", "Quận/huyện", "Districts", items="string"),
        _f("status", "string", "Tình trạng", "Status",
           enum=("proposed", "approved", "in_progress", "completed", "unknown")),
        _f("outcome", "string", "Kết quả", "Outcome", searchable=True),
        _f("description", "string", "Mô tả", "Description", searchable=True),
        *PLACEMENT,
        *PROVENANCE,
    ),
)

COLLECTIONS: dict[str, Collection] = {
    c.id: c
    for c in (ADMIN_UNITS, VILLAGES, CLUSTERS, CLUSTER_PLOTS, FACILITIES, POLLUTION_SOURCES, PROJECTS)
}

# Load order: a collection comes after every collection its links point to.
LOAD_ORDER: tuple[str, ...] = (
    "admin_units", "villages", "clusters", "cluster_plots", "facilities", "pollution_sources", "projects",
)


def get_collection(collection_id: str) -> Collection:
    """Return the collection or raise ``UnknownCollection``."""
    from geo.model.errors import UnknownCollection

    try:
        return COLLECTIONS[collection_id]
    except KeyError:
        raise UnknownCollection(f"No collection '{collection_id}'.") from None
