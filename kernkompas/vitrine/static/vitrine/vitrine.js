// The Vitrine's small enhancements. Every page works without this file.
(function () {
  "use strict";

  // The filter panel: always open on a wide screen, folded on a phone (where the results come first).
  var wide = window.matchMedia("(min-width: 56.01rem)");
  var panels = document.querySelectorAll("details[data-facets-panel]");
  function fitPanels() { panels.forEach(function (panel) { if (wide.matches) { panel.open = true; } }); }
  fitPanels();
  if (wide.addEventListener) { wide.addEventListener("change", fitPanels); }
  panels.forEach(function (panel) {
    var summary = panel.querySelector("summary");
    summary.addEventListener("click", function (event) { if (wide.matches) { event.preventDefault(); } });
  });

  // After a tick the page is loaded anew: remember which box was ticked and where it stood on the screen, so the
  // new page opens the panel, scrolls that box to the same place and gives it the focus again.
  var PLACE = "kernkompas.vitrine.filter-place";
  function rememberPlace(control) {
    try {
      sessionStorage.setItem(PLACE, JSON.stringify({
        id: control.id, top: control.getBoundingClientRect().top, path: location.pathname,
      }));
    } catch (error) { /* private mode without storage: the page still works, from the top */ }
  }
  function restorePlace() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(PLACE) || "null");
      sessionStorage.removeItem(PLACE);
    } catch (error) { return; }
    if (!saved || saved.path !== location.pathname) { return; }
    // A value that no case has any more is not drawn: then the panel's own button takes the focus.
    var control = document.getElementById(saved.id) || document.querySelector("details[data-facets-panel] > summary");
    if (!control) { return; }
    var panel = control.closest("details");
    if (panel) { panel.open = true; }
    window.scrollTo(0, window.scrollY + control.getBoundingClientRect().top - saved.top);
    control.focus({ preventScroll: true });
  }

  // Filters: apply as soon as a box is ticked or the order changes (the form also has a submit button).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.classList.add("js-autosubmit");
    form.querySelectorAll(".autosubmit-note").forEach(function (note) { note.hidden = false; });
    // Leave an empty search box out of the address, so shared links stay short.
    function submit() {
      form.querySelectorAll("input[type=search]").forEach(function (box) { box.disabled = !box.value.trim(); });
      form.submit();
    }
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) {
        if (event.target.id) { rememberPlace(event.target); }
        submit();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit();
    });
  });

  restorePlace();

  // Copy link: without JavaScript it is an ordinary link to the page itself.
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!navigator.clipboard) { return; }
      event.preventDefault();
      var status = link.parentElement.querySelector(".copy-status");
      navigator.clipboard.writeText(link.href).then(function () {
        if (status) { status.textContent = link.dataset.copied; }
      });
    });
  });

  // Video: nothing is loaded from the video site until the visitor presses play.
  document.querySelectorAll("[data-video-facade]").forEach(function (facade) {
    var button = facade.querySelector("button");
    button.disabled = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = facade.dataset.embedSrc;
      frame.title = facade.dataset.title;
      frame.className = "video-frame";
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.replaceWith(frame);
      frame.focus();
    });
  });
})();
