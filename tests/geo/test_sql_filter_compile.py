"""The SQL the CQL2 compiler writes, exactly: values only as parameters, identifiers quoted from the registry, the
engine's own spelling (SQLite for the GeoPackage store, PostgreSQL for PostGIS; no database is opened here), and
every refusal with its whole message. The filters' results on real records are in ``test_sql_filter.py``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import shapely
from pygeofilter import ast, values

from geo.model.collections import COLLECTIONS
from geo.model.errors import InvalidFilter
from geo.spatial.cql2 import parse
from geo.store.postgis.dialect import POSTGIS
from geo.store.sql.filter import Dialect, compile_filter, like_to_glob, to_sqlite

VILLAGES, SOURCES, PROJECTS = COLLECTIONS["villages"], COLLECTIONS["pollution_sources"], COLLECTIONS["projects"]
EST = ast.Attribute("establishments")
ANY = 'EXISTS (SELECT 1 FROM json_each("crafts") AS j WHERE {})'


def sqlite(cql: str | Any, collection: Any = VILLAGES) -> tuple[str, list[Any]]:
    return to_sqlite(parse(cql) if isinstance(cql, str) else cql, collection)


@pytest.mark.parametrize(("cql", "sql", "params"), [
    ("establishments = 193", '"establishments" = ?', [193]),
    ("establishments <> 193", '"establishments" <> ?', [193]),
    ("establishments < 193", '"establishments" < ?', [193]),
    ("establishments <= 193", '"establishments" <= ?', [193]),
    ("establishments > 193", '"establishments" > ?', [193]),
    ("establishments >= 193", '"establishments" >= ?', [193]),
    ("193 = establishments", '? = "establishments"', [193]),
    ("establishments - 93 = 100", '("establishments" - ?) = ?', [93, 100]),
    ("establishments * 2 = 386", '("establishments" * ?) = ?', [2, 386]),
    ("establishments / 193 = 1", '("establishments" / ?) = ?', [193, 1]),
    ("establishments + 7 = 200", '("establishments" + ?) = ?', [7, 200]),
    ("illustrative = TRUE", '"illustrative" = ?', [1]),
    ("illustrative = FALSE", '"illustrative" = ?', [0]),
    ("ratio = 0.5", None, None),
    ("craft_group IN ('a', 'b')", '"craft_group" IN (?, ?)', ["a", "b"]),
    ("craft_group NOT IN ('a')", '"craft_group" NOT IN (?)', ["a"]),
    ("establishments BETWEEN 1 AND 2", '"establishments" BETWEEN ? AND ?', [1, 2]),
    ("establishments NOT BETWEEN 1 AND 2", '"establishments" NOT BETWEEN ? AND ?', [1, 2]),
    ("households IS NULL", '"households" IS NULL', []),
    ("households IS NOT NULL", '"households" IS NOT NULL', []),
    ("name LIKE 'L%_'", '"name" GLOB ?', ["L*?"]),
    ("name NOT LIKE 'L%'", 'NOT ("name" GLOB ?)', ["L*"]),
    ("CASEI(name) LIKE CASEI('LÀNG%')", 'cm_casefold("name") GLOB ?', ["làng*"]),
    ("ACCENTI(name) LIKE ACCENTI('Mỹ Đồng%')", 'cm_fold("name") GLOB ?', ["my dong*"]),
    ("ACCENTI(name) = ACCENTI('Lang')", 'cm_fold("name") = cm_fold(?)', ["Lang"]),
    ("LOWER(name) = 'x'", 'cm_casefold("name") = ?', ["x"]),
    ("NOT (establishments = 1)", 'NOT ("establishments" = ?)', [1]),
    ("establishments = 1 AND households = 2", '("establishments" = ? AND "households" = ?)', [1, 2]),
    ("establishments = 1 OR households = 2", '("establishments" = ? OR "households" = ?)', [1, 2]),
    ("crafts = 'x'", ANY.format("j.value = ?"), ["x"]),
    ("crafts <> 'x'", f"NOT ({ANY.format('j.value = ?')})", ["x"]),
    ("crafts IN ('x', 'y')", ANY.format("j.value IN (?, ?)"), ["x", "y"]),
    ("crafts LIKE 'x%'", ANY.format("j.value GLOB ?"), ["x*"]),
    ("crafts BETWEEN 'a' AND 'b'", ANY.format("j.value BETWEEN ? AND ?"), ["a", "b"]),
    ("CASEI(crafts) = CASEI('X')", ANY.format("cm_casefold(j.value) = cm_casefold(?)"), ["X"]),
    ("geometry IS NULL", "geom IS NULL", []),
    ("geom IS NOT NULL", "geom IS NOT NULL", []),
])
def test_sqlite_sql(cql: str, sql: str | None, params: list[Any] | None) -> None:
    if sql is None:  # not a property of villages
        with pytest.raises(InvalidFilter, match=r"^Unknown property 'ratio': not a queryable of villages\.$"):
            sqlite(cql)
        return
    assert sqlite(cql) == (sql, params)


def test_postgis_spells_its_own_way() -> None:
    assert compile_filter(parse("illustrative = TRUE AND establishments = 1"), VILLAGES, POSTGIS) == (
        '("illustrative" = %s AND "establishments" = %s)', [True, 1])
    assert compile_filter(parse("crafts LIKE 'x%'"), VILLAGES, POSTGIS) == (
        'EXISTS (SELECT 1 FROM jsonb_array_elements_text("crafts") AS j(value) WHERE j.value LIKE %s)', ["x%"])
    assert compile_filter(parse("ACCENTI(name) = ACCENTI('a')"), VILLAGES, POSTGIS) == (
        'cm_fold("name") = cm_fold(%s)', ["a"])


def test_the_base_dialect_leaves_the_engine_parts_to_its_subclasses() -> None:
    d = Dialect()
    assert (d.placeholder, d.element, d.quote('a"b'), d.boolean(True)) == ("?", "j.value", '"a""b"', True)
    assert (d.fold("x"), d.casefold("x")) == ("cm_fold(x)", "cm_casefold(x)")
    for call in (lambda: d.array_any("c", "p"), lambda: d.like("s", "p"),
                 lambda: d.spatial("intersects", VILLAGES, shapely.Point(0, 0))):
        with pytest.raises(NotImplementedError):
            call()


# -- time ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cql", "sql", "params"), [
    ("T_BEFORE(assessment_date, DATE('2020-06-02'))", '("assessment_date" < ?)', ["2020-06-02"]),
    ("T_AFTER(assessment_date, DATE('2020-06-02'))", '("assessment_date" > ?)', ["2020-06-02"]),
    ("T_MEETS(assessment_date, INTERVAL('2020-06-01', '2020-06-30'))", '("assessment_date" = ?)', ["2020-06-01"]),
    ("T_METBY(assessment_date, INTERVAL('2020-05-01', '2020-06-01'))", '("assessment_date" = ?)', ["2020-06-01"]),
    ("T_DURING(assessment_date, INTERVAL('2020-05-01', '2020-07-01'))",
     '("assessment_date" > ? AND "assessment_date" < ?)', ["2020-05-01", "2020-07-01"]),
    ("T_OVERLAPS(assessment_date, INTERVAL('2020-05-01', '2020-07-01'))",
     '("assessment_date" < ? AND "assessment_date" > ? AND "assessment_date" < ?)',
     ["2020-05-01", "2020-05-01", "2020-07-01"]),
    ("T_OVERLAPPEDBY(assessment_date, INTERVAL('2020-05-01', '2020-07-01'))",
     '(? < "assessment_date" AND ? > "assessment_date" AND ? < "assessment_date")',
     ["2020-05-01", "2020-07-01", "2020-07-01"]),
    ("T_EQUALS(assessment_date, TIMESTAMP('2020-06-01T23:59:59Z'))",
     '("assessment_date" = ? AND "assessment_date" = ?)', ["2020-06-01", "2020-06-01"]),
    ("T_INTERSECTS(assessment_date, INTERVAL('..', '2020-06-01'))",
     'NOT ((("assessment_date" < ? OR "assessment_date" > ?)))', ["0001-01-01", "2020-06-01"]),
    ("T_INTERSECTS(assessment_date, INTERVAL('2020-06-01', '..'))",
     'NOT ((("assessment_date" < ? OR "assessment_date" > ?)))', ["2020-06-01", "9999-12-31"]),
])
def test_temporal_sql(cql: str, sql: str, params: list[Any]) -> None:
    assert sqlite(cql, SOURCES) == (sql, params)


def test_years_compare_at_year_precision_with_open_ends() -> None:
    assert sqlite("T_INTERSECTS(year_start, INTERVAL('..', '2019-06-30'))", PROJECTS) == (
        'NOT ((("year_start" < ? OR "year_start" > ?)))', [-9999, 2019])
    assert sqlite("T_INTERSECTS(year_start, INTERVAL('2019-06-30', '..'))", PROJECTS)[1] == [2019, 9999]
    assert sqlite("T_BEFORE(year_start, year_end)", PROJECTS) == ('("year_start" < "year_end")', [])


def test_a_date_compared_as_a_value() -> None:
    eq = ast.Equal(ast.Attribute("assessment_date"), datetime(2020, 6, 1, 23, 30))
    assert sqlite(eq, SOURCES) == ('"assessment_date" = ?', ["2020-06-01"])
    assert sqlite(ast.Equal(ast.Attribute("year_start"), date(2019, 3, 1)), PROJECTS) == ('"year_start" = ?', [2019])
    assert sqlite(ast.Equal(ast.Attribute("name"), date(2019, 3, 1))) == ('"name" = ?', ["2019-03-01"])
    assert sqlite(ast.Equal(ast.Attribute("name"), datetime(2019, 3, 1, 10))) == ('"name" = ?', ["2019-03-01T10:00:00"])
    assert sqlite(ast.Equal(date(2019, 3, 1), date(2019, 3, 1))) == ("? = ?", ["2019-03-01", "2019-03-01"])
    year = ast.Function("casei", [ast.Attribute("year_start")])
    assert sqlite(ast.Equal(year, ast.Function("casei", [date(2019, 3, 1)])), PROJECTS) == (
        'cm_casefold("year_start") = cm_casefold(?)', [2019])
    assert sqlite(ast.In(ast.Attribute("year_start"), [date(2019, 3, 1)], False), PROJECTS)[1] == [2019]


@pytest.mark.parametrize(("collection", "node", "message"), [
    (SOURCES, ast.TimeBefore(ast.Attribute("name"), date(2020, 1, 1)),
     "Temporal predicates need a date or year property, e.g. T_INTERSECTS(assessment_date, "
     "INTERVAL('2020-01-01','..'))."),
    (VILLAGES, ast.TimeBefore(ast.Attribute("name"), date(2020, 1, 1)),
     "Temporal predicates need a date or year property, e.g. T_AFTER(year, DATE(…))."),
    (SOURCES, ast.TimeBefore(ast.Attribute("assessment_date"), ast.Attribute("name")),
     "'name' is not a date or year property."),
    (SOURCES, ast.TimeBefore(ast.Attribute("assessment_date"), 5),
     "Temporal predicates compare with DATE, TIMESTAMP or INTERVAL values."),
    (SOURCES, ast.TimeBefore(ast.Attribute("assessment_date"), values.Interval(date(2020, 1, 1), 5)),
     "Temporal predicates compare with DATE, TIMESTAMP or INTERVAL values."),
])
def test_temporal_refusals(collection: Any, node: Any, message: str) -> None:
    with pytest.raises(InvalidFilter) as info:
        sqlite(node, collection)
    assert info.value.detail == message


# -- space -----------------------------------------------------------------------------------------------------

def test_spatial_sql_has_an_rtree_prefilter_on_the_bounds() -> None:
    sql, params = sqlite("S_INTERSECTS(geometry, LINESTRING(106.1 20.2, 106.3 20.4))")
    assert sql == ('(fid IN (SELECT id FROM "rtree_villages_geom" WHERE minx <= ? AND maxx >= ? AND miny <= ? AND '
                   'maxy >= ?) AND cm_s_intersects(geom, ?))')
    assert params[:4] == [106.3, 106.1, 20.4, 20.2]
    assert shapely.from_wkb(params[4]).wkt == "LINESTRING (106.1 20.2, 106.3 20.4)"


def test_disjoint_and_empty_geometries_skip_the_prefilter() -> None:
    sql, params = sqlite("S_DISJOINT(geometry, POINT(106.6 20.9))")
    assert (sql, len(params)) == ("cm_s_disjoint(geom, ?)", 1)
    empty = ast.GeometryIntersects(ast.Attribute("geometry"), values.Geometry({"type": "Point", "coordinates": []}))
    assert sqlite(empty)[0] == "cm_s_intersects(geom, ?)"


def test_a_geometry_first_swaps_within_and_contains() -> None:
    assert sqlite("S_WITHIN(POINT(106.6 20.9), geometry)")[0].endswith("cm_s_contains(geom, ?))")
    assert sqlite("S_CONTAINS(POINT(106.6 20.9), geometry)")[0].endswith("cm_s_within(geom, ?))")
    assert sqlite("S_INTERSECTS(POINT(106.6 20.9), geometry)")[0].endswith("cm_s_intersects(geom, ?))")


def test_bbox_is_an_intersection_in_crs84_only() -> None:
    assert sqlite("BBOX(geometry, 106.1, 20.2, 106.3, 20.4)")[1][:4] == [106.3, 106.1, 20.4, 20.2]
    for crs in (None, "", "CRS84", "OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"):
        sql, _ = sqlite(ast.BBox(ast.Attribute("geometry"), 106.1, 20.2, 106.3, 20.4, crs))
        assert sql.endswith("cm_s_intersects(geom, ?))")
    with pytest.raises(InvalidFilter) as info:
        sqlite(ast.BBox(ast.Attribute("geometry"), 106.1, 20.2, 106.3, 20.4, "EPSG:4326"))
    assert info.value.detail == "BBOX in a filter must be in CRS84."


# -- structure -------------------------------------------------------------------------------------------------

def test_long_chains_are_flat_and_grouped_by_fifty() -> None:
    terms = ['"establishments" = ?' for _ in range(51)]
    node = parse(" OR ".join(f"establishments = {i}" for i in range(51)))
    sql, params = sqlite(node)
    assert sql == "((" + " OR ".join(terms[:50]) + ") OR (" + terms[50] + "))"
    assert params == list(range(51))
    fifty = sqlite(parse(" AND ".join(f"establishments = {i}" for i in range(50))))
    assert fifty == ("(" + " AND ".join(terms[:50]) + ")", list(range(50)))
    mixed = sqlite("establishments = 1 AND (households = 2 OR households = 3) AND establishments = 4")
    assert mixed == ('("establishments" = ? AND ("households" = ? OR "households" = ?) AND "establishments" = ?)',
                     [1, 2, 3, 4])


def test_include_and_exclude() -> None:
    assert sqlite(ast.Include(False)) == ("1 = 1", [])
    assert sqlite(ast.Include(True)) == ("0 = 1", [])


def test_like_with_nocase() -> None:
    node = ast.Like(ast.Attribute("name"), "LÀNG%", nocase=True, wildcard="%", singlechar="_", escapechar="\\",
                    not_=False)
    assert sqlite(node) == ('cm_casefold("name") GLOB ?', ["làng*"])


@pytest.mark.parametrize(("pattern", "glob"), [
    ("a%b_c", "a*b?c"), ("aXb", "aXb"), ("*?[", "[*][?][[]"), ("\\%", "%"), ("\\_", "_"), ("\\*", "[*]"),
    ("\\?", "[?]"), ("\\[", "[[]"), ("\\\\", "\\"), ("end\\", "end\\"), ("]", "]"), ("", ""),
])
def test_like_to_glob(pattern: str, glob: str) -> None:
    assert like_to_glob(pattern) == glob


# -- refusals --------------------------------------------------------------------------------------------------

def _deep(n: int) -> Any:
    node: Any = ast.Equal(EST, 1)
    for _ in range(n):
        node = ast.Not(node)
    return node


@pytest.mark.parametrize(("node", "message"), [
    (ast.Equal(ast.Attribute("geometry"), 1), "'geometry' can only be used in spatial predicates (S_INTERSECTS …)."),
    (ast.Equal(ast.Attribute("geom"), 1), "'geom' can only be used in spatial predicates (S_INTERSECTS …)."),
    (ast.Equal(ast.Function("foo", [ast.Attribute("name")]), "x"),
     "Unknown function 'foo': filters know CASEI and ACCENTI."),
    (ast.Equal(ast.Function("casei", [ast.Attribute("name"), "x"]), "x"),
     "Unknown function 'casei': filters know CASEI and ACCENTI."),
    (ast.Like(ast.Attribute("name"), 5, nocase=False, wildcard="%", singlechar="_", escapechar="\\", not_=False),
     "A LIKE pattern must be a text literal, optionally inside CASEI or ACCENTI."),
    (ast.Like(ast.Attribute("name"), ast.Function("foo", ["x"]), nocase=False, wildcard="%", singlechar="_",
              escapechar="\\", not_=False),
     "A LIKE pattern must be a text literal, optionally inside CASEI or ACCENTI."),
    (ast.Equal(EST, [1]), "A list cannot be compared here."),
    (ast.Equal(EST, 2**63), f"The number {2**63} is too large."),
    (ast.Equal(EST, -(2**63)), f"The number {-(2**63)} is too large."),
    (ast.Equal(ast.Attribute("crafts"), ast.Attribute("sources")),
     "A predicate may compare one array property at a time."),
    (ast.GeometryIntersects(ast.Attribute("name"), values.Geometry({"type": "Point", "coordinates": [1, 2]})),
     "S_INTERSECTS needs the geometry property ('geometry') and a geometry."),
    (ast.GeometryWithin(ast.Attribute("name"), values.Geometry({"type": "Point", "coordinates": [1, 2]})),
     "S_WITHIN needs the geometry property ('geometry') and a geometry."),
    (ast.Add(EST, 1), "Unsupported in filters: Add."),
    (_deep(20_000), "The filter is nested too deeply."),
])
def test_refusals_say_why(node: Any, message: str) -> None:
    with pytest.raises(InvalidFilter) as info:
        sqlite(node)
    assert info.value.detail == message


def test_an_unknown_property_is_named_in_the_errors() -> None:
    with pytest.raises(InvalidFilter) as info:
        sqlite("contact_phone = 'x'")
    assert info.value.detail == "Unknown property 'contact_phone': not a queryable of villages."
    assert info.value.extra == {"errors": [{"field": "contact_phone", "problem": "not a queryable"}]}


def test_the_largest_numbers_pass() -> None:
    assert sqlite(ast.Equal(EST, 2**63 - 1)) == ('"establishments" = ?', [2**63 - 1])
    assert sqlite(ast.Equal(EST, 1 - 2**63)) == ('"establishments" = ?', [1 - 2**63])
    assert sqlite(ast.Equal(EST, 1.5)) == ('"establishments" = ?', [1.5])


def test_a_malformed_tree_is_a_refusal_not_a_crash() -> None:
    with pytest.raises(InvalidFilter) as info:
        sqlite(ast.Equal(EST, None))
    assert info.value.detail == "A NoneType cannot be compared here."
    with pytest.raises(InvalidFilter) as info:
        sqlite(ast.In(EST, 5, False))  # type: ignore[arg-type]
    assert info.value.detail == "The filter is malformed: 'int' object is not iterable"


def test_a_malformed_tree_is_named_in_at_most_200_characters() -> None:
    long_name = type("N" * 250, (), {})()
    with pytest.raises(InvalidFilter) as info:
        sqlite(ast.In(EST, long_name, False))  # type: ignore[arg-type]
    assert info.value.detail == "The filter is malformed: '" + "N" * 199
