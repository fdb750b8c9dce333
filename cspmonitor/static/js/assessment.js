// The assessment page: draw its map (progress.js follows a running assessment).
(function () {
  const container = document.getElementById('assessment-map')
  if (!container || !window.L) return
  const load = function (url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('The map could not be loaded (' + response.status + ').')
      return response.json()
    })
  }
  // Panel case locations are need-to-know: the server returns only those of the panels this
  // person sits on (often none), and the map draws without them if they cannot be had.
  const panelLocations = container.dataset.panelLocationsUrl
    ? load(container.dataset.panelLocationsUrl).catch(function () { return { features: [] } })
    : Promise.resolve({ features: [] })
  Promise.all([load(container.dataset.lsoasUrl), load(container.dataset.cellsUrl), panelLocations])
    .then(function (layers) {
      const lsoas = layers[0]
      const cells = layers[1]
      const map = window.L.map(container, { zoomSnap: 0.25 })
      map.attributionControl.setPrefix(false)
      map.attributionControl.addAttribution('Contains OS data © Crown copyright and database right')
      const shapes = window.L.geoJSON(lsoas, {
        style: function (feature) {
          return { color: '#505a5f', weight: 0.5, fillColor: feature.properties.fill, fillOpacity: 0.85 }
        },
        onEachFeature: function (feature, shape) {
          const p = feature.properties
          shape.bindTooltip(p.name + ': ' + p.count + ' recorded, ' + (p.rate === null ? 'no population' : p.rate + ' per 1,000'))
        }
      }).addTo(map)
      window.L.geoJSON(cells, {
        style: function (feature) {
          const hot = feature.properties.class === 'hot'
          return { color: hot ? '#d4351c' : '#1d70b8', weight: 1, fillColor: hot ? '#d4351c' : '#1d70b8', fillOpacity: 0.8 }
        }
      }).addTo(map)
      window.L.geoJSON(layers[2], {
        pointToLayer: function (feature, point) {
          return window.L.circleMarker(point, { radius: 7, color: '#4c2c92', weight: 2, fillColor: '#4c2c92', fillOpacity: 0.6 })
        },
        onEachFeature: function (feature, shape) {
          const p = feature.properties
          shape.bindTooltip(p.panel + ', case ' + p.case + ': ' + p.name)
        }
      }).addTo(map)
      container.dataset.panelLocations = String(layers[2].features.length)
      map.fitBounds(shapes.getBounds())
      const legend = document.getElementById('assessment-map-legend')
      const breaks = lsoas.breaks
      const items = lsoas.shades.map(function (colour, i) {
        const low = i === 0 ? 'under ' + breaks[0] : (i === breaks.length ? breaks[i - 1] + ' and over' : breaks[i - 1] + ' to ' + breaks[i])
        return '<li><span class="app-legend__swatch" style-colour="' + colour + '"></span>' + low + ' per 1,000</li>'
      })
      legend.innerHTML = '<p class="govuk-body-s govuk-!-margin-bottom-1">Crimes and ASB per 1,000 residents</p><ul class="govuk-list govuk-body-s">' + items.join('') + '</ul>'
      legend.querySelectorAll('[style-colour]').forEach(function (swatch) {
        swatch.style.backgroundColor = swatch.getAttribute('style-colour')
        swatch.removeAttribute('style-colour')
      })
      container.dataset.loaded = String(lsoas.features.length)
    })
    .catch(function (error) {
      container.textContent = error.message
      container.dataset.loaded = 'error'
    })
})()
