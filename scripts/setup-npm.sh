#!/usr/bin/env bash
# The browser libraries craftmap serves itself (package.json: Leaflet-Geoman for drawing, protomaps-leaflet
# for vector tiles; axe-core for the accessibility tests only), installed from the npm registry into node_modules/ with the exact
# versions of package-lock.json. Node.js and npm come from apt when missing. Re-run only when the
# lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
bash scripts/apt-install.sh setup-npm "${need[@]}"

stamp=node_modules/.craftmap-installed
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
touch "$stamp"
