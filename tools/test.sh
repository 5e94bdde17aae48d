#!/usr/bin/env bash
# test.sh - configures, builds and runs every variant's tests (native,
# native under valgrind memcheck, ASan+UBSan, TSan, x86_64 and i686 under
# Wine, the API fuzzer's regressions and short pass) with one ctest, then
# says why any test was skipped (i686 ones where no 32-bit Wine can run).
#   tools/test.sh [BUILD_DIR]      (default: build)
set -euo pipefail
build=${1:-build}
cmake -S "$(dirname "$0")/.." -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
status=0
ctest --test-dir "$build" -j"$(nproc)" --output-on-failure || status=$?
log="$build/Testing/Temporary/LastTest.log"
if [ -f "$log" ] && grep -q '^ *wine32-run: skipped: ' "$log"; then
    echo "Why tests were skipped (how many: reason):"
    grep -h '^ *wine32-run: skipped: ' "$log" | sed 's/^ *wine32-run: skipped: //' | sort | uniq -c
fi
exit $status
