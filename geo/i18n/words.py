"""The pages' and maps' own words in Vietnamese and English: one plain table, ``key -> (vi, en)``.

Coded values of the data (statuses, crafts…) are labelled in ``geo.i18n.labels``; sentences the
services say are in ``geo.i18n.messages``. This table holds every heading, legend word, button and
column name of the map pages and the capacity pages. Keys are grouped by a prefix where a family
shares one (``fig.``, ``basis.``, ``chart.``…). Keep it a plain dict: one entry per line group,
so parallel additions merge cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.i18n.labels import pick

WORDS: dict[str, tuple[str, str]] = {
    # -- map pages (maps/pages.py and the browser code)
    "overview": ("Bản đồ tổng quan làng nghề, cụm công nghiệp Hải Phòng",
                 "Overview of Hải Phòng craft villages and industrial clusters"),
    "communes": ("Xã/phường/thị trấn", "Communes"),
    "search": ("Tìm theo tên (có hoặc không dấu)…", "Search names (with or without accents)…"),
    "no_results": ("Không tìm thấy", "Nothing found"),
    "legend": ("Chú giải", "Legend"),
    "illustrative_badge": ("Dữ liệu minh họa — không phải số liệu thực", "Illustrative record — not real data"),
    "precision": ("Độ chính xác vị trí", "Location precision"),
    "fullscreen": ("Toàn màn hình", "Full screen"),
    "all_years": ("Tất cả các năm", "All years"),
    "projects_year": ("Đề án theo năm", "Projects by year"),
    "pollution_date": ("Đánh giá ô nhiễm theo năm", "Pollution assessed in"),
    "loading": ("Đang tải dữ liệu…", "Loading data…"),
    "load_failed": ("Không tải được lớp", "Could not load layer"),
    "bool_yes": ("Có", "Yes"),
    "bool_no": ("Không", "No"),
    "cluster_map": ("Bản đồ cụm công nghiệp", "Industrial cluster map"),
    "nearby": ("lân cận", "nearby"),
    "basemap": ("Bản đồ nền (cần Internet)", "Basemap (needs Internet)"),
    # -- capacity table, detail page and capacity map
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
    # -- the land-balance chart (maps/charts.py; its segments are named by the fig.* words)
    "chart.unplotted": ("Chưa có dữ liệu lô", "No plot data"),
    "chart.illustrative": (" (tính từ lô minh họa)", " (illustrative plots)"),
    "chart.balance": ("cân đối đất", "land balance"),
    "chart.no_figures": ("chưa có số liệu diện tích", "no area figures known"),
    "chart.declared_planned": ("diện tích quy hoạch công bố", "declared planned area"),
    "chart.occupancy": ("Tỷ lệ lấp đầy {percent} %", "occupancy {percent}%"),
    "chart.occupancy_unknown": ("Tỷ lệ lấp đầy: chưa rõ", "occupancy unknown"),
    # -- the web edge's page and map layers (api/pages)
    "layer.pollution_sources": ("Nguồn ô nhiễm", "Pollution sources"),
    "layer.villages_within": ("Làng nghề trong bán kính", "Villages within the distance"),
    "layer.money_per_district": ("Kinh phí theo quận/huyện", "Money per district"),
    "layer.money_per_commune": ("Kinh phí theo xã/phường", "Money per commune"),
    "layer.beneficiary_sites": ("Nơi hưởng lợi", "Beneficiary sites"),
    "layer.project": ("Đề án", "Project"),
    # -- accounts: sign-in page and the layout's header (api/pages/account.py)
    "account.sign_in": ("Đăng nhập", "Sign in"),
    "account.sign_out": ("Đăng xuất", "Sign out"),
    "account.signed_in_as": ("Đã đăng nhập:", "Signed in:"),
    "account.name": ("Tên tài khoản", "Account name"),
    "account.password": ("Mật khẩu", "Password"),
    "account.intro": ("Dành cho cán bộ cập nhật dữ liệu. Tài khoản do quản trị viên tạo bằng lệnh "
                      "craftmap user create.",
                      "For officers who keep the data up to date. An administrator creates accounts with "
                      "craftmap user create."),
    "account.wrong": ("Sai tên tài khoản hoặc mật khẩu.", "Wrong account name or password."),
    "account.locked": ("Đăng nhập sai quá nhiều lần: tài khoản tạm khóa, thử lại sau {minutes} phút.",
                       "Too many failed sign-ins: the account is locked; try again in {minutes} minutes."),
    "account.already": ("Bạn đang đăng nhập với tên", "You are signed in as"),
    # -- the home page (api/pages/home.py)
    "home.title": ("Làng nghề, cụm công nghiệp và khuyến công Hải Phòng",
                   "Craft villages, industrial clusters and industrial promotion in Hải Phòng"),
    "home.lead": ("Bản đồ, quỹ đất cụm công nghiệp, kinh phí công và ô nhiễm làng nghề, mỗi số liệu dẫn nguồn.",
                  "Maps, cluster land, public money and craft-village pollution, every figure with its source."),
    "home.search": ("Tìm làng nghề, cụm công nghiệp, đề án… (có hoặc không dấu)",
                    "Find villages, clusters, projects… (with or without accents)"),
    "home.search_button": ("Tìm", "Search"),
    "home.planners": ("Bản đồ cho người làm quy hoạch", "Maps for planners"),
    "home.planners_text": ("Làng nghề, cụm công nghiệp, nguồn ô nhiễm và đề án trên một bản đồ, lọc theo năm.",
                           "Villages, clusters, pollution sources and projects on one map, by year."),
    "home.officers": ("Quỹ đất cụm công nghiệp cho cán bộ", "Cluster land for officers"),
    "home.officers_text": ("Diện tích quy hoạch, đã cho thuê, còn trống; tìm nơi đặt cơ sở sản xuất.",
                           "Planned, leased and free land; find a site for a workshop."),
    "home.site_search": ("Tìm nơi đặt một xưởng 1 ha gần trung tâm thành phố",
                         "Where a 1 ha workshop can go, near the city centre"),
    "home.public": ("Kinh phí công và ô nhiễm cho mọi người", "Public money and pollution for everyone"),
    "home.public_text": ("Đề án khuyến công được bao nhiêu tiền, ở đâu; làng nghề nào gây ô nhiễm; dữ liệu mở.",
                         "Which projects got how much money and where; which villages pollute; open data."),
    "home.figures": ("Một vài con số", "A few figures"),
    "home.villages": ("làng nghề", "craft villages"),
    "home.clusters": ("cụm công nghiệp", "industrial clusters"),
    "home.projects": ("đề án khuyến công", "industrial-promotion projects"),
    "home.money": ("kinh phí công đã công bố", "published public money"),
    "home.money_note": ("cộng {published}/{count} đề án có công bố phần ngân sách; {unpublished} đề án "
                        "chưa công bố không được tính là 0.",
                        "adds the {published} of {count} projects whose public share is published; the "
                        "{unpublished} not published never count as 0."),
    "home.sources": ("Nguồn: {count} tài liệu công khai được dẫn; xem", "Sources: {count} public documents cited; see"),
    "home.gis": ("Cho người dùng GIS", "For GIS users"),
    "home.gis_text": ("Các lớp dữ liệu theo chuẩn OGC API - Features, đọc được bằng QGIS, GDAL, OWSLib.",
                      "The layers as OGC API - Features, readable by QGIS, GDAL and OWSLib."),
}


def word(key: str, lang: str = "vi") -> str:
    """One word in the reader's language (a missing key is a programming error: KeyError)."""
    return pick(WORDS[key], lang)


def words(lang: str, keys: Iterable[str] | None = None) -> dict[str, str]:
    """Many words at once (all of them by default), e.g. for a template or the browser."""
    return {k: pick(WORDS[k], lang) for k in (WORDS if keys is None else keys)}
