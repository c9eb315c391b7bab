/* Areas as craftmap measures them: VN-2000 / UTM zone 48N (EPSG:3405), a Transverse Mercator on the
 * WGS 84 ellipsoid, central meridian 105° E, scale 0.9996. The datum shift to VN-2000 moves points by
 * some hundred metres but changes areas by less than a millionth, so lon/lat are projected directly
 * (tests/js/area.test.mjs holds this to pyproj's areas within 0.1 %). Pure: no DOM, no Leaflet. */

const A = 6378137.0;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const EP2 = E2 / (1 - E2);
const K0 = 0.9996;
const LON0 = 105 * Math.PI / 180;
const RAD = Math.PI / 180;
export const AREA_TOLERANCE = 0.05;  // geo/records/loader.py AREA_TOLERANCE: the loader's 5 % warning

function meridianArc(phi) {
  const e4 = E2 * E2;
  const e6 = e4 * E2;
  return A * ((1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
    - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * Math.sin(2 * phi)
    + (15 * e4 / 256 + 45 * e6 / 1024) * Math.sin(4 * phi)
    - (35 * e6 / 3072) * Math.sin(6 * phi));
}

/** [lon, lat] in degrees → [x, y] in metres (Snyder's series, false easting left out: areas only). */
export function project(lon, lat) {
  const phi = lat * RAD;
  const sin = Math.sin(phi);
  const cos = Math.cos(phi);
  const tan = Math.tan(phi);
  const n = A / Math.sqrt(1 - E2 * sin * sin);
  const t = tan * tan;
  const c = EP2 * cos * cos;
  const a = (lon * RAD - LON0) * cos;
  const x = K0 * n * (a + (1 - t + c) * a ** 3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * EP2) * a ** 5 / 120);
  const y = K0 * (meridianArc(phi) + n * tan * (a * a / 2 + (5 - t + 9 * c + 4 * c * c) * a ** 4 / 24
    + (61 - 58 * t + t * t + 600 * c - 330 * EP2) * a ** 6 / 720));
  return [x, y];
}

/** Area of one ring of [lon, lat] positions in m² (shoelace on the projected ring; sign dropped). */
export function ringArea(ring) {
  const pts = ring.map(([lon, lat]) => project(lon, lat));
  let sum = 0;
  for (let i = 0; i < pts.length; i += 1) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

function polygonArea(rings) {
  if (!rings.length) { return 0; }
  return rings.slice(1).reduce((area, hole) => area - ringArea(hole), ringArea(rings[0]));
}

/** Area in hectares of a GeoJSON Polygon or MultiPolygon; null for other geometries or none. */
export function areaHa(geometry) {
  if (!geometry || !Array.isArray(geometry.coordinates)) { return null; }
  if (geometry.type === "Polygon") { return polygonArea(geometry.coordinates) / 10000; }
  if (geometry.type === "MultiPolygon") {
    return geometry.coordinates.reduce((sum, rings) => sum + polygonArea(rings), 0) / 10000;
  }
  return null;
}

/** True when the drawn and the declared area differ by more than the loader's 5 % (of the declared). */
export function areaDisagrees(drawn, declared, tolerance = AREA_TOLERANCE) {
  if (drawn === null || drawn === undefined || !declared) { return false; }
  return Math.abs(drawn - declared) / declared > tolerance;
}
