/* What a popup or tooltip says, as plain data: the DOM side (ui/popup.js) only puts it on the page. */
import { formatVnd, number } from "./money.js";

const GOOD_PRECISION = new Set(["surveyed", "digitized"]);

/** One field's value as text; "" hides the row. `page` holds words, labels and the money table. */
export function fieldText(field, value, page) {
  const labels = page.labels[field.name] || null;
  const named = (v) => (labels && labels[v] ? labels[v] : String(v));
  if (Array.isArray(value)) { return value.filter((v) => typeof v !== "object").map(named).join(", "); }
  if (typeof value === "boolean") { return value ? page.words.bool_yes : page.words.bool_no; }
  if (typeof value === "number") {
    return /_vnd$/.test(field.name) ? formatVnd(value, page.lang, page.money) : number(value, page.lang, 2);
  }
  if (value === null || typeof value === "object") { return ""; }
  return named(value);
}

export function nameOf(cfg, feature) {
  const p = feature.properties || {};
  return p[cfg.nameField] || p.name || feature.id;
}

/** Badges: location precision (warned when not surveyed/digitized) and the illustrative mark. */
export function badges(props, page) {
  const out = [];
  const precision = props.location_precision;
  if (precision) {
    out.push({ text: (page.labels.location_precision || {})[precision] || precision,
      warn: !GOOD_PRECISION.has(precision), title: page.words.precision || "" });
  }
  if (props.illustrative === true) { out.push({ text: page.words.illustrative_badge, illustrative: true }); }
  return out;
}

export function safeHref(address) {
  return /^https?:\/\//i.test(address || "") ? address : null;
}

function sources(ids, page) {
  if (!Array.isArray(ids)) { return []; }
  return ids.map((id) => {
    const src = (page.sources || {})[id];
    const title = src ? [src.title, src.publisher, src.date].filter(Boolean).join(" — ") : String(id);
    return { title, href: src ? safeHref(src.address) : null };
  });
}

/** The popup of one feature: layer title, name, badges, `[label, text]` rows, sources. */
export function popupData(cfg, feature, page) {
  const p = feature.properties || {};
  const rows = [];
  for (const field of cfg.fields) {
    const v = p[field.name];
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) { continue; }
    const text = fieldText(field, v, page);
    if (text) { rows.push([field.label, text]); }
  }
  return { layer: cfg.title, name: nameOf(cfg, feature), badges: badges(p, page), rows, sources: sources(p.sources, page) };
}

/** The tooltip: the name, and the badges only when something is uncertain. */
export function tooltipData(cfg, feature, page) {
  const p = feature.properties || {};
  const uncertain = !GOOD_PRECISION.has(p.location_precision) || p.illustrative === true;
  return { name: nameOf(cfg, feature), badges: uncertain ? badges(p, page) : [] };
}
