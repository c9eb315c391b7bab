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
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-test-system: need ${need[*]} from apt, but not root and no sudo." >&2
  echo "Install them (apt-get install ${need[*]}) and run 'make test' again." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup-test-system: installing ${need[*]} from apt"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian package starts a cluster of its own; tests start throwaway clusters instead.
if command -v pg_lsclusters >/dev/null 2>&1; then
  $SUDO pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
fi
