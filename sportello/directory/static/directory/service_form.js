// Service form: an "Add a row" button under each list (hours, phones, …). Without JavaScript the
// form still offers a few empty rows, and more after saving.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.formset").forEach(function (fieldset) {
    var template = fieldset.querySelector("template.empty-row");
    var total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    var button = fieldset.querySelector("button.add-row");
    if (!template || !total || !button) return;
    button.hidden = false;
    var hint = fieldset.querySelector(".no-js-hint");
    if (hint) hint.hidden = true;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      button.insertAdjacentHTML("beforebegin", html);
      total.value = String(index + 1);
      var rows = fieldset.querySelectorAll(".row");
      var first = rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });
})();
