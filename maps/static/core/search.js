/* Name search across layers: folded substring match, at most `limit` hits, in layer order. */
import { fold } from "./fold.js";

export const MIN_QUERY = 2;

/** Hits `{layer, entry}` among `layers` (each with `entries` carrying a folded `key`). */
export function search(layers, query, limit = 25) {
  const q = fold(query);
  const out = [];
  if (q.length < MIN_QUERY) { return out; }
  for (const layer of layers) {
    for (const entry of layer.entries) {
      if (out.length >= limit) { return out; }
      if (entry.key.indexOf(q) >= 0) { out.push({ layer, entry }); }
    }
  }
  return out;
}
