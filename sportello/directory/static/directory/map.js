// Leaflet maps of the directory: every element [data-map] reads its points from the JSON script
// named by data-points. When tiles fail to load the markers stay, and the page lists every
// address as text anyway.
(function () {
  if (typeof L === "undefined") { return; }
  document.querySelectorAll("[data-map]").forEach(function (element) {
    var source = document.getElementById(element.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) { return; }
    // Marker images by their collected (hashed) names, not by Leaflet's guess from its CSS.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: element.dataset.icon,
      iconRetinaUrl: element.dataset.icon2x,
      shadowUrl: element.dataset.shadow
    });
    // The controls speak the page's language (Leaflet's own labels are English).
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({
      zoomInTitle: element.dataset.zoomIn,
      zoomOutTitle: element.dataset.zoomOut
    }).addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", element.dataset.close); }
    });
    L.tileLayer(element.dataset.tilesUrl, {
      maxZoom: 19,
      attribution: element.dataset.attribution
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name }).addTo(map);
      var popup = document.createElement("div");
      var name = document.createElement(point.url ? "a" : "strong");
      name.textContent = point.name;
      if (point.url) { name.href = point.url; }
      popup.appendChild(name);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(point.address));
      marker.bindPopup(popup);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 16);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
  });
})();
