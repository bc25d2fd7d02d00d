/*
 * Kernkompas maps: progressive enhancement with Leaflet (served locally).
 *
 * Every element with data-map="<id>" gets a map drawn from the GeoJSON FeatureCollection in the
 * <script type="application/json" id="<id>"> element (Django's json_script). Feature properties:
 *   role  main | kern | gebied | neighbour | context | similar | self   (decides the style)
 *   name  shown as tooltip (as text: map-text.js);  url  linked from the popup (a path on this site);  fit  true = the map zooms to it;
 *   label  true = the name stays visible next to it (for points, which say nothing without a name);
 *   public  false for an area that is not public (drawn dashed, so the difference is not colour alone).
 * Background tiles only when data-tile-url is set; the vector layers show without them, on a light background.
 * The page always lists the same information, so the map is never the only way to it.
 */
(function () {
  "use strict";

  var MapText = window.KernkompasMapText; // map-text.js, loaded before this file

  var STYLES = {
    main: { color: "#0b5563", weight: 3, fillColor: "#0b5563", fillOpacity: 0.08 },
    kern: { color: "#7a4f00", weight: 2, fillColor: "#f2b134", fillOpacity: 0.35 },
    gebied: { color: "#a8201a", weight: 2, fillColor: "#a8201a", fillOpacity: 0.2 },
    neighbour: { color: "#6b7780", weight: 1, fillColor: "#6b7780", fillOpacity: 0.03 },
    context: { color: "#4a5560", weight: 1.5, fillOpacity: 0, dashArray: "4 3" },
    similar: { color: "#0b5563", weight: 2, fillColor: "#ffffff", fillOpacity: 1, radius: 6 },
    self: { color: "#1b1f23", weight: 2, fillColor: "#f2b134", fillOpacity: 1, radius: 9 }
  };

  function styleFor(feature) {
    var props = feature.properties || {};
    var style = Object.assign({}, STYLES[props.role] || STYLES.neighbour);
    if (props.role === "gebied" && props.public === false) {
      style.dashArray = "6 4";
    }
    return style;
  }

  function readData(element) {
    var source = document.getElementById(element.getAttribute("data-map"));
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  function addTiles(map, element) {
    var url = element.getAttribute("data-tile-url");
    if (!url) {
      return;
    }
    var tiles = L.tileLayer(url, { attribution: element.getAttribute("data-tile-attribution") || "", maxZoom: 19 });
    // When the tile server cannot be reached the vector layers stay; the class lets CSS keep a calm background.
    tiles.on("tileerror", function () {
      element.classList.add("map-tiles-failed");
    });
    tiles.addTo(map);
  }

  function drawLayers(map, data) {
    var fitBounds = L.latLngBounds([]);
    var order = ["neighbour", "context", "main", "kern", "gebied", "similar", "self"];
    var features = (data.features || []).slice().sort(function (a, b) {
      return order.indexOf(a.properties.role) - order.indexOf(b.properties.role);
    });
    L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: styleFor,
      pointToLayer: function (feature, latlng) {
        var style = styleFor(feature);
        if (!style.radius) {
          style.radius = 6;
        }
        return L.circleMarker(latlng, style);
      },
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        if (props.name) {
          // As text, never as HTML: see map-text.js.
          layer.bindTooltip(
            MapText.textNode("span", props.name),
            props.label ? { permanent: true, direction: "right", className: "map-label" } : { sticky: true }
          );
          layer.bindPopup(MapText.popupBox(props.name, [props.kind], props.url));
        }
        if (props.fit) {
          fitBounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
        }
      }
    }).addTo(map);
    return fitBounds;
  }

  function show(map, bounds, labelled) {
    if (!bounds.isValid()) {
      map.setView([50.9, 4.6], 7); // between Flanders and the Netherlands
    } else if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView(bounds.getCenter(), 13);
    } else {
      // Names are drawn to the right of their dot: leave room for them on that side.
      map.fitBounds(bounds, {
        paddingTopLeft: [16, 16],
        paddingBottomRight: [labelled ? 150 : 16, labelled ? 24 : 16],
        maxZoom: 16
      });
    }
  }

  function hasLabels(data) {
    return (data.features || []).some(function (feature) {
      return feature.properties && feature.properties.label;
    });
  }

  function initMap(element) {
    var data = readData(element);
    if (!data || typeof L === "undefined" || !MapText) {
      return;
    }
    element.replaceChildren(); // the text shown without JavaScript
    element.classList.add("map-ready");
    var map = L.map(element, {
      keyboard: true,
      zoomSnap: 0.25, // fit the shapes snugly instead of jumping a whole zoom level out
      scrollWheelZoom: false, // scrolling the page should not zoom the map by surprise
      attributionControl: true
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    element.setAttribute("tabindex", "0");
    addTiles(map, element);
    show(map, drawLayers(map, data), hasLabels(data));
  }

  function initAll() {
    var elements = document.querySelectorAll("[data-map]");
    for (var i = 0; i < elements.length; i++) {
      initMap(elements[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
