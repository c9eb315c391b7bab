/* Time filters (maps/layers.py TIME_FILTERS): which features a chosen year keeps, which years exist. */

/** Whether a feature's properties pass the filter `time` set to `year` (null keeps everything). */
export function passes(time, props, year) {
  if (!time || year === null || year === undefined) { return true; }
  const p = props || {};
  if (time.kind === "year_range") {
    const start = p[time.start];
    const end = p[time.end] === null || p[time.end] === undefined ? start : p[time.end];
    return start !== null && start !== undefined && start <= year && year <= end;
  }
  const date = p[time.field];
  return typeof date === "string" && parseInt(date.slice(0, 4), 10) === year;
}

/** Every year some feature covers, ascending (a range longer than 60 years is cut). */
export function yearsOf(time, propsList) {
  const years = new Set();
  for (const p of propsList) {
    if (time.kind === "year_range" && typeof p[time.start] === "number") {
      const end = typeof p[time.end] === "number" ? p[time.end] : p[time.start];
      for (let y = p[time.start]; y <= end && y - p[time.start] < 60; y++) { years.add(y); }
    } else if (time.kind === "date_year" && typeof p[time.field] === "string") {
      years.add(parseInt(p[time.field].slice(0, 4), 10));
    }
  }
  return Array.from(years).sort((a, b) => a - b);
}
