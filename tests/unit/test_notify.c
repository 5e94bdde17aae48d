/*
 * test_notify.c - change notification through the public API:
 * RtmRegisterForChangeNotification, RtmGetChangedDests,
 * RtmReleaseChangedDests, RtmIgnoreChangedDests, RtmGetChangeStatus,
 * RtmMarkDestForChangeNotification, RtmIsMarkedForChangeNotification and
 * RtmDeregisterFromChangeNotification (spec/rras/receiving-notification-of-
 * changes.md), every return code of each, the samples
 * register-for-change-notification.md and
 * use-the-event-notification-callback.md, coalescing, the change types,
 * views, marked destinations and the RTM_CHANGE_NOTIFICATION event.
 *
 * Every test works in an RTM instance of its own (NOTIFY_INSTANCE + n) and
 * deregisters every entity it registers. Event callbacks run on the
 * library's worker threads: they never assert, they count what they see
 * (shared counters) and the test thread checks the counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_IP_RIP 8
#define PROTO_LISTENER 8
#define PROTO_A 13
#define PROTO_B 14

/* The RTM instances of this program: NOTIFY_INSTANCE + a number per test. */
#define NOTIFY_INSTANCE 4400

/* What the implementation documents: registrations per table, handles per
 * RtmGetChangedDests call (RTM_REGN_PROFILE.MaxHandlesInEnum). */
#define MAX_NOTIFICATIONS 32
#define MAX_HANDLES_IN_ENUM 100

#define BOTH_VIEWS (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST)
#define FORGED_HANDLE ((HANDLE)(uintptr_t)0x1234)
/* A value no failing call may write. */
#define SENTINEL ((HANDLE)(uintptr_t)0x5a5a5a5a)
#define BOOL_SENTINEL 77
/* How long to wait for an event that must come, and to watch for one that
 * must not. */
#define EVENT_WAIT_MS 10000
#define QUIET_MS 100

/* ---- a table with two writers ------------------------------------------ */

/* An IPv4 table with a listener (no callback) and two writers, a and b,
 * with two next hops each. */
struct table {
    USHORT instance;
    RTM_ENTITY_HANDLE listener, a, b;
    RTM_NEXTHOP_HANDLE na1, na2, nb1;
};

static void table_open(struct table *t, USHORT instance)
{
    t->instance = instance;
    t->listener = test_register(instance, AF_INET, PROTO_LISTENER, 1, FALSE);
    t->a = test_register(instance, AF_INET, PROTO_A, 1, FALSE);
    t->b = test_register(instance, AF_INET, PROTO_B, 1, FALSE);
    t->na1 = test_add_nexthop(t->a, test_ipv4(192, 168, 0, 1, 32), 1);
    t->na2 = test_add_nexthop(t->a, test_ipv4(192, 168, 0, 2, 32), 2);
    t->nb1 = test_add_nexthop(t->b, test_ipv4(192, 168, 1, 1, 32), 3);
}

/* Deregisters the entities (which deletes their routes and next hops and
 * ends their notification registrations). */
static void table_close(struct table *t)
{
    assert_int_equal(RtmReleaseNextHops(t->a, 1, &t->na1), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(t->a, 1, &t->na2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(t->b, 1, &t->nb1), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(t->b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(t->a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(t->listener), NO_ERROR);
}

/* Registers reg for changes; fails the test on error. */
static RTM_NOTIFY_HANDLE notify_register(RTM_ENTITY_HANDLE reg, RTM_VIEW_SET views,
                                         RTM_NOTIFY_FLAGS flags, void *context)
{
    RTM_NOTIFY_HANDLE handle = NULL;

    assert_int_equal(RtmRegisterForChangeNotification(reg, views, flags, context, &handle),
                     NO_ERROR);
    assert_non_null(handle);
    return handle;
}

/* Updates one of reg's routes by handle with new values. */
static void route_update(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route, RTM_NET_ADDRESS prefix,
                         RTM_ROUTE_INFO *info)
{
    RTM_ROUTE_HANDLE handle = route;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    assert_int_equal(RtmAddRouteToDest(reg, &handle, &prefix, info, INFINITE, NULL, 0, NULL, &flags),
                     NO_ERROR);
    assert_ptr_equal(handle, route);
    assert_int_equal(flags & RTM_ROUTE_CHANGE_NEW, 0);
}

/* Updates the preference and metric of one of reg's routes (one next hop,
 * also its Neighbour, in views). */
static void route_set_pref(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route, RTM_NET_ADDRESS prefix,
                           RTM_NEXTHOP_HANDLE nexthop, ULONG preference, ULONG metric,
                           RTM_VIEW_SET views)
{
    RTM_ROUTE_INFO info = test_route(nexthop, preference, metric, views);
    route_update(reg, route, prefix, &info);
}

static void route_delete(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    assert_int_equal(RtmDeleteRouteToDest(reg, route, NULL), NO_ERROR);
}

/* Reads every queued change of notify (states of the first max in out) and
 * returns how many destinations came. */
static UINT drain(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, struct test_dest_state *out,
                  UINT max)
{
    UINT count = 0;

    assert_int_equal(test_drain_changes(reg, notify, 3, out, max, &count), NO_ERROR);
    return count;
}

/* Reads every queued change of notify and checks that exactly the n
 * prefixes came, in that order. */
static void expect_changed(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify,
                           const RTM_NET_ADDRESS *prefixes, UINT n)
{
    struct test_dest_state seen[8];

    assert_true(n <= 8);
    assert_int_equal(drain(reg, notify, seen, 8), n);
    for (UINT i = 0; i < n; i++)
        assert_true(test_same_prefix(&seen[i].addr, &prefixes[i]));
}

static void expect_one(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, RTM_NET_ADDRESS prefix)
{
    expect_changed(reg, notify, &prefix, 1);
}

static void expect_none(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify)
{
    expect_changed(reg, notify, NULL, 0);
}

/* Reads the queued changes of notify, which must be one destination, and
 * returns its state. */
static struct test_dest_state one_change(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify)
{
    struct test_dest_state seen[2];

    assert_int_equal(drain(reg, notify, seen, 2), 1);
    return seen[0];
}

/* Whether notify has a change of dest pending (RtmGetChangeStatus). */
static BOOL change_pending(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, RTM_DEST_HANDLE dest)
{
    BOOL status = BOOL_SENTINEL;

    assert_int_equal(RtmGetChangeStatus(reg, notify, dest, &status), NO_ERROR);
    assert_true(status == TRUE || status == FALSE);
    return status;
}

/* Whether dest is marked for notify (RtmIsMarkedForChangeNotification). */
static BOOL marked(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, RTM_DEST_HANDLE dest)
{
    BOOL status = BOOL_SENTINEL;

    assert_int_equal(RtmIsMarkedForChangeNotification(reg, notify, dest, &status), NO_ERROR);
    assert_true(status == TRUE || status == FALSE);
    return status;
}

/* A destination handle that is no longer valid: a destination created and
 * deleted while no registration watched it, its last handle released. */
static RTM_DEST_HANDLE stale_dest(struct table *t, RTM_NET_ADDRESS prefix)
{
    RTM_ROUTE_HANDLE route = test_add_route(t->a, prefix, t->na1, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(t->a, prefix);

    route_delete(t->a, route);
    assert_int_equal(test_release_dest_handle(t->a, dest, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t->a, dest, FALSE), ERROR_INVALID_HANDLE);
    return dest;
}

/* ---- the event callback --------------------------------------------------- */

#define LISTENER_MAGIC 0x4e6f7469u
#define LISTENER_SEEN 16

enum listener_mode {
    LISTEN_COUNT,       /* only count the events */
    LISTEN_DRAIN,       /* read the changes, as the sample does */
    LISTEN_DEREGISTER,  /* end the registration from inside the callback */
};

/* The NotifyContext of a registration whose owner has listener_callback. */
struct listener {
    unsigned magic;
    enum listener_mode mode;
    RTM_NOTIFY_HANDLE notify;   /* the expected Context1 */
    int events;                 /* RTM_CHANGE_NOTIFICATION events */
    int anomalies;              /* wrong Context1, unexpected statuses */
    int slots;                  /* entries of seen taken */
    int drained;                /* entries of seen filled */
    struct test_dest_state seen[LISTENER_SEEN];
    DWORD deregister_status, get_status, deregister_again_status;
};

/* RTM_CHANGE_NOTIFICATION events whose Context2 was not a listener. */
static int stray_events;

static void listener_init(struct listener *l, enum listener_mode mode)
{
    memset(l, 0, sizeof *l);
    l->magic = LISTENER_MAGIC;
    l->mode = mode;
}

/* Reads the changes as spec/rras/use-the-event-notification-callback.md
 * does: batches of MaxHandlesInEnum, each destination checked and recorded,
 * each batch released, until a call returns none. */
static void listener_drain(struct listener *l, RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify)
{
    size_t size = RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS);
    char *infos = malloc(size * MAX_HANDLES_IN_ENUM);
    UINT count;

    if (!infos) {
        test_counter_add(&l->anomalies, 1);
        return;
    }
    do {
        DWORD status;
        count = MAX_HANDLES_IN_ENUM;
        status = RtmGetChangedDests(reg, notify, &count, (PRTM_DEST_INFO)infos);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS) {
            test_counter_add(&l->anomalies, 1);
            break;
        }
        for (UINT i = 0; i < count; i++) {
            PRTM_DEST_INFO info = (PRTM_DEST_INFO)(infos + i * size);
            int slot = __atomic_fetch_add(&l->slots, 1, __ATOMIC_SEQ_CST);
            if (info->ViewInfo[0].ViewId != RTM_VIEW_ID_UCAST)
                test_counter_add(&l->anomalies, 1);
            if (slot < LISTENER_SEEN && test_dest_state_of(reg, info, &l->seen[slot]) != NO_ERROR)
                test_counter_add(&l->anomalies, 1);
            test_counter_add(&l->drained, 1);
        }
        if (RtmReleaseChangedDests(reg, notify, count, (PRTM_DEST_INFO)infos) != NO_ERROR)
            test_counter_add(&l->anomalies, 1);
    } while (count > 0);
    free(infos);
}

static DWORD WINAPI listener_callback(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                                      PVOID context2)
{
    struct listener *l = context2;

    if (type != RTM_CHANGE_NOTIFICATION)
        return NO_ERROR; /* other entities registering and deregistering */
    if (!l || l->magic != LISTENER_MAGIC) {
        test_counter_add(&stray_events, 1);
        return NO_ERROR;
    }
    if (context1 != l->notify)
        test_counter_add(&l->anomalies, 1);
    if (l->mode == LISTEN_DRAIN) {
        listener_drain(l, reg, context1);
    } else if (l->mode == LISTEN_DEREGISTER && test_counter_get(&l->events) == 0) {
        UINT count = 0;
        l->deregister_status = RtmDeregisterFromChangeNotification(reg, context1);
        l->get_status = RtmGetChangedDests(reg, context1, &count, NULL);
        l->deregister_again_status = RtmDeregisterFromChangeNotification(reg, context1);
    }
    test_counter_add(&l->events, 1);
    return NO_ERROR;
}

/* Checks that no event came for l (nor a stray one) during QUIET_MS, and
 * that l counted exactly events so far. */
static void expect_events(struct listener *l, int events)
{
    test_sleep_ms(QUIET_MS);
    assert_int_equal(test_counter_get(&l->events), events);
    assert_int_equal(test_counter_get(&l->anomalies), 0);
    assert_int_equal(test_counter_get(&stray_events), 0);
}

/* ==== return codes ======================================================== */

static void test_register_codes(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 1;
    RTM_ENTITY_HANDLE a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(inst, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NOTIFY_HANDLE h = SENTINEL;
    static const RTM_NOTIFY_FLAGS good_flags[] = {
        RTM_CHANGE_TYPE_ALL,
        RTM_CHANGE_TYPE_BEST,
        RTM_CHANGE_TYPE_FORWARDING,
        RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING,
        RTM_CHANGE_TYPE_BEST | RTM_NOTIFY_ONLY_MARKED_DESTS,
    };
    static const RTM_VIEW_SET good_views[] = { RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_MCAST,
                                               BOTH_VIEWS };
    RTM_NOTIFY_HANDLE handles[15];
    UINT n = 0;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* ERROR_INVALID_HANDLE: no registration, a forged one, a deregistered
     * one, a next hop's handle. */
    assert_int_equal(RtmRegisterForChangeNotification(NULL, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmRegisterForChangeNotification(FORGED_HANDLE, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmRegisterForChangeNotification(gone, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmRegisterForChangeNotification(nh, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_INVALID_HANDLE);

    /* ERROR_INVALID_PARAMETER: no place for the handle, no change type
     * (nothing, or only RTM_NOTIFY_ONLY_MARKED_DESTS), an unknown flag, no
     * view. */
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST, 0, NULL, &h),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_NOTIFY_ONLY_MARKED_DESTS, NULL, &h),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL | 0x8, NULL, &h),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_NONE,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_INVALID_PARAMETER);

    /* ERROR_NOT_SUPPORTED: views other than unicast and multicast. */
    assert_int_equal(RtmRegisterForChangeNotification(a, 0x4, RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST | 0x80000000u,
                                                      RTM_CHANGE_TYPE_BEST, NULL, &h),
                     ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_ALL,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NOT_SUPPORTED);
    assert_ptr_equal(h, SENTINEL);

    /* NO_ERROR: every change type, alone and together, in every supported
     * view set; a new handle each time. */
    for (size_t f = 0; f < sizeof good_flags / sizeof good_flags[0]; f++) {
        for (size_t v = 0; v < sizeof good_views / sizeof good_views[0]; v++) {
            h = NULL;
            assert_int_equal(RtmRegisterForChangeNotification(a, good_views[v], good_flags[f],
                                                              &handles[n], &h),
                             NO_ERROR);
            assert_non_null(h);
            for (UINT i = 0; i < n; i++)
                assert_ptr_not_equal(h, handles[i]);
            handles[n++] = h;
        }
    }
    for (UINT i = 0; i < n; i++)
        assert_int_equal(RtmDeregisterFromChangeNotification(a, handles[i]), NO_ERROR);

    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* 32 registrations per table: the 33rd is ERROR_NO_SYSTEM_RESOURCES, in
 * another table there is room, and an ended registration makes room. */
static void test_register_limit(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 2;
    RTM_ENTITY_HANDLE a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(inst, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE a6 = test_register(inst, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NOTIFY_HANDLE handles[MAX_NOTIFICATIONS], h = SENTINEL, h6;

    for (int i = 0; i < MAX_NOTIFICATIONS; i++)
        handles[i] = notify_register(i % 2 ? b : a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NO_SYSTEM_RESOURCES);
    assert_int_equal(RtmRegisterForChangeNotification(b, RTM_VIEW_MASK_MCAST,
                                                      RTM_CHANGE_TYPE_BEST, NULL, &h),
                     ERROR_NO_SYSTEM_RESOURCES);
    assert_ptr_equal(h, SENTINEL);

    /* The IPv6 table of the same instance has its own 32. */
    h6 = notify_register(a6, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);

    /* One ends: one more fits, and no more. */
    assert_int_equal(RtmDeregisterFromChangeNotification(a, handles[4]), NO_ERROR);
    handles[4] = notify_register(b, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(b, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NO_SYSTEM_RESOURCES);

    /* The limit is still right after the failures: the registrations all
     * work. */
    for (int i = 0; i < MAX_NOTIFICATIONS; i++) {
        UINT count = 0;
        RTM_ENTITY_HANDLE owner = i % 2 || i == 4 ? b : a;
        assert_int_equal(RtmGetChangedDests(owner, handles[i], &count, NULL), ERROR_NO_MORE_ITEMS);
    }
    for (int i = 0; i < MAX_NOTIFICATIONS; i++)
        assert_int_equal(RtmDeregisterFromChangeNotification(i % 2 || i == 4 ? b : a, handles[i]),
                         NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(a6, h6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_deregister_codes(void **state)
{
    (void)state;
    struct table t;
    RTM_ENTITY_HANDLE other6;
    RTM_NOTIFY_HANDLE mine, foreign, foreign6;
    UINT count = 0;

    table_open(&t, NOTIFY_INSTANCE + 3);
    other6 = test_register(t.instance, AF_INET6, PROTO_A, 1, FALSE);
    mine = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign = notify_register(t.a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign6 = notify_register(other6, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);

    /* A bad registration handle. */
    assert_int_equal(RtmDeregisterFromChangeNotification(NULL, mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(FORGED_HANDLE, mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.na1, mine), ERROR_INVALID_HANDLE);
    /* A bad notification handle: none, forged, of another type, another
     * entity's (of this table and of another). */
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, FORGED_HANDLE),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, t.na1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, t.a), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, foreign), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, foreign6),
                     ERROR_INVALID_HANDLE);

    /* None of that ended a registration. */
    assert_int_equal(RtmGetChangedDests(t.a, foreign, &count, NULL), ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmGetChangedDests(other6, foreign6, &count, NULL), ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmGetChangedDests(t.listener, mine, &count, NULL), ERROR_NO_MORE_ITEMS);

    /* NO_ERROR once, then the handle is stale. */
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, mine), NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(t.a, foreign), NO_ERROR);

    /* A deregistered entity's handle. */
    assert_int_equal(RtmDeregisterEntity(other6), NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(other6, foreign6), ERROR_INVALID_HANDLE);
    table_close(&t);
}

static void test_get_changed_dests_codes(void **state)
{
    (void)state;
    struct table t;
    RTM_ENTITY_HANDLE other6;
    RTM_NOTIFY_HANDLE n, foreign, foreign6;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    RTM_DEST_INFO *infos = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS) * 2);
    RTM_DEST_HANDLE d1, d2;
    UINT count;

    table_open(&t, NOTIFY_INSTANCE + 4);
    other6 = test_register(t.instance, AF_INET6, PROTO_A, 1, FALSE);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign = notify_register(t.a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign6 = notify_register(other6, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    d1 = test_dest_of(t.listener, p1);
    d2 = test_dest_of(t.listener, p2);

    /* ERROR_INVALID_HANDLE: the count is left alone. */
    count = 2;
    assert_int_equal(RtmGetChangedDests(NULL, n, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(FORGED_HANDLE, n, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.b, n, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.listener, NULL, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.listener, FORGED_HANDLE, &count, infos),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.listener, d1, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.listener, foreign, &count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangedDests(t.listener, foreign6, &count, infos),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(count, 2);

    /* ERROR_INVALID_PARAMETER: no count; no array for a nonzero count. */
    assert_int_equal(RtmGetChangedDests(t.listener, n, NULL, infos), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(count, 2);
    /* None of that took a change. */
    assert_true(change_pending(t.listener, n, d1));
    assert_true(change_pending(t.listener, n, d2));

    /* No room: NO_ERROR (changes remain), nothing taken. */
    count = 0;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, NULL), NO_ERROR);
    assert_int_equal(count, 0);
    assert_true(change_pending(t.listener, n, d1));

    /* NO_ERROR while more remain, ERROR_NO_MORE_ITEMS with the last one,
     * then with none. */
    count = 1;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, infos), NO_ERROR);
    assert_int_equal(count, 1);
    assert_true(test_same_prefix(&infos->DestAddress, &p1));
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, infos), NO_ERROR);
    count = 1;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, infos), ERROR_NO_MORE_ITEMS);
    assert_int_equal(count, 1);
    assert_true(test_same_prefix(&infos->DestAddress, &p2));
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, infos), NO_ERROR);
    count = 2;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, infos), ERROR_NO_MORE_ITEMS);
    assert_int_equal(count, 0);
    count = 0;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, NULL), ERROR_NO_MORE_ITEMS);

    /* The other registrations saw the changes too (their own queues). */
    expect_changed(t.a, foreign, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);
    expect_none(other6, foreign6);

    /* A stale notification handle. */
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, n), NO_ERROR);
    count = 2;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, infos), ERROR_INVALID_HANDLE);

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d2, FALSE), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other6), NO_ERROR);
    table_close(&t);
    test_free(infos);
}

static void test_release_changed_dests_codes(void **state)
{
    (void)state;
    struct table t;
    RTM_NOTIFY_HANDLE n, foreign;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    RTM_DEST_INFO *infos = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS) * 2);
    RTM_ROUTE_HANDLE r1, r2;
    UINT count = 2, views;

    table_open(&t, NOTIFY_INSTANCE + 5);
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    r2 = test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign = notify_register(t.a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    /* Two deleted destinations: their entries hold only their destination
     * handles, which nobody else references. */
    route_delete(t.a, r1);
    route_delete(t.a, r2);
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, infos), ERROR_NO_MORE_ITEMS);
    assert_int_equal(count, 2);

    /* ERROR_INVALID_HANDLE for a bad registration or notification handle:
     * nothing is released. */
    assert_int_equal(RtmReleaseChangedDests(NULL, n, count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(FORGED_HANDLE, n, count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(t.listener, NULL, count, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(t.listener, FORGED_HANDLE, count, infos),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(t.listener, foreign, count, infos),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(t.b, n, count, infos), ERROR_INVALID_HANDLE);

    /* ERROR_INVALID_PARAMETER: no array; an entry with too many views. */
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, NULL), ERROR_INVALID_PARAMETER);
    views = infos->NumberOfViews;
    assert_int_equal(views, TEST_NUM_VIEWS);
    infos->NumberOfViews = RTM_MAX_VIEWS + 1;
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, infos), ERROR_INVALID_PARAMETER);
    infos->NumberOfViews = views;

    /* NO_ERROR: nothing to release; then the entries, once. */
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, infos), NO_ERROR);
    /* Released twice: the handles are stale. */
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, infos), ERROR_INVALID_HANDLE);

    expect_changed(t.a, foreign, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);
    table_close(&t);
    test_free(infos);
}

static void test_ignore_codes(void **state)
{
    (void)state;
    struct table t;
    RTM_ENTITY_HANDLE other6;
    RTM_NOTIFY_HANDLE n, foreign;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    RTM_NET_ADDRESS p6 = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_DEST_HANDLE d1, d2, d6, stale, pair[2];
    RTM_NEXTHOP_HANDLE nh6;

    table_open(&t, NOTIFY_INSTANCE + 6);
    other6 = test_register(t.instance, AF_INET6, PROTO_A, 1, FALSE);
    nh6 = test_add_nexthop(other6, test_ipv6(0xfe80, 0, 1, 128), 1);
    test_add_route(other6, p6, nh6, 10, 1, NULL);
    d6 = test_dest_of(other6, p6);
    stale = stale_dest(&t, test_ipv4(10, 9, 0, 0, 16));
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    foreign = notify_register(t.a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    d1 = test_dest_of(t.listener, p1);
    d2 = test_dest_of(t.listener, p2);

    /* ERROR_INVALID_HANDLE for a bad registration or notification handle:
     * nothing is ignored. */
    assert_int_equal(RtmIgnoreChangedDests(NULL, n, 1, &d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(FORGED_HANDLE, n, 1, &d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.b, n, 1, &d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, NULL, 1, &d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, FORGED_HANDLE, 1, &d1),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, d2, 1, &d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, foreign, 1, &d1), ERROR_INVALID_HANDLE);
    assert_true(change_pending(t.listener, n, d1));
    assert_true(change_pending(t.a, foreign, d1));

    /* ERROR_INVALID_PARAMETER: no array for a nonzero count. */
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, NULL), ERROR_INVALID_PARAMETER);
    /* NO_ERROR: nothing to ignore. */
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 0, NULL), NO_ERROR);
    assert_true(change_pending(t.listener, n, d1));

    /* ERROR_INVALID_HANDLE for a bad destination handle (forged, stale,
     * another table's, of another type); the good ones are ignored all the
     * same. */
    pair[0] = FORGED_HANDLE;
    pair[1] = d1;
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 2, pair), ERROR_INVALID_HANDLE);
    assert_false(change_pending(t.listener, n, d1));
    assert_true(change_pending(t.a, foreign, d1)); /* another registration's */
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, &stale), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, &d6), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, &t.na1), ERROR_INVALID_HANDLE);
    assert_true(change_pending(t.listener, n, d2));

    /* NO_ERROR: the change of d2 is dropped; d1 again is harmless. */
    pair[0] = d2;
    pair[1] = d1;
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 2, pair), NO_ERROR);
    assert_false(change_pending(t.listener, n, d2));
    expect_none(t.listener, n);
    expect_changed(t.a, foreign, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d2, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(other6, d6, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(other6, 1, &nh6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other6), NO_ERROR);
    table_close(&t);
}

/* The bad handles every per-destination function (RtmGetChangeStatus,
 * RtmMarkDestForChangeNotification, RtmIsMarkedForChangeNotification) must
 * refuse with ERROR_INVALID_HANDLE. */
struct bad_handles {
    RTM_ENTITY_HANDLE reg[4];       /* with a good notification and dest */
    RTM_NOTIFY_HANDLE notify[6];    /* with a good registration and dest */
    RTM_DEST_HANDLE dest[6];        /* with a good registration and notification */
};

/* A table with a listener registration n and a pending change of d, and
 * every kind of bad handle for them. */
struct per_dest {
    struct table t;
    RTM_ENTITY_HANDLE other6;
    RTM_NEXTHOP_HANDLE nh6;
    RTM_NOTIFY_HANDLE n, foreign, foreign6;
    RTM_DEST_HANDLE d, d6, stale;
    RTM_ROUTE_HANDLE route;
    struct bad_handles bad;
};

static void per_dest_open(struct per_dest *f, USHORT instance, RTM_NOTIFY_FLAGS flags)
{
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16), p6 = test_ipv6(0x2001, 0xdb8, 0, 32);

    table_open(&f->t, instance);
    f->other6 = test_register(instance, AF_INET6, PROTO_A, 1, FALSE);
    f->nh6 = test_add_nexthop(f->other6, test_ipv6(0xfe80, 0, 1, 128), 1);
    test_add_route(f->other6, p6, f->nh6, 10, 1, NULL);
    f->d6 = test_dest_of(f->other6, p6);
    f->stale = stale_dest(&f->t, test_ipv4(10, 9, 0, 0, 16));
    f->n = notify_register(f->t.listener, RTM_VIEW_MASK_UCAST, flags, NULL);
    f->foreign = notify_register(f->t.a, RTM_VIEW_MASK_UCAST, flags, NULL);
    f->foreign6 = notify_register(f->other6, RTM_VIEW_MASK_UCAST, flags, NULL);
    f->route = test_add_route(f->t.a, p, f->t.na1, 10, 1, NULL);
    f->d = test_dest_of(f->t.listener, p);

    f->bad = (struct bad_handles){
        { NULL, FORGED_HANDLE, f->t.na1, f->t.a /* not n's owner */ },
        { NULL, FORGED_HANDLE, f->d, f->t.a, f->foreign, f->foreign6 },
        { NULL, FORGED_HANDLE, f->stale, f->d6, f->route, f->n },
    };
}

static void per_dest_close(struct per_dest *f)
{
    assert_int_equal(test_release_dest_handle(f->t.listener, f->d, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(f->other6, f->d6, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(f->t.a, 1, &f->route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(f->other6, 1, &f->nh6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->other6), NO_ERROR);
    table_close(&f->t);
}

static void test_change_status_codes(void **state)
{
    (void)state;
    struct per_dest f;
    BOOL status = BOOL_SENTINEL;

    per_dest_open(&f, NOTIFY_INSTANCE + 7, RTM_CHANGE_TYPE_ALL);
    for (int i = 0; i < 4; i++)
        assert_int_equal(RtmGetChangeStatus(f.bad.reg[i], f.n, f.d, &status), ERROR_INVALID_HANDLE);
    for (int i = 0; i < 6; i++)
        assert_int_equal(RtmGetChangeStatus(f.t.listener, f.bad.notify[i], f.d, &status),
                         ERROR_INVALID_HANDLE);
    for (int i = 0; i < 6; i++)
        assert_int_equal(RtmGetChangeStatus(f.t.listener, f.n, f.bad.dest[i], &status),
                         ERROR_INVALID_HANDLE);
    assert_int_equal(status, BOOL_SENTINEL);
    assert_int_equal(RtmGetChangeStatus(f.t.listener, f.n, f.d, NULL), ERROR_INVALID_PARAMETER);

    assert_int_equal(RtmGetChangeStatus(f.t.listener, f.n, f.d, &status), NO_ERROR);
    assert_int_equal(status, TRUE);
    expect_one(f.t.listener, f.n, test_ipv4(10, 1, 0, 0, 16));
    assert_int_equal(RtmGetChangeStatus(f.t.listener, f.n, f.d, &status), NO_ERROR);
    assert_int_equal(status, FALSE);
    per_dest_close(&f);
}

static void test_mark_codes(void **state)
{
    (void)state;
    struct per_dest f;
    BOOL status = BOOL_SENTINEL;

    per_dest_open(&f, NOTIFY_INSTANCE + 8, RTM_CHANGE_TYPE_BEST | RTM_NOTIFY_ONLY_MARKED_DESTS);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(RtmMarkDestForChangeNotification(f.bad.reg[i], f.n, f.d, TRUE),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmIsMarkedForChangeNotification(f.bad.reg[i], f.n, f.d, &status),
                         ERROR_INVALID_HANDLE);
    }
    for (int i = 0; i < 6; i++) {
        assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.bad.notify[i], f.d, TRUE),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmIsMarkedForChangeNotification(f.t.listener, f.bad.notify[i], f.d,
                                                          &status),
                         ERROR_INVALID_HANDLE);
    }
    for (int i = 0; i < 6; i++) {
        assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.n, f.bad.dest[i], TRUE),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmIsMarkedForChangeNotification(f.t.listener, f.n, f.bad.dest[i],
                                                          &status),
                         ERROR_INVALID_HANDLE);
    }
    assert_int_equal(status, BOOL_SENTINEL);
    assert_int_equal(RtmIsMarkedForChangeNotification(f.t.listener, f.n, f.d, NULL),
                     ERROR_INVALID_PARAMETER);
    /* None of that marked anything, for any registration. */
    assert_false(marked(f.t.listener, f.n, f.d));
    assert_false(marked(f.t.a, f.foreign, f.d));

    /* NO_ERROR: mark (twice), unmark (twice). */
    assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.n, f.d, TRUE), NO_ERROR);
    assert_true(marked(f.t.listener, f.n, f.d));
    assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.n, f.d, TRUE), NO_ERROR);
    assert_true(marked(f.t.listener, f.n, f.d));
    assert_false(marked(f.t.a, f.foreign, f.d));
    assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.n, f.d, FALSE), NO_ERROR);
    assert_false(marked(f.t.listener, f.n, f.d));
    assert_int_equal(RtmMarkDestForChangeNotification(f.t.listener, f.n, f.d, FALSE), NO_ERROR);
    assert_false(marked(f.t.listener, f.n, f.d));
    per_dest_close(&f);
}

/* ==== the samples ========================================================= */

#define PROTO_TYPE_UCAST 0
#define PROTOCOL_ID(Type, VendorId, ProtocolId) \
    ((((Type) & 0x03) << 30) | (((VendorId) & 0x3FFF) << 16) | ((ProtocolId) & 0xFFFF))
#define PROTO_VENDOR_ID 0xFFFF

static void WINAPI sample_method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                 RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    (void)output;
}

/* spec/rras/register-for-change-notification.md: an entity with an exported
 * method registers for best-route changes in the unicast view, with its own
 * handle as the context, and deregisters. */
static void test_sample_register_for_change_notification(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE this_client = NULL, other_client;
    RTM_ENTITY_INFO entity_info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_EXPORT_METHODS methods;
    PRTM_NOTIFY_HANDLE notify_handle;
    DWORD ret;

    methods.NumMethods = 1;
    methods.Methods[0] = sample_method;
    memset(&entity_info, 0, sizeof entity_info);
    entity_info.RtmInstanceId = NOTIFY_INSTANCE + 30;
    entity_info.AddressFamily = AF_INET;
    entity_info.EntityId.EntityProtocolId = PROTO_IP_RIP;
    entity_info.EntityId.EntityInstanceId = PROTOCOL_ID(PROTO_TYPE_UCAST, PROTO_VENDOR_ID,
                                                        PROTO_IP_RIP);
    ret = RtmRegisterEntity(&entity_info, &methods, NULL, FALSE, &profile, &this_client);
    assert_int_equal(ret, NO_ERROR);

    other_client = this_client;
    notify_handle = test_calloc(1, sizeof(RTM_NOTIFY_HANDLE));
    ret = RtmRegisterForChangeNotification(this_client, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST,
                                           other_client, notify_handle);
    assert_int_equal(ret, NO_ERROR);
    assert_non_null(*notify_handle);

    ret = RtmDeregisterFromChangeNotification(this_client, *notify_handle);
    ret |= RtmDeregisterEntity(this_client);
    assert_int_equal(ret, NO_ERROR);
    test_free(notify_handle);
}

/* spec/rras/use-the-event-notification-callback.md: the callback receives
 * RTM_CHANGE_NOTIFICATION with the notification handle and the context, and
 * reads the changes until RtmGetChangedDests returns none. */
static void test_sample_event_callback(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 31;
    static struct listener l; /* outlives no callback: the entity goes first */
    RTM_ENTITY_INFO entity_info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE listener = NULL, a;
    RTM_NEXTHOP_HANDLE na;
    RTM_NET_ADDRESS p[3] = { test_ipv4(10, 1, 0, 0, 16), test_ipv4(10, 2, 0, 0, 16),
                             test_ipv4(10, 3, 0, 0, 16) };
    RTM_ROUTE_HANDLE routes[3];
    int found[3] = { 0, 0, 0 };

    listener_init(&l, LISTEN_DRAIN);
    memset(&entity_info, 0, sizeof entity_info);
    entity_info.RtmInstanceId = inst;
    entity_info.AddressFamily = AF_INET;
    entity_info.EntityId.EntityProtocolId = PROTO_LISTENER;
    entity_info.EntityId.EntityInstanceId = 1;
    assert_int_equal(RtmRegisterEntity(&entity_info, NULL, listener_callback, FALSE, &profile,
                                       &listener),
                     NO_ERROR);
    /* The callback sizes its buffers from the profile. */
    assert_int_equal(profile.MaxHandlesInEnum, MAX_HANDLES_IN_ENUM);
    assert_int_equal(profile.NumberOfViews, TEST_NUM_VIEWS);
    l.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, &l);

    a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    na = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    for (int i = 0; i < 3; i++)
        routes[i] = test_add_route(a, p[i], na, 10, (ULONG)(i + 1), NULL);
    assert_int_equal(test_wait_count(&l.drained, 3, EVENT_WAIT_MS), 3);
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            if (test_same_prefix(&l.seen[i].addr, &p[j])) {
                found[j]++;
                assert_ptr_equal(l.seen[i].best, routes[j]);
                assert_ptr_equal(l.seen[i].owner, a);
                assert_int_equal(l.seen[i].metric, j + 1);
                assert_int_equal(l.seen[i].routes, 1);
            }
        }
    }
    assert_int_equal(found[0] + found[1] + found[2], 3);
    assert_true(found[0] == 1 && found[1] == 1 && found[2] == 1);
    assert_true(test_counter_get(&l.events) >= 1);

    /* The best route goes: the callback reads the destination with none. */
    route_delete(a, routes[1]);
    assert_int_equal(test_wait_count(&l.drained, 4, EVENT_WAIT_MS), 4);
    assert_true(test_same_prefix(&l.seen[3].addr, &p[1]));
    assert_int_equal(l.seen[3].routes, 0);
    assert_null(l.seen[3].best);
    /* Nothing more to read (an event may still come and find nothing). */
    test_sleep_ms(QUIET_MS);
    assert_int_equal(test_counter_get(&l.drained), 4);
    assert_int_equal(test_counter_get(&l.anomalies), 0);
    assert_int_equal(test_counter_get(&stray_events), 0);

    assert_int_equal(RtmReleaseRoutes(a, 1, &routes[0]), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(a, 1, &routes[2]), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &na), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(listener), NO_ERROR);
}

/* ==== what is reported ==================================================== */

/* Several changes to a destination come as one entry with the latest state;
 * destinations come in the order they first changed. */
static void test_coalescing_and_order(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16),
                    p3 = test_ipv4(10, 3, 0, 0, 16);
    RTM_ROUTE_HANDLE r1, r2, r3;
    struct test_dest_state seen[4];
    RTM_NOTIFY_HANDLE n;

    table_open(&t, NOTIFY_INSTANCE + 10);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    r1 = test_add_route(t.a, p1, t.na1, 10, 5, NULL);
    r2 = test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    route_set_pref(t.a, r1, p1, t.na1, 10, 7, RTM_VIEW_MASK_UCAST);
    r3 = test_add_route(t.a, p3, t.na1, 10, 4, NULL);
    route_set_pref(t.a, r1, p1, t.na1, 10, 9, RTM_VIEW_MASK_UCAST);
    route_set_pref(t.a, r2, p2, t.na1, 10, 3, RTM_VIEW_MASK_UCAST);

    assert_int_equal(drain(t.listener, n, seen, 4), 3);
    assert_true(test_same_prefix(&seen[0].addr, &p1));
    assert_true(test_same_prefix(&seen[1].addr, &p2));
    assert_true(test_same_prefix(&seen[2].addr, &p3));
    assert_int_equal(seen[0].metric, 9);
    assert_int_equal(seen[1].metric, 3);
    assert_int_equal(seen[2].metric, 4);
    assert_ptr_equal(seen[0].best, r1);
    assert_ptr_equal(seen[1].best, r2);
    assert_ptr_equal(seen[2].best, r3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(seen[i].routes, 1);
    expect_none(t.listener, n);

    /* A new round: the order is that of this round's first changes. */
    route_set_pref(t.a, r3, p3, t.na1, 10, 40, RTM_VIEW_MASK_UCAST);
    route_set_pref(t.a, r1, p1, t.na1, 10, 90, RTM_VIEW_MASK_UCAST);
    route_set_pref(t.a, r3, p3, t.na1, 10, 41, RTM_VIEW_MASK_UCAST);
    assert_int_equal(drain(t.listener, n, seen, 4), 2);
    assert_true(test_same_prefix(&seen[0].addr, &p3));
    assert_true(test_same_prefix(&seen[1].addr, &p1));
    assert_int_equal(seen[0].metric, 41);
    assert_int_equal(seen[1].metric, 90);

    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r1), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r2), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r3), NO_ERROR);
    table_close(&t);
}

/* A destination whose last route goes is reported with no routes, also
 * when it came and went between two reads. */
static void test_deleted_destination(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16), q = test_ipv4(10, 2, 0, 0, 16);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_NOTIFY_HANDLE n;
    RTM_ROUTE_HANDLE r;
    UINT count;

    table_open(&t, NOTIFY_INSTANCE + 11);
    n = notify_register(t.listener, BOTH_VIEWS, RTM_CHANGE_TYPE_ALL, NULL);
    r = test_add_route_views(t.a, p, t.na1, 10, 1, BOTH_VIEWS, NULL);
    expect_one(t.listener, n, p);
    route_delete(t.a, r);

    count = 1;
    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, info), ERROR_NO_MORE_ITEMS);
    assert_int_equal(count, 1);
    assert_true(test_same_prefix(&info->DestAddress, &p));
    assert_non_null(info->DestHandle);
    assert_int_equal(info->BelongsToViews, 0);
    assert_int_equal(info->NumberOfViews, TEST_NUM_VIEWS);
    for (UINT v = 0; v < info->NumberOfViews; v++) {
        assert_int_equal(info->ViewInfo[v].NumRoutes, 0);
        assert_null(info->ViewInfo[v].Route);
        assert_null(info->ViewInfo[v].Owner);
        assert_null(info->ViewInfo[v].HoldRoute);
    }
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, info), NO_ERROR);
    /* The destination is gone from the table. */
    assert_int_equal(test_route_count(t.listener, p, NULL), 0);

    /* Added and deleted between two reads: one entry, no routes. */
    r = test_add_route(t.a, q, t.na1, 10, 1, NULL);
    route_delete(t.a, r);
    struct test_dest_state s = one_change(t.listener, n);
    assert_true(test_same_prefix(&s.addr, &q));
    assert_int_equal(s.routes, 0);
    assert_null(s.best);
    table_close(&t);
    test_free(info);
}

/* RTM_CHANGE_NOTIFICATION comes once until the client has read every
 * change, then again at the next change. */
static void test_event_once_until_drained(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 12;
    static struct listener l;
    RTM_ENTITY_HANDLE listener = test_register_with(inst, AF_INET, PROTO_LISTENER, 1, NULL, listener_callback, FALSE, NULL);
    RTM_ENTITY_HANDLE a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE na = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16),
                    p3 = test_ipv4(10, 3, 0, 0, 16);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_ROUTE_HANDLE r1;
    UINT count;

    listener_init(&l, LISTEN_COUNT);
    l.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, &l);
    expect_events(&l, 0);

    r1 = test_add_route(a, p1, na, 10, 1, NULL);
    assert_int_equal(test_wait_count(&l.events, 1, EVENT_WAIT_MS), 1);
    test_add_route(a, p2, na, 10, 1, NULL);
    route_set_pref(a, r1, p1, na, 10, 2, RTM_VIEW_MASK_UCAST);
    expect_events(&l, 1);

    /* Reading part of the changes sends none either. */
    count = 1;
    assert_int_equal(RtmGetChangedDests(listener, l.notify, &count, info), NO_ERROR);
    assert_int_equal(count, 1);
    assert_int_equal(RtmReleaseChangedDests(listener, l.notify, count, info), NO_ERROR);
    test_add_route(a, p3, na, 10, 1, NULL);
    expect_events(&l, 1);

    /* Read to the end: the next change sends one, once. */
    expect_changed(listener, l.notify, (RTM_NET_ADDRESS[]){ p2, p3 }, 2);
    expect_events(&l, 1);
    route_set_pref(a, r1, p1, na, 10, 3, RTM_VIEW_MASK_UCAST);
    assert_int_equal(test_wait_count(&l.events, 2, EVENT_WAIT_MS), 2);
    route_set_pref(a, r1, p1, na, 10, 4, RTM_VIEW_MASK_UCAST);
    expect_events(&l, 2);
    expect_one(listener, l.notify, p1);

    assert_int_equal(RtmReleaseRoutes(a, 1, &r1), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &na), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(listener), NO_ERROR);
    test_free(info);
}

/* RTM_CHANGE_TYPE_ALL sees any change of any route; RTM_CHANGE_TYPE_BEST
 * none of a route that is not the best. */
static void test_all_sees_worse_routes(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_NOTIFY_HANDLE all, best;
    RTM_ROUTE_HANDLE ra, rb;

    table_open(&t, NOTIFY_INSTANCE + 13);
    all = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    best = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL);
    ra = test_add_route(t.a, p, t.na1, 10, 1, NULL);
    expect_one(t.listener, all, p);
    expect_one(t.listener, best, p);

    /* A worse route is added, changed, deleted. */
    rb = test_add_route(t.b, p, t.nb1, 20, 1, NULL);
    expect_one(t.listener, all, p);
    expect_none(t.listener, best);
    route_set_pref(t.b, rb, p, t.nb1, 20, 5, RTM_VIEW_MASK_UCAST);
    expect_one(t.listener, all, p);
    expect_none(t.listener, best);
    route_delete(t.b, rb);
    expect_one(t.listener, all, p);
    expect_none(t.listener, best);

    assert_int_equal(RtmReleaseRoutes(t.a, 1, &ra), NO_ERROR);
    table_close(&t);
}

/* RTM_CHANGE_TYPE_BEST sees the best route change, and its metric, next
 * hops and flags change; an update that changes nothing is no change. */
static void test_best_sees_best_route_changes(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    /* Room for two next hops (RTM_SIZE_OF_ROUTE_INFO(n) has room for n - 1). */
    RTM_ROUTE_INFO *info = test_calloc(1, RTM_SIZE_OF_ROUTE_INFO(3));
    RTM_NOTIFY_HANDLE best;
    RTM_ROUTE_HANDLE ra, rb;
    struct test_dest_state s;

    table_open(&t, NOTIFY_INSTANCE + 14);
    best = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL);
    ra = test_add_route(t.a, p, t.na1, 10, 1, NULL);
    s = one_change(t.listener, best);
    assert_ptr_equal(s.best, ra);

    route_set_pref(t.a, ra, p, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    s = one_change(t.listener, best);
    assert_int_equal(s.metric, 2);

    /* Another next hop (the same Neighbour). */
    *info = test_route(t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    info->NextHopsList.NextHops[0] = t.na2;
    route_update(t.a, ra, p, info);
    s = one_change(t.listener, best);
    assert_int_equal(s.nexthops, 1);
    /* One more next hop. */
    info->NextHopsList.NumNextHops = 2;
    info->NextHopsList.NextHops[1] = t.na1;
    route_update(t.a, ra, p, info);
    s = one_change(t.listener, best);
    assert_int_equal(s.nexthops, 2);
    /* The same again: nothing changed. */
    route_update(t.a, ra, p, info);
    expect_none(t.listener, best);
    /* One next hop fewer. */
    info->NextHopsList.NumNextHops = 1;
    route_update(t.a, ra, p, info);
    s = one_change(t.listener, best);
    assert_int_equal(s.nexthops, 1);
    /* A flag. */
    info->Flags = RTM_ROUTE_FLAGS_LOCAL;
    route_update(t.a, ra, p, info);
    s = one_change(t.listener, best);
    assert_int_equal(s.flags, RTM_ROUTE_FLAGS_LOCAL);

    /* A better route comes, and goes. */
    rb = test_add_route(t.b, p, t.nb1, 5, 1, NULL);
    s = one_change(t.listener, best);
    assert_ptr_equal(s.best, rb);
    assert_int_equal(s.routes, 2);
    route_delete(t.b, rb);
    s = one_change(t.listener, best);
    assert_ptr_equal(s.best, ra);
    assert_int_equal(s.routes, 1);

    /* The best route goes. */
    route_delete(t.a, ra);
    s = one_change(t.listener, best);
    assert_null(s.best);
    table_close(&t);
    test_free(info);
}

/* RTM_CHANGE_TYPE_FORWARDING sees best-route changes, except those of flags
 * outside RTM_ROUTE_FLAGS_FORWARDING. */
static void test_forwarding(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_NOTIFY_HANDLE fwd, best;
    RTM_ROUTE_HANDLE ra, rb;
    RTM_ROUTE_INFO info;

    table_open(&t, NOTIFY_INSTANCE + 15);
    fwd = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, NULL);
    best = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL);
    ra = test_add_route(t.a, p, t.na1, 10, 1, NULL);
    expect_one(t.listener, fwd, p);
    expect_one(t.listener, best, p);

    /* A flag that does not affect forwarding. */
    info = test_route(t.na1, 10, 1, RTM_VIEW_MASK_UCAST);
    info.Flags = RTM_ROUTE_FLAGS_LOCAL;
    route_update(t.a, ra, p, &info);
    expect_none(t.listener, fwd);
    expect_one(t.listener, best, p);
    /* The next hop. */
    info.NextHopsList.NextHops[0] = t.na2;
    route_update(t.a, ra, p, &info);
    expect_one(t.listener, fwd, p);
    expect_one(t.listener, best, p);
    /* The metric. */
    info.PrefInfo.Metric = 2;
    route_update(t.a, ra, p, &info);
    expect_one(t.listener, fwd, p);
    expect_one(t.listener, best, p);
    /* A flag that does. */
    info.Flags = RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_DISCARD;
    route_update(t.a, ra, p, &info);
    expect_one(t.listener, fwd, p);
    expect_one(t.listener, best, p);

    /* A worse route: neither; a better one: both. */
    rb = test_add_route(t.b, p, t.nb1, 20, 1, NULL);
    expect_none(t.listener, fwd);
    expect_none(t.listener, best);
    route_set_pref(t.b, rb, p, t.nb1, 5, 1, RTM_VIEW_MASK_UCAST);
    expect_one(t.listener, fwd, p);
    expect_one(t.listener, best, p);

    assert_int_equal(RtmReleaseRoutes(t.a, 1, &ra), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.b, 1, &rb), NO_ERROR);
    table_close(&t);
}

/* A registration sees the changes of its views only. */
static void test_views(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS pu = test_ipv4(10, 1, 0, 0, 16), pm = test_ipv4(10, 2, 0, 0, 16),
                    pb = test_ipv4(10, 3, 0, 0, 16);
    RTM_NOTIFY_HANDLE mcast, ucast, both;
    RTM_ROUTE_HANDLE ru, rm, rb;

    table_open(&t, NOTIFY_INSTANCE + 16);
    mcast = notify_register(t.listener, RTM_VIEW_MASK_MCAST,
                            RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING,
                            NULL);
    ucast = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    both = notify_register(t.listener, BOTH_VIEWS, RTM_CHANGE_TYPE_BEST, NULL);

    /* Unicast routes: added, changed, a worse one, deleted. */
    ru = test_add_route(t.a, pu, t.na1, 10, 1, NULL);
    route_set_pref(t.a, ru, pu, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE worse = test_add_route(t.b, pu, t.nb1, 20, 1, NULL);
    expect_none(t.listener, mcast);
    expect_one(t.listener, ucast, pu);
    expect_one(t.listener, both, pu);
    route_delete(t.b, worse);
    route_delete(t.a, ru);
    expect_none(t.listener, mcast);
    expect_one(t.listener, ucast, pu);
    expect_one(t.listener, both, pu);

    /* A multicast route. */
    rm = test_add_route_views(t.a, pm, t.na1, 10, 1, RTM_VIEW_MASK_MCAST, NULL);
    expect_one(t.listener, mcast, pm);
    expect_none(t.listener, ucast);
    expect_one(t.listener, both, pm);

    /* A route in both views. */
    rb = test_add_route_views(t.a, pb, t.na1, 10, 1, BOTH_VIEWS, NULL);
    expect_one(t.listener, mcast, pb);
    expect_one(t.listener, ucast, pb);
    expect_one(t.listener, both, pb);
    /* It leaves the multicast view. */
    route_set_pref(t.a, rb, pb, t.na1, 10, 1, RTM_VIEW_MASK_UCAST);
    expect_one(t.listener, mcast, pb);
    expect_one(t.listener, ucast, pb);
    expect_one(t.listener, both, pb);
    /* Now a unicast route only. */
    route_set_pref(t.a, rb, pb, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    expect_none(t.listener, mcast);
    expect_one(t.listener, ucast, pb);

    assert_int_equal(RtmReleaseRoutes(t.a, 1, &rm), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &rb), NO_ERROR);
    table_close(&t);
}

/* RTM_NOTIFY_ONLY_MARKED_DESTS: only the destinations marked for that
 * registration. */
static void test_only_marked_dests(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    RTM_NOTIFY_HANDLE marked_only, every;
    RTM_ROUTE_HANDLE r1, r2;
    RTM_DEST_HANDLE d1, d2;

    table_open(&t, NOTIFY_INSTANCE + 17);
    marked_only = notify_register(t.listener, RTM_VIEW_MASK_UCAST,
                                  RTM_CHANGE_TYPE_ALL | RTM_NOTIFY_ONLY_MARKED_DESTS, NULL);
    every = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    r2 = test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    expect_none(t.listener, marked_only);
    expect_changed(t.listener, every, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);
    d1 = test_dest_of(t.listener, p1);
    d2 = test_dest_of(t.listener, p2);

    /* Marked for one registration, not for the other. */
    assert_false(marked(t.listener, marked_only, d1));
    assert_int_equal(RtmMarkDestForChangeNotification(t.listener, marked_only, d1, TRUE), NO_ERROR);
    assert_true(marked(t.listener, marked_only, d1));
    assert_false(marked(t.listener, marked_only, d2));
    assert_false(marked(t.listener, every, d1));
    route_set_pref(t.a, r2, p2, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    route_set_pref(t.a, r1, p1, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    expect_one(t.listener, marked_only, p1);
    expect_changed(t.listener, every, (RTM_NET_ADDRESS[]){ p2, p1 }, 2);

    /* Unmarked: no more; a change queued before stays. */
    route_set_pref(t.a, r1, p1, t.na1, 10, 3, RTM_VIEW_MASK_UCAST);
    assert_int_equal(RtmMarkDestForChangeNotification(t.listener, marked_only, d1, FALSE), NO_ERROR);
    assert_false(marked(t.listener, marked_only, d1));
    assert_true(change_pending(t.listener, marked_only, d1));
    route_set_pref(t.a, r2, p2, t.na1, 10, 3, RTM_VIEW_MASK_UCAST);
    struct test_dest_state s = one_change(t.listener, marked_only);
    assert_true(test_same_prefix(&s.addr, &p1));
    assert_int_equal(s.metric, 3);
    route_set_pref(t.a, r1, p1, t.na1, 10, 4, RTM_VIEW_MASK_UCAST);
    expect_none(t.listener, marked_only);
    expect_changed(t.listener, every, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d2, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r1), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r2), NO_ERROR);
    table_close(&t);
}

/* A mark ends with its destination (its last route goes) and with its
 * registration: a later registration, which may get the same internal
 * slot, finds nothing marked. */
static void test_marks_end(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    const RTM_NOTIFY_FLAGS flags = RTM_CHANGE_TYPE_ALL | RTM_NOTIFY_ONLY_MARKED_DESTS;
    RTM_NOTIFY_HANDLE n, later;
    RTM_ROUTE_HANDLE r1, r2;
    RTM_DEST_HANDLE d1, d1_again, d2;

    table_open(&t, NOTIFY_INSTANCE + 18);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, flags, NULL);
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    r2 = test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    d1 = test_dest_of(t.listener, p1);
    d2 = test_dest_of(t.listener, p2);
    assert_int_equal(RtmMarkDestForChangeNotification(t.listener, n, d1, TRUE), NO_ERROR);
    assert_int_equal(RtmMarkDestForChangeNotification(t.listener, n, d2, TRUE), NO_ERROR);

    /* The destination goes: that change is reported, and the mark ends. */
    route_delete(t.a, r1);
    struct test_dest_state s = one_change(t.listener, n);
    assert_true(test_same_prefix(&s.addr, &p1));
    assert_int_equal(s.routes, 0);
    assert_false(marked(t.listener, n, d1));
    /* Marking a deleted destination is harmless and marks nothing. */
    assert_int_equal(RtmMarkDestForChangeNotification(t.listener, n, d1, TRUE), NO_ERROR);
    assert_false(marked(t.listener, n, d1));
    /* The prefix comes back: a new destination, not marked. */
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    d1_again = test_dest_of(t.listener, p1);
    assert_ptr_not_equal(d1_again, d1);
    assert_false(marked(t.listener, n, d1_again));
    expect_none(t.listener, n);

    /* The registration ends; the next one finds nothing marked. */
    assert_int_equal(RtmDeregisterFromChangeNotification(t.listener, n), NO_ERROR);
    later = notify_register(t.listener, RTM_VIEW_MASK_UCAST, flags, NULL);
    assert_false(marked(t.listener, later, d1));
    assert_false(marked(t.listener, later, d1_again));
    assert_false(marked(t.listener, later, d2));
    route_set_pref(t.a, r2, p2, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    route_set_pref(t.a, r1, p1, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    expect_none(t.listener, later);

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d1_again, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d2, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r1), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r2), NO_ERROR);
    table_close(&t);
}

/* RtmGetChangeStatus: TRUE while a change is queued for that registration,
 * FALSE once RtmGetChangedDests has returned it. */
static void test_change_status(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_NOTIFY_HANDLE n1, n2;
    RTM_ROUTE_HANDLE r1;
    RTM_DEST_HANDLE d1, d2;
    UINT count;

    table_open(&t, NOTIFY_INSTANCE + 19);
    n1 = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    n2 = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    d1 = test_dest_of(t.listener, p1);
    d2 = test_dest_of(t.listener, p2);
    assert_true(change_pending(t.listener, n1, d1));
    assert_true(change_pending(t.listener, n1, d2));
    assert_true(change_pending(t.listener, n2, d1));

    /* Read one: that one is FALSE, for that registration only. */
    count = 1;
    assert_int_equal(RtmGetChangedDests(t.listener, n1, &count, info), NO_ERROR);
    assert_int_equal(count, 1);
    assert_int_equal(RtmReleaseChangedDests(t.listener, n1, count, info), NO_ERROR);
    assert_false(change_pending(t.listener, n1, d1));
    assert_true(change_pending(t.listener, n1, d2));
    assert_true(change_pending(t.listener, n2, d1));
    expect_one(t.listener, n1, p2);
    assert_false(change_pending(t.listener, n1, d2));
    expect_changed(t.listener, n2, (RTM_NET_ADDRESS[]){ p1, p2 }, 2);
    assert_false(change_pending(t.listener, n2, d1));

    /* A new change: TRUE again, for that destination only. */
    route_set_pref(t.a, r1, p1, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    assert_true(change_pending(t.listener, n1, d1));
    assert_false(change_pending(t.listener, n1, d2));
    expect_one(t.listener, n1, p1);
    assert_false(change_pending(t.listener, n1, d1));

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.listener, d2, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r1), NO_ERROR);
    table_close(&t);
    test_free(info);
}

/* RtmIgnoreChangedDests drops a pending change; a later change is reported
 * as usual. */
static void test_ignore_drops_pending_change(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p1 = test_ipv4(10, 1, 0, 0, 16), p2 = test_ipv4(10, 2, 0, 0, 16),
                    p3 = test_ipv4(10, 3, 0, 0, 16);
    RTM_NOTIFY_HANDLE n;
    RTM_ROUTE_HANDLE r1;
    RTM_DEST_HANDLE d1;

    table_open(&t, NOTIFY_INSTANCE + 20);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    r1 = test_add_route(t.a, p1, t.na1, 10, 1, NULL);
    test_add_route(t.a, p2, t.na1, 10, 1, NULL);
    d1 = test_dest_of(t.listener, p1);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, &d1), NO_ERROR);
    assert_false(change_pending(t.listener, n, d1));
    expect_one(t.listener, n, p2);

    /* Changed again after being ignored: reported. */
    route_set_pref(t.a, r1, p1, t.na1, 10, 2, RTM_VIEW_MASK_UCAST);
    assert_true(change_pending(t.listener, n, d1));
    expect_one(t.listener, n, p1);

    /* Ignored, then changed again before the read: reported once, with
     * the latest state. */
    route_set_pref(t.a, r1, p1, t.na1, 10, 3, RTM_VIEW_MASK_UCAST);
    test_add_route(t.a, p3, t.na1, 10, 1, NULL);
    assert_int_equal(RtmIgnoreChangedDests(t.listener, n, 1, &d1), NO_ERROR);
    route_set_pref(t.a, r1, p1, t.na1, 10, 4, RTM_VIEW_MASK_UCAST);
    struct test_dest_state seen[3];
    assert_int_equal(drain(t.listener, n, seen, 3), 2);
    assert_true(test_same_prefix(&seen[0].addr, &p1) || test_same_prefix(&seen[1].addr, &p1));
    assert_true(test_same_prefix(&seen[0].addr, &p3) || test_same_prefix(&seen[1].addr, &p3));
    assert_int_equal(test_same_prefix(&seen[0].addr, &p1) ? seen[0].metric : seen[1].metric, 4);

    assert_int_equal(test_release_dest_handle(t.listener, d1, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.a, 1, &r1), NO_ERROR);
    table_close(&t);
}

/* After RtmDeregisterFromChangeNotification the handle is invalid for every
 * function, also when the registration is ended from inside its own
 * RTM_CHANGE_NOTIFICATION callback; no event comes afterwards. */
static void test_deregister_invalidates_handle(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 21;
    static struct listener l0, l;
    RTM_ENTITY_HANDLE listener = test_register_with(inst, AF_INET, PROTO_LISTENER, 1, NULL, listener_callback, FALSE, NULL);
    RTM_ENTITY_HANDLE a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE na = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_NOTIFY_HANDLE n;
    RTM_ROUTE_HANDLE r;
    RTM_DEST_HANDLE d;
    BOOL status = BOOL_SENTINEL;
    UINT count = 1;

    /* Ended with a change queued, after its event. */
    listener_init(&l0, LISTEN_COUNT);
    n = l0.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, &l0);
    r = test_add_route(a, p, na, 10, 1, NULL);
    assert_int_equal(test_wait_count(&l0.events, 1, EVENT_WAIT_MS), 1);
    d = test_dest_of(listener, p);
    assert_int_equal(RtmMarkDestForChangeNotification(listener, n, d, TRUE), NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(listener, n), NO_ERROR);
    assert_int_equal(RtmGetChangedDests(listener, n, &count, info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseChangedDests(listener, n, 0, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIgnoreChangedDests(listener, n, 1, &d), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangeStatus(listener, n, d, &status), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmMarkDestForChangeNotification(listener, n, d, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsMarkedForChangeNotification(listener, n, d, &status),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterFromChangeNotification(listener, n), ERROR_INVALID_HANDLE);
    assert_int_equal(status, BOOL_SENTINEL);
    assert_int_equal(count, 1);
    expect_events(&l0, 1);

    /* Ended by its own callback, which then finds the handle invalid. */
    listener_init(&l, LISTEN_DEREGISTER);
    l.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, &l);
    route_set_pref(a, r, p, na, 10, 2, RTM_VIEW_MASK_UCAST);
    assert_int_equal(test_wait_count(&l.events, 1, EVENT_WAIT_MS), 1);
    assert_int_equal(l.deregister_status, NO_ERROR);
    assert_int_equal(l.get_status, ERROR_INVALID_HANDLE);
    assert_int_equal(l.deregister_again_status, ERROR_INVALID_HANDLE);
    route_set_pref(a, r, p, na, 10, 3, RTM_VIEW_MASK_UCAST);
    expect_events(&l, 1);
    count = 1;
    assert_int_equal(RtmGetChangedDests(listener, l.notify, &count, info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetChangeStatus(listener, l.notify, d, &status), ERROR_INVALID_HANDLE);

    assert_int_equal(test_release_dest_handle(listener, d, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(a, 1, &r), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &na), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(listener), NO_ERROR);
    test_free(info);
}

/* RtmDeregisterEntity ends the entity's registrations: their slots are
 * free again and no event comes for them. */
static void test_entity_deregistration_ends_registrations(void **state)
{
    (void)state;
    const USHORT inst = NOTIFY_INSTANCE + 22;
    static struct listener l1, l2;
    RTM_ENTITY_HANDLE listener = test_register_with(inst, AF_INET, PROTO_LISTENER, 1, NULL, listener_callback, FALSE, NULL);
    RTM_ENTITY_HANDLE a = test_register(inst, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE na = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_NOTIFY_HANDLE others[MAX_NOTIFICATIONS], h = SENTINEL;
    RTM_ROUTE_HANDLE r;
    int n = 0;

    listener_init(&l1, LISTEN_COUNT);
    listener_init(&l2, LISTEN_COUNT);
    l1.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, &l1);
    l2.notify = notify_register(listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, &l2);
    while (n < MAX_NOTIFICATIONS - 2)
        others[n++] = notify_register(a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NO_SYSTEM_RESOURCES);

    r = test_add_route(a, p, na, 10, 1, NULL);
    assert_int_equal(test_wait_count(&l1.events, 1, EVENT_WAIT_MS), 1);
    assert_int_equal(test_wait_count(&l2.events, 1, EVENT_WAIT_MS), 1);

    /* Deregistered with changes queued: the two slots are free, and no
     * event comes any more. */
    assert_int_equal(RtmDeregisterEntity(listener), NO_ERROR);
    others[n++] = notify_register(a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    others[n++] = notify_register(a, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &h),
                     ERROR_NO_SYSTEM_RESOURCES);
    assert_ptr_equal(h, SENTINEL);
    route_set_pref(a, r, p, na, 10, 2, RTM_VIEW_MASK_UCAST);
    route_delete(a, r);
    expect_events(&l1, 1);
    expect_events(&l2, 1);
    /* Their handles are gone with them. */
    assert_int_equal(RtmDeregisterFromChangeNotification(a, l1.notify), ERROR_INVALID_HANDLE);

    for (int i = 0; i < n; i++)
        expect_changed(a, others[i], &p, 1);
    assert_int_equal(RtmReleaseNextHops(a, 1, &na), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* Changes made in place (RtmLockRoute, RtmUpdateAndUnlockRoute) are
 * notified. */
static void test_in_place_update(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_NOTIFY_HANDLE all, best;
    RTM_ROUTE_HANDLE ra, rb;
    PRTM_ROUTE_INFO pointer = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    struct test_dest_state s;

    table_open(&t, NOTIFY_INSTANCE + 23);
    all = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    best = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL);
    ra = test_add_route(t.a, p, t.na1, 10, 1, NULL);
    rb = test_add_route(t.b, p, t.nb1, 20, 1, NULL);
    expect_one(t.listener, all, p);
    expect_one(t.listener, best, p);

    /* The best route's metric. */
    assert_int_equal(RtmLockRoute(t.a, ra, TRUE, TRUE, &pointer), NO_ERROR);
    pointer->PrefInfo.Metric = 42;
    assert_int_equal(RtmUpdateAndUnlockRoute(t.a, ra, INFINITE, NULL, 0, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    s = one_change(t.listener, all);
    assert_int_equal(s.metric, 42);
    s = one_change(t.listener, best);
    assert_int_equal(s.metric, 42);
    assert_ptr_equal(s.best, ra);

    /* The worse route's metric: ALL only. */
    assert_int_equal(RtmLockRoute(t.b, rb, TRUE, TRUE, &pointer), NO_ERROR);
    pointer->PrefInfo.Metric = 7;
    assert_int_equal(RtmUpdateAndUnlockRoute(t.b, rb, INFINITE, NULL, 0, NULL, &flags), NO_ERROR);
    expect_one(t.listener, all, p);
    expect_none(t.listener, best);

    /* The worse route becomes the best. */
    assert_int_equal(RtmLockRoute(t.b, rb, TRUE, TRUE, &pointer), NO_ERROR);
    pointer->PrefInfo.Preference = 5;
    assert_int_equal(RtmUpdateAndUnlockRoute(t.b, rb, INFINITE, NULL, 0, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    expect_one(t.listener, all, p);
    s = one_change(t.listener, best);
    assert_ptr_equal(s.best, rb);

    assert_int_equal(RtmReleaseRoutes(t.a, 1, &ra), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.b, 1, &rb), NO_ERROR);
    table_close(&t);
}

/* An entry of RtmGetChangedDests describes both views, with a client
 * reference per handle, which RtmReleaseChangedDests drops. */
static void test_changed_dest_info(void **state)
{
    (void)state;
    struct table t;
    RTM_NET_ADDRESS p = test_ipv4(10, 1, 0, 0, 16);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_ROUTE_INFO route;
    RTM_NOTIFY_HANDLE n;
    RTM_ROUTE_HANDLE r, held;
    UINT count = 1;

    table_open(&t, NOTIFY_INSTANCE + 24);
    n = notify_register(t.listener, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL);
    r = test_add_route_views(t.a, p, t.na1, 10, 1, RTM_VIEW_MASK_MCAST, NULL);
    expect_none(t.listener, n); /* a multicast route */
    route_set_pref(t.a, r, p, t.na1, 10, 1, BOTH_VIEWS);

    assert_int_equal(RtmGetChangedDests(t.listener, n, &count, info), ERROR_NO_MORE_ITEMS);
    assert_int_equal(count, 1);
    assert_true(test_same_prefix(&info->DestAddress, &p));
    assert_non_null(info->DestHandle);
    assert_int_equal(info->BelongsToViews, BOTH_VIEWS);
    assert_int_equal(info->NumberOfViews, 2);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
    for (int v = 0; v < 2; v++) {
        assert_int_equal(info->ViewInfo[v].NumRoutes, 1);
        assert_ptr_equal(info->ViewInfo[v].Route, r);
        assert_ptr_equal(info->ViewInfo[v].Owner, t.a);
        assert_null(info->ViewInfo[v].HoldRoute);
    }

    /* The entry's references keep the deleted route readable until it is
     * released. */
    held = info->ViewInfo[0].Route;
    route_delete(t.a, r);
    assert_int_equal(RtmGetRouteInfo(t.listener, held, &route, NULL), NO_ERROR);
    assert_int_equal(route.State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(RtmReleaseRouteInfo(t.listener, &route), NO_ERROR);
    assert_int_equal(RtmReleaseChangedDests(t.listener, n, count, info), NO_ERROR);
    assert_int_equal(RtmGetRouteInfo(t.listener, held, &route, NULL), ERROR_INVALID_HANDLE);

    table_close(&t);
    test_free(info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_codes),
        cmocka_unit_test(test_register_limit),
        cmocka_unit_test(test_deregister_codes),
        cmocka_unit_test(test_get_changed_dests_codes),
        cmocka_unit_test(test_release_changed_dests_codes),
        cmocka_unit_test(test_ignore_codes),
        cmocka_unit_test(test_change_status_codes),
        cmocka_unit_test(test_mark_codes),
        cmocka_unit_test(test_sample_register_for_change_notification),
        cmocka_unit_test(test_sample_event_callback),
        cmocka_unit_test(test_coalescing_and_order),
        cmocka_unit_test(test_deleted_destination),
        cmocka_unit_test(test_event_once_until_drained),
        cmocka_unit_test(test_all_sees_worse_routes),
        cmocka_unit_test(test_best_sees_best_route_changes),
        cmocka_unit_test(test_forwarding),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_only_marked_dests),
        cmocka_unit_test(test_marks_end),
        cmocka_unit_test(test_change_status),
        cmocka_unit_test(test_ignore_drops_pending_change),
        cmocka_unit_test(test_deregister_invalidates_handle),
        cmocka_unit_test(test_entity_deregistration_ends_registrations),
        cmocka_unit_test(test_in_place_update),
        cmocka_unit_test(test_changed_dest_info),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
