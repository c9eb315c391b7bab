/* Leaflet's own buttons in the page's language (Leaflet names them in English), on every map. */
const NAMES = [[".leaflet-control-zoom-in", "zoom_in"], [".leaflet-control-zoom-out", "zoom_out"],
  [".leaflet-control-layers-toggle", "map_layers"]];

export function localise(map, words) {
  const box = map.getContainer();
  for (const [selector, key] of NAMES) {
    for (const button of box.querySelectorAll(selector)) {
      button.title = words[key];
      button.setAttribute("aria-label", words[key]);
    }
  }
}
