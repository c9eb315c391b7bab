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

LANGS = ("en", "vi")

# key -> (en, vi)
TEMPLATES: dict[str, tuple[str, str]] = {
    # -- flags on a cluster's balance (key = flag code, or code + "." + variant)
    "plots_exceed_declared": (
        "The plots add up to {plotted:.2f} ha, more than the declared planned area of {planned:g} ha: one of the "
        "two is wrong.",
        "Các lô cộng lại được {plotted:.2f} ha, lớn hơn diện tích quy hoạch đã công bố ({planned:g} ha): một trong "
        "hai số liệu bị sai."),
    "plots_below_declared": (
        "The plots cover {plotted:.2f} ha of the declared {planned:g} ha; the rest has no plot data.",
        "Các lô chỉ phủ {plotted:.2f} ha trong {planned:g} ha đã công bố; phần còn lại chưa có dữ liệu lô."),
    "leased_disagrees": (
        "Declared leased area {declared:g} ha, leased plots {leased:.2f} ha.",
        "Diện tích đã cho thuê được công bố là {declared:g} ha, còn các lô đã cho thuê cộng lại được {leased:.2f} ha."),
    "leased_exceeds_industrial": (
        "Declared leased area {leased:g} ha exceeds the declared industrial land {industrial:g} ha.",
        "Diện tích đã cho thuê công bố ({leased:g} ha) vượt quá diện tích đất công nghiệp công bố "
        "({industrial:g} ha)."),
    "illustrative_plots": (
        "Leased, reserved, infrastructure and free land are computed from illustrative plots (made up to show the "
        "capability), not from real records.",
        "Đất đã cho thuê, dự trữ, hạ tầng và còn trống được tính từ các lô minh họa (dựng lên để trình diễn tính "
        "năng), không phải từ hồ sơ thực."),
    "free_unknown": (
        "Free land is unknown: no plots and no declared industrial and leased figures to derive it from.",
        "Chưa rõ diện tích đất còn trống: không có dữ liệu lô, cũng không có số liệu đất công nghiệp và đất đã cho "
        "thuê được công bố để tính ra."),
    "outline_nominal": (
        "The outline is a nominal marker, not the cluster's boundary: it says nothing about the area.",
        "Ranh giới chỉ là ký hiệu đánh dấu vị trí, không phải ranh giới thực của cụm: không cho biết gì về diện tích."),
    "outline_sized_to_declared": (
        "The outline was drawn to the declared area ({planned:g} ha); measuring it ({outline:.2f} ha) cannot "
        "confirm that figure.",
        "Ranh giới được vẽ theo diện tích công bố ({planned:g} ha); đo lại ({outline:.2f} ha) không thể xác nhận "
        "số liệu đó."),
    "outline_sized_to_declared.no_planned": (
        "The outline was drawn to the declared area; measuring it ({outline:.2f} ha) cannot confirm that figure.",
        "Ranh giới được vẽ theo diện tích công bố; đo lại ({outline:.2f} ha) không thể xác nhận số liệu đó."),
    "outline_disagrees": (
        "Declared planned area {planned:g} ha, surveyed outline measures {outline:.2f} ha (EPSG:3405).",
        "Diện tích quy hoạch công bố là {planned:g} ha, còn ranh giới khảo sát đo được {outline:.2f} ha (EPSG:3405)."),
    # -- central wastewater treatment note
    "wastewater.not_recorded": ("Not recorded for this cluster.", "Chưa có thông tin cho cụm này."),
    "wastewater.not_recorded.illustrative_site": (
        "Not recorded for this cluster. Only illustrative plots show a treatment site.",
        "Chưa có thông tin cho cụm này. Chỉ có lô minh họa thể hiện khu xử lý nước thải."),
    "wastewater.not_recorded.site": (
        "Not recorded for this cluster. A plot is marked as a treatment site.",
        "Chưa có thông tin cho cụm này. Có một lô được đánh dấu là khu xử lý nước thải."),
    # -- bases of a figure: long explanation and short tag
    "basis.declared": ("published by a source (the cluster record)", "do một nguồn công bố (hồ sơ của cụm)"),
    "basis.computed_from_plots": ("sum of the cluster's plot areas measured in EPSG:3405",
                                  "tổng diện tích các lô của cụm, đo trong EPSG:3405"),
    "basis.computed_from_outline": ("area of the cluster outline measured in EPSG:3405",
                                    "diện tích ranh giới của cụm, đo trong EPSG:3405"),
    "basis.derived_from_declared": ("arithmetic on declared figures (free = industrial - leased)",
                                    "tính từ các số liệu công bố (còn trống = đất công nghiệp − đã cho thuê)"),
    "basis.unknown": ("not published and not measurable: null, never 0",
                      "không được công bố và không đo được: để trống, không bao giờ là 0"),
    "basis_short.declared": ("declared", "đã công bố"),
    "basis_short.computed_from_plots": ("computed from plots", "tính từ các lô"),
    "basis_short.computed_from_outline": ("computed from outline", "tính từ ranh giới"),
    "basis_short.derived_from_declared": ("derived from declared", "suy ra từ số liệu công bố"),
    "basis_short.unknown": ("unknown", "chưa rõ"),
    "source.illustrative_plots": ("illustrative plots", "lô minh họa"),
    # -- site-search checks (key = check name + "." + case)
    "land_total.whole_too_small": (
        "The whole cluster is {whole:g} ha (free land unknown), less than the {need:.2f} ha needed.",
        "Cả cụm chỉ có {whole:g} ha (chưa rõ đất còn trống), nhỏ hơn {need:.2f} ha cần có."),
    "land_total.unknown": (
        "Free land is unknown (no plots, no declared leased figure).",
        "Chưa rõ đất còn trống (không có dữ liệu lô, không có số liệu đất đã cho thuê được công bố)."),
    "land_total.pass": ("{free:.2f} ha free ({source}) ≥ {need:.2f} ha needed.",
                        "Còn trống {free:.2f} ha ({source}) ≥ {need:.2f} ha cần có."),
    "land_total.fail": ("{free:.2f} ha free ({source}) < {need:.2f} ha needed.",
                        "Còn trống {free:.2f} ha ({source}) < {need:.2f} ha cần có."),
    "land_piece.no_plots": (
        "No plot data: whether one piece of {need:.2f} ha is free is not known.",
        "Không có dữ liệu lô: chưa biết có một khoảnh {need:.2f} ha còn trống hay không."),
    "land_piece.plot": ("Free plot {plot} has {area:.2f} ha.", "Lô trống {plot} có {area:.2f} ha."),
    "land_piece.plot_illustrative": ("Illustrative free plot {plot} has {area:.2f} ha.",
                                     "Lô trống minh họa {plot} có {area:.2f} ha."),
    "land_piece.group": ("Adjacent free plots {plots} have {area:.2f} ha together.",
                         "Các lô trống liền kề {plots} cộng lại có {area:.2f} ha."),
    "land_piece.group_illustrative": ("Illustrative adjacent free plots {plots} have {area:.2f} ha together.",
                                      "Các lô trống minh họa liền kề {plots} cộng lại có {area:.2f} ha."),
    "land_piece.fail": (
        "No free plot or group of adjacent free plots is big enough (largest {largest:.2f} ha).",
        "Không có lô trống hay nhóm lô trống liền kề nào đủ rộng (lớn nhất {largest:.2f} ha)."),
    "industry.unknown": ("The allowed industries are not recorded.", "Chưa có thông tin về ngành nghề được phép."),
    "industry.pass": ("'{industry}' is allowed ({matched}).", "Ngành '{industry}' được phép ({matched})."),
    "industry.fail": ("'{industry}' is not among the allowed industries ({allowed}).",
                      "Ngành '{industry}' không thuộc danh mục ngành nghề được phép ({allowed})."),
    "wastewater.pass": ("Central wastewater treatment is present.",
                        "Cụm đã có hệ thống xử lý nước thải tập trung."),
    "wastewater.need_unknown": (
        "Whether '{industry}' needs wastewater treatment is not in the industry table, and the cluster has none "
        "recorded.",
        "Bảng ngành nghề chưa cho biết ngành '{industry}' có cần xử lý nước thải hay không, và cụm chưa ghi nhận "
        "hệ thống xử lý nào."),
    "wastewater.fail": ("'{industry}' needs central wastewater treatment; the cluster has none.",
                        "Ngành '{industry}' cần xử lý nước thải tập trung; cụm không có hệ thống này."),
    "wastewater.unknown": (
        "'{industry}' needs central wastewater treatment; whether the cluster has it is not recorded{hint}.",
        "Ngành '{industry}' cần xử lý nước thải tập trung; chưa ghi nhận cụm có hệ thống này hay không{hint}."),
    "wastewater.hint.plot": ("; plot {plots} shows a treatment site", "; lô {plots} thể hiện khu xử lý nước thải"),
    "wastewater.hint.illustrative": ("; illustrative plot {plots} shows a treatment site",
                                     "; lô minh họa {plots} thể hiện khu xử lý nước thải"),
    "distance.unknown": ("The cluster has no location.", "Cụm chưa có vị trí."),
    "distance.measured": ("{distance:.2f} km from {origin} ({limit}).", "Cách {origin} {distance:.2f} km ({limit})."),
    "distance.no_limit": ("no limit", "không giới hạn"),
    "distance.within": ("≤ {max_km:g} km", "≤ {max_km:g} km"),
    "distance.beyond": ("> {max_km:g} km", "> {max_km:g} km"),
    "readiness.pass": ("Status {status}.", "Tình trạng: {status}."),
    "readiness.not_ready": ("Status {status}{when}: the land may not be ready.",
                            "Tình trạng: {status}{when}; đất có thể chưa sẵn sàng."),
    "readiness.as_of": (" as of {date}", " (tính đến {date})"),
    "readiness.unknown": ("Status not recorded: whether the land is ready is unknown.",
                          "Chưa ghi nhận tình trạng: chưa rõ đất đã sẵn sàng hay chưa."),
    # cluster statuses inside sentences: English keeps the code, as the API always said
    "status.planned": ("planned", "quy hoạch"),
    "status.established": ("established", "đã thành lập"),
    "status.under_construction": ("under_construction", "đang xây dựng"),
    "status.operating": ("operating", "đang hoạt động"),
    "status.completed_phase": ("completed_phase", "hoàn thành giai đoạn"),
    # -- site-search policy and summary
    "policy": (
        "A cluster fits when every check passes on real (non-illustrative) data. When no check fails but some are "
        "unknown (nobody published the figure) or pass only on illustrative records, it is listed under "
        "possible_if_confirmed with what to confirm. Any failed check excludes it; every reason is listed. "
        "Distances are straight lines in EPSG:3405 to the nearest point of the cluster outline; outlines and "
        "village points are approximate (about 1–2 km).",
        "Một cụm phù hợp khi mọi điều kiện đều đạt trên số liệu thực (không phải minh họa). Khi không điều kiện nào "
        "trượt nhưng có điều kiện chưa rõ (chưa ai công bố số liệu) hoặc chỉ đạt nhờ dữ liệu minh họa, cụm được "
        "xếp vào possible_if_confirmed (có thể nếu được xác nhận) kèm những điểm cần xác nhận. Trượt bất kỳ điều "
        "kiện nào thì cụm bị loại, với đầy đủ lý do. Khoảng cách là đường thẳng trong EPSG:3405 tới điểm gần nhất "
        "của ranh giới cụm; ranh giới và vị trí làng nghề chỉ gần đúng (sai số khoảng 1–2 km)."),
    "summary.looking": ("Looking for {need:.2f} ha{industry} from {origin}{within}.",
                        "Tìm {need:.2f} ha đất{industry}, xuất phát từ {origin}{within}."),
    "summary.of_industry": (" of {industry}", " cho ngành {industry}"),
    "summary.within": (" within {max_km:g} km", " trong bán kính {max_km:g} km"),
    "summary.fits": ("{n} cluster(s) fit on confirmed data: {names}.",
                     "{n} cụm phù hợp theo số liệu đã xác nhận: {names}."),
    "summary.fits_none": ("{n} cluster(s) fit on confirmed data.", "{n} cụm phù hợp theo số liệu đã xác nhận."),
    "summary.possible": (
        "{n} could if confirmed; the best is {name} ({km} km), to confirm: {confirm}.",
        "{n} cụm có thể phù hợp nếu được xác nhận; tốt nhất là {name} ({km} km), cần xác nhận: {confirm}."),
    "summary.none": ("No cluster can take it; the reasons for each are listed under 'excluded'.",
                     "Không cụm nào đáp ứng được; lý do của từng cụm được liệt kê trong mục 'excluded'."),
    "summary.excluded": ("{n} excluded.", "{n} cụm bị loại."),
    # -- relocation
    "relocation.order": (
        "Clusters that fit on confirmed data come first, then those possible if confirmed; within each, the nearest "
        "first (straight line), then the largest free piece, then by id. Inside a cluster the free pieces (a free "
        "plot, or adjacent free plots together) are filled largest first, each holding ⌊piece area / workshop "
        "area⌋ workshops; a cluster without plots but with free land derived from declared figures is one piece. "
        "Layout, setbacks and internal roads are not modelled: counts are upper bounds.",
        "Các cụm phù hợp theo số liệu đã xác nhận được xếp trước, sau đó là các cụm có thể phù hợp nếu được xác "
        "nhận; trong mỗi nhóm, cụm gần nhất (đường thẳng) trước, rồi cụm có khoảnh trống lớn nhất, rồi theo mã. "
        "Trong một cụm, các khoảnh trống (một lô trống, hoặc các lô trống liền kề gộp lại) được lấp từ lớn đến "
        "nhỏ, mỗi khoảnh chứa ⌊diện tích khoảnh / diện tích cơ sở⌋ cơ sở; cụm không có dữ liệu lô nhưng có đất "
        "trống suy ra từ số liệu công bố được tính là một khoảnh. Chưa tính bố trí mặt bằng, khoảng lùi và đường "
        "nội bộ: số lượng là giới hạn trên."),
    "relocation.note.free_unknown": (
        "Free land unknown: nothing assigned here until it is confirmed.",
        "Chưa rõ đất còn trống: không phân bổ vào cụm này cho đến khi được xác nhận."),
    "relocation.note.too_small": ("No free piece is big enough for one workshop.",
                                  "Không có khoảnh đất trống nào đủ cho một cơ sở."),
    "relocation.unassigned.none_eligible": ("No cluster passed the checks.",
                                            "Không cụm nào đạt các điều kiện kiểm tra."),
    "relocation.unassigned.no_room": (
        "The eligible clusters have no more free land of a known size for a workshop of this area.",
        "Các cụm đủ điều kiện không còn đất trống có diện tích xác định đủ cho một cơ sở có diện tích này."),
    "relocation.summary.head": ("{workshops} workshop(s) of {m2:g} m² from {origin}:",
                                "{workshops} cơ sở, mỗi cơ sở {m2:g} m², từ {origin}:"),
    "relocation.summary.item": ("{n} to {name} ({km} km, {category});", "{n} vào {name} ({km} km, {category});"),
    "relocation.summary.left": ("{left} do not fit.", "{left} cơ sở không bố trí được."),
    "relocation.summary.all": ("all fit.", "tất cả đều bố trí được."),
    "relocation.summary.depends": (
        "Assignments to clusters marked 'possible if confirmed' depend on the figures listed in 'to_confirm'.",
        "Việc phân bổ vào các cụm 'có thể nếu được xác nhận' phụ thuộc vào các số liệu liệt kê trong 'to_confirm'."),
    "category.fits": ("fits", "phù hợp"),
    "category.possible_if_confirmed": ("possible if confirmed", "có thể nếu được xác nhận"),
}


def check_lang(lang: str) -> str:
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
        en, vi = TEMPLATES[self.key]
        return _Formatter(lang).vformat(vi if lang == "vi" else en, (), dict(self.params))


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
