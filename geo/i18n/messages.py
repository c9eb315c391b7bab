"""Every sentence the capacity services say (flags, checks, notes, summaries), in English and Vietnamese.

The services build a :class:`Text` (a template key and its parameters) instead of a sentence, so the
same finding can be read in either language and keeps a stable machine-readable code. Templates use
``str.format`` fields; numbers are written with the reader's decimal mark (Vietnamese "59,33 ha",
English "59.33 ha", as ``geo.i18n.money`` does for money). A parameter may itself be a :class:`Text`, rendered
in the same language. English is the default so the JSON API keeps the wording its clients know.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from geo.i18n.labels import pick

LANGS = ("vi", "en")

# key -> (vi, en), the order of every word table in geo/i18n
TEMPLATES: dict[str, tuple[str, str]] = {
    # -- flags on a cluster's balance (key = flag code, or code + "." + variant)
    "plots_exceed_declared": (
        "Các lô cộng lại được {plotted:.2f} ha, lớn hơn diện tích quy hoạch đã công bố ({planned:g} ha): một trong "
        "hai số liệu bị sai.",
        "The plots add up to {plotted:.2f} ha, more than the declared planned area of {planned:g} ha: one of the "
        "two is wrong."),
    "plots_below_declared": (
        "Các lô chỉ phủ {plotted:.2f} ha trong {planned:g} ha đã công bố; phần còn lại chưa có dữ liệu lô.",
        "The plots cover {plotted:.2f} ha of the declared {planned:g} ha; the rest has no plot data."),
    "leased_disagrees": (
        "Diện tích đã cho thuê được công bố là {declared:g} ha, còn các lô đã cho thuê cộng lại được {leased:.2f} ha.",
        "Declared leased area {declared:g} ha, leased plots {leased:.2f} ha."),
    "leased_exceeds_industrial": (
        "Diện tích đã cho thuê công bố ({leased:g} ha) vượt quá diện tích đất công nghiệp công bố "
        "({industrial:g} ha).",
        "Declared leased area {leased:g} ha exceeds the declared industrial land {industrial:g} ha."),
    "illustrative_plots": (
        "Đất đã cho thuê, dự trữ, hạ tầng và còn trống được tính từ các lô minh họa (dựng lên để trình diễn tính "
        "năng), không phải từ hồ sơ thực.",
        "Leased, reserved, infrastructure and free land are computed from illustrative plots (made up to show the "
        "capability), not from real records."),
    "free_unknown": (
        "Chưa rõ diện tích đất còn trống: không có dữ liệu lô, cũng không có số liệu đất công nghiệp và đất đã cho "
        "thuê được công bố để tính ra.",
        "Free land is unknown: no plots and no declared industrial and leased figures to derive it from."),
    "outline_nominal": (
        "Ranh giới chỉ là ký hiệu đánh dấu vị trí, không phải ranh giới thực của cụm: không cho biết gì về diện tích.",
        "The outline is a nominal marker, not the cluster's boundary: it says nothing about the area."),
    "outline_sized_to_declared": (
        "Ranh giới được vẽ theo diện tích công bố ({planned:g} ha); đo lại ({outline:.2f} ha) không thể xác nhận "
        "số liệu đó.",
        "The outline was drawn to the declared area ({planned:g} ha); measuring it ({outline:.2f} ha) cannot "
        "confirm that figure."),
    "outline_sized_to_declared.no_planned": (
        "Ranh giới được vẽ theo diện tích công bố; đo lại ({outline:.2f} ha) không thể xác nhận số liệu đó.",
        "The outline was drawn to the declared area; measuring it ({outline:.2f} ha) cannot confirm that figure."),
    "outline_disagrees": (
        "Diện tích quy hoạch công bố là {planned:g} ha, còn ranh giới khảo sát đo được {outline:.2f} ha (EPSG:3405).",
        "Declared planned area {planned:g} ha, surveyed outline measures {outline:.2f} ha (EPSG:3405)."),
    # -- central wastewater treatment note
    "wastewater.not_recorded": ("Chưa có thông tin cho cụm này.", "Not recorded for this cluster."),
    "wastewater.not_recorded.illustrative_site": (
        "Chưa có thông tin cho cụm này. Chỉ có lô minh họa thể hiện khu xử lý nước thải.",
        "Not recorded for this cluster. Only illustrative plots show a treatment site."),
    "wastewater.not_recorded.site": (
        "Chưa có thông tin cho cụm này. Có một lô được đánh dấu là khu xử lý nước thải.",
        "Not recorded for this cluster. A plot is marked as a treatment site."),
    # -- bases of a figure: long explanation and short tag
    "basis.declared": ("do một nguồn công bố (hồ sơ của cụm)", "published by a source (the cluster record)"),
    "basis.computed_from_plots": ("tổng diện tích các lô của cụm, đo trong EPSG:3405",
                                  "sum of the cluster's plot areas measured in EPSG:3405"),
    "basis.computed_from_outline": ("diện tích ranh giới của cụm, đo trong EPSG:3405",
                                    "area of the cluster outline measured in EPSG:3405"),
    "basis.derived_from_declared": ("tính từ các số liệu công bố (còn trống = đất công nghiệp − đã cho thuê)",
                                    "arithmetic on declared figures (free = industrial - leased)"),
    "basis.unknown": ("không được công bố và không đo được: để trống, không bao giờ là 0",
                      "not published and not measurable: null, never 0"),
    "basis_short.declared": ("đã công bố", "declared"),
    "basis_short.computed_from_plots": ("tính từ các lô", "computed from plots"),
    "basis_short.computed_from_outline": ("tính từ ranh giới", "computed from outline"),
    "basis_short.derived_from_declared": ("suy ra từ số liệu công bố", "derived from declared"),
    "basis_short.unknown": ("chưa rõ", "unknown"),
    "source.illustrative_plots": ("lô minh họa", "illustrative plots"),
    # -- site-search checks (key = check name + "." + case)
    "land_total.whole_too_small": (
        "Cả cụm chỉ có {whole:g} ha (chưa rõ đất còn trống), nhỏ hơn {need:.2f} ha cần có.",
        "The whole cluster is {whole:g} ha (free land unknown), less than the {need:.2f} ha needed."),
    "land_total.unknown": (
        "Chưa rõ đất còn trống (không có dữ liệu lô, không có số liệu đất đã cho thuê được công bố).",
        "Free land is unknown (no plots, no declared leased figure)."),
    "land_total.pass": ("Còn trống {free:.2f} ha ({source}) ≥ {need:.2f} ha cần có.",
                        "{free:.2f} ha free ({source}) ≥ {need:.2f} ha needed."),
    "land_total.fail": ("Còn trống {free:.2f} ha ({source}) < {need:.2f} ha cần có.",
                        "{free:.2f} ha free ({source}) < {need:.2f} ha needed."),
    "land_piece.no_plots": (
        "Không có dữ liệu lô: chưa biết có một khoảnh {need:.2f} ha còn trống hay không.",
        "No plot data: whether one piece of {need:.2f} ha is free is not known."),
    "land_piece.plot": ("Lô trống {plot} có {area:.2f} ha.", "Free plot {plot} has {area:.2f} ha."),
    "land_piece.plot_illustrative": ("Lô trống minh họa {plot} có {area:.2f} ha.",
                                     "Illustrative free plot {plot} has {area:.2f} ha."),
    "land_piece.group": ("Các lô trống liền kề {plots} cộng lại có {area:.2f} ha.",
                         "Adjacent free plots {plots} have {area:.2f} ha together."),
    "land_piece.group_illustrative": ("Các lô trống minh họa liền kề {plots} cộng lại có {area:.2f} ha.",
                                      "Illustrative adjacent free plots {plots} have {area:.2f} ha together."),
    "land_piece.fail": (
        "Không có lô trống hay nhóm lô trống liền kề nào đủ rộng (lớn nhất {largest:.2f} ha).",
        "No free plot or group of adjacent free plots is big enough (largest {largest:.2f} ha)."),
    "industry.unknown": ("Chưa có thông tin về ngành nghề được phép.", "The allowed industries are not recorded."),
    "industry.pass": ("Ngành '{industry}' được phép ({matched}).", "'{industry}' is allowed ({matched})."),
    "industry.fail": ("Ngành '{industry}' không thuộc danh mục ngành nghề được phép ({allowed}).",
                      "'{industry}' is not among the allowed industries ({allowed})."),
    "wastewater.pass": ("Cụm đã có hệ thống xử lý nước thải tập trung.",
                        "Central wastewater treatment is present."),
    "wastewater.need_unknown": (
        "Bảng ngành nghề chưa cho biết ngành '{industry}' có cần xử lý nước thải hay không, và cụm chưa ghi nhận "
        "hệ thống xử lý nào.",
        "Whether '{industry}' needs wastewater treatment is not in the industry table, and the cluster has none "
        "recorded."),
    "wastewater.fail": ("Ngành '{industry}' cần xử lý nước thải tập trung; cụm không có hệ thống này.",
                        "'{industry}' needs central wastewater treatment; the cluster has none."),
    "wastewater.unknown": (
        "Ngành '{industry}' cần xử lý nước thải tập trung; chưa ghi nhận cụm có hệ thống này hay không{hint}.",
        "'{industry}' needs central wastewater treatment; whether the cluster has it is not recorded{hint}."),
    "wastewater.hint.plot": ("; lô {plots} thể hiện khu xử lý nước thải", "; plot {plots} shows a treatment site"),
    "wastewater.hint.illustrative": ("; lô minh họa {plots} thể hiện khu xử lý nước thải",
                                     "; illustrative plot {plots} shows a treatment site"),
    "distance.unknown": ("Cụm chưa có vị trí.", "The cluster has no location."),
    "distance.measured": ("Cách {origin} {distance:.2f} km ({limit}).", "{distance:.2f} km from {origin} ({limit})."),
    "distance.no_limit": ("không giới hạn", "no limit"),
    "distance.within": ("≤ {max_km:g} km", "≤ {max_km:g} km"),
    "distance.beyond": ("> {max_km:g} km", "> {max_km:g} km"),
    "readiness.pass": ("Tình trạng: {status}.", "Status {status}."),
    "readiness.not_ready": ("Tình trạng: {status}{when}; đất có thể chưa sẵn sàng.",
                            "Status {status}{when}: the land may not be ready."),
    "readiness.as_of": (" (tính đến {date})", " as of {date}"),
    "readiness.unknown": ("Chưa ghi nhận tình trạng: chưa rõ đất đã sẵn sàng hay chưa.",
                          "Status not recorded: whether the land is ready is unknown."),
    # cluster statuses inside sentences: English keeps the code, as the API always said
    "status.planned": ("quy hoạch", "planned"),
    "status.established": ("đã thành lập", "established"),
    "status.under_construction": ("đang xây dựng", "under_construction"),
    "status.operating": ("đang hoạt động", "operating"),
    "status.completed_phase": ("hoàn thành giai đoạn", "completed_phase"),
    # -- site-search policy and summary
    "policy": (
        "Một cụm phù hợp khi mọi điều kiện đều đạt trên số liệu thực (không phải minh họa). Khi không điều kiện nào "
        "trượt nhưng có điều kiện chưa rõ (chưa ai công bố số liệu) hoặc chỉ đạt nhờ dữ liệu minh họa, cụm được "
        "xếp vào possible_if_confirmed (có thể nếu được xác nhận) kèm những điểm cần xác nhận. Trượt bất kỳ điều "
        "kiện nào thì cụm bị loại, với đầy đủ lý do. Khoảng cách là đường thẳng trong EPSG:3405 tới điểm gần nhất "
        "của ranh giới cụm; ranh giới và vị trí làng nghề chỉ gần đúng (sai số khoảng 1–2 km).",
        "A cluster fits when every check passes on real (non-illustrative) data. When no check fails but some are "
        "unknown (nobody published the figure) or pass only on illustrative records, it is listed under "
        "possible_if_confirmed with what to confirm. Any failed check excludes it; every reason is listed. "
        "Distances are straight lines in EPSG:3405 to the nearest point of the cluster outline; outlines and "
        "village points are approximate (about 1–2 km)."),
    "summary.looking": ("Tìm {need:.2f} ha đất{industry}, xuất phát từ {origin}{within}.",
                        "Looking for {need:.2f} ha{industry} from {origin}{within}."),
    "summary.of_industry": (" cho ngành {industry}", " of {industry}"),
    "summary.within": (" trong bán kính {max_km:g} km", " within {max_km:g} km"),
    "summary.fits": ("{n} cụm phù hợp theo số liệu đã xác nhận: {names}.",
                     "{n} cluster(s) fit on confirmed data: {names}."),
    "summary.fits_none": ("{n} cụm phù hợp theo số liệu đã xác nhận.", "{n} cluster(s) fit on confirmed data."),
    "summary.possible": (
        "{n} cụm có thể phù hợp nếu được xác nhận; tốt nhất là {name} ({km} km), cần xác nhận: {confirm}.",
        "{n} could if confirmed; the best is {name} ({km} km), to confirm: {confirm}."),
    "summary.none": ("Không cụm nào đáp ứng được; lý do của từng cụm được liệt kê trong mục 'excluded'.",
                     "No cluster can take it; the reasons for each are listed under 'excluded'."),
    "summary.excluded": ("{n} cụm bị loại.", "{n} excluded."),
    # -- relocation
    "relocation.order": (
        "Các cụm phù hợp theo số liệu đã xác nhận được xếp trước, sau đó là các cụm có thể phù hợp nếu được xác "
        "nhận; trong mỗi nhóm, cụm gần nhất (đường thẳng) trước, rồi cụm có khoảnh trống lớn nhất, rồi theo mã. "
        "Trong một cụm, các khoảnh trống (một lô trống, hoặc các lô trống liền kề gộp lại) được lấp từ lớn đến "
        "nhỏ, mỗi khoảnh chứa ⌊diện tích khoảnh / diện tích cơ sở⌋ cơ sở; cụm không có dữ liệu lô nhưng có đất "
        "trống suy ra từ số liệu công bố được tính là một khoảnh. Chưa tính bố trí mặt bằng, khoảng lùi và đường "
        "nội bộ: số lượng là giới hạn trên.",
        "Clusters that fit on confirmed data come first, then those possible if confirmed; within each, the nearest "
        "first (straight line), then the largest free piece, then by id. Inside a cluster the free pieces (a free "
        "plot, or adjacent free plots together) are filled largest first, each holding ⌊piece area / workshop "
        "area⌋ workshops; a cluster without plots but with free land derived from declared figures is one piece. "
        "Layout, setbacks and internal roads are not modelled: counts are upper bounds."),
    "relocation.note.free_unknown": (
        "Chưa rõ đất còn trống: không phân bổ vào cụm này cho đến khi được xác nhận.",
        "Free land unknown: nothing assigned here until it is confirmed."),
    "relocation.note.too_small": ("Không có khoảnh đất trống nào đủ cho một cơ sở.",
                                  "No free piece is big enough for one workshop."),
    "relocation.unassigned.none_eligible": ("Không cụm nào đạt các điều kiện kiểm tra.",
                                            "No cluster passed the checks."),
    "relocation.unassigned.no_room": (
        "Các cụm đủ điều kiện không còn đất trống có diện tích xác định đủ cho một cơ sở có diện tích này.",
        "The eligible clusters have no more free land of a known size for a workshop of this area."),
    "relocation.summary.head": ("{workshops} cơ sở, mỗi cơ sở {m2:g} m², từ {origin}:",
                                "{workshops} workshop(s) of {m2:g} m² from {origin}:"),
    "relocation.summary.item": ("{n} vào {name} ({km} km, {category});", "{n} to {name} ({km} km, {category});"),
    "relocation.summary.left": ("{left} cơ sở không bố trí được.", "{left} do not fit."),
    "relocation.summary.all": ("tất cả đều bố trí được.", "all fit."),
    "relocation.summary.depends": (
        "Việc phân bổ vào các cụm 'có thể nếu được xác nhận' phụ thuộc vào các số liệu liệt kê trong 'to_confirm'.",
        "Assignments to clusters marked 'possible if confirmed' depend on the figures listed in 'to_confirm'."),
    "category.fits": ("phù hợp", "fits"),
    "category.possible_if_confirmed": ("có thể nếu được xác nhận", "possible if confirmed"),
}


def check_lang(lang: str) -> str:
    """The services speak English unless Vietnamese is asked for (the JSON API's wording)."""
    return "vi" if lang == "vi" else "en"


def decimal(value: float, lang: str, places: int = 2) -> str:
    """``59.33`` (en) or ``59,33`` (vi), thousands grouped the other way round."""
    text = f"{value:,.{places}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


class _Formatter(string.Formatter):
    """``str.format`` that writes numbers with the reader's decimal mark and renders nested texts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Text):
            return value.render(self.lang)
        if isinstance(value, str):  # "?" standing for an unknown number: the number's spec does not apply
            return value
        out = super().format_field(value, format_spec)
        if self.lang == "vi" and isinstance(value, int | float) and not isinstance(value, bool):
            out = out.translate(str.maketrans(",.", ".,"))
        return out


@dataclass(frozen=True)
class Text:
    """A sentence not yet put into words: a template key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = "en") -> str:
        return _Formatter(lang).vformat(pick(TEMPLATES[self.key], check_lang(lang)), (), dict(self.params))


def text(key: str, **params: Any) -> Text:
    """``text("land_total.pass", free=1.2, ...)``; an unknown key fails here, not when rendered."""
    if key not in TEMPLATES:
        raise KeyError(key)
    return Text(key, tuple(params.items()))


def say(key: str, lang: str = "en", **params: Any) -> str:
    """A template rendered at once."""
    return text(key, **params).render(lang)


def status_text(status: str) -> Text | str:
    """A cluster status inside a sentence; an unknown code stays as it is."""
    return text(f"status.{status}") if f"status.{status}" in TEMPLATES else status
