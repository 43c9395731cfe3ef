// Draws the universities listed on the page on a Leaflet map with clusters, over a
// bundled base of the five countries (outlines and names) that needs no tile
// server: it fills the land while tiles load, and stays the whole map when they
// fail or are switched off (settings.MAP_TILE_URL empty). Without JavaScript the
// map stays hidden and the list under it, grouped by country, is the page.
// The page's CSP allows no inline style, so the few styles here go through the DOM.
(function () {
  "use strict";
  var element = document.getElementById("university-map");
  if (!element || typeof L === "undefined") { return; }
  var markers = JSON.parse(document.getElementById("map-markers").textContent);
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var texts = config.texts || {};

  // Land while no tile is shown; once tiles draw, a tint and the borders over them.
  var LAND = { color: "#6c757d", weight: 1.2, fillColor: "#f4f1e8", fillOpacity: 1 };
  var TINT = { color: "#6c757d", weight: 1.2, fillColor: "#f4f1e8", fillOpacity: 0.15 };
  var tilesShown = false;
  var base = null;

  function styled(node, styles) {
    Object.keys(styles).forEach(function (name) { node.style[name] = styles[name]; });
    return node;
  }

  function addTiles(map) {
    if (!config.tileUrl || navigator.onLine === false) { return; }
    var tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18 });
    var loaded = 0;
    var failed = 0;
    tiles.on("tileload", function () {
      loaded += 1;
      if (!tilesShown) {
        tilesShown = true;
        if (base) { base.setStyle(TINT); }
      }
    });
    tiles.on("tileerror", function () { failed += 1; });
    // Every tile of the first view failed (offline, blocked, the server down): ask
    // for no more, and the base layer is the map.
    // (After the event: Leaflet is still finishing the last tile when it fires.)
    tiles.on("load", function () {
      if (failed && !loaded) { setTimeout(function () { map.removeLayer(tiles); }, 0); }
    });
    tiles.addTo(map);
  }

  function addBase(map) {
    if (!config.base || !config.base.url) { return; }
    fetch(config.base.url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.statusText); }
        return response.json();
      })
      .then(function (data) {
        base = L.geoJSON(data, {
          style: function () { return tilesShown ? TINT : LAND; },
          interactive: false,
          attribution: config.base.attribution,
        }).addTo(map);
      })
      .catch(function () {
        // Without the base the markers and the list under the map still work.
      });
  }

  // The countries' names in the page's language, above the land and under the markers.
  function addCountryNames(map) {
    var pane = map.createPane("countryNames");
    styled(pane, { zIndex: "450", pointerEvents: "none" });
    (config.countries || []).forEach(function (country) {
      var name = styled(document.createElement("span"), {
        display: "block",
        transform: "translate(-50%, -50%)",
        whiteSpace: "nowrap",
        font: "600 0.8125rem/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
        letterSpacing: "0.04em",
        color: "#343a40",
        textShadow: "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff",
      });
      name.textContent = country.name;
      var icon = L.divIcon({ html: name, className: "map-country-name", iconSize: null });
      L.marker([country.lat, country.lon], {
        icon: icon, pane: "countryNames", interactive: false, keyboard: false,
      }).addTo(map);
    });
  }

  function sharedCity(cluster) {
    var children = cluster.getAllChildMarkers();
    var city = children.length ? children[0].options.city : "";
    for (var i = 1; i < children.length; i += 1) {
      if (children[i].options.city !== city) { return ""; }
    }
    return city || "";
  }

  // The count in a bubble, as markercluster draws it, and under it the city when
  // every university of the cluster is in the same one.
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var bubble = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    bubble.appendChild(number);
    var city = sharedCity(cluster);
    if (city) {
      bubble.appendChild(document.createTextNode(" "));
      var label = styled(document.createElement("span"), {
        position: "absolute",
        top: "40px",
        left: "50%",
        transform: "translateX(-50%)",
        whiteSpace: "nowrap",
        lineHeight: "1.3",
        padding: "0 0.3rem",
        borderRadius: "0.25rem",
        background: "#fff",
        color: "#212529",
        boxShadow: "0 1px 2px rgba(0, 0, 0, 0.35)",
      });
      label.className = "map-cluster-city";
      label.textContent = city;
      bubble.appendChild(label);
    }
    return L.divIcon({
      html: bubble,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  function popup(m) {
    var content = document.createElement("div");
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    content.appendChild(link);
    if (m.city) { content.appendChild(document.createTextNode(" — " + m.city)); }
    return content;
  }

  function addMarkers(map) {
    var group = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ iconCreateFunction: clusterIcon })
      : L.featureGroup();
    markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], { title: m.name, alt: m.name, city: m.city });
      group.addLayer(marker.bindPopup(popup(m)));
    });
    map.addLayer(group);
    if (markers.length) { map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 10 }); }
  }

  element.hidden = false;
  // maxZoom on the map itself: the clusters need it, and there may be no tile layer to give it.
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false, maxZoom: 18 });
  map.setView([43.2, 68.0], 4);
  L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close && texts.close) { close.setAttribute("aria-label", texts.close); }
  });
  // The markers first: their bounds set the view whose tiles are asked for.
  addMarkers(map);
  addCountryNames(map);
  addBase(map);
  addTiles(map);
})();
