#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium (browser tests) and PostgreSQL + PostGIS
# (the PostGIS store). Installed from apt when missing; nothing is downloaded at test time.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgis postgresql-15-postgis-3)

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
