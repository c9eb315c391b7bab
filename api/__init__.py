"""craftmap's HTTP API: OGC API - Features, domain endpoints, pages."""
