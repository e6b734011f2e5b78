// Berceau — the directory's maps. The page's list stays the source: this
// script only draws the same items on a Leaflet map (vendored). Without
// JavaScript, or when Leaflet does not load, the map stays hidden and the
// list is the whole page.
//
// The map container says what to draw through data attributes (no inline
// script, for the content security policy):
//   data-items        selector of the items; each with data-lat, data-lon,
//                     data-name, data-href and data-label (marker text)
//   data-tiles        tile URL template; empty: no tiles, a plain background
//   data-attribution  the tile server's credit (plain text)
//   data-center       "lat,lon" distance origin of the search, if any
//   data-form         the search form that "search around the map centre" fills
//   data-center-label the text of that button
//   data-tiles-failed what to say when tiles cannot load
// Markers are HTML (divIcon) with a plain background and the item's number,
// drawn without images: they show whether the tiles load or not.
(function () {
  'use strict';

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function number(s) {
    var n = parseFloat(s);
    return isFinite(n) ? n : null;
  }

  function popup(list) {
    var box = document.createElement(list.length > 1 ? 'ol' : 'div');
    box.className = 'map-popup';
    list.forEach(function (it) {
      var line = document.createElement(list.length > 1 ? 'li' : 'p');
      if (list.length > 1) line.value = parseInt(it.label, 10) || 0;
      var target = line;
      if (it.href) {
        target = document.createElement('a');
        target.href = it.href;
        line.appendChild(target);
      }
      target.textContent = it.name;
      box.appendChild(line);
    });
    return box;
  }

  function draw(el) {
    var L = window.L;
    var items = document.querySelectorAll(el.getAttribute('data-items') || '[data-lat]');
    var points = [];
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5 });
    map.attributionControl.setPrefix('Leaflet');

    var tiles = el.getAttribute('data-tiles');
    if (tiles) {
      var layer = L.tileLayer(tiles, {
        attribution: escapeHTML(el.getAttribute('data-attribution') || ''),
        maxZoom: 19
      });
      var warned = false;
      layer.on('tileerror', function () {
        if (warned) return;
        warned = true;
        el.classList.add('tiles-failed');
        var note = el.getAttribute('data-tiles-failed');
        if (note) {
          var p = document.createElement('p');
          p.className = 'map-note';
          p.setAttribute('role', 'status');
          p.textContent = note;
          el.parentNode.insertBefore(p, el.nextSibling);
        }
      });
      layer.addTo(map);
    } else {
      el.classList.add('no-tiles');
    }

    // Items at the same place share one marker, labelled with all their
    // numbers, whose popup links to each.
    var places = {}, order = [];
    Array.prototype.forEach.call(items, function (item, i) {
      var lat = number(item.getAttribute('data-lat'));
      var lon = number(item.getAttribute('data-lon'));
      if (lat === null || lon === null) return; // no public position (a redacted address)
      var key = lat.toFixed(5) + ',' + lon.toFixed(5);
      if (!places[key]) {
        places[key] = { lat: lat, lon: lon, items: [] };
        order.push(key);
      }
      var label = item.getAttribute('data-label') || String(i + 1);
      var list = places[key].items;
      if (!list.some(function (it) { return it.label === label; })) {
        list.push({ label: label, name: item.getAttribute('data-name') || '', href: item.getAttribute('data-href') });
      }
    });
    order.forEach(function (key) {
      var place = places[key];
      var labels = place.items.map(function (it) { return it.label; });
      var text = labels.length > 3 ? labels[0] + '…' + labels[labels.length - 1] : labels.join(', ');
      var title = place.items.map(function (it) { return it.label + '. ' + it.name; }).join(' ; ');
      var icon = L.divIcon({
        className: 'map-marker' + (labels.length > 1 ? ' map-marker-group' : ''),
        html: '<span>' + escapeHTML(text) + '</span>',
        iconSize: labels.length > 1 ? [Math.max(30, 12 + 8 * text.length), 30] : [30, 30],
        iconAnchor: labels.length > 1 ? [Math.max(30, 12 + 8 * text.length) / 2, 15] : [15, 15],
        popupAnchor: [0, -15]
      });
      var marker = L.marker([place.lat, place.lon], { icon: icon, title: title, keyboard: true, riseOnHover: true });
      marker.bindPopup(popup(place.items));
      marker.addTo(map);
      points.push([place.lat, place.lon]);
    });

    var centre = (el.getAttribute('data-center') || '').split(',');
    var clat = number(centre[0]), clon = number(centre[1]);
    if (clat !== null && clon !== null) {
      L.marker([clat, clon], {
        icon: L.divIcon({ className: 'map-origin', iconSize: [18, 18], iconAnchor: [9, 9] }),
        interactive: false, keyboard: false, zIndexOffset: -1000
      }).addTo(map);
    }

    if (points.length > 0) {
      map.fitBounds(L.latLngBounds(points), { padding: [50, 40], maxZoom: 15 });
    } else if (clat !== null && clon !== null) {
      map.setView([clat, clon], 13);
    } else {
      // Nothing to place: no map rather than an empty one.
      map.remove();
      el.hidden = true;
      return;
    }
    el.setAttribute('data-markers', String(points.length));
    el.setAttribute('data-placed', String(order.reduce(function (n, k) { return n + places[k].items.length; }, 0)));

    var form = el.getAttribute('data-form') && document.querySelector(el.getAttribute('data-form'));
    var text = el.getAttribute('data-center-label');
    if (form && text) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'map-center-search';
      button.textContent = text;
      button.addEventListener('click', function () {
        var c = map.getCenter().wrap();
        var input = form.querySelector('input[name=center]');
        if (!input) {
          input = document.createElement('input');
          input.name = 'center';
          form.appendChild(input);
        }
        input.type = 'hidden';
        input.value = c.lat.toFixed(5) + ',' + c.lng.toFixed(5);
        var near = form.querySelector('input[name=near]');
        if (near) near.value = ''; // a postal code typed in would win over the centre
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      });
      el.parentNode.insertBefore(button, el.nextSibling);
      // Typing a postal code replaces the centre.
      var nearInput = form.querySelector('input[name=near]');
      var box = form.querySelector('input[name=center][type=checkbox]');
      if (nearInput && box) {
        nearInput.addEventListener('input', function () { box.checked = nearInput.value === ''; });
      }
    }
  }

  function start() {
    if (!window.L) return;
    Array.prototype.forEach.call(document.querySelectorAll('[data-directory-map]'), function (el) {
      try {
        draw(el);
      } catch (e) {
        el.hidden = true; // the list is still there
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
