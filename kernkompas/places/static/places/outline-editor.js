/* Draws an area's outline on a Leaflet map and writes it as GeoJSON into the outline field (data-outline-text).
   No tiles: the municipality and core outlines (a JSON data block) are the reference. The field stays the source
   of truth: pasting or uploading works without this script. */
(function () {
  "use strict";

  function texts(root) {
    var found = {};
    var template = root.querySelector("template[data-outline-texts]");
    if (!template) return found;
    template.content.querySelectorAll("[data-key]").forEach(function (node) {
      found[node.getAttribute("data-key")] = node.textContent;
    });
    return found;
  }

  function readOutline(field) {
    try {
      var data = JSON.parse(field.value);
      if (data && data.type === "Feature") data = data.geometry;
      if (data && (data.type === "Polygon" || data.type === "MultiPolygon")) return data;
    } catch (e) { /* not (yet) valid JSON: the server explains */ }
    return null;
  }

  function init(root) {
    var field = document.querySelector("[data-outline-text]");
    var kernSelect = document.querySelector("select[name='kern']");
    var dataNode = document.getElementById("outline-reference");
    if (!field || !window.L || !dataNode) return;
    var reference = JSON.parse(dataNode.textContent);
    var words = texts(root);
    var status = root.querySelector("[data-outline-status]");
    var startButton = root.querySelector("[data-outline-start]");
    var finishButton = root.querySelector("[data-outline-finish]");
    var undoButton = root.querySelector("[data-outline-undo]");
    var clearButton = root.querySelector("[data-outline-clear]");

    var map = L.map(root.querySelector("[data-outline-map]"), { zoomSnap: 0.25 }).setView([50.8, 4.9], 8);
    var referenceLayer = L.layerGroup().addTo(map);
    var outlineLayer = L.layerGroup().addTo(map);
    var drawing = null;
    var kernLayer = null;

    function say(text) { status.textContent = text || ""; }

    function showReference() {
      referenceLayer.clearLayers();
      kernLayer = null;
      var kern = kernSelect ? reference.kernen[kernSelect.value] : null;
      if (!kern) return;
      var gemeente = reference.gemeenten[kern.gemeente];
      if (gemeente && gemeente.geometry) {
        L.geoJSON(gemeente.geometry, { style: { color: "#555", weight: 2, fill: false }, interactive: false }).addTo(referenceLayer);
      }
      if (kern.geometry) {
        kernLayer = L.geoJSON(kern.geometry, { style: { color: "#1d4f91", weight: 2, dashArray: "6 4", fill: false }, interactive: false }).addTo(referenceLayer);
      }
    }

    function showOutline() {
      outlineLayer.clearLayers();
      var outline = readOutline(field);
      if (outline) L.geoJSON(outline, { style: { color: "#b5006b", weight: 3, fillOpacity: 0.15 } }).addTo(outlineLayer);
    }

    function fit() {
      // The outline if there is one, else the core (an area is a street or a centre), else the municipality.
      var layers = outlineLayer.getLayers().length ? outlineLayer.getLayers() : (kernLayer ? [kernLayer] : referenceLayer.getLayers());
      var bounds = L.featureGroup(layers).getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
    }

    function updateButtons() {
      finishButton.disabled = !drawing;
      undoButton.disabled = !drawing || drawing.points.length === 0;
      startButton.disabled = !!drawing;
    }

    function redrawSketch() {
      drawing.layer.setLatLngs(drawing.points);
      say((words.drawing || "") + " " + drawing.points.length);
      updateButtons();
    }

    map.on("click", function (event) {
      if (!drawing) return;
      drawing.points.push(event.latlng);
      redrawSketch();
    });

    startButton.addEventListener("click", function () {
      drawing = { points: [], layer: L.polyline([], { color: "#b5006b", weight: 3, dashArray: "4 4" }).addTo(map) };
      root.classList.add("is-drawing");
      redrawSketch();
    });

    undoButton.addEventListener("click", function () {
      if (!drawing) return;
      drawing.points.pop();
      redrawSketch();
    });

    finishButton.addEventListener("click", function () {
      if (!drawing) return;
      if (drawing.points.length < 3) { say(words.tooFew); return; }
      var ring = drawing.points.map(function (p) { return [Math.round(p.lng * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6]; });
      ring.push(ring[0]);
      field.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
      map.removeLayer(drawing.layer);
      drawing = null;
      root.classList.remove("is-drawing");
      showOutline();
      updateButtons();
      say(words.done);
    });

    clearButton.addEventListener("click", function () {
      if (drawing) { map.removeLayer(drawing.layer); drawing = null; }
      field.value = "";
      showOutline();
      updateButtons();
      say(words.cleared);
    });

    field.addEventListener("change", showOutline);
    if (kernSelect) kernSelect.addEventListener("change", function () { showReference(); fit(); });
    showReference();
    showOutline();
    fit();
    updateButtons();
  }

  function start() { document.querySelectorAll("[data-outline-editor]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
