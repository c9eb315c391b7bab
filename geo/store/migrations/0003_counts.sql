-- craftmap schema 0003: exact feature counts kept by statement triggers (like GeoPackage's
-- gpkg_ogr_contents), so an unfiltered page's numberMatched costs one row read, not a full count.
CREATE TABLE IF NOT EXISTS craftmap_counts (
  collection text PRIMARY KEY,
  n bigint NOT NULL
);

CREATE OR REPLACE FUNCTION craftmap_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE craftmap_counts SET n = n + (SELECT count(*) FROM new_rows) WHERE collection = TG_TABLE_NAME;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION craftmap_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE craftmap_counts SET n = n - (SELECT count(*) FROM old_rows) WHERE collection = TG_TABLE_NAME;
  RETURN NULL;
END $$;
