/*
 * test_v1_message.c - RTMv1 change messages
 * (spec/rras/rtmdequeueroutechangemessage.md, rtmaddroute.md,
 * rtmdeleteroute.md): who is sent one (not the client whose direct call
 * made the change), what it holds, the order, the return codes of
 * RtmDequeueRouteChangeMessage and the change event, set while messages
 * are queued and reset when the queue is emptied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtmv1_test.h"

#define PROTO_A 301
#define PROTO_B 302
#define PROTO_C 303
#define NET V1_IP(172, 16, 0, 0)
#define HOP V1_IP(192, 0, 2, 1)

struct message {
    DWORD status, flags;
    RTM_IP_ROUTE cur, prev;
};

/* Dequeues one message into m (cur and prev pre-filled with 0xEE). */
static void dequeue(HANDLE client, struct message *m)
{
    memset(m, 0xEE, sizeof *m);
    m->status = RtmDequeueRouteChangeMessage(client, &m->flags, &m->cur, &m->prev);
}

static int untouched(const RTM_IP_ROUTE *r)
{
    RTM_IP_ROUTE pattern;

    memset(&pattern, 0xEE, sizeof pattern);
    return memcmp(r, &pattern, sizeof pattern) == 0;
}

/* A client is not sent the changes of its own RtmAddRoute and
 * RtmDeleteRoute: it has their outputs. */
static void own_changes_are_not_sent(void **state)
{
    HANDLE event = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, event, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET, 16, 1, HOP, 1);
    struct message m;
    (void)state;

    assert_int_equal(v1_add(a, &route, INFINITE), RTM_ROUTE_ADDED);
    route.RR_FamilySpecificData.FSD_Metric = 2;
    assert_int_equal(v1_add(a, &route, INFINITE), RTM_ROUTE_CHANGED);
    assert_int_equal(v1_delete(a, &route), RTM_ROUTE_DELETED);
    assert_false(v1_event_set(event));
    dequeue(a, &m);
    assert_int_equal(m.status, ERROR_NO_MESSAGES);
    assert_int_equal(m.flags, 0xEEEEEEEEu);
    assert_true(untouched(&m.cur) && untouched(&m.prev));
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    v1_event_close(event);
}

/* Another client's changes, one message each, in order: the first route
 * (RTM_ROUTE_ADDED: cur), a better route (RTM_ROUTE_CHANGED: cur and prev),
 * a worse one (no message), a change of the best route's metric (CHANGED),
 * the deletions (CHANGED, then DELETED: prev). ERROR_MORE_MESSAGES while
 * more are queued, the event set; NO_ERROR for the last, the event reset;
 * then ERROR_NO_MESSAGES, which resets it too. */
static void other_clients_changes_in_order(void **state)
{
    HANDLE event = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, event, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE first = v1_ip_route(NET, 16, 1, HOP, 5);
    RTM_IP_ROUTE better = v1_ip_route(NET, 16, 2, HOP, 3);
    RTM_IP_ROUTE worse = v1_ip_route(NET, 16, 3, HOP, 9);
    struct message m;
    (void)state;

    v1_add(b, &first, INFINITE);
    assert_true(v1_event_set(event));
    v1_add(b, &better, INFINITE);
    v1_add(b, &worse, INFINITE);
    better.RR_FamilySpecificData.FSD_Metric = 4;
    v1_add(b, &better, INFINITE);
    v1_delete(b, &better);
    v1_delete(b, &first);
    v1_delete(b, &worse);

    dequeue(a, &m);
    assert_int_equal(m.status, ERROR_MORE_MESSAGES);
    assert_int_equal(m.flags, RTM_ROUTE_ADDED);
    assert_int_equal(m.cur.RR_InterfaceID, 1);
    assert_int_equal(m.cur.RR_RoutingProtocol, PROTO_B);
    assert_int_equal(m.cur.RR_Network.N_NetNumber, NET);
    assert_true(untouched(&m.prev));
    assert_true(v1_event_set(event));

    dequeue(a, &m);
    assert_int_equal(m.status, ERROR_MORE_MESSAGES);
    assert_int_equal(m.flags, RTM_ROUTE_CHANGED);
    assert_int_equal(m.cur.RR_InterfaceID, 2);
    assert_int_equal(m.prev.RR_InterfaceID, 1);

    dequeue(a, &m); /* the best route's metric, 3 -> 4 */
    assert_int_equal(m.flags, RTM_ROUTE_CHANGED);
    assert_int_equal(m.cur.RR_InterfaceID, 2);
    assert_int_equal(m.cur.RR_FamilySpecificData.FSD_Metric, 4);
    assert_int_equal(m.prev.RR_FamilySpecificData.FSD_Metric, 3);

    dequeue(a, &m); /* better deleted: first is the best */
    assert_int_equal(m.status, ERROR_MORE_MESSAGES);
    assert_int_equal(m.flags, RTM_ROUTE_CHANGED);
    assert_int_equal(m.cur.RR_InterfaceID, 1);
    assert_int_equal(m.prev.RR_InterfaceID, 2);

    dequeue(a, &m); /* first deleted: worse is the best */
    assert_int_equal(m.status, ERROR_MORE_MESSAGES);
    assert_int_equal(m.flags, RTM_ROUTE_CHANGED);
    assert_int_equal(m.cur.RR_InterfaceID, 3);

    dequeue(a, &m); /* the last route went */
    assert_int_equal(m.status, NO_ERROR);
    assert_int_equal(m.flags, RTM_ROUTE_DELETED);
    assert_int_equal(m.prev.RR_InterfaceID, 3);
    assert_true(untouched(&m.cur));
    assert_false(v1_event_set(event));

    v1_event_signal(event);
    dequeue(a, &m);
    assert_int_equal(m.status, ERROR_NO_MESSAGES);
    assert_false(v1_event_set(event));
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
    v1_event_close(event);
}

/* Every client with an event gets the message, the others nothing; a
 * client without an event cannot dequeue (ERROR_INVALID_HANDLE). */
static void every_client_with_an_event(void **state)
{
    HANDLE ea = v1_event_create(), eb = v1_event_create(), ec = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, ea, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, eb, 0);
    HANDLE c = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_C, NULL, 0);
    HANDLE ipx = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_C, ec, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET, 16, 1, HOP, 1);
    struct message m;
    DWORD flags;
    (void)state;

    v1_add(c, &route, INFINITE);
    dequeue(a, &m);
    assert_int_equal(m.status, NO_ERROR);
    assert_int_equal(m.flags, RTM_ROUTE_ADDED);
    dequeue(b, &m);
    assert_int_equal(m.status, NO_ERROR);
    assert_int_equal(m.cur.RR_RoutingProtocol, PROTO_C);
    assert_int_equal(RtmDequeueRouteChangeMessage(ipx, &flags, NULL, NULL), ERROR_NO_MESSAGES);
    assert_int_equal(RtmDequeueRouteChangeMessage(c, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDequeueRouteChangeMessage(NULL, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    v1_delete(c, &route);
    /* Without output buffers, and with NULL Flags (refused, still queued). */
    assert_int_equal(RtmDequeueRouteChangeMessage(a, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_true(v1_event_set(ea));
    assert_int_equal(RtmDequeueRouteChangeMessage(a, &flags, NULL, NULL), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_DELETED);
    assert_int_equal(v1_drain(b), 1);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(c), NO_ERROR);
    assert_int_equal(RtmDequeueRouteChangeMessage(a, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterClient(ipx), NO_ERROR);
    v1_event_close(ea);
    v1_event_close(eb);
    v1_event_close(ec);
}

/* IPX messages hold RTM_IPX_ROUTEs: nothing past one is written. */
static void ipx_messages(void **state)
{
    HANDLE event = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, event, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_B, NULL, RTM_PROTOCOL_SINGLE_ROUTE);
    RTM_IPX_ROUTE r1 = v1_ipx_route(0xC0FFEE, 4, 0x11, 6, 2);
    RTM_IPX_ROUTE r2 = v1_ipx_route(0xC0FFEE, 5, 0x22, 6, 2);
    struct message m;
    RTM_IPX_ROUTE cur, prev;
    (void)state;

    v1_add(b, &r1, INFINITE);
    v1_add(b, &r2, INFINITE); /* replaces r1: another interface */
    dequeue(a, &m);
    assert_int_equal(m.flags, RTM_ROUTE_ADDED);
    dequeue(a, &m);
    assert_int_equal(m.status, NO_ERROR);
    assert_int_equal(m.flags, RTM_ROUTE_CHANGED);
    memcpy(&cur, &m.cur, sizeof cur);
    memcpy(&prev, &m.prev, sizeof prev);
    assert_int_equal(cur.RR_InterfaceID, 5);
    assert_int_equal(cur.RR_NextHopAddress.NHA_Mac[5], 0x22);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_TickCount, 6);
    assert_int_equal(prev.RR_NextHopAddress.NHA_Mac[5], 0x11);
    assert_int_equal(cur.RR_Network.N_NetNumber, 0xC0FFEE);
    for (size_t i = sizeof(RTM_IPX_ROUTE); i < sizeof(RTM_IP_ROUTE); i++) {
        assert_int_equal(((unsigned char *)&m.cur)[i], 0xEE);
        assert_int_equal(((unsigned char *)&m.prev)[i], 0xEE);
    }
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
    assert_int_equal(v1_drain(a), 1);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    v1_event_close(event);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(own_changes_are_not_sent, v1_teardown),
        cmocka_unit_test_teardown(other_clients_changes_in_order, v1_teardown),
        cmocka_unit_test_teardown(every_client_with_an_event, v1_teardown),
        cmocka_unit_test_teardown(ipx_messages, v1_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
