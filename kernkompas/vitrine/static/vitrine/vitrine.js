// The Vitrine's small enhancements. Every page works without this file.
(function () {
  "use strict";

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
      if (event.target.matches("input[type=checkbox], select")) { submit(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit();
    });
  });

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
