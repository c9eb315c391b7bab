/* Popups and tooltips on the page, from the data core/popup.js builds. */
import { popupData, tooltipData } from "../core/popup.js";
import { el } from "./dom.js";

function badgeBox(badges, parent) {
  const box = el("div", "cm-badges", null, parent);
  for (const b of badges) {
    const cls = b.illustrative ? "cm-badge cm-badge-illustrative" : (b.warn ? "cm-badge cm-badge-warn" : "cm-badge");
    const node = el("span", cls, b.text, box);
    if (b.title) { node.title = b.title; }
  }
  return box;
}

function sourceList(sources, title, parent) {
  if (!sources.length) { return; }
  el("div", "cm-sources-title", title, parent);
  const list = el("ul", "cm-sources", null, parent);
  for (const src of sources) {
    const item = el("li", null, null, list);
    if (!src.href) { item.textContent = src.title; continue; }
    const a = el("a", null, src.title, item);
    a.href = src.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
}

export function popupContent(cfg, feature, page) {
  const data = popupData(cfg, feature, page);
  const root = el("div", "cm-popup");
  el("div", "cm-popup-layer", data.layer, root);
  el("div", "cm-popup-name", data.name, root);
  badgeBox(data.badges, root);
  const table = el("table", "cm-fields", null, root);
  for (const [label, text] of data.rows) {
    const row = el("tr", null, null, table);
    el("th", null, label, row);
    el("td", null, text, row);
  }
  sourceList(data.sources, page.words.sources, root);
  return root;
}

export function tooltipContent(cfg, feature, page) {
  const data = tooltipData(cfg, feature, page);
  const root = el("div", "cm-tooltip");
  el("div", "cm-tooltip-name", data.name, root);
  if (data.badges.length) { badgeBox(data.badges, root); }
  return root;
}
