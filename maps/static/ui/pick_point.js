// Site search: a click on the map picks the point of origin. It fills the form's lon and lat fields,
// clears the village choice (one origin only) and marks the point; the form is then sent as usual,
// so the URL carries the point and the same link gives the same answer. The click is read on the map's
// element, so a click on an outline (which opens its popup) picks the point too; controls and popups don't.
const form = document.getElementById("analysis-form");
const map = window.craftmap && window.craftmap.pickMap;

function pick(event) {
  if (event.target.closest(".leaflet-control, .leaflet-popup")) return;
  if (map.dragging && map.dragging.moved()) return; // the end of a pan, not a pick
  const at = map.mouseEventToLatLng(event);
  form.elements.lon.value = at.lng.toFixed(6);
  form.elements.lat.value = at.lat.toFixed(6);
  if (form.elements.village) form.elements.village.value = "";
  if (pick.marker) pick.marker.setLatLng(at);
  else pick.marker = window.L.circleMarker(at, { radius: 8, color: "#1f3b57", interactive: false }).addTo(map);
}

if (form && map && form.elements.lon && form.elements.lat) {
  map.getContainer().addEventListener("click", pick);
}
