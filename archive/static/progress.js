// Optional: follow a transcription's progress without reloading the page. Without JavaScript the
// page refreshes itself every few seconds instead.
(function () {
  var box = document.getElementById("job");
  if (!box || !box.querySelector("progress")) return;
  var url = box.getAttribute("data-progress-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.status !== "processing") { window.location.reload(); return; }
        var pct = Math.round((data.job ? data.job.progress : 0) * 100);
        box.querySelector("progress").value = pct;
        box.querySelector(".pct").textContent = pct + "%";
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
