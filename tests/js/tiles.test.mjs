import assert from "node:assert/strict";
import { test } from "node:test";

import { cellRadius, countOf, itemUrl, paintStyle, picked, tileUrl } from "../../maps/static/core/tiles.js";
import { fixture } from "./fixtures.mjs";

const { configs, urls, styles, count } = fixture("tiles.json");

test("the tile URL is the API's template with the layer's filters and without its page size", () => {
  for (const [cid, cfg] of Object.entries(configs)) {
    assert.ok(cfg.query.limit);
    assert.equal(tileUrl(cfg), urls[cid]);
  }
});

test("a feature is painted with the colours maps.styles gives it", () => {
  for (const c of styles) {
    const cfg = configs[c.collection];
    const got = paintStyle(cfg, c.properties);
    assert.equal(got.fill, c.style.fillColor ?? c.style.color, JSON.stringify(c));
    assert.equal(got.stroke, c.style.color ?? c.style.fillColor, JSON.stringify(c));
    if (c.style.radius !== undefined) { assert.equal(got.radius, c.style.radius); }
    if (c.style.fillOpacity !== undefined) { assert.equal(got.opacity, c.style.fillOpacity); }
  }
});

test("a thinned tile's point is a count circle growing with its count", () => {
  const cfg = configs.facilities;
  assert.equal(countOf(cfg, { [count]: 12 }), 12);
  assert.equal(countOf(cfg, { id: "f-1", workers: 12 }), null);
  const one = paintStyle(cfg, { [count]: 1 });
  const many = paintStyle(cfg, { [count]: 5000 });
  assert.equal(one.radius, cellRadius(1));
  assert.ok(many.radius > one.radius);
  assert.ok(cellRadius(10 ** 9) <= 22);
  assert.equal(many.fill, paintStyle(cfg, {}).fill);
});

test("a click picks this layer's feature id, or a cell's count, or nothing", () => {
  const cfg = configs.villages;
  const hits = [
    { layerName: "facilities", feature: { props: { id: "f-1" } } },
    { layerName: "villages", feature: { props: { id: "v-7", name: "Mỹ Đồng" } } },
  ];
  assert.deepEqual(picked(cfg, hits), { id: "v-7" });
  assert.deepEqual(picked(cfg, [{ layerName: "villages", feature: { props: { [count]: 40 } } }]), { count: 40 });
  assert.equal(picked(cfg, hits.slice(0, 1)), null);
  assert.equal(picked(cfg, []), null);
});

test("a popup's feature comes from the items API", () => {
  assert.equal(itemUrl(configs.facilities, "cơ sở/1"), "/root/collections/facilities/items/c%C6%A1%20s%E1%BB%9F%2F1");
});
