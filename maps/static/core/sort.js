/* Sorting the capacity table: numbers by value, text in Vietnamese order, unknown (null) last. */

/** The sort key of a cell: its data-sort attribute (or text); a number when it reads as one. */
export function sortKey(raw) {
  if (raw === null || raw === undefined || raw === "") { return null; }
  const n = Number(raw);
  return isNaN(n) ? String(raw).toLocaleLowerCase("vi") : n;
}

/** Compare two keys in direction `dir` (1 ascending, -1 descending); unknown stays last either way. */
export function compareKeys(a, b, dir) {
  if (a === null && b === null) { return 0; }
  if (a === null) { return 1; }
  if (b === null) { return -1; }
  if (typeof a === "number" && typeof b === "number") { return dir * (a - b); }
  return dir * String(a).localeCompare(String(b), "vi");
}
