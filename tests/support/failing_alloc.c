/*
 * failing_alloc.c - the library's allocator with counting and failures on
 * demand (failing_alloc.h). Same contract as src/base/memory.c: a zero size is
 * served as one byte, rtm_free(NULL) does nothing.
 */
#include <stdlib.h>

#include "failing_alloc.h"

void *rtm_malloc(size_t size);
void *rtm_calloc(size_t count, size_t size);
void rtm_free(void *p);

static long outstanding;                   /* atomic */
static _Thread_local long countdown;       /* allocations until the failure; 0: none */
static _Thread_local long attempts;
static _Thread_local int failed;

void test_alloc_fail_nth(long n)
{
    countdown = n > 0 ? n : 0;
    attempts = 0;
    failed = 0;
}

int test_alloc_failed(void)
{
    return failed;
}

long test_alloc_attempts(void)
{
    return attempts;
}

long test_alloc_outstanding(void)
{
    return __atomic_load_n(&outstanding, __ATOMIC_SEQ_CST);
}

/* Counts an attempt; nonzero when it is the one to fail. */
static int failing(void)
{
    attempts++;
    if (countdown > 0 && --countdown == 0) {
        failed = 1;
        return 1;
    }
    return 0;
}

static void *counted(void *p)
{
    if (p)
        __atomic_add_fetch(&outstanding, 1, __ATOMIC_SEQ_CST);
    return p;
}

void *rtm_malloc(size_t size)
{
    return failing() ? NULL : counted(malloc(size ? size : 1));
}

void *rtm_calloc(size_t count, size_t size)
{
    return failing() ? NULL : counted(calloc(count ? count : 1, size ? size : 1));
}

void rtm_free(void *p)
{
    if (p)
        __atomic_sub_fetch(&outstanding, 1, __ATOMIC_SEQ_CST);
    free(p);
}
