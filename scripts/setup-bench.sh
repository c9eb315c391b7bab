#!/usr/bin/env bash
# What `make bench` needs beyond the test system: the load generator (wrk), and the peers
# craftmap is measured against, each in its own venv under bench/.work/ (never the project's .venv):
#   - pygeoapi (PyPI) with its OGR, SQLiteGPKG and PostgreSQL providers: needs Debian's GDAL bindings, so its venv is made from
#     Debian's /usr/bin/python3 with --system-site-packages (gdal-bin, python3-gdal, spatialite);
#   - tipg (PyPI) for the PostGIS comparison: its pins may clash with ours, hence its own venv.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/.work"
PYGEOAPI_SPEC="${PYGEOAPI_SPEC:-pygeoapi>=0.20,<0.30}"
TIPG_SPEC="${TIPG_SPEC:-tipg>=1.0,<2}"
mkdir -p "$WORK"

# Chromium (map benchmark) and PostgreSQL + PostGIS (PostGIS benchmark) come with the test system.
bash "$ROOT/scripts/setup-test-system.sh"

# pip repeats one warning per package for each configured local index that is absent: drop those.
quiet_pip() { grep -v "^WARNING: Location 'file:" || true; }

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
/usr/bin/python3 -c 'from osgeo import ogr' >/dev/null 2>&1 || need+=(python3-gdal)
[ -n "$(ls /usr/lib/*/mod_spatialite.so* 2>/dev/null)" ] || need+=(libsqlite3-mod-spatialite)
/usr/bin/python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)

bash "$ROOT/scripts/apt-install.sh" setup-bench "${need[@]}"

# pygeoapi: Debian's Python, so `from osgeo import ogr` is the apt GDAL the OGR provider needs.
PYG="$WORK/pygeoapi-venv"
if [ ! -x "$PYG/bin/pygeoapi" ] || ! "$PYG/bin/python" -c 'import starlette, uvicorn, geoalchemy2, psycopg2' >/dev/null 2>&1; then
  echo "setup-bench: creating $PYG"
  rm -rf "$PYG"
  /usr/bin/python3 -m venv --system-site-packages "$PYG"
  "$PYG/bin/python" -m pip install --quiet --upgrade pip 2>&1 | quiet_pip
  # Starlette + uvicorn: pygeoapi's documented ASGI production set-up (pygeoapi.starlette_app);
  # SQLAlchemy, GeoAlchemy2 and psycopg2: what its PostgreSQL provider imports (its SQLiteGPKG
  # provider needs only mod_spatialite, from apt above).
  "$PYG/bin/python" -m pip install --quiet "$PYGEOAPI_SPEC" starlette uvicorn sqlalchemy geoalchemy2 \
    psycopg2-binary 2>&1 | quiet_pip
fi
"$PYG/bin/python" -c 'from osgeo import ogr; import pygeoapi, starlette' \
  || { echo "setup-bench: pygeoapi venv is broken; delete $PYG and retry" >&2; exit 1; }

# tipg: the project's Python is fine; its own venv keeps its pins away from ours.
TIPG="$WORK/tipg-venv"
if [ ! -x "$TIPG/bin/uvicorn" ] || ! "$TIPG/bin/python" -c 'import tipg' >/dev/null 2>&1; then
  echo "setup-bench: creating $TIPG"
  rm -rf "$TIPG"
  PY="$ROOT/.venv/bin/python"
  [ -x "$PY" ] || PY=python3
  "$PY" -m venv "$TIPG"
  "$TIPG/bin/python" -m pip install --quiet --upgrade pip 2>&1 | quiet_pip
  "$TIPG/bin/python" -m pip install --quiet "$TIPG_SPEC" uvicorn 2>&1 | quiet_pip
fi
echo "setup-bench: ready (wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), pygeoapi in $PYG, tipg in $TIPG)"
