/* craftmap map pages, second part (an ES module): fills the layers boot.js queued and adds the controls.
 *
 * Styles, words, labels and the money table come from Python (maps/styles.py, geo/i18n) in each
 * layer's and the page's configuration. Text from data reaches the page through textContent only.
 * Sets <html data-cm-ready="ok|error"> once every layer has fetched all its pages (tests, make bench).
 */
import { fold } from "./core/fold.js";
import { styleFor } from "./core/style.js";
import { startBasemap } from "./ui/basemap.js";
import { localise } from "./ui/chrome.js";
import { Fullscreen, Legend, Search, Status, TimeFilter } from "./ui/controls.js";
import { counts, find, focus, setFilter, startLayer, state } from "./ui/layers.js";
import { startTileLayer } from "./ui/tiles.js";

const craftmap = window.craftmap;

function fitToLayers(map) {
  const bounds = L.latLngBounds([]);
  for (const l of state.layers) {
    if (l.cfg.collection !== "admin_units" && l.entries.length) { bounds.extend(l.group.getBounds()); }
  }
  if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 15 }); }
}

function whenLoaded(map, cfg, status, started) {
  const failed = state.layers.filter((l) => l.error);
  if (status) {
    status.box.textContent = failed.length ? cfg.words.load_failed + ": " + failed.map((l) => l.cfg.title).join(", ") : "";
    status.box.classList.toggle("cm-status-error", failed.length > 0);
  }
  let timeFilter = null;
  for (const l of state.layers) {
    if (!cfg.controls || !l.cfg.time || !l.entries.length) { continue; }
    if (!timeFilter) { timeFilter = new TimeFilter(); map.addControl(timeFilter); }
    timeFilter.addLayer(l);
  }
  if (cfg.single && !cfg.fit) { fitToLayers(map); }
  craftmap.readyAt = performance.now();
  craftmap.loadMs = craftmap.readyAt - started;
  document.documentElement.setAttribute("data-cm-ready", failed.length ? "error" : "ok");
}

function addControls(map) {
  const legend = new Legend();
  map.addControl(new Search());
  map.addControl(new Fullscreen());
  map.addControl(legend);
  const status = new Status();
  map.addControl(status);
  map.on("overlayadd overlayremove", () => legend.update());
  return status;
}

/* The controls (layers, search, legend) come before the markers in the tab order: a keyboard reaches
 * them without stepping through every pin. Their place on screen is set by CSS, not by DOM order. */
function controlsFirst(map) {
  const box = map.getContainer();
  const controls = box.querySelector(".leaflet-control-container");
  if (controls) { box.insertBefore(controls, box.firstChild); }
}

function startPage(map, cfg) {
  state.page = cfg;
  state.map = map;
  controlsFirst(map);
  if (cfg.fit) { map.fitBounds(cfg.fit, { maxZoom: 16 }); }
  const status = cfg.controls ? addControls(map) : null;
  const started = craftmap.startedAt || performance.now();
  craftmap.ready = Promise.all(state.layers.map((l) => l.promise)).then(() => whenLoaded(map, cfg, status, started));
}

Object.assign(craftmap, { basemaps: [], layers: state.layers, state, fold, styleFor, counts, find, focus, setFilter });
for (const entry of craftmap.pendingBasemaps.splice(0)) {
  localise(entry.map, entry.cfg.words);
  entry.view = startBasemap(entry);
  craftmap.basemaps.push(entry.view);
}
for (const { map, cfg, group } of craftmap.pending.splice(0)) {
  if (cfg.tiles) { startTileLayer(map, cfg, group); } else { startLayer(map, cfg, group); }
}
for (const { map, cfg } of craftmap.pendingPages.splice(0)) { startPage(map, cfg); }
