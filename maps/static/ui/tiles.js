/* Layers drawn from vector tiles with protomaps-leaflet (served from node_modules, BSD-3-Clause):
 * canvas tiles styled by core/tiles.js; a click on a feature opens its popup with the feature fetched
 * from the items API, a click on a count circle (a thinned tile's cell) zooms in. */
import { itemUrl, paintStyle, picked, tileUrl } from "../core/tiles.js";
import { el } from "./dom.js";
import { ensurePanes, state } from "./layers.js";
import { popupContent } from "./popup.js";

const POINT = 1;
const LINE = 2;
const POLYGON = 3;
const BRUSH = 10; // pixels around a click that pick a point

function rules(cfg) {
  const P = window.protomapsL;
  const styles = new WeakMap();
  const styled = (f) => {
    if (!styles.has(f.props)) { styles.set(f.props, paintStyle(cfg, f.props)); }
    return styles.get(f.props);
  };
  /* Two parameters: protomaps-leaflet then evaluates the attribute per feature. */
  const attr = (name) => (_z, f) => styled(f)[name];
  const of = (type) => (_z, f) => f.geomType === type;
  return [
    { dataLayer: cfg.collection, filter: of(POLYGON), symbolizer: new P.PolygonSymbolizer({
      fill: attr("fill"), opacity: attr("opacity"), stroke: attr("stroke"), width: attr("width") }) },
    { dataLayer: cfg.collection, filter: of(LINE), symbolizer: new P.LineSymbolizer({
      color: attr("stroke"), width: attr("width") }) },
    { dataLayer: cfg.collection, filter: of(POINT), symbolizer: new P.CircleSymbolizer({
      radius: attr("radius"), fill: attr("fill"), stroke: attr("stroke"), width: attr("width"),
      opacity: attr("opacity") }) },
  ];
}

async function openPopup(map, layer, id, latlng) {
  const popup = L.popup({ maxWidth: 340, minWidth: 220 }).setLatLng(latlng)
    .setContent(el("div", "cm-popup", state.page.words.loading)).openOn(map);
  try {
    const response = await fetch(itemUrl(layer.cfg, id), { headers: { Accept: "application/geo+json" } });
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    popup.setContent(popupContent(layer.cfg, await response.json(), state.page));
  } catch (err) {
    popup.setContent(el("div", "cm-popup", state.page.words.load_failed + ": " + String(err)));
  }
}

/* The top-most tiled layer with something under the click: its feature's popup, or zoom into its cell.
 * True when one had something there. */
function clicked(map, latlng) {
  const tiled = state.layers.filter((l) => l.grid && map.hasLayer(l.group)).reverse();
  for (const layer of tiled) {
    const found = layer.grid.queryTileFeaturesDebug(latlng.lng, latlng.lat, BRUSH);
    const hit = picked(layer.cfg, [...found.values()].flat());
    if (!hit) { continue; }
    if (hit.id === undefined) {
      map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
    } else {
      openPopup(map, layer, hit.id, latlng);
    }
    return true;
  }
  return false;
}

/* Canvas tiles get no Leaflet events, and a click on a boundary polygon never reaches the map's own click
 * handlers; so the map's container is watched in the capture phase: a click that hits a tiled feature
 * (and not a control, a popup or a marker such as a village pin) is handled here and goes no further. */
function onDomClick(map, ev) {
  if (ev.target.closest(".leaflet-control-container, .leaflet-popup-pane, .leaflet-marker-pane")) { return; }
  if (map.dragging && map.dragging.moved()) { return; }
  if (clicked(map, map.mouseEventToLatLng(ev))) { ev.stopPropagation(); }
}

/* Resolves once the tiles in view are drawn (at once for a layer that starts switched off). */
function firstDraw(map, group, grid) {
  if (!map.hasLayer(group)) { return Promise.resolve(); }
  return new Promise((resolve) => { grid.once("load", resolve); });
}

/** Draw the layer `cfg` describes from its vector tiles into `group` (an L.layerGroup boot.js made). */
export function startTileLayer(map, cfg, group) {
  state.map = map;
  ensurePanes(map);
  const layer = { cfg, group, entries: [], byId: {}, matched: null, skipped: 0, done: false, error: null,
    filter: null, tilesLoaded: 0 };
  group.cmLayer = layer;
  state.layers.push(layer);
  layer.grid = window.protomapsL.leafletLayer({ url: tileUrl(cfg), paintRules: rules(cfg), labelRules: [],
    maxDataZoom: cfg.tiles.maxDataZoom, pane: cfg.pane, attribution: "" });
  layer.grid.on("tileload", () => { layer.tilesLoaded += 1; });
  group.addLayer(layer.grid);
  if (!state.tileClick) {
    state.tileClick = true;
    map.getContainer().addEventListener("click", (ev) => onDomClick(map, ev), true);
  }
  layer.promise = firstDraw(map, group, layer.grid).then(() => { layer.done = true; });
  return layer;
}
