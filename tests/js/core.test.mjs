/* The rest of the pure core: time filters, search, popup text, table sorting. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { passes, yearsOf } from "../../maps/static/core/filter.js";
import { fold } from "../../maps/static/core/fold.js";
import { fieldText, popupData, safeHref } from "../../maps/static/core/popup.js";
import { search } from "../../maps/static/core/search.js";
import { compareKeys, sortKey } from "../../maps/static/core/sort.js";
import { fixture } from "./fixtures.mjs";

const RANGE = { kind: "year_range", start: "year_start", end: "year_end" };
const DATE = { kind: "date_year", field: "assessment_date" };

test("a year range keeps the years it covers; an open end means one year", () => {
  assert.ok(passes(RANGE, { year_start: 2019, year_end: 2021 }, 2020));
  assert.ok(!passes(RANGE, { year_start: 2019, year_end: 2021 }, 2022));
  assert.ok(passes(RANGE, { year_start: 2019, year_end: null }, 2019));
  assert.ok(!passes(RANGE, { year_start: 2019 }, 2020));
  assert.ok(!passes(RANGE, {}, 2020));
  assert.ok(passes(RANGE, {}, null));
  assert.ok(passes(DATE, { assessment_date: "2018-05-01" }, 2018));
  assert.ok(!passes(DATE, { assessment_date: "2018-05-01" }, 2019));
  assert.ok(!passes(DATE, { assessment_date: 2018 }, 2018));
});

test("years are listed ascending, numerically", () => {
  assert.deepEqual(yearsOf(RANGE, [{ year_start: 2009, year_end: 2011 }, { year_start: 2010 }]), [2009, 2010, 2011]);
  assert.deepEqual(yearsOf(DATE, [{ assessment_date: "2020-01-01" }, { assessment_date: "999-01-01" }]), [999, 2020]);
});

test("search matches folded names, needs two letters and stops at the limit", () => {
  const entries = ["Mỹ Đồng", "Kiến Bái", "Đồng Thái"].map((n) => ({ key: fold(n) }));
  const layers = [{ entries }];
  assert.deepEqual(search(layers, "DONG").map((h) => h.entry.key), ["my dong", "dong thai"]);
  assert.deepEqual(search(layers, "đ"), []);
  assert.equal(search(layers, "ng", 1).length, 1);
});

const PAGE = { lang: "vi", words: { bool_yes: "Có", bool_no: "Không", precision: "P", illustrative_badge: "I" },
  labels: { status: { operating: "Đang hoạt động" }, location_precision: { approximate: "Gần đúng" } },
  money: fixture("money.json").table, sources: { s1: { title: "T", publisher: "P", date: "2020", address: "javascript:x" } } };

test("field text: labels, booleans, money by the Python table, nested objects hidden", () => {
  assert.equal(fieldText({ name: "status" }, "operating", PAGE), "Đang hoạt động");
  assert.equal(fieldText({ name: "status" }, "odd", PAGE), "odd");
  assert.equal(fieldText({ name: "x" }, true, PAGE), "Có");
  assert.equal(fieldText({ name: "budget_total_vnd" }, 3865000000, PAGE), "3,865 tỷ đồng");
  assert.equal(fieldText({ name: "x" }, { a: 1 }, PAGE), "");
  assert.equal(fieldText({ name: "status" }, ["operating", { a: 1 }, "odd"], PAGE), "Đang hoạt động, odd");
});

test("popup data: rows for present fields only, uncertain location badged, unsafe links dropped", () => {
  const cfg = { title: "L", nameField: "name", fields: [{ name: "status", label: "S" }, { name: "n", label: "N" }] };
  const f = { id: "a", properties: { name: "<b>x</b>", status: "operating", n: "", location_precision: "approximate",
    sources: ["s1", "s2"] } };
  const data = popupData(cfg, f, PAGE);
  assert.equal(data.name, "<b>x</b>");
  assert.deepEqual(data.rows, [["S", "Đang hoạt động"]]);
  assert.deepEqual(data.badges, [{ text: "Gần đúng", warn: true, title: "P" }]);
  assert.deepEqual(data.sources, [{ title: "T — P — 2020", href: null }, { title: "s2", href: null }]);
  assert.equal(safeHref("https://example.org/a"), "https://example.org/a");
});

test("table sort keys: numbers by value, unknown last in both directions", () => {
  assert.equal(sortKey(""), null);
  assert.equal(sortKey("12.5"), 12.5);
  assert.ok(compareKeys(2, 10, 1) < 0 && compareKeys(2, 10, -1) > 0);
  assert.ok(compareKeys(null, 1, 1) > 0 && compareKeys(null, 1, -1) > 0);
  assert.ok(compareKeys(sortKey("Ánh"), sortKey("Bình"), 1) < 0);
});
