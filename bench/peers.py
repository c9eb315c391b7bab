"""The peers craftmap is measured against, each from its own venv made by ``scripts/setup-bench.sh``.

- pygeoapi, with each of its providers that can read our data: OGR over the same GeoPackage
  file (``paging: true``; without it pygeoapi reads the whole layer per page), its
  SQLite/GeoPackage provider on that same file, and its PostgreSQL provider on the same PostGIS
  table; served by uvicorn on its Starlette app (the ASGI set-up its "Running in production"
  docs give), one worker.
- tipg: on the same PostGIS table, its own ``tipg.main:app`` on uvicorn, one worker.
- the baseline: :mod:`bench.baseline` in the project's venv.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from bench import synthetic
from bench.servers import PROJECT_PYTHON, WORK, Server, free_port, uvicorn_argv

PYGEOAPI_VENV = WORK / "pygeoapi-venv"
TIPG_VENV = WORK / "tipg-venv"


def _require(venv: Path, what: str) -> Path:
    python = venv / "bin" / "python"
    if not python.exists():
        raise RuntimeError(f"{what} is not set up: run 'bash scripts/setup-bench.sh' ({venv} missing)")
    return python


def ogr_provider(gpkg: Path, layer: str = "facilities") -> dict[str, object]:
    """pygeoapi's OGR provider on a GeoPackage layer."""
    return {"type": "feature", "name": "OGR",
            "data": {"source_type": "GPKG", "source": str(gpkg), "source_capabilities": {"paging": True},
                     "source_options": {}, "gdal_ogr_options": {}},
            "id_field": "id", "layer": layer}


def sqlite_provider(gpkg: Path, layer: str = "facilities") -> dict[str, object]:
    """pygeoapi's SQLite/GeoPackage provider (SpatiaLite) on the same file."""
    return {"type": "feature", "name": "SQLiteGPKG", "data": str(gpkg), "id_field": "id", "table": layer}


def postgres_provider(database_url: str, layer: str = "facilities") -> dict[str, object]:
    """pygeoapi's PostgreSQL provider on the table craftmap's PostGIS store loaded."""
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(database_url)
    data = {"host": info.get("host") or "127.0.0.1", "port": int(str(info.get("port") or 5432)),
            "dbname": info["dbname"], "user": info.get("user") or "postgres",
            "password": info.get("password", ""), "search_path": ["public"]}
    return {"type": "feature", "name": "PostgreSQL", "data": data, "id_field": "id", "table": layer,
            "geom_field": "geom"}


def pygeoapi_config(provider: dict[str, object], port: int, layer: str = "facilities") -> dict[str, object]:
    """A minimal pygeoapi configuration with one collection read through ``provider``."""
    minx, miny, maxx, maxy = synthetic.BBOX
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": f"http://127.0.0.1:{port}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "language": "en-US",
            "cors": False,
            "pretty_print": False,
            "limits": {"default_items": 10, "max_items": 10000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "attribution": "OpenStreetMap contributors"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {"title": "craftmap benchmark peer", "description": "Synthetic facilities",
                               "keywords": ["synthetic"], "keywords_type": "theme",
                               "terms_of_service": "https://creativecommons.org/licenses/by/4.0/",
                               "url": "https://example.org/craftmap-bench"},
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "craftmap benchmark", "url": "https://example.org/craftmap-bench"},
            "contact": {"name": "craftmap", "email": "bench@example.org"},
        },
        "resources": {
            layer: {
                "type": "collection",
                "title": "Synthetic facilities (illustrative, not real data)",
                "description": "Benchmark layer generated with a fixed seed",
                "keywords": ["synthetic"],
                "extents": {"spatial": {"bbox": [minx, miny, maxx, maxy],
                                        "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
                "providers": [provider],
            }
        },
    }


def pygeoapi(name: str, provider: dict[str, object]) -> Server:
    """pygeoapi serving one collection through ``provider`` (config files named after ``name``); its
    OpenAPI document is generated first, as pygeoapi requires."""
    python = _require(PYGEOAPI_VENV, "pygeoapi")
    config = WORK / f"pygeoapi-{name}.yml"
    openapi = WORK / f"pygeoapi-{name}-openapi.yml"
    port = free_port()
    config.write_text(yaml.safe_dump(pygeoapi_config(provider, port), allow_unicode=True, sort_keys=False))
    subprocess.run([str(PYGEOAPI_VENV / "bin" / "pygeoapi"), "openapi", "generate", str(config),
                    "--output-file", str(openapi)], check=True, capture_output=True,
                   env={"PYGEOAPI_CONFIG": str(config), "PATH": "/usr/bin:/bin"})
    return Server("pygeoapi", uvicorn_argv(python, "pygeoapi.starlette_app:APP"),
                  "/collections/facilities?f=json", cwd=WORK, port=port,
                  env={"PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)})


def baseline(bodies: Path) -> Server:
    return Server("baseline", uvicorn_argv(PROJECT_PYTHON, "bench.baseline:create_app", factory=True),
                  "/collections", env={"BENCH_BASELINE_BODIES": str(bodies)})


def tipg(database_url: str, schema: str = "public") -> Server:
    """tipg on ``database_url``; collections are named ``{schema}.{table}``."""
    python = _require(TIPG_VENV, "tipg")
    return Server("tipg", uvicorn_argv(python, "tipg.main:app"), "/collections", cwd=WORK,
                  env={"DATABASE_URL": database_url, "TIPG_DB_SCHEMAS": f'["{schema}"]',
                       "TIPG_MAX_FEATURES_PER_QUERY": "10000", "TIPG_DEBUG": "FALSE"})
