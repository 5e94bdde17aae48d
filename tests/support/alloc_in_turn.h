/*
 * alloc_in_turn.h - the loop of the allocation-failure suites
 * (tests/unit/test_alloc_failure.c, tests/mgm/test_mgm_alloc_failure.c):
 * one call with its 1st, then its 2nd, ... allocation failing, until it
 * needs no more and succeeds. Each suite keeps its own calls, fixture and
 * checks (its attempt function); this is only the counting around them.
 *
 * Add alloc_in_turn.c to the test's sources (with failing_alloc.c).
 */
#ifndef RTM_ALLOC_IN_TURN_H
#define RTM_ALLOC_IN_TURN_H

/* The most allocations one call may fail in turn before the test gives up. */
#define TEST_ALLOC_MAX_ATTEMPTS 64

/*
 * One iteration of a suite (in): runs its call on a fresh fixture with
 * the n-th allocation failing (n from 1; test_alloc_fail_nth), checks
 * what the suite checks (failing the test through CMocka where it finds
 * a fault) and cleans up. Returns nonzero when the n-th allocation failed,
 * 0 when the call succeeded without reaching it.
 */
typedef int (*test_alloc_attempt)(const void *op, long n);

/*
 * Calls attempt(op, n) for n = 1, 2, ... until it returns 0, then prints
 * "<name>: N allocation(s) failed in turn" and asserts that whether the
 * call allocated (N > 0, as 1 or 0) equals allocates (in: 1 or 0). Fails the
 * test (fail_msg) when the call still fails after
 * TEST_ALLOC_MAX_ATTEMPTS allocations.
 *
 * name (in): the call's name in messages; op (in): passed on to attempt.
 */
void test_alloc_fail_in_turn(const char *name, int allocates, test_alloc_attempt attempt,
                             const void *op);

#endif /* RTM_ALLOC_IN_TURN_H */
