// Draws the universities listed on the page on a Leaflet map with clusters.
// Without tiles (offline) the markers still show over a plain background,
// and the list under the map always works.
(function () {
  var element = document.getElementById("university-map");
  if (!element || typeof L === "undefined") { return; }
  var markers = JSON.parse(document.getElementById("map-markers").textContent);
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var map = L.map(element, { scrollWheelZoom: false }).setView([43.2, 68.0], 4);
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18 }).addTo(map);
  var group = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup() : L.featureGroup();
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    if (m.city) { popup.appendChild(document.createTextNode(" — " + m.city)); }
    group.addLayer(L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).bindPopup(popup));
  });
  map.addLayer(group);
  if (markers.length) { map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 10 }); }
})();
