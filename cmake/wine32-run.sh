#!/bin/sh
# wine32-run.sh WINE PROGRAM [ARGS...] - the i686 tests' emulator.
# wine32-run.sh --check WINE            - only say whether WINE can run here.
#
# WINE is the 32-bit Wine that tools/bootstrap.sh recorded (see
# cmake/RtmTesting.cmake), or "none". When there is none, its loader is
# gone, or RTM_I686_WINE_OFF is set, nothing runs: the script prints
# "wine32-run: skipped: <why>" and exits 77, which the tests report as a
# skip (RTM_I686_WINE_NOTE, set by the build, says why there is none).
#
# A private 32-bit Wine 8.0 (setup-wine32.sh) now and then dies of SIGSEGV
# in its own Unix-side process teardown, after the Windows program has
# finished and printed all its results (seen in about 1 run in 25 of a
# program that used the thread pool, no Windows exception raised, more
# often on a busy machine). Such a run is repeated, up to three more times,
# only when the program had finished: its output ends with CMocka's summary
# of a passing run ("[  PASSED  ] N test(s)." and no "[  FAILED  ]" line).
# Any other run, a SIGSEGV of an unfinished or failing program included, is
# reported as it is, with the last run's output and status.
if [ "$1" = --check ]; then
    check_only=1
    shift
fi
wine=$1
shift
why=""
if [ -n "$RTM_I686_WINE_OFF" ]; then
    why="RTM_I686_WINE_OFF is set"
elif [ "$wine" = none ]; then
    why="no 32-bit Wine${RTM_I686_WINE_NOTE:+ ($RTM_I686_WINE_NOTE)}"
elif [ ! -x "$wine" ]; then
    why="the 32-bit Wine $wine is not there (run tools/bootstrap.sh)"
fi
if [ -n "$why" ]; then
    echo "wine32-run: skipped: $why"
    exit 77
fi
[ -n "$check_only" ] && exit 0

out=$(mktemp) err=$(mktemp) in=$(mktemp)
trap 'rm -f "$out" "$err" "$in"' EXIT
[ -t 0 ] || cat >"$in"
attempt=1
while :; do
    "$wine" "$@" <"$in" >"$out" 2>"$err"
    status=$?
    [ "$status" -eq 139 ] && [ "$attempt" -lt 4 ] || break
    tr -d '\r' <"$out" | grep -q '^\[  PASSED  \] [0-9]* test(s)\.$' || break
    tr -d '\r' <"$out" | grep -q '^\[  FAILED  \]' && break
    echo "wine32-run: Wine crashed in its teardown (SIGSEGV) after the program passed; running again" >&2
    attempt=$((attempt + 1))
done
cat "$out"
cat "$err" >&2
exit "$status"
