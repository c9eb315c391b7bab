/* Applies a style table of maps/styles.py (given as data) exactly as style_for() does there. */

/** The style one rule gives to one value (empty when nothing applies). */
export function applyRule(rule, value) {
  if (value === null || value === undefined) { return Object.assign({}, rule.missing || {}); }
  if (rule.match) { return Object.assign({}, rule.match[String(value)] || {}); }
  if (typeof value !== "number") { return Object.assign({}, rule.missing || {}); }
  for (const [upper, style] of rule.breaks) {
    if (upper === null || value < upper) { return Object.assign({}, style); }
  }
  return {};
}

/** The Leaflet path style of a feature's properties: the base updated by every rule, in order. */
export function styleFor(table, props) {
  const style = Object.assign({}, table.base);
  for (const rule of table.rules) { Object.assign(style, applyRule(rule, (props || {})[rule.key])); }
  return style;
}
