"""Page routes and their JSON twins: capacity, site search, transparency, pollution, downloads, maps, audit
and history."""
