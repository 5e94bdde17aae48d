/*
 * rtm_test.h - shared helpers of the CMocka tests that use the library
 * through its public API only (so that they can also run against
 * Microsoft's Rtm.dll): addresses, registration, next hops, routes, and a
 * small thread shim. Include after <cmocka.h>.
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
typedef pthread_t test_thread;
#endif

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

/* Registers an entity; fails the test on error. */
static inline RTM_ENTITY_HANDLE test_register(USHORT instance, USHORT family, ULONG protocol,
                                              ULONG protocol_instance, BOOL opaque)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE handle = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = instance;
    info.AddressFamily = family;
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = protocol_instance;
    assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, opaque, &profile, &handle), NO_ERROR);
    assert_non_null(handle);
    return handle;
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

/* Adds a route and returns its handle; *flags (may be NULL) gets the
 * change flags. */
static inline RTM_ROUTE_HANDLE test_add_route(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS dest,
                                              RTM_NEXTHOP_HANDLE nexthop, ULONG preference,
                                              ULONG metric, RTM_ROUTE_CHANGE_FLAGS *flags)
{
    RTM_ROUTE_INFO info = test_route(nexthop, preference, metric, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS change = 0;

    assert_int_equal(RtmAddRouteToDest(reg, &handle, &dest, &info, INFINITE, NULL, 0, NULL, &change),
                     NO_ERROR);
    assert_non_null(handle);
    if (flags)
        *flags = change;
    return handle;
}

/* A heap RTM_DEST_INFO with room for every view. */
static inline RTM_DEST_INFO *test_dest_info(void)
{
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS));
    memset(info, 0, RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS));
    return info;
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
