/* Numbers and VND for readers, from the table geo.i18n.money gives (maps/layers.py puts it in the page). */

function marks(lang) { return lang === "en" ? { group: ",", decimal: "." } : { group: ".", decimal: "," }; }

/** An integer with thousands grouped: 3.865.000.000 (vi) or 3,865,000,000 (en). */
export function groupDigits(n, lang) {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, marks(lang).group);
  return (n < 0 ? "-" : "") + digits;
}

/** A number rounded half up to `decimals` places, trailing zeros dropped, in the reader's marks. */
export function number(value, lang, decimals = 3) {
  const scale = 10 ** decimals;
  const negative = value < 0;
  const scaled = Math.round(Math.abs(value) * scale + 1e-9);
  const whole = Math.floor(scaled / scale);
  const frac = String(scaled % scale).padStart(decimals, "0").replace(/0+$/, "");
  const text = groupDigits(whole, lang) + (frac ? marks(lang).decimal + frac : "");
  return negative && scaled !== 0 ? "-" + text : text;
}

/* amount / size to three places, half up, with integer arithmetic only (amounts exceed 2^53 / 1000). */
function ratio(amount, size, lang) {
  const a = Math.abs(amount);
  let whole = Math.floor(a / size);
  let milli = Math.floor(((a % size) * 2000 + size) / (2 * size));
  if (milli === 1000) { whole += 1; milli = 0; }
  const frac = String(milli).padStart(3, "0").replace(/0+$/, "");
  const text = groupDigits(whole, lang) + (frac ? marks(lang).decimal + frac : "");
  return amount < 0 && (whole || milli) ? "-" + text : text;
}

/** An amount of VND in the largest unit that keeps it at or above 1, as format_vnd() writes it. */
export function formatVnd(amount, lang, table, qualifier = null) {
  const t = table[lang === "en" ? "en" : "vi"];
  if (amount === null || amount === undefined) { return t.not_published; }
  let text = "";
  for (const [size, unit] of t.units) {
    if (Math.abs(amount) >= size || size === 1) { text = ratio(amount, size, lang) + " " + unit; break; }
  }
  const prefix = qualifier ? t.qualifiers[qualifier] : null;
  return prefix ? prefix + " " + text : text;
}
