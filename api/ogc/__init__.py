"""OGC API - Features routes: landing, conformance, API document, collections, queryables, items, Part 4 edits,
cross-collection search and health."""
