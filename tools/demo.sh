#!/usr/bin/env bash
# demo.sh - the main job: runs the Windows build of the smoke program under
# Wine, which loads rtm.dll with LoadLibrary and lists its exports' status.
#   tools/demo.sh [BUILD_DIR]      (default: build)
set -euo pipefail

build=${1:-build}
exe="$build/x86_64/bin/rtm-exports.exe"
if [ ! -f "$exe" ]; then
    echo "demo: $exe not found; build first: cmake -S . -B $build && cmake --build $build" >&2
    exit 1
fi
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX
WINEPREFIX="$(cd "$build" && pwd)/x86_64/wineprefix"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "demo: creating the Wine prefix $WINEPREFIX (once)"
    wine wineboot.exe --init >/dev/null 2>&1
fi
wine "$exe" rtm.dll | tr -d '\r'
