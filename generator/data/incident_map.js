/* Offline incident map: builds markers, clusters, popups, legend and the
 * basemap from JSON embedded in the page. Every string from the data is put
 * into the DOM with textContent, or HTML-escaped where Leaflet wants HTML. */
(function () {
  "use strict";

  var SCHEME = /^[a-z][a-z0-9+.\-]*:/i;
  var COLOUR = /^#[0-9a-f]{6}$/i;

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

  /* Row layout (see generator/maps.py): id, title, date, kind, lat, lon,
   * precision, killed, wounded, url, layer, attributions, sources. */
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
      return {label: data.sources[i][0], url: data.sources[i][1]};
    });
    return {id: id, title: row[1], date: date, kind: s[row[3]], precision: row[6],
      killed: s[row[7]], wounded: s[row[8]], url: url, attributions: attrs, sources: sources};
  }

  function casualties(p) {
    return "Killed: " + (p.killed || "unknown") + " \u00b7 Wounded: " + (p.wounded || "unknown");
  }

  function attributionItem(a) {
    var li = el("li");
    li.appendChild(link(a.actor, a.actorUrl, false));
    li.appendChild(document.createTextNode(" \u2014 " + a.status + (a.by ? " (by " + a.by + ")" : "")));
    return li;
  }

  function sourceList(sources) {
    var div = el("div", "im-sources", "Sources: ");
    sources.forEach(function (src, i) {
      if (i > 0) { div.appendChild(document.createTextNode(", ")); }
      div.appendChild(link(src.label || src.url, src.url, true));
    });
    return div;
  }

  function buildPopup(data, row) {
    var p = decode(data, row);
    var root = el("div", "im-popup");
    root.appendChild(el("div", "im-meta", p.date + " \u00b7 " + p.kind + " \u00b7 location precision " + p.precision));
    var title = el("div", "im-title");
    title.appendChild(link(p.title, p.url, false));
    root.appendChild(title);
    root.appendChild(el("div", "im-casualties", casualties(p)));
    if (p.attributions.length) {
      var ul = el("ul", "im-attributions");
      p.attributions.forEach(function (a) { ul.appendChild(attributionItem(a)); });
      root.appendChild(ul);
    }
    if (p.sources.length) { root.appendChild(sourceList(p.sources)); }
    return root;
  }

  function clusterIcon(colour) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var inner = el("div", "im-cluster-inner");
      inner.style.backgroundColor = colour;
      inner.appendChild(el("span", "im-cluster-count", n));
      var size = n < 10 ? 30 : (n < 100 ? 36 : 44);
      return L.divIcon({html: inner, className: "marker-cluster im-cluster", iconSize: L.point(size, size)});
    };
  }

  function makeMarker(row, colour) {
    var marker = L.circleMarker([row[4], row[5]], {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour, fillOpacity: 0.9,
      className: "im-marker"
    });
    marker.incidentRow = row;
    return marker;
  }

  /* Tooltips and popups are bound on first use: binding 20,000 up front is slow. */
  function bindLazily(group, data) {
    group.on("mouseover", function (e) {
      var marker = e.layer, row = marker.incidentRow;
      if (!row || marker.getTooltip()) { return; }
      marker.bindTooltip(function () { return el("span", "im-tooltip", row[1]); }, {direction: "top"});
      marker.openTooltip();
    });
    group.on("click", function (e) {
      var marker = e.layer, row = marker.incidentRow;
      if (!row || marker.getPopup()) { return; }
      marker.bindPopup(function () { return buildPopup(data, row); }, {maxWidth: 320});
      marker.openPopup();
    });
  }

  function makeGroups(map, data) {
    var perLayer = data.layers.map(function () { return []; });
    data.rows.forEach(function (row) {
      perLayer[row[10]].push(makeMarker(row, colourOf(data.layers[row[10]])));
    });
    return data.layers.map(function (layer, i) {
      var group = L.markerClusterGroup({
        showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true,
        iconCreateFunction: clusterIcon(colourOf(layer))
      });
      bindLazily(group, data);
      map.addLayer(group);
      group.addLayers(perLayer[i]);  // after addLayer: before it, addLayers is O(n^2)
      return group;
    });
  }

  function swatch(colour) {
    var sw = el("span", "im-swatch");
    sw.style.backgroundColor = colour;
    return sw;
  }

  function addLegend(map, data, groups) {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var box = el("details", "im-legend leaflet-bar");
      box.open = data.layers.length <= 8;
      box.appendChild(el("summary", "im-legend-title", "Incidents by group"));
      data.layers.forEach(function (layer, i) {
        var item = el("div", "im-legend-item");
        item.appendChild(swatch(colourOf(layer)));
        item.appendChild(el("span", "im-legend-name", layer[0] + " (" + groups[i].getLayers().length + ")"));
        box.appendChild(item);
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  function addLayerControl(map, data, groups) {
    var overlays = {};
    data.layers.forEach(function (layer, i) {
      var label = '<span class="im-swatch" style="background-color:' + colourOf(layer) + '"></span>' +
        escapeHtml(layer[0]) + " (" + groups[i].getLayers().length + ")";
      overlays[label] = groups[i];
    });
    L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
  }

  var STYLES = {
    river: {color: "#3a7bd5", weight: 4, opacity: 0.8},
    district: {color: "#8a8a8a", weight: 1, opacity: 0.7, fillColor: "#d9d3c7", fillOpacity: 0.35, dashArray: "3 3"}
  };

  function labelFeature(feature, layer) {
    var kind = feature.properties.kind;
    if (kind !== "district" && kind !== "landmark") { return; }
    layer.bindTooltip(el("span", null, feature.properties.name), {
      permanent: true, direction: kind === "district" ? "center" : "right",
      className: "im-label im-label-" + kind, interactive: false
    });
  }

  function drawBasemap(map, basemap) {
    map.createPane("im-basemap").style.zIndex = 250;
    L.geoJSON(basemap, {
      pane: "im-basemap", interactive: false,
      style: function (f) { return STYLES[f.properties.kind] || STYLES.district; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {pane: "im-basemap", radius: 3, color: "#333333", weight: 1,
          fillColor: "#333333", fillOpacity: 1, interactive: false});
      },
      onEachFeature: labelFeature
    }).addTo(map);
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function init(map, dataId, basemapId) {
    var data = readJson(dataId);
    var basemap = readJson(basemapId);
    if (basemap) { drawBasemap(map, basemap); }
    var groups = makeGroups(map, data);
    addLayerControl(map, data, groups);
    addLegend(map, data, groups);
    window.IncidentMap.instance = {map: map, groups: groups, layers: data.layers, count: data.rows.length};
    return window.IncidentMap.instance;
  }

  window.IncidentMap = {init: init, safeUrl: safeUrl, escapeHtml: escapeHtml, instance: null};
}());
