/*
 * Kernmonitor area map: progressive enhancement with Leaflet (served locally, never from a CDN).
 *
 * Reads the GeoJSON in <script id="unit-map-data" type="application/json">. Feature properties:
 *   role "gebied" (the area outline) or "unit";  colour  the function group's colour;
 *   vacant  true draws a hollow circle whose ring shows the duration class (short / long / structural), so
 *   vacancy and its duration are told by shape and line as well as by colour (the legend on the page says so).
 * Background tiles only when data-tile-url is set. The same units are listed in the table below the map.
 */
(function () {
  "use strict";

  var MapText = window.KernkompasMapText; // kernkompas/js/map-text.js, loaded before this file

  var RINGS = {
    short: { color: "#b35c00", weight: 2, dashArray: null },
    long: { color: "#a8201a", weight: 3, dashArray: "4 2" },
    structural: { color: "#1b1f23", weight: 4, dashArray: null },
    "": { color: "#4a5560", weight: 2, dashArray: null }
  };

  function popupLines(p) {
    return [p.occupant, p.group + (p.branch ? " · " + p.branch : ""), p.vacant ? p.duration_label : ""];
  }

  function markerFor(feature, latlng) {
    var p = feature.properties;
    if (p.vacant) {
      var ring = RINGS[p.duration] || RINGS[""];
      return L.circleMarker(latlng, {
        radius: 7, color: ring.color, weight: ring.weight, dashArray: ring.dashArray,
        fillColor: "#ffffff", fillOpacity: 1
      });
    }
    return L.circleMarker(latlng, {
      radius: 6, color: "#1b1f23", weight: 1, fillColor: p.colour || "#6b7780", fillOpacity: 0.95
    });
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-unit-map"));
    if (!source || typeof L === "undefined" || !MapText) {
      return;
    }
    var data = JSON.parse(source.textContent);
    element.replaceChildren(); // the text shown without JavaScript
    var map = L.map(element, { scrollWheelZoom: false });
    var url = element.getAttribute("data-tile-url");
    if (url) {
      L.tileLayer(url, { attribution: element.getAttribute("data-tile-attribution") || "", maxZoom: 20 }).addTo(map);
    }
    var outline = data.features.filter(function (f) { return f.properties.role === "gebied"; });
    var units = data.features.filter(function (f) { return f.properties.role === "unit"; });
    var bounds = L.latLngBounds([]);
    if (outline.length) {
      var area = L.geoJSON({ type: "FeatureCollection", features: outline }, {
        style: { color: "#0b5563", weight: 2, fillColor: "#0b5563", fillOpacity: 0.05, dashArray: "6 4" },
        interactive: false
      }).addTo(map);
      bounds.extend(area.getBounds());
    }
    if (units.length) {
      var layer = L.geoJSON({ type: "FeatureCollection", features: units }, {
        pointToLayer: markerFor,
        onEachFeature: function (feature, marker) {
          // As text, never as HTML: see map-text.js.
          marker.bindTooltip(MapText.textNode("span", feature.properties.name), { sticky: true });
          marker.bindPopup(MapText.popupBox(feature.properties.name, popupLines(feature.properties)));
        }
      }).addTo(map);
      bounds.extend(layer.getBounds());
    }
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 19 });
    } else {
      map.setView([50.9, 4.6], 7);
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-unit-map]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
