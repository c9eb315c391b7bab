// The import page's progress bar, kept current from /workspace/import/{id}/status while the import
// runs; once it has finished the page reloads to show the result. Without JS the page refreshes itself.
const box = document.getElementById("import-running");
const bar = document.getElementById("import-progress");
const counts = document.getElementById("import-counts");

async function poll() {
  const answer = await fetch(box.dataset.status, { headers: { Accept: "application/json" } });
  if (!answer.ok) return;
  const status = await answer.json();
  if (status.state !== "running") {
    window.location.reload();
    return;
  }
  bar.max = Math.max(status.total, 1);
  bar.value = status.done;
  counts.textContent = counts.textContent.replace(/^\d+ \/ \d+/, `${status.done} / ${status.total}`);
  setTimeout(poll, 500);
}

if (box && bar && counts) setTimeout(poll, 300);
