/* The facilitator's board and the projector view follow the lab live: on every event of the lab's stream
   (Server-Sent Events) the server-rendered fragment is fetched again (debounced) and swapped in. The fragment is
   HTML that Django rendered and escaped; nothing from an event's payload is put in the page. Focus, open
   <details>, checked notes and text being typed are kept. Without a stream the page refreshes the fragment now
   and then; without JavaScript every form still works (POST → redirect). */
(function () {
  "use strict";
  var board = document.getElementById("lab-board");
  if (!board) { return; }
  var fragmentUrl = board.getAttribute("data-fragment-url");
  var streamUrl = board.getAttribute("data-stream-url");
  var KINDS = ["note.added", "note.changed", "note.hidden", "note.shown", "note.merged", "cluster.added",
    "cluster.changed", "cluster.removed", "lab.phase", "lab.timer", "votes.results", "votes.cast",
    "participant.joined", "participant.blocked", "lab.changed"];
  var timer = null;
  var pending = false;

  function busyTyping() {
    var active = document.activeElement;
    if (!active || !board.contains(active)) { return false; }
    var tag = active.tagName;
    if (tag === "TEXTAREA") { return active.value !== active.defaultValue; }
    if (tag === "INPUT" && active.type !== "checkbox" && active.type !== "submit") {
      return active.value !== active.defaultValue;
    }
    return false;
  }

  function remember() {
    var active = document.activeElement;
    var state = {
      focusId: active && board.contains(active) ? active.id : "",
      open: [],
      checked: []
    };
    board.querySelectorAll("details[open]").forEach(function (item) {
      var li = item.closest("[id]");
      if (li) { state.open.push(li.id); }
    });
    board.querySelectorAll("input[type=checkbox]:checked").forEach(function (item) {
      if (item.id) { state.checked.push(item.id); }
    });
    return state;
  }

  function restore(state) {
    state.open.forEach(function (id) {
      var li = document.getElementById(id);
      var details = li && li.querySelector("details");
      if (details) { details.open = true; }
    });
    state.checked.forEach(function (id) {
      var box = document.getElementById(id);
      if (box && !box.disabled) { box.checked = true; }
    });
    if (state.focusId) {
      var again = document.getElementById(state.focusId);
      if (again) { again.focus({ preventScroll: true }); }
    }
  }

  function refresh() {
    timer = null;
    if (busyTyping()) { timer = window.setTimeout(refresh, 1500); return; }
    if (pending) { timer = window.setTimeout(refresh, 300); return; }
    pending = true;
    // The browser loads the fragment as a document (our own server's escaped HTML); no string becomes markup here.
    var request = new XMLHttpRequest();
    request.open("GET", fragmentUrl);
    request.responseType = "document";
    request.setRequestHeader("X-Requested-With", "fetch");
    request.onload = function () {
      pending = false;
      if (request.status !== 200 || !request.response || !request.response.body) { return; }
      var state = remember();
      board.replaceChildren.apply(board, Array.prototype.slice.call(request.response.body.childNodes).map(function (node) {
        return document.adoptNode(node);
      }));
      restore(state);
      tick();
    };
    request.onerror = function () { pending = false; };  // the next event or the fallback refresh tries again
    request.send();
  }

  function schedule() {
    if (timer === null) { timer = window.setTimeout(refresh, 300); }
  }

  function tick() {
    board.querySelectorAll("[data-timer-ends]").forEach(function (item) {
      var ends = Date.parse(item.getAttribute("data-timer-ends"));
      if (isNaN(ends)) { return; }
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      item.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      item.classList.toggle("is-over", left === 0);
    });
  }
  window.setInterval(tick, 1000);
  tick();

  if (streamUrl && window.EventSource) {
    var seq = board.getAttribute("data-seq") || "0";
    var source = new EventSource(streamUrl + (streamUrl.indexOf("?") === -1 ? "?" : "&") + "na=" + encodeURIComponent(seq));
    KINDS.forEach(function (kind) { source.addEventListener(kind, schedule); });
    source.onmessage = schedule;
  } else {
    window.setInterval(schedule, 10000);
  }
}());
