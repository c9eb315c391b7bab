#!/usr/bin/env bash
# Install Debian packages from apt, as root or through sudo: the one apt step of the setup scripts.
# Usage: apt-install.sh CALLER [PACKAGE...]  (CALLER names the script in messages; no package: no-op)
set -euo pipefail

caller="$1"
shift
[ $# -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "$caller: need $* from apt, but not root and no sudo." >&2
  echo "Install them (apt-get install $*) and run $caller again." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "$caller: installing $* from apt"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
