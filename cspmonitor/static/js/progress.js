// Follow long work in the background (an assessment, a report): poll its status and reload when it ends.
// Markup: an element with data-status-url holding a <progress>, #progress-label and #progress-percent.
(function () {
  const progress = document.querySelector('[data-status-url]')
  if (!progress) return
  const poll = function () {
    fetch(progress.dataset.statusUrl, { credentials: 'same-origin' })
      .then(function (response) { return response.json() })
      .then(function (state) {
        if (state.status === 'done' || state.status === 'failed') { window.location.reload(); return }
        progress.querySelector('progress').value = state.progress
        document.getElementById('progress-label').textContent = state.stage || 'Waiting to start'
        document.getElementById('progress-percent').textContent = state.progress + '% done'
        window.setTimeout(poll, 1500)
      })
      .catch(function () { window.setTimeout(poll, 5000) })
  }
  window.setTimeout(poll, 1000)
})()
