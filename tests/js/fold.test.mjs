import assert from "node:assert/strict";
import { test } from "node:test";

import { fold } from "../../maps/static/core/fold.js";
import { fixture } from "./fixtures.mjs";

const cases = fixture("fold.json");

test("every Vietnamese letter folds as geo.spatial.text.fold does", () => {
  assert.ok(cases.length >= 12 * 6 * 2 * 2 + 4);  // vowels × tones × cases × (NFC, NFD), đ Đ ð Ð
  for (const c of cases) { assert.equal(fold(c.text), c.folded, JSON.stringify(c.text)); }
});

test("null and undefined fold to the empty string", () => {
  assert.equal(fold(null), "");
  assert.equal(fold(undefined), "");
});
