/* The drawn basemap's decisions, pure (tested in node): when a map gives up on its basemap tiles and
 * draws the city and its communes from craftmap's own data, whether to say so, when names show,
 * and how outlines are drawn. The Leaflet side is ui/basemap.js. */

/** Failed tiles before a map gives up on its basemap (one lost tile on a slow line is not "offline"). */
export const MIN_ERRORS = 2;
/** Commune names show from this zoom on (at city scale 114 names would cover the map). */
export const LABEL_ZOOM = 12;

/** Before any tile answered. A map without a tile layer (tiles = "none") draws its own basemap at once. */
export function start(tileLayers) {
  return { tiles: tileLayers > 0, loaded: 0, errors: 0, drawn: tileLayers === 0, noticed: false };
}

/**
 * After one tile loaded (`ok`) or failed: the next state and what to do now. `draw` and `notice` are
 * each true at most once per map: the fallback is drawn once and the visitor told once. Tiles count
 * as failing when at least MIN_ERRORS failed and more failed than loaded.
 */
export function step(state, ok) {
  const next = Object.assign({}, state, {
    loaded: state.loaded + (ok ? 1 : 0),
    errors: state.errors + (ok ? 0 : 1),
  });
  const failing = next.errors >= MIN_ERRORS && next.errors > next.loaded;
  const draw = failing && !state.drawn;
  const notice = failing && state.tiles && !state.noticed;
  if (draw) { next.drawn = true; }
  if (notice) { next.noticed = true; }
  return { state: next, draw, notice };
}

/** Whether commune names show at `zoom`. */
export function labelsShown(zoom, minZoom = LABEL_ZOOM) {
  return typeof zoom === "number" && zoom >= minZoom;
}

const LINE = { city: "#4b5d6e", commune: "#7d8c9b" };

/**
 * Leaflet path options of one outline: as the basemap (`drawn`: land filled, the sea is the map's
 * background) or as thin context lines over someone else's basemap.
 */
export function outlineStyle(kind, drawn) {
  const city = kind === "city";
  if (drawn) {
    return city ? { color: LINE.city, weight: 2, opacity: 1, fill: true, fillColor: "#f4f1e8", fillOpacity: 1 }
      : { color: LINE.commune, weight: 1, opacity: 1, fill: false };
  }
  return city ? { color: LINE.city, weight: 1.5, opacity: 0.8, fill: false }
    : { color: LINE.commune, weight: 0.8, opacity: 0.7, fill: false, dashArray: "3 3" };
}
