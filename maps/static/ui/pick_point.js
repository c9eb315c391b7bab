// Site search: a click on the map picks the point of origin. It fills the form's lon and lat fields,
// clears the village choice (one origin only) and marks the point; the form is then sent as usual,
// so the URL carries the point and the same link gives the same answer.
const form = document.getElementById("analysis-form");
const map = window.craftmap && window.craftmap.pickMap;

if (form && map && form.elements.lon && form.elements.lat) {
  let marker = null;
  map.on("click", (event) => {
    form.elements.lon.value = event.latlng.lng.toFixed(6);
    form.elements.lat.value = event.latlng.lat.toFixed(6);
    if (form.elements.village) form.elements.village.value = "";
    if (marker) marker.setLatLng(event.latlng);
    else marker = window.L.circleMarker(event.latlng, { radius: 8, color: "#1f3b57" }).addTo(map);
  });
}
