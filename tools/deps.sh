#!/bin/sh
# Installs the Debian 12 packages parley builds and runs with; does nothing
# when they are all present already. chromium, valgrind and clang (with
# libclang-rt-14-dev, its libFuzzer) are for the tests only: report.sh
# renders a report headless, valgrind.sh runs parley under memcheck, and
# fuzz.sh runs every fuzz target briefly (docs/robustness.md).
set -e
PKGS="build-essential pkg-config libutf8proc-dev libcjson-dev libxml2-dev zlib1g-dev libsqlite3-dev iso-codes wordnet-base sqlite3 chromium valgrind clang libclang-rt-14-dev"
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
