#!/bin/sh
# wine32-run.sh WINE PROGRAM [ARGS...] - the i686 tests' emulator.
#
# The private 32-bit Wine 8.0 (../shared/tools/setup-wine32.sh) now and
# then dies of SIGSEGV in its own Unix-side process teardown, after the
# Windows program has finished and printed all its results (seen in about
# 1 run in 25 of a program that used the thread pool, also with the
# library's code from before any change under test; no Windows exception
# is raised, see WINEDEBUG=+seh; more often on a busy machine, where two
# such runs in a row were seen). Such a run is repeated, up to three more
# times; only the last run's output and status are reported. A run that
# fails in any other way is reported as it is.
wine=$1
shift
out=$(mktemp) err=$(mktemp) in=$(mktemp)
trap 'rm -f "$out" "$err" "$in"' EXIT
[ -t 0 ] || cat >"$in"
for attempt in 1 2 3 4; do
    "$wine" "$@" <"$in" >"$out" 2>"$err"
    status=$?
    [ "$status" -eq 139 ] || break
    [ "$attempt" -lt 4 ] && echo "wine32-run: Wine crashed in its teardown (SIGSEGV); running again" >&2
done
cat "$out"
cat "$err" >&2
exit "$status"
