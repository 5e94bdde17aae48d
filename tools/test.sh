#!/usr/bin/env bash
# test.sh - configures, builds and runs every variant's tests (native,
# native under valgrind memcheck, ASan+UBSan, TSan, x86_64 and i686 under
# Wine, the API fuzzer's regressions and short pass) with one ctest.
#   tools/test.sh [BUILD_DIR]      (default: build)
set -euo pipefail
build=${1:-build}
cmake -S "$(dirname "$0")/.." -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
ctest --test-dir "$build" -j"$(nproc)" --output-on-failure
