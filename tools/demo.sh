#!/usr/bin/env bash
# demo.sh - the main job: runs the Windows (x86_64) build of rtmctl under
# Wine, with rtm.dll, on the bundled routing table. The script
# data/demo.rtmctl loads data/asn.csv (a real table, about 28,000 IPv4 and
# 8,000 IPv6 prefixes) and data/static.iproute as two protocol entities with
# different preferences, prints the best-route summary, answers lookups,
# withdraws one entity and shows the best routes moving (change
# notification), and prints the summary again.
#   tools/demo.sh [BUILD_DIR]      (default: build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
exe="$build/x86_64/bin/rtmctl.exe"
if [ ! -f "$exe" ]; then
    echo "demo: $exe not found; build first: cmake -S . -B $build && cmake --build $build" >&2
    exit 1
fi
exe=$(cd "$(dirname "$exe")" && pwd)/rtmctl.exe
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX
WINEPREFIX="$(cd "$build" && pwd)/x86_64/wineprefix"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "demo: creating the Wine prefix $WINEPREFIX (once)"
    wine wineboot.exe --init >/dev/null 2>&1
fi
echo "== rtmctl.exe and rtm.dll (x86_64) under $(wine --version), running data/demo.rtmctl"
cd "$root"
status=0
wine "$exe" -f data/demo.rtmctl 2>&1 | tr -d '\r' || status=$?
exit $status
