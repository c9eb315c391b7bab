"""What only the GeoPackage store needs: SQLite connections, GeoPackage blobs, SQL functions, the bulk load."""
