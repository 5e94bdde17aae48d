#!/usr/bin/env bash
# demo.sh - the main job: builds what it needs (the x86_64 rtm.dll and
# rtmctl.exe, nothing else), then runs that Windows build of rtmctl under
# Wine, with rtm.dll, on the bundled routing table. The script
# data/demo.rtmctl loads data/asn.csv (a real table, about 28,000 IPv4 and
# 8,000 IPv6 prefixes) and data/static.iproute as two protocol entities with
# different preferences, prints the best-route summary, answers lookups,
# joins multicast groups and reports packets (the Multicast Group Manager's
# forwarding entries), withdraws one entity and shows the best routes moving
# (change notification), and prints the summary again.
#   tools/demo.sh [BUILD_DIR]      (default: build; shared with tools/test.sh)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
mkdir -p "$build"
build=$(cd "$build" && pwd)
log="$build/demo-build.log"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
echo "== building rtm.dll and rtmctl.exe (x86_64) in $build (log: $log)"
if ! { cmake -S "$root" -B "$build" && cmake --build "$build" --target demo; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "demo: the build failed; see $log" >&2
    exit 1
fi
exe="$build/x86_64/bin/rtmctl.exe"
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX="$build/x86_64/wineprefix"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "== creating the Wine prefix $WINEPREFIX (once)"
    wine wineboot.exe --init >/dev/null 2>&1
fi
echo "== rtmctl.exe and rtm.dll (x86_64) under $(wine --version), running data/demo.rtmctl"
cd "$root"
status=0
wine "$exe" -f data/demo.rtmctl 2>&1 | tr -d '\r' || status=$?
exit $status
