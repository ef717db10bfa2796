// Small progressive enhancements; every page works without them. No inline scripts (the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions.
  document.querySelectorAll("[data-confirm]").forEach(function (element) {
    element.addEventListener("click", function (event) {
      if (!window.confirm(element.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A unit picker that changes which departments can be chosen reloads the form for that unit.
  document.querySelectorAll("select[data-reload]").forEach(function (select) {
    select.addEventListener("change", function () {
      var target = select.getAttribute("data-reload");
      window.location.href = target + "?unit=" + encodeURIComponent(select.value);
    });
  });
  // Filters that apply as soon as they change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
