/*
 * test_v1_client.c - RTMv1 clients (spec/rras/rtmregisterclient.md,
 * rtmderegisterclient.md): registration per family and protocol and its
 * return codes, and deregistration, which deletes the client's routes and
 * tells the other clients of the best-route changes.
 * (ERROR_NOT_ENOUGH_MEMORY and ERROR_NO_SYSTEM_RESOURCES are in
 * test_v1_alloc_failure.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_diag.h"
#include "rtmv1_test.h"

#ifndef _WIN32
#include <fcntl.h>
#endif

#define PROTO_A 101
#define PROTO_B 102

/* RtmRegisterClient fails with NULL and the last error. */
static void expect_refused(DWORD family, DWORD protocol, HANDLE event, DWORD flags, DWORD error)
{
    SetLastError(NO_ERROR);
    assert_null(RtmRegisterClient(family, protocol, event, flags));
    assert_int_equal(GetLastError(), error);
}

/* One client per protocol and family: the same protocol in the other
 * family, or another protocol, registers; handles are distinct. */
static void one_client_per_protocol_and_family(void **state)
{
    HANDLE ip_a, ipx_a, ip_b;
    (void)state;

    ip_a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    ipx_a = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL, 0);
    ip_b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, RTM_PROTOCOL_SINGLE_ROUTE);
    assert_ptr_not_equal(ip_a, ipx_a);
    assert_ptr_not_equal(ip_a, ip_b);
    expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0, ERROR_CLIENT_ALREADY_EXISTS);
    expect_refused(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL, RTM_PROTOCOL_SINGLE_ROUTE,
                   ERROR_CLIENT_ALREADY_EXISTS);
    assert_int_equal(ERROR_CLIENT_ALREADY_EXISTS, 183);
    assert_int_equal(RtmDeregisterClient(ip_a), NO_ERROR);
    /* The protocol is free again. */
    ip_a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    assert_int_equal(RtmDeregisterClient(ip_a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(ipx_a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(ip_b), NO_ERROR);
}

/* Unknown families and flags are ERROR_INVALID_PARAMETER. */
static void bad_family_or_flags(void **state)
{
    (void)state;
    expect_refused(2, PROTO_A, NULL, 0, ERROR_INVALID_PARAMETER);
    expect_refused(0xFFFFFFFFu, PROTO_A, NULL, 0, ERROR_INVALID_PARAMETER);
    expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 2, ERROR_INVALID_PARAMETER);
    expect_refused(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL,
                   RTM_PROTOCOL_SINGLE_ROUTE | 0x80000000u, ERROR_INVALID_PARAMETER);
}

/* A change event that is no event is ERROR_INVALID_PARAMETER: a forged
 * handle, a closed one; natively also a descriptor that is no eventfd, or
 * a blocking one. */
static void bad_change_event(void **state)
{
    HANDLE event = v1_event_create();
    (void)state;

    expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, (HANDLE)(uintptr_t)0x12345678, 0,
                   ERROR_INVALID_PARAMETER);
    v1_event_close(event);
    expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, event, 0, ERROR_INVALID_PARAMETER);
#ifndef _WIN32
    {
        int fds[2], blocking = eventfd(0, 0);

        assert_int_equal(pipe(fds), 0);
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, (HANDLE)(intptr_t)fds[0], 0,
                       ERROR_INVALID_PARAMETER);
        expect_refused(RTM_PROTOCOL_FAMILY_IP, PROTO_A, (HANDLE)(intptr_t)blocking, 0,
                       ERROR_INVALID_PARAMETER);
        close(fds[0]);
        close(fds[1]);
        close(blocking);
    }
#endif
}

/* Deregistering what is no registered client is ERROR_INVALID_HANDLE:
 * NULL, forged values, a client deregistered already, an enumeration. */
static void deregister_bad_handles(void **state)
{
    HANDLE client = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 1, V1_IP(192, 0, 2, 1), 1);
    HANDLE e;
    (void)state;

    assert_int_equal(RtmDeregisterClient(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterClient((HANDLE)(uintptr_t)1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterClient((HANDLE)~(uintptr_t)0), ERROR_INVALID_HANDLE);
    v1_add(client, &route, INFINITE);
    e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(e);
    assert_int_equal(RtmDeregisterClient(e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(client), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(client), ERROR_INVALID_HANDLE);
    /* A deregistered client's handle is refused everywhere. */
    assert_int_equal(RtmAddRoute(client, &route, INFINITE, &(DWORD){ 0 }, NULL, NULL),
                     ERROR_INVALID_HANDLE);
}

/* Deregistration deletes the client's routes; the other clients with an
 * event get one message per network whose best route changed: the networks
 * only it had are RTM_ROUTE_DELETED, the one where another client has a
 * worse route is RTM_ROUTE_CHANGED to that route, and a network where its
 * route was not the best changes nothing. */
static void deregistration_deletes_routes_and_tells_others(void **state)
{
    HANDLE event = v1_event_create();
    HANDLE watcher = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, event, 0);
    HANDLE leaving = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE only1 = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, V1_IP(192, 0, 2, 1), 5);
    RTM_IP_ROUTE only2 = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 1, V1_IP(192, 0, 2, 1), 5);
    RTM_IP_ROUTE shared_b = v1_ip_route(V1_IP(10, 3, 0, 0), 16, 1, V1_IP(192, 0, 2, 1), 5);
    RTM_IP_ROUTE shared_a = v1_ip_route(V1_IP(10, 3, 0, 0), 16, 2, V1_IP(192, 0, 2, 9), 9);
    RTM_IP_ROUTE worse_b = v1_ip_route(V1_IP(10, 4, 0, 0), 16, 1, V1_IP(192, 0, 2, 1), 20);
    RTM_IP_ROUTE better_a = v1_ip_route(V1_IP(10, 4, 0, 0), 16, 2, V1_IP(192, 0, 2, 9), 2);
    RTM_IP_ROUTE cur, prev;
    DWORD flags, status;
    unsigned deleted = 0, changed = 0;
    (void)state;

    v1_add(watcher, &shared_a, INFINITE);
    v1_add(watcher, &better_a, INFINITE);
    v1_add(leaving, &only1, INFINITE);
    v1_add(leaving, &only2, INFINITE);
    assert_int_equal(v1_add(leaving, &shared_b, INFINITE), RTM_ROUTE_CHANGED);
    assert_int_equal(v1_add(leaving, &worse_b, INFINITE), RTM_NO_CHANGE);
    assert_int_equal(v1_drain(watcher), 3); /* 10.1, 10.2 added; 10.3 changed */
    assert_false(v1_event_set(event));
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 4);

    assert_int_equal(RtmDeregisterClient(leaving), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 2);
    assert_true(v1_event_set(event));
    do {
        memset(&cur, 0, sizeof cur);
        memset(&prev, 0, sizeof prev);
        status = RtmDequeueRouteChangeMessage(watcher, &flags, &cur, &prev);
        assert_true(status == NO_ERROR || status == ERROR_MORE_MESSAGES);
        assert_int_equal(prev.RR_RoutingProtocol, PROTO_B);
        if (flags == RTM_ROUTE_DELETED) {
            deleted++;
            assert_true(prev.RR_Network.N_NetNumber == V1_IP(10, 1, 0, 0) ||
                        prev.RR_Network.N_NetNumber == V1_IP(10, 2, 0, 0));
            assert_int_equal(cur.RR_RoutingProtocol, 0); /* not written */
        } else {
            changed++;
            assert_int_equal(flags, RTM_ROUTE_CHANGED);
            assert_int_equal(prev.RR_Network.N_NetNumber, V1_IP(10, 3, 0, 0));
            assert_int_equal(cur.RR_RoutingProtocol, PROTO_A);
            assert_int_equal(cur.RR_InterfaceID, 2);
            assert_int_equal(cur.RR_FamilySpecificData.FSD_Metric, 9);
        }
    } while (status == ERROR_MORE_MESSAGES);
    assert_int_equal(deleted, 2);
    assert_int_equal(changed, 1);
    assert_false(v1_event_set(event));
    assert_int_equal(RtmDeregisterClient(watcher), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    v1_event_close(event);
}

/* A client's own deregistration sends it nothing, and its queued messages
 * go with it: a client registered later with the same protocol starts with
 * an empty queue. */
static void deregistration_drops_the_queue(void **state)
{
    HANDLE event = v1_event_create();
    HANDLE watcher = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, event, 0);
    HANDLE other = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_B, NULL, 0);
    RTM_IPX_ROUTE route = v1_ipx_route(0x1234, 1, 1, 3, 1);
    DWORD flags;
    (void)state;

    v1_add(other, &route, INFINITE);
    assert_true(v1_event_set(event));
    assert_int_equal(RtmDeregisterClient(watcher), NO_ERROR);
    watcher = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, event, 0);
    assert_int_equal(RtmDequeueRouteChangeMessage(watcher, &flags, NULL, NULL), ERROR_NO_MESSAGES);
    assert_false(v1_event_set(event));
    assert_int_equal(RtmDeregisterClient(other), NO_ERROR);
    assert_int_equal(v1_drain(watcher), 1); /* the deletion of the route */
    assert_int_equal(RtmDeregisterClient(watcher), NO_ERROR);
    v1_event_close(event);
}

static RTM_DIAG_OBJECT_COUNTS counts_now(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    return c;
}

/* RtmDiagGetObjectCounts counts RTMv1's clients, routes and enumerations
 * (not in Total): from creation until freed. */
static void objects_are_counted(void **state)
{
    RTM_DIAG_OBJECT_COUNTS base = counts_now(), c;
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE r1 = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 1, V1_IP(192, 0, 2, 1), 1);
    RTM_IP_ROUTE r2 = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 2, V1_IP(192, 0, 2, 1), 1);
    HANDLE e;
    (void)state;

    v1_add(a, &r1, INFINITE);
    v1_add(a, &r2, INFINITE);
    v1_add(a, &r2, INFINITE); /* an update: no new route */
    e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    c = counts_now();
    assert_int_equal(c.V1Clients, base.V1Clients + 1);
    assert_int_equal(c.V1Routes, base.V1Routes + 2);
    assert_int_equal(c.V1Enumerations, base.V1Enumerations + 1);
    assert_int_equal(c.Total, base.Total + 4); /* Total counts them too */
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    v1_delete(a, &r1);
    c = counts_now();
    assert_int_equal(c.V1Routes, base.V1Routes + 1);
    assert_int_equal(c.V1Enumerations, base.V1Enumerations);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    c = counts_now();
    assert_int_equal(c.V1Clients, base.V1Clients);
    assert_int_equal(c.V1Routes, base.V1Routes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(one_client_per_protocol_and_family, v1_teardown),
        cmocka_unit_test_teardown(bad_family_or_flags, v1_teardown),
        cmocka_unit_test_teardown(bad_change_event, v1_teardown),
        cmocka_unit_test_teardown(deregister_bad_handles, v1_teardown),
        cmocka_unit_test_teardown(deregistration_deletes_routes_and_tells_others, v1_teardown),
        cmocka_unit_test_teardown(deregistration_drops_the_queue, v1_teardown),
        cmocka_unit_test_teardown(objects_are_counted, v1_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
