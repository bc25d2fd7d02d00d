/* The participant's canvas (labs/canvas.html): one lens at a time, notes that appear live, dot-voting.

   Starts from the snapshot the page embeds (#lab-state, with the event number it was read at) and follows the
   lab's events on the live stream (data-stream-url, first with ?na=<seq>; the browser sends Last-Event-ID on a
   reconnect). Everything from the server is data: it is put in the page with textContent, never as HTML.
   Without a stream (or without this script) the page still works: the forms post and the page is drawn again;
   a note sent from here shows at once from the POST's answer. The words come from #lab-labels (the page's
   language); this file holds no text of its own. */
(function () {
  "use strict";

  var root = document.getElementById("lab-canvas");
  var stateNode = document.getElementById("lab-state");
  var labelsNode = document.getElementById("lab-labels");
  if (!root || !stateNode || !labelsNode) return;

  var snapshot = JSON.parse(stateNode.textContent);
  var L = JSON.parse(labelsNode.textContent);
  var state = {
    seq: snapshot.seq,
    lenses: snapshot.lenses,
    notes: {},
    clusters: {},
    phase: snapshot.phase,
    voting: snapshot.voting,
    dots: snapshot.dots,
    remaining: snapshot.remaining,
    timerEndsAt: snapshot.timer_ends_at,
    mine: { notes: snapshot.mine.notes || {}, clusters: snapshot.mine.clusters || {} },
    results: snapshot.results
  };
  snapshot.notes.forEach(function (note) { state.notes[note.id] = note; });
  snapshot.clusters.forEach(function (cluster) { state.clusters[cluster.id] = cluster; });

  var statusLine = document.getElementById("lab-status");
  var sections = Array.prototype.slice.call(root.querySelectorAll(".lab-lens"));
  var navLinks = Array.prototype.slice.call(root.querySelectorAll(".lab-lens-nav a[data-lens]"));

  // --- Small helpers ---------------------------------------------------------------------------------------------

  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    // randomUUID needs a secure context; on a venue's network over plain http, build one from random bytes.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function csrfToken() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function say(text) {
    // One polite live region: a screen reader hears what changed, not every note read out.
    statusLine.textContent = "";
    window.setTimeout(function () { statusLine.textContent = text; }, 50);
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, ok: response.ok, data: data };
      });
    });
  }

  function firstError(data, fallback) {
    var errors = (data && data.errors) || {};
    for (var key in errors) {
      if (Object.prototype.hasOwnProperty.call(errors, key) && errors[key].length) return errors[key][0];
    }
    return fallback;
  }

  // --- Lenses as tabs --------------------------------------------------------------------------------------------

  var currentLens = null;

  function showLens(id, focus) {
    currentLens = String(id);
    sections.forEach(function (section) { section.hidden = section.getAttribute("data-lens") !== currentLens; });
    navLinks.forEach(function (link) {
      if (link.getAttribute("data-lens") === currentLens) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    if (focus) {
      var heading = document.getElementById("lens-" + currentLens + "-title");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  }

  navLinks.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showLens(link.getAttribute("data-lens"), true);
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", link.getAttribute("href"));
    });
  });
  root.classList.add("lab-tabs");
  var fromHash = window.location.hash.match(/^#lens-(\d+)$/);
  if (sections.length) showLens(fromHash ? fromHash[1] : sections[0].getAttribute("data-lens"), false);

  // --- Drawing ---------------------------------------------------------------------------------------------------

  function dotButtons(kind, item, label) {
    var box = el("div", "lab-dots");
    var give = el("button", "lab-dot-button", L.dot);
    give.type = "button";
    give.setAttribute("aria-label", fmt(L.dot_on, { text: label }));
    give.setAttribute("data-focus-key", "dot-" + kind + "-" + item.id);
    give.disabled = state.remaining <= 0;
    give.addEventListener("click", function () { castDot(kind, item.id, false); });
    box.appendChild(give);
    var mine = (kind === "note" ? state.mine.notes : state.mine.clusters)[String(item.id)] || 0;
    if (mine > 0) {
      var back = el("button", "lab-undot-button", L.undot);
      back.type = "button";
      back.setAttribute("aria-label", fmt(L.undot_on, { text: label }));
      back.setAttribute("data-focus-key", "undot-" + kind + "-" + item.id);
      back.addEventListener("click", function () { castDot(kind, item.id, true); });
      box.appendChild(back);
      box.appendChild(el("p", "lab-mine", fmt(L.mine, { n: mine })));
    }
    return box;
  }

  function resultLine(kind, id) {
    if (!state.results) return null;
    var counts = kind === "note" ? state.results.notes : state.results.clusters;
    var n = counts[String(id)];
    return n === undefined ? null : el("p", "lab-result", fmt(L.results, { n: n }));
  }

  function author(note) {
    var role = L.roles[note.role] || "";
    return note.author + (role ? " · " + role : "");
  }

  function noteItem(note, merged) {
    var li = el("li", "lab-note");
    li.setAttribute("data-note", note.id);
    li.appendChild(el("p", "lab-note-text", note.text));
    li.appendChild(el("p", "lab-note-author", author(note)));
    var result = resultLine("note", note.id);
    if (result) li.appendChild(result);
    if (state.voting === "open") li.appendChild(dotButtons("note", note, note.text.slice(0, 80)));
    if (merged.length) {
      li.appendChild(el("p", "lab-merged-title", L.merged));
      var list = el("ul", "lab-merged");
      merged.forEach(function (child) {
        var item = el("li", "lab-note lab-note-merged");
        item.appendChild(el("p", "lab-note-text", child.text));
        item.appendChild(el("p", "lab-note-author", author(child)));
        list.appendChild(item);
      });
      li.appendChild(list);
    }
    return li;
  }

  function byCreated(a, b) { return (a.created || "").localeCompare(b.created || "") || a.id - b.id; }

  function drawLens(lens) {
    var board = root.querySelector('.lab-board[data-board-for="' + lens.id + '"]');
    if (!board) return 0;
    var all = Object.keys(state.notes).map(function (id) { return state.notes[id]; });
    var top = all.filter(function (n) { return n.lens === lens.id && !n.hidden && !(n.merged_into && state.notes[n.merged_into]); });
    top.sort(byCreated);
    var mergedInto = {};
    all.forEach(function (n) {
      if (n.merged_into && state.notes[n.merged_into] && !n.hidden) (mergedInto[n.merged_into] = mergedInto[n.merged_into] || []).push(n);
    });
    var clusters = Object.keys(state.clusters).map(function (id) { return state.clusters[id]; })
      .filter(function (c) { return c.lens === lens.id; })
      .sort(function (a, b) { return a.order - b.order || a.id - b.id; });
    var focusKey = document.activeElement && board.contains(document.activeElement) ? document.activeElement.getAttribute("data-focus-key") : null;
    var nodes = [];
    var placed = {};
    clusters.forEach(function (cluster) {
      var box = el("section", "lab-cluster");
      box.setAttribute("data-cluster", cluster.id);
      box.setAttribute("aria-label", cluster.title);
      box.appendChild(el("h3", "lab-cluster-title", cluster.title));
      var result = resultLine("cluster", cluster.id);
      if (result) box.appendChild(result);
      if (state.voting === "open") box.appendChild(dotButtons("cluster", cluster, cluster.title));
      var list = el("ul", "lab-notes");
      top.filter(function (n) { return n.cluster === cluster.id; }).forEach(function (n) {
        placed[n.id] = true;
        list.appendChild(noteItem(n, mergedInto[n.id] || []));
      });
      box.appendChild(list);
      nodes.push(box);
    });
    var loose = el("ul", "lab-notes");
    var looseNotes = top.filter(function (n) { return !placed[n.id]; });
    looseNotes.forEach(function (n) { loose.appendChild(noteItem(n, mergedInto[n.id] || [])); });
    if (!top.length) loose.appendChild(el("li", "lab-empty", L.empty));
    nodes.push(loose);
    board.replaceChildren.apply(board, nodes);
    if (focusKey) {
      var again = board.querySelector('[data-focus-key="' + focusKey + '"]');
      if (again) again.focus();
    }
    return top.length;
  }

  function drawCounts(lensId, count) {
    var counter = root.querySelector('[data-count-for="' + lensId + '"]');
    if (counter) counter.textContent = "(" + count + ")";
  }

  function drawStatus() {
    var phase = document.getElementById("lab-phase");
    if (phase) phase.textContent = L.phases[state.phase] || state.phase;
    var open = L.note_phases.indexOf(state.phase) !== -1;
    root.querySelectorAll(".lab-note-form").forEach(function (form) { form.hidden = !open; });
    root.querySelectorAll(".lab-no-notes-now").forEach(function (p) { p.hidden = open; });
    var dotsRow = document.getElementById("lab-dots-row");
    dotsRow.hidden = state.voting !== "open";
    var remaining = document.getElementById("lab-remaining");
    remaining.textContent = state.remaining === 0 ? L.remaining_none
      : state.remaining === 1 ? L.remaining_one : fmt(L.remaining, { n: state.remaining });
  }

  function drawAll() {
    state.lenses.forEach(function (lens) { drawCounts(lens.id, drawLens(lens)); });
    drawStatus();
  }

  function drawLensOf(lensId) {
    state.lenses.forEach(function (lens) { if (lens.id === lensId) drawCounts(lens.id, drawLens(lens)); });
  }

  // --- Timer -----------------------------------------------------------------------------------------------------

  var timerRow = document.getElementById("lab-timer-row");
  var timerNode = document.getElementById("lab-timer");
  var timerDone = false;

  function tick() {
    if (!state.timerEndsAt) { timerRow.hidden = true; return; }
    var left = Math.max(0, Math.round((Date.parse(state.timerEndsAt) - Date.now()) / 1000));
    timerRow.hidden = false;
    timerNode.setAttribute("datetime", "PT" + left + "S");
    timerNode.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0 && !timerDone) { timerDone = true; say(L.timer_done); }
  }
  window.setInterval(tick, 1000);

  // --- Sending ---------------------------------------------------------------------------------------------------

  root.querySelectorAll(".lab-note-form").forEach(function (form) {
    var textarea = form.querySelector("textarea");
    var error = form.querySelector(".lab-form-error");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // The same id until this text is stored: a retry after a lost answer is not stored twice.
      if (!form.getAttribute("data-client-id")) form.setAttribute("data-client-id", uuid4());
      error.textContent = "";
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      post(root.getAttribute("data-note-url"), {
        lens: form.querySelector("input[name=lens]").value,
        text: textarea.value,
        client_id: form.getAttribute("data-client-id")
      }).then(function (answer) {
        if (answer.ok && answer.data.note) {
          state.notes[answer.data.note.id] = answer.data.note;
          drawLensOf(answer.data.note.lens);
          textarea.value = "";
          form.removeAttribute("data-client-id");
          say(L.sent);
        } else {
          if (answer.status === 400) form.removeAttribute("data-client-id");
          error.textContent = firstError(answer.data, L.send_failed);
          say(error.textContent);
        }
      }).catch(function () {
        error.textContent = L.send_failed;  // the text stays in the field
        say(L.send_failed);
      }).then(function () {
        button.disabled = false;
        button.removeAttribute("aria-busy");
      });
    });
  });

  function castDot(kind, id, back) {
    var fields = {};
    fields[kind] = id;
    if (!back) fields.nonce = uuid4();
    var url = root.getAttribute(back ? "data-unvote-url" : "data-vote-url");
    post(url, fields).then(function (answer) {
      if (answer.ok) {
        var mine = kind === "note" ? state.mine.notes : state.mine.clusters;
        var key = String(id);
        if (back) mine[key] = Math.max(0, (mine[key] || 0) - 1);
        else if (answer.status === 201) mine[key] = (mine[key] || 0) + 1;
        state.remaining = answer.data.remaining;
        drawAll();
        say(state.remaining === 0 ? L.remaining_none : state.remaining === 1 ? L.remaining_one : fmt(L.remaining, { n: state.remaining }));
      } else {
        say(firstError(answer.data, L.vote_failed));
      }
    }).catch(function () { say(L.vote_failed); });
  }

  // --- Live ------------------------------------------------------------------------------------------------------

  var newNotes = 0;
  var newNotesTimer = null;

  function countNew() {
    newNotes += 1;
    if (newNotesTimer) return;
    newNotesTimer = window.setTimeout(function () {
      say(newNotes === 1 ? L.new_note : fmt(L.new_notes, { n: newNotes }));
      newNotes = 0;
      newNotesTimer = null;
    }, 4000);
  }

  function upsertNote(note) {
    var known = state.notes[note.id];
    var before = known ? known.lens : null;
    if (note.hidden) delete state.notes[note.id];
    else state.notes[note.id] = note;
    if (!known && !note.hidden) countNew();
    if (before !== null && before !== note.lens) drawLensOf(before);
    drawLensOf(note.lens);
  }

  var handlers = {
    "note.added": upsertNote,
    "note.changed": upsertNote,
    "note.shown": upsertNote,
    "note.hidden": function (p) {
      var note = state.notes[p.id];
      if (!note) return;
      delete state.notes[p.id];
      drawLensOf(note.lens);
    },
    "note.merged": function (p) {
      var note = state.notes[p.id];
      if (!note) return;
      note.merged_into = p.into;
      drawLensOf(note.lens);
      if (state.notes[p.into] && state.notes[p.into].lens !== note.lens) drawLensOf(state.notes[p.into].lens);
    },
    "cluster.added": function (c) { state.clusters[c.id] = c; drawLensOf(c.lens); },
    "cluster.changed": function (c) {
      var before = state.clusters[c.id];
      state.clusters[c.id] = c;
      if (before && before.lens !== c.lens) drawLensOf(before.lens);
      drawLensOf(c.lens);
    },
    "cluster.removed": function (p) {
      var cluster = state.clusters[p.id];
      delete state.clusters[p.id];
      Object.keys(state.notes).forEach(function (id) { if (state.notes[id].cluster === p.id) state.notes[id].cluster = null; });
      if (cluster) drawLensOf(cluster.lens);
    },
    "lab.phase": function (p) {
      var wasVoting = state.voting;
      state.phase = p.phase;
      state.voting = p.voting;
      if (p.voting !== "gesloten") state.results = null;
      drawAll();
      if (wasVoting !== "open" && p.voting === "open") say(L.voting_opened);
      else if (wasVoting === "open" && p.voting !== "open") say(L.voting_closed);
      else say(fmt(L.phase_changed, { phase: p.phase_label }));
    },
    "lab.timer": function (p) { state.timerEndsAt = p.ends_at; timerDone = false; tick(); },
    "votes.results": function (p) { state.results = p; drawAll(); },
    "lab.changed": function (p) {
      var title = root.querySelector(".lab-bar h1");
      var question = root.querySelector(".lab-question");
      if (title && p.title) title.textContent = p.title;
      if (question && p.question) question.textContent = p.question;
    }
  };

  function connect(url) {
    if (!url || typeof window.EventSource !== "function") return;
    var source = new EventSource(url + (url.indexOf("?") === -1 ? "?" : "&") + "na=" + encodeURIComponent(state.seq));
    Object.keys(handlers).forEach(function (kind) {
      source.addEventListener(kind, function (event) {
        var seq = parseInt(event.lastEventId, 10);
        if (!isNaN(seq)) {
          if (seq <= state.seq) return;  // already in the snapshot
          state.seq = seq;
        }
        var payload;
        try { payload = JSON.parse(event.data); } catch (e) { return; }
        handlers[kind](payload);
      });
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CONNECTING) say(L.reconnecting);
    });
  }

  drawAll();
  tick();
  connect(root.getAttribute("data-stream-url"));
})();
