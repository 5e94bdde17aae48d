#!/bin/sh
# fake-wine.sh SCENARIO COUNT_FILE - stands in for Wine in
# test_wine32_run.sh: prints what a test program of that scenario prints,
# and dies of SIGSEGV the way the 32-bit Wine does in its teardown. Each run
# adds one line to COUNT_FILE.
echo run >>"$2"
runs=$(wc -l <"$2")
case $1 in
pass)            # a passing CMocka program, crashing in the first run only
    printf '[==========] 1 test(s) run.\r\n[  PASSED  ] 1 test(s).\r\n'
    [ "$runs" -gt 1 ] && exit 0 ;;
pass-always)     # the same, crashing in every run
    printf '[==========] 1 test(s) run.\r\n[  PASSED  ] 1 test(s).\r\n' ;;
fail)            # a failing CMocka program
    printf '[==========] 1 test(s) run.\r\n[  PASSED  ] 0 test(s).\r\n[  FAILED  ] 1 test(s), listed below:\r\n' ;;
unfinished)      # a program that crashed before its summary
    printf '[ RUN      ] test_a\r\n' ;;
exit3)           # a program that failed without a crash
    printf 'something\r\n'
    exit 3 ;;
esac
kill -SEGV $$
