/*
 * test_alloc_failure.c - every call that allocates, with each of its
 * allocations failing in turn: the 1st, then the 2nd, ... until the call
 * needs no more and succeeds. Each failed call must return
 * ERROR_NOT_ENOUGH_MEMORY (RTMv1's calls: the error their documentation
 * gives for that allocation, ERROR_NOT_ENOUGH_MEMORY for a client, a route
 * entry or an enumeration, ERROR_NO_SYSTEM_RESOURCES for the messages to
 * other clients, a route's timer or the handle table) and leave no trace:
 * the table as a client sees it (table_snapshot.h; RTMv1's tables,
 * rtmv1_snapshot.h) unchanged, no change queued for notification (nor
 * RTMv1 message), the live objects of each type (RtmDiagGetObjectCounts)
 * and the library's allocation balance (blocks allocated minus freed) as
 * before the call. The calls that must not allocate are checked too.
 * Every iteration starts from a fresh fixture and ends by deregistering
 * it, after which the live objects and the balance must be back to their
 * values at the start (nothing leaked by the successful calls either).
 *
 * INTERNAL: linked with the library's objects and the failing allocator
 * of tests/support/failing_alloc.c, which fails only the calling thread's
 * allocations. Besides that it uses the public API (and RTM_HANDLE_REUSE_DELAY
 * for the warm-up, see group_setup, which also fills the pool of recycled
 * entity memory).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "alloc_in_turn.h"
#include "failing_alloc.h"
#include "base/handle.h"
#include "rtm_diag.h"
#include "rtm_test.h"
#include "rtmv1_snapshot.h"
#include "rtmv1_test.h"
#include "table_snapshot.h"

#define INSTANCE 4501
#define PROTO_ME 8
#define PROTO_OTHER 9
#define PROTO_LISTENER 10
#define PROTO_NEW 11
#define HOUR_MS 3600000u
#define V1_PROTO_WATCH 901
#define V1_PROTO_ME 902
#define V1_PROTO_OTHER 903
#define V1_PROTO_NEW 904
#define V1_PROTO_KEEPER 905
#define V1_NET1 0x0A010000u    /* 10.1.0.0/16 */
#define V1_HOP 0xC0000201u     /* 192.0.2.1 */

/* What every iteration starts from (fixture_setup). */
struct fixture {
    RTM_ENTITY_HANDLE me;        /* makes most calls; reserved an opaque pointer */
    RTM_ENTITY_HANDLE other;     /* another entity, without next hops */
    RTM_ENTITY_HANDLE listener;  /* has an event callback */
    RTM_NEXTHOP_HANDLE nh, nh2;  /* me's next hops */
    RTM_ROUTE_HANDLE route;      /* me's route to PREFIX_1 via nh */
    RTM_DEST_HANDLE dest;        /* its destination */
    RTM_ROUTE_LIST_HANDLE list;  /* me's route list, empty */
    RTM_NOTIFY_HANDLE notify;    /* me's registration: all unicast changes */
    UINT pending;                /* changes queued for it before the call */
    HANDLE created;              /* a handle the call gave out */
    int locked;                  /* me holds the route's destination lock */
    /* RTMv1 */
    HANDLE v1_event[2];          /* of v1_watcher and v1_me */
    HANDLE v1_watcher;           /* an IP client with an event: gets messages */
    HANDLE v1_me;                /* makes the calls; its route is the best of V1_NET1 */
    HANDLE v1_other;             /* a worse route to V1_NET1, one to 10.2/16 */
    HANDLE v1_enum;              /* an enumeration of the IP table */
    RTM_IP_ROUTE v1_route;       /* v1_me's route, as stored */
};

/* One call under test. */
struct op {
    const char *name;
    UINT extra_dests;                    /* more prefixes set up, changes unread */
    void (*prepare)(struct fixture *f);  /* after the first snapshot; may be NULL */
    DWORD (*call)(struct fixture *f);
    void (*undo)(struct fixture *f);     /* after success: releases handles; may be NULL */
    void (*verify)(struct fixture *f);   /* after success; may be NULL */
    int allocates;                       /* whether the call allocates at all */
};

static RTM_ENTITY_HANDLE keeper;        /* keeps the table; owns nothing */
static HANDLE v1_keeper;                /* keeps RTMv1's IP index */
static struct fixture *current;         /* the iteration in progress */
static RTM_DIAG_OBJECT_COUNTS base_counts;
static long base_blocks;

static RTM_NET_ADDRESS prefix(unsigned b, unsigned c, unsigned len)
{
    return test_ipv4(10, b, c, 0, len);
}

#define PREFIX_1 prefix(1, 0, 16)

static DWORD WINAPI listener_callback(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID c1, PVOID c2)
{
    (void)reg;
    (void)type;
    (void)c1;
    (void)c2;
    return NO_ERROR;
}

static VOID WINAPI method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                          RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    (void)output;
}

static void object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    memset(c, 0, sizeof *c);
    c->Size = sizeof *c;
    assert_int_equal(RtmDiagGetObjectCounts(c), NO_ERROR);
}

/* Waits (at most 5 s) until the objects freed on worker threads (events,
 * hold-downs, RTMv1 routes let go by their timers) are gone: the live
 * objects are back to base_counts; *c gets
 * the counts then. */
static void wait_for_base(RTM_DIAG_OBJECT_COUNTS *c)
{
    object_counts(c);
    for (int waited = 0; memcmp(c, &base_counts, sizeof *c) && waited < 5000; waited++) {
        test_sleep_ms(1);
        object_counts(c);
    }
}

/* The live objects are back to base_counts, the balance to base_blocks. */
static void assert_back_to_base(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    wait_for_base(&c);
    assert_memory_equal(&c, &base_counts, sizeof c);
    assert_int_equal(test_alloc_outstanding(), base_blocks);
}

/* ---- the fixture --------------------------------------------------------------- */

/* RTMv1's part of the fixture. */
static void v1_fixture_setup(struct fixture *f)
{
    RTM_IP_ROUTE route = v1_ip_route(V1_NET1, 16, 1, V1_HOP, 5);
    RTM_IP_ROUTE worse = v1_ip_route(V1_NET1, 16, 2, V1_HOP, 9);
    RTM_IP_ROUTE second = v1_ip_route(0x0A020000u, 16, 2, V1_HOP, 9);
    DWORD flags;

    f->v1_event[0] = v1_event_create();
    f->v1_event[1] = v1_event_create();
    f->v1_watcher = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_WATCH, f->v1_event[0], 0);
    f->v1_me = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_ME, f->v1_event[1], 0);
    f->v1_other = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_OTHER, NULL, 0);
    assert_int_equal(RtmAddRoute(f->v1_me, &route, INFINITE, &flags, &f->v1_route, NULL),
                     NO_ERROR);
    v1_add(f->v1_other, &worse, INFINITE);
    v1_add(f->v1_other, &second, INFINITE);
    v1_drain(f->v1_watcher);
    v1_drain(f->v1_me);
    f->v1_enum = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->v1_enum);
}

static void v1_fixture_cleanup(struct fixture *f)
{
    assert_int_equal(RtmCloseEnumerationHandle(f->v1_enum), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->v1_watcher), NO_ERROR);
    if (f->v1_me)
        assert_int_equal(RtmDeregisterClient(f->v1_me), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->v1_other), NO_ERROR);
    v1_event_close(f->v1_event[0]);
    v1_event_close(f->v1_event[1]);
}

static void fixture_setup(struct fixture *f, UINT extra_dests)
{
    memset(f, 0, sizeof *f);
    f->me = test_register(INSTANCE, AF_INET, PROTO_ME, 1, TRUE);
    f->other = test_register(INSTANCE, AF_INET, PROTO_OTHER, 1, FALSE);
    f->nh = test_add_nexthop(f->me, test_ipv4(192, 168, 0, 1, 32), 1);
    f->nh2 = test_add_nexthop(f->me, test_ipv4(192, 168, 0, 2, 32), 1);
    f->route = test_add_route(f->me, PREFIX_1, f->nh, 10, 5, NULL);
    f->dest = test_dest_of(f->me, PREFIX_1);
    assert_int_equal(RtmCreateRouteList(f->me, &f->list), NO_ERROR);
    assert_int_equal(RtmRegisterForChangeNotification(f->me, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &f->notify),
                     NO_ERROR);
    for (UINT i = 0; i < extra_dests; i++) {
        RTM_ROUTE_HANDLE r = test_add_route(f->me, prefix(2, i, 24), f->nh, 10, 5, NULL);
        assert_int_equal(RtmReleaseRoutes(f->me, 1, &r), NO_ERROR);
    }
    f->pending = extra_dests;
    /* Last: registering it sends no event (nobody else has a callback). */
    f->listener = test_register_with(INSTANCE, AF_INET, PROTO_LISTENER, 1, NULL,
                                     listener_callback, FALSE, NULL);
    v1_fixture_setup(f);
}

static void fixture_cleanup(struct fixture *f)
{
    if (f->locked)
        assert_int_equal(RtmLockRoute(f->me, f->route, TRUE, FALSE, NULL), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->listener), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(f->me, 1, &f->route), NO_ERROR);
    assert_int_equal(test_release_dest_handle(f->me, f->dest, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(f->me, 1, &f->nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(f->me, 1, &f->nh2), NO_ERROR);
    if (f->other)
        assert_int_equal(RtmDeregisterEntity(f->other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->me), NO_ERROR);
    v1_fixture_cleanup(f);
    assert_back_to_base();
}

/* The state the checks compare: the table, the live objects, the balance. */
struct state {
    struct test_snapshot table;
    struct v1_snapshot v1;
    RTM_DIAG_OBJECT_COUNTS counts;
    long blocks;
};

static void state_take(struct fixture *f, struct state *s)
{
    RTM_ENTITY_HANDLE owners[2];
    UINT n = 0;

    s->blocks = test_alloc_outstanding();
    object_counts(&s->counts);
    owners[n++] = f->me;
    if (f->other)
        owners[n++] = f->other;
    test_snapshot_take(&s->table, f->me, owners, n);
    v1_snapshot_take(&s->v1);
}

/* Reads the changes queued for me's registration: the ones set up, and
 * expected more; RTMv1's watcher has no message. */
static void assert_changes(struct fixture *f, UINT expected)
{
    UINT count = 0;

    assert_int_equal(test_drain_changes(f->me, f->notify, 16, NULL, 0, &count), NO_ERROR);
    assert_int_equal(count, f->pending + expected);
    assert_int_equal(v1_drain(f->v1_watcher), 0);
}

/* ---- the calls --------------------------------------------------------------------- */

static void release_created_route(struct fixture *f)
{
    assert_int_equal(RtmReleaseRoutes(f->me, 1, &f->created), NO_ERROR);
}

static DWORD call_register_entity(struct fixture *f)
{
    RTM_ENTITY_INFO info;
    RTM_ENTITY_EXPORT_METHODS methods;
    RTM_REGN_PROFILE profile;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = INSTANCE;
    info.AddressFamily = AF_INET;
    info.EntityId.EntityProtocolId = PROTO_NEW;
    info.EntityId.EntityInstanceId = 1;
    methods.NumMethods = 1;
    methods.Methods[0] = method;
    return RtmRegisterEntity(&info, &methods, listener_callback, TRUE, &profile, &f->created);
}

static void undo_register_entity(struct fixture *f)
{
    assert_int_equal(RtmDeregisterEntity(f->created), NO_ERROR);
}

static DWORD call_deregister_entity(struct fixture *f)
{
    return RtmDeregisterEntity(f->other);
}

static void undo_deregister_entity(struct fixture *f)
{
    f->other = NULL;
}

/* A next hop added by entity reg. */
static DWORD add_nexthop(struct fixture *f, RTM_ENTITY_HANDLE reg)
{
    RTM_NEXTHOP_INFO info;

    memset(&info, 0, sizeof info);
    info.NextHopAddress = test_ipv4(192, 168, 0, 9, 32);
    info.InterfaceIndex = 2;
    info.RemoteNextHop = reg == f->me ? f->dest : NULL;
    return RtmAddNextHop(reg, &info, &f->created, NULL);
}

static DWORD call_first_nexthop(struct fixture *f)
{
    return add_nexthop(f, f->other);
}

static void undo_first_nexthop(struct fixture *f)
{
    assert_int_equal(RtmReleaseNextHops(f->other, 1, &f->created), NO_ERROR);
}

static DWORD call_nexthop(struct fixture *f)
{
    return add_nexthop(f, f->me);
}

static void undo_nexthop(struct fixture *f)
{
    assert_int_equal(RtmReleaseNextHops(f->me, 1, &f->created), NO_ERROR);
}

/* A new route of me to dest via next hop nh (also its Neighbour). */
static DWORD add_route(struct fixture *f, RTM_NET_ADDRESS dest, RTM_NEXTHOP_HANDLE nh, ULONG ttl)
{
    RTM_ROUTE_INFO info = test_route(nh, 10, 7, RTM_VIEW_MASK_UCAST);

    return RtmAddRouteToDest(f->me, &f->created, &dest, &info, ttl, f->list, 0, NULL, NULL);
}

static DWORD call_route_new_dest(struct fixture *f)
{
    return add_route(f, prefix(3, 0, 16), f->nh, INFINITE);
}

static DWORD call_route_existing_dest(struct fixture *f)
{
    return add_route(f, PREFIX_1, f->nh2, INFINITE);
}

static DWORD call_route_new_dest_ttl(struct fixture *f)
{
    return add_route(f, prefix(4, 0, 16), f->nh, HOUR_MS);
}

static DWORD call_route_existing_dest_ttl(struct fixture *f)
{
    return add_route(f, PREFIX_1, f->nh2, HOUR_MS);
}

/* Updates me's route by handle: a new metric and a finite time to live. */
static DWORD call_route_update_ttl(struct fixture *f)
{
    RTM_ROUTE_INFO info = test_route(f->nh, 10, 6, RTM_VIEW_MASK_UCAST);
    RTM_NET_ADDRESS dest = PREFIX_1;

    return RtmAddRouteToDest(f->me, &f->route, &dest, &info, HOUR_MS, NULL, 0, NULL, NULL);
}

/* The same, with an infinite time to live: nothing to allocate. */
static DWORD call_route_update(struct fixture *f)
{
    RTM_ROUTE_INFO info = test_route(f->nh, 10, 6, RTM_VIEW_MASK_UCAST);
    RTM_NET_ADDRESS dest = PREFIX_1;

    return RtmAddRouteToDest(f->me, &f->route, &dest, &info, INFINITE, NULL, 0, NULL, NULL);
}

static void verify_one_change(struct fixture *f)
{
    assert_changes(f, 1);
}

static void prepare_lock_route(struct fixture *f)
{
    PRTM_ROUTE_INFO info = NULL;

    assert_int_equal(RtmLockRoute(f->me, f->route, TRUE, TRUE, &info), NO_ERROR);
    assert_non_null(info);
    f->locked = 1;
}

static DWORD call_update_and_unlock(struct fixture *f)
{
    DWORD status = RtmUpdateAndUnlockRoute(f->me, f->route, HOUR_MS, NULL, 0, NULL, NULL);

    if (status == NO_ERROR)
        f->locked = 0;
    return status;
}

static DWORD call_dest_enum(struct fixture *f)
{
    return RtmCreateDestEnum(f->me, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL,
                             &f->created);
}

static DWORD call_route_enum(struct fixture *f)
{
    return RtmCreateRouteEnum(f->me, NULL, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                              RTM_MATCH_NONE, NULL, 0, &f->created);
}

static DWORD call_dest_route_enum(struct fixture *f)
{
    return RtmCreateRouteEnum(f->me, f->dest, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL,
                              RTM_MATCH_NONE, NULL, 0, &f->created);
}

static DWORD call_nexthop_enum(struct fixture *f)
{
    return RtmCreateNextHopEnum(f->me, RTM_ENUM_START, NULL, &f->created);
}

static DWORD call_list_enum(struct fixture *f)
{
    return RtmCreateRouteListEnum(f->me, f->list, &f->created);
}

static DWORD call_register_notification(struct fixture *f)
{
    return RtmRegisterForChangeNotification(f->me, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                            RTM_CHANGE_TYPE_BEST, NULL, &f->created);
}

static DWORD call_create_route_list(struct fixture *f)
{
    return RtmCreateRouteList(f->me, &f->created);
}

static DWORD call_insert_in_route_list(struct fixture *f)
{
    return RtmInsertInRouteList(f->me, f->list, 1, &f->route);
}

static DWORD call_hold_destination(struct fixture *f)
{
    return RtmHoldDestination(f->me, f->dest, RTM_VIEW_MASK_UCAST, 1);
}

static DWORD call_opaque_pointer(struct fixture *f)
{
    PVOID *slot = NULL;
    DWORD status = RtmGetOpaqueInformationPointer(f->me, f->dest, (PVOID *)&slot);

    if (status == NO_ERROR)
        assert_non_null(slot);
    return status;
}

/* -- RTMv1 -- */

static DWORD call_v1_register(struct fixture *f)
{
    f->created = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_NEW, f->v1_event[1], 0);
    return f->created ? NO_ERROR : GetLastError();
}

static void undo_v1_register(struct fixture *f)
{
    assert_int_equal(RtmDeregisterClient(f->created), NO_ERROR);
}

static DWORD call_v1_deregister(struct fixture *f)
{
    return RtmDeregisterClient(f->v1_me);
}

static void undo_v1_deregister(struct fixture *f)
{
    f->v1_me = NULL;
    assert_int_equal(v1_drain(f->v1_watcher), 1); /* V1_NET1: to v1_other's route */
}

/* v1_me adds a route; its best-route change goes to the watcher. */
static DWORD v1_add_route(struct fixture *f, RTM_IP_ROUTE route, DWORD ttl)
{
    DWORD flags;

    return RtmAddRoute(f->v1_me, &route, ttl, &flags, NULL, NULL);
}

static DWORD call_v1_add_network(struct fixture *f)
{
    return v1_add_route(f, v1_ip_route(0x0A090000u, 16, 1, V1_HOP, 1), INFINITE);
}

static DWORD call_v1_add_network_ttl(struct fixture *f)
{
    return v1_add_route(f, v1_ip_route(0x0A090000u, 16, 1, V1_HOP, 1), 3600);
}

static DWORD call_v1_add_to_network(struct fixture *f)
{
    return v1_add_route(f, v1_ip_route(V1_NET1, 16, 7, V1_HOP, 1), INFINITE);
}

static DWORD call_v1_update(struct fixture *f)
{
    return v1_add_route(f, v1_ip_route(V1_NET1, 16, 1, V1_HOP, 4), INFINITE);
}

static DWORD call_v1_update_ttl(struct fixture *f)
{
    return v1_add_route(f, v1_ip_route(V1_NET1, 16, 1, V1_HOP, 4), 3600);
}

static void undo_v1_change(struct fixture *f)
{
    assert_int_equal(v1_drain(f->v1_watcher), 1);
}

static DWORD call_v1_delete(struct fixture *f)
{
    DWORD flags;

    return RtmDeleteRoute(f->v1_me, &f->v1_route, &flags, NULL);
}

static DWORD call_v1_block_delete(struct fixture *f)
{
    return RtmBlockDeleteRoutes(f->v1_me, 0, NULL);
}

static void undo_v1_block_delete(struct fixture *f)
{
    assert_int_equal(v1_drain(f->v1_watcher), 1);
    assert_int_equal(v1_drain(f->v1_me), 1); /* the caller is told too */
}

static DWORD call_v1_create_enum(struct fixture *f)
{
    f->created = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK,
                                            &f->v1_route);
    return f->created ? NO_ERROR : GetLastError();
}

static void undo_v1_create_enum(struct fixture *f)
{
    assert_int_equal(RtmCloseEnumerationHandle(f->created), NO_ERROR);
}

static DWORD call_v1_enum_next(struct fixture *f)
{
    RTM_IP_ROUTE route;

    return RtmEnumerateGetNextRoute(f->v1_enum, &route);
}

/* The calls that read. */
static DWORD call_v1_queries(struct fixture *f)
{
    IP_NETWORK net = f->v1_route.RR_Network;
    RTM_IP_ROUTE route;
    DWORD flags;

    if (!RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &net, &route) ||
        !RtmLookupIPDestination(V1_NET1 + 1, &route) || RtmGetRouteAge(&route) == INFINITE ||
        !RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP) ||
        RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route) != NO_ERROR ||
        RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route) != NO_ERROR)
        return ERROR_INVALID_DATA;
    return RtmDequeueRouteChangeMessage(f->v1_watcher, &flags, NULL, NULL) == ERROR_NO_MESSAGES
               ? NO_ERROR
               : ERROR_INVALID_DATA;
}

#define NEM ERROR_NOT_ENOUGH_MEMORY
#define NSR ERROR_NO_SYSTEM_RESOURCES
static const struct op ops[] = {
    { "RtmRegisterEntity", 0, NULL, call_register_entity, undo_register_entity, NULL, 1 },
    { "RtmDeregisterEntity", 0, NULL, call_deregister_entity, undo_deregister_entity, NULL, 1 },
    { "RtmAddNextHop, first of an entity", 0, NULL, call_first_nexthop, undo_first_nexthop,
      NULL, 1 },
    { "RtmAddNextHop", 0, NULL, call_nexthop, undo_nexthop, NULL, 1 },
    { "RtmAddRouteToDest, new destination", 0, NULL, call_route_new_dest,
      release_created_route, verify_one_change, 1 },
    { "RtmAddRouteToDest, existing destination", 0, NULL, call_route_existing_dest,
      release_created_route, verify_one_change, 1 },
    { "RtmAddRouteToDest, update", 0, NULL, call_route_update, NULL, verify_one_change, 0 },
    { "RtmAddRouteToDest, update with TimeToLive", 0, NULL, call_route_update_ttl, NULL,
      verify_one_change, 1 },
    { "RtmAddRouteToDest, new destination with TimeToLive", 0, NULL, call_route_new_dest_ttl,
      release_created_route, verify_one_change, 1 },
    { "RtmAddRouteToDest, existing destination with TimeToLive", 0, NULL,
      call_route_existing_dest_ttl, release_created_route, verify_one_change, 1 },
    { "RtmAddRouteToDest, new destination, change queues grow", 8, NULL, call_route_new_dest,
      release_created_route, verify_one_change, 1 },
    { "RtmUpdateAndUnlockRoute with TimeToLive", 0, prepare_lock_route, call_update_and_unlock,
      NULL, verify_one_change, 1 },
    { "RtmCreateDestEnum", 0, NULL, call_dest_enum, NULL, NULL, 1 },
    { "RtmCreateRouteEnum", 0, NULL, call_route_enum, NULL, NULL, 1 },
    { "RtmCreateRouteEnum, one destination", 0, NULL, call_dest_route_enum, NULL, NULL, 1 },
    { "RtmCreateNextHopEnum", 0, NULL, call_nexthop_enum, NULL, NULL, 1 },
    { "RtmCreateRouteListEnum", 0, NULL, call_list_enum, NULL, NULL, 1 },
    { "RtmRegisterForChangeNotification", 0, NULL, call_register_notification, NULL, NULL, 1 },
    { "RtmCreateRouteList", 0, NULL, call_create_route_list, NULL, NULL, 1 },
    { "RtmInsertInRouteList", 0, NULL, call_insert_in_route_list, NULL, NULL, 0 },
    { "RtmHoldDestination", 0, NULL, call_hold_destination, NULL, NULL, 1 },
    { "RtmGetOpaqueInformationPointer", 0, NULL, call_opaque_pointer, NULL, NULL, 1 },
    /* RTMv1 (their errors: v1_errors) */
    { "RtmRegisterClient", 0, NULL, call_v1_register, undo_v1_register, NULL, 1 },
    { "RtmDeregisterClient", 0, NULL, call_v1_deregister, undo_v1_deregister, NULL, 1 },
    { "RtmAddRoute, new network", 0, NULL, call_v1_add_network, undo_v1_change, NULL, 1 },
    { "RtmAddRoute, new network with TimeToLive", 0, NULL, call_v1_add_network_ttl,
      undo_v1_change, NULL, 1 },
    { "RtmAddRoute, existing network", 0, NULL, call_v1_add_to_network, undo_v1_change, NULL,
      1 },
    { "RtmAddRoute, update", 0, NULL, call_v1_update, undo_v1_change, NULL, 1 },
    { "RtmAddRoute, update with TimeToLive", 0, NULL, call_v1_update_ttl, undo_v1_change, NULL,
      1 },
    { "RtmDeleteRoute", 0, NULL, call_v1_delete, undo_v1_change, NULL, 1 },
    { "RtmBlockDeleteRoutes", 0, NULL, call_v1_block_delete, undo_v1_block_delete, NULL, 1 },
    { "RtmCreateEnumerationHandle", 0, NULL, call_v1_create_enum, undo_v1_create_enum, NULL,
      1 },
    { "RtmEnumerateGetNextRoute", 0, NULL, call_v1_enum_next, NULL, NULL, 0 },
    { "RtmIsRoute, RtmLookupIPDestination, RtmGetRouteAge, RtmGetNetworkCount, "
      "RtmGetFirstRoute, RtmGetNextRoute, RtmDequeueRouteChangeMessage",
      0, NULL, call_v1_queries, NULL, NULL, 0 },
};

/* RTMv1's calls: the error of each allocation failing in turn (the last one
 * repeats). */
static const struct {
    DWORD (*call)(struct fixture *f);
    DWORD errors[4];
} v1_errors[] = {
    { call_v1_register, { NEM } },
    { call_v1_deregister, { NSR } },
    /* The message, the route, the network, the index's nodes. */
    { call_v1_add_network, { NSR, NEM } },
    /* The message, the route, its timer, the network, the index's nodes. */
    { call_v1_add_network_ttl, { NSR, NEM, NSR, NEM } },
    { call_v1_add_to_network, { NSR, NEM } },
    { call_v1_update, { NSR } },
    { call_v1_update_ttl, { NSR, NSR } },
    { call_v1_delete, { NSR } },
    { call_v1_block_delete, { NSR } },
    { call_v1_create_enum, { NEM } },
};
#undef NEM
#undef NSR

/* The error the n-th allocation's failure must give (n from 1):
 * ERROR_NOT_ENOUGH_MEMORY but for RTMv1's calls. */
static DWORD error_of(const struct op *op, long n)
{
    for (size_t i = 0; i < sizeof v1_errors / sizeof *v1_errors; i++) {
        const DWORD *e = v1_errors[i].errors;
        size_t last = 0;

        if (v1_errors[i].call != op->call)
            continue;
        while (last + 1 < sizeof v1_errors[i].errors / sizeof *e && e[last + 1])
            last++;
        return e[(size_t)(n - 1) < last ? (size_t)(n - 1) : last];
    }
    return ERROR_NOT_ENOUGH_MEMORY;
}

/* ---- the test ------------------------------------------------------------------------ */

/* One iteration: fails the n-th allocation of the call. Returns whether
 * it failed (else the call succeeded without reaching it). */
static int attempt(const void *arg, long n)
{
    const struct op *op = arg;
    struct fixture f;
    struct state before, after;
    DWORD status;
    int failed;

    memset(&before, 0, sizeof before);
    after = before;
    fixture_setup(&f, op->extra_dests);
    current = &f;
    state_take(&f, &before);
    if (op->prepare)
        op->prepare(&f);
    test_alloc_fail_nth(n);
    status = op->call(&f);
    failed = test_alloc_failed();
    test_alloc_fail_nth(0);

    if (!failed) {
        if (status != NO_ERROR)
            fail_msg("%s: %lu without an allocation failing", op->name, (unsigned long)status);
        if (op->verify)
            op->verify(&f);
        if (op->undo)
            op->undo(&f);
    } else {
        if (status != error_of(op, n))
            fail_msg("%s: allocation %ld failed, the call returned %lu, expected %lu", op->name,
                     n, (unsigned long)status, (unsigned long)error_of(op, n));
        if (f.locked) /* a failed RtmUpdateAndUnlockRoute keeps the lock */
            assert_int_equal(RtmLockRoute(f.me, f.route, TRUE, FALSE, NULL), NO_ERROR);
        f.locked = 0;
        state_take(&f, &after);
        if (after.blocks != before.blocks)
            fail_msg("%s: allocation %ld failed: %ld blocks leaked", op->name, n,
                     after.blocks - before.blocks);
        assert_memory_equal(&after.counts, &before.counts, sizeof after.counts);
        test_snapshot_assert_equal(&before.table, &after.table);
        if (v1_snapshot_diff(&before.v1, &after.v1))
            fail_msg("%s: allocation %ld failed: %s changed", op->name, n,
                     v1_snapshot_diff(&before.v1, &after.v1));
        assert_changes(&f, 0);
    }
    fixture_cleanup(&f);
    current = NULL;
    test_free(before.table.text);
    test_free(after.table.text);
    return failed;
}

/* After a failed test: deregisters what its fixture left, so that the
 * next tests start clean, and takes the base values again. */
static int op_teardown(void **state)
{
    RTM_DIAG_OBJECT_COUNTS counts;

    (void)state;
    if (current) {
        if (current->locked)
            RtmLockRoute(current->me, current->route, TRUE, FALSE, NULL);
        RtmDeregisterEntity(current->listener);
        RtmDeregisterEntity(current->other);
        RtmDeregisterEntity(current->me);
        RtmCloseEnumerationHandle(current->v1_enum);
        RtmDeregisterClient(current->v1_watcher);
        RtmDeregisterClient(current->v1_me);
        RtmDeregisterClient(current->v1_other);
        current = NULL;
        wait_for_base(&counts);
        base_counts = counts;
        base_blocks = test_alloc_outstanding();
    }
    return 0;
}

static void test_op(void **state)
{
    const struct op *op = *state;

    test_alloc_fail_in_turn(op->name, op->allocates, attempt, op);
}

/*
 * Creates the table (with an entity that stays registered), then creates
 * and frees enough objects that every later object reuses a freed handle
 * slot: the handle table allocates slot segments that it keeps for good,
 * which would otherwise count as a call's allocation.
 */
static int group_setup(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE warm[8];
    RTM_IP_ROUTE v1_route = v1_ip_route(0x01000000u, 8, 1, V1_HOP, 1);

    keeper = test_register(INSTANCE, AF_INET, 1, 1, FALSE);
    /* RTMv1's IP index, kept for good once made. */
    v1_keeper = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_KEEPER, NULL, 0);
    v1_add(v1_keeper, &v1_route, INFINITE);
    /* Entity memory is recycled, not freed (entity.c): have the pool hold
     * as many as an iteration registers at once. */
    for (unsigned i = 0; i < 8; i++)
        warm[i] = test_register(INSTANCE, AF_INET, 100 + i, 1, FALSE);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(RtmDeregisterEntity(warm[i]), NO_ERROR);
    for (unsigned i = 0; i < 2 * RTM_HANDLE_REUSE_DELAY; i++) {
        RTM_NEXTHOP_HANDLE nh = test_add_nexthop(keeper, test_ipv4(172, 16, i >> 8, i & 255, 32), 1);
        assert_int_equal(RtmDeleteNextHop(keeper, nh, NULL), NO_ERROR);
    }
    object_counts(&base_counts);
    base_blocks = test_alloc_outstanding();
    return 0;
}

static int group_teardown(void **state)
{
    assert_int_equal(RtmDeregisterEntity(keeper), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(v1_keeper), NO_ERROR);
    return v1_teardown(state);
}

/*
 * The process's first object, an RTMv1 client: its memory
 * (ERROR_NOT_ENOUGH_MEMORY) and the handle table's first segment
 * (ERROR_NO_SYSTEM_RESOURCES: no slot to be had), failing in turn. Runs
 * before anything else made an object.
 */
static void first_object(void **state)
{
    static const DWORD errors[] = { ERROR_NOT_ENOUGH_MEMORY, ERROR_NO_SYSTEM_RESOURCES };
    long blocks = test_alloc_outstanding();
    HANDLE client;
    (void)state;

    for (long n = 1; n <= 2; n++) {
        test_alloc_fail_nth(n);
        client = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IPX, V1_PROTO_NEW, NULL, 0);
        assert_true(test_alloc_failed());
        test_alloc_fail_nth(0);
        assert_null(client);
        assert_int_equal(GetLastError(), errors[n - 1]);
        assert_int_equal(test_alloc_outstanding(), blocks);
    }
    client = v1_register(RTM_PROTOCOL_FAMILY_IPX, V1_PROTO_NEW, NULL, 0);
    assert_int_equal(RtmDeregisterClient(client), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest first[] = {
        cmocka_unit_test(first_object),
    };
    struct CMUnitTest tests[sizeof ops / sizeof ops[0]];
    int failed = cmocka_run_group_tests(first, NULL, NULL);

    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        struct CMUnitTest t = { ops[i].name, test_op, NULL, op_teardown, (void *)&ops[i] };
        tests[i] = t;
    }
    return failed | cmocka_run_group_tests(tests, group_setup, group_teardown);
}
