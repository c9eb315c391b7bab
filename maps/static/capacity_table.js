/* craftmap capacity table: click a column header to sort (numbers by value, unknown last). No library. */
import { compareKeys, sortKey } from "./core/sort.js";

function key(cell) {
  const raw = cell.getAttribute("data-sort");
  return sortKey(raw === null ? cell.textContent.trim() : raw);
}

function sortBy(table, th, index) {
  const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
  Array.prototype.forEach.call(table.tHead.rows[0].cells, (c) => c.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = Array.prototype.slice.call(body.rows);
  rows.sort((r1, r2) => compareKeys(key(r1.cells[index]), key(r2.cells[index]), dir));
  rows.forEach((r) => body.appendChild(r));
}

document.querySelectorAll("table.sortable").forEach((table) => {
  Array.prototype.forEach.call(table.tHead.rows[0].cells, (th, index) => {
    th.tabIndex = 0;
    th.addEventListener("click", () => sortBy(table, th, index));
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") { sortBy(table, th, index); } });
  });
  table.setAttribute("data-sortable-ready", "1");
});
