"""What only the PostGIS store needs: the connection pool, migrations, the schema, COPY loads, ST_AsMVT."""
