#!/bin/sh
# test_wine32_run.sh - cmake/wine32-run.sh, the i686 tests' emulator, with a
# stand-in for Wine (fake-wine.sh): a run that crashed in Wine's teardown is
# repeated only when the program had finished and passed; every other run is
# reported as it is; without a Wine the test is skipped, with the reason.
#   sh test_wine32_run.sh <path of wine32-run.sh>
run=$1
unset RTM_I686_WINE_OFF
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect SCENARIO STATUS RUNS: wine32-run.sh exits with STATUS after RUNS runs.
expect() {
    rm -f "$work/count"
    sh "$run" "$here/fake-wine.sh" "$1" "$work/count" >"$work/out" 2>"$work/err" </dev/null
    status=$?
    runs=$(wc -l <"$work/count")
    if [ "$status" -ne "$2" ] || [ "$runs" -ne "$3" ]; then
        echo "FAIL: $1: status $status after $runs run(s), expected $2 after $3"
        failures=$((failures + 1))
    else
        echo "ok: $1: status $status after $runs run(s)"
    fi
}
expect pass 0 2
expect pass-always 139 4
expect fail 139 1
expect unfinished 139 1
expect exit3 3 1

# the output of the last run only, and the notice of each rerun on stderr
expect pass 0 2
if [ "$(grep -c 'PASSED  \] 1' "$work/out")" -ne 1 ] || [ "$(grep -c '^wine32-run: ' "$work/err")" -ne 1 ]; then
    echo "FAIL: pass: output of more than the last run, or no notice of the rerun"
    failures=$((failures + 1))
fi

# skipped (status 77) with the reason, before anything runs
skip() {
    out=$(env $1 RTM_I686_WINE_NOTE="$4" sh "$run" "$2" "$here/fake-wine.sh" pass "$work/count" </dev/null)
    status=$?
    if [ "$status" -ne 77 ] || [ "$out" != "wine32-run: skipped: $3" ]; then
        echo "FAIL: skip ($2): status $status, output \"$out\""
        failures=$((failures + 1))
    else
        echo "ok: $out"
    fi
}
skip "" none "no 32-bit Wine (kernel says no)" "kernel says no"
skip "" "$work/no-such-wine" "the 32-bit Wine $work/no-such-wine is not there (run tools/bootstrap.sh)" ""
skip "RTM_I686_WINE_OFF=1" "$here/fake-wine.sh" "RTM_I686_WINE_OFF is set" ""
out=$(sh "$run" --check "$here/fake-wine.sh")
if [ $? -ne 0 ] || [ -n "$out" ]; then
    echo "FAIL: --check of an existing Wine: \"$out\""
    failures=$((failures + 1))
fi

[ "$failures" -eq 0 ]
