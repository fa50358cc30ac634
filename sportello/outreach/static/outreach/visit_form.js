// The visit form, nicer with JavaScript: quick minute buttons, "add a person", clear a row,
// a live count of the people met. Without JavaScript the plain form works the same.
(function () {
  "use strict";
  var form = document.querySelector(".visit-form");
  if (!form) return;

  var quick = form.querySelector("[data-quick-minutes]");
  if (quick) {
    var minutes = document.getElementById(quick.getAttribute("data-quick-minutes"));
    var buttons = quick.querySelectorAll("button[data-minutes]");
    var mark = function () {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-minutes") === minutes.value));
      });
    };
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { minutes.value = b.getAttribute("data-minutes"); mark(); });
    });
    minutes.addEventListener("input", mark);
    quick.hidden = false;
    mark();
  }

  var list = document.getElementById("contacts");
  var template = document.getElementById("contact-template");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");
  var maxForms = form.querySelector("input[name$='-MAX_NUM_FORMS']");
  var counter = form.querySelector("[data-people-count]");
  var add = form.querySelector("[data-add-contact]");

  var count = function () {
    var n = 0;
    list.querySelectorAll("[data-contact]").forEach(function (row) {
      var del = row.querySelector("input[name$='-DELETE']");
      if (row.querySelector("input[name$='-gender']:checked") && !(del && del.checked)) n += 1;
    });
    counter.textContent = String(n);
  };

  var wire = function (row) {
    var clear = row.querySelector("[data-clear-contact]");
    clear.hidden = false;
    clear.addEventListener("click", function () {
      row.querySelectorAll("input[type=radio]").forEach(function (i) { i.checked = false; });
      row.querySelectorAll("select").forEach(function (s) { s.selectedIndex = 0; });
      count();
    });
  };

  var isEmpty = function (row) {
    return !row.querySelector("input[type=radio]:checked, .errorlist") &&
      Array.prototype.every.call(row.querySelectorAll("select"), function (s) { return !s.value; });
  };
  var rows = list.querySelectorAll("[data-contact]");
  rows.forEach(wire);
  // Show one empty row at a time: "Add a person" reveals the next one (or makes a new one).
  var shownEmpty = false;
  rows.forEach(function (row) {
    if (!isEmpty(row)) return;
    if (shownEmpty) row.hidden = true;
    shownEmpty = true;
  });
  list.addEventListener("change", count);

  add.hidden = false;
  add.addEventListener("click", function () {
    var next = list.querySelector("[data-contact][hidden]");
    if (next) {
      next.hidden = false;
      next.querySelector("input, select").focus();
      return;
    }
    var index = parseInt(total.value, 10);
    if (maxForms && index >= parseInt(maxForms.value, 10)) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    list.appendChild(row);
    total.value = String(index + 1);
    wire(row);
    var first = row.querySelector("input, select");
    if (first) first.focus();
  });
  count();
})();
