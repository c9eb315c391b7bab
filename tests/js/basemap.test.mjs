import assert from "node:assert/strict";
import { test } from "node:test";

import { LABEL_ZOOM, MIN_ERRORS, labelsShown, outlineStyle, start, step } from "../../maps/static/core/basemap.js";
import { fixture } from "./fixtures.mjs";

function run(state, events) {
  const out = { state, draws: 0, notices: 0 };
  for (const ok of events) {
    const r = step(out.state, ok);
    out.state = r.state;
    out.draws += r.draw ? 1 : 0;
    out.notices += r.notice ? 1 : 0;
  }
  return out;
}

test("a map without tile layers draws its own basemap at once and says nothing", () => {
  const s = start(0);
  assert.equal(s.drawn, true);
  assert.equal(s.tiles, false);
  const r = run(s, [false, false, false]);
  assert.equal(r.draws, 0);
  assert.equal(r.notices, 0);
});

test("failing tiles: drawn and said once, however many tiles fail", () => {
  const r = run(start(1), Array(50).fill(false));
  assert.equal(r.draws, 1);
  assert.equal(r.notices, 1);
  assert.equal(r.state.errors, 50);
});

test("one lost tile is not offline; MIN_ERRORS are", () => {
  assert.equal(run(start(1), Array(MIN_ERRORS - 1).fill(false)).draws, 0);
  assert.equal(run(start(1), Array(MIN_ERRORS).fill(false)).draws, 1);
});

test("tiles that load keep the tiles: a few errors among many loads do not fall back", () => {
  const events = [...Array(20).fill(true), false, false, false, ...Array(10).fill(true)];
  const r = run(start(1), events);
  assert.equal(r.draws, 0);
  assert.equal(r.state.drawn, false);
});

test("a line that drops after some tiles loaded falls back once failures outnumber loads", () => {
  const r = run(start(1), [true, true, true, false, false, false, false]);
  assert.equal(r.draws, 1);
  assert.equal(r.notices, 1);
});

test("step leaves the state it is given untouched", () => {
  const s = start(1);
  const before = JSON.stringify(s);
  step(s, false);
  assert.equal(JSON.stringify(s), before);
});

test("names show from the zoom Python configures (maps/basemap.py)", () => {
  const { labelZoom } = fixture("basemap.json");
  assert.equal(LABEL_ZOOM, labelZoom);
  assert.equal(labelsShown(labelZoom - 1), false);
  assert.equal(labelsShown(labelZoom), true);
  assert.equal(labelsShown(18), true);
  assert.equal(labelsShown(undefined), false);
  assert.equal(labelsShown(10, 9), true);
});

test("drawn outlines fill the land; context outlines never hide what is under them", () => {
  assert.equal(outlineStyle("city", true).fill, true);
  assert.equal(outlineStyle("commune", true).fill, false);
  assert.equal(outlineStyle("city", false).fill, false);
  assert.equal(outlineStyle("commune", false).fill, false);
});
