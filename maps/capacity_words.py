"""The capacity pages' and map's own words in Vietnamese (default) and English.

Sentences the services produce (flags, notes) live in ``geo.i18n.messages``; this table holds the
headings, column names, labels of figures, bases and statuses, and legend words of the pages.
"""

from __future__ import annotations

# The pages' own words: key -> (vi, en). Figures, bases, statuses and headings share one table.
WORDS: dict[str, tuple[str, str]] = {
    "fig.planned": ("Quy hoạch", "Planned"), "fig.developed": ("Đã đầu tư", "Developed"),
    "fig.industrial": ("Đất công nghiệp", "Industrial land"), "fig.leasable": ("Có thể cho thuê", "Leasable"),
    "fig.leased": ("Đã cho thuê", "Leased"), "fig.reserved": ("Dự trữ", "Reserved"),
    "fig.infrastructure": ("Hạ tầng", "Infrastructure"), "fig.free": ("Còn trống", "Free"),
    "fig.plotted": ("Đã chia lô", "Plotted"), "fig.outline": ("Ranh giới", "Outline"),
    "fig.occupancy": ("Tỷ lệ lấp đầy", "Occupancy"),
    "basis.declared": ("Đã công bố", "Declared"),
    "basis.computed_from_plots": ("Tính từ các lô", "Computed from plots"),
    "basis.computed_from_outline": ("Tính từ ranh giới", "Computed from the outline"),
    "basis.derived_from_declared": ("Suy ra từ số liệu công bố", "Derived from declared figures"),
    "basis.unknown": ("Chưa rõ", "Unknown"),
    "from.plots": ("Các lô", "Plots"), "from.declared": ("Số liệu công bố", "Declared figures"),
    "outline.surveyed": ("Khảo sát", "Surveyed"),
    "outline.sized_to_declared_area": ("Vẽ theo diện tích công bố", "Sized to the declared area"),
    "outline.nominal_marker": ("Ký hiệu vị trí", "Nominal marker"),
    "ww.present": ("Có", "Present"), "ww.absent": ("Không có", "Absent"), "ww.unknown": ("Chưa rõ", "Unknown"),
    "filter.district": ("Quận/huyện", "District"), "filter.status": ("Tình trạng", "Status"),
    "filter.sector": ("Ngành nghề", "Sector"),
    "title": ("Quỹ đất cụm công nghiệp", "Cluster land capacity"),
    "detail_title": ("quỹ đất", "land balance"),
    "map": ("Bản đồ", "Map"), "back": ("Quỹ đất", "Capacity"), "switch": ("English", "Tiếng Việt"),
    "cluster": ("Cụm", "Cluster"), "district": ("Quận/huyện", "District"), "status": ("Tình trạng", "Status"),
    "figures_from": ("Nguồn số liệu", "Figures from"), "flags": ("Lưu ý", "Flags"),
    "explain_head": ("Diện tích tính bằng héc-ta (ha). Ký hiệu cho biết nguồn gốc của từng số liệu:",
                     "Areas in hectares. Tags say where each figure comes from:"),
    "explain_measured": ("(đo trong EPSG:3405)", "(measured in EPSG:3405)"),
    "explain_illus": ("tính từ các lô minh họa (dựng lên để trình diễn tính năng, không phải hồ sơ thực)",
                      "computed from illustrative plots (made up to show the capability, not real records)"),
    "explain_tail": ("ô trống là chưa rõ, không bao giờ là 0. Bấm vào tiêu đề cột để sắp xếp.",
                     "a blank cell is unknown, never zero. Click a column heading to sort."),
    "filters": ("Bộ lọc", "Filters"), "count": ("cụm", "cluster(s)"),
    "unknown": ("chưa rõ", "unknown"), "illustrative": ("Minh họa", "Illustrative"),
    "illustrative_record": ("bản ghi minh họa", "illustrative record"), "yes": ("có", "yes"),
    "phase": ("giai đoạn", "phase"), "outline_label": ("ranh giới", "outline"),
    "computed_from": ("số liệu lấy từ", "figures from"),
    "balance": ("Cân đối đất (ha)", "Land balance (ha)"), "figure": ("Số liệu", "Figure"),
    "value": ("Giá trị", "Value"), "basis": ("Nguồn gốc", "Basis"), "date": ("Ngày", "Date"),
    "sources": ("Nguồn", "Sources"), "infrastructure": ("Hạ tầng", "Infrastructure"),
    "wastewater": ("Xử lý nước thải tập trung", "Central wastewater treatment"),
    "plots": ("Lô đất", "Plots"), "plot": ("Lô", "Plot"), "area": ("Diện tích (ha)", "Area (ha)"),
    "tenant": ("Bên thuê", "Tenant"), "industry": ("Ngành nghề", "Industry"),
    "no_plots": ("Cụm này chưa có dữ liệu lô: cân đối đất chỉ dùng số liệu công bố.",
                 "No plot data for this cluster: the balance uses declared figures only."),
    "tenants_by_sector": ("Bên thuê theo ngành", "Tenants by sector"), "sector": ("Ngành", "Sector"),
    "tenants": ("Bên thuê", "Tenants"), "leased_ha": ("Đã cho thuê (ha)", "Leased (ha)"),
    "no_leased": ("Chưa ghi nhận lô nào đã cho thuê.", "No leased plots recorded."),
    "history": ("Lịch sử số liệu", "History of the figures"), "version": ("phiên bản", "version"),
    "no_history": ("Chưa có chỉnh sửa nào kể từ khi nạp dữ liệu.", "No edits since the data was loaded."),
    "notes": ("Ghi chú", "Notes"), "sector_unknown": ("Chưa rõ", "Unknown"),
    "map_title": ("Bản đồ quỹ đất cụm công nghiệp", "Cluster land capacity map"),
    "districts": ("Quận/huyện", "Districts"), "clusters_layer": ("Cụm theo tỷ lệ lấp đầy", "Clusters by occupancy"),
    "plots_layer": ("Lô đất theo tình trạng", "Plots by status"),
    "details": ("chi tiết", "details"), "illustrative_plot": ("lô minh họa", "illustrative plot"),
    "legend_clusters": ("Cụm: tỷ lệ lấp đầy", "Clusters: occupancy"),
    "legend_plots": ("Lô đất: tình trạng", "Plots: status"),
    "legend_low": ("&lt; 50 % đã cho thuê", "&lt; 50 % leased"),
}


def word(key: str, lang: str = "vi") -> str:
    vi, en = WORDS[key]
    return en if lang == "en" else vi


def words(lang: str) -> dict[str, str]:
    return {k: word(k, lang) for k in WORDS}
