/*
 * test_v1_bad_input.c - RTMv1's bad-input matrix: every implemented RTMv1
 * export (def/rtm.exports `impl` rows of API RTMv1) called with bad
 * arguments returns the error its documentation gives (for the functions
 * that return a handle, a BOOL or a count: their failure value and that
 * last error) and changes nothing, through the public API. The matrix of
 * the other exports is tests/unit/test_bad_input.c, built the same way.
 *
 * Each export has a row: a wrapper that calls it with one value per
 * parameter slot, and the kind of each slot. With every other slot valid,
 * a slot gets in turn each bad value of its kind: NULL for a pointer
 * (unless NULL is allowed: optional outputs), for a client or enumeration
 * handle NULL, forged values, a stale handle (a deregistered client, a
 * closed enumeration), a handle of the other kind and an RTMv2 entity's
 * handle (ERROR_INVALID_HANDLE); unknown families, flags and TimeToLives
 * (ERROR_INVALID_PARAMETER). Special rows cover the rest: masks that are
 * not contiguous, routes the table does not have, a client without a
 * change event, a protocol registered already, time stamps in the future.
 *
 * After every call the tables must be as before: both families' routes
 * (every member, time stamps included), no message queued for the
 * fixture's clients (RtmDequeueRouteChangeMessage returns
 * ERROR_NO_MESSAGES: which also shows they are still registered) and the
 * live objects (RtmDiagGetObjectCounts) as they were, so that no call
 * left a client or an enumeration behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_diag.h"
#include "rtm_test.h"
#include "v1_test.h"

/* The wrappers share one signature; many need no fixture. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define PROTO_ME 801
#define PROTO_OTHER 802
#define PROTO_QUIET 803   /* a client without a change event */
#define PROTO_NEW 804     /* registered by no one */
#define RTMV2_INSTANCE 7200
#define TTL_LIMIT 2147483u /* the longest finite TimeToLive, in seconds */
#define MAX_SLOTS 6
#define MAX_BAD 16
#define MAX_ROUTES 16

enum kind {
    K_END,     /* no more slots */
    K_ANY,     /* a value no bad value exists for */
    K_PTR,     /* a pointer: a valid buffer, or NULL */
    K_CLIENT,  /* a registered client's handle */
    K_ENUM,    /* an open enumeration's handle */
    K_FAMILY,  /* a protocol family */
    K_FLAGS,   /* RTM_ONLY_* flags */
    K_EVENT,   /* a change event (NULL allowed) */
    K_REGFLAGS,/* RtmRegisterClient's flags */
    K_TTL      /* a TimeToLive */
};

static const char *const kind_names[] = {
    "", "value", "pointer", "client handle", "enumeration handle", "protocol family",
    "enumeration flags", "change event", "registration flags", "TimeToLive",
};

#define NULL_OK 1 /* NULL is a valid value of the pointer (no NULL case) */

struct slot {
    enum kind kind;
    unsigned flags;
};

/* ---- the fixture --------------------------------------------------------- */

struct fx {
    const char *export;
    HANDLE event_me, event_other, event_ipx;
    HANDLE me, other, quiet, ipx;      /* registered clients */
    HANDLE stale_client, stale_enum;   /* deregistered, closed */
    HANDLE enumeration;                /* open, over the IP table */
    RTM_ENTITY_HANDLE entity;          /* an RTMv2 entity */
    RTM_IP_ROUTE my_route;             /* me's route, as stored */
    RTM_IP_ROUTE criteria;             /* RTM_ONLY_THIS_NETWORK of my_route */
    struct snapshot {
        ULONG networks[2];
        unsigned routes[2];
        RTM_IP_ROUTE ip[MAX_ROUTES];
        RTM_IPX_ROUTE ipx[MAX_ROUTES];
        RTM_DIAG_OBJECT_COUNTS counts;
    } before, after;
    int cases, failures;
};

static void object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    memset(c, 0, sizeof *c);
    c->Size = sizeof *c;
    assert_int_equal(RtmDiagGetObjectCounts(c), NO_ERROR);
}

/* The routes of a family, in order, into routes (room for MAX_ROUTES of
 * size bytes); returns how many. */
static unsigned walk(DWORD family, void *routes, size_t size)
{
    char *p = routes;
    unsigned n = 0;
    DWORD status = RtmGetFirstRoute(family, 0, p);

    while (status == NO_ERROR && ++n < MAX_ROUTES) {
        memcpy(p + n * size, p + (n - 1) * size, size);
        status = RtmGetNextRoute(family, 0, p + n * size);
    }
    return n;
}

static void snapshot_take(struct snapshot *s)
{
    memset(s, 0, sizeof *s);
    s->networks[0] = RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX);
    s->networks[1] = RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP);
    s->routes[0] = walk(RTM_PROTOCOL_FAMILY_IPX, s->ipx, sizeof s->ipx[0]);
    s->routes[1] = walk(RTM_PROTOCOL_FAMILY_IP, s->ip, sizeof s->ip[0]);
    object_counts(&s->counts);
}

/* What differs between two snapshots, or NULL. */
static const char *snapshot_diff(const struct snapshot *a, const struct snapshot *b)
{
    if (memcmp(a->networks, b->networks, sizeof a->networks))
        return "network counts";
    if (memcmp(a->routes, b->routes, sizeof a->routes))
        return "route counts";
    if (memcmp(a->ip, b->ip, a->routes[1] * sizeof a->ip[0]))
        return "IP routes";
    if (memcmp(a->ipx, b->ipx, a->routes[0] * sizeof a->ipx[0]))
        return "IPX routes";
    if (memcmp(&a->counts, &b->counts, sizeof a->counts))
        return "live objects";
    return NULL;
}

static int setup(void **state)
{
    struct fx *f = test_calloc(1, sizeof *f);
    RTM_IP_ROUTE mine = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, V1_IP(192, 0, 2, 1), 2);
    RTM_IP_ROUTE others = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 2, V1_IP(192, 0, 2, 2), 5);
    RTM_IP_ROUTE others2 = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 2, V1_IP(192, 0, 2, 2), 5);
    RTM_IPX_ROUTE ipx = v1_ipx_route(0x4242, 3, 7, 2, 1);
    DWORD flags;

    f->export = *state;
    f->event_me = v1_event_create();
    f->event_other = v1_event_create();
    f->event_ipx = v1_event_create();
    f->me = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_ME, f->event_me, 0);
    f->other = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_OTHER, f->event_other, 0);
    f->quiet = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_QUIET, NULL, 0);
    f->ipx = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_ME, f->event_ipx, 0);
    f->stale_client = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_NEW, NULL, 0);
    assert_int_equal(RtmDeregisterClient(f->stale_client), NO_ERROR);
    assert_int_equal(RtmAddRoute(f->me, &mine, INFINITE, &flags, &f->my_route, NULL), NO_ERROR);
    v1_add(f->other, &others, INFINITE);
    v1_add(f->other, &others2, INFINITE);
    v1_add(f->ipx, &ipx, INFINITE);
    v1_drain(f->me);
    v1_drain(f->other);
    f->criteria = f->my_route;
    f->stale_enum = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->stale_enum);
    assert_int_equal(RtmCloseEnumerationHandle(f->stale_enum), NO_ERROR);
    f->enumeration = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);
    assert_non_null(f->enumeration);
    f->entity = test_register(RTMV2_INSTANCE, AF_INET, 1, 1, FALSE);
    snapshot_take(&f->before);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    assert_int_equal(RtmCloseEnumerationHandle(f->enumeration), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->me), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->other), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->quiet), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->ipx), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f->entity), NO_ERROR);
    object_counts(&f->after.counts);
    assert_int_equal(f->after.counts.V1Clients, 0);
    assert_int_equal(f->after.counts.V1Routes, 0);
    assert_int_equal(f->after.counts.V1Enumerations, 0);
    v1_event_close(f->event_me);
    v1_event_close(f->event_other);
    v1_event_close(f->event_ipx);
    test_free(f);
    return v1_teardown(state);
}

/* Checks one bad call: its status, and that nothing changed. */
static void expect(struct fx *f, const char *what, DWORD got, DWORD want)
{
    const char *diff;
    DWORD flags;

    f->cases++;
    snapshot_take(&f->after);
    diff = snapshot_diff(&f->before, &f->after);
    if (!diff && (RtmDequeueRouteChangeMessage(f->me, &flags, NULL, NULL) != ERROR_NO_MESSAGES ||
                  RtmDequeueRouteChangeMessage(f->other, &flags, NULL, NULL) != ERROR_NO_MESSAGES ||
                  RtmDequeueRouteChangeMessage(f->ipx, &flags, NULL, NULL) != ERROR_NO_MESSAGES))
        diff = "a message queued, or a client gone";
    if (got != want || diff) {
        print_error("%s, %s: returned %lu, expected %lu%s%s\n", f->export, what,
                    (unsigned long)got, (unsigned long)want, diff ? "; changed " : "",
                    diff ? diff : "");
        f->failures++;
        if (diff)
            snapshot_take(&f->before); /* later comparisons: with now */
    }
}

/* ---- the generated matrix ------------------------------------------------ */

#define PTR(i, p) (a[i] ? (p) : NULL)

struct row {
    const char *export;
    DWORD (*call)(struct fx *f, const uintptr_t *a);
    struct slot slots[MAX_SLOTS];
};

static uintptr_t valid_value(struct fx *f, const struct slot *s)
{
    switch (s->kind) {
    case K_PTR:
        return 1; /* any non-NULL value: the wrapper points at its buffer */
    case K_CLIENT:
        return (uintptr_t)f->me;
    case K_ENUM:
        return (uintptr_t)f->enumeration;
    case K_FAMILY:
        return RTM_PROTOCOL_FAMILY_IP;
    case K_FLAGS:
        return RTM_ONLY_THIS_NETWORK;
    case K_EVENT:
        return (uintptr_t)f->event_me;
    case K_TTL:
        return INFINITE;
    default:
        return 0;
    }
}

struct bad {
    uintptr_t value;
    DWORD expected;
    const char *what;
};

static UINT bad_values(struct fx *f, const struct slot *s, struct bad *out)
{
    static const uintptr_t forged[] = { 1, 0x12345678, ~(uintptr_t)0 };
    UINT n = 0;

#define BAD(v, e, w) (out[n++] = (struct bad){ (uintptr_t)(v), (e), (w) })
    switch (s->kind) {
    case K_PTR:
        if (!(s->flags & NULL_OK))
            BAD(NULL, ERROR_INVALID_PARAMETER, "NULL");
        break;
    case K_CLIENT:
    case K_ENUM:
        BAD(NULL, ERROR_INVALID_HANDLE, "NULL");
        for (size_t i = 0; i < sizeof forged / sizeof *forged; i++)
            BAD(forged[i], ERROR_INVALID_HANDLE, "forged");
        BAD(f, ERROR_INVALID_HANDLE, "a pointer as handle");
        BAD(f->entity, ERROR_INVALID_HANDLE, "an RTMv2 entity's handle");
        BAD((uintptr_t)valid_value(f, s) ^ ((uintptr_t)1 << (sizeof(uintptr_t) * 8 - 1)),
            ERROR_INVALID_HANDLE, "a valid handle with its top bit flipped");
        if (s->kind == K_CLIENT) {
            BAD(f->stale_client, ERROR_INVALID_HANDLE, "a deregistered client");
            BAD(f->enumeration, ERROR_INVALID_HANDLE, "an enumeration");
        } else {
            BAD(f->stale_enum, ERROR_INVALID_HANDLE, "a closed enumeration");
            BAD(f->me, ERROR_INVALID_HANDLE, "a client");
        }
        break;
    case K_FAMILY:
        BAD(2, ERROR_INVALID_PARAMETER, "family 2");
        BAD(0xFFFFFFFFu, ERROR_INVALID_PARAMETER, "family 0xFFFFFFFF");
        break;
    case K_FLAGS:
        BAD(0x10, ERROR_INVALID_PARAMETER, "flag 0x10");
        BAD(RTM_ONLY_THIS_NETWORK | 0x80000000u, ERROR_INVALID_PARAMETER, "flag 0x80000000");
        break;
    case K_REGFLAGS:
        BAD(2, ERROR_INVALID_PARAMETER, "flag 2");
        BAD(0x80000001u, ERROR_INVALID_PARAMETER, "flag 0x80000000");
        break;
    case K_EVENT:
        BAD(0x12345678, ERROR_INVALID_PARAMETER, "a forged event");
        break;
    case K_TTL:
        BAD(TTL_LIMIT + 1, ERROR_INVALID_PARAMETER, "2147484 seconds");
        BAD(INFINITE - 1, ERROR_INVALID_PARAMETER, "INFINITE - 1");
        break;
    default:
        break;
    }
#undef BAD
    assert_true(n <= MAX_BAD);
    return n;
}

static void run_matrix(struct fx *f, const struct row *row)
{
    uintptr_t a[MAX_SLOTS];
    struct bad bad[MAX_BAD];

    for (int i = 0; i < MAX_SLOTS && row->slots[i].kind != K_END; i++) {
        UINT n = bad_values(f, &row->slots[i], bad);
        for (UINT b = 0; b < n; b++) {
            char what[128];
            for (int j = 0; j < MAX_SLOTS; j++)
                a[j] = valid_value(f, &row->slots[j]);
            a[i] = bad[b].value;
            snprintf(what, sizeof what, "slot %d (%s): %s", i, kind_names[row->slots[i].kind],
                     bad[b].what);
            expect(f, what, row->call(f, a), bad[b].expected);
        }
    }
}

/* ---- wrappers ------------------------------------------------------------ */

/* The result of a function that returns a value: NO_ERROR when it
 * succeeded, else the last error (preset to a value no call sets). */
#define STALE_ERROR 0xBEEFu

static DWORD w_register(struct fx *f, const uintptr_t *a)
{
    HANDLE h;

    SetLastError(STALE_ERROR);
    h = RtmRegisterClient((DWORD)a[0], PROTO_NEW, (HANDLE)a[2], (DWORD)a[3]);
    if (!h)
        return GetLastError();
    assert_int_equal(RtmDeregisterClient(h), NO_ERROR);
    return NO_ERROR;
}

static DWORD w_deregister(struct fx *f, const uintptr_t *a)
{
    return RtmDeregisterClient((HANDLE)a[0]);
}

static DWORD w_dequeue(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE cur, prev;
    DWORD flags;

    return RtmDequeueRouteChangeMessage((HANDLE)a[0], PTR(1, &flags), PTR(2, &cur),
                                        PTR(3, &prev));
}

static DWORD w_add(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route = f->my_route, cur, prev;
    DWORD flags;

    route.RR_FamilySpecificData.FSD_Metric = 1; /* would be a change */
    return RtmAddRoute((HANDLE)a[0], PTR(1, &route), (DWORD)a[2], PTR(3, &flags), PTR(4, &cur),
                       PTR(5, &prev));
}

static DWORD w_delete(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route = f->my_route, cur;
    DWORD flags;

    return RtmDeleteRoute((HANDLE)a[0], PTR(1, &route), PTR(2, &flags), PTR(3, &cur));
}

static DWORD w_is_route(struct fx *f, const uintptr_t *a)
{
    IP_NETWORK net = f->my_route.RR_Network;
    RTM_IP_ROUTE best;

    SetLastError(STALE_ERROR);
    return RtmIsRoute((DWORD)a[0], PTR(1, &net), PTR(2, &best)) ? NO_ERROR : GetLastError();
}

static DWORD w_network_count(struct fx *f, const uintptr_t *a)
{
    SetLastError(STALE_ERROR);
    return RtmGetNetworkCount((DWORD)a[0]) ? NO_ERROR : GetLastError();
}

static DWORD w_route_age(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route = f->my_route;

    SetLastError(STALE_ERROR);
    return RtmGetRouteAge(PTR(0, &route)) != INFINITE ? NO_ERROR : GetLastError();
}

static DWORD w_create_enum(struct fx *f, const uintptr_t *a)
{
    HANDLE e;

    SetLastError(STALE_ERROR);
    e = RtmCreateEnumerationHandle((DWORD)a[0], (DWORD)a[1], PTR(2, &f->criteria));
    if (!e)
        return GetLastError();
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    return NO_ERROR;
}

static DWORD w_enum_next(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route;

    return RtmEnumerateGetNextRoute((HANDLE)a[0], PTR(1, &route));
}

static DWORD w_enum_close(struct fx *f, const uintptr_t *a)
{
    return RtmCloseEnumerationHandle((HANDLE)a[0]);
}

static DWORD w_block_delete(struct fx *f, const uintptr_t *a)
{
    return RtmBlockDeleteRoutes((HANDLE)a[0], (DWORD)a[1], PTR(2, &f->criteria));
}

static DWORD w_first(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route = f->criteria;

    return RtmGetFirstRoute((DWORD)a[0], (DWORD)a[1], PTR(2, &route));
}

static DWORD w_next(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route = f->criteria;

    return RtmGetNextRoute((DWORD)a[0], (DWORD)a[1], PTR(2, &route));
}

static DWORD w_lookup(struct fx *f, const uintptr_t *a)
{
    RTM_IP_ROUTE route;

    SetLastError(STALE_ERROR);
    return RtmLookupIPDestination(V1_IP(10, 1, 2, 3), PTR(1, &route)) ? NO_ERROR : GetLastError();
}

#define S(k) { (k), 0 }
#define OPT { K_PTR, NULL_OK }
static const struct row rows[] = {
    { "RtmRegisterClient", w_register, { S(K_FAMILY), S(K_ANY), { K_EVENT, 0 }, S(K_REGFLAGS) } },
    { "RtmDeregisterClient", w_deregister, { S(K_CLIENT) } },
    { "RtmDequeueRouteChangeMessage", w_dequeue, { S(K_CLIENT), S(K_PTR), OPT, OPT } },
    { "RtmAddRoute", w_add, { S(K_CLIENT), S(K_PTR), S(K_TTL), S(K_PTR), OPT, OPT } },
    { "RtmDeleteRoute", w_delete, { S(K_CLIENT), S(K_PTR), S(K_PTR), OPT } },
    { "RtmIsRoute", w_is_route, { S(K_FAMILY), S(K_PTR), S(K_PTR) } },
    { "RtmGetNetworkCount", w_network_count, { S(K_FAMILY) } },
    { "RtmGetRouteAge", w_route_age, { S(K_PTR) } },
    { "RtmCreateEnumerationHandle", w_create_enum, { S(K_FAMILY), S(K_FLAGS), S(K_PTR) } },
    { "RtmEnumerateGetNextRoute", w_enum_next, { S(K_ENUM), S(K_PTR) } },
    { "RtmCloseEnumerationHandle", w_enum_close, { S(K_ENUM) } },
    { "RtmBlockDeleteRoutes", w_block_delete, { S(K_CLIENT), S(K_FLAGS), S(K_PTR) } },
    { "RtmGetFirstRoute", w_first, { S(K_FAMILY), S(K_FLAGS), S(K_PTR) } },
    { "RtmGetNextRoute", w_next, { S(K_FAMILY), S(K_FLAGS), S(K_PTR) } },
    { "RtmLookupIPDestination", w_lookup, { S(K_ANY), S(K_PTR) } },
};
#undef S
#undef OPT

/* ---- special rows -------------------------------------------------------- */

/* A route of the fixture with a mask that is not contiguous. */
static RTM_IP_ROUTE holed(const struct fx *f)
{
    RTM_IP_ROUTE r = f->my_route;

    r.RR_Network.N_NetMask = 0xFF00FF00u;
    return r;
}

static DWORD s_register_existing(struct fx *f)
{
    SetLastError(STALE_ERROR);
    return RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_OTHER, NULL, 0) ? NO_ERROR
                                                                        : GetLastError();
}

static DWORD s_dequeue_without_event(struct fx *f)
{
    DWORD flags;

    return RtmDequeueRouteChangeMessage(f->quiet, &flags, NULL, NULL);
}

static DWORD s_add_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);
    DWORD flags;

    return RtmAddRoute(f->me, &r, INFINITE, &flags, NULL, NULL);
}

static DWORD s_delete_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);
    DWORD flags;

    return RtmDeleteRoute(f->me, &r, &flags, NULL);
}

static DWORD s_delete_absent(struct fx *f)
{
    RTM_IP_ROUTE r = f->my_route;
    DWORD flags;

    r.RR_InterfaceID = 99;
    return RtmDeleteRoute(f->me, &r, &flags, NULL);
}

static DWORD s_delete_others(struct fx *f)
{
    RTM_IP_ROUTE r = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 2, V1_IP(192, 0, 2, 2), 5);
    DWORD flags;

    return RtmDeleteRoute(f->me, &r, &flags, NULL);
}

static DWORD s_is_route_mask(struct fx *f)
{
    IP_NETWORK n = { V1_IP(10, 1, 0, 0), 0x00FFFF00u };
    RTM_IP_ROUTE best;

    SetLastError(STALE_ERROR);
    return RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &n, &best) ? NO_ERROR : GetLastError();
}

static DWORD s_route_age_future(struct fx *f)
{
    RTM_IP_ROUTE r = f->my_route;

    v1_set_stamp(&r, v1_now() + 3600 * V1_SECOND);
    SetLastError(STALE_ERROR);
    return RtmGetRouteAge(&r) != INFINITE ? NO_ERROR : GetLastError();
}

static DWORD s_enum_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);

    SetLastError(STALE_ERROR);
    return RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &r)
               ? NO_ERROR
               : GetLastError();
}

static DWORD s_enum_none(struct fx *f)
{
    RTM_IP_ROUTE r = f->criteria;

    r.RR_InterfaceID = 99;
    SetLastError(STALE_ERROR);
    return RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_INTERFACE, &r)
               ? NO_ERROR
               : GetLastError();
}

static DWORD s_block_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);

    return RtmBlockDeleteRoutes(f->me, RTM_ONLY_THIS_NETWORK, &r);
}

static DWORD s_block_none(struct fx *f)
{
    RTM_IP_ROUTE r = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 0, 0, 0); /* only other's */

    return RtmBlockDeleteRoutes(f->me, RTM_ONLY_THIS_NETWORK, &r);
}

static DWORD s_block_other_protocol(struct fx *f)
{
    RTM_IP_ROUTE r = f->criteria;

    r.RR_RoutingProtocol = PROTO_OTHER;
    return RtmBlockDeleteRoutes(f->me, RTM_ONLY_THIS_PROTOCOL, &r);
}

static DWORD s_first_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);

    return RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &r);
}

static DWORD s_next_mask(struct fx *f)
{
    RTM_IP_ROUTE r = holed(f);

    return RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &r);
}

static DWORD s_next_none(struct fx *f)
{
    RTM_IP_ROUTE r = v1_ip_route(V1_IP(255, 255, 255, 255), 32, 0, 0, 0);

    return RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &r);
}

static DWORD s_lookup_none(struct fx *f)
{
    RTM_IP_ROUTE r;

    SetLastError(STALE_ERROR);
    return RtmLookupIPDestination(V1_IP(11, 0, 0, 1), &r) ? ERROR_INVALID_DATA : GetLastError();
}

struct special {
    const char *export;
    const char *what;
    DWORD (*call)(struct fx *f);
    DWORD expected;
};

static const struct special specials[] = {
    { "RtmRegisterClient", "a protocol registered already", s_register_existing,
      ERROR_CLIENT_ALREADY_EXISTS },
    { "RtmDequeueRouteChangeMessage", "a client without an event", s_dequeue_without_event,
      ERROR_INVALID_HANDLE },
    { "RtmAddRoute", "a mask that is not contiguous", s_add_mask, ERROR_INVALID_PARAMETER },
    { "RtmDeleteRoute", "a mask that is not contiguous", s_delete_mask, ERROR_INVALID_PARAMETER },
    { "RtmDeleteRoute", "a route the table does not have", s_delete_absent, ERROR_NO_SUCH_ROUTE },
    { "RtmDeleteRoute", "another client's route", s_delete_others, ERROR_NO_SUCH_ROUTE },
    { "RtmIsRoute", "a mask that is not contiguous", s_is_route_mask, ERROR_INVALID_PARAMETER },
    { "RtmGetRouteAge", "a time stamp in the future", s_route_age_future,
      ERROR_INVALID_PARAMETER },
    { "RtmCreateEnumerationHandle", "a mask that is not contiguous", s_enum_mask,
      ERROR_INVALID_PARAMETER },
    { "RtmCreateEnumerationHandle", "criteria no route meets", s_enum_none, ERROR_NO_ROUTES },
    { "RtmBlockDeleteRoutes", "a mask that is not contiguous", s_block_mask,
      ERROR_INVALID_PARAMETER },
    { "RtmBlockDeleteRoutes", "a network of other clients only", s_block_none, ERROR_NO_ROUTES },
    { "RtmBlockDeleteRoutes", "another protocol", s_block_other_protocol, ERROR_NO_ROUTES },
    { "RtmGetFirstRoute", "a mask that is not contiguous", s_first_mask, ERROR_INVALID_PARAMETER },
    { "RtmGetNextRoute", "a mask that is not contiguous", s_next_mask, ERROR_INVALID_PARAMETER },
    { "RtmGetNextRoute", "after the last route", s_next_none, ERROR_NO_ROUTES },
    { "RtmLookupIPDestination", "an address no network holds", s_lookup_none, NO_ERROR },
};

/* ---- the tests ----------------------------------------------------------- */

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

/* RTMv1's exports, from def/rtm.exports. */
#define RTM_EXPORT(api, name, bytes, returns, failure, status) { #api, #name, #status },
static const struct {
    const char *api, *name, *status;
} exports[] = {
#include "rtm_exports.inc"
};
#undef RTM_EXPORT

static int has_row(const char *name)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (strcmp(rows[i].export, name) == 0)
            return 1;
    return 0;
}

/* Every implemented RTMv1 export has a row, every row is of one, and every
 * special row is of an export with a row. */
static void test_every_export(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof exports / sizeof *exports; i++) {
        int v1_impl = !strcmp(exports[i].api, "RTMv1") && !strcmp(exports[i].status, "impl");
        if (v1_impl && !has_row(exports[i].name))
            fail_msg("%s has no row in RTMv1's bad-input matrix", exports[i].name);
        if (!v1_impl && has_row(exports[i].name))
            fail_msg("%s has a row but is no implemented RTMv1 export", exports[i].name);
    }
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
        if (!has_row(specials[i].export))
            fail_msg("special row of %s, which has no row", specials[i].export);
}

int main(void)
{
    struct CMUnitTest tests[sizeof rows / sizeof *rows + 1];
    size_t n = 0;

    tests[n++] = (struct CMUnitTest){ "every implemented RTMv1 export has a row",
                                      test_every_export, NULL, NULL, NULL };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        tests[n++] = (struct CMUnitTest){ rows[i].export, test_export, setup, teardown,
                                          (void *)rows[i].export };
    return _cmocka_run_group_tests("RTMv1 bad input", tests, n, NULL, NULL);
}
