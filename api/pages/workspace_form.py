"""The workspace's edit form, generated from the collection registry, and the posted form read back.

``controls`` describes every editable field of a collection for ``workspace_edit.html``: its
label in the page's language, required mark, unit, input kind, coded values (labels.toml) and
current values; arrays are lists of inputs, objects sub-forms named ``field[i].member`` (the same
path the validator names in its problems, so each message lands next to its input). Fields the
server computes on every write (``area_ha``, the placement fields) are not in the form.
``read_form`` turns the posted form back into a GeoJSON Feature for ``Editor``; values that do not
parse stay as typed, so the validator names them as the API would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson
import shapely
from starlette.datastructures import FormData

from geo.i18n.labels import label
from geo.i18n.words import word
from geo.model.feature import Feature
from geo.model.fields import PLACEMENT, Collection, Field
from geo.records.sources import CONFIRM_PROBLEM

COMPUTED = frozenset({"area_ha", *(f.name for f in PLACEMENT)})
_UNITS = (("_ha", "unit.ha"), ("_m2", "unit.m2"), ("_vnd", "unit.vnd"), ("tonnes_per_year", "unit.tpy"))
_MEMBER_LABELS = {("components", "kind"): "component", ("measurements", "method"): "assessment_method"}
_INT = re.compile(r"-?\d+")
_INPUT_KIND = {"integer": "number", "number": "number", "date": "date", "string": "text", "boolean": "bool"}
BLANK_ITEMS = 1  # empty lines offered after a list's values (the page's script adds more)


@dataclass
class Control:
    """One input (or select) of the form."""

    name: str
    label: str
    kind: str  # text | number | date | select | bool | textarea
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    step: str = ""


@dataclass
class FormField:
    """One field of the registry as the form shows it: a single control, a list, or sub-forms."""

    name: str
    label: str
    required: bool
    unit: str
    private: bool
    shape: str  # single | list | objects
    controls: list[Control] = field(default_factory=list)
    items: list[list[Control]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def unit_of(name: str, lang: str) -> str:
    """The unit a field's value is in, from its name (``_ha``, ``_m2``, ``_vnd``, ``tonnes_per_year``)."""
    return next((word(key, lang) for suffix, key in _UNITS if name.endswith(suffix)), "")


def text_of(value: Any) -> str:
    """A stored value as an input's text (``""`` for none)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _options(f: Field, lang: str, group: str, links: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    if f.enum:
        return [(code, label(group, code, lang)) for code in f.enum]
    if f.link and f.link in links:
        return links[f.link]
    if f.type == "boolean":
        return [("true", word("ws.yes", lang)), ("false", word("ws.no", lang))]
    return []


def _control(f: Field, name: str, value: Any, lang: str, links: dict[str, list[tuple[str, str]]], *,
             group: str | None = None) -> Control:
    options = _options(f, lang, group or f.name, links)
    kind = "select" if options else _INPUT_KIND.get(f.type, "text")
    if f.type == "string" and f.name in ("description", "notes", "outcome", "assessment"):
        kind = "textarea"
    step = "1" if f.type == "integer" else ("any" if f.type == "number" else "")
    return Control(name, f.title_en if lang == "en" else f.title_vi, kind, text_of(value), options, f.required, step)


def _scalar_items(f: Field) -> Field:
    """The field each entry of an array of scalars is edited as."""
    return Field(f.name, f.items or "string", f.title_vi, f.title_en, link=f.link)


def form_field(f: Field, value: Any, lang: str, links: dict[str, list[tuple[str, str]]]) -> FormField:
    """One registry field with its current value as form controls."""
    out = FormField(f.name, f.title_en if lang == "en" else f.title_vi, f.required, unit_of(f.name, lang),
                    f.private, "single")
    if f.type == "array" and f.members:
        out.shape = "objects"
        values = [v for v in (value or []) if isinstance(v, dict)] + [{}] * BLANK_ITEMS
        out.items = [[_control(m, f"{f.name}[{i}].{m.name}", v.get(m.name), lang, links,
                               group=_MEMBER_LABELS.get((f.name, m.name), m.name)) for m in f.members]
                     for i, v in enumerate(values)]
    elif f.type == "object" and f.members:
        out.shape = "objects"
        v = value if isinstance(value, dict) else {}
        out.items = [[_control(m, f"{f.name}.{m.name}", v.get(m.name), lang, links) for m in f.members]]
    elif f.type == "array":
        out.shape = "list"
        item = _scalar_items(f)
        out.controls = [_control(item, f.name, v, lang, links) for v in [*(value or []), *[None] * BLANK_ITEMS]]
    else:
        out.controls = [_control(f, f.name, value, lang, links)]
    return out


def editable_fields(collection: Collection) -> list[Field]:
    """The registry's fields the form shows: all but the computed ones, ``id`` and ``sources`` (shown apart)."""
    return [f for f in collection.fields if f.name not in COMPUTED and f.name not in ("id", "sources")]


def controls(collection: Collection, props: dict[str, Any], lang: str,
             links: dict[str, list[tuple[str, str]]]) -> list[FormField]:
    """Every editable field of ``collection`` with the values of ``props``."""
    return [form_field(f, props.get(f.name), lang, links) for f in editable_fields(collection)]


# -- reading the posted form ----------------------------------------------------------------------

def _number(f: Field, raw: str) -> Any:
    text = raw.replace(" ", "").replace(",", ".") if f.type == "number" else raw.replace(" ", "")
    if f.type == "integer":
        return int(text) if _INT.fullmatch(text) else raw
    try:
        return float(text)
    except ValueError:
        return raw


def parse_value(f: Field, raw: str | None) -> Any:
    """One input's text as the field's type; empty is ``None``; what does not parse stays text."""
    text = (raw or "").strip()
    if not text:
        return None
    if f.type in ("integer", "number"):
        return _number(f, text)
    if f.type == "boolean":
        return {"true": True, "false": False}.get(text, text)
    return text


def _objects(f: Field, form: FormData) -> list[dict[str, Any]] | None:
    pattern = re.compile(re.escape(f.name) + r"\[(\d+)\]\.(\w+)")
    indexes = sorted({int(m.group(1)) for key in form if (m := pattern.fullmatch(key))})
    items = []
    for i in indexes:
        item = {m.name: parse_value(m, _str(form.get(f"{f.name}[{i}].{m.name}"))) for m in f.members}
        if any(v is not None for v in item.values()):
            items.append(item)
    return items or None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_value(f: Field, form: FormData) -> Any:
    """A field's value from the posted form."""
    if f.type == "array" and f.members:
        return _objects(f, form)
    if f.type == "object" and f.members:
        item = {m.name: parse_value(m, _str(form.get(f"{f.name}.{m.name}"))) for m in f.members}
        return item if any(v is not None for v in item.values()) else None
    if f.type == "array":
        entry = _scalar_items(f)
        values = [parse_value(entry, v) for v in form.getlist(f.name) if isinstance(v, str)]
        kept = [v for v in values if v is not None]
        return kept if kept or f.required else None
    return parse_value(f, _str(form.get(f.name)))


def read_geometry(form: FormData) -> tuple[Any, list[dict[str, str]]]:
    """The geometry field (GeoJSON text) as an object, or ``None``; unreadable JSON is a problem."""
    text = (_str(form.get("geometry")) or "").strip()
    if not text:
        return None, []
    try:
        return orjson.loads(text), []
    except orjson.JSONDecodeError:
        return None, [{"field": "geometry", "problem": "cannot be read: not GeoJSON"}]


def read_form(collection: Collection, form: FormData, feature_id: str | None,
              current: Feature | None) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The posted form as a GeoJSON Feature (without its new source yet) and the problems found reading it.

    Private fields are in the form, so the Feature is the whole record; computed fields are left to
    the server. ``sources`` are the cited ones kept ticked plus one picked from the list.
    """
    props: dict[str, Any] = {f.name: read_value(f, form) for f in editable_fields(collection)}
    fid = feature_id or (_str(form.get("id")) or "").strip() or None
    props["id"] = fid
    cited = [s for s in form.getlist("sources") if isinstance(s, str) and s]
    extra = (_str(form.get("source_add")) or "").strip()
    props["sources"] = list(dict.fromkeys([*cited, *([extra] if extra else [])]))
    geometry, problems = read_geometry(form)
    if "geometry" not in form and current is not None and current.geometry is not None:
        geometry = orjson.loads(shapely.to_geojson(current.geometry))  # a form without the field keeps it
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}, problems


def top_field(path: str) -> str:
    """The registry field a problem's path belongs to (``measurements[0].value`` → ``measurements``)."""
    return re.split(r"[\[.]", path, maxsplit=1)[0]


_TYPES = {"integer": ("số nguyên", "a whole number"), "number": ("số", "a number"), "string": ("chữ", "text"),
          "boolean": ("có/không", "yes or no"), "date": ("ngày", "a date")}
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), k) for p, k in (
    (re.escape(CONFIRM_PROBLEM), "ws.confirm_rule"),
    (r"choose what the entry rests on", "ws.pick_provenance"), (r"exists", "ws.problem.exists"),
    (r"was deleted meanwhile", "ws.problem.deleted"),
    (r"must be a day like .*", "ws.problem.date"),
    (r"is required for \w+", "ws.problem.no_geometry"),
    (r"is required|must name at least one source", "ws.problem.required"),
    (r"must be (?:of type |a )(?P<type>\w+)(?:, not a boolean|, got \w+)?", "ws.problem.type"),
    (r"must be one of .*|.* is not one of \[.*\]", "ws.problem.enum"),
    (r"None is not of type .*", "ws.problem.required"), (r".* is not of type '(?P<type>\w+)'", "ws.problem.type"),
    (r"must be ≥ (?P<minimum>.+)", "ws.problem.minimum"),
    (r"must be a date YYYY-MM-DD", "ws.problem.date"),
    (r"refers to '(?P<ref>.*)', which is not in \w+", "ws.problem.link"),
    (r"lies outside Hải Phòng.*", "ws.problem.outside"), (r"must be 1-100 letters.*", "ws.problem.id"),
    (r"(?P<detail>(?:is invalid|a polygon ring|cannot be read|is empty|every position|coordinates).*)",
     "ws.problem.geometry"),
))


def problem_text(problem: str, lang: str) -> str:
    """A validator's problem in the page's language (the known ones; the rest keep their words)."""
    for pattern, key in _PROBLEMS:
        m = pattern.fullmatch(problem)
        if m:
            values = m.groupdict()
            if "type" in values:
                pair = _TYPES.get(values["type"], (values["type"], values["type"]))
                values["type"] = pair[1] if lang == "en" else pair[0]
            return word(key, lang).format(**values)
    return word("ws.problem.other", lang).format(detail=problem)


def errors_by_field(problems: list[dict[str, str]], lang: str) -> dict[str, list[str]]:
    """Problems grouped by the registry field they belong to, each in the page's language with its path."""
    out: dict[str, list[str]] = {}
    for p in problems:
        path = str(p.get("field", ""))
        text = problem_text(str(p.get("problem", "")), lang)
        top = top_field(path)
        out.setdefault(top, []).append(text if path == top else f"{path}: {text}")
    return out
