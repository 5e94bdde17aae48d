/*
 * memory.c - the library's allocator entry points (see platform.h).
 *
 * Plain C runtime allocation on every platform. Kept behind one door so
 * that tests can count allocations and inject failures: an INTERNAL test
 * that links tests/support/failing_alloc.c replaces these three functions
 * (the linker then leaves this file out of the static rtm_core), so the
 * library itself pays nothing for it. Keep nothing else in this file.
 */
#include <stdlib.h>

#include "platform.h"

void *rtm_malloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *rtm_calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void rtm_free(void *p)
{
    free(p);
}
