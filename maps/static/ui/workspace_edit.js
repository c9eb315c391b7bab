/* The edit form's map: draw or edit the record's geometry with Leaflet-Geoman (served by the app), vertices
 * draggable, a plot snapping to its cluster's outline; the area in ha live in EPSG:3405 (core/area.js) next
 * to the declared area, warned like the loader beyond 5 %. The geometry lives in the form's GeoJSON textarea,
 * so the form posts the same without this script. Sets <html data-cm-ready="ok"> when the map is up. */
import { areaDisagrees, areaHa } from "../core/area.js";
import { GEOMAN_VI } from "./geoman_vi.js";
import { wireLists } from "./workspace_lists.js";

const L = window.L;
const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const box = document.getElementById("ws-map");
const text = document.getElementById("f-geometry");
const kind = box.dataset.geometryType;
const single = kind === "Point" || kind === "Polygon";
const polygonal = kind.endsWith("Polygon");
const lang = document.documentElement.lang === "en" ? "en" : "vi";
const fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

const map = L.map(box, { center: [20.86, 106.68], zoom: 11, keyboard: true });
const tiles = box.dataset.tiles === "OpenStreetMap" ? OSM : box.dataset.tiles;
if (tiles && tiles.includes("{z}")) {
  L.tileLayer(tiles, { attribution: box.dataset.attribution || "© OpenStreetMap contributors", maxZoom: 19 }).addTo(map);
}
const outlineStyle = { color: "#37474f", weight: 2, dashArray: "5 4", fill: true, fillOpacity: 0.04 };
const outlines = L.geoJSON(JSON.parse(document.getElementById("ws-outlines").textContent), {
  pmIgnore: true, snapIgnore: false, style: () => outlineStyle,
  onEachFeature: (f, layer) => layer.bindTooltip(`${box.dataset.outlineLabel}: ${f.properties.name}`),
}).addTo(map);
const drawn = L.featureGroup().addTo(map);

function geometryOf() {
  const parts = drawn.getLayers().map((layer) => layer.toGeoJSON().geometry);
  if (!parts.length) { return null; }
  if (kind === "Point" || kind === "Polygon") { return parts[parts.length - 1]; }
  if (kind === "MultiPoint") { return { type: "MultiPoint", coordinates: parts.map((g) => g.coordinates) }; }
  const polygons = parts.flatMap((g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates));
  return { type: "MultiPolygon", coordinates: polygons };
}

function declared() {
  const input = box.dataset.declaredField ? document.getElementById(`f-${box.dataset.declaredField}`) : null;
  const value = input ? Number(String(input.value).replace(",", ".")) : NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}

function showArea(geometry) {
  const line = document.getElementById("ws-area");
  const warning = document.getElementById("ws-area-warning");
  const ha = polygonal ? areaHa(geometry) : null;
  const wanted = declared();
  line.textContent = ha === null ? "" : `${line.dataset.label}: ${fmt.format(ha)} ha`
    + (wanted === null ? "" : ` · ${line.dataset.declaredLabel}: ${fmt.format(wanted)} ha`);
  line.dataset.ha = ha === null ? "" : String(ha);
  warning.hidden = !areaDisagrees(ha, wanted);
}

function sync() {
  const geometry = geometryOf();
  text.value = geometry ? JSON.stringify(geometry) : "";
  showArea(geometry);
}

function adopt(layer) {
  layer.on("pm:edit pm:dragend pm:markerdragend pm:vertexremoved", sync);
  if (layer.pm && !(layer instanceof L.Marker)) { layer.pm.enable({ snappable: true, snapDistance: 20 }); }
  drawn.addLayer(layer);
}

function load() {
  drawn.clearLayers();
  let geometry = null;
  try { geometry = text.value.trim() ? JSON.parse(text.value) : null; } catch (err) { geometry = null; }
  if (geometry && geometry.type === "MultiPoint") {
    geometry.coordinates.forEach(([lon, lat]) => adopt(L.marker([lat, lon])));
  } else if (geometry && geometry.type) {
    L.geoJSON(geometry).eachLayer(adopt);
  }
  showArea(geometry);
}

function clusterOutline() {
  const select = document.getElementById("f-cluster_id");
  const chosen = select ? select.value : "";
  let found = null;
  outlines.eachLayer((layer) => {
    const mine = layer.feature.properties.id === chosen;
    layer.setStyle(mine ? { ...outlineStyle, color: "#c2185b", weight: 3 } : outlineStyle);
    if (mine) { found = layer; }
  });
  return found;
}

function fit() {
  const cluster = clusterOutline();
  let target = drawn.getLayers().length ? drawn.getBounds() : null;
  if (cluster) { target = target ? target.extend(cluster.getBounds()) : cluster.getBounds(); }
  if (target) { map.fitBounds(target, { maxZoom: 18, padding: [30, 30] }); }
  else if (outlines.getLayers().length) { map.fitBounds(outlines.getBounds()); }
}

map.pm.setGlobalOptions({ snappable: true, snapDistance: 20 });
if (lang === "vi") { map.pm.setLang("vi", GEOMAN_VI, "en"); }
map.pm.addControls({
  position: "topleft", drawMarker: !polygonal, drawPolygon: polygonal, drawRectangle: polygonal,
  drawPolyline: false, drawCircle: false, drawCircleMarker: false, drawText: false, cutPolygon: false,
  rotateMode: false, editMode: true, dragMode: true, removalMode: true,
});
box.querySelectorAll(".leaflet-pm-toolbar a.leaflet-buttons-control-button").forEach((button) => {
  const named = button.closest("[title]");  // Geoman titles the button's box, not the link itself
  if (named && !button.getAttribute("aria-label")) { button.setAttribute("aria-label", named.title); }
});
map.on("pm:create", (e) => {
  if (single) { drawn.clearLayers(); }
  map.removeLayer(e.layer);
  adopt(e.layer);
  sync();
});
map.on("pm:remove", (e) => { drawn.removeLayer(e.layer); sync(); });
text.addEventListener("change", () => { load(); fit(); });
const cluster = document.getElementById("f-cluster_id");
if (cluster) { cluster.addEventListener("change", () => { if (!drawn.getLayers().length) { fit(); } else { clusterOutline(); } }); }
const declaredInput = box.dataset.declaredField ? document.getElementById(`f-${box.dataset.declaredField}`) : null;
if (declaredInput) { declaredInput.addEventListener("input", () => showArea(geometryOf())); }
wireLists(document.getElementById("ws-form"));
load();
fit();
window.craftmapWorkspace = { map, drawn, outlines, geometry: geometryOf };
document.documentElement.setAttribute("data-cm-ready", "ok");
