/*
 * failing_alloc.h - a replacement for the library's allocator
 * (src/base/memory.c: rtm_malloc, rtm_calloc, rtm_free) that counts blocks and
 * fails allocations on demand, for INTERNAL tests (linked with rtm_core).
 *
 * Add failing_alloc.c to an INTERNAL test's sources: its definitions take
 * the place of memory.c's, which the linker then leaves out of the static
 * rtm_core (the release library keeps plain malloc/calloc/free, so this
 * costs nothing there).
 *
 * Failures are armed per thread: only allocations made by the thread that
 * called test_alloc_fail_nth fail, so library work on other threads (event
 * callbacks, timers) cannot take the failure meant for the call under test.
 * Counts are process-wide and atomic (any thread may allocate and free).
 */
#ifndef RTM_FAILING_ALLOC_H
#define RTM_FAILING_ALLOC_H

/*
 * Makes the calling thread's n-th allocation from now fail (1: the next
 * one), once; n = 0 disarms. Re-arming replaces the previous setting.
 */
void test_alloc_fail_nth(long n);

/* Nonzero once the armed failure has happened (until the next
 * test_alloc_fail_nth). */
int test_alloc_failed(void);

/* Allocations the calling thread attempted since its last
 * test_alloc_fail_nth (the failed one included). */
long test_alloc_attempts(void);

/* Blocks allocated and not freed yet, in the whole process: the library's
 * allocation balance. */
long test_alloc_outstanding(void);

#endif /* RTM_FAILING_ALLOC_H */
