import assert from "node:assert/strict";
import { test } from "node:test";

import { styleFor } from "../../maps/static/core/style.js";
import { fixture } from "./fixtures.mjs";

const { tables, cases } = fixture("styles.json");

test("every rule of every collection styles as maps.styles.style_for does", () => {
  const collections = new Set(cases.map((c) => c.collection));
  assert.deepEqual([...collections].sort(), Object.keys(tables).sort());
  for (const c of cases) {
    assert.deepEqual(styleFor(tables[c.collection], c.properties), c.style, JSON.stringify(c));
  }
});

test("styleFor leaves the table untouched", () => {
  const table = tables.villages;
  const before = JSON.stringify(table);
  styleFor(table, { craft_group: "metal" }).fillColor = "changed";
  assert.equal(JSON.stringify(table), before);
});
