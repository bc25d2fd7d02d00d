// Move focus to the error summary after a failed submit, so keyboard and screen-reader users hear what is wrong.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
