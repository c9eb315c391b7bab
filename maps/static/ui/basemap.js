/* The drawn basemap on a Leaflet map (decisions in core/basemap.js): outlines from
 * /maps/outlines.geojson as context, and when the basemap tiles fail, the land, the communes and
 * their names instead of an empty grey field, with one notice saying so. boot.js counted the tile
 * events that came before this module ran; they are replayed here. */
import { labelsShown, outlineStyle, start, step } from "../core/basemap.js";
import { el } from "./dom.js";

/* Above the tiles (200), below the admin layers (350) and the data. */
const PANES = [["cmBase", 250], ["cmBaseLabels", 340]];

/* Said once, in a live region; the visitor may close it (a small map on a phone needs the room). */
const Notice = L.Control.extend({
  options: { position: "bottomleft" },
  onAdd() {
    const box = el("div", "cm-base-notice");
    box.setAttribute("role", "status");
    el("span", null, this.options.text, box);
    const close = el("button", "cm-base-notice-close", "×", box);
    close.type = "button";
    close.setAttribute("aria-label", this.options.close);
    L.DomEvent.disableClickPropagation(box);
    close.addEventListener("click", () => this.remove());
    return box;
  },
});

async function outlines(url) {
  const response = await fetch(url, { headers: { Accept: "application/geo+json" } });
  if (!response.ok) { throw new Error("HTTP " + response.status); }
  return response.json();
}

function labelLayer(doc) {
  const group = L.layerGroup();
  for (const f of doc.features) {
    if (f.properties.kind !== "commune" || !f.properties.label) { continue; }
    const [lon, lat] = f.properties.label;
    const icon = L.divIcon({ className: "cm-base-label", html: el("span", null, f.properties.name), iconSize: null });
    L.marker([lat, lon], { icon, interactive: false, keyboard: false, pane: "cmBaseLabels" }).addTo(group);
  }
  return group;
}

function showLabels(view) {
  const on = labelsShown(view.map.getZoom(), view.cfg.labelZoom);
  if (on !== view.map.hasLayer(view.labels)) { if (on) { view.labels.addTo(view.map); } else { view.labels.remove(); } }
  view.map.getContainer().setAttribute("data-cm-labels", on ? "on" : "off");
}

/* Draws what the state asks for; safe to call again (before the outlines arrived it does nothing). */
function render(view) {
  const drawn = view.state.drawn;
  const box = view.map.getContainer();
  box.setAttribute("data-cm-basemap", drawn ? "drawn" : "tiles");
  if (!view.doc) { return; }
  const style = (f) => outlineStyle(f.properties.kind, drawn);
  if (!view.lines && (drawn || view.cfg.context)) {
    view.lines = L.geoJSON(view.doc, { pane: "cmBase", interactive: false, style }).addTo(view.map);
  }
  if (drawn && !view.labels) {
    view.lines.setStyle(style);
    box.classList.add("cm-drawn-basemap");
    view.labels = labelLayer(view.doc);
    view.map.on("zoomend", () => showLabels(view));
    showLabels(view);
  }
}

function onTile(view, ok) {
  const { state, draw, notice } = step(view.state, ok);
  view.state = state;
  if (notice) {
    const words = view.cfg.words;
    view.map.addControl(new Notice({ text: words.basemap_offline, close: words.basemap_notice_close }));
  }
  if (draw) {
    for (const tiles of view.tiles) { view.map.removeLayer(tiles); } // no more requests that cannot succeed
    render(view);
  }
}

/** Take over one map's basemap from boot.js: `entry` = {map, cfg, tiles, events, listener}. */
export function startBasemap(entry) {
  const { map, cfg } = entry;
  if (cfg.title) { // the map is a region named after it: a screen reader can find it and say what it is
    map.getContainer().setAttribute("role", "region");
    map.getContainer().setAttribute("aria-label", cfg.title);
  }
  for (const [name, z] of PANES) {
    if (map.getPane(name)) { continue; }
    const pane = map.createPane(name);
    pane.style.zIndex = String(z);
    pane.style.pointerEvents = "none";
  }
  const view = { map, cfg, tiles: entry.tiles, state: start(entry.tiles.length), doc: null, lines: null, labels: null };
  render(view);
  for (const ok of entry.events.splice(0)) { onTile(view, ok); }
  entry.listener = (ok) => onTile(view, ok);
  view.ready = outlines(cfg.url).then((doc) => {
    view.doc = doc;
    render(view);
    map.getContainer().setAttribute("data-cm-outlines", "loaded");  // tests wait for it before leaving the page
  }, (err) => { view.error = String(err); map.getContainer().setAttribute("data-cm-basemap-error", view.error); });
  return view;
}
