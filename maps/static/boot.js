/* craftmap map pages, first part: a classic script loaded before folium's inline script.
 *
 * folium's script calls craftmap.layer(map, cfg) and needs a Leaflet layer back at once (the layer
 * control lists it), but ES modules run only after the page is parsed. So this makes each layer's
 * empty group now and queues it; main.js (a module) fills the groups and adds the page controls.
 */
(function () {
  "use strict";
  var craftmap = window.craftmap || { pending: [], pendingPages: [], readyAt: null };
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
  window.craftmap = craftmap;
}());
