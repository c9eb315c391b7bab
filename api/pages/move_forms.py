"""The fields of each officer's move: what the screen asks, how the answers are read, the patch they make.

A ``Move`` names its collection and URL parameter, lists the records to choose from, declares its inputs
(``Input``: every one has a label; problems are codes put into words by the template), parses a form
into the changes of ``geo.records.moves`` and maps the registry's field names of a refused write back
to its inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from geo.i18n import money
from geo.i18n.labels import label
from geo.model.collections import CLUSTER_PLOTS, CLUSTERS, PROJECTS, Collection
from geo.model.errors import InvalidParameter
from geo.model.feature import Feature
from geo.model.limits import parse_int
from geo.records import moves
from geo.spatial.text import fold
from geo.store.base import Store

Problems = dict[str, str]
Choices = list[tuple[str, list[tuple[str, str]]]]  # (group label, [(id, label)])


@dataclass(frozen=True)
class Input:
    """One form control: ``kind`` text, date, number, select or radio; ``options`` (value, label)."""

    name: str
    label: str
    kind: str
    value: str
    problem: str = ""
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    unit: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Move:
    """One move's screen."""

    name: str
    collection: Collection
    param: str
    title: tuple[str, str]
    intro: tuple[str, str]
    summary: tuple[str, ...]
    choices: Callable[[Store, str | None, str], Choices]
    fields: Callable[[Feature, Mapping[str, str], Problems, str], list[Input]]
    parse: Callable[[Mapping[str, str]], tuple[dict[str, Any], Problems]]
    patch: Callable[[Mapping[str, Any], str, dict[str, Any]], dict[str, Any]]
    links: Callable[[Feature], list[tuple[str, str, str]]]
    inputs: Mapping[str, str] = field(default_factory=dict)  # registry field -> input name

    def problems_of(self, errors: list[dict[str, Any]]) -> Problems:
        """A refused write's problems, keyed by this screen's inputs (``_form`` for any other field)."""
        out: Problems = {}
        for e in errors:
            name = str(e.get("field", "")).split(".")[0].split("[")[0]
            key = name if name.startswith("source_") or name == "provenance" else self.inputs.get(name, "_form")
            out.setdefault(key, problem_code(str(e.get("problem", ""))))
        return out


def problem_code(problem: str) -> str:
    """A validation sentence as one of the codes the template puts into words."""
    for start, code in (("choose", "choose"), ("is required", "required"), ("must be a day", "date"),
                        ("must start with http", "link"), ("is longer", "too_long"), ("must be at least", "negative")):
        if problem.startswith(start):
            return code
    return "invalid"


def _tr(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _value(values: Mapping[str, str], name: str, current: Any) -> str:
    if name in values:
        return values[name]
    return "" if current is None else str(current)


def _day(values: Mapping[str, str], name: str, problems: Problems, required: bool = True) -> str | None:
    text = values.get(name, "")
    if not text:
        if required:
            problems[name] = "required"
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        problems[name] = "date"
        return None


def _text(values: Mapping[str, str], name: str, problems: Problems, required: bool = True) -> str | None:
    text = " ".join(values.get(name, "").split())
    if len(text) > 300:
        problems[name] = "too_long"
    elif required and not text:
        problems[name] = "required"
    return text or None


# -- mark a plot leased -----------------------------------------------------------------------------

def _plot_choices(store: Store, cluster: str | None, lang: str) -> Choices:
    clusters = {c.id: c for c in store.read_all(CLUSTERS)}
    groups: dict[str, list[tuple[str, str]]] = {}
    for p in store.read_all(CLUSTER_PLOTS):
        cid = str(p.properties.get("cluster_id"))
        if cluster and cid != cluster:
            continue
        area = p.properties.get("area_ha")
        size = "" if area is None else f", {money.number(Decimal(str(area)), lang, 2)} ha"
        groups.setdefault(cid, []).append(
            (p.id, f"{p.properties.get('name')} — {label('status', p.properties.get('status'), lang)}{size}"))
    named = {cid: str(clusters[cid].properties.get("name")) if cid in clusters else cid for cid in groups}
    return [(named[cid], sorted(groups[cid], key=lambda o: fold(o[1]))) for cid in sorted(groups, key=lambda c: fold(
        named[c]))]


def _plot_fields(record: Feature, values: Mapping[str, str], problems: Problems, lang: str) -> list[Input]:
    p = record.properties
    t = partial(_tr, lang)
    return [
        Input("tenant", t("Bên thuê", "Tenant"), "text", _value(values, "tenant", p.get("tenant")),
              problems.get("tenant", ""), True),
        Input("sector", t("Ngành nghề", "Sector"), "text", _value(values, "sector", p.get("industry")),
              problems.get("sector", ""), True, hint=t("ví dụ: đúc kim loại", "e.g. đúc kim loại (metal casting)")),
        Input("date", t("Ngày cho thuê", "Date leased"), "date", _value(values, "date", p.get("status_date")),
              problems.get("date", ""), True),
    ]


def _plot_parse(values: Mapping[str, str]) -> tuple[dict[str, Any], Problems]:
    problems: Problems = {}
    out = {"tenant": _text(values, "tenant", problems), "sector": _text(values, "sector", problems),
           "date": _day(values, "date", problems)}
    return out, problems


def _plot_links(record: Feature) -> list[tuple[str, str, str]]:
    cid = record.properties.get("cluster_id")
    return [("Quỹ đất của cụm", "The cluster's land", f"/capacity/{cid}"),
            ("Lịch sử lô đất", "The plot's history", f"/collections/cluster_plots/items/{record.id}/history")]


PLOT_LEASED = Move(
    "plot-leased", CLUSTER_PLOTS, "plot", ("Đánh dấu lô đất đã cho thuê", "Mark a plot leased"),
    ("Chọn lô, ghi bên thuê, ngành nghề, ngày và văn bản làm căn cứ.",
     "Choose the plot; enter the tenant, sector, date and the document it rests on."),
    ("name", "cluster_id", "status", "area_ha", "tenant", "industry", "status_date", "sources", "illustrative"),
    _plot_choices, _plot_fields, _plot_parse,
    lambda props, sid, ch: moves.plot_leased(props, sid, tenant=ch["tenant"], sector=ch["sector"], date=ch["date"]),
    _plot_links, {"tenant": "tenant", "industry": "sector", "status_date": "date"})


# -- a cluster's wastewater treatment ---------------------------------------------------------------

TREATMENT = {"yes": True, "no": False, "unknown": None}


def _cluster_choices(store: Store, _cluster: str | None, _lang: str) -> Choices:
    rows = [(c.id, f"{c.properties.get('name')} ({c.properties.get('district_name')})")
            for c in store.read_all(CLUSTERS)]
    return [("", sorted(rows, key=lambda o: fold(o[1])))]


def _treatment_fields(record: Feature, values: Mapping[str, str], problems: Problems, lang: str) -> list[Input]:
    current = {v: k for k, v in TREATMENT.items()}[record.properties.get("wastewater_treatment")]
    t = partial(_tr, lang)
    options = (("yes", t("Có trạm xử lý nước thải tập trung", "Central treatment present")),
               ("no", t("Chưa có xử lý nước thải tập trung", "No central treatment")),
               ("unknown", t("Chưa rõ", "Unknown")))
    return [Input("treatment", t("Xử lý nước thải tập trung", "Central wastewater treatment"), "radio",
                  _value(values, "treatment", current), problems.get("treatment", ""), True, options)]


def _treatment_parse(values: Mapping[str, str]) -> tuple[dict[str, Any], Problems]:
    answer = values.get("treatment", "")
    if answer not in TREATMENT:
        return {}, {"treatment": "choose"}
    return {"treatment": TREATMENT[answer]}, {}


WASTEWATER = Move(
    "wastewater", CLUSTERS, "cluster", ("Ghi nhận xử lý nước thải của cụm", "Record a cluster's wastewater treatment"),
    ("Chọn cụm, ghi tình trạng xử lý nước thải tập trung và văn bản làm căn cứ.",
     "Choose the cluster; record its central wastewater treatment and the document it rests on."),
    ("name", "district_name", "wastewater_treatment", "sources", "illustrative"),
    _cluster_choices, _treatment_fields, _treatment_parse,
    lambda props, sid, ch: moves.wastewater(props, sid, treatment=ch["treatment"]),
    lambda r: [("Quỹ đất của cụm", "The cluster's land", f"/capacity/{r.id}"),
               ("Lịch sử của cụm", "The cluster's history", f"/collections/clusters/items/{r.id}/history")],
    {"wastewater_treatment": "treatment"})


# -- a project's budget and status ------------------------------------------------------------------

QUALIFIERS = ("exact", "about", "more_than")
_COMPONENT = re.compile(r"component_(\d+)_budget_vnd")
STATUSES = PROJECTS.field("status").enum or ()


def _project_choices(store: Store, _cluster: str | None, _lang: str) -> Choices:
    rows = [(p.id, str(p.properties.get("title"))) for p in store.read_all(PROJECTS)]
    return [("", sorted(rows, key=lambda o: fold(o[1])))]


def _budget_fields(record: Feature, values: Mapping[str, str], problems: Problems, lang: str) -> list[Input]:
    p = record.properties
    t = partial(_tr, lang)
    out = [Input(name, PROJECTS.field(name).title_en if lang == "en" else PROJECTS.field(name).title_vi, "number",
                 _value(values, name, p.get(name)), problems.get(name, ""), unit="VND",
                 hint=t("đang ghi: ", "now: ") + money.format_vnd(p.get(name), lang))
           for name in moves.BUDGET_FIELDS]
    for i, comp in enumerate(p.get("components") or []):
        name = f"component_{i}_budget_vnd"
        title = label("component", comp.get("kind"), lang) + (f": {comp['description']}" if comp.get("description")
                                                                else "")
        out.append(Input(name, t("Kinh phí nội dung", "Component budget") + f" {i + 1} — {title}", "number",
                         _value(values, name, comp.get("budget_vnd")), problems.get(name, ""), unit="VND",
                         hint=t("đang ghi: ", "now: ") + money.format_vnd(comp.get("budget_vnd"), lang)))
    qualifiers = (("", t("— không ghi —", "— none —")), ("exact", t("chính xác", "exact")),
                  ("about", t("khoảng", "about")), ("more_than", t("hơn", "more than")))
    out.append(Input("budget_qualifier", t("Mức kinh phí", "Budget qualifier"), "select",
                     _value(values, "budget_qualifier", p.get("budget_qualifier")),
                     problems.get("budget_qualifier", ""), options=qualifiers))
    out.append(Input("status", t("Tình trạng", "Status"), "select", _value(values, "status", p.get("status")),
                     problems.get("status", ""), True, tuple((s, label("status", s, lang)) for s in STATUSES)))
    return out


def _amount(values: Mapping[str, str], name: str, problems: Problems) -> int | None:
    text = values.get(name, "").replace(" ", "")
    if not text:
        return None
    try:
        value = parse_int(text, name)
    except InvalidParameter:
        problems[name] = "whole_number"
        return None
    if value < 0:
        problems[name] = "negative"
    return value


def _budget_parse(values: Mapping[str, str]) -> tuple[dict[str, Any], Problems]:
    problems: Problems = {}
    amounts = {name: _amount(values, name, problems) for name in moves.BUDGET_FIELDS}
    components = {int(m.group(1)): _amount(values, m.group(0), problems)
                  for key in values if (m := _COMPONENT.fullmatch(key)) and len(m.group(1)) < 4}
    qualifier = values.get("budget_qualifier") or None
    if qualifier is not None and qualifier not in QUALIFIERS:
        problems["budget_qualifier"] = "choose"
    status = values.get("status", "")
    if status not in STATUSES:
        problems["status"] = "choose"
    return {"amounts": amounts, "qualifier": qualifier, "status": status, "components": components}, problems


PROJECT_BUDGET = Move(
    "project-budget", PROJECTS, "project", ("Nhập kinh phí và tình trạng đề án", "Enter a project's budget and status"),
    ("Chọn đề án, ghi kinh phí (đồng), tình trạng và văn bản làm căn cứ. Ô để trống là chưa công bố.",
     "Choose the project; enter its budget (VND), status and the document it rests on. Empty means not published."),
    ("title", "budget_total_vnd", "budget_public_vnd", "budget_counterpart_vnd", "budget_qualifier", "status",
     "sources", "illustrative"),
    _project_choices, _budget_fields, _budget_parse,
    lambda props, sid, ch: moves.project_budget(props, sid, amounts=ch["amounts"], qualifier=ch["qualifier"],
                                                status=ch["status"], components=ch["components"]),
    lambda r: [("Trang đề án", "The project's page", f"/transparency/projects/{r.id}"),
               ("Lịch sử đề án", "The project's history", f"/collections/projects/items/{r.id}/history")],
    {**{n: n for n in moves.BUDGET_FIELDS}, "budget_qualifier": "budget_qualifier", "status": "status"})

MOVES = {m.name: m for m in (PLOT_LEASED, WASTEWATER, PROJECT_BUDGET)}
