// The import job page: polls the job's status and moves the progress bar; reloads
// the page once the job is finished, to show its outcome. Without JavaScript the
// page reloads itself (a meta refresh) while the job runs.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box || box.dataset.running !== "1") {
    return;
  }
  var bar = document.getElementById("import-job-progress");
  var status = document.getElementById("import-job-status");
  var count = document.getElementById("import-job-count");
  var template = count.textContent;

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          return;
        }
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
          return;
        }
        bar.max = job.total || 1;
        bar.value = job.done;
        bar.textContent = job.progress + "%";
        status.textContent = job.status_label;
        count.textContent = template.replace(/\d+/, String(job.done)).replace(/(\D+)\d+/, "$1" + job.total);
        window.setTimeout(poll, 1500);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
