/* The fixtures Python writes (tests/js/write_fixtures.py), read from $CRAFTMAP_JS_FIXTURES. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function fixture(name) {
  const folder = process.env.CRAFTMAP_JS_FIXTURES;
  if (!folder) { throw new Error("CRAFTMAP_JS_FIXTURES is not set: run through `make test` or tests/js/test_node.py"); }
  return JSON.parse(readFileSync(join(folder, name), "utf-8"));
}
