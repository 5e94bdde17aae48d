/*
 * stress.c - threads doing random operations on two shared route tables
 * (IPv4 and IPv6) for a fixed time, through the public API:
 *
 *   stress [SECONDS [THREADS [SEED]]]    (defaults: 3 seconds, 4 threads, seed 1)
 *
 * Each worker thread registers a home entity in both tables (with an event
 * callback, one method and, for the first OPAQUE_HOMES workers, an opaque
 * pointer) and, until the time is up, picks random operations: add, update and delete next hops and routes
 * (some with a short TimeToLive, so that aging deletes them, through the
 * callback or not), look destinations and routes up, enumerate
 * destinations, routes, next hops and route lists, lock and unlock
 * destinations (guarding its opaque pointer), routes (in-place updates)
 * and next hops, reference and release handles, pass referenced route
 * handles to other threads through a mailbox, read with stale and forged
 * handles, register short-lived extra entities that leave their routes,
 * next hops, lists, enumerations and notification registrations to
 * RtmDeregisterEntity, hold destinations down, use change notification
 * (mark, status, ignore, drain) and invoke, list and block methods; and
 * RTMv1's operations on its own IP and IPX tables (stress_v1.c). An
 * observer entity in each table drains a change notification registration
 * from its event callback, as the samples do, and so do the workers' own
 * registrations. The prefixes come from small nested pools, so that the
 * threads meet on the same destinations.
 *
 * Workers never assert: a status that no interleaving explains is counted
 * as an anomaly (the first ones are printed with their source line). At the
 * end every worker releases what it holds and deregisters; the main thread
 * waits until both tables are empty (hold-downs end) with only the observer
 * registered, checks that every entity handle it recorded has gone stale
 * (no object of those entities is referenced any more), deregisters the
 * observers and checks that the library has no live object left
 * (RtmDiagGetObjectCounts, rtm's extension: in every variant). It prints how many operations of each kind ran.
 * The workers also use the Multicast Group Manager (stress_mgm.c): their
 * protocols and IGMP components take and release shared interfaces, join
 * and leave, and a shared forwarder's packets make MFEs.
 * Under ThreadSanitizer (the tsan variant) it is also a race detector run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_diag.h"
#include "rtm_test.h"
#include "stress.h"
#include "stress_mgm.h"
#include "stress_v1.h"

#define INSTANCE 7300
#define PROTO_OBSERVER 1
#define PROTO_HOME 100          /* + worker index */
#define PROTO_EXTRA 200         /* + worker index; instance id: a counter */
#define MAX_THREADS 32
#define NEXTHOP_SLOTS 4
#define ROUTE_SLOTS 16
#define DEAD_SLOTS 16           /* handle values of routes released */
#define EXTRA_RECORDED 32       /* extra entities whose handles are checked */
#define MAILBOX 8
#define OPAQUE_HOMES 8          /* of the 16 opaque pointers of a table */
#define BATCH 100               /* MaxHandlesInEnum */
#define QUIET_LIMIT_MS 15000    /* for the tables to empty at the end */

enum family { V4, V6, FAMILIES };

static const USHORT family_af[FAMILIES] = { AF_INET, AF_INET6 };

/* ---- operations and their counts ----------------------------------------- */

#define OPERATIONS(X)                                                                      \
    X(ADD_NEXTHOP, 6) X(DELETE_NEXTHOP, 2) X(ADD_ROUTE, 14) X(UPDATE_ROUTE, 6)            \
    X(DELETE_ROUTE, 6) X(LOOKUP, 10) X(ROUTE_INFO, 6) X(ENUM_DESTS, 2) X(ENUM_ROUTES, 2)   \
    X(ENUM_NEXTHOPS, 2) X(ROUTE_LIST, 3) X(LOCK_DEST, 3) X(LOCK_ROUTE, 4) X(LOCK_NEXTHOP, 2) \
    X(REFERENCE, 3) X(MAILBOX_PUT, 3) X(MAILBOX_TAKE, 3) X(STALE, 3) X(EXTRA_ENTITY, 2)    \
    X(HOLD, 2) X(NOTIFY, 4) X(METHODS, 2) X(ENTITIES, 2) X(MGM, 8) X(RTMV1, 10)

#define AS_ENUM(name, weight) OP_##name,
#define AS_NAME(name, weight) #name,
#define AS_WEIGHT(name, weight) weight,
enum op { OPERATIONS(AS_ENUM) OP_COUNT };
static const char *const op_names[] = { OPERATIONS(AS_NAME) };
static const unsigned op_weights[] = { OPERATIONS(AS_WEIGHT) };

/* Counters of events seen by the callbacks (atomics). */
static int events_registered, events_deregistered, events_expired, events_changes,
    changes_read, methods_run;

/* ---- shared state -------------------------------------------------------- */

/*
 * A change notification registration drained from its entity's event
 * callback. Its NotifyContext points here. The registration may end while
 * a callback drains it (the entries read are then released with
 * RtmReleaseDests), but its entity deregisters only once no callback is
 * draining: a callback holding entries when its entity deregisters could
 * not release them at all.
 */
struct drained {
    int draining;                   /* callbacks draining it (atomic) */
    int may_end;                    /* it may end while they do (atomic):
                                       a worker's always, the observer's
                                       once the test ends */
};

struct table {
    RTM_ENTITY_HANDLE observer;
    RTM_NOTIFY_HANDLE notify;       /* the observer's registration */
    struct drained drained;
    HANDLE mailbox[MAILBOX];        /* referenced route handles (atomic exchange) */
};

static struct {
    unsigned long long duration_ms;
    unsigned threads;
    unsigned long long seed;
    unsigned long long deadline;    /* test_now_ms() at which workers stop */
    struct table table[FAMILIES];
} g = { .duration_ms = 3000, .threads = 4, .seed = 1 };

/* What a worker owns in one table. */
struct home {
    RTM_ENTITY_HANDLE reg;
    BOOL opaque;                    /* it reserved an opaque pointer */
    RTM_NEXTHOP_HANDLE nexthop[NEXTHOP_SLOTS];
    RTM_ROUTE_HANDLE route[ROUTE_SLOTS];
    RTM_ROUTE_LIST_HANDLE list;
    RTM_NOTIFY_HANDLE notify;       /* a registration of its own, or NULL */
    struct drained drained;         /* of that registration */
    HANDLE dead[DEAD_SLOTS];        /* released route handles (values only) */
    unsigned dead_next;
};

struct worker {
    unsigned index;
    test_thread thread;
    struct test_rng rng;
    struct home home[FAMILIES];
    unsigned long long ops[OP_COUNT];
    unsigned extra_seq;
    RTM_ENTITY_HANDLE extras[FAMILIES][EXTRA_RECORDED]; /* handle values */
    unsigned extra_count[FAMILIES];
    RTM_DEST_INFO *infos;           /* BATCH entries of two views */
    HANDLE handles[BATCH];
};

static struct worker workers[MAX_THREADS];

int stress_anomalies;

/* ---- addresses ----------------------------------------------------------- */

/* Pool prefix k (0..255) of a family: nested chains of prefixes. */
static RTM_NET_ADDRESS pool_prefix(enum family fam, unsigned k)
{
    static const unsigned v4_len[] = { 16, 24, 25, 32 }, v6_len[] = { 48, 64, 96, 128 };
    unsigned b = k & 7, c = (k >> 3) & 7, sel = (k >> 6) & 3;
    RTM_NET_ADDRESS addr;

    if (fam == V4) {
        if (k == 255)
            return test_ipv4(0, 0, 0, 0, 0);
        if (k == 254)
            return test_ipv4(10, 0, 0, 0, 8);
        return test_ipv4(10, b, sel ? c : 0, sel == 2 ? 128 : sel == 3 ? 128 + c : 0,
                         v4_len[sel]);
    }
    addr = test_ipv6(0x2001, 0xdb8, sel == 3 ? c : 0, v6_len[sel]);
    addr.AddrBits[5] = (UCHAR)b;
    addr.AddrBits[7] = (UCHAR)(sel ? c : 0);
    addr.AddrBits[11] = (UCHAR)(sel >= 2 ? c : 0);
    return addr;
}

static RTM_NET_ADDRESS random_prefix(struct worker *w, enum family fam)
{
    return pool_prefix(fam, test_rng_below(&w->rng, 256));
}

/* A host address in the pools' area. */
static RTM_NET_ADDRESS random_host(struct worker *w, enum family fam)
{
    RTM_NET_ADDRESS addr = random_prefix(w, fam);
    unsigned bytes = fam == V4 ? 4 : 16;

    addr.NumBits = (USHORT)(bytes * 8);
    addr.AddrBits[bytes - 1] = (UCHAR)test_rng_below(&w->rng, 256);
    return addr;
}

/* The address of a worker's next hop n. */
static RTM_NET_ADDRESS nexthop_address(enum family fam, unsigned index, unsigned n)
{
    RTM_NET_ADDRESS addr;
    if (fam == V4)
        return test_ipv4(192, 168, index, n, 32);
    addr = test_ipv6(0xfe80, 0, n, 128);
    addr.AddrBits[13] = (UCHAR)index;
    return addr;
}

/* ---- callbacks and methods ----------------------------------------------- */

static VOID WINAPI stress_method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                 RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    output->OutputSize = 0;
    output->MethodStatus = NO_ERROR;
    test_counter_add(&methods_run, 1);
}

static RTM_ENTITY_EXPORT_METHODS stress_methods = { 1, { stress_method } };

/* What a call on a drained registration may return besides NO_ERROR: also
 * ERROR_INVALID_HANDLE once it may have ended (d NULL: it does not). */
static DWORD if_ended(const struct drained *d)
{
    return d && test_counter_get((int *)&d->may_end) ? ERROR_INVALID_HANDLE : NO_ERROR;
}

/*
 * Reads every change queued for a registration of reg's, in batches, and
 * releases what it reads: with RtmReleaseChangedDests, or, when the
 * registration has ended meanwhile, with RtmReleaseDests (the entries'
 * handles are all valid, so ERROR_INVALID_HANDLE means that the
 * registration was refused and nothing was released).
 */
static void drain(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, const struct drained *d)
{
    size_t size = RTM_SIZE_OF_DEST_INFO(2);
    UINT batch = 1 + (UINT)((uintptr_t)notify >> 4) % 8;
    char *infos = malloc(size * batch);
    DWORD status;

    if (!infos) {
        stress_anomaly(__FILE__, __LINE__, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    do {
        UINT n = batch;
        status = RtmGetChangedDests(reg, notify, &n, (PRTM_DEST_INFO)infos);
        CHECK(status, NO_ERROR, ERROR_NO_MORE_ITEMS, if_ended(d));
        if (status == ERROR_INVALID_HANDLE)
            break;
        for (UINT i = 0; i < n; i++)
            EXPECT(((PRTM_DEST_INFO)(infos + i * size))->NumberOfViews == 2);
        test_counter_add(&changes_read, (int)n);
        if (n && CHECK(RtmReleaseChangedDests(reg, notify, n, (PRTM_DEST_INFO)infos), NO_ERROR,
                       if_ended(d)) != NO_ERROR)
            CHECK(RtmReleaseDests(reg, n, (PRTM_DEST_INFO)infos), NO_ERROR);
    } while (status == NO_ERROR);
    free(infos);
}

/* Ends a drained registration, and waits until no callback drains it any
 * more, so that its entity may deregister. (A callback for it may still
 * start: it finds the registration refused and reads nothing.) */
static void end_drained(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, struct drained *d)
{
    test_counter_set(&d->may_end, 1);
    CHECK(RtmDeregisterFromChangeNotification(reg, notify), NO_ERROR);
    while (test_counter_get(&d->draining))
        test_sleep_ms(1);
}

/* The event callback of every entity. An expired route is deleted by the
 * library or by the callback, depending on the route; by the library also
 * when the entity deregisters meanwhile (its handle is refused from the
 * start of RtmDeregisterEntity, which waits for the callbacks running). */
static DWORD WINAPI stress_event(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                                 PVOID context2)
{
    switch (type) {
    case RTM_ENTITY_REGISTERED:
        test_counter_add(&events_registered, 1);
        return NO_ERROR;
    case RTM_ENTITY_DEREGISTERED:
        test_counter_add(&events_deregistered, 1);
        return NO_ERROR;
    case RTM_ROUTE_EXPIRED: {
        RTM_ROUTE_HANDLE route = context1;
        DWORD status;
        test_counter_add(&events_expired, 1);
        if (((uintptr_t)route >> 3) & 1)
            return ERROR_NOT_SUPPORTED;
        status = CHECK(RtmDeleteRouteToDest(reg, route, NULL), NO_ERROR, ERROR_NOT_FOUND,
                       ERROR_INVALID_HANDLE);
        if (status == ERROR_NOT_FOUND)
            status = CHECK(RtmReleaseRoutes(reg, 1, &route), NO_ERROR, ERROR_INVALID_HANDLE);
        return status == ERROR_INVALID_HANDLE ? ERROR_NOT_SUPPORTED : NO_ERROR;
    }
    case RTM_CHANGE_NOTIFICATION: {
        struct drained *d = context2;
        test_counter_add(&events_changes, 1);
        if (!d)
            return NO_ERROR; /* an extra entity's: left to its deregistration */
        test_counter_add(&d->draining, 1);
        drain(reg, context1, d);
        test_counter_add(&d->draining, -1);
        return NO_ERROR;
    }
    default:
        stress_anomaly(__FILE__, __LINE__, type);
        return NO_ERROR;
    }
}

/* ---- helpers ------------------------------------------------------------- */

static int chance(struct worker *w, unsigned percent)
{
    return test_rng_below(&w->rng, 100) < percent;
}

static RTM_ENTITY_HANDLE register_entity(enum family fam, ULONG protocol, ULONG instance,
                                         RTM_EVENT_CALLBACK callback, BOOL opaque)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE h = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = INSTANCE;
    info.AddressFamily = family_af[fam];
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = instance;
    if (CHECK(RtmRegisterEntity(&info, &stress_methods, callback, opaque, &profile, &h), NO_ERROR,
              ERROR_NO_SYSTEM_RESOURCES) != NO_ERROR)
        return NULL;
    EXPECT(profile.MaxNextHopsInRoute >= 2 && profile.MaxHandlesInEnum == BATCH);
    return h;
}

/* A random next hop of the home, or NULL. */
static RTM_NEXTHOP_HANDLE some_nexthop(struct worker *w, struct home *h)
{
    return h->nexthop[test_rng_below(&w->rng, NEXTHOP_SLOTS)];
}

/* Records the value of a route handle just released, for stale reads. */
static void bury(struct home *h, RTM_ROUTE_HANDLE route)
{
    h->dead[h->dead_next++ % DEAD_SLOTS] = route;
}

static void release_route(struct home *h, RTM_ROUTE_HANDLE route)
{
    CHECK(RtmReleaseRoutes(h->reg, 1, &route), NO_ERROR);
    bury(h, route);
}

/* A referenced destination handle of a random pool prefix, or NULL. */
static RTM_DEST_HANDLE some_dest(struct worker *w, enum family fam, struct home *h)
{
    RTM_NET_ADDRESS addr = random_prefix(w, fam);
    RTM_DEST_HANDLE dest = NULL;

    if (CHECK(RtmGetExactMatchDestination(h->reg, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                          w->infos),
              NO_ERROR, ERROR_NOT_FOUND) != NO_ERROR)
        return NULL;
    EXPECT(test_same_prefix(&w->infos->DestAddress, &addr));
    dest = w->infos->DestHandle;
    CHECK(RtmReferenceHandles(h->reg, 1, &dest), NO_ERROR);
    CHECK(RtmReleaseDestInfo(h->reg, w->infos), NO_ERROR);
    return dest;
}

static void release_dest(struct home *h, RTM_DEST_HANDLE dest)
{
    CHECK(test_release_dest_handle(h->reg, dest, FALSE), NO_ERROR);
}

/* A route value for the home: one or two of its next hops, random
 * preference, metric, views and flags. */
static int route_value(struct worker *w, struct home *h, RTM_ROUTE_INFO *info)
{
    static const RTM_VIEW_SET views[] = { RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_UCAST,
                                          RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                          RTM_VIEW_MASK_MCAST };
    RTM_NEXTHOP_HANDLE a = some_nexthop(w, h), b = some_nexthop(w, h);

    if (!a)
        return 0;
    *info = test_route(a, test_rng_below(&w->rng, 4), test_rng_below(&w->rng, 16),
                       views[test_rng_below(&w->rng, 4)]);
    if (chance(w, 30))
        info->Neighbour = NULL;
    if (b && b != a) {
        info->NextHopsList.NumNextHops = 2;
        info->NextHopsList.NextHops[1] = b;
    }
    if (chance(w, 5))
        info->Flags |= RTM_ROUTE_FLAGS_INACTIVE;
    return 1;
}

static ULONG random_ttl(struct worker *w)
{
    return chance(w, 10) ? 20 + test_rng_below(&w->rng, 200) : INFINITE;
}

/* ---- operations: next hops and routes ------------------------------------ */

static void op_add_nexthop(struct worker *w, enum family fam, struct home *h)
{
    unsigned slot = test_rng_below(&w->rng, NEXTHOP_SLOTS);
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_HANDLE handle = h->nexthop[slot];
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0;
    RTM_DEST_HANDLE remote = chance(w, 20) ? some_dest(w, fam, h) : NULL;

    memset(&info, 0, sizeof info);
    info.NextHopAddress = nexthop_address(fam, w->index, test_rng_below(&w->rng, 8));
    info.InterfaceIndex = 1 + test_rng_below(&w->rng, 2);
    info.Flags = (USHORT)test_rng_below(&w->rng, 4);
    info.RemoteNextHop = remote;
    CHECK(RtmAddNextHop(h->reg, &info, &handle, &flags), NO_ERROR);
    if (h->nexthop[slot]) {
        EXPECT(handle == h->nexthop[slot] && flags == 0);
    } else {
        /* A slot per next hop: deleting it must not leave another slot
         * with a deleted next hop. */
        for (unsigned i = 0; i < NEXTHOP_SLOTS && handle; i++) {
            if (h->nexthop[i] == handle) {
                EXPECT(flags == 0);
                CHECK(RtmReleaseNextHops(h->reg, 1, &handle), NO_ERROR);
                handle = NULL;
            }
        }
        h->nexthop[slot] = handle;
    }
    if (remote)
        release_dest(h, remote);
}

static void op_delete_nexthop(struct worker *w, enum family fam, struct home *h)
{
    unsigned slot = test_rng_below(&w->rng, NEXTHOP_SLOTS);
    RTM_NEXTHOP_HANDLE handle = h->nexthop[slot];
    RTM_NEXTHOP_INFO *pointer = NULL;

    (void)fam;
    if (!handle)
        return;
    h->nexthop[slot] = NULL;
    if (chance(w, 50)) {
        CHECK(RtmDeleteNextHop(h->reg, handle, NULL), NO_ERROR); /* consumes the handle */
        return;
    }
    CHECK(RtmGetNextHopPointer(h->reg, handle, &pointer), NO_ERROR);
    CHECK(RtmDeleteNextHop(h->reg, NULL, pointer), NO_ERROR);
    CHECK(RtmReleaseNextHops(h->reg, 1, &handle), NO_ERROR);
}

static void op_add_route(struct worker *w, enum family fam, struct home *h)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[2];
    } r;
    unsigned slot = test_rng_below(&w->rng, ROUTE_SLOTS);
    RTM_NET_ADDRESS addr = random_prefix(w, fam);
    RTM_ROUTE_HANDLE handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = chance(w, 10) ? RTM_ROUTE_CHANGE_NEW : 0;

    if (!route_value(w, h, &r.info))
        return;
    CHECK(RtmAddRouteToDest(h->reg, &handle, &addr, &r.info, random_ttl(w),
                            chance(w, 30) ? h->list : NULL, 0, NULL, &flags),
          NO_ERROR);
    EXPECT(handle != NULL);
    if (h->route[slot])
        release_route(h, h->route[slot]);
    h->route[slot] = handle;
}

static void op_update_route(struct worker *w, enum family fam, struct home *h)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[2];
    } r;
    RTM_ROUTE_HANDLE handle = h->route[test_rng_below(&w->rng, ROUTE_SLOTS)];
    RTM_NET_ADDRESS addr;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    (void)fam;
    if (!handle || !route_value(w, h, &r.info))
        return;
    CHECK(RtmGetRouteInfo(h->reg, handle, NULL, &addr), NO_ERROR);
    CHECK(RtmAddRouteToDest(h->reg, &handle, &addr, &r.info, random_ttl(w), NULL, 0, NULL, &flags),
          NO_ERROR, ERROR_NOT_FOUND); /* aging may have deleted it */
}

static void op_delete_route(struct worker *w, enum family fam, struct home *h)
{
    unsigned slot = test_rng_below(&w->rng, ROUTE_SLOTS);
    RTM_ROUTE_HANDLE handle = h->route[slot];
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    (void)fam;
    if (!handle)
        return;
    h->route[slot] = NULL;
    if (CHECK(RtmDeleteRouteToDest(h->reg, handle, &flags), NO_ERROR, ERROR_NOT_FOUND) == NO_ERROR)
        bury(h, handle);
    else
        release_route(h, handle);
}

/* ---- operations: look-ups ------------------------------------------------ */

static void op_lookup(struct worker *w, enum family fam, struct home *h)
{
    RTM_NET_ADDRESS host = random_host(w, fam);
    RTM_VIEW_SET views = chance(w, 50) ? RTM_VIEW_MASK_ANY : RTM_VIEW_MASK_UCAST;
    RTM_DEST_HANDLE dest;
    unsigned steps = 0;

    if (CHECK(RtmGetMostSpecificDestination(h->reg, &host, RTM_BEST_PROTOCOL, views, w->infos),
              NO_ERROR, ERROR_NOT_FOUND) != NO_ERROR)
        return;
    EXPECT(w->infos->DestAddress.NumBits <= host.NumBits);
    /* Walk up the less specific destinations (at most /0 /8 /16 /24 /25 /32). */
    for (;;) {
        DWORD status;
        dest = w->infos->DestHandle;
        CHECK(RtmReferenceHandles(h->reg, 1, &dest), NO_ERROR);
        CHECK(RtmReleaseDestInfo(h->reg, w->infos), NO_ERROR);
        CHECK(RtmGetDestInfo(h->reg, dest, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_UCAST, w->infos),
              NO_ERROR);
        CHECK(RtmReleaseDestInfo(h->reg, w->infos), NO_ERROR);
        status = CHECK(RtmGetLessSpecificDestination(h->reg, dest, RTM_BEST_PROTOCOL, views,
                                                     w->infos),
                       NO_ERROR, ERROR_NOT_FOUND);
        release_dest(h, dest);
        if (status != NO_ERROR)
            break;
        EXPECT(++steps < 6);
    }
}

static void op_route_info(struct worker *w, enum family fam, struct home *h)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[4];
    } r;
    RTM_NET_ADDRESS addr = random_prefix(w, fam), got;
    RTM_ROUTE_HANDLE route = NULL;
    RTM_VIEW_SET best = 0;

    memset(&r, 0, sizeof r);
    if (CHECK(RtmGetExactMatchRoute(h->reg, &addr, RTM_MATCH_NONE, &r.info, 0, RTM_VIEW_MASK_ANY,
                                    &route),
              NO_ERROR, ERROR_NOT_FOUND) != NO_ERROR)
        return;
    CHECK(RtmReleaseRouteInfo(h->reg, &r.info), NO_ERROR);
    CHECK(RtmGetRouteInfo(h->reg, route, &r.info, &got), NO_ERROR);
    EXPECT(test_same_prefix(&got, &addr));
    CHECK(RtmReleaseRouteInfo(h->reg, &r.info), NO_ERROR);
    CHECK(RtmIsBestRoute(h->reg, route, &best), NO_ERROR);
    CHECK(RtmReleaseRoutes(h->reg, 1, &route), NO_ERROR);
}

/* ---- operations: enumerations -------------------------------------------- */

static RTM_ENUM_FLAGS random_position(struct worker *w, enum family fam, RTM_NET_ADDRESS *addr)
{
    static const RTM_ENUM_FLAGS positions[] = { RTM_ENUM_START, RTM_ENUM_NEXT, RTM_ENUM_RANGE };
    *addr = random_prefix(w, fam);
    return positions[test_rng_below(&w->rng, 3)];
}

static void op_enum_dests(struct worker *w, enum family fam, struct home *h)
{
    static const RTM_VIEW_SET view_choice[] = { RTM_VIEW_MASK_ANY, RTM_VIEW_MASK_UCAST,
                                                RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST };
    RTM_VIEW_SET views = view_choice[test_rng_below(&w->rng, 3)];
    size_t stride = RTM_SIZE_OF_DEST_INFO(views == RTM_VIEW_MASK_ANY ? 0 : views == 1 ? 1 : 2);
    RTM_NET_ADDRESS addr, last;
    RTM_ENUM_FLAGS flags = random_position(w, fam, &addr);
    RTM_ENUM_HANDLE e = NULL;
    int have_last = 0;
    DWORD status;

    if (chance(w, 20))
        flags |= RTM_ENUM_OWN_DESTS;
    CHECK(RtmCreateDestEnum(h->reg, views, flags, &addr, RTM_BEST_PROTOCOL, &e), NO_ERROR);
    do {
        UINT n = 1 + test_rng_below(&w->rng, BATCH);
        status = CHECK(RtmGetEnumDests(h->reg, e, &n, w->infos), NO_ERROR, ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n; i++) {
            const RTM_DEST_INFO *d = (const RTM_DEST_INFO *)((const char *)w->infos + i * stride);
            EXPECT(!have_last || test_prefix_compare(&last, &d->DestAddress) < 0);
            last = d->DestAddress;
            have_last = 1;
        }
        CHECK(RtmReleaseDests(h->reg, n, w->infos), NO_ERROR);
    } while (status == NO_ERROR);
    CHECK(RtmDeleteEnumHandle(h->reg, e), NO_ERROR);
}

/* Runs a handle enumeration to its end, releasing what it returns. */
static void drain_handles(struct worker *w, struct home *h, RTM_ENUM_HANDLE e,
                          test_get_handles_fn get, test_release_handles_fn release, int list)
{
    UINT n, batch;

    do {
        batch = n = 1 + test_rng_below(&w->rng, BATCH);
        if (list)
            CHECK(get(h->reg, e, &n, w->handles), NO_ERROR);
        else
            CHECK(get(h->reg, e, &n, w->handles), NO_ERROR, ERROR_NO_MORE_ITEMS);
        EXPECT(n <= batch);
        CHECK(release(h->reg, n, w->handles), NO_ERROR);
    } while (n == batch);
    CHECK(RtmDeleteEnumHandle(h->reg, e), NO_ERROR);
}

static void op_enum_routes(struct worker *w, enum family fam, struct home *h)
{
    RTM_NET_ADDRESS addr;
    RTM_ENUM_FLAGS flags = random_position(w, fam, &addr);
    RTM_MATCH_FLAGS match = chance(w, 30) ? RTM_MATCH_INTERFACE : RTM_MATCH_NONE;
    RTM_ENUM_HANDLE e = NULL;

    if (chance(w, 30))
        flags |= RTM_ENUM_OWN_ROUTES;
    CHECK(RtmCreateRouteEnum(h->reg, NULL, RTM_VIEW_MASK_UCAST, flags, &addr, match, NULL, 1, &e),
          NO_ERROR);
    drain_handles(w, h, e, RtmGetEnumRoutes, RtmReleaseRoutes, 0);
}

static void op_enum_nexthops(struct worker *w, enum family fam, struct home *h)
{
    RTM_NET_ADDRESS addr = nexthop_address(fam, w->index, 0);
    RTM_ENUM_HANDLE e = NULL;

    addr.NumBits = fam == V4 ? 24 : 112;
    CHECK(RtmCreateNextHopEnum(h->reg, chance(w, 50) ? RTM_ENUM_START : RTM_ENUM_RANGE, &addr, &e),
          NO_ERROR);
    drain_handles(w, h, e, RtmGetEnumNextHops, RtmReleaseNextHops, 0);
}

static void op_route_list(struct worker *w, enum family fam, struct home *h)
{
    RTM_ROUTE_HANDLE routes[ROUTE_SLOTS];
    RTM_ENUM_HANDLE e = NULL;
    UINT n = 0;

    (void)fam;
    if (chance(w, 10)) {
        if (h->list)
            CHECK(RtmDeleteRouteList(h->reg, h->list), NO_ERROR);
        h->list = NULL;
        CHECK(RtmCreateRouteList(h->reg, &h->list), NO_ERROR);
        return;
    }
    if (!h->list)
        return;
    for (unsigned i = 0; i < ROUTE_SLOTS; i++)
        if (h->route[i] && chance(w, 30))
            routes[n++] = h->route[i];
    CHECK(RtmInsertInRouteList(h->reg, chance(w, 10) ? NULL : h->list, n, routes), NO_ERROR);
    CHECK(RtmCreateRouteListEnum(h->reg, h->list, &e), NO_ERROR);
    drain_handles(w, h, e, RtmGetListEnumRoutes, RtmReleaseRoutes, 1);
}

/* ---- operations: locks --------------------------------------------------- */

static void op_lock_dest(struct worker *w, enum family fam, struct home *h)
{
    RTM_DEST_HANDLE dest = some_dest(w, fam, h);
    BOOL exclusive = chance(w, 50);
    PVOID *opaque = NULL;

    if (!dest)
        return;
    CHECK(RtmLockDestination(h->reg, dest, exclusive, TRUE), NO_ERROR);
    CHECK(RtmGetOpaqueInformationPointer(h->reg, dest, (PVOID *)&opaque),
          h->opaque ? NO_ERROR : ERROR_NOT_FOUND);
    if (opaque && exclusive)
        *opaque = chance(w, 50) ? (PVOID)w : NULL;
    else if (opaque)
        EXPECT(*opaque == NULL || *opaque == (PVOID)w);
    CHECK(RtmLockDestination(h->reg, dest, exclusive, FALSE), NO_ERROR);
    release_dest(h, dest);
}

static void op_lock_route(struct worker *w, enum family fam, struct home *h)
{
    RTM_ROUTE_HANDLE route = h->route[test_rng_below(&w->rng, ROUTE_SLOTS)];
    PRTM_ROUTE_INFO info = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    (void)fam;
    if (!route)
        return;
    if (chance(w, 30)) {
        if (CHECK(RtmLockRoute(h->reg, route, FALSE, TRUE, &info), NO_ERROR) != NO_ERROR)
            return;
        EXPECT(info && info->RouteOwner == h->reg);
        CHECK(RtmLockRoute(h->reg, route, FALSE, FALSE, NULL), NO_ERROR);
        return;
    }
    /* An in-place update, as spec/rras/update-a-route-in-place... does. */
    if (CHECK(RtmLockRoute(h->reg, route, TRUE, TRUE, &info), NO_ERROR) != NO_ERROR)
        return;
    info->PrefInfo.Metric = test_rng_below(&w->rng, 16);
    info->PrefInfo.Preference = test_rng_below(&w->rng, 4);
    CHECK(RtmUpdateAndUnlockRoute(h->reg, route, random_ttl(w), chance(w, 20) ? h->list : NULL, 0,
                                  NULL, &flags),
          NO_ERROR);
}

static void op_lock_nexthop(struct worker *w, enum family fam, struct home *h)
{
    RTM_NEXTHOP_HANDLE nh = some_nexthop(w, h);
    BOOL exclusive = chance(w, 50);
    PRTM_NEXTHOP_INFO info = NULL;

    (void)fam;
    if (!nh)
        return;
    if (CHECK(RtmLockNextHop(h->reg, nh, exclusive, TRUE, &info), NO_ERROR) != NO_ERROR)
        return;
    if (exclusive)
        info->Flags = (USHORT)test_rng_below(&w->rng, 4);
    CHECK(RtmLockNextHop(h->reg, nh, exclusive, FALSE, NULL), NO_ERROR);
}

/* ---- operations: handles ------------------------------------------------- */

static void op_reference(struct worker *w, enum family fam, struct home *h)
{
    HANDLE handles[3];
    UINT n = 0;
    RTM_DEST_HANDLE dest = some_dest(w, fam, h);

    if (dest)
        handles[n++] = dest;
    if (h->route[0])
        handles[n++] = h->route[0];
    if (h->nexthop[0])
        handles[n++] = h->nexthop[0];
    CHECK(RtmReferenceHandles(h->reg, n, handles), NO_ERROR);
    CHECK(RtmDereferenceHandles(h->reg, n, handles), NO_ERROR);
    if (dest)
        release_dest(h, dest);
}

/* Puts a referenced route handle in the mailbox; what was there is
 * released (it is of the same table). */
static void op_mailbox_put(struct worker *w, enum family fam, struct home *h)
{
    RTM_NET_ADDRESS addr = random_prefix(w, fam);
    RTM_ROUTE_HANDLE route = NULL, old;
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[4];
    } r;

    memset(&r, 0, sizeof r);
    if (CHECK(RtmGetExactMatchRoute(h->reg, &addr, RTM_MATCH_NONE, &r.info, 0, RTM_VIEW_MASK_ANY,
                                    &route),
              NO_ERROR, ERROR_NOT_FOUND) != NO_ERROR)
        return;
    CHECK(RtmReleaseRouteInfo(h->reg, &r.info), NO_ERROR);
    old = __atomic_exchange_n(&g.table[fam].mailbox[test_rng_below(&w->rng, MAILBOX)], route,
                              __ATOMIC_ACQ_REL);
    if (old)
        CHECK(RtmReleaseRoutes(h->reg, 1, &old), NO_ERROR);
}

/* Takes a route handle another thread left, uses and releases it. */
static void op_mailbox_take(struct worker *w, enum family fam, struct home *h)
{
    RTM_ROUTE_HANDLE route = __atomic_exchange_n(
        &g.table[fam].mailbox[test_rng_below(&w->rng, MAILBOX)], NULL, __ATOMIC_ACQ_REL);
    RTM_VIEW_SET best = 0;

    if (!route)
        return;
    CHECK(RtmIsBestRoute(h->reg, route, &best), NO_ERROR);
    CHECK(RtmReferenceHandles(h->reg, 1, &route), NO_ERROR);
    CHECK(RtmReleaseRoutes(h->reg, 1, &route), NO_ERROR);
    CHECK(RtmDereferenceHandles(h->reg, 1, &route), NO_ERROR);
}

/* Reads with the values of released (maybe freed) and forged handles:
 * refused, or, for an object someone still references, answered. */
static void op_stale(struct worker *w, enum family fam, struct home *h)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[4];
    } r;
    HANDLE handle = chance(w, 70) ? h->dead[test_rng_below(&w->rng, DEAD_SLOTS)]
                                  : (HANDLE)(uintptr_t)test_rng_next(&w->rng);
    RTM_NEXTHOP_INFO nh;

    (void)fam;
    if (!handle)
        return;
    if (CHECK(RtmGetRouteInfo(h->reg, handle, &r.info, NULL), NO_ERROR, ERROR_INVALID_HANDLE) ==
        NO_ERROR)
        CHECK(RtmReleaseRouteInfo(h->reg, &r.info), NO_ERROR);
    if (CHECK(RtmGetDestInfo(h->reg, handle, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, w->infos),
              NO_ERROR, ERROR_INVALID_HANDLE) == NO_ERROR)
        CHECK(RtmReleaseDestInfo(h->reg, w->infos), NO_ERROR);
    if (CHECK(RtmGetNextHopInfo(h->reg, handle, &nh), NO_ERROR, ERROR_INVALID_HANDLE) == NO_ERROR)
        CHECK(RtmReleaseNextHopInfo(h->reg, &nh), NO_ERROR);
}

/* ---- operations: entities, hold-down, notification, methods -------------- */

/* A short-lived entity: a few objects, left to its deregistration. */
static void op_extra_entity(struct worker *w, enum family fam, struct home *h)
{
    RTM_ENTITY_HANDLE x = register_entity(fam, PROTO_EXTRA + w->index, ++w->extra_seq,
                                          chance(w, 50) ? stress_event : NULL, chance(w, 25));
    RTM_NEXTHOP_HANDLE nh = NULL;
    RTM_ROUTE_HANDLE keep = NULL;
    RTM_ROUTE_LIST_HANDLE list = NULL;
    RTM_ENUM_HANDLE e = NULL;
    RTM_NOTIFY_HANDLE notify = NULL;
    RTM_NEXTHOP_INFO info;

    if (!x)
        return;
    w->extras[fam][w->extra_count[fam]++ % EXTRA_RECORDED] = x;
    memset(&info, 0, sizeof info);
    info.NextHopAddress = nexthop_address(fam, w->index, 100);
    info.InterfaceIndex = 3;
    CHECK(RtmAddNextHop(x, &info, &nh, NULL), NO_ERROR);
    CHECK(RtmCreateRouteList(x, &list), NO_ERROR);
    for (unsigned i = 1 + test_rng_below(&w->rng, 4); i > 0; i--) {
        RTM_ROUTE_INFO r = test_route(nh, test_rng_below(&w->rng, 4), i, RTM_VIEW_MASK_UCAST);
        RTM_NET_ADDRESS addr = random_prefix(w, fam);
        RTM_ROUTE_HANDLE route = NULL;
        CHECK(RtmAddRouteToDest(x, &route, &addr, &r, random_ttl(w), list, 0, NULL, NULL),
              NO_ERROR);
        if (keep)
            CHECK(RtmReleaseRoutes(x, 1, &route), NO_ERROR);
        else
            keep = route;
    }
    CHECK(RtmCreateDestEnum(x, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, &e),
          NO_ERROR);
    CHECK(RtmRegisterForChangeNotification(x, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL,
                                           &notify),
          NO_ERROR, ERROR_NO_SYSTEM_RESOURCES);
    CHECK(RtmReleaseNextHops(x, 1, &nh), NO_ERROR);
    CHECK(RtmDeregisterEntity(x), NO_ERROR);
    /* A handle of a deregistered entity's route, released through another
     * entity of the table. */
    CHECK(RtmGetRouteInfo(h->reg, keep, NULL, NULL), NO_ERROR);
    CHECK(RtmReleaseRoutes(h->reg, 1, &keep), NO_ERROR);
    CHECK(RtmDeleteEnumHandle(x, e), ERROR_INVALID_HANDLE);
}

static void op_hold(struct worker *w, enum family fam, struct home *h)
{
    RTM_DEST_HANDLE dest = some_dest(w, fam, h);

    if (!dest)
        return;
    CHECK(RtmHoldDestination(h->reg, dest, RTM_VIEW_MASK_UCAST, 10 + test_rng_below(&w->rng, 40)),
          NO_ERROR);
    release_dest(h, dest);
}

static void op_notify(struct worker *w, enum family fam, struct home *h)
{
    static const RTM_NOTIFY_FLAGS types[] = { RTM_CHANGE_TYPE_ALL, RTM_CHANGE_TYPE_BEST,
                                              RTM_CHANGE_TYPE_FORWARDING };
    RTM_DEST_HANDLE dest;
    BOOL b = FALSE;

    if (!h->notify) {
        RTM_NOTIFY_FLAGS flags = types[test_rng_below(&w->rng, 3)];
        if (chance(w, 30))
            flags |= RTM_NOTIFY_ONLY_MARKED_DESTS;
        if (CHECK(RtmRegisterForChangeNotification(h->reg, RTM_VIEW_MASK_UCAST, flags,
                                                   &h->drained, &h->notify),
                  NO_ERROR, ERROR_NO_SYSTEM_RESOURCES) != NO_ERROR)
            h->notify = NULL;
        return;
    }
    switch (test_rng_below(&w->rng, 4)) {
    case 0:
        end_drained(h->reg, h->notify, &h->drained);
        h->notify = NULL;
        return;
    case 1:
        drain(h->reg, h->notify, NULL); /* only this thread ends it */
        return;
    default:
        break;
    }
    dest = some_dest(w, fam, h);
    if (!dest)
        return;
    CHECK(RtmMarkDestForChangeNotification(h->reg, h->notify, dest, chance(w, 70)), NO_ERROR);
    CHECK(RtmIsMarkedForChangeNotification(h->reg, h->notify, dest, &b), NO_ERROR);
    CHECK(RtmGetChangeStatus(h->reg, h->notify, dest, &b), NO_ERROR);
    if (chance(w, 30))
        CHECK(RtmIgnoreChangedDests(h->reg, h->notify, 1, &dest), NO_ERROR);
    release_dest(h, dest);
}

static void op_methods(struct worker *w, enum family fam, struct home *h)
{
    RTM_ENTITY_HANDLE entities[MAX_THREADS * 2 + 8];
    RTM_ENTITY_METHOD_INPUT input;
    union {
        RTM_ENTITY_METHOD_OUTPUT output;
        char bytes[256];
    } out;
    UINT n = sizeof entities / sizeof *entities, size = sizeof out, count = 0;
    RTM_ENTITY_HANDLE target;

    (void)fam;
    if (chance(w, 10)) {
        CHECK(RtmBlockMethods(h->reg, NULL, 0, RTM_BLOCK_METHODS), NO_ERROR);
        CHECK(RtmBlockMethods(h->reg, NULL, 0, RTM_RESUME_METHODS), NO_ERROR);
        return;
    }
    if (CHECK(RtmGetRegisteredEntities(h->reg, &n, entities, NULL), NO_ERROR) != NO_ERROR)
        return;
    target = entities[test_rng_below(&w->rng, n)];
    memset(&input, 0, sizeof input);
    input.MethodType = METHOD_TYPE_ALL_METHODS;
    /* The target may deregister meanwhile (an extra entity). */
    CHECK(RtmGetEntityMethods(h->reg, target, &count, NULL), NO_ERROR, ERROR_INVALID_HANDLE);
    CHECK(RtmInvokeMethod(h->reg, target, &input, &size, &out.output), NO_ERROR,
          ERROR_INVALID_HANDLE);
    CHECK(RtmReleaseEntities(h->reg, n, entities), NO_ERROR);
}

static void op_entities(struct worker *w, enum family fam, struct home *h)
{
    RTM_ENTITY_HANDLE entities[MAX_THREADS * 2 + 8];
    RTM_ENTITY_INFO infos[MAX_THREADS * 2 + 8], info;
    UINT n = sizeof entities / sizeof *entities;

    (void)w;
    if (CHECK(RtmGetRegisteredEntities(h->reg, &n, entities, infos), NO_ERROR) != NO_ERROR)
        return;
    for (UINT i = 0; i < n; i++) {
        EXPECT(infos[i].AddressFamily == family_af[fam] && infos[i].RtmInstanceId == INSTANCE);
        CHECK(RtmGetEntityInfo(h->reg, entities[i], &info), NO_ERROR);
        EXPECT(info.EntityId.EntityId == infos[i].EntityId.EntityId);
        CHECK(RtmReleaseEntityInfo(h->reg, &info), NO_ERROR);
    }
    CHECK(RtmReleaseEntities(h->reg, n, entities), NO_ERROR);
}

/* The Multicast Group Manager's operations (stress_mgm.c). */
static void op_mgm(struct worker *w, enum family fam, struct home *h)
{
    (void)fam;
    (void)h;
    stress_mgm_op(w->index, &w->rng);
}

/* RTMv1 (stress_v1.c): its own tables and clients. */
static void op_rtmv1(struct worker *w, enum family fam, struct home *h)
{
    (void)fam;
    (void)h;
    stress_v1_op(w->index, &w->rng);
}

typedef void (*op_fn)(struct worker *, enum family, struct home *);

static const op_fn ops[OP_COUNT] = {
    op_add_nexthop, op_delete_nexthop, op_add_route, op_update_route, op_delete_route,
    op_lookup, op_route_info, op_enum_dests, op_enum_routes, op_enum_nexthops, op_route_list,
    op_lock_dest, op_lock_route, op_lock_nexthop, op_reference, op_mailbox_put,
    op_mailbox_take, op_stale, op_extra_entity, op_hold, op_notify, op_methods, op_entities,
    op_mgm, op_rtmv1,
};

/* ---- workers ------------------------------------------------------------- */

static enum op random_op(struct worker *w)
{
    unsigned total = 0, pick;

    for (int i = 0; i < OP_COUNT; i++)
        total += op_weights[i];
    pick = test_rng_below(&w->rng, total);
    for (int i = 0; i < OP_COUNT; i++) {
        if (pick < op_weights[i])
            return (enum op)i;
        pick -= op_weights[i];
    }
    return OP_LOOKUP;
}

/* Releases what the home holds and deregisters it (which deletes its
 * routes, next hops and route list). */
static void home_close(struct home *h)
{
    if (h->notify)
        end_drained(h->reg, h->notify, &h->drained);
    for (unsigned i = 0; i < ROUTE_SLOTS; i++)
        if (h->route[i])
            release_route(h, h->route[i]);
    for (unsigned i = 0; i < NEXTHOP_SLOTS; i++)
        if (h->nexthop[i])
            CHECK(RtmReleaseNextHops(h->reg, 1, &h->nexthop[i]), NO_ERROR);
    CHECK(RtmDeregisterEntity(h->reg), NO_ERROR);
}

static void worker_run(void *arg)
{
    struct worker *w = arg;

    while (test_now_ms() < g.deadline) {
        enum family fam = chance(w, 70) ? V4 : V6;
        enum op op = random_op(w);
        ops[op](w, fam, &w->home[fam]);
        w->ops[op]++;
    }
    for (int fam = 0; fam < FAMILIES; fam++)
        home_close(&w->home[fam]);
    stress_mgm_worker_end(w->index);
    stress_v1_stop(w->index);
}

/* ---- the test ------------------------------------------------------------ */

/* Waits until the observer is alone in an empty table (hold-downs and
 * aging over). Returns whether it happened within QUIET_LIMIT_MS. */
static int wait_quiet(RTM_ENTITY_HANDLE observer)
{
    unsigned long long start = test_now_ms();

    for (;;) {
        RTM_ENUM_HANDLE e = NULL;
        RTM_DEST_INFO info;
        UINT n = 1;
        assert_int_equal(RtmCreateDestEnum(observer, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                           RTM_BEST_PROTOCOL, &e),
                         NO_ERROR);
        DWORD status = RtmGetEnumDests(observer, e, &n, &info);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        if (n)
            assert_int_equal(RtmReleaseDests(observer, n, &info), NO_ERROR);
        assert_int_equal(RtmDeleteEnumHandle(observer, e), NO_ERROR);
        if (n == 0 && test_entity_count(observer) == 1)
            return 1;
        if (test_now_ms() - start > QUIET_LIMIT_MS)
            return 0;
        test_sleep_ms(5);
    }
}

static void print_live_objects(void);

/* Checks that a handle of the observer's table is refused within two
 * seconds (its object freed: nothing references it any more). */
static void expect_stale(RTM_ENTITY_HANDLE observer, HANDLE h, const char *what, unsigned worker)
{
    for (int waited = 0; waited < 2000; waited++) {
        HANDLE copy = h;
        if (RtmReferenceHandles(observer, 1, &copy) == ERROR_INVALID_HANDLE)
            return;
        assert_int_equal(RtmDereferenceHandles(observer, 1, &copy), NO_ERROR);
        test_sleep_ms(1);
    }
    print_live_objects();
    fail_msg("%s of worker %u still referenced", what, worker);
}

/* The end of a table, the workers gone: releases what the mailbox holds,
 * waits for the table to empty, checks that nothing of the workers' entities
 * is referenced any more, and deregisters the observer. */
static void close_table(enum family fam)
{
    struct table *t = &g.table[fam];

    for (int i = 0; i < MAILBOX; i++)
        if (t->mailbox[i])
            assert_int_equal(RtmReleaseRoutes(t->observer, 1, &t->mailbox[i]), NO_ERROR);
    if (!wait_quiet(t->observer))
        fail_msg("table %d: routes or entities left after %d ms", fam, QUIET_LIMIT_MS);
    for (unsigned i = 0; i < g.threads; i++) {
        struct worker *w = &workers[i];
        expect_stale(t->observer, w->home[fam].reg, "the home entity", i);
        for (unsigned x = 0; x < EXTRA_RECORDED && x < w->extra_count[fam]; x++)
            expect_stale(t->observer, w->extras[fam][x], "an extra entity", i);
    }
    end_drained(t->observer, t->notify, &t->drained);
    assert_int_equal(RtmDeregisterEntity(t->observer), NO_ERROR);
}

static void print_counts(unsigned long long elapsed)
{
    unsigned long long total = 0;

    printf("stress: %u threads, %llu ms, seed %llu\n", g.threads, elapsed, g.seed);
    for (int op = 0; op < OP_COUNT; op++) {
        unsigned long long n = 0;
        for (unsigned t = 0; t < g.threads; t++)
            n += workers[t].ops[op];
        total += n;
        printf("  %-14s %10llu\n", op_names[op], n);
    }
    printf("  %-14s %10llu\n", "total", total);
    printf("  events: %d registered, %d deregistered, %d expired, %d change notifications "
           "(%d changes read); %d methods run\n",
           test_counter_get(&events_registered), test_counter_get(&events_deregistered),
           test_counter_get(&events_expired), test_counter_get(&events_changes),
           test_counter_get(&changes_read), test_counter_get(&methods_run));
    fflush(stdout);
}

/* The library's live objects. */
static RTM_DIAG_OBJECT_COUNTS live_objects(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    return c;
}

/* Prints the library's live objects by type. */
static void print_live_objects(void)
{
    RTM_DIAG_OBJECT_COUNTS c = live_objects();

    print_error("stress: live objects: %lu entities, %lu destinations, %lu routes, "
                "%lu next hops, %lu enumerations, %lu notifications, %lu route lists; "
                "MGM: %lu protocols, %lu enumerations, %lu forwarders, %lu interfaces, "
                "%lu memberships, %lu MFEs; RTMv1: %lu clients, %lu routes, %lu enumerations\n",
                (unsigned long)c.Entities, (unsigned long)c.Destinations,
                (unsigned long)c.Routes, (unsigned long)c.NextHops,
                (unsigned long)c.Enumerations, (unsigned long)c.Notifications,
                (unsigned long)c.RouteLists, (unsigned long)c.MgmProtocols,
                (unsigned long)c.MgmEnumerations, (unsigned long)c.MgmForwarders,
                (unsigned long)c.MgmInterfaces, (unsigned long)c.MgmMemberships,
                (unsigned long)c.MgmMfes, (unsigned long)c.V1Clients,
                (unsigned long)c.V1Routes, (unsigned long)c.V1Enumerations);
}

/* The library's live objects reach 0 (events and timers in flight end). */
static void check_live_objects(void)
{
    for (int waited = 0; live_objects().Total != 0; waited++) {
        if (waited == 5000) {
            print_live_objects();
            fail_msg("objects left alive");
        }
        test_sleep_ms(1);
    }
}

static void test_stress(void **state)
{
    unsigned long long start;
    (void)state;

    for (int fam = 0; fam < FAMILIES; fam++) {
        struct table *t = &g.table[fam];
        t->observer = register_entity(fam, PROTO_OBSERVER, 1, stress_event, FALSE);
        assert_non_null(t->observer);
        assert_int_equal(RtmRegisterForChangeNotification(
                             t->observer, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                             RTM_CHANGE_TYPE_ALL, &t->drained, &t->notify),
                         NO_ERROR);
    }
    for (unsigned i = 0; i < g.threads; i++) {
        struct worker *w = &workers[i];
        w->index = i;
        w->rng.state = g.seed * 1000003u + i;
        w->infos = malloc(RTM_SIZE_OF_DEST_INFO(2) * BATCH);
        assert_non_null(w->infos);
        for (int fam = 0; fam < FAMILIES; fam++) {
            w->home[fam].opaque = i < OPAQUE_HOMES;
            w->home[fam].drained.may_end = 1;
            w->home[fam].reg = register_entity(fam, PROTO_HOME + i, 1, stress_event,
                                               w->home[fam].opaque);
            assert_non_null(w->home[fam].reg);
            assert_int_equal(RtmCreateRouteList(w->home[fam].reg, &w->home[fam].list), NO_ERROR);
        }
    }

    stress_mgm_start(g.threads);
    stress_v1_start(g.threads);
    start = test_now_ms();
    g.deadline = start + g.duration_ms;
    for (unsigned i = 0; i < g.threads; i++)
        test_thread_start(&workers[i].thread, worker_run, &workers[i]);
    for (unsigned i = 0; i < g.threads; i++)
        test_thread_join(workers[i].thread);
    print_counts(test_now_ms() - start);

    for (int fam = 0; fam < FAMILIES; fam++)
        close_table(fam);
    stress_mgm_end();
    stress_v1_finish();
    for (unsigned i = 0; i < g.threads; i++)
        free(workers[i].infos);
    check_live_objects();
    printf("stress: no live object left\n");
    if (test_counter_get(&stress_anomalies))
        fail_msg("%d anomalies", test_counter_get(&stress_anomalies));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_stress) };

    if (argc > 1)
        g.duration_ms = (unsigned long long)(atof(argv[1]) * 1000);
    if (argc > 2)
        g.threads = (unsigned)atoi(argv[2]);
    if (argc > 3)
        g.seed = strtoull(argv[3], NULL, 0);
    if (argc > 4 || g.threads < 1 || g.threads > MAX_THREADS) {
        fprintf(stderr, "usage: stress [SECONDS [THREADS (1-%d) [SEED]]]\n", MAX_THREADS);
        return 2;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
