#!/bin/sh
# Installs the Debian 12 packages parley builds and runs with; does nothing
# when they are all present already. chromium is for the tests only
# (tests/cli/report.sh renders a report headless).
set -e
PKGS="build-essential pkg-config libutf8proc-dev libcjson-dev libxml2-dev zlib1g-dev libsqlite3-dev iso-codes wordnet-base sqlite3 chromium"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && { echo "deps: all present"; exit 0; }
if [ "$(id -u)" != 0 ]; then
    echo "deps: missing:$missing; run as root (or: sudo apt-get install$missing)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
