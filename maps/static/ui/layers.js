/* Layers filled from the API: pages fetched following rel=next links, features styled and bound. */
import { passes } from "../core/filter.js";
import { fold } from "../core/fold.js";
import { nameOf } from "../core/popup.js";
import { styleFor } from "../core/style.js";
import { el } from "./dom.js";
import { popupContent, tooltipContent } from "./popup.js";

/** Shared by every module: the layers, the page configuration and the map. */
export const state = { layers: [], page: null, map: null };

const PANES = [["cmAdmin", 350], ["cmAreas", 410], ["cmPoints", 450]];

export function ensurePanes(map) {
  for (const [name, z] of PANES) { if (!map.getPane(name)) { map.createPane(name).style.zIndex = String(z); } }
}

/* A pin is a focusable button (Leaflet gives it role="button"): its name is the feature's name. */
function pointMarker(cfg, style, latlng, name) {
  if (cfg.marker !== "pin") { return L.circleMarker(latlng, style); }
  const dot = el("span", "cm-pin-dot");
  dot.style.background = style.fillColor;
  dot.style.borderColor = style.color;
  const size = 2 * style.radius;
  /* Above facility clusters, which share the marker pane. */
  const pin = L.marker(latlng, { icon: L.divIcon({ className: "cm-pin", html: dot, iconSize: [size, size] }),
    zIndexOffset: 1000 });
  pin.on("add", () => pin.getElement().setAttribute("aria-label", name));
  return pin;
}

function toLeaflet(layer, f) {
  const cfg = layer.cfg;
  const style = Object.assign(styleFor(cfg.style, f.properties), { pane: cfg.pane });
  /* Path options double as geometryToLayer options, so polygons get their style and pane at birth. */
  const leaf = L.GeoJSON.geometryToLayer(f, Object.assign({
    pointToLayer: (_feature, latlng) => pointMarker(cfg, style, latlng, nameOf(cfg, f)),
  }, style));
  leaf.feature = f;
  leaf.bindPopup(() => popupContent(cfg, f, state.page), { maxWidth: 340, minWidth: 220 });
  leaf.bindTooltip(() => tooltipContent(cfg, f, state.page), { sticky: !cfg.points });
  return leaf;
}

function show(layer, leaves) {
  if (layer.cfg.cluster) { layer.group.addLayers(leaves); } else { leaves.forEach((l) => layer.group.addLayer(l)); }
}

function addFeatures(layer, features, joined) {
  const fresh = [];
  for (const f of features) {
    if (!f.geometry) { layer.skipped += 1; continue; }
    if (layer.cfg.join) {
      f.properties = Object.assign({}, f.properties, { [layer.cfg.join.as]: joined.get(String(f.id)) ?? null });
    }
    const entry = { feature: f, leaf: toLeaflet(layer, f), key: fold(nameOf(layer.cfg, f)) };
    layer.entries.push(entry);
    layer.byId[String(f.id)] = entry;
    if (passes(layer.cfg.time, f.properties, layer.filter)) { fresh.push(entry.leaf); }
  }
  show(layer, fresh);
}

function withQuery(url, query) {
  const u = new URL(url, window.location.href);
  for (const k of Object.keys(query || {})) { u.searchParams.set(k, query[k]); }
  return u.toString();
}

async function getJSON(url, accept = "application/geo+json") {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (!response.ok) { throw new Error("HTTP " + response.status); }
  return response.json();
}

/* A value per feature id from another service (e.g. occupancy from /capacity): {id: value}. */
async function joinValues(join) {
  const doc = await getJSON(join.url, "application/json");
  const out = new Map();
  for (const row of doc[join.list] || []) {
    out.set(String(row[join.id]), join.path.reduce((v, k) => (v === null || v === undefined ? null : v[k]), row));
  }
  return out;
}

/* The next page is requested before this one is drawn, so server and browser work at once.
 * A layer whose page of features came with the page (cfg.data) draws it without a request. */
async function fetchPages(layer, joined) {
  const cfg = layer.cfg;
  let pending = cfg.data ? Promise.resolve(cfg.data)
    : getJSON(withQuery(cfg.url, cfg.url.indexOf("/items/") >= 0 ? {} : cfg.query));
  while (pending) {
    const doc = await pending;
    const single = doc.type === "Feature";
    if (layer.matched === null) { layer.matched = single ? 1 : (doc.numberMatched ?? null); }
    const next = (doc.links || []).find((l) => l.rel === "next");
    pending = next ? getJSON(next.href) : null;
    addFeatures(layer, single ? [doc] : (doc.features || []), await joined);
  }
}

/** Start filling `group` with the layer `cfg` describes; returns the layer record. */
export function startLayer(map, cfg, group) {
  state.map = map;
  ensurePanes(map);
  const layer = { cfg, group, entries: [], byId: {}, matched: null, skipped: 0, done: false, error: null,
    filter: null };
  group.cmLayer = layer;
  state.layers.push(layer);
  /* A failed join leaves the joined value unknown (drawn as such), not the layer undrawn. */
  const joined = cfg.join
    ? joinValues(cfg.join).catch((err) => { layer.joinError = String(err); return new Map(); })
    : Promise.resolve(new Map());
  layer.promise = fetchPages(layer, joined).then(
    () => { layer.done = true; },
    (err) => { layer.done = true; layer.error = String(err); });
  return layer;
}

/** Keep only the features of one year (null: all), and show the choice in the layer's select box. */
export function setFilter(layer, value) {
  layer.filter = value;
  layer.group.clearLayers();
  show(layer, layer.entries.filter((e) => passes(layer.cfg.time, e.feature.properties, value)).map((e) => e.leaf));
  if (layer.selectBox) { layer.selectBox.value = value === null ? "" : String(value); }
}

export function find(collection, id) {
  for (const l of state.layers) {
    if (l.cfg.collection === collection && l.byId[String(id)]) { return { layer: l, entry: l.byId[String(id)] }; }
  }
  return null;
}

/** Show one feature: its layer on, its time filter cleared, zoomed in, popup open. */
export function focus(layer, entry, done) {
  const map = state.map;
  if (!map.hasLayer(layer.group)) { map.addLayer(layer.group); }
  if (!layer.group.hasLayer(entry.leaf) && layer.filter !== null) { setFilter(layer, null); }
  const open = () => { entry.leaf.openPopup(); if (done) { done(); } };
  if (layer.cfg.cluster) { layer.group.zoomToShowLayer(entry.leaf, open); return; }
  if (entry.leaf.getBounds) {
    map.fitBounds(entry.leaf.getBounds(), { maxZoom: 16, animate: false });
    entry.leaf.openPopup(entry.leaf.getBounds().getCenter());
    if (done) { done(); }
    return;
  }
  map.setView(entry.leaf.getLatLng(), Math.max(map.getZoom(), 15), { animate: false });
  open();
}

/** What the tests and the benchmark read: per layer, features drawn and features the API matched. */
export function counts() {
  return state.layers.map((l) => ({ title: l.cfg.title, collection: l.cfg.collection, drawn: l.entries.length,
    shown: l.group.getLayers().length, matched: l.matched, skipped: l.skipped, done: l.done, error: l.error,
    onMap: !!(state.map && state.map.hasLayer(l.group)), tiled: !!l.grid, tilesLoaded: l.tilesLoaded ?? null }));
}
