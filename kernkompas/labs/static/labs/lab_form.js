/* Preparing a lab: only the place fields that fit the choice "the lab is about" are shown, and choosing a region
   ticks its municipalities (the facilitator may untick some). Without JavaScript every field shows and the server
   takes the whole region when none is ticked. */
(function () {
  "use strict";
  var form = document.querySelector(".lab-form");
  var data = document.getElementById("lab-regions");
  if (!form) { return; }
  var regions = data ? JSON.parse(data.textContent) : {};
  var SHOWN = { gemeente: [], kern: ["kern"], gebied: ["gebied"], regio: ["regio", "gemeenten"] };
  var PLACES = ["kern", "gebied", "regio", "gemeenten"];

  function field(name) { return form.querySelector(".lab-field-" + name); }

  function chosen() {
    var checked = form.querySelector("input[name=place]:checked");
    return checked ? checked.value : "gemeente";
  }

  function update() {
    var show = SHOWN[chosen()] || [];
    PLACES.forEach(function (name) {
      var box = field(name);
      if (box) { box.hidden = show.indexOf(name) === -1; }
    });
  }

  function tickRegion() {
    var select = form.querySelector("select[name=regio]");
    if (!select) { return; }
    var members = regions[select.value] || [];
    form.querySelectorAll("input[name=gemeenten]").forEach(function (box) {
      box.checked = members.indexOf(Number(box.value)) !== -1;
    });
  }

  function noneTicked() {
    return !form.querySelector("input[name=gemeenten]:checked");
  }

  form.querySelectorAll("input[name=place]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      update();
      // The region already chosen (often the only one) fires no change of its own: tick its municipalities now.
      if (chosen() === "regio" && noneTicked()) { tickRegion(); }
    });
  });
  var regio = form.querySelector("select[name=regio]");
  if (regio) { regio.addEventListener("change", tickRegion); }
  update();
}());
