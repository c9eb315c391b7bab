/* Layers drawn from vector tiles, the pure part: the tile URL, the canvas style of one tile feature
 * (the layer's style table of maps/styles.py, or a count circle for a thinned tile's cell), and what
 * a click picked. A thinned tile (geo/spatial/tiles.py) holds points with one property, cfg.tiles.count. */
import { styleFor } from "./style.js";

/** The layer's tile URL template with its filters (not its page size); {z}/{y}/{x} stay for the renderer. */
export function tileUrl(cfg) {
  const params = new URLSearchParams();
  for (const key of Object.keys(cfg.query || {}).sort()) {
    if (key !== "limit") { params.set(key, cfg.query[key]); }
  }
  const qs = params.toString();
  return cfg.tiles.url + (qs ? "?" + qs : "");
}

/** The radius (pixels) of a cell holding `count` features: grows with the count's logarithm. */
export function cellRadius(count) {
  return Math.min(22, 5 + 4 * Math.log10(Math.max(1, count)));
}

/** How many features a thinned tile's point stands for, or null for a feature itself. */
export function countOf(cfg, props) {
  const n = (props || {})[cfg.tiles.count];
  return typeof n === "number" ? n : null;
}

/** The canvas style of one tile feature: {radius, fill, stroke, width, opacity}. */
export function paintStyle(cfg, props) {
  const count = countOf(cfg, props);
  const s = styleFor(cfg.style, count === null ? props : {});
  const fill = s.fillColor ?? s.color;
  if (count !== null) {
    return { radius: cellRadius(count), fill, stroke: "#ffffff", width: 1, opacity: 0.8 };
  }
  return { radius: s.radius ?? 5, fill, stroke: s.color ?? fill, width: s.weight ?? 1,
    opacity: s.fillOpacity ?? 1 };
}

/** The first hit of this layer among the renderer's features under a click ({feature: {props}, layerName}):
 * {id} of a feature, {count} of a cell, or null when none of this layer's is there. */
export function picked(cfg, hits) {
  for (const hit of hits) {
    if (hit.layerName !== cfg.collection) { continue; }
    const props = hit.feature.props || {};
    const count = countOf(cfg, props);
    if (count !== null) { return { count }; }
    if (props.id !== undefined && props.id !== null) { return { id: String(props.id) }; }
  }
  return null;
}

/** The items API URL of one of the layer's features (its popup's data). */
export function itemUrl(cfg, id) {
  return cfg.url + "/" + encodeURIComponent(id);
}
