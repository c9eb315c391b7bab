"""Test helpers, one module per kind of thing a test needs; ``conftest.py`` files hold only fixtures.

- ``records``: canonical tiny records and geometries near Hải Phòng, written as a data folder.
- ``stores``: GeoPackage stores loaded from a data folder, settings for a store, content digests.
- ``postgis``: a throwaway PostgreSQL + PostGIS cluster (also used by ``bench/``).
- ``servers``: real uvicorn on loopback, in a thread or a child process.
- ``asgi``: an in-process client for tests that do not need a real socket.
- ``responses``: checks on HTTP responses (GeoJSON pages, problem+json) and following ``next`` links.
- ``editing``: a writable store with tokens behind a live server.
- ``maps``: stores with hostile text or many features for the map pages.
- ``capacity``: clusters and plots drawn in metres for capacity, site search and relocation.
- ``browser``: headless Chromium pages, offline, with everything that went wrong on them.
"""
