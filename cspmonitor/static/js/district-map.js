// Draw the partnership's districts on a Leaflet map from our own GeoJSON.
// There is no tile server: the boundaries are the whole picture, and the
// table beside the map carries the same information for those who skip it.
(function () {
  const container = document.getElementById('district-map')
  if (!container || !window.L) return
  const colours = ['#1d70b8', '#00703c', '#912b88', '#f47738', '#5694ca', '#85994b']

  fetch(container.dataset.geojsonUrl, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('The boundaries could not be loaded (' + response.status + ').')
      return response.json()
    })
    .then(function (collection) {
      const map = window.L.map(container, { attributionControl: true, zoomSnap: 0.25 })
      map.attributionControl.setPrefix(false)
      map.attributionControl.addAttribution('Contains OS data © Crown copyright and database right 2022')
      let index = 0
      const layer = window.L.geoJSON(collection, {
        style: function () {
          const colour = colours[index++ % colours.length]
          return { color: '#0b0c0c', weight: 2, fillColor: colour, fillOpacity: 0.35 }
        },
        onEachFeature: function (feature, shape) {
          shape.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'app-map-label' })
        }
      }).addTo(map)
      if (collection.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] })
      container.dataset.loaded = String(collection.features.length)
    })
    .catch(function (error) {
      container.textContent = error.message
      container.dataset.loaded = 'error'
    })
})()
