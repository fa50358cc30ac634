// Directory search: htmx swaps the results as the reader types and pushes the new address;
// keep the language links in the footer pointing at the same search.
document.addEventListener("htmx:pushedIntoHistory", function () {
  document.querySelectorAll("a[hreflang]").forEach(function (link) {
    link.search = window.location.search;
  });
});
