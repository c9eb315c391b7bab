/* The workspace list: the filter narrows every table as one types, ignoring accents (core/fold.js, the
 * same fold as the server's ?q=), and a map shows the listed records, each linked to its form. */
import { fold } from "../core/fold.js";

const L = window.L;
const input = document.getElementById("ws-q");

function filter() {
  const wanted = fold(input.value);
  document.querySelectorAll(".ws-section").forEach((section) => {
    let shown = 0;
    section.querySelectorAll("tbody tr").forEach((row) => {
      const hit = row.dataset.key.includes(wanted);
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    const count = section.querySelector(".ws-shown");
    if (count) { count.textContent = String(shown); }
  });
}

function drawMap() {
  const box = document.getElementById("ws-list-map");
  const data = JSON.parse(document.getElementById("ws-list-data").textContent);
  const map = L.map(box, { center: [20.86, 106.68], zoom: 10 });
  const layer = L.geoJSON(data, {
    style: () => ({ color: "#1f3b57", weight: 2 }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: "#1f3b57", fillOpacity: 0.7 }),
    onEachFeature: (f, item) => {
      const link = document.createElement("a");
      link.href = f.properties.href;
      link.textContent = f.properties.name;  // text, never parsed as HTML
      item.bindPopup(link);
    },
  }).addTo(map);
  if (layer.getLayers().length) { map.fitBounds(layer.getBounds(), { maxZoom: 16 }); }
  return map;
}

input.addEventListener("input", filter);
window.craftmapWorkspace = { map: drawMap() };
document.documentElement.setAttribute("data-cm-ready", "ok");
