import assert from "node:assert/strict";
import { test } from "node:test";

import { formatVnd, groupDigits, number } from "../../maps/static/core/money.js";
import { fixture } from "./fixtures.mjs";

const { table, cases, numbers } = fixture("money.json");

test("amounts and qualifiers read as geo.i18n.money.format_vnd writes them, in both languages", () => {
  assert.ok(cases.some((c) => c.lang === "en") && cases.some((c) => c.lang === "vi"));
  for (const c of cases) {
    assert.equal(formatVnd(c.amount, c.lang, table, c.qualifier), c.text, JSON.stringify(c));
  }
});

test("digits are grouped with the reader's mark", () => {
  assert.equal(groupDigits(3865000000, "vi"), "3.865.000.000");
  assert.equal(groupDigits(3865000000, "en"), "3,865,000,000");
});

test("numbers in popups read as geo.i18n.money.number writes them (two places, reader's marks)", () => {
  for (const c of numbers) { assert.equal(number(c.value, c.lang, 2), c.text, JSON.stringify(c)); }
});
