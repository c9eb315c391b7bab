"""Space and text: CRS conversions (the one pyproj user), tiles, CQL2 parsing, proximity, folding."""
