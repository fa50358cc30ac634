// The calendar link is shown once: focusing the field selects it all, ready to copy.
document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
  input.addEventListener("focus", function () { input.select(); });
});
