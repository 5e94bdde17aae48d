/*
 * test_timer.c - unit tests for src/base/timer.c that the public API cannot
 * reach reliably: a timer re-armed while its fire function runs fires
 * again after it returns, never beside it on another worker thread, and
 * the reference it holds on its owner is dropped exactly once. (Found by
 * the API fuzzer: two fires of one route's expiry timer each dropped the
 * timer's reference, freeing the route under the second fire.)
 *
 * Linked with the library's objects (INTERNAL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/handle.h"
#include "base/timer.h"
#include "rtm_test.h"

/* The handle type of the timers' owner objects: any valid type will do. */
#define OWNER_TYPE 1u

struct owner {
    struct rtm_object obj; /* first member */
    struct rtm_timer timer;
};

static struct owner owner;
static int freed, fires, running, overlaps, entered, rearmed;

static void owner_free(struct rtm_object *obj)
{
    rtm_timer_destroy(&((struct owner *)obj)->timer);
    test_counter_add(&freed, 1);
}

/* The first fire waits until the test has re-armed the timer, then gives
 * a second fire time to start beside it. */
static void slow_fire(struct rtm_timer *timer)
{
    (void)timer;
    if (test_counter_get(&running))
        test_counter_add(&overlaps, 1);
    test_counter_add(&running, 1);
    if (test_counter_get(&fires) == 0) {
        test_counter_set(&entered, 1);
        test_wait_flag(&rearmed, 1, 5000);
        test_sleep_ms(100);
    }
    test_counter_add(&fires, 1);
    test_counter_add(&running, -1);
}

static void test_rearmed_while_firing(void **state)
{
    uint32_t internal = 0;

    (void)state;
    assert_int_equal(rtm_object_init(&owner.obj, OWNER_TYPE, owner_free), RTM_HANDLE_OK);
    assert_int_equal(rtm_timer_init(&owner.timer, &owner.obj, slow_fire), NO_ERROR);

    rtm_timer_start(&owner.timer, 0);
    assert_true(test_wait_flag(&entered, 1, 5000));
    rtm_timer_start(&owner.timer, 0); /* due again while the first fire runs */
    test_counter_set(&rearmed, 1);

    assert_int_equal(test_wait_count(&fires, 2, 5000), 2);
    test_sleep_ms(50);
    assert_int_equal(test_counter_get(&fires), 2);
    assert_int_equal(test_counter_get(&overlaps), 0);

    /* Idle again: only the creator's reference is left. */
    for (int i = 0; i < 5000; i++) {
        rtm_object_refcounts(&owner.obj, NULL, &internal);
        if (internal == 1)
            break;
        test_sleep_ms(1);
    }
    assert_int_equal(internal, 1);
    assert_int_equal(test_counter_get(&freed), 0);
    rtm_object_unref(&owner.obj);
    assert_int_equal(test_counter_get(&freed), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rearmed_while_firing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
