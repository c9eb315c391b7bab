/* The page's Leaflet controls: legend, fullscreen, search, time filters and the loading status. */
import { yearsOf } from "../core/filter.js";
import { fold } from "../core/fold.js";
import { nameOf } from "../core/popup.js";
import { MIN_QUERY, search } from "../core/search.js";
import { el } from "./dom.js";
import { focus, setFilter, state } from "./layers.js";

const words = () => state.page.words;

/* A control's box: clicks and wheel turns inside it stay in it and never pan or zoom the map. */
function panel(className) {
  const box = el("div", className);
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  return box;
}

function swatch(style, parent) {
  const s = el("span", "cm-swatch", null, parent);
  s.style.background = style.fill === false || style.fillOpacity === 0 ? "transparent" : (style.fillColor || "transparent");
  s.style.borderColor = style.color || "#333";
  if (style.dashArray) { s.style.borderStyle = "dashed"; }
  if (style.radius) {
    const d = Math.min(2 * style.radius, 28);
    s.style.width = d + "px";
    s.style.height = d + "px";
    s.style.borderRadius = "50%";
  }
  return s;
}

export const Legend = L.Control.extend({
  options: { position: "bottomright" },
  onAdd() {
    this.box = panel("cm-legend leaflet-bar");
    this.box.setAttribute("role", "region");
    this.box.setAttribute("aria-label", words().legend);
    /* Folded on a phone; its summary is a focusable stop, so the keyboard can reach and scroll it. */
    const details = el("details", null, null, this.box);
    details.open = !(window.matchMedia && window.matchMedia("(max-width: 600px)").matches);
    el("summary", "cm-legend-title", words().legend, details);
    this.body = el("div", null, null, details);
    this.update();
    return this.box;
  },
  update() {
    this.body.textContent = "";
    const seen = new Set();
    for (const l of state.layers) {
      if (!state.map.hasLayer(l.group) || seen.has(l.cfg.collection)) { continue; }
      seen.add(l.cfg.collection);
      const section = el("div", "cm-legend-section", null, this.body);
      el("div", "cm-legend-layer", l.cfg.title, section);
      for (const row of l.cfg.legend) {
        const line = el("div", "cm-legend-row", null, section);
        swatch(row.style, line);
        el("span", null, row.label, line);
      }
    }
  },
});

export const Fullscreen = L.Control.extend({
  options: { position: "topleft" },
  onAdd(map) {
    const bar = el("div", "leaflet-bar cm-fullscreen-bar");
    const button = el("a", "cm-fullscreen-button", null, bar);
    el("i", "fa-solid fa-expand", null, button).setAttribute("aria-hidden", "true");
    button.href = "#";
    button.title = words().fullscreen;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", words().fullscreen);
    L.DomEvent.on(button, "click", (ev) => {
      L.DomEvent.preventDefault(ev);
      const box = map.getContainer();
      const on = !box.classList.contains("cm-fullscreen");
      box.classList.toggle("cm-fullscreen", on);
      if (on && box.requestFullscreen) { box.requestFullscreen().catch(() => null); }
      if (!on && document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen(); }
      setTimeout(() => map.invalidateSize(), 50);
    });
    return bar;
  },
});

function showHits(list, query) {
  list.textContent = "";
  if (fold(query).length < MIN_QUERY) { return; }
  const found = search(state.layers, query);
  if (!found.length) { el("li", "cm-search-empty", words().no_results, list); }
  for (const hit of found) {
    const button = el("button", "cm-search-hit", null, el("li", null, null, list));
    button.type = "button";
    el("span", "cm-search-name", nameOf(hit.layer.cfg, hit.entry.feature), button);
    el("span", "cm-search-layer", hit.layer.cfg.title, button);
    button.addEventListener("click", () => focus(hit.layer, hit.entry));
  }
}

export const Search = L.Control.extend({
  options: { position: "topleft" },
  onAdd() {
    const box = panel("cm-search leaflet-bar");
    const input = el("input", "cm-search-input", null, box);
    input.type = "search";
    input.placeholder = words().search;
    input.setAttribute("aria-label", words().search);
    const list = el("ul", "cm-search-results", null, box);
    input.addEventListener("input", () => showHits(list, input.value));
    return box;
  },
});

export const TimeFilter = L.Control.extend({
  options: { position: "bottomleft" },
  onAdd() {
    this.box = panel("cm-time leaflet-bar");
    return this.box;
  },
  addLayer(layer) {
    const t = layer.cfg.time;
    const label = el("label", "cm-time-row", null, this.box);
    el("span", null, words()[t.label] || layer.cfg.title, label);
    const select = el("select", "cm-time-select", null, label);
    select.setAttribute("data-collection", layer.cfg.collection);
    el("option", null, words().all_years, select).value = "";
    for (const y of yearsOf(t, layer.entries.map((e) => e.feature.properties || {}))) {
      el("option", null, y, select).value = String(y);
    }
    layer.selectBox = select;
    select.addEventListener("change", () => setFilter(layer, select.value === "" ? null : Number(select.value)));
  },
});

export const Status = L.Control.extend({
  options: { position: "bottomleft" },
  onAdd() { this.box = el("div", "cm-status", words().loading); return this.box; },
});
