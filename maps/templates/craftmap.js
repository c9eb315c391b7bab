/* craftmap map pages (see maps/__init__.py).
 *
 * craftmap.layer(map, cfg) makes an empty Leaflet group and fills it from the API page by page;
 * craftmap.page(map, cfg) adds the legend, search, fullscreen, loading and time-filter controls.
 * Styles come from the tables of maps/styles.py; styleFor() applies them exactly as style_for() does.
 * Every text from data reaches the page through textContent: nothing from a record is parsed as HTML.
 */
(function () {
  "use strict";

  var state = { layers: [], page: null, map: null };
  var craftmap = { layers: state.layers, state: state, readyAt: null };
  var GOOD_PRECISION = { surveyed: true, digitized: true };

  /* ---------- small helpers ---------- */
  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== null && text !== undefined) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  /* Same folding as geo.text.fold: đ → d, no marks, lower case, single spaces. */
  function fold(text) {
    return String(text || "").replace(/[đĐðÐ]/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "")
      .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function words() { return (state.page && state.page.words) || {}; }
  function lang() { return (state.page && state.page.lang) || "vi"; }

  /* ---------- styles ---------- */
  function derived(key, p) {
    if (key === "leased_share") {
      var total = p.industrial_area_ha || p.planned_area_ha;
      if (p.leased_area_ha === null || p.leased_area_ha === undefined || !total) { return null; }
      return p.leased_area_ha / total;
    }
    return p[key] === undefined ? null : p[key];
  }

  function applyRule(rule, value) {
    if (value === null) { return rule.missing || {}; }
    if (rule.match) { return rule.match[String(value)] || {}; }
    if (typeof value !== "number") { return rule.missing || {}; }
    for (var i = 0; i < rule.breaks.length; i++) {
      if (rule.breaks[i][0] === null || value < rule.breaks[i][0]) { return rule.breaks[i][1]; }
    }
    return {};
  }

  function styleFor(table, props) {
    var style = Object.assign({}, table.base);
    table.rules.forEach(function (rule) { Object.assign(style, applyRule(rule, derived(rule.key, props || {}))); });
    return style;
  }

  /* ---------- popups and tooltips ---------- */
  function nameOf(layer, f) {
    var p = f.properties || {};
    return p[layer.cfg.nameField] || p.name || f.id;
  }

  function formatValue(field, value) {
    var labels = (state.page && state.page.labels[field.name]) || null;
    var loc = lang() === "en" ? "en-GB" : "vi-VN";
    if (Array.isArray(value)) {
      return value.filter(function (v) { return typeof v !== "object"; })
        .map(function (v) { return labels && labels[v] ? labels[v] : String(v); }).join(", ");
    }
    if (typeof value === "boolean") { return value ? words().yes : words().no; }
    if (typeof value === "number") {
      var text = value.toLocaleString(loc, { maximumFractionDigits: 2 });
      return /_vnd$/.test(field.name) ? text + " ₫" : text;
    }
    if (typeof value === "object") { return ""; }
    return labels && labels[value] ? labels[value] : String(value);
  }

  function badges(p, parent) {
    var box = el("div", "cm-badges", null, parent);
    var precision = p.location_precision;
    if (precision) {
      var label = (state.page && state.page.labels.location_precision[precision]) || precision;
      var badge = el("span", GOOD_PRECISION[precision] ? "cm-badge" : "cm-badge cm-badge-warn", label, box);
      badge.title = words().precision || "";
    }
    if (p.illustrative === true) { el("span", "cm-badge cm-badge-illustrative", words().illustrative, box); }
    return box;
  }

  function safeHref(address) {
    return /^https?:\/\//i.test(address || "") ? address : null;
  }

  function sourcesList(ids, parent) {
    if (!Array.isArray(ids) || !ids.length) { return; }
    var registry = (state.page && state.page.sources) || {};
    el("div", "cm-sources-title", words().sources, parent);
    var list = el("ul", "cm-sources", null, parent);
    ids.forEach(function (id) {
      var src = registry[id];
      var item = el("li", null, null, list);
      var title = src ? [src.title, src.publisher, src.date].filter(Boolean).join(" — ") : String(id);
      var href = src && safeHref(src.address);
      if (href) {
        var a = el("a", null, title, item);
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      } else {
        item.textContent = title;
      }
    });
  }

  function popupContent(layer, f) {
    var p = f.properties || {};
    var root = el("div", "cm-popup");
    el("div", "cm-popup-layer", layer.cfg.title, root);
    el("div", "cm-popup-name", nameOf(layer, f), root);
    badges(p, root);
    var table = el("table", "cm-fields", null, root);
    layer.cfg.fields.forEach(function (field) {
      var v = p[field.name];
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) { return; }
      var text = formatValue(field, v);
      if (!text) { return; }
      var row = el("tr", null, null, table);
      el("th", null, field.label, row);
      el("td", null, text, row);
    });
    sourcesList(p.sources, root);
    return root;
  }

  function tooltipContent(layer, f) {
    var p = f.properties || {};
    var root = el("div", "cm-tooltip");
    el("div", "cm-tooltip-name", nameOf(layer, f), root);
    if (!GOOD_PRECISION[p.location_precision] || p.illustrative === true) { badges(p, root); }
    return root;
  }

  /* ---------- layers ---------- */
  function ensurePanes(map) {
    [["cmAdmin", 350], ["cmAreas", 410], ["cmPoints", 450]].forEach(function (pane) {
      if (!map.getPane(pane[0])) { map.createPane(pane[0]).style.zIndex = String(pane[1]); }
    });
  }

  function pointMarker(layer, style, latlng) {
    if (layer.cfg.marker === "pin") {
      var dot = el("span", "cm-pin-dot");
      dot.style.background = style.fillColor;
      dot.style.borderColor = style.color;
      var size = 2 * style.radius;
      /* Above facility clusters, which share the marker pane. */
      return L.marker(latlng, { icon: L.divIcon({ className: "cm-pin", html: dot, iconSize: [size, size] }),
                                zIndexOffset: 1000 });
    }
    return L.circleMarker(latlng, style);
  }

  function toLeaflet(layer, f) {
    var style = styleFor(layer.cfg.style, f.properties);
    style.pane = layer.cfg.pane;
    /* Path options double as geometryToLayer options, so polygons get their style and pane at birth. */
    var leaf = L.GeoJSON.geometryToLayer(f, Object.assign({
      pointToLayer: function (_feature, latlng) { return pointMarker(layer, style, latlng); }
    }, style));
    leaf.feature = f;
    leaf.bindPopup(function () { return popupContent(layer, f); }, { maxWidth: 340, minWidth: 220 });
    leaf.bindTooltip(function () { return tooltipContent(layer, f); }, { sticky: !layer.cfg.points });
    return leaf;
  }

  function passes(layer, entry) {
    var t = layer.cfg.time;
    if (!t || layer.filter === null) { return true; }
    var p = entry.feature.properties || {};
    if (t.kind === "year_range") {
      var start = p[t.start];
      var end = p[t.end] === null || p[t.end] === undefined ? start : p[t.end];
      return start !== null && start !== undefined && start <= layer.filter && layer.filter <= end;
    }
    var date = p[t.field];
    return typeof date === "string" && parseInt(date.slice(0, 4), 10) === layer.filter;
  }

  function addFeatures(layer, features) {
    var fresh = [];
    features.forEach(function (f) {
      if (!f.geometry) { layer.skipped += 1; return; }
      var entry = { feature: f, leaf: toLeaflet(layer, f), key: fold(nameOf(layer, f)) };
      layer.entries.push(entry);
      layer.byId[String(f.id)] = entry;
      if (passes(layer, entry)) { fresh.push(entry.leaf); }
    });
    if (layer.cfg.cluster) { layer.group.addLayers(fresh); } else { fresh.forEach(function (l) { layer.group.addLayer(l); }); }
  }

  function withQuery(url, query) {
    var u = new URL(url, window.location.href);
    Object.keys(query || {}).forEach(function (k) { u.searchParams.set(k, query[k]); });
    return u.toString();
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  /* Follows rel=next links; the next page is requested before this one is drawn, so the server
     and the browser work at the same time. */
  function fetchPages(layer, pending) {
    return pending.then(function (doc) {
      var single = doc.type === "Feature";
      if (layer.matched === null) { layer.matched = single ? 1 : (doc.numberMatched === undefined ? null : doc.numberMatched); }
      var next = (doc.links || []).filter(function (l) { return l.rel === "next"; })[0];
      var following = next ? getJSON(next.href) : null;
      addFeatures(layer, single ? [doc] : (doc.features || []));
      return following ? fetchPages(layer, following) : null;
    });
  }

  craftmap.layer = function (map, cfg) {
    state.map = map;
    ensurePanes(map);
    var group = cfg.cluster
      ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 30,
                              disableClusteringAtZoom: 15 })
      : L.featureGroup();
    var layer = { cfg: cfg, group: group, entries: [], byId: {}, matched: null, skipped: 0, done: false,
                  error: null, filter: null };
    group.cmLayer = layer;
    state.layers.push(layer);
    var query = cfg.url.indexOf("/items/") >= 0 ? {} : cfg.query;
    layer.promise = fetchPages(layer, getJSON(withQuery(cfg.url, query))).then(
      function () { layer.done = true; },
      function (err) { layer.done = true; layer.error = String(err); }
    );
    return group;
  };

  craftmap.styleFor = styleFor;
  craftmap.fold = fold;

  /* What the tests and the benchmark read: per layer, features drawn and features the API matched. */
  craftmap.counts = function () {
    return state.layers.map(function (l) {
      return { title: l.cfg.title, collection: l.cfg.collection, drawn: l.entries.length,
               shown: l.group.getLayers().length, matched: l.matched, skipped: l.skipped, done: l.done,
               error: l.error, onMap: !!(state.map && state.map.hasLayer(l.group)) };
    });
  };

  craftmap.find = function (collection, id) {
    for (var i = 0; i < state.layers.length; i++) {
      var l = state.layers[i];
      if (l.cfg.collection === collection && l.byId[String(id)]) { return { layer: l, entry: l.byId[String(id)] }; }
    }
    return null;
  };

  /* Show one feature: its layer on, its time filter cleared, zoomed in, popup open. */
  craftmap.focus = function (layer, entry, done) {
    var map = state.map;
    if (!map.hasLayer(layer.group)) { map.addLayer(layer.group); }
    if (!layer.group.hasLayer(entry.leaf) && layer.filter !== null) { setFilter(layer, null); }
    var open = function () { entry.leaf.openPopup(); if (done) { done(); } };
    if (layer.cfg.cluster) { layer.group.zoomToShowLayer(entry.leaf, open); return; }
    if (entry.leaf.getBounds) {
      map.fitBounds(entry.leaf.getBounds(), { maxZoom: 16, animate: false });
      entry.leaf.openPopup(entry.leaf.getBounds().getCenter());
      if (done) { done(); }
      return;
    }
    map.setView(entry.leaf.getLatLng(), Math.max(map.getZoom(), 15), { animate: false });
    open();
  };

  function setFilter(layer, value) {
    layer.filter = value;
    layer.group.clearLayers();
    var keep = layer.entries.filter(function (e) { return passes(layer, e); }).map(function (e) { return e.leaf; });
    if (layer.cfg.cluster) { layer.group.addLayers(keep); } else { keep.forEach(function (l) { layer.group.addLayer(l); }); }
    if (layer.selectBox) { layer.selectBox.value = value === null ? "" : String(value); }
  }
  craftmap.setFilter = setFilter;

  /* ---------- page controls ---------- */
  function swatch(style, parent) {
    var s = el("span", "cm-swatch", null, parent);
    s.style.background = style.fill === false || style.fillOpacity === 0 ? "transparent" : (style.fillColor || "transparent");
    s.style.borderColor = style.color || "#333";
    if (style.dashArray) { s.style.borderStyle = "dashed"; }
    if (style.radius) {
      var d = Math.min(2 * style.radius, 28);
      s.style.width = d + "px";
      s.style.height = d + "px";
      s.style.borderRadius = "50%";
    }
    return s;
  }

  var Legend = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      this.box = el("div", "cm-legend leaflet-bar");
      L.DomEvent.disableScrollPropagation(this.box);
      L.DomEvent.disableClickPropagation(this.box);
      this.update();
      return this.box;
    },
    update: function () {
      var box = this.box;
      box.textContent = "";
      el("div", "cm-legend-title", words().legend, box);
      var seen = {};
      state.layers.forEach(function (l) {
        if (!state.map.hasLayer(l.group) || seen[l.cfg.collection]) { return; }
        seen[l.cfg.collection] = true;
        var section = el("div", "cm-legend-section", null, box);
        el("div", "cm-legend-layer", l.cfg.title, section);
        l.cfg.legend.forEach(function (row) {
          var line = el("div", "cm-legend-row", null, section);
          swatch(row.style, line);
          el("span", null, row.label, line);
        });
      });
    }
  });

  var Fullscreen = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var bar = el("div", "leaflet-bar cm-fullscreen-bar");
      var button = el("a", "cm-fullscreen-button", null, bar);
      el("i", "fa-solid fa-expand", null, button).setAttribute("aria-hidden", "true");
      button.href = "#";
      button.title = words().fullscreen;
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", words().fullscreen);
      L.DomEvent.on(button, "click", function (ev) {
        L.DomEvent.preventDefault(ev);
        var box = map.getContainer();
        var on = !box.classList.contains("cm-fullscreen");
        box.classList.toggle("cm-fullscreen", on);
        if (on && box.requestFullscreen) { box.requestFullscreen().catch(function () { return null; }); }
        if (!on && document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen(); }
        setTimeout(function () { map.invalidateSize(); }, 50);
      });
      return bar;
    }
  });

  function searchResults(query) {
    var q = fold(query);
    var out = [];
    if (q.length < 2) { return out; }
    state.layers.forEach(function (l) {
      l.entries.forEach(function (e) {
        if (out.length < 25 && e.key.indexOf(q) >= 0) { out.push({ layer: l, entry: e }); }
      });
    });
    return out;
  }

  var Search = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function () {
      var box = el("div", "cm-search leaflet-bar");
      var input = el("input", "cm-search-input", null, box);
      input.type = "search";
      input.placeholder = words().search;
      input.setAttribute("aria-label", words().search);
      var list = el("ul", "cm-search-results", null, box);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      input.addEventListener("input", function () {
        list.textContent = "";
        if (fold(input.value).length < 2) { return; }
        var found = searchResults(input.value);
        if (!found.length) { el("li", "cm-search-empty", words().no_results, list); }
        found.forEach(function (hit) {
          var item = el("li", null, null, list);
          var button = el("button", "cm-search-hit", null, item);
          button.type = "button";
          el("span", "cm-search-name", nameOf(hit.layer, hit.entry.feature), button);
          el("span", "cm-search-layer", hit.layer.cfg.title, button);
          button.addEventListener("click", function () { craftmap.focus(hit.layer, hit.entry); });
        });
      });
      return box;
    }
  });

  var TimeFilter = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () {
      this.box = el("div", "cm-time leaflet-bar");
      L.DomEvent.disableClickPropagation(this.box);
      return this.box;
    },
    addLayer: function (layer) {
      var t = layer.cfg.time;
      var years = {};
      layer.entries.forEach(function (e) {
        var p = e.feature.properties || {};
        if (t.kind === "year_range" && typeof p[t.start] === "number") {
          var end = typeof p[t.end] === "number" ? p[t.end] : p[t.start];
          for (var y = p[t.start]; y <= end && y - p[t.start] < 60; y++) { years[y] = true; }
        } else if (t.kind === "date_year" && typeof p[t.field] === "string") {
          years[parseInt(p[t.field].slice(0, 4), 10)] = true;
        }
      });
      var label = el("label", "cm-time-row", null, this.box);
      el("span", null, words()[t.label] || layer.cfg.title, label);
      var select = el("select", "cm-time-select", null, label);
      select.setAttribute("data-collection", layer.cfg.collection);
      el("option", null, words().all_years, select).value = "";
      Object.keys(years).map(Number).sort().forEach(function (y) { el("option", null, y, select).value = String(y); });
      layer.selectBox = select;
      select.addEventListener("change", function () { setFilter(layer, select.value === "" ? null : Number(select.value)); });
    }
  });

  var Status = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () { this.box = el("div", "cm-status", words().loading); return this.box; }
  });

  craftmap.page = function (map, cfg) {
    state.page = cfg;
    state.map = map;
    if (cfg.fit) { map.fitBounds(cfg.fit, { maxZoom: 16 }); }
    var legend = new Legend();
    map.addControl(new Search());
    map.addControl(new Fullscreen());
    map.addControl(legend);
    var status = new Status();
    map.addControl(status);
    map.on("overlayadd overlayremove", function () { legend.update(); });
    var timeFilter = null;
    var started = performance.now();
    craftmap.ready = Promise.all(state.layers.map(function (l) { return l.promise; })).then(function () {
      var failed = state.layers.filter(function (l) { return l.error; });
      status.box.textContent = failed.length
        ? words().load_failed + ": " + failed.map(function (l) { return l.cfg.title; }).join(", ") : "";
      status.box.classList.toggle("cm-status-error", failed.length > 0);
      state.layers.forEach(function (l) {
        if (!l.cfg.time || !l.entries.length) { return; }
        if (!timeFilter) { timeFilter = new TimeFilter(); map.addControl(timeFilter); }
        timeFilter.addLayer(l);
      });
      if (cfg.single && !cfg.fit) {
        var bounds = L.latLngBounds([]);
        state.layers.forEach(function (l) { if (l.cfg.collection !== "admin_units" && l.entries.length) { bounds.extend(l.group.getBounds()); } });
        if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 15 }); }
      }
      craftmap.readyAt = performance.now();
      craftmap.loadMs = craftmap.readyAt - started;
      document.documentElement.setAttribute("data-cm-ready", failed.length ? "error" : "ok");
    });
  };

  window.craftmap = craftmap;
}());
