/* Offline incident map: builds the basemap, markers, clusters, popups, legend and labels
 * from JSON embedded in the page and the shipped basemap (basemap.js). Every string from
 * the data is put into the DOM with textContent, or HTML-escaped where Leaflet wants HTML. */
(function () {
  "use strict";

  var SCHEME = /^[a-z][a-z0-9+.\-]*:/i;
  var COLOUR = /^#[0-9a-f]{6}$/i;
  /* geo_precision 2 and 3: the incident is known to an area, drawn as a circle this size. */
  var AREAS = {
    2: {radius: 1500, text: "district or area, within about 1.5 km"},
    3: {radius: 5000, text: "town or city, within about 5 km"}
  };
  function areaFor(precision) {   // anything vaguer than a town is drawn as a town
    return precision >= 3 ? AREAS[3] : AREAS[precision];
  }
  var STATUS = {
    claimed: "claimed", attributed: "attributed", suspected: "suspected",
    denied: "denied only", "": "no claim or attribution"
  };
  /* Label kinds: which zooms show them and, when two collide, which gives way (lower wins). */
  var LABELS = {
    landmark: {min: 12, max: 18, rank: 1},
    district: {min: 10, max: 18, rank: 2},
    city: {min: 5, max: 10, rank: 3},
    governorate: {min: 5, max: 8, rank: 4}
  };

  function safeUrl(url) {
    if (typeof url !== "string" || url === "") { return null; }
    var bare = url.replace(/[\u0000-\u0020\u007f]/g, "");
    if (!SCHEME.test(bare)) { return url; }
    return /^https?:/i.test(bare) ? url : null;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function link(text, url, external) {
    var href = safeUrl(url);
    if (!href) { return el("span", null, text); }
    var a = el("a", null, text);
    a.setAttribute("href", href);
    a.setAttribute("target", external ? "_blank" : "_top");
    if (external) { a.setAttribute("rel", "noopener noreferrer"); }
    return a;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"'`]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  function colourOf(layer) {
    return COLOUR.test(layer[1]) ? layer[1] : "#7f7f7f";
  }

  function statusOf(text) {
    return STATUS.hasOwnProperty(text) ? text : "";
  }

  /* Row layout (see generator/maps.py): id, title, date, kind, lat, lon, precision, killed,
   * wounded, url, layer, attributions, sources, status, place, launch. */
  function decode(data, row) {
    var s = data.strings;
    var date = s[row[2]];
    var id = Array.isArray(row[0]) ? row[0][0] : date + "-" + row[0];
    var url = typeof row[9] === "number" ? data.urlTemplate[0] + id + data.urlTemplate[1] : row[9];
    var attrs = (row[11] || []).map(function (i) {
      var a = data.attributions[i];
      return {actor: a[0], actorUrl: a[1], status: a[2], by: a[3]};
    });
    var sources = (row[12] || []).map(function (i) {
      var src = data.sources[i];
      return {label: src[0], url: src[1], original: src[2]};
    });
    return {id: id, title: row[1], date: date, kind: s[row[3]], precision: row[6],
      killed: s[row[7]], wounded: s[row[8]], url: url, attributions: attrs, sources: sources,
      status: statusOf(s[row[13]]), place: s[row[14]], launch: row[15] || null};
  }

  function count(value) {
    return value ? String(value).replace("-", "\u2013") : "unknown";
  }

  function placeText(p) {
    var area = areaFor(p.precision);
    var where = p.place || "coordinates as given";
    return where + " (" + (area ? area.text : "exact location") + ")";
  }

  function line(root, cls, label, text) {
    var div = el("div", cls);
    div.appendChild(el("span", "im-key", label + ": "));
    if (typeof text === "string") { div.appendChild(document.createTextNode(text)); }
    else { div.appendChild(text); }
    root.appendChild(div);
  }

  function attributionItem(a) {
    var li = el("li");
    li.appendChild(link(a.actor, a.actorUrl, false));
    li.appendChild(document.createTextNode(" \u2014 " + a.status + (a.by ? " (by " + a.by + ")" : "")));
    return li;
  }

  function sourceList(sources) {
    var ul = el("ul", "im-sources");
    sources.forEach(function (src) {
      var li = el("li");
      li.appendChild(link(src.label || src.url, src.url, !!SCHEME.test(src.url || "")));
      if (safeUrl(src.original)) {
        li.appendChild(document.createTextNode(" \u00b7 "));
        li.appendChild(link("original", src.original, true));
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function buildPopup(data, row) {
    var p = decode(data, row);
    var root = el("div", "im-popup");
    root.appendChild(el("div", "im-meta", p.date + " \u00b7 " + p.kind));
    var title = el("div", "im-title");
    title.appendChild(link(p.title, p.url, false));
    root.appendChild(title);
    line(root, "im-place", "Place", placeText(p));
    if (p.launch) { line(root, "im-launch", "Launched from", p.launch[2] || "a launch site"); }
    line(root, "im-casualties", "Killed", count(p.killed) + " \u00b7 Wounded: " + count(p.wounded));
    root.appendChild(el("div", "im-key im-ledger-title", "The ledger: " + STATUS[p.status]));
    if (p.attributions.length) {
      var ul = el("ul", "im-attributions");
      p.attributions.forEach(function (a) { ul.appendChild(attributionItem(a)); });
      root.appendChild(ul);
    }
    if (p.sources.length) {
      root.appendChild(el("div", "im-key", "Sources:"));
      root.appendChild(sourceList(p.sources));
    }
    return root;
  }

  /* ------------------------------------------------------------ markers and clusters */

  function clusterIcon(colour) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var inner = el("div", "im-cluster-inner");
      inner.style.backgroundColor = colour;
      var shown = el("span", "im-cluster-count", n);
      shown.setAttribute("aria-hidden", "true");
      inner.appendChild(shown);
      inner.appendChild(el("span", "im-visually-hidden", n + (n === 1 ? " incident" : " incidents")));
      var size = n < 10 ? 30 : (n < 100 ? 36 : 44);
      return L.divIcon({html: inner, className: "marker-cluster im-cluster", iconSize: L.point(size, size)});
    };
  }

  /* A circle marker that a keyboard can reach: focusable, named, opened with Enter. */
  var IncidentMarker = L.CircleMarker.extend({
    onAdd: function (map) {
      L.CircleMarker.prototype.onAdd.call(this, map);
      var path = this._path;
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", this.incidentRow[1]);
      path.incidentMarker = this;
    }
  });

  var MARKER_STYLE = {
    claimed: {fillOpacity: 1, weight: 2.5},
    attributed: {fillOpacity: 0.85, weight: 1.5},
    suspected: {fillOpacity: 0.35, weight: 2},
    denied: {fillOpacity: 0.05, weight: 2, dashArray: "3 2"},
    "": {fillOpacity: 0.05, weight: 2, dashArray: "3 2"}
  };

  function makeMarker(data, row, colour) {
    var status = statusOf(data.strings[row[13]]);
    var style = MARKER_STYLE[status];
    var hollow = style.fillOpacity < 0.5;
    var marker = new IncidentMarker([row[4], row[5]], {
      radius: 7, color: hollow ? colour : "#ffffff", weight: style.weight, fillColor: colour,
      fillOpacity: style.fillOpacity, dashArray: style.dashArray || null,
      className: "im-marker im-status-" + (status || "none") + (areaFor(row[6]) ? " im-imprecise" : "")
    });
    marker.incidentRow = row;
    return marker;
  }

  function openPopup(marker, data) {
    if (!marker.getPopup()) {
      marker.bindPopup(function () { return buildPopup(data, marker.incidentRow); },
        {maxWidth: 320, autoPanPaddingTopLeft: L.point(10, 40)});
    }
    marker.openPopup();
  }

  /* Tooltips and popups are bound on first use: binding 20,000 up front is slow. The click
   * is stopped here, or it would reach the map, which closes the popup it just opened (and
   * folds a fanned-out stack away): the first click on a marker must open its popup. */
  function bindLazily(group, data) {
    group.on("mouseover", function (e) {
      var marker = e.layer, row = marker.incidentRow;
      if (!row || marker.getTooltip()) { return; }
      marker.bindTooltip(function () { return el("span", "im-tooltip", row[1]); }, {direction: "top"});
      marker.openTooltip();
    });
    group.on("click", function (e) {
      var marker = e.layer;
      if (!marker.incidentRow) { return; }
      L.DomEvent.stop(e);
      openPopup(marker, data);
    });
  }

  function keyboard(map, data) {
    var container = map.getContainer(), open = null;
    map.on("popupopen", function (e) { open = e.popup; });
    map.on("popupclose", function () { open = null; });
    L.DomEvent.on(container, "keydown", function (e) {
      if (e.key === "Escape" && open) {   // Leaflet's own Escape works only with the map focused
        map.closePopup();
        return;
      }
      var marker = e.target && e.target.incidentMarker;
      if (!marker || (e.key !== "Enter" && e.key !== " ")) { return; }
      L.DomEvent.stop(e);
      openPopup(marker, data);
      var first = marker.getPopup().getElement().querySelector("a");
      if (first) { first.focus(); }
      marker.once("popupclose", function () {
        if (marker._path && document.body.contains(marker._path)) { marker._path.focus(); }
      });
    });
  }

  /* ------------------------------------------------------------ areas and launch lines */

  /* Incidents at one spot with one precision share one area, so a stack does not darken it. */
  function areaKey(row) {
    return row[4] + "," + row[5] + "," + row[6];
  }

  function areaOf(areas, marker, colour) {
    var key = areaKey(marker.incidentRow);
    if (!areas[key]) {
      areas[key] = L.circle(marker.getLatLng(), {
        radius: areaFor(marker.incidentRow[6]).radius, color: colour, weight: 1.5, opacity: 0.8,
        dashArray: "4 4", fillColor: colour, fillOpacity: 0.1, interactive: false,
        className: "im-area", pane: "im-areas"
      });
    }
    return areas[key];
  }

  /* An area is drawn while one of its markers is (not folded into a cluster, in view); one
   * wider than a third of the map is drawn as its outline only, so the streets stay readable. */
  function syncAreas(map, overlays, areas) {
    var wanted = {}, size = map.getSize(), wide = Math.min(size.x, size.y) / 3;
    overlays.forEach(function (o) {
      if (!map.hasLayer(o.layer)) { return; }
      o.imprecise.forEach(function (marker) {
        if (map.hasLayer(marker)) { wanted[areaKey(marker.incidentRow)] = areaOf(areas.all, marker, o.colour); }
      });
    });
    Object.keys(areas.all).forEach(function (key) {
      var area = areas.all[key], shown = areas.layer.hasLayer(area);
      if (wanted[key] && !shown) { areas.layer.addLayer(area); }
      if (!wanted[key] && shown) { areas.layer.removeLayer(area); }
      if (wanted[key]) {
        var north = map.latLngToContainerPoint(L.latLng(area.getLatLng().lat + area.getRadius() / 111320,
          area.getLatLng().lng));
        var radius = map.latLngToContainerPoint(area.getLatLng()).y - north.y;
        area.setStyle({fillOpacity: radius > wide ? 0 : 0.1});
      }
    });
  }

  function launchLine(row, colour, extras) {
    var launch = row[15], impact = [row[4], row[5]];
    L.polyline([[launch[0], launch[1]], impact], {
      color: colour, weight: 2, dashArray: "6 5", opacity: 0.9, interactive: false,
      className: "im-launch-line"
    }).addTo(extras);
    L.circleMarker([launch[0], launch[1]], {
      radius: 4, color: colour, weight: 2, fillColor: "#ffffff", fillOpacity: 1,
      className: "im-launch-site", interactive: false
    }).addTo(extras);
  }

  function makeOverlays(map, data) {
    var perLayer = data.layers.map(function () { return []; });
    data.rows.forEach(function (row) {
      perLayer[row[10]].push(makeMarker(data, row, colourOf(data.layers[row[10]])));
    });
    return data.layers.map(function (layer, i) {
      var colour = colourOf(layer);
      var group = L.markerClusterGroup({
        showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true,
        iconCreateFunction: clusterIcon(colour)
      });
      bindLazily(group, data);
      group.on("clusterkeypress", function (e) {   // Enter on a cluster does what a click does
        if (e.originalEvent.key === "Enter" || e.originalEvent.keyCode === 13) { e.layer.fire("click", e, true); }
      });
      var extras = L.layerGroup();
      perLayer[i].forEach(function (m) { if (m.incidentRow[15]) { launchLine(m.incidentRow, colour, extras); } });
      var overlay = L.layerGroup([extras, group]);
      map.addLayer(overlay);
      group.addLayers(perLayer[i]);  // after addLayer: before it, addLayers is O(n^2)
      return {layer: overlay, group: group, colour: colour,
        imprecise: perLayer[i].filter(function (m) { return areaFor(m.incidentRow[6]); })};
    });
  }

  /* ------------------------------------------------------------ legend and layers */

  function swatch(colour, cls) {
    var sw = el("span", "im-swatch" + (cls ? " " + cls : ""));
    sw.style.backgroundColor = colour;
    sw.style.borderColor = colour;
    sw.setAttribute("aria-hidden", "true");
    return sw;
  }

  function legendKey(box) {
    var key = el("div", "im-legend-key");
    key.appendChild(el("div", "im-legend-subtitle", "What the ledger says"));
    [["claimed", "claimed"], ["attributed", "attributed"], ["suspected", "suspected"],
      ["none", "denied / none"]].forEach(function (item) {
      var row = el("div", "im-legend-item");
      row.appendChild(swatch("#607d8b", "im-key-" + item[0]));
      row.appendChild(el("span", null, item[1]));
      key.appendChild(row);
    });
    var area = el("div", "im-legend-item");
    area.appendChild(el("span", "im-swatch im-key-area"));
    area.appendChild(el("span", null, "place known to ~1.5 km or ~5 km"));
    key.appendChild(area);
    var launch = el("div", "im-legend-item");
    launch.appendChild(el("span", "im-swatch im-key-launch"));
    launch.appendChild(el("span", null, "launch site \u2192 impact"));
    key.appendChild(launch);
    box.appendChild(key);
  }

  function addLegend(map, data, overlays) {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var box = el("details", "im-legend leaflet-bar");
      box.open = data.layers.length <= 8 && map.getSize().y >= 360;
      box.appendChild(el("summary", "im-legend-title", data.legend || "Incidents by group"));
      data.layers.forEach(function (layer, i) {
        var item = el("div", "im-legend-item");
        item.appendChild(swatch(colourOf(layer)));
        item.appendChild(el("span", "im-legend-name", layer[0] + " (" + overlays[i].group.getLayers().length + ")"));
        box.appendChild(item);
      });
      legendKey(box);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  function addLayerControl(map, data, overlays) {
    var named = {};
    data.layers.forEach(function (layer, i) {
      var label = '<span class="im-swatch" style="background-color:' + colourOf(layer) + '"></span>' +
        escapeHtml(layer[0]) + " (" + overlays[i].group.getLayers().length + ")";
      named[label] = overlays[i].layer;
    });
    L.control.layers(null, named, {collapsed: true, position: "topright"}).addTo(map);
  }

  /* ------------------------------------------------------------ basemap */

  function drawBasemap(map, basemap) {
    map.createPane("im-basemap").style.zIndex = 250;
    L.geoJSON(basemap, {
      pane: "im-basemap", interactive: false,
      filter: function (f) { return f.properties.kind !== "city"; },
      style: function (f) {
        var kind = f.properties.kind;
        return {className: "im-bm im-bm-" + kind + (f.properties.city ? " im-bm-city-district" : ""),
          weight: kind === "river" ? 2.5 : 1, fill: kind !== "river" && kind !== "governorate",
          fillOpacity: 1, opacity: 1};
      }
    }).addTo(map);
    basemap.features.forEach(function (f) {
      if (f.properties.kind !== "city") { return; }
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {pane: "im-basemap", radius: 3, weight: 1, interactive: false,
        className: "im-bm-city-dot", fillOpacity: 1}).addTo(map);
    });
    if (basemap.properties && basemap.properties.attribution) {
      map.attributionControl.addAttribution(escapeHtml(basemap.properties.attribution));
    }
  }

  /* ------------------------------------------------------------ labels */

  function ringCentre(ring) {
    var area = 0, x = 0, y = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += f; x += (ring[j][0] + ring[i][0]) * f; y += (ring[j][1] + ring[i][1]) * f;
    }
    if (!area) { return [ring[0][1], ring[0][0]]; }
    return [y / (3 * area), x / (3 * area)];
  }

  function labelPoint(geometry) {
    if (geometry.type === "Point") { return [geometry.coordinates[1], geometry.coordinates[0]]; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var largest = polygons.reduce(function (a, b) { return b[0].length > a[0].length ? b : a; });
    return ringCentre(largest[0]);
  }

  function labelSpecs(basemap, data) {
    var specs = [];
    (basemap ? basemap.features : []).forEach(function (f) {
      var kind = f.properties.kind;
      if (!LABELS[kind]) { return; }
      var spec = {kind: kind, name: f.properties.name, at: labelPoint(f.geometry),
        rank: LABELS[kind].rank, min: LABELS[kind].min, max: LABELS[kind].max};
      if (kind === "city") {
        spec.rank += f.properties.rank / 100;
        spec.min = f.properties.rank < 6 ? 5 : (f.properties.rank < 14 ? 6 : 7);
      }
      if (kind === "district" && !f.properties.city) { spec.rank += 0.5; }
      specs.push(spec);
    });
    (data.places || []).forEach(function (p) {
      specs.push({kind: "landmark", name: p[0], at: [p[1], p[2]], rank: 1, min: 12, max: 18});
    });
    return specs.sort(function (a, b) { return a.rank - b.rank || (a.name < b.name ? -1 : 1); });
  }

  function makeLabels(map, specs) {
    map.createPane("im-labels").style.zIndex = 350;
    return specs.map(function (spec) {
      var text = el("span", "im-label-text", spec.name);
      var marker = L.marker(spec.at, {
        pane: "im-labels", interactive: false, keyboard: false,
        icon: L.divIcon({html: text, className: "im-label im-label-" + spec.kind, iconSize: null})
      });
      marker.labelSpec = spec;
      return marker;
    });
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function grow(rect, by) {
    return {left: rect.left - by, right: rect.right + by, top: rect.top - by, bottom: rect.bottom + by};
  }

  /* Place labels give way to markers, then to each other in rank order: a label is shown
   * only where its box meets no marker, no cluster and no label already shown. */
  function placeLabels(map, labels) {
    var zoom = map.getZoom(), frame = map.getContainer().getBoundingClientRect();
    var taken = [];
    map.getContainer().querySelectorAll("path.im-marker, .im-cluster, .im-launch-site").forEach(function (node) {
      taken.push(grow(node.getBoundingClientRect(), 2));
    });
    labels.forEach(function (label) {
      var spec = label.labelSpec, wanted = zoom >= spec.min && zoom <= spec.max;
      if (!wanted) {
        if (map.hasLayer(label)) { map.removeLayer(label); }
        return;
      }
      if (!map.hasLayer(label)) { label.addTo(map); }
      var node = label.getElement();
      node.classList.remove("im-label-hidden");
      var box = grow(node.firstChild.getBoundingClientRect(), 1);
      var clash = box.left < frame.left || box.right > frame.right || box.top < frame.top ||
        box.bottom > frame.bottom || taken.some(function (other) { return overlaps(box, other); });
      if (clash) { node.classList.add("im-label-hidden"); } else { taken.push(box); }
    });
  }

  /* ------------------------------------------------------------ colour scheme */

  function parentScheme() {
    try {
      var body = window.parent !== window && window.parent.document.body;
      var scheme = body && body.getAttribute("data-md-color-scheme");
      return scheme ? (scheme === "slate" ? "dark" : "light") : null;
    } catch (e) {
      return null;  // another origin: fall back on the reader's system setting
    }
  }

  function followScheme() {
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function apply() {
      var scheme = parentScheme() || (media && media.matches ? "dark" : "light");
      document.documentElement.setAttribute("data-im-scheme", scheme);
    }
    apply();
    if (media && media.addEventListener) { media.addEventListener("change", apply); }
    try {
      if (window.parent !== window && window.MutationObserver) {
        new window.parent.MutationObserver(apply).observe(window.parent.document.body,
          {attributes: true, attributeFilter: ["data-md-color-scheme"]});
      }
    } catch (e) { /* another origin: the system setting is followed */ }
  }

  /* ------------------------------------------------------------ start */

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function init(map, dataId, view) {
    followScheme();
    var data = readJson(dataId);
    var basemap = window.IncidentBasemap || null;
    map.eachLayer(function (layer) {   // an online tile layer shows through the basemap's land
      if (layer instanceof L.TileLayer) { map.getContainer().classList.add("im-with-tiles"); }
    });
    if (basemap) { drawBasemap(map, basemap); }
    var overlays = makeOverlays(map, data);
    map.createPane("im-areas").style.zIndex = 390;   // under the markers, over the basemap
    var areas = {layer: L.layerGroup().addTo(map), all: {}};
    addLayerControl(map, data, overlays);
    addLegend(map, data, overlays);
    keyboard(map, data);
    var labels = makeLabels(map, labelSpecs(basemap, data));
    var pending = null, again = null, placed = {zoom: null, count: 0};
    function place() {
      syncAreas(map, overlays, areas);
      placeLabels(map, labels);
      placed.zoom = map.getZoom();
      placed.count += 1;
    }
    /* Placed on the next frame, and once more a moment later: cluster icons fade out and
     * fonts load after the events that announce a new view. */
    function refresh() {
      if (pending !== null) { return; }
      pending = window.requestAnimationFrame(function () {
        pending = null;
        place();
        window.clearTimeout(again);
        again = window.setTimeout(function () { again = null; place(); }, 250);
      });
    }
    map.on("zoomend moveend overlayadd overlayremove resize", refresh);
    overlays.forEach(function (o) { o.group.on("animationend spiderfied unspiderfied", refresh); });
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(refresh); }
    refresh();
    window.IncidentMap.instance = {
      map: map, view: view, count: data.rows.length, layers: data.layers, labels: labels,
      groups: overlays.map(function (o) { return o.group; }),
      overlays: overlays.map(function (o) { return o.layer; }),
      refresh: refresh,
      /* for tests: the zoom the labels were last placed at, and whether a placement waits */
      placed: placed,
      settled: function () {
        return pending === null && again === null && !document.querySelector(".leaflet-cluster-anim");
      }
    };
    return window.IncidentMap.instance;
  }

  window.IncidentMap = {init: init, safeUrl: safeUrl, escapeHtml: escapeHtml, instance: null};
}());
