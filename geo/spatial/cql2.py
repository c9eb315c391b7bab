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
"""

from __future__ import annotations

import os
from datetime import date, datetime
from functools import cache
from typing import Any

import orjson
from lark import Lark, LarkError, v_args
from pygeofilter import ast, values
from pygeofilter.parsers.cql2_json import parser as json_parser
from pygeofilter.parsers.cql2_text import parser as text_parser

from geo.model.errors import InvalidFilter

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
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise InvalidFilter(f"'{text}' is not an RFC 3339 date or timestamp.") from None


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


def parse_text(text: str) -> ast.Node:
    """A CQL2 text filter as an AST."""
    try:
        node = _text_parser().parse(text)
    except LarkError as exc:
        raise InvalidFilter(f"CQL2 text does not parse: {_first_lines(str(exc))}") from None
    return _checked(node)


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
    if "op" not in node:
        return {k: _normalise_json(v) for k, v in node.items()}
    op, args = node["op"], node.get("args")
    if not isinstance(op, str) or not isinstance(args, list):
        raise InvalidFilter("Every CQL2 JSON operation needs an 'op' string and an 'args' array.")
    args = _normalise_json(args)
    op = op.lower() if op.lower() in _LOWER_OPS else op
    if op == "accenti":
        return {"function": {"name": "accenti", "arguments": args}}
    if op == "between" and len(args) == 3:
        args = [args[0], [args[1], args[2]]]
    if op == "like" and len(args) == 2 and isinstance(args[1], dict):
        args = [args[0], json_parser.walk_cql_json(args[1])]
    if op == "t_intersects" and len(args) == 2:
        return _t_intersects(json_parser.walk_cql_json(args[0]), json_parser.walk_cql_json(args[1]))
    if op not in _KNOWN_OPS:
        return {"function": {"name": op, "arguments": args}}
    return {"op": op, "args": args}


_LOWER_OPS = {"and", "or", "not", "like", "between", "in", "casei", "accenti", "t_intersects"}
_KNOWN_OPS = {"and", "or", "not", "isNull", "between", "like", "in", "casei", "=", "<>", "!=", "<", "<=",
              ">", ">=", "eq", "ne", "lt", "lte", "gt", "gte",
              "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps", "s_crosses",
              "s_contains", "t_before", "t_after", "t_meets", "t_metby", "t_overlaps", "t_overlappedby",
              "t_begins", "t_begunby", "t_during", "t_contains", "t_ends", "t_endedby", "t_equals",
              "t_disjoint", "a_equals", "a_contains", "a_containedby", "a_overlaps", "+", "-", "*", "/"}


def parse_json(text: str | bytes) -> ast.Node:
    """A CQL2 JSON filter (text of a JSON object) as an AST."""
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InvalidFilter(f"CQL2 JSON is not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise InvalidFilter("A CQL2 JSON filter must be a JSON object.")
    try:
        node = json_parser.walk_cql_json(_normalise_json(doc))
    except InvalidFilter:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise InvalidFilter(f"CQL2 JSON does not parse: {exc!s}") from None
    return _checked(node)


def _checked(node: Any) -> ast.Node:
    if not isinstance(node, ast.Node):
        raise InvalidFilter("A filter must be a condition (a predicate), not a value.")
    return node


def parse(text: str, lang: str | None = None) -> ast.Node:
    """Parse ``text`` in ``lang`` (``cql2-text`` by default)."""
    lang = lang or "cql2-text"
    if lang not in LANGS:
        raise InvalidFilter(f"filter-lang must be one of {', '.join(LANGS)}, got '{lang}'.")
    if lang == "cql2-json":
        return parse_json(text)
    return parse_text(text)


__all__ = ["LANGS", "parse", "parse_json", "parse_text", "values"]
