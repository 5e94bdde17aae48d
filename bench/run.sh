#!/usr/bin/env bash
# run.sh - the benchmark, end to end: gets the full ASN table, turns it into
# a prefix list, builds rtm_bench (Release) natively (with the DPDK peers
# when pkg-config finds libdpdk) and for x86_64 Windows, runs both (the
# Windows build under Wine, in a private prefix) and prints one table with
# the issue's targets.
#
#   bench/run.sh [--quick] [BUILD_DIR]       (default: build-bench)
#
# --quick: 1 000 000 look-ups and 1 s per concurrency configuration instead
# of 10 000 000 and 3 s (for development). The table comes from
# /opt/rtm-deps/ipdb/package when present, else from the npm registry
# (npm pack @ip-location-db/asn) into $RTM_BENCH_CACHE (default
# ~/.cache/rtm-bench), once. Needs python3 and, to fetch, npm. Raw outputs
# are kept in BUILD_DIR/results/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
quick=0
build=build-bench
for arg in "$@"; do
    case $arg in
    --quick) quick=1 ;;
    -h | --help)
        sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "run.sh: unknown option $arg" >&2
        exit 2
        ;;
    *) build=$arg ;;
    esac
done
mkdir -p "$build"
build=$(cd "$build" && pwd)
results=$build/results
mkdir -p "$results"
cache=${RTM_BENCH_CACHE:-$HOME/.cache/rtm-bench}

if [ $quick = 1 ]; then
    bench_args=(--lookups 1000000 --ms 1000)
else
    bench_args=(--lookups 10000000 --ms 3000)
fi

# ---- The table --------------------------------------------------------------
table=/opt/rtm-deps/ipdb/package
if [ ! -f "$table/asn-ipv4.csv" ]; then
    table=$cache/package
    if [ ! -f "$table/asn-ipv4.csv" ]; then
        command -v npm >/dev/null || {
            echo "run.sh: npm is needed to fetch the table (apt-get install npm)" >&2
            exit 1
        }
        echo "run.sh: fetching @ip-location-db/asn into $cache"
        mkdir -p "$cache"
        tarball=$(cd "$cache" && npm pack --silent @ip-location-db/asn | tail -n 1)
        tar -xzf "$cache/$tarball" -C "$cache"
        rm -f "$cache/$tarball"
    fi
fi
prefixes=$build/prefixes.txt
if [ ! -s "$prefixes" ] || [ "$table/asn-ipv4.csv" -nt "$prefixes" ] ||
    [ "$here/asn_to_prefixes.py" -nt "$prefixes" ]; then
    python3 "$here/asn_to_prefixes.py" "$table" "$prefixes"
fi

# ---- Builds -------------------------------------------------------------------
echo "run.sh: building rtm_bench (Release) in $build"
cmake -S "$src" -B "$build/native" -DRTM_SUPERBUILD=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/native" -j"$(nproc)" --target rtm_bench >/dev/null
wine_exe=
if command -v x86_64-w64-mingw32-gcc >/dev/null && command -v wine >/dev/null; then
    cmake -S "$src" -B "$build/x86_64" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchain-x86_64-w64-mingw32.cmake" >/dev/null
    cmake --build "$build/x86_64" -j"$(nproc)" --target rtm_bench >/dev/null
    wine_exe=$build/x86_64/bin/rtm_bench.exe
else
    echo "run.sh: no MinGW-w64 or Wine: the Wine column stays empty (tools/bootstrap.sh)" >&2
fi

# ---- Runs ---------------------------------------------------------------------
status=0
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
        "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "dpdk: $(pkg-config --modversion libdpdk 2>/dev/null || echo none)"
    echo "arguments: ${bench_args[*]}"
} >"$results/info.txt"

echo "run.sh: native run"
(cd "$build" && "$build/native/bench/rtm_bench" "${bench_args[@]}" prefixes.txt) \
    | tee "$results/native.txt" || status=1
: >"$results/wine.txt"
if [ -n "$wine_exe" ]; then
    echo "run.sh: x86_64 Windows run under Wine"
    export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml=" WINEPREFIX=$build/wineprefix
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        wine wineboot.exe --init >/dev/null 2>&1 || true
    fi
    (cd "$build" && wine "$wine_exe" "${bench_args[@]}" prefixes.txt) | tr -d '\r' \
        | tee "$results/wine.txt" || status=1
    wineserver -k 2>/dev/null || true
fi

echo
python3 "$here/report.py" "$results/info.txt" "$results/native.txt" "$results/wine.txt"
exit $status
