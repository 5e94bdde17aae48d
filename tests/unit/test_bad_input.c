/*
 * test_bad_input.c - the bad-input matrix: every implemented export
 * (def/rtm.exports `impl` rows) called with bad arguments returns the error
 * its documentation gives and changes nothing, through the public API.
 * RTMv1's exports (rtm.h) have rows of their own kinds: client and
 * enumeration handles (whose slots also get every RTMv2 handle, as RTMv2's
 * slots get theirs), protocol families, criteria flags, change events and
 * TimeToLives; after each call RTMv1's tables (tests/support/
 * rtmv1_snapshot.h) and its clients' message queues must be as before too.
 *
 * Each export has a row: a wrapper that calls it with one value per
 * parameter slot, and the kind of each slot (a pointer, a registration
 * handle, a destination handle, one of the caller's own routes, ...). The
 * matrix is generated from the kinds: with every other slot valid, a slot
 * gets in turn NULL (ERROR_INVALID_PARAMETER for a pointer,
 * ERROR_INVALID_HANDLE for a handle, unless NULL is allowed), forged
 * handles, a stale handle (its object freed) of each type it accepts, a
 * valid handle of each type it does not accept, the same type from another
 * table, another entity's object (ERROR_INVALID_HANDLE for enumerations,
 * route lists and notification registrations, which only their owner may
 * use; the slot's documented error, often ERROR_ACCESS_DENIED, for routes
 * and next hops the caller must own) and a deregistered entity where a
 * registered one is needed: all ERROR_INVALID_HANDLE otherwise. Handles
 * that sit inside a structure or array a Release function takes are NULL
 * when valid, so that a failing call never releases anything. Where the
 * call with every slot valid is bad input too (unlocking what is not
 * locked, a NULL handle in a Release array), the row says so and what it
 * returns. Special rows cover the rest: wrong sizes and counts, unknown
 * address families, NumBits beyond the address, deleted objects, bad
 * flags and views, double releases.
 *
 * After every call the table must be as before: a snapshot of both tables
 * (tests/support/rtm_snapshot.h: entities, destinations, routes with their
 * information, next hops, route lists, change status and marks) is
 * compared, and no method of the method-exporting entity has run. At the
 * end of each test every object of the fixture is released and its
 * entities deregister; every handle must then be stale (a probe entity's
 * RtmReferenceHandles refuses it), which shows that no failed call kept a
 * reference.
 *
 * Where the spec page lists no error for a case, the expected value is the
 * one the implementation documents in its doc comment (the behaviour
 * notes, docs/behaviour.md): ERROR_INVALID_PARAMETER for bad pointers, sizes,
 * counts, families and flags, ERROR_INVALID_HANDLE for bad handles, as
 * Windows functions plausibly return.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "export_list.h"
#include "rtm_diag.h"
#include "rtm_test.h"
#include "rtm_snapshot.h"
#include "rtmv1_snapshot.h"
#include "rtmv1_test.h"

/* The wrappers and special rows share one signature; many need no fixture. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define INSTANCE 7100          /* the fixture's table, IPv4 */
#define FOREIGN_INSTANCE 7101  /* another table, IPv6 */
#define MAX_SLOTS 7
#define MAX_BAD 32

/* ---- object types and parameter kinds ------------------------------------ */

enum type {
    T_ENTITY,
    T_DEST,
    T_ROUTE,
    T_NEXTHOP,
    T_DEST_ENUM,
    T_ROUTE_ENUM,
    T_NEXTHOP_ENUM,
    T_LIST_ENUM,
    T_LIST,
    T_NOTIFY,
    T_V1_CLIENT,    /* RTMv1 */
    T_V1_ENUM,
    T_COUNT
};

static const char *const type_names[T_COUNT] = {
    "entity", "destination", "route", "next hop", "destination enumeration",
    "route enumeration", "next-hop enumeration", "route-list enumeration", "route list",
    "notification registration", "RTMv1 client", "RTMv1 enumeration",
};

#define BIT(t) (1u << (t))
#define TABLE_TYPES (BIT(T_ENTITY) | BIT(T_DEST) | BIT(T_ROUTE) | BIT(T_NEXTHOP))
#define ENUM_TYPES \
    (BIT(T_DEST_ENUM) | BIT(T_ROUTE_ENUM) | BIT(T_NEXTHOP_ENUM) | BIT(T_LIST_ENUM))

enum kind {
    K_END,          /* no more slots */
    K_PTR,          /* a pointer: a valid buffer, or NULL */
    K_REG,          /* the caller's registration handle */
    K_ENTITY,       /* any entity of the table (registered or not) */
    K_TARGET,       /* a registered entity of the table */
    K_DEST,
    K_ROUTE,        /* any route of the table */
    K_OWN_ROUTE,    /* one of the caller's routes */
    K_NEXTHOP,      /* any next hop of the table */
    K_OWN_NEXTHOP,  /* one of the caller's next hops */
    K_ANY,          /* a handle of any type of the table */
    K_DEST_ENUM,    /* the caller's enumerations, of one kind or any */
    K_ROUTE_ENUM,
    K_NEXTHOP_ENUM,
    K_LIST_ENUM,
    K_ENUM,
    K_LIST,         /* one of the caller's route lists */
    K_NOTIFY,       /* one of the caller's notification registrations */
    /* RTMv1 */
    K_V1_CLIENT,    /* a registered client */
    K_V1_ENUM,      /* an open enumeration */
    K_V1_FAMILY,    /* a protocol family; this and the kinds after it take no
                       handle (v1_bad_values) */
    K_V1_ROUTE,     /* a route structure (me's route) */
    K_V1_FLAGS,     /* RTM_ONLY_* flags */
    K_V1_EVENT,     /* a change event (NULL allowed) */
    K_V1_REGFLAGS,  /* RtmRegisterClient's flags */
    K_V1_TTL,       /* a TimeToLive */
    K_V1_VALUE      /* a value no bad value exists for */
};

static const struct {
    unsigned types;  /* the object types the slot accepts */
    int owned;       /* another entity's object is ERROR_INVALID_HANDLE */
    int registered;  /* a deregistered entity is ERROR_INVALID_HANDLE */
    const char *name;
} kinds[] = {
    [K_PTR] = { 0, 0, 0, "pointer" },
    [K_REG] = { BIT(T_ENTITY), 0, 1, "registration handle" },
    [K_ENTITY] = { BIT(T_ENTITY), 0, 0, "entity handle" },
    [K_TARGET] = { BIT(T_ENTITY), 0, 1, "registered entity handle" },
    [K_DEST] = { BIT(T_DEST), 0, 0, "destination handle" },
    [K_ROUTE] = { BIT(T_ROUTE), 0, 0, "route handle" },
    [K_OWN_ROUTE] = { BIT(T_ROUTE), 0, 0, "own route handle" },
    [K_NEXTHOP] = { BIT(T_NEXTHOP), 0, 0, "next-hop handle" },
    [K_OWN_NEXTHOP] = { BIT(T_NEXTHOP), 0, 0, "own next-hop handle" },
    [K_ANY] = { TABLE_TYPES, 0, 0, "handle of any type" },
    [K_DEST_ENUM] = { BIT(T_DEST_ENUM), 1, 0, "destination enumeration" },
    [K_ROUTE_ENUM] = { BIT(T_ROUTE_ENUM), 1, 0, "route enumeration" },
    [K_NEXTHOP_ENUM] = { BIT(T_NEXTHOP_ENUM), 1, 0, "next-hop enumeration" },
    [K_LIST_ENUM] = { BIT(T_LIST_ENUM), 1, 0, "route-list enumeration" },
    [K_ENUM] = { ENUM_TYPES, 1, 0, "enumeration" },
    [K_LIST] = { BIT(T_LIST), 1, 0, "route list" },
    [K_NOTIFY] = { BIT(T_NOTIFY), 1, 0, "notification handle" },
    [K_V1_CLIENT] = { BIT(T_V1_CLIENT), 0, 0, "RTMv1 client handle" },
    [K_V1_ENUM] = { BIT(T_V1_ENUM), 0, 0, "RTMv1 enumeration handle" },
    [K_V1_FAMILY] = { 0, 0, 0, "protocol family" },
    [K_V1_ROUTE] = { 0, 0, 0, "RTMv1 route" },
    [K_V1_FLAGS] = { 0, 0, 0, "enumeration flags" },
    [K_V1_EVENT] = { 0, 0, 0, "change event" },
    [K_V1_REGFLAGS] = { 0, 0, 0, "registration flags" },
    [K_V1_TTL] = { 0, 0, 0, "TimeToLive" },
    [K_V1_VALUE] = { 0, 0, 0, "value" },
};

/* Slot flags. */
#define NULL_OK 1   /* NULL is a valid value (no NULL case) */
#define IN_INFO 2   /* a handle inside a structure a Release function takes:
                       NULL when valid (implies NULL_OK) */

struct slot {
    enum kind kind;
    unsigned flags;
    DWORD owner_error;  /* K_OWN_*: the error for another entity's object */
};

/* ---- the fixture --------------------------------------------------------- */

struct fx {
    const char *export;             /* the export under test */
    RTM_ENTITY_HANDLE me, other, foreign, probe, foreign_probe;
    HANDLE valid[T_COUNT];          /* me's objects (a destination of the table) */
    HANDLE others[T_COUNT];         /* other's (NULL for destinations) */
    HANDLE foreign_obj[T_COUNT];    /* the foreign table's (table types only) */
    HANDLE stale[T_COUNT];          /* objects freed */
    RTM_ENTITY_HANDLE deregistered; /* alive (a client reference), not registered */
    RTM_ROUTE_HANDLE deleted_route; /* me's, deleted; a reference held */
    RTM_NEXTHOP_HANDLE deleted_nexthop;
    RTM_ROUTE_HANDLE unreferenced;  /* me's route, no client reference */
    RTM_NET_ADDRESS prefix;         /* of valid[T_DEST] and me's route */
    RTM_NET_ADDRESS nexthop_address;
    struct snap_watcher watchers[2], foreign_watchers[1];
    struct test_snapshot *before, *foreign_before, *after;
    /* RTMv1: valid[T_V1_CLIENT] is me's IP client (with an event),
     * valid[T_V1_ENUM] an enumeration of the IP table. */
    HANDLE v1_event[3];             /* of me's, other's and the IPX client */
    HANDLE v1_other, v1_quiet, v1_ipx; /* another protocol's, one without an
                                       event, an IPX one */
    RTM_IP_ROUTE v1_route;          /* me's RTMv1 route, as stored */
    RTM_IP_ROUTE v1_holed;          /* the same with a mask that is not contiguous */
    struct v1_snapshot *v1_before, *v1_after;
    int cases, failures;
    /* Buffers the wrappers point into. */
    RTM_DEST_INFO *dest_info;       /* RTM_MAX_VIEWS views */
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[8];
    } route;
    union {
        char bytes[2048];
        ULONGLONG align;
        RTM_ENTITY_METHOD_OUTPUT output;
    } buffer;
};

static int method_calls;

static VOID WINAPI count_method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    output->OutputSize = 0;
    test_counter_add(&method_calls, 1);
}

static RTM_ENTITY_HANDLE reg4(ULONG protocol, PRTM_ENTITY_EXPORT_METHODS methods)
{
    return test_register_with(INSTANCE, AF_INET, protocol, 1, methods, NULL, FALSE, NULL);
}

static RTM_ENTITY_HANDLE reg6(ULONG protocol)
{
    return test_register(FOREIGN_INSTANCE, AF_INET6, protocol, 1, FALSE);
}

/* A handle with one more client reference (for objects the fixture deletes
 * while it keeps a handle). */
static HANDLE referenced(RTM_ENTITY_HANDLE reg, HANDLE h)
{
    assert_int_equal(RtmReferenceHandles(reg, 1, &h), NO_ERROR);
    return h;
}

/* Enumerations of each kind (the route-list one of list) for reg. */
static void make_enums(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest, RTM_ROUTE_LIST_HANDLE list,
                       HANDLE *out)
{
    assert_int_equal(RtmCreateDestEnum(reg, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                       RTM_BEST_PROTOCOL, &out[T_DEST_ENUM]),
                     NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(reg, dest, RTM_VIEW_MASK_ANY, RTM_ENUM_ALL_ROUTES, NULL,
                                        RTM_MATCH_NONE, NULL, 0, &out[T_ROUTE_ENUM]),
                     NO_ERROR);
    assert_int_equal(RtmCreateNextHopEnum(reg, RTM_ENUM_START, NULL, &out[T_NEXTHOP_ENUM]),
                     NO_ERROR);
    assert_int_equal(RtmCreateRouteListEnum(reg, list, &out[T_LIST_ENUM]), NO_ERROR);
}

/* Objects of every type, freed: their handles are stale. Made before any
 * notification registration exists (whose queue could keep a destination). */
static void make_stale(struct fx *f)
{
    RTM_NET_ADDRESS gone = test_ipv4(10, 8, 0, 0, 16);
    RTM_NOTIFY_HANDLE notify = NULL;
    RTM_ROUTE_LIST_HANDLE list = NULL;
    HANDLE enums[T_COUNT];

    f->stale[T_ENTITY] = reg4(3, NULL);
    assert_int_equal(RtmDeregisterEntity(f->stale[T_ENTITY]), NO_ERROR);

    f->stale[T_NEXTHOP] = test_add_nexthop(f->me, test_ipv4(10, 0, 0, 9, 32), 9);
    f->stale[T_ROUTE] = test_add_route(f->me, gone, f->stale[T_NEXTHOP], 10, 1, NULL);
    f->stale[T_DEST] = test_dest_of(f->me, gone);
    assert_int_equal(RtmDeleteRouteToDest(f->me, f->stale[T_ROUTE], NULL), NO_ERROR);
    assert_int_equal(test_release_dest_handle(f->me, f->stale[T_DEST], FALSE), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(f->me, f->stale[T_NEXTHOP], NULL), NO_ERROR);

    assert_int_equal(RtmCreateRouteList(f->me, &list), NO_ERROR);
    make_enums(f->me, NULL, list, enums);
    for (int t = T_DEST_ENUM; t <= T_LIST_ENUM; t++) {
        assert_int_equal(RtmDeleteEnumHandle(f->me, enums[t]), NO_ERROR);
        f->stale[t] = enums[t];
    }
    assert_int_equal(RtmDeleteRouteList(f->me, list), NO_ERROR);
    f->stale[T_LIST] = list;

    assert_int_equal(RtmRegisterForChangeNotification(f->me, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &notify),
                     NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(f->me, notify), NO_ERROR);
    f->stale[T_NOTIFY] = notify;
}

/* One entity's objects in the fixture table: a next hop, a route to
 * f->prefix in a route list, enumerations and a notification registration
 * (for every type but destinations). */
static void make_owned(struct fx *f, RTM_ENTITY_HANDLE reg, unsigned index, HANDLE *out)
{
    RTM_ROUTE_INFO info;
    RTM_ROUTE_HANDLE route = NULL;

    out[T_ENTITY] = reg;
    out[T_NEXTHOP] = test_add_nexthop(reg, test_ipv4(10, 0, 0, index, 32), index);
    assert_int_equal(RtmCreateRouteList(reg, &out[T_LIST]), NO_ERROR);
    info = test_route(out[T_NEXTHOP], 10 * index, index, RTM_VIEW_MASK_UCAST);
    assert_int_equal(RtmAddRouteToDest(reg, &route, &f->prefix, &info, INFINITE, out[T_LIST], 0,
                                       NULL, NULL),
                     NO_ERROR);
    out[T_ROUTE] = route;
    assert_int_equal(RtmRegisterForChangeNotification(reg, RTM_VIEW_MASK_UCAST |
                                                               RTM_VIEW_MASK_MCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &out[T_NOTIFY]),
                     NO_ERROR);
}

/* ---- RTMv1's part of the fixture ---------------------------------------- */

#define V1_PROTO_ME 801
#define V1_PROTO_OTHER 802
#define V1_PROTO_QUIET 803  /* a client without a change event */
#define V1_PROTO_NEW 804    /* registered by no one */

/* An RTMv1 route of the fixture: 10.n.0.0/16 through interface iface. */
static RTM_IP_ROUTE v1_route_of(unsigned n, DWORD iface, DWORD metric)
{
    return v1_ip_route(0x0A000000u | n << 16, 16, iface, 0xC0000200u | iface, metric);
}

/* RTMv1 objects: clients of both families (me's in valid[T_V1_CLIENT])
 * with routes, an enumeration, a deregistered client and a closed
 * enumeration (stale). */
static void v1_fixture_setup(struct fx *f)
{
    RTM_IP_ROUTE mine = v1_route_of(1, 1, 2), others = v1_route_of(1, 2, 5);
    RTM_IP_ROUTE others2 = v1_route_of(2, 2, 5);
    RTM_IPX_ROUTE ipx;
    DWORD flags;

    f->stale[T_V1_CLIENT] = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_NEW, NULL, 0);
    assert_int_equal(RtmDeregisterClient(f->stale[T_V1_CLIENT]), NO_ERROR);
    for (int i = 0; i < 3; i++)
        f->v1_event[i] = v1_event_create();
    f->valid[T_V1_CLIENT] = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_ME, f->v1_event[0], 0);
    f->v1_other = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_OTHER, f->v1_event[1], 0);
    f->v1_quiet = v1_register(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_QUIET, NULL, 0);
    f->v1_ipx = v1_register(RTM_PROTOCOL_FAMILY_IPX, V1_PROTO_ME, f->v1_event[2], 0);
    assert_int_equal(RtmAddRoute(f->valid[T_V1_CLIENT], &mine, INFINITE, &flags, &f->v1_route,
                                 NULL),
                     NO_ERROR);
    assert_int_equal(RtmAddRoute(f->v1_other, &others, INFINITE, &flags, NULL, NULL), NO_ERROR);
    assert_int_equal(RtmAddRoute(f->v1_other, &others2, INFINITE, &flags, NULL, NULL), NO_ERROR);
    memset(&ipx, 0, sizeof ipx);
    ipx.RR_Network.N_NetNumber = 0x4242;
    assert_int_equal(RtmAddRoute(f->v1_ipx, &ipx, INFINITE, &flags, NULL, NULL), NO_ERROR);
    f->v1_holed = f->v1_route;
    f->v1_holed.RR_Network.N_NetMask = 0xFF00FF00u;
    v1_drain(f->valid[T_V1_CLIENT]);
    v1_drain(f->v1_other);
    f->stale[T_V1_ENUM] = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->stale[T_V1_ENUM]);
    assert_int_equal(RtmCloseEnumerationHandle(f->stale[T_V1_ENUM]), NO_ERROR);
    f->valid[T_V1_ENUM] = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->valid[T_V1_ENUM]);
    f->v1_before = test_malloc(sizeof *f->v1_before);
    f->v1_after = test_malloc(sizeof *f->v1_after);
    v1_snapshot_take(f->v1_before);
}

/* Ends the RTMv1 objects: both tables empty, no RTMv1 object left. */
static void v1_fixture_teardown(struct fx *f)
{
    assert_int_equal(RtmCloseEnumerationHandle(f->valid[T_V1_ENUM]), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->valid[T_V1_CLIENT]), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->v1_other), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->v1_quiet), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->v1_ipx), NO_ERROR);
    for (int i = 0; i < 3; i++)
        v1_event_close(f->v1_event[i]);
    v1_snapshot_take(f->v1_after);
    assert_int_equal(f->v1_after->networks[0] + f->v1_after->networks[1], 0);
    assert_int_equal(f->v1_after->clients + f->v1_after->v1_routes + f->v1_after->enumerations, 0);
    test_free(f->v1_before);
    test_free(f->v1_after);
}

/* What a call changed of RTMv1, or NULL: the tables, the live objects,
 * the messages queued for the clients with an event (none, and those
 * clients still registered). */
static const char *v1_diff(struct fx *f)
{
    const char *diff;
    DWORD flags;

    v1_snapshot_take(f->v1_after);
    diff = v1_snapshot_diff(f->v1_before, f->v1_after);
    if (!diff &&
        (RtmDequeueRouteChangeMessage(f->valid[T_V1_CLIENT], &flags, NULL, NULL) !=
             ERROR_NO_MESSAGES ||
         RtmDequeueRouteChangeMessage(f->v1_other, &flags, NULL, NULL) != ERROR_NO_MESSAGES ||
         RtmDequeueRouteChangeMessage(f->v1_ipx, &flags, NULL, NULL) != ERROR_NO_MESSAGES))
        diff = "an RTMv1 message queued, or a client gone";
    return diff;
}

static int setup(void **state)
{
    static struct {
        UINT n;
        RTM_ENTITY_EXPORT_METHOD m[2];
    } methods = { 2, { count_method, count_method } };
    struct fx *f = test_calloc(1, sizeof *f);
    RTM_NET_ADDRESS foreign_prefix = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_NET_ADDRESS unreferenced = test_ipv4(10, 3, 0, 0, 16);
    RTM_ROUTE_INFO info;

    f->export = *state;
    f->prefix = test_ipv4(10, 1, 0, 0, 16);
    f->nexthop_address = test_ipv4(10, 0, 0, 99, 32);
    f->dest_info = test_dest_info();
    f->probe = reg4(9, NULL);
    f->foreign_probe = reg6(9);
    f->me = reg4(1, NULL);
    f->other = reg4(2, (PRTM_ENTITY_EXPORT_METHODS)&methods);
    f->foreign = reg6(1);

    make_stale(f);
    make_owned(f, f->me, 1, f->valid);
    make_owned(f, f->other, 2, f->others);
    f->valid[T_DEST] = test_dest_of(f->me, f->prefix);
    make_enums(f->me, f->valid[T_DEST], f->valid[T_LIST], f->valid);
    make_enums(f->other, f->valid[T_DEST], f->others[T_LIST], f->others);

    f->foreign_obj[T_ENTITY] = f->foreign;
    f->foreign_obj[T_NEXTHOP] = test_add_nexthop(f->foreign, test_ipv6(0xfe80, 0, 1, 128), 1);
    f->foreign_obj[T_ROUTE] =
        test_add_route(f->foreign, foreign_prefix, f->foreign_obj[T_NEXTHOP], 10, 1, NULL);
    f->foreign_obj[T_DEST] = test_dest_of(f->foreign, foreign_prefix);

    /* A deregistered entity that is still referenced. */
    f->deregistered = referenced(f->me, reg4(4, NULL));
    assert_int_equal(RtmDeregisterEntity(f->deregistered), NO_ERROR);

    /* Deleted objects still referenced, and a route nobody references. */
    f->deleted_nexthop = test_add_nexthop(f->me, test_ipv4(10, 0, 0, 3, 32), 3);
    assert_int_equal(RtmDeleteNextHop(f->me, referenced(f->me, f->deleted_nexthop), NULL),
                     NO_ERROR);
    f->deleted_route = test_add_route(f->me, test_ipv4(10, 2, 0, 0, 16), f->valid[T_NEXTHOP], 10,
                                      1, NULL);
    assert_int_equal(RtmDeleteRouteToDest(f->me, referenced(f->me, f->deleted_route), NULL),
                     NO_ERROR);
    info = test_route(f->valid[T_NEXTHOP], 10, 1, RTM_VIEW_MASK_UCAST);
    assert_int_equal(RtmAddRouteToDest(f->me, NULL, &unreferenced, &info, INFINITE, NULL, 0, NULL,
                                       NULL),
                     NO_ERROR);
    assert_int_equal(RtmGetExactMatchRoute(f->me, &unreferenced, RTM_MATCH_NONE, &f->route.info, 0,
                                           RTM_VIEW_MASK_ANY, &f->unreferenced),
                     NO_ERROR);
    assert_int_equal(RtmReleaseRouteInfo(f->me, &f->route.info), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(f->me, 1, &(RTM_ROUTE_HANDLE){ f->unreferenced }), NO_ERROR);

    f->watchers[0] = (struct snap_watcher){ f->me, f->valid[T_LIST], f->valid[T_NOTIFY] };
    f->watchers[1] = (struct snap_watcher){ f->other, f->others[T_LIST], f->others[T_NOTIFY] };
    f->foreign_watchers[0] = (struct snap_watcher){ f->foreign, NULL, NULL };
    f->before = test_malloc(sizeof *f->before);
    f->foreign_before = test_malloc(sizeof *f->foreign_before);
    f->after = test_malloc(sizeof *f->after);
    test_snapshot_take(f->watchers, 2, f->before);
    test_snapshot_take(f->foreign_watchers, 1, f->foreign_before);
    v1_fixture_setup(f);
    test_counter_set(&method_calls, 0);
    *state = f;
    return 0;
}

/* Waits until reg no longer accepts h (every reference to its object is
 * gone); returns whether it happened within two seconds. */
static int becomes_stale(RTM_ENTITY_HANDLE reg, HANDLE h)
{
    for (int waited = 0; waited < 2000; waited++) {
        HANDLE copy = h;
        if (RtmReferenceHandles(reg, 1, &copy) == ERROR_INVALID_HANDLE)
            return 1;
        assert_int_equal(RtmDereferenceHandles(reg, 1, &copy), NO_ERROR);
        test_sleep_ms(1);
    }
    return 0;
}

static void release_handle(RTM_ENTITY_HANDLE reg, HANDLE h)
{
    assert_int_equal(RtmDereferenceHandles(reg, 1, &h), NO_ERROR);
}

/* Releases what the fixture holds, deregisters its entities and checks
 * that nothing of theirs is left: every handle is stale, the probes are
 * alone in empty tables. */
static int teardown(void **state)
{
    struct fx *f = *state;
    HANDLE mine[] = { f->valid[T_ENTITY], f->valid[T_DEST], f->valid[T_ROUTE],
                      f->valid[T_NEXTHOP], f->others[T_ENTITY], f->others[T_ROUTE],
                      f->others[T_NEXTHOP], f->deregistered, f->deleted_route,
                      f->deleted_nexthop, f->unreferenced };
    HANDLE foreign[] = { f->foreign_obj[T_ENTITY], f->foreign_obj[T_DEST],
                         f->foreign_obj[T_ROUTE], f->foreign_obj[T_NEXTHOP] };

    for (int t = T_DEST; t <= T_NEXTHOP; t++) {
        release_handle(f->me, f->valid[t]);
        if (f->others[t])
            release_handle(f->other, f->others[t]);
        release_handle(f->foreign, f->foreign_obj[t]);
    }
    release_handle(f->me, f->deregistered);
    release_handle(f->me, f->deleted_route);
    release_handle(f->me, f->deleted_nexthop);
    assert_int_equal(RtmDeregisterEntity(f->me), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->foreign), NO_ERROR);

    for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
        if (!becomes_stale(f->probe, mine[i]))
            fail_msg("%s: handle %u of the fixture still referenced", f->export, (unsigned)i);
    for (size_t i = 0; i < sizeof foreign / sizeof *foreign; i++)
        if (!becomes_stale(f->foreign_probe, foreign[i]))
            fail_msg("%s: handle %u of the foreign table still referenced", f->export, (unsigned)i);
    assert_int_equal(test_entity_count(f->probe), 1);
    assert_int_equal(test_entity_count(f->foreign_probe), 1);
    test_snapshot_take(&(struct snap_watcher){ f->probe, NULL, NULL }, 1, f->after);
    assert_int_equal(f->after->dests, 0);
    assert_int_equal(RtmDeregisterEntity(f->probe), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->foreign_probe), NO_ERROR);
    v1_fixture_teardown(f);

    test_free(f->dest_info);
    test_free(f->before);
    test_free(f->foreign_before);
    test_free(f->after);
    test_free(f);
    return 0;
}

/* Checks one bad call: its status, and that nothing changed. */
static void expect(struct fx *f, const char *what, DWORD got, DWORD want)
{
    const char *diff;

    f->cases++;
    test_snapshot_take(f->watchers, 2, f->after);
    diff = test_snapshot_diff(f->before, f->after);
    if (!diff) {
        test_snapshot_take(f->foreign_watchers, 1, f->after);
        diff = test_snapshot_diff(f->foreign_before, f->after);
    }
    if (!diff && test_counter_get(&method_calls))
        diff = "a method ran";
    if (!diff)
        diff = v1_diff(f);
    if (got != want || diff) {
        print_error("%s, %s: returned %lu, expected %lu%s%s\n", f->export, what,
                    (unsigned long)got, (unsigned long)want, diff ? "; changed " : "",
                    diff ? diff : "");
        f->failures++;
        if (diff) { /* later comparisons would all fail: compare with now */
            test_snapshot_take(f->watchers, 2, f->before);
            test_snapshot_take(f->foreign_watchers, 1, f->foreign_before);
            v1_snapshot_take(f->v1_before);
        }
        test_counter_set(&method_calls, 0);
    }
}

/* ---- the generated matrix ------------------------------------------------ */

/* The wrappers get one value per slot; a pointer slot is NULL or not. */
#define PTR(i, p) (a[i] ? (p) : NULL)

struct row {
    const char *export;
    DWORD (*call)(struct fx *f, const HANDLE *a);
    struct slot slots[MAX_SLOTS];
    /* When the call with every slot valid is bad input too: why, and the
     * error it returns (unlocking what is not locked, say). */
    const char *valid_case;
    DWORD valid_error;
};

/* The value of a slot when it is valid. */
static HANDLE valid_value(struct fx *f, const struct slot *s)
{
    if (s->flags & IN_INFO)
        return NULL;
    switch (s->kind) {
    case K_PTR:
        return (HANDLE)f; /* any non-NULL value: the wrapper points at its buffer */
    case K_REG:
        return f->me;
    case K_ENTITY:
    case K_TARGET:
        return f->other;
    case K_ANY:
        return f->valid[T_DEST];
    case K_ENUM:
        return f->valid[T_DEST_ENUM];
    case K_V1_FAMILY:
        return (HANDLE)(uintptr_t)RTM_PROTOCOL_FAMILY_IP;
    case K_V1_ROUTE:
        return &f->v1_route;
    case K_V1_FLAGS:
        return (HANDLE)(uintptr_t)RTM_ONLY_THIS_NETWORK;
    case K_V1_EVENT:
        return f->v1_event[0];
    case K_V1_TTL:
        return (HANDLE)(uintptr_t)INFINITE;
    case K_V1_REGFLAGS:
    case K_V1_VALUE:
        return NULL;
    default:
        for (int t = 0; t < T_COUNT; t++)
            if (kinds[s->kind].types & BIT(t))
                return f->valid[t];
        return NULL;
    }
}

struct bad {
    HANDLE value;
    DWORD expected;
    char what[96];
};

static void add_bad(struct bad *out, UINT *n, HANDLE value, DWORD expected, const char *what,
                    const char *type)
{
    assert_true(*n < MAX_BAD);
    out[*n].value = value;
    out[*n].expected = expected;
    snprintf(out[*n].what, sizeof out[*n].what, "%s%s%s", what, type ? " " : "", type ? type : "");
    (*n)++;
}

/* The bad values of a slot and what each must return. */
/* The bad values of RTMv1's slots that take no handle; returns how many
 * (0 for another kind). */
static UINT v1_bad_values(struct fx *f, const struct slot *s, struct bad *out)
{
    UINT n = 0;

#define V1_BAD(v, what) \
    add_bad(out, &n, (HANDLE)(uintptr_t)(v), ERROR_INVALID_PARAMETER, what, NULL)
    switch (s->kind) {
    case K_V1_FAMILY:
        V1_BAD(2, "family 2");
        V1_BAD(0xFFFFFFFFu, "family 0xFFFFFFFF");
        break;
    case K_V1_ROUTE:
        V1_BAD(NULL, "NULL");
        V1_BAD(&f->v1_holed, "a mask that is not contiguous");
        break;
    case K_V1_FLAGS:
        V1_BAD(0x10, "flag 0x10");
        V1_BAD(RTM_ONLY_THIS_NETWORK | 0x80000000u, "flag 0x80000000");
        break;
    case K_V1_REGFLAGS:
        V1_BAD(2, "flag 2");
        V1_BAD(RTM_PROTOCOL_SINGLE_ROUTE | 0x80000000u, "flag 0x80000000");
        break;
    case K_V1_EVENT:
        V1_BAD(0x12345678, "a forged event");
        break;
    case K_V1_TTL:
        V1_BAD(2147484, "2147484 seconds");
        V1_BAD(INFINITE - 1, "INFINITE - 1");
        break;
    default:
        break;
    }
#undef V1_BAD
    return n;
}

static UINT bad_values(struct fx *f, const struct slot *s, struct bad *out)
{
    unsigned types = kinds[s->kind].types;
    HANDLE some = valid_value(f, &(struct slot){ s->kind, 0, 0 });
    UINT n = 0;

    if (s->kind >= K_V1_FAMILY)
        return v1_bad_values(f, s, out);
    if (!(s->flags & (NULL_OK | IN_INFO)))
        add_bad(out, &n, NULL, s->kind == K_PTR ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE,
                "NULL", NULL);
    if (s->kind == K_PTR)
        return n;
    add_bad(out, &n, (HANDLE)(uintptr_t)1, ERROR_INVALID_HANDLE, "forged 1", NULL);
    add_bad(out, &n, (HANDLE)(uintptr_t)0x12345678, ERROR_INVALID_HANDLE, "forged 0x12345678",
            NULL);
    add_bad(out, &n, (HANDLE)~(uintptr_t)0, ERROR_INVALID_HANDLE, "forged ~0", NULL);
    add_bad(out, &n, (HANDLE)f, ERROR_INVALID_HANDLE, "a pointer as handle", NULL);
    add_bad(out, &n, (HANDLE)((uintptr_t)some ^ ((uintptr_t)1 << (sizeof(uintptr_t) * 8 - 1))),
            ERROR_INVALID_HANDLE, "a valid handle with its top bit flipped", NULL);
    for (int t = 0; t < T_COUNT; t++) {
        if (!(types & BIT(t))) {
            add_bad(out, &n, f->valid[t], ERROR_INVALID_HANDLE, "wrong type:", type_names[t]);
            continue;
        }
        add_bad(out, &n, f->stale[t], ERROR_INVALID_HANDLE, "stale", type_names[t]);
        if (f->foreign_obj[t] && s->kind != K_REG) /* a registration names its table */
            add_bad(out, &n, f->foreign_obj[t], ERROR_INVALID_HANDLE, "another table's",
                    type_names[t]);
        if (f->others[t] && kinds[s->kind].owned)
            add_bad(out, &n, f->others[t], ERROR_INVALID_HANDLE, "another entity's",
                    type_names[t]);
        else if (f->others[t] && s->owner_error)
            add_bad(out, &n, f->others[t], s->owner_error, "another entity's", type_names[t]);
    }
    if (kinds[s->kind].registered)
        add_bad(out, &n, f->deregistered, ERROR_INVALID_HANDLE, "a deregistered entity", NULL);
    return n;
}

static void valid_values(struct fx *f, const struct row *row, HANDLE *a)
{
    for (int j = 0; j < MAX_SLOTS && row->slots[j].kind != K_END; j++)
        a[j] = valid_value(f, &row->slots[j]);
}

static void run_matrix(struct fx *f, const struct row *row)
{
    HANDLE a[MAX_SLOTS];
    struct bad bad[MAX_BAD];

    if (row->valid_case) {
        valid_values(f, row, a);
        expect(f, row->valid_case, row->call(f, a), row->valid_error);
    }
    for (int i = 0; i < MAX_SLOTS && row->slots[i].kind != K_END; i++) {
        UINT n = bad_values(f, &row->slots[i], bad);
        for (UINT b = 0; b < n; b++) {
            char what[160];
            valid_values(f, row, a);
            a[i] = bad[b].value;
            snprintf(what, sizeof what, "slot %d (%s): %s", i, kinds[row->slots[i].kind].name,
                     bad[b].what);
            expect(f, what, row->call(f, a), bad[b].expected);
        }
    }
}

/* ---- wrappers: entities and methods -------------------------------------- */

static RTM_ENTITY_INFO new_entity_info(void)
{
    RTM_ENTITY_INFO info;
    memset(&info, 0, sizeof info);
    info.RtmInstanceId = INSTANCE;
    info.AddressFamily = AF_INET;
    info.EntityId.EntityProtocolId = 50;
    info.EntityId.EntityInstanceId = 1;
    return info;
}

static DWORD w_register(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_INFO info = new_entity_info();
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE h = NULL;
    return RtmRegisterEntity(PTR(0, &info), NULL, NULL, FALSE, PTR(1, &profile), PTR(2, &h));
}

static DWORD w_deregister(struct fx *f, const HANDLE *a)
{
    return RtmDeregisterEntity(a[0]);
}

static DWORD w_get_entities(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_HANDLE handles[SNAP_MAX_ENTITIES];
    UINT n = SNAP_MAX_ENTITIES;
    return RtmGetRegisteredEntities(a[0], PTR(1, &n), PTR(2, handles),
                                    PTR(3, (PRTM_ENTITY_INFO)f->buffer.bytes));
}

static DWORD w_release_entities(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_HANDLE h = a[1];
    return RtmReleaseEntities(a[0], 1, PTR(2, &h));
}

static DWORD w_get_entity_info(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_INFO info;
    return RtmGetEntityInfo(a[0], a[1], PTR(2, &info));
}

static DWORD w_release_entity_info(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_INFO info = new_entity_info();
    return RtmReleaseEntityInfo(a[0], PTR(1, &info));
}

static DWORD w_get_methods(struct fx *f, const HANDLE *a)
{
    UINT n = 4;
    return RtmGetEntityMethods(a[0], a[1], PTR(2, &n),
                               PTR(3, (PRTM_ENTITY_EXPORT_METHOD)f->buffer.bytes));
}

static DWORD w_invoke(struct fx *f, const HANDLE *a)
{
    RTM_ENTITY_METHOD_INPUT input;
    UINT size = sizeof f->buffer;
    memset(&input, 0, sizeof input);
    input.MethodType = METHOD_TYPE_ALL_METHODS;
    return RtmInvokeMethod(a[0], a[1], PTR(2, &input), PTR(3, &size), PTR(4, &f->buffer.output));
}

static DWORD w_block(struct fx *f, const HANDLE *a)
{
    return RtmBlockMethods(a[0], NULL, 0, RTM_RESUME_METHODS);
}

/* ---- wrappers: next hops ------------------------------------------------- */

static RTM_NEXTHOP_INFO nexthop_info(const struct fx *f, RTM_DEST_HANDLE remote)
{
    RTM_NEXTHOP_INFO info;
    memset(&info, 0, sizeof info);
    info.NextHopAddress = f->nexthop_address;
    info.InterfaceIndex = 1;
    info.RemoteNextHop = remote;
    return info;
}

static DWORD w_add_nexthop(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, a[3]);
    RTM_NEXTHOP_HANDLE h = a[2];
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0;
    return RtmAddNextHop(a[0], PTR(1, &info), &h, &flags);
}

static DWORD w_find_nexthop(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    RTM_NEXTHOP_HANDLE h = NULL;
    PRTM_NEXTHOP_INFO pointer = NULL;
    info.NextHopAddress = test_ipv4(10, 0, 0, 1, 32);
    return RtmFindNextHop(a[0], PTR(1, &info), PTR(2, &h), PTR(3, &pointer));
}

static DWORD w_delete_nexthop(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    return RtmDeleteNextHop(a[0], a[1], PTR(2, &info));
}

static DWORD w_get_nexthop_info(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_INFO info;
    return RtmGetNextHopInfo(a[0], a[1], PTR(2, &info));
}

static DWORD w_release_nexthop_info(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, a[2]);
    info.NextHopOwner = a[1];
    return RtmReleaseNextHopInfo(a[0], PTR(3, &info));
}

static DWORD w_nexthop_pointer(struct fx *f, const HANDLE *a)
{
    PRTM_NEXTHOP_INFO pointer = NULL;
    return RtmGetNextHopPointer(a[0], a[1], PTR(2, &pointer));
}

static DWORD w_lock_nexthop(struct fx *f, const HANDLE *a)
{
    PRTM_NEXTHOP_INFO pointer = NULL;
    return RtmLockNextHop(a[0], a[1], FALSE, TRUE, &pointer);
}

static DWORD w_unlock_nexthop(struct fx *f, const HANDLE *a)
{
    return RtmLockNextHop(a[0], a[1], TRUE, FALSE, NULL);
}

static DWORD w_release_nexthops(struct fx *f, const HANDLE *a)
{
    RTM_NEXTHOP_HANDLE h = a[1];
    return RtmReleaseNextHops(a[0], 1, PTR(2, &h));
}

/* ---- wrappers: routes ---------------------------------------------------- */

static DWORD w_add_route(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_HANDLE h = a[1];
    RTM_NET_ADDRESS addr = f->prefix;
    RTM_ROUTE_INFO info = test_route(a[6], 10, 5, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    info.Neighbour = a[5];
    return RtmAddRouteToDest(a[0], &h, PTR(2, &addr), PTR(3, &info), INFINITE, a[4], 0, NULL,
                             &flags);
}

static DWORD w_delete_route(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    return RtmDeleteRouteToDest(a[0], a[1], &flags);
}

static DWORD w_get_route_info(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr;
    return RtmGetRouteInfo(a[0], a[1], PTR(2, &f->route.info), PTR(3, &addr));
}

static DWORD w_release_route_info(struct fx *f, const HANDLE *a)
{
    memset(&f->route, 0, sizeof f->route);
    f->route.info.DestHandle = a[1];
    f->route.info.RouteOwner = a[2];
    f->route.info.Neighbour = a[3];
    f->route.info.NextHopsList.NumNextHops = 1;
    f->route.info.NextHopsList.NextHops[0] = a[4];
    return RtmReleaseRouteInfo(a[0], PTR(5, &f->route.info));
}

static DWORD w_route_pointer(struct fx *f, const HANDLE *a)
{
    PRTM_ROUTE_INFO pointer = NULL;
    return RtmGetRoutePointer(a[0], a[1], PTR(2, &pointer));
}

static DWORD w_lock_route(struct fx *f, const HANDLE *a)
{
    PRTM_ROUTE_INFO pointer = NULL;
    return RtmLockRoute(a[0], a[1], FALSE, TRUE, &pointer);
}

static DWORD w_unlock_route(struct fx *f, const HANDLE *a)
{
    return RtmLockRoute(a[0], a[1], TRUE, FALSE, NULL);
}

static DWORD w_update_route(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    return RtmUpdateAndUnlockRoute(a[0], a[1], INFINITE, a[2], 0, NULL, &flags);
}

static DWORD w_is_best(struct fx *f, const HANDLE *a)
{
    RTM_VIEW_SET views = 0;
    return RtmIsBestRoute(a[0], a[1], PTR(2, &views));
}

static DWORD w_exact_route(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = f->prefix;
    RTM_ROUTE_HANDLE h = NULL;
    memset(&f->route, 0, sizeof f->route);
    return RtmGetExactMatchRoute(a[0], PTR(1, &addr), RTM_MATCH_NONE, PTR(2, &f->route.info), 0,
                                 RTM_VIEW_MASK_ANY, PTR(3, &h));
}

static DWORD w_release_routes(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_HANDLE h = a[1];
    return RtmReleaseRoutes(a[0], 1, PTR(2, &h));
}

/* ---- wrappers: destinations ---------------------------------------------- */

static DWORD w_get_dest_info(struct fx *f, const HANDLE *a)
{
    return RtmGetDestInfo(a[0], a[1], RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                          PTR(2, f->dest_info));
}

/* An RTM_DEST_INFO with one view holding the slot values a[1..4]. */
static RTM_DEST_INFO *dest_info_of(struct fx *f, const HANDLE *a)
{
    RTM_DEST_INFO *info = (RTM_DEST_INFO *)f->buffer.bytes;
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(1));
    info->DestHandle = a[1];
    info->NumberOfViews = 1;
    info->ViewInfo[0].Route = a[2];
    info->ViewInfo[0].Owner = a[3];
    info->ViewInfo[0].HoldRoute = a[4];
    return info;
}

static DWORD w_release_dest_info(struct fx *f, const HANDLE *a)
{
    RTM_DEST_INFO *info = dest_info_of(f, a);
    return RtmReleaseDestInfo(a[0], PTR(5, info));
}

static DWORD w_release_dests(struct fx *f, const HANDLE *a)
{
    return RtmReleaseDests(a[0], 1, PTR(5, dest_info_of(f, a)));
}

static DWORD w_exact_dest(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = f->prefix;
    return RtmGetExactMatchDestination(a[0], PTR(1, &addr), RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                       PTR(2, f->dest_info));
}

static DWORD w_most_specific(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = test_ipv4(10, 1, 2, 3, 32);
    return RtmGetMostSpecificDestination(a[0], PTR(1, &addr), RTM_BEST_PROTOCOL,
                                         RTM_VIEW_MASK_UCAST, PTR(2, f->dest_info));
}

static DWORD w_less_specific(struct fx *f, const HANDLE *a)
{
    return RtmGetLessSpecificDestination(a[0], a[1], RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                         PTR(2, f->dest_info));
}

static DWORD w_lock_dest(struct fx *f, const HANDLE *a)
{
    return RtmLockDestination(a[0], a[1], FALSE, TRUE);
}

static DWORD w_unlock_dest(struct fx *f, const HANDLE *a)
{
    return RtmLockDestination(a[0], a[1], TRUE, FALSE);
}

static DWORD w_opaque(struct fx *f, const HANDLE *a)
{
    PVOID pointer = NULL;
    return RtmGetOpaqueInformationPointer(a[0], a[1], PTR(2, &pointer));
}

static DWORD w_hold(struct fx *f, const HANDLE *a)
{
    return RtmHoldDestination(a[0], a[1], RTM_VIEW_MASK_UCAST, 10);
}

/* ---- wrappers: handles --------------------------------------------------- */

static DWORD w_reference(struct fx *f, const HANDLE *a)
{
    HANDLE h = a[1];
    return RtmReferenceHandles(a[0], 1, PTR(2, &h));
}

static DWORD w_dereference(struct fx *f, const HANDLE *a)
{
    HANDLE h = a[1];
    return RtmDereferenceHandles(a[0], 1, PTR(2, &h));
}

/* ---- wrappers: enumerations and route lists ------------------------------ */

static DWORD w_create_dest_enum(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 0, 0, 8);
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateDestEnum(a[0], RTM_VIEW_MASK_UCAST, RTM_ENUM_RANGE, PTR(1, &addr),
                             RTM_BEST_PROTOCOL, PTR(2, &e));
}

static DWORD w_get_enum_dests(struct fx *f, const HANDLE *a)
{
    UINT n = 2;
    return RtmGetEnumDests(a[0], a[1], PTR(2, &n), PTR(3, (PRTM_DEST_INFO)f->buffer.bytes));
}

static DWORD w_create_route_enum(struct fx *f, const HANDLE *a)
{
    RTM_ENUM_HANDLE e = NULL;
    memset(&f->route, 0, sizeof f->route);
    return RtmCreateRouteEnum(a[0], a[1], RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL,
                              RTM_MATCH_OWNER, PTR(2, &f->route.info), 0, PTR(3, &e));
}

static DWORD w_get_enum_routes(struct fx *f, const HANDLE *a)
{
    UINT n = 2;
    return RtmGetEnumRoutes(a[0], a[1], PTR(2, &n), PTR(3, (PRTM_ROUTE_HANDLE)f->buffer.bytes));
}

static DWORD w_create_nexthop_enum(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 0, 0, 8);
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateNextHopEnum(a[0], RTM_ENUM_RANGE, PTR(1, &addr), PTR(2, &e));
}

static DWORD w_get_enum_nexthops(struct fx *f, const HANDLE *a)
{
    UINT n = 2;
    return RtmGetEnumNextHops(a[0], a[1], PTR(2, &n),
                              PTR(3, (PRTM_NEXTHOP_HANDLE)f->buffer.bytes));
}

static DWORD w_delete_enum(struct fx *f, const HANDLE *a)
{
    return RtmDeleteEnumHandle(a[0], a[1]);
}

static DWORD w_create_list(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_LIST_HANDLE list = NULL;
    return RtmCreateRouteList(a[0], PTR(1, &list));
}

static DWORD w_insert_in_list(struct fx *f, const HANDLE *a)
{
    RTM_ROUTE_HANDLE h = a[2];
    return RtmInsertInRouteList(a[0], a[1], 1, PTR(3, &h));
}

static DWORD w_create_list_enum(struct fx *f, const HANDLE *a)
{
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateRouteListEnum(a[0], a[1], PTR(2, &e));
}

static DWORD w_get_list_routes(struct fx *f, const HANDLE *a)
{
    UINT n = 2;
    return RtmGetListEnumRoutes(a[0], a[1], PTR(2, &n),
                                PTR(3, (PRTM_ROUTE_HANDLE)f->buffer.bytes));
}

static DWORD w_delete_list(struct fx *f, const HANDLE *a)
{
    return RtmDeleteRouteList(a[0], a[1]);
}

/* ---- wrappers: change notification --------------------------------------- */

static DWORD w_register_notify(struct fx *f, const HANDLE *a)
{
    RTM_NOTIFY_HANDLE n = NULL;
    return RtmRegisterForChangeNotification(a[0], RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL,
                                            PTR(1, &n));
}

static DWORD w_deregister_notify(struct fx *f, const HANDLE *a)
{
    return RtmDeregisterFromChangeNotification(a[0], a[1]);
}

static DWORD w_get_changed(struct fx *f, const HANDLE *a)
{
    UINT n = 2;
    return RtmGetChangedDests(a[0], a[1], PTR(2, &n), PTR(3, (PRTM_DEST_INFO)f->buffer.bytes));
}

static DWORD w_release_changed(struct fx *f, const HANDLE *a)
{
    return RtmReleaseChangedDests(a[0], a[1], 1, PTR(6, dest_info_of(f, a + 1)));
}

static DWORD w_ignore_changed(struct fx *f, const HANDLE *a)
{
    RTM_DEST_HANDLE d = a[2];
    return RtmIgnoreChangedDests(a[0], a[1], 1, PTR(3, &d));
}

static DWORD w_change_status(struct fx *f, const HANDLE *a)
{
    BOOL b = FALSE;
    return RtmGetChangeStatus(a[0], a[1], a[2], PTR(3, &b));
}

static DWORD w_mark(struct fx *f, const HANDLE *a)
{
    return RtmMarkDestForChangeNotification(a[0], a[1], a[2], TRUE);
}

static DWORD w_is_marked(struct fx *f, const HANDLE *a)
{
    BOOL b = FALSE;
    return RtmIsMarkedForChangeNotification(a[0], a[1], a[2], PTR(3, &b));
}

/* ---- wrappers: rtm's extension ------------------------------------------- */

static DWORD w_diag_counts(struct fx *f, const HANDLE *a)
{
    RTM_DIAG_OBJECT_COUNTS counts;
    (void)f;
    memset(&counts, 0, sizeof counts);
    counts.Size = sizeof counts;
    return RtmDiagGetObjectCounts(PTR(0, &counts));
}

/* ---- wrappers: IPv6 helpers ---------------------------------------------- */

static DWORD w_to_ipv6(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr = test_ipv6(0x2001, 0xdb8, 1, 64);
    IN6_ADDR out;
    ULONG len = 0;
    return RtmConvertNetAddressToIpv6AddressAndLength(PTR(0, &addr), PTR(1, &out), PTR(2, &len),
                                                      sizeof out);
}

static DWORD w_from_ipv6(struct fx *f, const HANDLE *a)
{
    RTM_NET_ADDRESS addr;
    IN6_ADDR in;
    memset(&in, 0, sizeof in);
    return RtmConvertIpv6AddressAndLengthToNetAddress(PTR(0, &addr), in, 64, sizeof in);
}

/* ---- wrappers: RTMv1 ------------------------------------------------------ */

#define V1_ARG(i) ((DWORD)(uintptr_t)a[i])
/* The result of an RTMv1 function that returns a value: NO_ERROR when it
 * succeeded, else the last error (set beforehand to a value no call sets). */
#define V1_STALE_ERROR 0xBEEFu

/* The route a K_V1_ROUTE slot gives, copied into copy; NULL for NULL. */
static RTM_IP_ROUTE *v1_route_arg(HANDLE a, RTM_IP_ROUTE *copy)
{
    if (!a)
        return NULL;
    *copy = *(const RTM_IP_ROUTE *)a;
    return copy;
}

static DWORD w_v1_register(struct fx *f, const HANDLE *a)
{
    HANDLE h;

    SetLastError(V1_STALE_ERROR);
    h = RtmRegisterClient(V1_ARG(0), V1_PROTO_NEW, a[2], V1_ARG(3));
    if (!h)
        return GetLastError();
    assert_int_equal(RtmDeregisterClient(h), NO_ERROR);
    return NO_ERROR;
}

static DWORD w_v1_deregister(struct fx *f, const HANDLE *a)
{
    return RtmDeregisterClient(a[0]);
}

static DWORD w_v1_dequeue(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE cur, prev;
    DWORD flags;

    return RtmDequeueRouteChangeMessage(a[0], PTR(1, &flags), PTR(2, &cur), PTR(3, &prev));
}

static DWORD w_v1_add(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy, *route = v1_route_arg(a[1], &copy), cur, prev;
    DWORD flags;

    if (route)
        route->RR_FamilySpecificData.FSD_Metric = 1; /* would be a change */
    return RtmAddRoute(a[0], route, V1_ARG(2), PTR(3, &flags), PTR(4, &cur), PTR(5, &prev));
}

static DWORD w_v1_delete(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy, cur;
    DWORD flags;

    return RtmDeleteRoute(a[0], v1_route_arg(a[1], &copy), PTR(2, &flags), PTR(3, &cur));
}

static DWORD w_v1_is_route(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy, *route = v1_route_arg(a[1], &copy), best;

    SetLastError(V1_STALE_ERROR);
    return RtmIsRoute(V1_ARG(0), route ? &route->RR_Network : NULL, PTR(2, &best))
               ? NO_ERROR
               : GetLastError();
}

static DWORD w_v1_network_count(struct fx *f, const HANDLE *a)
{
    SetLastError(V1_STALE_ERROR);
    return RtmGetNetworkCount(V1_ARG(0)) ? NO_ERROR : GetLastError();
}

static DWORD w_v1_route_age(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE route = f->v1_route;

    SetLastError(V1_STALE_ERROR);
    return RtmGetRouteAge(PTR(0, &route)) != INFINITE ? NO_ERROR : GetLastError();
}

static DWORD w_v1_create_enum(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy;
    HANDLE e;

    SetLastError(V1_STALE_ERROR);
    e = RtmCreateEnumerationHandle(V1_ARG(0), V1_ARG(1), v1_route_arg(a[2], &copy));
    if (!e)
        return GetLastError();
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    return NO_ERROR;
}

static DWORD w_v1_enum_next(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE route;

    return RtmEnumerateGetNextRoute(a[0], PTR(1, &route));
}

static DWORD w_v1_enum_close(struct fx *f, const HANDLE *a)
{
    return RtmCloseEnumerationHandle(a[0]);
}

static DWORD w_v1_block_delete(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy;

    return RtmBlockDeleteRoutes(a[0], V1_ARG(1), v1_route_arg(a[2], &copy));
}

static DWORD w_v1_first(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy;

    return RtmGetFirstRoute(V1_ARG(0), V1_ARG(1), v1_route_arg(a[2], &copy));
}

static DWORD w_v1_next(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE copy;

    return RtmGetNextRoute(V1_ARG(0), V1_ARG(1), v1_route_arg(a[2], &copy));
}

static DWORD w_v1_lookup(struct fx *f, const HANDLE *a)
{
    RTM_IP_ROUTE route;

    SetLastError(V1_STALE_ERROR);
    return RtmLookupIPDestination(0x0A010203, PTR(1, &route)) ? NO_ERROR : GetLastError();
}

/* ---- the rows ------------------------------------------------------------ */

#define P { K_PTR, 0, 0 }
#define P_OPT { K_PTR, NULL_OK, 0 }
#define REG { K_REG, 0, 0 }
#define H(kind) { kind, 0, 0 }
#define H_OPT(kind) { kind, NULL_OK, 0 }
#define INFO(kind) { kind, IN_INFO, 0 }
#define OWN(kind, error) { kind, 0, error }
#define OWN_OPT(kind, error) { kind, NULL_OK, error }
#define DENIED ERROR_ACCESS_DENIED
#define INVALID_PARAMETER ERROR_INVALID_PARAMETER
#define INVALID_HANDLE ERROR_INVALID_HANDLE

/* A row: the export, its wrapper and its slots. */
#define ROW(export, call, ...) { export, call, { __VA_ARGS__ }, NULL, 0 }
/* A row whose call with every slot valid is bad input too: valid gives why
 * and the error, VALID(why, error) or one of the cases below. */
#define ROW_V(export, call, valid, ...) { export, call, { __VA_ARGS__ }, valid }
#define VALID(why, error) why, error
#define NOT_LOCKED "unlocking what is not locked", INVALID_PARAMETER
#define NULL_ENTRY "a NULL handle in the array", INVALID_HANDLE

static const struct row rows[] = {
    ROW("RtmRegisterEntity", w_register, P, P, P),
    ROW("RtmDeregisterEntity", w_deregister, REG),
    ROW("RtmGetRegisteredEntities", w_get_entities, REG, P, P_OPT, P_OPT),
    ROW_V("RtmReleaseEntities", w_release_entities, NULL_ENTRY, REG, INFO(K_ENTITY), P),
    ROW("RtmGetEntityInfo", w_get_entity_info, REG, H(K_ENTITY), P),
    ROW("RtmReleaseEntityInfo", w_release_entity_info, REG, P),
    ROW("RtmGetEntityMethods", w_get_methods, REG, H(K_TARGET), P, P),
    ROW("RtmInvokeMethod", w_invoke, REG, H(K_TARGET), P, P, P),
    ROW_V("RtmBlockMethods", w_block, VALID("resuming methods not blocked", INVALID_PARAMETER),
          REG),
    ROW("RtmAddNextHop", w_add_nexthop, REG, P, OWN_OPT(K_OWN_NEXTHOP, DENIED), INFO(K_DEST)),
    ROW("RtmFindNextHop", w_find_nexthop, REG, P, P_OPT, P_OPT),
    ROW("RtmDeleteNextHop", w_delete_nexthop, REG, OWN_OPT(K_OWN_NEXTHOP, DENIED), P_OPT),
    ROW("RtmGetNextHopInfo", w_get_nexthop_info, REG, H(K_NEXTHOP), P),
    ROW("RtmReleaseNextHopInfo", w_release_nexthop_info, REG, INFO(K_ENTITY), INFO(K_DEST), P),
    ROW("RtmGetNextHopPointer", w_nexthop_pointer, REG, OWN(K_OWN_NEXTHOP, DENIED), P),
    ROW("RtmLockNextHop", w_lock_nexthop, REG, OWN(K_OWN_NEXTHOP, DENIED)),
    ROW_V("RtmLockNextHop", w_unlock_nexthop, NOT_LOCKED, REG, OWN(K_OWN_NEXTHOP, DENIED)),
    ROW_V("RtmReleaseNextHops", w_release_nexthops, NULL_ENTRY, REG, INFO(K_NEXTHOP), P),
    ROW("RtmAddRouteToDest", w_add_route, REG, OWN_OPT(K_OWN_ROUTE, DENIED), P, P, H_OPT(K_LIST),
        H_OPT(K_NEXTHOP), OWN(K_OWN_NEXTHOP, INVALID_PARAMETER)),
    ROW("RtmDeleteRouteToDest", w_delete_route, REG, OWN(K_OWN_ROUTE, DENIED)),
    ROW("RtmGetRouteInfo", w_get_route_info, REG, H(K_ROUTE), P_OPT, P_OPT),
    ROW("RtmReleaseRouteInfo", w_release_route_info,
        REG, INFO(K_DEST), INFO(K_ENTITY), INFO(K_NEXTHOP), INFO(K_NEXTHOP), P),
    ROW("RtmGetRoutePointer", w_route_pointer, REG, OWN(K_OWN_ROUTE, DENIED), P),
    ROW("RtmLockRoute", w_lock_route, REG, OWN(K_OWN_ROUTE, DENIED)),
    ROW_V("RtmLockRoute", w_unlock_route, NOT_LOCKED, REG, OWN(K_OWN_ROUTE, DENIED)),
    ROW_V("RtmUpdateAndUnlockRoute", w_update_route, NOT_LOCKED,
          REG, OWN(K_OWN_ROUTE, DENIED), H_OPT(K_LIST)),
    ROW("RtmIsBestRoute", w_is_best, REG, H(K_ROUTE), P),
    ROW("RtmGetExactMatchRoute", w_exact_route, REG, P, P, P_OPT),
    ROW_V("RtmReleaseRoutes", w_release_routes, NULL_ENTRY, REG, INFO(K_ROUTE), P),
    ROW("RtmGetDestInfo", w_get_dest_info, REG, H(K_DEST), P),
    ROW("RtmReleaseDestInfo", w_release_dest_info,
        REG, INFO(K_DEST), INFO(K_ROUTE), INFO(K_ENTITY), INFO(K_ROUTE), P),
    ROW("RtmReleaseDests", w_release_dests,
        REG, INFO(K_DEST), INFO(K_ROUTE), INFO(K_ENTITY), INFO(K_ROUTE), P),
    ROW("RtmGetExactMatchDestination", w_exact_dest, REG, P, P),
    ROW("RtmGetMostSpecificDestination", w_most_specific, REG, P, P),
    ROW("RtmGetLessSpecificDestination", w_less_specific, REG, H(K_DEST), P),
    ROW("RtmLockDestination", w_lock_dest, REG, H(K_DEST)),
    ROW_V("RtmLockDestination", w_unlock_dest, NOT_LOCKED, REG, H(K_DEST)),
    ROW_V("RtmGetOpaqueInformationPointer", w_opaque,
          VALID("no opaque pointer reserved", ERROR_NOT_FOUND), REG, H(K_DEST), P),
    ROW("RtmHoldDestination", w_hold, REG, H(K_DEST)),
    ROW("RtmReferenceHandles", w_reference, REG, H(K_ANY), P),
    ROW_V("RtmDereferenceHandles", w_dereference, NULL_ENTRY, REG, INFO(K_ANY), P),
    ROW("RtmCreateDestEnum", w_create_dest_enum, REG, P, P),
    ROW("RtmGetEnumDests", w_get_enum_dests, REG, H(K_DEST_ENUM), P, P),
    ROW("RtmCreateRouteEnum", w_create_route_enum, REG, H_OPT(K_DEST), P, P),
    ROW("RtmGetEnumRoutes", w_get_enum_routes, REG, H(K_ROUTE_ENUM), P, P),
    ROW("RtmCreateNextHopEnum", w_create_nexthop_enum, REG, P, P),
    ROW("RtmGetEnumNextHops", w_get_enum_nexthops, REG, H(K_NEXTHOP_ENUM), P, P),
    ROW("RtmDeleteEnumHandle", w_delete_enum, REG, H(K_ENUM)),
    ROW("RtmCreateRouteList", w_create_list, REG, P),
    ROW("RtmInsertInRouteList", w_insert_in_list,
        REG, H_OPT(K_LIST), OWN(K_OWN_ROUTE, INVALID_HANDLE), P),
    ROW("RtmCreateRouteListEnum", w_create_list_enum, REG, H(K_LIST), P),
    ROW("RtmGetListEnumRoutes", w_get_list_routes, REG, H(K_LIST_ENUM), P, P),
    ROW("RtmDeleteRouteList", w_delete_list, REG, H(K_LIST)),
    ROW("RtmRegisterForChangeNotification", w_register_notify, REG, P),
    ROW("RtmDeregisterFromChangeNotification", w_deregister_notify, REG, H(K_NOTIFY)),
    ROW("RtmGetChangedDests", w_get_changed, REG, H(K_NOTIFY), P, P),
    ROW("RtmReleaseChangedDests", w_release_changed,
        REG, H(K_NOTIFY), INFO(K_DEST), INFO(K_ROUTE), INFO(K_ENTITY), INFO(K_ROUTE), P),
    ROW("RtmIgnoreChangedDests", w_ignore_changed, REG, H(K_NOTIFY), H(K_DEST), P),
    ROW("RtmGetChangeStatus", w_change_status, REG, H(K_NOTIFY), H(K_DEST), P),
    ROW("RtmMarkDestForChangeNotification", w_mark, REG, H(K_NOTIFY), H(K_DEST)),
    ROW("RtmIsMarkedForChangeNotification", w_is_marked, REG, H(K_NOTIFY), H(K_DEST), P),
    ROW("RtmConvertNetAddressToIpv6AddressAndLength", w_to_ipv6, P, P, P),
    ROW("RtmConvertIpv6AddressAndLengthToNetAddress", w_from_ipv6, P),
    ROW("RtmDiagGetObjectCounts", w_diag_counts, P),
    /* RTMv1 */
    ROW("RtmRegisterClient", w_v1_register, H(K_V1_FAMILY), H(K_V1_VALUE), H(K_V1_EVENT),
        H(K_V1_REGFLAGS)),
    ROW("RtmDeregisterClient", w_v1_deregister, H(K_V1_CLIENT)),
    ROW("RtmDequeueRouteChangeMessage", w_v1_dequeue, H(K_V1_CLIENT), P, P_OPT, P_OPT),
    ROW("RtmAddRoute", w_v1_add, H(K_V1_CLIENT), H(K_V1_ROUTE), H(K_V1_TTL), P, P_OPT, P_OPT),
    ROW("RtmDeleteRoute", w_v1_delete, H(K_V1_CLIENT), H(K_V1_ROUTE), P, P_OPT),
    ROW("RtmIsRoute", w_v1_is_route, H(K_V1_FAMILY), H(K_V1_ROUTE), P),
    ROW("RtmGetNetworkCount", w_v1_network_count, H(K_V1_FAMILY)),
    ROW("RtmGetRouteAge", w_v1_route_age, P),
    ROW("RtmCreateEnumerationHandle", w_v1_create_enum, H(K_V1_FAMILY), H(K_V1_FLAGS),
        H(K_V1_ROUTE)),
    ROW("RtmEnumerateGetNextRoute", w_v1_enum_next, H(K_V1_ENUM), P),
    ROW("RtmCloseEnumerationHandle", w_v1_enum_close, H(K_V1_ENUM)),
    ROW("RtmBlockDeleteRoutes", w_v1_block_delete, H(K_V1_CLIENT), H(K_V1_FLAGS), H(K_V1_ROUTE)),
    ROW("RtmGetFirstRoute", w_v1_first, H(K_V1_FAMILY), H(K_V1_FLAGS), H(K_V1_ROUTE)),
    ROW("RtmGetNextRoute", w_v1_next, H(K_V1_FAMILY), H(K_V1_FLAGS), H(K_V1_ROUTE)),
    ROW("RtmLookupIPDestination", w_v1_lookup, H(K_V1_VALUE), P),
};

/* ---- special rows: sizes, counts, families, lengths, states, flags ------- */

struct special {
    const char *export;
    const char *what;
    DWORD (*call)(struct fx *f);
    DWORD expected;
};

/* Addresses that no IPv4 table accepts. */
static RTM_NET_ADDRESS bad_address(int which)
{
    RTM_NET_ADDRESS addr = test_ipv4(10, 1, 0, 0, 16);
    if (which == 0)
        addr.AddressFamily = AF_INET6;      /* another table's family */
    else if (which == 1)
        addr.AddressFamily = 0x7777;        /* no family at all */
    else
        addr.NumBits = 33;                  /* beyond 32 bits */
    return addr;
}

/* Defines name_family, name_unknown and name_numbits: the body (the rest
 * of the arguments) with addr set to each of the bad addresses. */
#define FOR_BAD_ADDRESSES(name, ...)                                          \
    static DWORD name##_family(struct fx *f)                                   \
    {                                                                          \
        RTM_NET_ADDRESS addr = bad_address(0);                                 \
        __VA_ARGS__                                                            \
    }                                                                          \
    static DWORD name##_unknown(struct fx *f)                                  \
    {                                                                          \
        RTM_NET_ADDRESS addr = bad_address(1);                                 \
        __VA_ARGS__                                                            \
    }                                                                          \
    static DWORD name##_numbits(struct fx *f)                                  \
    {                                                                          \
        RTM_NET_ADDRESS addr = bad_address(2);                                 \
        __VA_ARGS__                                                            \
    }

#define BAD_ADDRESS_ROWS(export, name)                                                   \
    { export, "an IPv6 address in an IPv4 table", name##_family, ERROR_INVALID_PARAMETER }, \
    { export, "an unknown address family", name##_unknown, ERROR_INVALID_PARAMETER },      \
    { export, "NumBits 33 in an IPv4 table", name##_numbits, ERROR_INVALID_PARAMETER }

FOR_BAD_ADDRESSES(s_add_nexthop_addr, {
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    RTM_NEXTHOP_HANDLE h = NULL;
    info.NextHopAddress = addr;
    return RtmAddNextHop(f->me, &info, &h, NULL);
})
FOR_BAD_ADDRESSES(s_find_nexthop_addr, {
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    RTM_NEXTHOP_HANDLE h = NULL;
    info.NextHopAddress = addr;
    return RtmFindNextHop(f->me, &info, &h, NULL);
})
FOR_BAD_ADDRESSES(s_delete_nexthop_addr, {
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    info.NextHopAddress = addr;
    info.NextHopAddress.AddrBits[3] = 1; /* the address of me's next hop */
    return RtmDeleteNextHop(f->me, NULL, &info);
})
FOR_BAD_ADDRESSES(s_add_route_addr, {
    RTM_ROUTE_INFO info = test_route(f->valid[T_NEXTHOP], 10, 5, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE h = NULL;
    return RtmAddRouteToDest(f->me, &h, &addr, &info, INFINITE, NULL, 0, NULL, NULL);
})
FOR_BAD_ADDRESSES(s_exact_route_addr, {
    memset(&f->route, 0, sizeof f->route);
    return RtmGetExactMatchRoute(f->me, &addr, RTM_MATCH_NONE, &f->route.info, 0,
                                 RTM_VIEW_MASK_ANY, NULL);
})
FOR_BAD_ADDRESSES(s_exact_dest_addr, {
    return RtmGetExactMatchDestination(f->me, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                       f->dest_info);
})
FOR_BAD_ADDRESSES(s_most_specific_addr, {
    return RtmGetMostSpecificDestination(f->me, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                         f->dest_info);
})
FOR_BAD_ADDRESSES(s_dest_enum_addr, {
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateDestEnum(f->me, RTM_VIEW_MASK_UCAST, RTM_ENUM_NEXT, &addr, RTM_BEST_PROTOCOL,
                             &e);
})
FOR_BAD_ADDRESSES(s_route_enum_addr, {
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateRouteEnum(f->me, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_RANGE, &addr,
                              RTM_MATCH_NONE, NULL, 0, &e);
})
FOR_BAD_ADDRESSES(s_nexthop_enum_addr, {
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateNextHopEnum(f->me, RTM_ENUM_NEXT, &addr, &e);
})

/* The foreign (IPv6) table: a length beyond 128 bits. */
static DWORD s_ipv6_numbits(struct fx *f)
{
    RTM_NET_ADDRESS addr = test_ipv6(0x2001, 0xdb8, 0, 129);
    return RtmGetExactMatchDestination(f->foreign, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                       f->dest_info);
}

static DWORD s_ipv6_route_numbits(struct fx *f)
{
    RTM_NET_ADDRESS addr = test_ipv6(0x2001, 0xdb8, 0, 129);
    RTM_ROUTE_INFO info = test_route(f->foreign_obj[T_NEXTHOP], 10, 5, RTM_VIEW_MASK_UCAST);
    return RtmAddRouteToDest(f->foreign, NULL, &addr, &info, INFINITE, NULL, 0, NULL, NULL);
}

/* -- entities -- */

static DWORD register_info(RTM_ENTITY_INFO info, PRTM_ENTITY_EXPORT_METHODS methods)
{
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE h = NULL;
    DWORD status = RtmRegisterEntity(&info, methods, NULL, FALSE, &profile, &h);
    assert_null(h);
    return status;
}

static DWORD s_register_family(struct fx *f)
{
    RTM_ENTITY_INFO info = new_entity_info();
    info.AddressFamily = 0x7777;
    return register_info(info, NULL);
}

static DWORD s_register_family_zero(struct fx *f)
{
    RTM_ENTITY_INFO info = new_entity_info();
    info.AddressFamily = 0;
    return register_info(info, NULL);
}

static DWORD s_register_twice(struct fx *f)
{
    RTM_ENTITY_INFO info = new_entity_info();
    info.EntityId.EntityProtocolId = 1; /* me's id */
    return register_info(info, NULL);
}

static DWORD s_register_null_method(struct fx *f)
{
    RTM_ENTITY_EXPORT_METHODS methods = { 1, { NULL } };
    return register_info(new_entity_info(), &methods);
}

static DWORD s_register_many_methods(struct fx *f)
{
    struct {
        UINT n;
        RTM_ENTITY_EXPORT_METHOD m[33];
    } methods;
    methods.n = 33;
    for (int i = 0; i < 33; i++)
        methods.m[i] = count_method;
    return register_info(new_entity_info(), (PRTM_ENTITY_EXPORT_METHODS)&methods);
}

static DWORD s_entities_small(struct fx *f)
{
    RTM_ENTITY_HANDLE handles[2] = { NULL, NULL };
    UINT n = 2;
    DWORD status = RtmGetRegisteredEntities(f->me, &n, handles, NULL);
    assert_int_equal(n, 3); /* the probe, me and other */
    assert_null(handles[0]);
    return status;
}

static DWORD s_release_entities_registration(struct fx *f)
{
    /* A registration holds no client reference to release. */
    return RtmReleaseEntities(f->me, 1, &f->other);
}

static DWORD s_methods_null_count(struct fx *f)
{
    return RtmGetEntityMethods(f->me, f->other, NULL, NULL);
}

static DWORD s_methods_small(struct fx *f)
{
    RTM_ENTITY_EXPORT_METHOD m[2] = { NULL, NULL };
    UINT n = 1;
    DWORD status = RtmGetEntityMethods(f->me, f->other, &n, m); /* other has 2 */
    assert_int_equal(n, 1);
    assert_true(m[0] == count_method);
    assert_null(m[1]);
    return status;
}

static DWORD s_invoke_small_output(struct fx *f)
{
    RTM_ENTITY_METHOD_INPUT input;
    UINT size = 4; /* less than a header */
    DWORD status;

    memset(&input, 0, sizeof input);
    input.MethodType = METHOD_TYPE_ALL_METHODS;
    status = RtmInvokeMethod(f->me, f->other, &input, &size, &f->buffer.output);
    assert_int_equal(size, 0);
    return status;
}

static DWORD s_block_target(struct fx *f)
{
    return RtmBlockMethods(f->me, f->valid[T_DEST], 0, RTM_BLOCK_METHODS);
}

static DWORD s_block_flag(struct fx *f)
{
    return RtmBlockMethods(f->me, NULL, 0, 7);
}

/* -- next hops -- */

static DWORD s_update_deleted_nexthop(struct fx *f)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    RTM_NEXTHOP_HANDLE h = f->deleted_nexthop;
    info.NextHopAddress = test_ipv4(10, 0, 0, 3, 32);
    info.InterfaceIndex = 3;
    return RtmAddNextHop(f->me, &info, &h, NULL);
}

static DWORD s_delete_deleted_nexthop(struct fx *f)
{
    return RtmDeleteNextHop(f->me, f->deleted_nexthop, NULL);
}

static DWORD s_delete_nexthop_nothing(struct fx *f)
{
    return RtmDeleteNextHop(f->me, NULL, NULL);
}

static DWORD s_delete_nexthop_unknown(struct fx *f)
{
    RTM_NEXTHOP_INFO info = nexthop_info(f, NULL);
    return RtmDeleteNextHop(f->me, NULL, &info); /* me has no such next hop */
}

static DWORD s_lock_deleted_nexthop(struct fx *f)
{
    return RtmLockNextHop(f->me, f->deleted_nexthop, TRUE, TRUE, NULL);
}

static DWORD s_unlock_nexthop_shared(struct fx *f)
{
    return RtmLockNextHop(f->me, f->valid[T_NEXTHOP], FALSE, FALSE, NULL);
}

/* -- routes -- */

static DWORD add_route_info(struct fx *f, RTM_ROUTE_INFO *info)
{
    RTM_ROUTE_HANDLE h = NULL;
    return RtmAddRouteToDest(f->me, &h, &f->prefix, info, INFINITE, NULL, 0, NULL, NULL);
}

static DWORD s_route_many_hops(struct fx *f)
{
    PRTM_ROUTE_INFO info = &f->route.info; /* room for 5 next hops */
    *info = test_route(f->valid[T_NEXTHOP], 10, 5, RTM_VIEW_MASK_UCAST);
    info->NextHopsList.NumNextHops = 5;
    for (int i = 1; i < 5; i++)
        info->NextHopsList.NextHops[i] = f->valid[T_NEXTHOP];
    return add_route_info(f, info);
}

static DWORD s_route_views(struct fx *f)
{
    RTM_ROUTE_INFO info = test_route(f->valid[T_NEXTHOP], 10, 5, 0x4);
    return add_route_info(f, &info);
}

static DWORD s_route_other_dest(struct fx *f)
{
    RTM_ROUTE_INFO info = test_route(f->valid[T_NEXTHOP], 10, 5, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE h = f->valid[T_ROUTE];
    RTM_NET_ADDRESS addr = test_ipv4(10, 5, 0, 0, 16);
    return RtmAddRouteToDest(f->me, &h, &addr, &info, INFINITE, NULL, 0, NULL, NULL);
}

static DWORD s_update_deleted_route(struct fx *f)
{
    RTM_ROUTE_INFO info = test_route(f->valid[T_NEXTHOP], 10, 5, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE h = f->deleted_route;
    RTM_NET_ADDRESS addr = test_ipv4(10, 2, 0, 0, 16);
    return RtmAddRouteToDest(f->me, &h, &addr, &info, INFINITE, NULL, 0, NULL, NULL);
}

static DWORD s_delete_deleted_route(struct fx *f)
{
    return RtmDeleteRouteToDest(f->me, f->deleted_route, NULL);
}

static DWORD s_release_route_info_hops(struct fx *f)
{
    memset(&f->route, 0, sizeof f->route);
    f->route.info.NextHopsList.NumNextHops = 5;
    return RtmReleaseRouteInfo(f->me, &f->route.info);
}

static DWORD s_unlock_route_shared(struct fx *f)
{
    return RtmLockRoute(f->me, f->valid[T_ROUTE], FALSE, FALSE, NULL);
}

static DWORD s_update_locked_shared(struct fx *f)
{
    DWORD status;
    assert_int_equal(RtmLockRoute(f->me, f->valid[T_ROUTE], FALSE, TRUE, NULL), NO_ERROR);
    status = RtmUpdateAndUnlockRoute(f->me, f->valid[T_ROUTE], INFINITE, NULL, 0, NULL, NULL);
    assert_int_equal(RtmLockRoute(f->me, f->valid[T_ROUTE], FALSE, FALSE, NULL), NO_ERROR);
    return status;
}

/* Locks me's route exclusively, edits it with edit, calls
 * RtmUpdateAndUnlockRoute, then undoes the edit and unlocks. */
static DWORD update_edited(struct fx *f, void (*edit)(PRTM_ROUTE_INFO, int undo))
{
    PRTM_ROUTE_INFO route = NULL;
    DWORD status;

    assert_int_equal(RtmLockRoute(f->me, f->valid[T_ROUTE], TRUE, TRUE, &route), NO_ERROR);
    edit(route, 0);
    status = RtmUpdateAndUnlockRoute(f->me, f->valid[T_ROUTE], INFINITE, NULL, 0, NULL, NULL);
    edit(route, 1);
    assert_int_equal(RtmLockRoute(f->me, f->valid[T_ROUTE], TRUE, FALSE, NULL), NO_ERROR);
    return status;
}

static void edit_hops(PRTM_ROUTE_INFO route, int undo)
{
    route->NextHopsList.NumNextHops = undo ? 1 : 5;
}

static void edit_views(PRTM_ROUTE_INFO route, int undo)
{
    route->BelongsToViews = undo ? RTM_VIEW_MASK_UCAST : 0x4;
}

static DWORD s_update_many_hops(struct fx *f)
{
    return update_edited(f, edit_hops);
}

static DWORD s_update_views(struct fx *f)
{
    return update_edited(f, edit_views);
}

static DWORD s_release_routes_twice(struct fx *f)
{
    /* Its one client reference was released in the setup. */
    return RtmReleaseRoutes(f->me, 1, &f->unreferenced);
}

/* -- destinations -- */

static DWORD s_release_dest_info_views(struct fx *f)
{
    RTM_DEST_INFO *info = (RTM_DEST_INFO *)f->buffer.bytes;
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(3));
    info->NumberOfViews = 3;
    return RtmReleaseDestInfo(f->me, info);
}

static DWORD s_release_dests_views(struct fx *f)
{
    RTM_DEST_INFO *info = (RTM_DEST_INFO *)f->buffer.bytes;
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(3));
    info->NumberOfViews = 3;
    return RtmReleaseDests(f->me, 1, info);
}

static DWORD s_release_dest_twice(struct fx *f)
{
    RTM_DEST_INFO *info = (RTM_DEST_INFO *)f->buffer.bytes;
    RTM_DEST_HANDLE dest;
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(1));
    /* 10.3.0.0/16: once released, its destination handle has no client
     * reference left. */
    dest = test_dest_of(f->me, test_ipv4(10, 3, 0, 0, 16));
    assert_int_equal(test_release_dest_handle(f->me, dest, FALSE), NO_ERROR);
    info->DestHandle = dest;
    return RtmReleaseDestInfo(f->me, info);
}

static DWORD s_unlock_dest_shared(struct fx *f)
{
    return RtmLockDestination(f->me, f->valid[T_DEST], FALSE, FALSE);
}

static DWORD s_hold_zero(struct fx *f)
{
    return RtmHoldDestination(f->me, f->valid[T_DEST], RTM_VIEW_MASK_UCAST, 0);
}

/* -- handles -- */

static DWORD s_reference_second_bad(struct fx *f)
{
    /* All or nothing: the first handle is not kept either. */
    HANDLE h[2] = { f->valid[T_DEST], f->stale[T_DEST] };
    return RtmReferenceHandles(f->me, 2, h);
}

static DWORD s_dereference_twice(struct fx *f)
{
    return RtmDereferenceHandles(f->me, 1, &f->unreferenced);
}

/* -- enumerations and route lists -- */

static DWORD dest_enum(struct fx *f, RTM_VIEW_SET views, RTM_ENUM_FLAGS flags,
                       PRTM_NET_ADDRESS addr)
{
    RTM_ENUM_HANDLE e = NULL;
    DWORD status = RtmCreateDestEnum(f->me, views, flags, addr, RTM_BEST_PROTOCOL, &e);
    assert_null(e);
    return status;
}

static DWORD s_dest_enum_flag(struct fx *f)
{
    return dest_enum(f, RTM_VIEW_MASK_UCAST, 0x100, NULL);
}

static DWORD s_dest_enum_next_range(struct fx *f)
{
    return dest_enum(f, RTM_VIEW_MASK_UCAST, RTM_ENUM_NEXT | RTM_ENUM_RANGE, &f->prefix);
}

static DWORD s_dest_enum_view(struct fx *f)
{
    return dest_enum(f, 0x4, RTM_ENUM_START, NULL);
}

static DWORD s_dest_enum_all_views(struct fx *f)
{
    return dest_enum(f, RTM_VIEW_MASK_ALL, RTM_ENUM_START, NULL);
}

static DWORD route_enum(struct fx *f, RTM_VIEW_SET views, RTM_ENUM_FLAGS flags,
                        RTM_MATCH_FLAGS match, PRTM_ROUTE_INFO criteria)
{
    RTM_ENUM_HANDLE e = NULL;
    DWORD status =
        RtmCreateRouteEnum(f->me, NULL, views, flags, &f->prefix, match, criteria, 0, &e);
    assert_null(e);
    return status;
}

static DWORD s_route_enum_flag(struct fx *f)
{
    return route_enum(f, RTM_VIEW_MASK_UCAST, 0x100, RTM_MATCH_NONE, NULL);
}

static DWORD s_route_enum_next_range(struct fx *f)
{
    return route_enum(f, RTM_VIEW_MASK_UCAST, RTM_ENUM_NEXT | RTM_ENUM_RANGE, RTM_MATCH_NONE, NULL);
}

static DWORD s_route_enum_view(struct fx *f)
{
    return route_enum(f, 0x4, RTM_ENUM_START, RTM_MATCH_NONE, NULL);
}

static DWORD s_route_enum_match(struct fx *f)
{
    return route_enum(f, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, 0x10000, NULL);
}

static DWORD s_route_enum_hops(struct fx *f)
{
    memset(&f->route, 0, sizeof f->route);
    f->route.info.NextHopsList.NumNextHops = 5;
    return route_enum(f, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, RTM_MATCH_NEXTHOP, &f->route.info);
}

static DWORD s_route_enum_range_null(struct fx *f)
{
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateRouteEnum(f->me, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_RANGE, NULL,
                              RTM_MATCH_NONE, NULL, 0, &e);
}

static DWORD s_nexthop_enum_flag(struct fx *f)
{
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateNextHopEnum(f->me, RTM_ENUM_OWN_DESTS, NULL, &e);
}

static DWORD s_nexthop_enum_range_null(struct fx *f)
{
    RTM_ENUM_HANDLE e = NULL;
    return RtmCreateNextHopEnum(f->me, RTM_ENUM_RANGE, NULL, &e);
}

/* A call on me's enumeration of type t with *count = n and the given
 * array; *count must be 0 afterwards. */
static DWORD enum_call(struct fx *f, enum type t, UINT n, PVOID array)
{
    UINT count = n;
    DWORD status;

    switch (t) {
    case T_DEST_ENUM:
        status = RtmGetEnumDests(f->me, f->valid[t], &count, array);
        break;
    case T_ROUTE_ENUM:
        status = RtmGetEnumRoutes(f->me, f->valid[t], &count, array);
        break;
    case T_NEXTHOP_ENUM:
        status = RtmGetEnumNextHops(f->me, f->valid[t], &count, array);
        break;
    default:
        status = RtmGetListEnumRoutes(f->me, f->valid[t], &count, array);
        break;
    }
    assert_int_equal(count, 0);
    return status;
}

static DWORD s_enum_dests_many(struct fx *f)
{
    return enum_call(f, T_DEST_ENUM, 101, f->buffer.bytes);
}

static DWORD s_enum_routes_many(struct fx *f)
{
    return enum_call(f, T_ROUTE_ENUM, 101, f->buffer.bytes);
}

static DWORD s_enum_nexthops_many(struct fx *f)
{
    return enum_call(f, T_NEXTHOP_ENUM, 101, f->buffer.bytes);
}

static DWORD s_list_routes_many(struct fx *f)
{
    return enum_call(f, T_LIST_ENUM, 101, f->buffer.bytes);
}

static DWORD s_insert_second_bad(struct fx *f)
{
    /* All or nothing: the route of 10.3.0.0/16 does not move either. */
    RTM_ROUTE_HANDLE h[2] = { f->unreferenced, f->others[T_ROUTE] };
    return RtmInsertInRouteList(f->me, f->valid[T_LIST], 2, h);
}

/* -- change notification -- */

static DWORD notify(struct fx *f, RTM_VIEW_SET views, RTM_NOTIFY_FLAGS flags)
{
    RTM_NOTIFY_HANDLE n = NULL;
    DWORD status = RtmRegisterForChangeNotification(f->me, views, flags, NULL, &n);
    assert_null(n);
    return status;
}

static DWORD s_notify_no_type(struct fx *f)
{
    return notify(f, RTM_VIEW_MASK_UCAST, RTM_NOTIFY_ONLY_MARKED_DESTS);
}

static DWORD s_notify_unknown_flag(struct fx *f)
{
    return notify(f, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL | 0x100);
}

static DWORD s_notify_no_view(struct fx *f)
{
    return notify(f, 0, RTM_CHANGE_TYPE_ALL);
}

static DWORD s_notify_view(struct fx *f)
{
    return notify(f, 0x4, RTM_CHANGE_TYPE_ALL);
}

static DWORD s_release_changed_views(struct fx *f)
{
    RTM_DEST_INFO *info = (RTM_DEST_INFO *)f->buffer.bytes;
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(3));
    info->NumberOfViews = 3;
    return RtmReleaseChangedDests(f->me, f->valid[T_NOTIFY], 1, info);
}

/* -- IPv6 helpers: nothing is written on error -- */

static DWORD to_ipv6(RTM_NET_ADDRESS addr, ULONG size)
{
    IN6_ADDR out;
    ULONG len = 77;
    DWORD status;

    memset(&out, 0xAB, sizeof out);
    status = RtmConvertNetAddressToIpv6AddressAndLength(&addr, &out, &len, size);
    assert_int_equal(len, 77);
    assert_int_equal(out.u.Byte[0], 0xAB);
    return status;
}

static DWORD from_ipv6(ULONG length, ULONG size)
{
    RTM_NET_ADDRESS addr;
    IN6_ADDR in;
    DWORD status;

    memset(&in, 0, sizeof in);
    memset(&addr, 0xAB, sizeof addr);
    status = RtmConvertIpv6AddressAndLengthToNetAddress(&addr, in, length, size);
    assert_int_equal(addr.NumBits, 0xABAB);
    return status;
}

static DWORD s_to_ipv6_size(struct fx *f)
{
    return to_ipv6(test_ipv6(0x2001, 0xdb8, 1, 64), 15);
}

static DWORD s_to_ipv6_size_large(struct fx *f)
{
    return to_ipv6(test_ipv6(0x2001, 0xdb8, 1, 64), 17);
}

static DWORD s_to_ipv6_family(struct fx *f)
{
    return to_ipv6(test_ipv4(10, 0, 0, 0, 8), 16);
}

static DWORD s_to_ipv6_numbits(struct fx *f)
{
    return to_ipv6(test_ipv6(0x2001, 0xdb8, 1, 129), 16);
}

static DWORD s_from_ipv6_size(struct fx *f)
{
    return from_ipv6(64, 4);
}

static DWORD s_from_ipv6_length(struct fx *f)
{
    return from_ipv6(129, 16);
}

/* -- RTMv1 -- */

static DWORD s_v1_register_existing(struct fx *f)
{
    SetLastError(V1_STALE_ERROR);
    return RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_OTHER, NULL, 0) ? NO_ERROR
                                                                           : GetLastError();
}

static DWORD s_v1_register_closed_event(struct fx *f)
{
    HANDLE event = v1_event_create();

    v1_event_close(event);
    SetLastError(V1_STALE_ERROR);
    return RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, V1_PROTO_NEW, event, 0) ? NO_ERROR
                                                                          : GetLastError();
}

static DWORD s_v1_dequeue_without_event(struct fx *f)
{
    DWORD flags;

    return RtmDequeueRouteChangeMessage(f->v1_quiet, &flags, NULL, NULL);
}

static DWORD s_v1_delete_absent(struct fx *f)
{
    RTM_IP_ROUTE r = f->v1_route;
    DWORD flags;

    r.RR_InterfaceID = 99;
    return RtmDeleteRoute(f->valid[T_V1_CLIENT], &r, &flags, NULL);
}

static DWORD s_v1_delete_others(struct fx *f)
{
    RTM_IP_ROUTE r = v1_route_of(2, 2, 5);
    DWORD flags;

    return RtmDeleteRoute(f->valid[T_V1_CLIENT], &r, &flags, NULL);
}

static DWORD s_v1_route_age_future(struct fx *f)
{
    RTM_IP_ROUTE r = f->v1_route;

    r.RR_TimeStamp.dwHighDateTime += 0x100; /* some 3.4 years later */
    SetLastError(V1_STALE_ERROR);
    return RtmGetRouteAge(&r) != INFINITE ? NO_ERROR : GetLastError();
}

static DWORD s_v1_enum_none(struct fx *f)
{
    RTM_IP_ROUTE r = f->v1_route;

    r.RR_InterfaceID = 99;
    SetLastError(V1_STALE_ERROR);
    return RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_INTERFACE, &r)
               ? NO_ERROR
               : GetLastError();
}

static DWORD s_v1_block_none(struct fx *f)
{
    RTM_IP_ROUTE r = v1_route_of(2, 0, 0); /* other's network only */

    return RtmBlockDeleteRoutes(f->valid[T_V1_CLIENT], RTM_ONLY_THIS_NETWORK, &r);
}

static DWORD s_v1_block_other_protocol(struct fx *f)
{
    RTM_IP_ROUTE r = f->v1_route;

    r.RR_RoutingProtocol = V1_PROTO_OTHER;
    return RtmBlockDeleteRoutes(f->valid[T_V1_CLIENT], RTM_ONLY_THIS_PROTOCOL, &r);
}

static DWORD s_v1_next_none(struct fx *f)
{
    RTM_IP_ROUTE r = v1_route_of(255, 0, 0);

    return RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &r);
}

static DWORD s_v1_lookup_none(struct fx *f)
{
    RTM_IP_ROUTE r;

    SetLastError(V1_STALE_ERROR);
    return RtmLookupIPDestination(0x0B000001, &r) ? ERROR_INVALID_DATA : GetLastError();
}

static const struct special specials[] = {
    { "RtmRegisterEntity", "an unknown address family", s_register_family, INVALID_PARAMETER },
    { "RtmRegisterEntity", "address family 0", s_register_family_zero, INVALID_PARAMETER },
    { "RtmRegisterEntity", "an entity id already registered", s_register_twice,
      ERROR_ALREADY_EXISTS },
    { "RtmRegisterEntity", "a NULL method", s_register_null_method, ERROR_INVALID_DATA },
    { "RtmRegisterEntity", "33 methods", s_register_many_methods, ERROR_INVALID_DATA },
    { "RtmGetRegisteredEntities", "room for fewer entities than there are", s_entities_small,
      ERROR_INSUFFICIENT_BUFFER },
    { "RtmReleaseEntities", "a registration handle (no client reference)",
      s_release_entities_registration, INVALID_HANDLE },
    { "RtmGetEntityMethods", "NULL count and array", s_methods_null_count, INVALID_PARAMETER },
    { "RtmGetEntityMethods", "room for fewer methods than there are", s_methods_small,
      ERROR_INSUFFICIENT_BUFFER },
    { "RtmInvokeMethod", "an output smaller than a header", s_invoke_small_output,
      ERROR_INSUFFICIENT_BUFFER },
    { "RtmBlockMethods", "a target handle", s_block_target, ERROR_NOT_SUPPORTED },
    { "RtmBlockMethods", "an unknown blocking flag", s_block_flag, INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmAddNextHop", s_add_nexthop_addr),
    { "RtmAddNextHop", "updating a deleted next hop", s_update_deleted_nexthop, ERROR_NOT_FOUND },
    BAD_ADDRESS_ROWS("RtmFindNextHop", s_find_nexthop_addr),
    BAD_ADDRESS_ROWS("RtmDeleteNextHop", s_delete_nexthop_addr),
    { "RtmDeleteNextHop", "a deleted next hop", s_delete_deleted_nexthop, ERROR_NOT_FOUND },
    { "RtmDeleteNextHop", "neither handle nor information", s_delete_nexthop_nothing,
      INVALID_PARAMETER },
    { "RtmDeleteNextHop", "information of no next hop", s_delete_nexthop_unknown, ERROR_NOT_FOUND },
    { "RtmLockNextHop", "locking a deleted next hop", s_lock_deleted_nexthop, ERROR_NOT_FOUND },
    { "RtmLockNextHop", "unlocking (shared) what is not locked", s_unlock_nexthop_shared,
      INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmAddRouteToDest", s_add_route_addr),
    { "RtmAddRouteToDest", "NumBits 129 in an IPv6 table", s_ipv6_route_numbits,
      INVALID_PARAMETER },
    { "RtmAddRouteToDest", "5 next hops", s_route_many_hops, INVALID_PARAMETER },
    { "RtmAddRouteToDest", "an unsupported view", s_route_views, INVALID_PARAMETER },
    { "RtmAddRouteToDest", "updating a route with another destination", s_route_other_dest,
      INVALID_PARAMETER },
    { "RtmAddRouteToDest", "updating a deleted route", s_update_deleted_route, ERROR_NOT_FOUND },
    { "RtmDeleteRouteToDest", "a deleted route", s_delete_deleted_route, ERROR_NOT_FOUND },
    { "RtmReleaseRouteInfo", "5 next hops", s_release_route_info_hops, INVALID_PARAMETER },
    { "RtmLockRoute", "unlocking (shared) what is not locked", s_unlock_route_shared,
      INVALID_PARAMETER },
    { "RtmUpdateAndUnlockRoute", "a route locked shared", s_update_locked_shared,
      INVALID_PARAMETER },
    { "RtmUpdateAndUnlockRoute", "an edit to 5 next hops", s_update_many_hops, INVALID_PARAMETER },
    { "RtmUpdateAndUnlockRoute", "an edit to an unsupported view", s_update_views,
      INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmGetExactMatchRoute", s_exact_route_addr),
    { "RtmReleaseRoutes", "a handle released already", s_release_routes_twice, INVALID_HANDLE },
    { "RtmReleaseDestInfo", "3 views", s_release_dest_info_views, INVALID_PARAMETER },
    { "RtmReleaseDestInfo", "a handle released already", s_release_dest_twice, INVALID_HANDLE },
    { "RtmReleaseDests", "3 views", s_release_dests_views, INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmGetExactMatchDestination", s_exact_dest_addr),
    { "RtmGetExactMatchDestination", "NumBits 129 in an IPv6 table", s_ipv6_numbits,
      INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmGetMostSpecificDestination", s_most_specific_addr),
    { "RtmLockDestination", "unlocking (shared) what is not locked", s_unlock_dest_shared,
      INVALID_PARAMETER },
    { "RtmHoldDestination", "a hold time of 0", s_hold_zero, INVALID_PARAMETER },
    { "RtmReferenceHandles", "a bad second handle", s_reference_second_bad, INVALID_HANDLE },
    { "RtmDereferenceHandles", "a handle released already", s_dereference_twice, INVALID_HANDLE },
    BAD_ADDRESS_ROWS("RtmCreateDestEnum", s_dest_enum_addr),
    { "RtmCreateDestEnum", "an unknown flag", s_dest_enum_flag, INVALID_PARAMETER },
    { "RtmCreateDestEnum", "RTM_ENUM_NEXT and RTM_ENUM_RANGE", s_dest_enum_next_range,
      INVALID_PARAMETER },
    { "RtmCreateDestEnum", "an unsupported view", s_dest_enum_view, ERROR_NOT_SUPPORTED },
    { "RtmCreateDestEnum", "RTM_VIEW_MASK_ALL", s_dest_enum_all_views, ERROR_NOT_SUPPORTED },
    { "RtmGetEnumDests", "101 destinations", s_enum_dests_many, INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmCreateRouteEnum", s_route_enum_addr),
    { "RtmCreateRouteEnum", "an unknown flag", s_route_enum_flag, INVALID_PARAMETER },
    { "RtmCreateRouteEnum", "RTM_ENUM_NEXT and RTM_ENUM_RANGE", s_route_enum_next_range,
      INVALID_PARAMETER },
    { "RtmCreateRouteEnum", "an unsupported view", s_route_enum_view, ERROR_NOT_SUPPORTED },
    { "RtmCreateRouteEnum", "an unknown matching flag", s_route_enum_match, INVALID_PARAMETER },
    { "RtmCreateRouteEnum", "criteria with 5 next hops", s_route_enum_hops, INVALID_PARAMETER },
    { "RtmCreateRouteEnum", "RTM_ENUM_RANGE without a start", s_route_enum_range_null,
      INVALID_PARAMETER },
    { "RtmGetEnumRoutes", "101 routes", s_enum_routes_many, INVALID_PARAMETER },
    BAD_ADDRESS_ROWS("RtmCreateNextHopEnum", s_nexthop_enum_addr),
    { "RtmCreateNextHopEnum", "a destination flag", s_nexthop_enum_flag, INVALID_PARAMETER },
    { "RtmCreateNextHopEnum", "RTM_ENUM_RANGE without an address", s_nexthop_enum_range_null,
      INVALID_PARAMETER },
    { "RtmGetEnumNextHops", "101 next hops", s_enum_nexthops_many, INVALID_PARAMETER },
    { "RtmGetListEnumRoutes", "101 routes", s_list_routes_many, INVALID_PARAMETER },
    { "RtmInsertInRouteList", "a bad second route", s_insert_second_bad, INVALID_HANDLE },
    { "RtmRegisterForChangeNotification", "no change type", s_notify_no_type, INVALID_PARAMETER },
    { "RtmRegisterForChangeNotification", "an unknown flag", s_notify_unknown_flag,
      INVALID_PARAMETER },
    { "RtmRegisterForChangeNotification", "no view", s_notify_no_view, INVALID_PARAMETER },
    { "RtmRegisterForChangeNotification", "an unsupported view", s_notify_view,
      ERROR_NOT_SUPPORTED },
    { "RtmReleaseChangedDests", "3 views", s_release_changed_views, INVALID_PARAMETER },
    { "RtmConvertNetAddressToIpv6AddressAndLength", "address size 15", s_to_ipv6_size,
      INVALID_PARAMETER },
    { "RtmConvertNetAddressToIpv6AddressAndLength", "address size 17", s_to_ipv6_size_large,
      INVALID_PARAMETER },
    { "RtmConvertNetAddressToIpv6AddressAndLength", "an IPv4 address", s_to_ipv6_family,
      INVALID_PARAMETER },
    { "RtmConvertNetAddressToIpv6AddressAndLength", "NumBits 129", s_to_ipv6_numbits,
      INVALID_PARAMETER },
    { "RtmConvertIpv6AddressAndLengthToNetAddress", "address size 4", s_from_ipv6_size,
      INVALID_PARAMETER },
    { "RtmConvertIpv6AddressAndLengthToNetAddress", "length 129", s_from_ipv6_length,
      INVALID_PARAMETER },
    /* RTMv1 */
    { "RtmRegisterClient", "a protocol registered already", s_v1_register_existing,
      ERROR_CLIENT_ALREADY_EXISTS },
    { "RtmRegisterClient", "a closed event", s_v1_register_closed_event, INVALID_PARAMETER },
    { "RtmDequeueRouteChangeMessage", "a client without an event", s_v1_dequeue_without_event,
      INVALID_HANDLE },
    { "RtmDeleteRoute", "a route the table does not have", s_v1_delete_absent,
      ERROR_NO_SUCH_ROUTE },
    { "RtmDeleteRoute", "another client's route", s_v1_delete_others, ERROR_NO_SUCH_ROUTE },
    { "RtmGetRouteAge", "a time stamp in the future", s_v1_route_age_future, INVALID_PARAMETER },
    { "RtmCreateEnumerationHandle", "criteria no route meets", s_v1_enum_none, ERROR_NO_ROUTES },
    { "RtmBlockDeleteRoutes", "a network of other clients only", s_v1_block_none,
      ERROR_NO_ROUTES },
    { "RtmBlockDeleteRoutes", "another protocol", s_v1_block_other_protocol, ERROR_NO_ROUTES },
    { "RtmGetNextRoute", "after the last route", s_v1_next_none, ERROR_NO_ROUTES },
    { "RtmLookupIPDestination", "an address no network holds", s_v1_lookup_none, NO_ERROR },
};

/* ---- the tests ----------------------------------------------------------- */

/* Every row and special row of the export under test. */
static void test_export(void **state)
{
    struct fx *f = *state;
    int found = 0;

    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (strcmp(rows[i].export, f->export) == 0) {
            run_matrix(f, &rows[i]);
            found = 1;
        }
    }
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
        if (strcmp(specials[i].export, f->export) == 0)
            expect(f, specials[i].what, specials[i].call(f), specials[i].expected);
    assert_true(found);
    print_message("%s: %d bad calls, %d wrong\n", f->export, f->cases, f->failures);
    assert_int_equal(f->failures, 0);
}

static int has_row(const char *name)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (strcmp(rows[i].export, name) == 0)
            return 1;
    return 0;
}

/* Every implemented export has a row, and every row is of one. */
static void test_every_export(void **state)
{
    (void)state;
    for (size_t i = 0; i < test_export_count; i++)
        if (strcmp(test_exports[i].status, "impl") == 0 && !has_row(test_exports[i].name) &&
            !test_export_is_mgm(&test_exports[i]))
            fail_msg("%s has no row in the bad-input matrix", test_exports[i].name);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (!test_export_implemented(rows[i].export))
            fail_msg("%s has a row but is not implemented", rows[i].export);
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
        if (!has_row(specials[i].export))
            fail_msg("special row of %s, which has no row", specials[i].export);
}

int main(void)
{
    struct CMUnitTest tests[sizeof rows / sizeof *rows + 1];
    size_t n = 0;

    tests[n++] = (struct CMUnitTest){ "every implemented export has a row", test_every_export,
                                      NULL, NULL, NULL };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (i > 0 && strcmp(rows[i - 1].export, rows[i].export) == 0)
            continue; /* the rows of one export are adjacent and run together */
        tests[n++] = (struct CMUnitTest){ rows[i].export, test_export, setup, teardown,
                                          (void *)rows[i].export };
    }
    return _cmocka_run_group_tests("bad input", tests, n, NULL, NULL);
}
