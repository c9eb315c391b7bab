#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium (browser tests), PostgreSQL + PostGIS
# (the PostGIS store) and QGIS 3.22's Python bindings and data providers (the QGIS client test;
# about 100 MB to download, 1 GB on disk, 2-3 minutes). Installed from apt when missing; nothing
# is downloaded at test time.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgis postgresql-15-postgis-3)
[ -f /usr/lib/python3/dist-packages/qgis/core/__init__.py ] || need+=(python3-qgis)
[ -f /usr/lib/qgis/plugins/libprovider_wfs.so ] || need+=(qgis-providers)  # OAPIF is in the WFS provider

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" setup-test-system "${need[@]}"
# The Debian package starts a cluster of its own; tests start throwaway clusters instead.
if command -v pg_lsclusters >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
fi
