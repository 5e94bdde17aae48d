/*
 * rtm_test.h - shared helpers of the CMocka tests that use the library
 * through its public API only (so that they can also run against
 * Microsoft's Rtm.dll): addresses, registration, next hops, routes,
 * destinations, a random number generator, sleeping and a small thread
 * shim. Include after <cmocka.h>.
 */
#ifndef RTM_TEST_H
#define RTM_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtmv2.h"

#ifdef _WIN32
typedef HANDLE test_thread;
#else
#include <pthread.h>
#include <time.h>
typedef pthread_t test_thread;
#endif

/*
 * Exported by Rtm.dll but declared by no SDK header: the counterpart of
 * RtmReferenceHandles (see its documentation in src/rtmv2/handle_api.c).
 */
DWORD WINAPI RtmDereferenceHandles(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumHandles,
                                   HANDLE *RtmHandles);

/* An IPv4 prefix from its four bytes and length. */
static inline RTM_NET_ADDRESS test_ipv4(unsigned a, unsigned b, unsigned c, unsigned d,
                                        unsigned len)
{
    RTM_NET_ADDRESS addr;
    memset(&addr, 0, sizeof addr);
    addr.AddressFamily = AF_INET;
    addr.NumBits = (USHORT)len;
    addr.AddrBits[0] = (UCHAR)a;
    addr.AddrBits[1] = (UCHAR)b;
    addr.AddrBits[2] = (UCHAR)c;
    addr.AddrBits[3] = (UCHAR)d;
    return addr;
}

/* An IPv6 prefix from its first two 16-bit groups (the rest zero), a
 * last group, and its length. */
static inline RTM_NET_ADDRESS test_ipv6(unsigned g0, unsigned g1, unsigned g7, unsigned len)
{
    RTM_NET_ADDRESS addr;
    memset(&addr, 0, sizeof addr);
    addr.AddressFamily = AF_INET6;
    addr.NumBits = (USHORT)len;
    addr.AddrBits[0] = (UCHAR)(g0 >> 8);
    addr.AddrBits[1] = (UCHAR)g0;
    addr.AddrBits[2] = (UCHAR)(g1 >> 8);
    addr.AddrBits[3] = (UCHAR)g1;
    addr.AddrBits[14] = (UCHAR)(g7 >> 8);
    addr.AddrBits[15] = (UCHAR)g7;
    return addr;
}

/* Registers an entity exporting methods and with an event callback (either
 * may be NULL), reserving an opaque pointer or not; its registration
 * profile goes to *profile (may be NULL). Fails the test on error. */
static inline RTM_ENTITY_HANDLE test_register_with(USHORT instance, USHORT family, ULONG protocol,
                                                   ULONG protocol_instance,
                                                   PRTM_ENTITY_EXPORT_METHODS methods,
                                                   RTM_EVENT_CALLBACK callback, BOOL opaque,
                                                   RTM_REGN_PROFILE *profile)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE own_profile;
    RTM_ENTITY_HANDLE handle = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = instance;
    info.AddressFamily = family;
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = protocol_instance;
    assert_int_equal(RtmRegisterEntity(&info, methods, callback, opaque,
                                       profile ? profile : &own_profile, &handle),
                     NO_ERROR);
    assert_non_null(handle);
    return handle;
}

/* Registers an entity without methods or callback; fails the test on
 * error. */
static inline RTM_ENTITY_HANDLE test_register(USHORT instance, USHORT family, ULONG protocol,
                                              ULONG protocol_instance, BOOL opaque)
{
    return test_register_with(instance, family, protocol, protocol_instance, NULL, NULL, opaque,
                              NULL);
}

/* test_register, returning the registration profile in *profile. */
static inline RTM_ENTITY_HANDLE test_register_profile(USHORT instance, USHORT family,
                                                      ULONG protocol, ULONG protocol_instance,
                                                      BOOL opaque, RTM_REGN_PROFILE *profile)
{
    return test_register_with(instance, family, protocol, protocol_instance, NULL, NULL, opaque,
                              profile);
}

/* Adds (or finds) a next hop of the given address on an interface. */
static inline RTM_NEXTHOP_HANDLE test_add_nexthop(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr,
                                                  ULONG ifindex)
{
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_HANDLE handle = NULL;
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0;

    memset(&info, 0, sizeof info);
    info.NextHopAddress = addr;
    info.InterfaceIndex = ifindex;
    assert_int_equal(RtmAddNextHop(reg, &info, &handle, &flags), NO_ERROR);
    assert_non_null(handle);
    return handle;
}

/* Fills a route with one next hop (also its Neighbour), a preference, a
 * metric and views. */
static inline RTM_ROUTE_INFO test_route(RTM_NEXTHOP_HANDLE nexthop, ULONG preference,
                                        ULONG metric, RTM_VIEW_SET views)
{
    RTM_ROUTE_INFO info;
    memset(&info, 0, sizeof info);
    info.Neighbour = nexthop;
    info.PrefInfo.Preference = preference;
    info.PrefInfo.Metric = metric;
    info.BelongsToViews = views;
    info.NextHopsList.NumNextHops = 1;
    info.NextHopsList.NextHops[0] = nexthop;
    return info;
}

/* Adds a route in the given views and returns its handle; *flags (may be
 * NULL) gets the change flags. */
static inline RTM_ROUTE_HANDLE test_add_route_views(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS dest,
                                                    RTM_NEXTHOP_HANDLE nexthop, ULONG preference,
                                                    ULONG metric, RTM_VIEW_SET views,
                                                    RTM_ROUTE_CHANGE_FLAGS *flags)
{
    RTM_ROUTE_INFO info = test_route(nexthop, preference, metric, views);
    RTM_ROUTE_HANDLE handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS change = 0;

    assert_int_equal(RtmAddRouteToDest(reg, &handle, &dest, &info, INFINITE, NULL, 0, NULL, &change),
                     NO_ERROR);
    assert_non_null(handle);
    if (flags)
        *flags = change;
    return handle;
}

/* Adds a unicast route (test_add_route_views in RTM_VIEW_MASK_UCAST). */
static inline RTM_ROUTE_HANDLE test_add_route(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS dest,
                                              RTM_NEXTHOP_HANDLE nexthop, ULONG preference,
                                              ULONG metric, RTM_ROUTE_CHANGE_FLAGS *flags)
{
    return test_add_route_views(reg, dest, nexthop, preference, metric, RTM_VIEW_MASK_UCAST, flags);
}

/* A heap RTM_DEST_INFO with room for every view. */
static inline RTM_DEST_INFO *test_dest_info(void)
{
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS));
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS));
    return info;
}

/* The number of entities registered in reg's table. */
static inline UINT test_entity_count(RTM_ENTITY_HANDLE reg)
{
    UINT count = 0;
    assert_int_equal(RtmGetRegisteredEntities(reg, &count, NULL, NULL), ERROR_INSUFFICIENT_BUFFER);
    return count;
}

/* Nonzero while the handle names a live next hop (else it must be refused
 * with ERROR_INVALID_HANDLE). */
static inline int test_nexthop_alive(RTM_ENTITY_HANDLE reg, RTM_NEXTHOP_HANDLE nh)
{
    RTM_NEXTHOP_INFO info;
    DWORD status = RtmGetNextHopInfo(reg, nh, &info);
    if (status == NO_ERROR)
        assert_int_equal(RtmReleaseNextHopInfo(reg, &info), NO_ERROR);
    else
        assert_int_equal(status, ERROR_INVALID_HANDLE);
    return status == NO_ERROR;
}

/* Number of routes to prefix (unicast view), 0 when there is no such
 * destination; *best (may be NULL) gets the best one (not referenced;
 * NULL when none). */
static inline ULONG test_route_count(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix,
                                     RTM_ROUTE_HANDLE *best)
{
    RTM_DEST_INFO *info = test_dest_info();
    ULONG n = 0;
    DWORD status = RtmGetExactMatchDestination(reg, &prefix, RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST, info);
    if (best)
        *best = NULL;
    if (status == NO_ERROR) {
        n = info->ViewInfo[0].NumRoutes;
        if (best)
            *best = info->ViewInfo[0].Route;
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    } else {
        assert_int_equal(status, ERROR_NOT_FOUND);
    }
    test_free(info);
    return n;
}

/* The destination of exactly prefix in one of views, as a handle with one
 * reference of its own: release it with test_release_dest_handle. */
static inline RTM_DEST_HANDLE test_dest_of_views(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix,
                                                 RTM_VIEW_SET views)
{
    RTM_DEST_INFO *info = test_dest_info();
    RTM_DEST_HANDLE dest;

    assert_int_equal(RtmGetExactMatchDestination(reg, &prefix, RTM_BEST_PROTOCOL, views, info),
                     NO_ERROR);
    dest = info->DestHandle;
    assert_non_null(dest);
    assert_int_equal(RtmReferenceHandles(reg, 1, &dest), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(info);
    return dest;
}

/* test_dest_of_views in the unicast view. */
static inline RTM_DEST_HANDLE test_dest_of(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix)
{
    return test_dest_of_views(reg, prefix, RTM_VIEW_MASK_UCAST);
}

/* Releases one destination handle through an RTM_DEST_INFO that holds only
 * it (no views): with RtmReleaseDests when as_array, else with
 * RtmReleaseDestInfo. No test_malloc, so threads may call it too. */
static inline DWORD test_release_dest_handle(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest,
                                             BOOL as_array)
{
    RTM_DEST_INFO info;
    memset(&info, 0, sizeof info);
    info.DestHandle = dest;
    info.NumberOfViews = 0;
    return as_array ? RtmReleaseDests(reg, 1, &info) : RtmReleaseDestInfo(reg, &info);
}

/* Compares two canonical prefixes in enumeration order: address bits, then
 * length (a prefix before the longer ones it covers). <0, 0 or >0. */
static inline int test_prefix_compare(const RTM_NET_ADDRESS *a, const RTM_NET_ADDRESS *b)
{
    int c = memcmp(a->AddrBits, b->AddrBits, sizeof a->AddrBits);
    if (c)
        return c;
    return (int)a->NumBits - (int)b->NumBits;
}

/* An enumeration call that returns handles (RtmGetEnumRoutes,
 * RtmGetEnumNextHops, RtmGetListEnumRoutes) and the matching release. */
typedef DWORD(WINAPI *test_get_handles_fn)(RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, HANDLE *);
typedef DWORD(WINAPI *test_release_handles_fn)(RTM_ENTITY_HANDLE, UINT, HANDLE *);

/*
 * Runs an enumeration to its end in calls of batch (> 0) handles, storing
 * up to max handle values in out (they are released: compare them only
 * with handles held elsewhere), and returns how many there were. Checks
 * every call: a full batch returns NO_ERROR; a short one ends the
 * enumeration, with ERROR_NO_MORE_ITEMS (NO_ERROR for a route-list
 * enumeration, list_enum), and so does one more call, returning nothing.
 */
static inline UINT test_drain_handles(RTM_ENTITY_HANDLE reg, RTM_ENUM_HANDLE e,
                                      test_get_handles_fn get, test_release_handles_fn release,
                                      BOOL list_enum, UINT batch, HANDLE *out, UINT max)
{
    HANDLE *buf = test_malloc(batch * sizeof *buf);
    DWORD end = list_enum ? NO_ERROR : ERROR_NO_MORE_ITEMS;
    UINT total = 0, n;

    do {
        n = batch;
        DWORD status = get(reg, e, &n, buf);
        assert_true(n <= batch);
        assert_int_equal(status, n == batch ? NO_ERROR : end);
        for (UINT i = 0; i < n; i++) {
            assert_non_null(buf[i]);
            assert_true(total < max);
            out[total++] = buf[i];
        }
        assert_int_equal(release(reg, n, buf), NO_ERROR);
    } while (n == batch);
    n = batch;
    assert_int_equal(get(reg, e, &n, buf), end);
    assert_int_equal(n, 0);
    test_free(buf);
    return total;
}

/* Nonzero if a and b are the same prefix (both canonical). */
static inline int test_same_prefix(const RTM_NET_ADDRESS *a, const RTM_NET_ADDRESS *b)
{
    return a->AddressFamily == b->AddressFamily && a->NumBits == b->NumBits &&
           memcmp(a->AddrBits, b->AddrBits, sizeof a->AddrBits) == 0;
}

/* ---- change notification ------------------------------------------------- */

/* Views of the registration profile (RTM_REGN_PROFILE.NumberOfViews): each
 * RTM_DEST_INFO that RtmGetChangedDests fills has this many. */
#define TEST_NUM_VIEWS 2

/* What a client sees of a destination in the unicast view. The functions
 * below make no CMocka call, so that threads and event callbacks may use
 * them: they return the status of the first call that failed. */
struct test_dest_state {
    RTM_DEST_HANDLE dest;      /* its value only (not compared) */
    RTM_NET_ADDRESS addr;
    ULONG routes;              /* unicast routes */
    RTM_ROUTE_HANDLE best;     /* the best one (its value only), or NULL */
    RTM_ENTITY_HANDLE owner;   /* its owner */
    ULONG metric;              /* its metric, flags and number of next */
    USHORT flags;              /* hops (0 without a best route) */
    UINT nexthops;
};

/* Nonzero if a and b describe the same state of a prefix. */
static inline int test_same_state(const struct test_dest_state *a, const struct test_dest_state *b)
{
    return test_same_prefix(&a->addr, &b->addr) && a->routes == b->routes && a->best == b->best &&
           a->owner == b->owner && a->metric == b->metric && a->flags == b->flags &&
           a->nexthops == b->nexthops;
}

/* The unicast state described by info (the best route's values read with
 * RtmGetRouteInfo). Returns NO_ERROR or the failing call's status. */
static inline DWORD test_dest_state_of(RTM_ENTITY_HANDLE reg, const RTM_DEST_INFO *info,
                                       struct test_dest_state *out)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[8]; /* MaxNextHopsInRoute and more */
    } route;
    DWORD status = NO_ERROR;

    memset(out, 0, sizeof *out);
    out->dest = info->DestHandle;
    out->addr = info->DestAddress;
    for (UINT i = 0; i < info->NumberOfViews; i++) {
        if (info->ViewInfo[i].ViewId != RTM_VIEW_ID_UCAST)
            continue;
        out->routes = info->ViewInfo[i].NumRoutes;
        out->best = info->ViewInfo[i].Route;
        out->owner = info->ViewInfo[i].Owner;
    }
    if (out->best) {
        status = RtmGetRouteInfo(reg, out->best, &route.info, NULL);
        if (status == NO_ERROR) {
            out->metric = route.info.PrefInfo.Metric;
            out->flags = route.info.Flags;
            out->nexthops = route.info.NextHopsList.NumNextHops;
            status = RtmReleaseRouteInfo(reg, &route.info);
        }
    }
    return status;
}

/* The unicast state of the destination of exactly prefix now (no routes
 * when there is no such destination). */
static inline DWORD test_exact_state(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix,
                                     struct test_dest_state *out)
{
    RTM_DEST_INFO *info = malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    DWORD status;

    memset(out, 0, sizeof *out);
    out->addr = prefix;
    if (!info)
        return ERROR_NOT_ENOUGH_MEMORY;
    status = RtmGetExactMatchDestination(reg, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                         info);
    if (status == NO_ERROR) {
        status = test_dest_state_of(reg, info, out);
        if (status == NO_ERROR)
            status = RtmReleaseDestInfo(reg, info);
    } else if (status == ERROR_NOT_FOUND) {
        status = NO_ERROR;
    }
    free(info);
    return status;
}

/*
 * One RtmGetChangedDests call for at most batch destinations: their states
 * go to out (room for batch), *count gets how many came, and they are
 * released with RtmReleaseChangedDests. Returns the status of
 * RtmGetChangedDests (NO_ERROR: more changes remain, or
 * ERROR_NO_MORE_ITEMS), or that of the first call that failed.
 */
static inline DWORD test_read_changes(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify,
                                      UINT batch, struct test_dest_state *out, UINT *count)
{
    size_t size = RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS);
    char *infos = malloc(size * batch);
    DWORD status, failed = NO_ERROR;

    *count = 0;
    if (!infos)
        return ERROR_NOT_ENOUGH_MEMORY;
    *count = batch;
    status = RtmGetChangedDests(reg, notify, count, (RTM_DEST_INFO *)infos);
    if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS)
        *count = 0;
    for (UINT i = 0; i < *count && failed == NO_ERROR; i++)
        failed = test_dest_state_of(reg, (RTM_DEST_INFO *)(infos + i * size), &out[i]);
    if (*count && failed == NO_ERROR)
        failed = RtmReleaseChangedDests(reg, notify, *count, (RTM_DEST_INFO *)infos);
    free(infos);
    return failed != NO_ERROR ? failed : status;
}

/*
 * Reads every change queued for notify, batch destinations at a time
 * (test_read_changes), until RtmGetChangedDests returns
 * ERROR_NO_MORE_ITEMS. The states of the first max destinations go to out
 * (may be NULL when max is 0); *count gets how many came. Returns NO_ERROR
 * or the first unexpected status.
 */
static inline DWORD test_drain_changes(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify,
                                       UINT batch, struct test_dest_state *out, UINT max,
                                       UINT *count)
{
    struct test_dest_state *states = malloc(batch * sizeof *states);
    DWORD status;

    *count = 0;
    if (!states)
        return ERROR_NOT_ENOUGH_MEMORY;
    do {
        UINT n = 0;
        status = test_read_changes(reg, notify, batch, states, &n);
        for (UINT i = 0; i < n; i++, (*count)++)
            if (*count < max)
                out[*count] = states[i];
    } while (status == NO_ERROR);
    free(states);
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

/* A small deterministic random number generator (splitmix64); seed state. */
struct test_rng {
    uint64_t state;
};

/* The next 64 random bits of r. */
static inline uint64_t test_rng_next(struct test_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A random number in [0, n). */
static inline unsigned test_rng_below(struct test_rng *r, unsigned n)
{
    return (unsigned)(test_rng_next(r) % n);
}

/* Sleeps for ms milliseconds (the whole time, also when interrupted). */
static inline void test_sleep_ms(unsigned ms)
{
#ifdef _WIN32
    Sleep(ms);
#else
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
#endif
}

/* Milliseconds of a monotonic clock (for time limits). */
static inline unsigned long long test_now_ms(void)
{
#ifdef _WIN32
    return GetTickCount(); /* wraps after 49 days: good enough for a time limit */
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
#endif
}

/* Counters shared by test threads and event callbacks (GCC __atomic
 * builtins, which MinGW has too). */
static inline int test_counter_get(int *counter)
{
    return __atomic_load_n(counter, __ATOMIC_SEQ_CST);
}

static inline void test_counter_add(int *counter, int n)
{
    __atomic_add_fetch(counter, n, __ATOMIC_SEQ_CST);
}

static inline void test_counter_set(int *counter, int value)
{
    __atomic_store_n(counter, value, __ATOMIC_SEQ_CST);
}

/* Waits until *counter reaches at least target, polling every millisecond,
 * for at most limit_ms; returns the last value read. */
static inline int test_wait_count(int *counter, int target, unsigned limit_ms)
{
    unsigned long long start = test_now_ms();
    int value = test_counter_get(counter);

    while (value < target && test_now_ms() - start < limit_ms) {
        test_sleep_ms(1);
        value = test_counter_get(counter);
    }
    return value;
}

/* Waits until *flag equals value, for at most max_ms milliseconds (polling
 * every millisecond); returns whether it does. */
static inline int test_wait_flag(int *flag, int value, unsigned max_ms)
{
    for (unsigned waited = 0; test_counter_get(flag) != value; waited++) {
        if (waited >= max_ms)
            return 0;
        test_sleep_ms(1);
    }
    return 1;
}

/* Runs a check whose outcome depends on a lifetime (a route's TimeToLive,
 * a hold time, in milliseconds) not running out while the test makes a few
 * calls: attempt(lifetime_ms, arg) is tried with lifetimes of base_ms, then
 * 4, 16 and 64 times that, until it returns nonzero. An attempt times the
 * calls that must fit in the lifetime (test_now_ms); when they took the
 * whole lifetime or more — a busy machine can stall a thread for longer
 * than a short lifetime — it cleans up and returns 0 without asserting
 * what depends on them; otherwise it asserts and returns 1. Fails the test
 * when no attempt was in time. */
static inline void test_with_lifetime(int (*attempt)(unsigned lifetime_ms, void *arg), void *arg,
                                      unsigned base_ms)
{
    unsigned ms = base_ms;

    for (int i = 0; i < 4; i++, ms *= 4)
        if (attempt(ms, arg))
            return;
    fail_msg("no attempt finished its timed calls within lifetimes of %u to %u ms", base_ms,
             ms / 4);
}

/* Threads for the concurrency tests. */
#ifdef _WIN32
struct test_thread_start {
    void (*fn)(void *);
    void *arg;
};
static DWORD WINAPI test_thread_trampoline(LPVOID p)
{
    struct test_thread_start s = *(struct test_thread_start *)p;
    free(p);
    s.fn(s.arg);
    return 0;
}
static inline void test_thread_start(test_thread *t, void (*fn)(void *), void *arg)
{
    struct test_thread_start *s = malloc(sizeof *s);
    assert_non_null(s);
    s->fn = fn;
    s->arg = arg;
    *t = CreateThread(NULL, 0, test_thread_trampoline, s, 0, NULL);
    assert_non_null(*t);
}
static inline void test_thread_join(test_thread t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
#else
struct test_thread_start {
    void (*fn)(void *);
    void *arg;
};
static void *test_thread_trampoline(void *p)
{
    struct test_thread_start s = *(struct test_thread_start *)p;
    free(p);
    s.fn(s.arg);
    return NULL;
}
static inline void test_thread_start(test_thread *t, void (*fn)(void *), void *arg)
{
    struct test_thread_start *s = malloc(sizeof *s);
    assert_non_null(s);
    s->fn = fn;
    s->arg = arg;
    assert_int_equal(pthread_create(t, NULL, test_thread_trampoline, s), 0);
}
static inline void test_thread_join(test_thread t)
{
    pthread_join(t, NULL);
}
#endif

#endif /* RTM_TEST_H */
