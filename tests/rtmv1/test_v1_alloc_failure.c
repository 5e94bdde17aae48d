/*
 * test_v1_alloc_failure.c - every RTMv1 call that allocates, with each of
 * its allocations failing in turn: the 1st, then the 2nd, ... until the
 * call needs no more and succeeds. A failed call must return the error
 * its documentation gives for that allocation (ERROR_NOT_ENOUGH_MEMORY for
 * a client, a route entry or an enumeration; ERROR_NO_SYSTEM_RESOURCES for
 * the messages to other clients, a route's timer, or the handle table) and
 * leave no trace: both tables' routes as before (time stamps included), no
 * message queued, the live objects of each type (RtmDiagGetObjectCounts)
 * and the library's allocation balance as before the call. The calls that
 * must not allocate at all are checked too. Every iteration starts from a
 * fresh fixture and ends by deregistering it, after which the live objects
 * and the balance must be back to their values at the start.
 *
 * INTERNAL: linked with the library's objects and the failing allocator
 * of tests/support/failing_alloc.c, which fails only the calling thread's
 * allocations (so never an expiry's, on a worker thread). Besides that it
 * uses the public API (and RTM_HANDLE_REUSE_DELAY for the warm-up).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "base/handle.h"
#include "rtm_diag.h"
#include "rtm_test.h"
#include "v1_test.h"

#define PROTO_WATCH 901
#define PROTO_ME 902
#define PROTO_OTHER 903
#define PROTO_NEW 904
#define PROTO_KEEPER 905
#define MAX_ATTEMPTS 32
#define MAX_ROUTES 16
#define NET1 V1_IP(10, 1, 0, 0)
#define HOP V1_IP(192, 0, 2, 1)

/* What every iteration starts from (fixture_setup). */
struct fixture {
    HANDLE event_watch, event_me;
    HANDLE watcher;  /* an IP client with an event: receives messages */
    HANDLE me;       /* makes most calls; its route is the best of NET1 */
    HANDLE other;    /* a worse route to NET1, one to 10.2/16 */
    RTM_IP_ROUTE route; /* me's route, as stored */
    HANDLE enumeration; /* over the IP table */
    HANDLE created;  /* what a call made: a client, an enumeration */
};

/* One call under test: its name, the call, what undoes its success, and
 * the error of each failed allocation in turn (the last one repeats; all
 * zero: the call must not allocate). */
struct op {
    const char *name;
    DWORD (*call)(struct fixture *f);
    void (*undo)(struct fixture *f);
    DWORD errors[6];
};

static HANDLE keeper;                   /* keeps the IP table's index */
static struct fixture *current;         /* the iteration in progress */
static RTM_DIAG_OBJECT_COUNTS base_counts;
static long base_blocks;

static void object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    memset(c, 0, sizeof *c);
    c->Size = sizeof *c;
    assert_int_equal(RtmDiagGetObjectCounts(c), NO_ERROR);
}

/* The live objects are back to base_counts, the balance to base_blocks
 * (waiting, at most 5 s, for routes an expiry timer still holds). */
static void assert_back_to_base(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    object_counts(&c);
    for (int waited = 0; memcmp(&c, &base_counts, sizeof c) && waited < 5000; waited++) {
        test_sleep_ms(1);
        object_counts(&c);
    }
    assert_memory_equal(&c, &base_counts, sizeof c);
    assert_int_equal(test_alloc_outstanding(), base_blocks);
}

/* ---- the fixture --------------------------------------------------------- */

static void fixture_setup(struct fixture *f)
{
    RTM_IP_ROUTE route = v1_ip_route(NET1, 16, 1, HOP, 5);
    RTM_IP_ROUTE worse = v1_ip_route(NET1, 16, 2, HOP, 9);
    RTM_IP_ROUTE second = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 2, HOP, 9);
    DWORD flags;

    memset(f, 0, sizeof *f);
    f->event_watch = v1_event_create();
    f->event_me = v1_event_create();
    f->watcher = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_WATCH, f->event_watch, 0);
    f->me = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_ME, f->event_me, 0);
    f->other = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_OTHER, NULL, 0);
    assert_int_equal(RtmAddRoute(f->me, &route, INFINITE, &flags, &f->route, NULL), NO_ERROR);
    v1_add(f->other, &worse, INFINITE);
    v1_add(f->other, &second, INFINITE);
    v1_drain(f->watcher);
    v1_drain(f->me);
    f->enumeration = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->enumeration);
}

static void fixture_cleanup(struct fixture *f)
{
    assert_int_equal(RtmCloseEnumerationHandle(f->enumeration), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->watcher), NO_ERROR);
    if (f->me)
        assert_int_equal(RtmDeregisterClient(f->me), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->other), NO_ERROR);
    v1_event_close(f->event_watch);
    v1_event_close(f->event_me);
    assert_back_to_base();
}

/* The state the checks compare: the routes, the live objects, the balance. */
struct state {
    RTM_IP_ROUTE ip[MAX_ROUTES];
    unsigned routes;
    ULONG networks;
    RTM_DIAG_OBJECT_COUNTS counts;
    long blocks;
};

static void state_take(struct state *s)
{
    memset(s, 0, sizeof *s);
    s->blocks = test_alloc_outstanding();
    object_counts(&s->counts);
    s->networks = RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP);
    for (DWORD st = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, &s->ip[0]);
         st == NO_ERROR && ++s->routes < MAX_ROUTES;) {
        s->ip[s->routes] = s->ip[s->routes - 1];
        st = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &s->ip[s->routes]);
    }
}

/* ---- the calls ----------------------------------------------------------- */

static DWORD call_register(struct fixture *f)
{
    f->created = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_NEW, f->event_me, 0);
    return f->created ? NO_ERROR : GetLastError();
}

static void undo_register(struct fixture *f)
{
    assert_int_equal(RtmDeregisterClient(f->created), NO_ERROR);
}

static DWORD call_deregister(struct fixture *f)
{
    return RtmDeregisterClient(f->me);
}

static void undo_deregister(struct fixture *f)
{
    f->me = NULL;
    assert_int_equal(v1_drain(f->watcher), 1); /* NET1: to other's route */
}

/* me adds a route; its best-route change goes to the watcher. */
static DWORD add(struct fixture *f, RTM_IP_ROUTE route, DWORD ttl)
{
    DWORD flags;

    return RtmAddRoute(f->me, &route, ttl, &flags, NULL, NULL);
}

static DWORD call_add_network(struct fixture *f)
{
    return add(f, v1_ip_route(V1_IP(10, 9, 0, 0), 16, 1, HOP, 1), INFINITE);
}

static DWORD call_add_network_ttl(struct fixture *f)
{
    return add(f, v1_ip_route(V1_IP(10, 9, 0, 0), 16, 1, HOP, 1), 3600);
}

static DWORD call_add_to_network(struct fixture *f)
{
    return add(f, v1_ip_route(NET1, 16, 7, HOP, 1), INFINITE);
}

static DWORD call_update(struct fixture *f)
{
    return add(f, v1_ip_route(NET1, 16, 1, HOP, 4), INFINITE);
}

static DWORD call_update_ttl(struct fixture *f)
{
    return add(f, v1_ip_route(NET1, 16, 1, HOP, 4), 3600);
}

static void undo_change(struct fixture *f)
{
    assert_int_equal(v1_drain(f->watcher), 1);
}

static DWORD call_delete(struct fixture *f)
{
    DWORD flags;

    return RtmDeleteRoute(f->me, &f->route, &flags, NULL);
}

static DWORD call_block_delete(struct fixture *f)
{
    return RtmBlockDeleteRoutes(f->me, 0, NULL);
}

static void undo_block_delete(struct fixture *f)
{
    assert_int_equal(v1_drain(f->watcher), 1);
    assert_int_equal(v1_drain(f->me), 1); /* the caller is told too */
}

static DWORD call_create_enum(struct fixture *f)
{
    f->created = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK,
                                            &f->route);
    return f->created ? NO_ERROR : GetLastError();
}

static void undo_create_enum(struct fixture *f)
{
    assert_int_equal(RtmCloseEnumerationHandle(f->created), NO_ERROR);
}

static DWORD call_enum_next(struct fixture *f)
{
    RTM_IP_ROUTE route;

    return RtmEnumerateGetNextRoute(f->enumeration, &route);
}

static DWORD call_queries(struct fixture *f)
{
    IP_NETWORK net = f->route.RR_Network;
    RTM_IP_ROUTE route;
    DWORD flags;

    if (!RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &net, &route) ||
        !RtmLookupIPDestination(NET1 + 1, &route) ||
        RtmGetRouteAge(&route) == INFINITE || !RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP))
        return ERROR_INVALID_DATA;
    if (RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route) != NO_ERROR ||
        RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route) != NO_ERROR)
        return ERROR_INVALID_DATA;
    return RtmDequeueRouteChangeMessage(f->watcher, &flags, NULL, NULL) == ERROR_NO_MESSAGES
               ? NO_ERROR
               : ERROR_INVALID_DATA;
}

#define NEM ERROR_NOT_ENOUGH_MEMORY
#define NSR ERROR_NO_SYSTEM_RESOURCES
static const struct op ops[] = {
    { "RtmRegisterClient", call_register, undo_register, { NEM } },
    { "RtmDeregisterClient", call_deregister, undo_deregister, { NSR } },
    /* The message, the route, the network, the index's nodes. */
    { "RtmAddRoute, new network", call_add_network, undo_change, { NSR, NEM } },
    /* The message, the route, its timer, the network, the index's nodes. */
    { "RtmAddRoute, new network with TimeToLive", call_add_network_ttl, undo_change,
      { NSR, NEM, NSR, NEM } },
    { "RtmAddRoute, existing network", call_add_to_network, undo_change, { NSR, NEM } },
    { "RtmAddRoute, update", call_update, undo_change, { NSR } },
    { "RtmAddRoute, update with TimeToLive", call_update_ttl, undo_change, { NSR, NSR } },
    { "RtmDeleteRoute", call_delete, undo_change, { NSR } },
    { "RtmBlockDeleteRoutes", call_block_delete, undo_block_delete, { NSR } },
    { "RtmCreateEnumerationHandle", call_create_enum, undo_create_enum, { NEM } },
    { "RtmEnumerateGetNextRoute", call_enum_next, NULL, { 0 } },
    { "RtmIsRoute, RtmLookupIPDestination, RtmGetRouteAge, RtmGetNetworkCount, "
      "RtmGetFirstRoute, RtmGetNextRoute, RtmDequeueRouteChangeMessage",
      call_queries, NULL, { 0 } },
};
#undef NEM
#undef NSR

/* The error the n-th allocation's failure must give (n from 1). */
static DWORD error_of(const struct op *op, long n)
{
    size_t last = 0;

    while (last + 1 < sizeof op->errors / sizeof *op->errors && op->errors[last + 1])
        last++;
    return op->errors[(size_t)(n - 1) < last ? (size_t)(n - 1) : last];
}

/* ---- the test ------------------------------------------------------------ */

/* One iteration: fails the n-th allocation of the call. Returns whether
 * it failed (else the call succeeded without reaching it). */
static int attempt(const struct op *op, long n)
{
    struct fixture f;
    struct state before, after;
    DWORD status, flags;
    int failed;

    fixture_setup(&f);
    current = &f;
    state_take(&before);
    test_alloc_fail_nth(n);
    status = op->call(&f);
    failed = test_alloc_failed();
    test_alloc_fail_nth(0);

    if (!failed) {
        if (status != NO_ERROR)
            fail_msg("%s: %lu without an allocation failing", op->name, (unsigned long)status);
        if (op->undo)
            op->undo(&f);
    } else {
        if (!op->errors[0])
            fail_msg("%s allocated", op->name);
        if (status != error_of(op, n))
            fail_msg("%s: allocation %ld failed, the call returned %lu, expected %lu", op->name,
                     n, (unsigned long)status, (unsigned long)error_of(op, n));
        state_take(&after);
        if (after.blocks != before.blocks)
            fail_msg("%s: allocation %ld failed: %ld blocks leaked", op->name, n,
                     after.blocks - before.blocks);
        assert_memory_equal(&after, &before, sizeof after);
        assert_int_equal(RtmDequeueRouteChangeMessage(f.watcher, &flags, NULL, NULL),
                         ERROR_NO_MESSAGES);
    }
    fixture_cleanup(&f);
    current = NULL;
    return failed;
}

/* After a failed test: deregisters what its fixture left, so that the
 * next tests start clean, and takes the base values again. */
static int op_teardown(void **state)
{
    (void)state;
    if (current) {
        RtmCloseEnumerationHandle(current->enumeration);
        RtmDeregisterClient(current->watcher);
        RtmDeregisterClient(current->me);
        RtmDeregisterClient(current->other);
        current = NULL;
        object_counts(&base_counts);
        base_blocks = test_alloc_outstanding();
    }
    return 0;
}

static void test_op(void **state)
{
    const struct op *op = *state;
    long n = 1;

    while (attempt(op, n)) {
        n++;
        if (n > MAX_ATTEMPTS)
            fail_msg("%s: still failing after %d allocations", op->name, MAX_ATTEMPTS);
    }
    print_message("%s: %ld allocation(s) failed in turn\n", op->name, n - 1);
    assert_int_equal(n > 1, op->errors[0] != 0);
}

/*
 * The process's first object, a client: its memory (ERROR_NOT_ENOUGH_MEMORY)
 * and the handle table's first segment (ERROR_NO_SYSTEM_RESOURCES: no slot
 * to be had), in turn. Runs before anything else made an object.
 */
static void first_object(void **state)
{
    static const DWORD errors[] = { ERROR_NOT_ENOUGH_MEMORY, ERROR_NO_SYSTEM_RESOURCES };
    long blocks = test_alloc_outstanding();
    HANDLE client;
    (void)state;

    for (long n = 1; n <= 2; n++) {
        test_alloc_fail_nth(n);
        client = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IPX, PROTO_NEW, NULL, 0);
        assert_true(test_alloc_failed());
        test_alloc_fail_nth(0);
        assert_null(client);
        assert_int_equal(GetLastError(), errors[n - 1]);
        assert_int_equal(test_alloc_outstanding(), blocks);
    }
    client = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_NEW, NULL, 0);
    assert_int_equal(RtmDeregisterClient(client), NO_ERROR);
}

/*
 * Keepers make both tables' indexes (kept for good once made), then objects are created and freed until every
 * later object reuses a freed handle slot: the handle table allocates slot
 * segments that it keeps for good, which would otherwise count as a call's
 * allocation.
 */
static int group_setup(void **state)
{
    RTM_IP_ROUTE ip = v1_ip_route(V1_IP(1, 0, 0, 0), 8, 1, HOP, 1);
    RTM_IPX_ROUTE ipx = v1_ipx_route(1, 1, 1, 1, 1);
    HANDLE ipx_keeper;
    (void)state;

    keeper = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_KEEPER, NULL, 0);
    v1_add(keeper, &ip, INFINITE);
    ipx_keeper = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_KEEPER, NULL, 0);
    v1_add(ipx_keeper, &ipx, INFINITE);
    assert_int_equal(RtmDeregisterClient(ipx_keeper), NO_ERROR); /* the index stays */
    for (unsigned i = 0; i < 2 * RTM_HANDLE_REUSE_DELAY; i++) {
        HANDLE e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
        assert_non_null(e);
        assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    }
    object_counts(&base_counts);
    base_blocks = test_alloc_outstanding();
    return 0;
}

static int group_teardown(void **state)
{
    assert_int_equal(RtmDeregisterClient(keeper), NO_ERROR);
    return v1_teardown(state);
}

int main(void)
{
    const struct CMUnitTest first[] = {
        cmocka_unit_test(first_object),
    };
    struct CMUnitTest tests[sizeof ops / sizeof ops[0]];
    int failed;

    failed = cmocka_run_group_tests(first, NULL, NULL);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        struct CMUnitTest t = { ops[i].name, test_op, NULL, op_teardown, (void *)&ops[i] };
        tests[i] = t;
    }
    return failed | cmocka_run_group_tests(tests, group_setup, group_teardown);
}
