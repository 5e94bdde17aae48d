#!/usr/bin/env bash
# run.sh - builds the API fuzzer (rtm_api_fuzz) and runs it.
#   fuzz/run.sh [SECONDS [libFuzzer options...]]     (default: 120 seconds)
# e.g. fuzz/run.sh 3600 -jobs=2 -workers=2   for a long run on demand.
# The build is in $RTM_FUZZ_BUILD (default: build-fuzz/ in the repository);
# inputs that add coverage go to its fuzz/work/corpus/, a crashing input to
# fuzz/work/artifacts/ (replay one with: rtm_api_fuzz FILE; RTM_FUZZ_TRACE=1
# prints the operations). The regressions are replayed first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-120}
[ $# -gt 0 ] && shift
build=${RTM_FUZZ_BUILD:-$here/../build-fuzz}
cmake -S "$here/.." -B "$build" -DRTM_SUPERBUILD=OFF -DRTM_VARIANT=fuzz \
    -DCMAKE_C_COMPILER="${CC:-clang}" >/dev/null
cmake --build "$build" --target rtm_api_fuzz -j"$(nproc)" >/dev/null
work=$build/fuzz/work
mkdir -p "$work/corpus" "$work/artifacts"
"$build/fuzz/rtm_api_fuzz" -runs=0 "$here/regressions" "$here/corpus"
exec "$build/fuzz/rtm_api_fuzz" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$here/corpus"
