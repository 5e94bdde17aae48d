/*
 * alloc_in_turn.c - the loop of the allocation-failure suites
 * (alloc_in_turn.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "alloc_in_turn.h"

void test_alloc_fail_in_turn(const char *name, int allocates, test_alloc_attempt attempt,
                             const void *op)
{
    long n = 1;

    while (attempt(op, n)) {
        n++;
        if (n > TEST_ALLOC_MAX_ATTEMPTS)
            fail_msg("%s: still failing after %d allocations", name, TEST_ALLOC_MAX_ATTEMPTS);
    }
    print_message("%s: %ld allocation(s) failed in turn\n", name, n - 1);
    assert_int_equal(n > 1, allocates);
}
