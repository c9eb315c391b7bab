"""CQL2 text and JSON to a pygeofilter AST, with the gaps of pygeofilter 0.4 closed.

pygeofilter's CQL2 parsers follow an older draft in places; a filter written to the
CQL2 1.0 standard would be refused or misread. Rather than fork them, this module:

- builds pygeofilter's own Lark grammar with a few asserted edits (``NOT ( a AND b )``,
  standard ``T_BEFORE(a, b)`` function syntax, ``INTERVAL`` with dates and ``'..'``,
  ``''`` inside strings, one-letter property names) and reuses its transformer;
- rewrites CQL2 JSON 1.0 forms (``accenti``, three-argument ``between``, ``args`` of
  functions) to the forms pygeofilter's JSON walker reads.

Both parsers map ``T_INTERSECTS`` to ``TimeOverlaps`` (a stricter relation); here it
becomes ``NOT T_DISJOINT``, its definition. Every failure is an ``InvalidFilter``
carrying the parser's message.

Every filter is held to the request budget (``geo.model.limits``): its length and number
literals before parsing, the nesting of CQL2 JSON before any recursion over it, and the
nesting depth and number of terms of the parsed AST (an AND/OR chain counts as one level,
as the SQL compiler flattens it).
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from functools import cache
from typing import Any

import orjson
import shapely
from lark import Lark, LarkError, v_args
from pygeofilter import ast, values
from pygeofilter.parsers.cql2_json import parser as json_parser
from pygeofilter.parsers.cql2_text import parser as text_parser
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.model.dates import parse_instant
from geo.model.errors import InvalidFilter
from geo.model.limits import DEFAULT_LIMITS, Limits, OverBudget, json_depth

LANGS = ("cql2-text", "cql2-json")

# (old, new) edits to pygeofilter's grammar; each must apply exactly once.
_GRAMMAR_EDITS = (
    ('| "NOT"i "(" predicate ")"', '| "NOT"i "(" condition ")"'),
    ("?temporal_predicate: expression _binary_temporal_predicate_func expression -> binary_temporal_predicate",
     "?temporal_predicate: expression _binary_temporal_predicate_func expression -> binary_temporal_predicate\n"
     '    | _binary_temporal_predicate_func "(" expression "," expression ")" -> temporal_function'),
    ('?interval: "INTERVAL" "("  "\'" DATETIME "\'" "," "\'" DATETIME "\'" ")"',
     '?interval: "INTERVAL"i "(" instant_text "," instant_text ")"\n'
     "instant_text: SINGLE_QUOTED"),
    ('SINGLE_QUOTED: "\'" /.*?/ "\'"', "SINGLE_QUOTED: /'(?:[^']|'')*'/"),
    ("attribute: /[a-zA-Z][a-zA-Z_:0-9.]+/", "attribute: /[a-zA-Z_][a-zA-Z_:0-9.]*/"),
    ('?timestamp: "TIMESTAMP" "("', '?timestamp: "TIMESTAMP"i "("'),
    ('?date: "DATE" "("', '?date: "DATE"i "("'),
)


def _instant(text: str) -> date | datetime | None:
    if text == "..":
        return None
    value = parse_instant(text)
    if value is None:
        raise InvalidFilter(f"'{text}' is not an RFC 3339 date or timestamp.")
    return value


def _t_intersects(lhs: Any, rhs: Any) -> ast.Node:
    return ast.Not(ast.TimeDisjoint(lhs, rhs))


@v_args(meta=False, inline=True)
class _Transformer(text_parser.CQLTransformer):  # type: ignore[misc]
    def binary_temporal_predicate(self, lhs: Any, op: Any, rhs: Any) -> ast.Node:
        if str(op).lower() == "t_intersects":
            return _t_intersects(lhs, rhs)
        node: ast.Node = super().binary_temporal_predicate(lhs, op, rhs)
        return node

    def temporal_function(self, op: Any, lhs: Any, rhs: Any) -> ast.Node:
        return self.binary_temporal_predicate(lhs, op, rhs)

    def instant_text(self, text: str) -> date | datetime | None:
        return _instant(text)

    def DATETIME(self, token: Any) -> date | datetime | None:  # pygeofilter would try dateparser: slow, lax
        return _instant(str(token))

    def SINGLE_QUOTED(self, token: Any) -> str:
        return str(token)[1:-1].replace("''", "'")


@cache
def _text_parser() -> Lark:
    folder = os.path.dirname(text_parser.__file__)
    with open(os.path.join(folder, "grammar.lark"), encoding="utf-8") as fh:
        grammar = fh.read()
    for old, new in _GRAMMAR_EDITS:
        if grammar.count(old) != 1:
            raise RuntimeError(f"pygeofilter's CQL2 grammar changed; cannot apply: {old!r}")
        grammar = grammar.replace(old, new)
    return Lark(grammar, parser="lalr", maybe_placeholders=False, transformer=_Transformer(),
                import_paths=[os.path.dirname(folder)])


_QUOTED = re.compile(r"'(?:[^']|'')*'")


def parse_text(text: str, limits: Limits = DEFAULT_LIMITS) -> ast.Node:
    """A CQL2 text filter as an AST."""
    _check_length(text, limits)
    digits = max((len(m) for m in re.findall(r"\d+", _QUOTED.sub("''", text))), default=0)
    limits.check("max_number_digits", digits, "The longest number in the filter (digits)")
    try:
        node = _text_parser().parse(text)
    except (LarkError, ValueError) as exc:  # ValueError: a literal the transformer cannot convert
        raise InvalidFilter(f"CQL2 text does not parse: {_first_lines(str(exc))}") from None
    return _within_budget(_checked(node), limits)


def _first_lines(message: str, n: int = 4) -> str:
    return " ".join(line.strip() for line in message.strip().splitlines()[:n] if line.strip())


def _normalise_json(node: Any) -> Any:
    """CQL2 JSON 1.0 forms to the ones pygeofilter's walker reads."""
    if isinstance(node, list):
        return [_normalise_json(n) for n in node]
    if not isinstance(node, dict):
        return node
    if "bbox" in node and "op" not in node:
        # pygeofilter reads [minx, miny, maxx, maxy] into Envelope(x1, x2, y1, y2): keep the CQL2 order.
        return {"function": {"name": "bbox", "arguments": list(node["bbox"])}}
    if "op" not in node and {"date", "timestamp", "interval"} & node.keys():
        return _json_instant(node)
    if "op" not in node:
        return {k: _normalise_json(v) for k, v in node.items()}
    op, args = node["op"], node.get("args")
    if not isinstance(op, str) or not isinstance(args, list):
        raise InvalidFilter("Every CQL2 JSON operation needs an 'op' string and an 'args' array.")
    args = _normalise_json(args)
    op = op.lower() if op.lower() in _LOWER_OPS else op
    if op == "accenti":
        return {"function": {"name": "accenti", "arguments": args}}
    if op == "in" and (len(args) != 2 or not isinstance(args[1], list)):
        raise InvalidFilter("IN takes two arguments: an expression and an array of values.")
    if op == "between" and len(args) == 3:
        args = [args[0], [args[1], args[2]]]
    if op == "like" and len(args) == 2 and isinstance(args[1], dict):
        args = [args[0], json_parser.walk_cql_json(args[1])]
    if op == "t_intersects" and len(args) == 2:
        return _t_intersects(json_parser.walk_cql_json(args[0]), json_parser.walk_cql_json(args[1]))
    if op not in _KNOWN_OPS:
        return {"function": {"name": op, "arguments": args}}
    return {"op": op, "args": args}


def _json_instant(node: dict[str, Any]) -> Any:
    """``{"date": …}``, ``{"timestamp": …}``, ``{"interval": [a, b]}`` read strictly (RFC 3339)."""
    value = node.get("interval", node.get("date", node.get("timestamp")))
    texts = value if "interval" in node and isinstance(value, list) and len(value) == 2 else [value]
    if not all(isinstance(t, str) for t in texts):
        raise InvalidFilter("date, timestamp and interval take RFC 3339 text.")
    parsed = [_instant(str(t)) for t in texts]
    return values.Interval(*parsed) if "interval" in node else parsed[0]


_LOWER_OPS = {"and", "or", "not", "like", "between", "in", "casei", "accenti", "t_intersects"}
_KNOWN_OPS = {"and", "or", "not", "isNull", "between", "like", "in", "casei", "=", "<>", "!=", "<", "<=",
              ">", ">=", "eq", "ne", "lt", "lte", "gt", "gte",
              "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps", "s_crosses",
              "s_contains", "t_before", "t_after", "t_meets", "t_metby", "t_overlaps", "t_overlappedby",
              "t_begins", "t_begunby", "t_during", "t_contains", "t_ends", "t_endedby", "t_equals",
              "t_disjoint", "a_equals", "a_contains", "a_containedby", "a_overlaps", "+", "-", "*", "/"}


def parse_json(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> ast.Node:
    """A CQL2 JSON filter (text of a JSON object) as an AST."""
    _check_length(text, limits)
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InvalidFilter(f"CQL2 JSON is not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise InvalidFilter("A CQL2 JSON filter must be a JSON object.")
    # JSON nests 2 levels per operation ({"op", "args": [...]}), geometries up to 4 more.
    limits.check("max_filter_depth", (json_depth(doc) - 4) // 2, "The nesting depth of the CQL2 JSON")
    try:
        node = json_parser.walk_cql_json(_normalise_json(doc))
    except InvalidFilter:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise InvalidFilter(f"CQL2 JSON does not parse: {exc!s}") from None
    return _within_budget(_checked(node), limits)


def _checked(node: Any) -> ast.Node:
    if not isinstance(node, ast.Node):
        raise InvalidFilter("A filter must be a condition (a predicate), not a value.")
    return node


def parse(text: str, lang: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ast.Node:
    """Parse ``text`` in ``lang`` (``cql2-text`` by default) within the request budget ``limits``."""
    lang = lang or "cql2-text"
    if lang not in LANGS:
        raise InvalidFilter(f"filter-lang must be one of {', '.join(LANGS)}, got '{lang}'.")
    if lang == "cql2-json":
        return parse_json(text, limits)
    return parse_text(text, limits)


def _check_length(text: str | bytes, limits: Limits) -> None:
    limits.check("max_filter_chars", len(text), "The filter's length (characters)")


def _within_budget(node: ast.Node, limits: Limits) -> ast.Node:
    """Nesting depth and terms of the AST, without recursion; an AND/OR chain is one level."""
    deepest, terms = 0, 0
    stack: list[tuple[Any, int, type[ast.Node] | None]] = [(node, 1, None)]
    while stack:
        current, depth, parent_op = stack.pop()
        if not isinstance(current, ast.Node):
            continue
        chain = type(current) if isinstance(current, ast.And | ast.Or) else None
        depth = depth if chain is not None and chain is parent_op else depth + 1
        deepest = max(deepest, depth)
        terms += isinstance(current, ast.Predicate | ast.Condition) and chain is None
        terms += len(current.sub_nodes) if isinstance(current, ast.In) else 0
        stack += [(sub, depth, chain) for sub in current.get_sub_nodes()]
        if deepest - 1 > limits.max_filter_depth or terms > limits.max_filter_terms:
            break
    limits.check("max_filter_depth", deepest - 1, "The nesting depth of the filter")
    limits.check("max_filter_terms", terms, "The number of terms in the filter")
    return node


def geometry_literal(node: Any) -> BaseGeometry:
    """A CQL2 geometry literal (WKT/GeoJSON, ENVELOPE or BBOX(…)) as a shapely geometry."""
    try:
        if isinstance(node, values.Geometry):
            geom = shape(node.geometry)
        elif isinstance(node, values.Envelope):
            geom = shapely.box(node.x1, node.y1, node.x2, node.y2)
        elif isinstance(node, ast.Function) and node.name.lower() == "bbox" and len(node.arguments) in (4, 6):
            a = [float(v) for v in node.arguments]
            geom = shapely.box(a[0], a[1], a[2], a[3]) if len(a) == 4 else shapely.box(a[0], a[1], a[3], a[4])
        else:
            raise InvalidFilter(f"Expected a geometry literal, got {type(node).__name__}.")
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise InvalidFilter(f"Invalid geometry literal: {exc}") from None
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)
    return geom


__all__ = ["LANGS", "OverBudget", "geometry_literal", "parse", "parse_json", "parse_text", "values"]
