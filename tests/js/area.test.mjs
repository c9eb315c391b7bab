import assert from "node:assert/strict";
import { test } from "node:test";

import { areaDisagrees, areaHa } from "../../maps/static/core/area.js";
import { fixture } from "./fixtures.mjs";

const cases = fixture("area.json");

test("areas match pyproj's EPSG:3405 areas within 0.1 %", () => {
  assert.equal(cases.length, 6);
  for (const c of cases) {
    const got = areaHa(c.geometry);
    assert.ok(Math.abs(got - c.ha) / c.ha < 0.001, `${c.name}: ${got} ha, pyproj ${c.ha} ha`);
  }
});

test("the datum shift left out costs less than 0.002 % (one part in 50,000)", () => {
  for (const c of cases) { assert.ok(Math.abs(areaHa(c.geometry) - c.ha) / c.ha < 2e-5, c.name); }
});

test("points and nothing have no area", () => {
  assert.equal(areaHa({ type: "Point", coordinates: [106.6, 20.9] }), null);
  assert.equal(areaHa(null), null);
});

test("the 5 % warning is the loader's: relative to the declared area", () => {
  assert.equal(areaDisagrees(10.5, 10), false);
  assert.equal(areaDisagrees(10.51, 10), true);
  assert.equal(areaDisagrees(9.49, 10), true);
  assert.equal(areaDisagrees(3, null), false);
  assert.equal(areaDisagrees(null, 10), false);
});
