import assert from "node:assert/strict";
import { test } from "node:test";

import { formatVnd, groupDigits } from "../../maps/static/core/money.js";
import { fixture } from "./fixtures.mjs";

const { table, cases } = fixture("money.json");

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
