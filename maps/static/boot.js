/* craftmap map pages, first part: a classic script loaded before folium's inline script.
 *
 * folium's script calls craftmap.layer(map, cfg) and needs a Leaflet layer back at once (the layer
 * control lists it), but ES modules run only after the page is parsed. So this makes each layer's
 * empty group now and queues it; main.js (a module) fills the groups and adds the page controls.
 */
(function () {
  "use strict";
  var craftmap = window.craftmap || { pending: [], pendingPages: [], pendingBasemaps: [], readyAt: null };
  craftmap.layer = function (map, cfg) {
    /* A layer drawn from vector tiles (maps/static/ui/tiles.js) holds one canvas tile layer. */
    var group = cfg.tiles ? L.layerGroup() : (cfg.cluster ? L.markerClusterGroup(cfg.clusterOptions) : L.featureGroup());
    craftmap.pending.push({ map: map, cfg: cfg, group: group });
    return group;
  };
  craftmap.page = function (map, cfg) {
    craftmap.startedAt = performance.now();
    craftmap.pendingPages.push({ map: map, cfg: cfg });
  };
  /* The basemap's tile events start before main.js runs: count them from the first tile on
   * (main.js replays them into ui/basemap.js, which decides whether to draw the fallback). */
  craftmap.basemap = function (map, cfg) {
    var entry = { map: map, cfg: cfg, tiles: [], events: [], listener: null };
    var record = function (ok) { if (entry.listener) { entry.listener(ok); } else { entry.events.push(ok); } };
    map.eachLayer(function (layer) {
      if (!(layer instanceof L.TileLayer)) { return; }
      entry.tiles.push(layer);
      layer.on("tileload", function () { record(true); });
      layer.on("tileerror", function () { record(false); });
    });
    craftmap.pendingBasemaps.push(entry);
  };
  /* On a phone the layer list starts folded behind its button, so the map is not hidden under it. */
  L.Control.Layers.addInitHook(function () {
    if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) { this.options.collapsed = true; }
  });
  window.craftmap = craftmap;
}());
