/*
 * Text from data on a map goes in as text, never as HTML.
 *
 * Leaflet inserts a string given to bindTooltip, bindPopup or setContent as HTML, so a unit, area or core name
 * such as <img src=x onerror=...> would run for every visitor. The map scripts (kernkompas/js/map.js,
 * monitor/dashboard.js) therefore hand Leaflet only the DOM nodes made here, whose text is set with textContent.
 * tests/test_dangerous_constructs.py fails when a script gives bindTooltip or bindPopup anything else.
 */
window.KernkompasMapText = (function () {
  "use strict";

  // An element holding ``text`` as text (null and undefined become "").
  function textNode(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text === null || text === undefined ? "" : String(text);
    return element;
  }

  // Only our own pages (a path on this site) or http(s) addresses become links: never javascript: or data:.
  function safeHref(url) {
    if (typeof url !== "string") {
      return null;
    }
    if (url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\") {
      return url;
    }
    return /^https?:\/\//i.test(url) ? url : null;
  }

  // A popup: the title (a link when ``href`` is a safe address, bold otherwise), then one line per non-empty text.
  function popupBox(title, lines, href) {
    var box = document.createElement("div");
    var link = safeHref(href);
    var head = textNode(link ? "a" : "strong", title);
    if (link) {
      head.href = link;
    }
    box.appendChild(head);
    (lines || []).forEach(function (line) {
      if (line) {
        box.appendChild(textNode("div", line));
      }
    });
    return box;
  }

  return { textNode: textNode, popupBox: popupBox, safeHref: safeHref };
})();
