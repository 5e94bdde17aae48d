/*
 * test_callback_deregister.c - an entity's event callback that is running
 * when the entity deregisters (from another thread) may still use its
 * registration handle until it returns: the owner of an expired route that
 * handles the expiry can release the route's handle, and the route is
 * freed (found by the API fuzzer: the release was refused and the route
 * leaked).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define CB_INSTANCE 2200
#define WAIT_MS 5000

static int entered, deregistering;
static DWORD release_status = 0xFFFF, deregister_status = 0xFFFF;
static RTM_ROUTE_HANDLE expired;

static DWORD WINAPI on_event(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                             PVOID context2)
{
    (void)context2;
    if (type != RTM_ROUTE_EXPIRED)
        return NO_ERROR;
    expired = context1;
    test_counter_set(&entered, 1);
    test_wait_flag(&deregistering, 1, WAIT_MS);
    test_sleep_ms(50); /* deregistration is waiting for this callback now */
    release_status = RtmReleaseRoutes(reg, 1, &expired);
    return NO_ERROR; /* handled: the route stays, its handle released */
}

static RTM_ENTITY_HANDLE owner;

static void deregister_owner(void *arg)
{
    (void)arg;
    test_counter_set(&deregistering, 1);
    deregister_status = RtmDeregisterEntity(owner);
}

static void test_release_in_callback_during_deregistration(void **state)
{
    RTM_ENTITY_HANDLE other;
    RTM_NET_ADDRESS prefix = test_ipv4(10, 1, 0, 0, 16);
    RTM_ROUTE_INFO info = test_route(NULL, 10, 2, RTM_VIEW_MASK_UCAST);
    test_thread thread;
    DWORD status = NO_ERROR;

    (void)state;
    info.NextHopsList.NumNextHops = 0;
    owner = test_register_with(CB_INSTANCE, AF_INET, 1, 0, NULL, on_event, FALSE, NULL);
    other = test_register(CB_INSTANCE, AF_INET, 2, 0, FALSE);
    assert_int_equal(RtmAddRouteToDest(owner, NULL, &prefix, &info, 1, NULL, 0, NULL, NULL),
                     NO_ERROR);
    assert_true(test_wait_flag(&entered, 1, WAIT_MS));

    test_thread_start(&thread, deregister_owner, NULL);
    test_thread_join(thread);
    assert_int_equal(deregister_status, NO_ERROR);
    assert_int_equal(release_status, NO_ERROR);

    /* The route was deleted with its owner and, its last handle released,
     * freed: its handle is stale. */
    for (unsigned waited = 0; waited < WAIT_MS; waited++) {
        status = RtmReferenceHandles(other, 1, &expired);
        if (status != NO_ERROR)
            break;
        assert_int_equal(RtmReleaseRoutes(other, 1, &expired), NO_ERROR);
        test_sleep_ms(1);
    }
    assert_int_equal(status, ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(owner), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_in_callback_during_deregistration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
