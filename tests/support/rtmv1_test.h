/*
 * rtmv1_test.h - helpers of the tests that use RTMv1 (tests/rtmv1/, the
 * bad-input, allocation-failure and stress tests) through the public
 * rtm.h only: route structures, change events, registration, and a check
 * that a test left both tables empty. Include after <cmocka.h>.
 *
 * RTMv1's tables are process-wide: every test deregisters its clients, and
 * the group teardown (v1_teardown) checks that no network is left.
 */
#ifndef RTM_RTMV1_TEST_H
#define RTM_RTMV1_TEST_H

#include <stdint.h>
#include <string.h>

#include "rtm.h"

#ifndef _WIN32
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#endif

/* An IP address or network number in machine byte order, from its four
 * bytes. */
#define V1_IP(a, b, c, d) (((DWORD)(a) << 24) | ((DWORD)(b) << 16) | ((DWORD)(c) << 8) | (DWORD)(d))

/* The mask of a prefix length, in machine byte order. */
static inline DWORD v1_mask(unsigned len)
{
    return len ? 0xFFFFFFFFu << (32 - len) : 0;
}

/* An IP route: network number/length, interface, next hop, metric; the
 * other members zero. */
static inline RTM_IP_ROUTE v1_ip_route(DWORD net, unsigned len, DWORD iface, DWORD nexthop,
                                       DWORD metric)
{
    RTM_IP_ROUTE r;

    memset(&r, 0, sizeof r);
    r.RR_InterfaceID = iface;
    r.RR_Network.N_NetNumber = net;
    r.RR_Network.N_NetMask = v1_mask(len);
    r.RR_NextHopAddress.N_NetNumber = nexthop;
    r.RR_NextHopAddress.N_NetMask = 0xFFFFFFFFu;
    r.RR_FamilySpecificData.FSD_Type = 4;
    r.RR_FamilySpecificData.FSD_Metric = metric;
    r.RR_FamilySpecificData.FSD_Metric1 = metric;
    r.RR_FamilySpecificData.FSD_Priority = 77; /* the RTM sets it */
    return r;
}

/* An IPX route: network, interface, next hop MAC ending in mac_last,
 * ticks and hops. */
static inline RTM_IPX_ROUTE v1_ipx_route(DWORD net, DWORD iface, BYTE mac_last, USHORT ticks,
                                         USHORT hops)
{
    RTM_IPX_ROUTE r;

    memset(&r, 0, sizeof r);
    r.RR_InterfaceID = iface;
    r.RR_Network.N_NetNumber = net;
    r.RR_NextHopAddress.NHA_Mac[0] = 0x02;
    r.RR_NextHopAddress.NHA_Mac[5] = mac_last;
    r.RR_FamilySpecificData.FSD_TickCount = ticks;
    r.RR_FamilySpecificData.FSD_HopCount = hops;
    return r;
}

/* FILETIME units (100 ns) in a second. */
#define V1_SECOND 10000000ull

/* The time stamp of a route of either family (RR_TimeStamp, a FILETIME). */
static inline uint64_t v1_stamp(const void *route)
{
    FILETIME ft;

    memcpy(&ft, route, sizeof ft);
    return (uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime;
}

/* Sets the time stamp of a route of either family. */
static inline void v1_set_stamp(void *route, uint64_t stamp)
{
    FILETIME ft;

    ft.dwLowDateTime = (DWORD)stamp;
    ft.dwHighDateTime = (DWORD)(stamp >> 32);
    memcpy(route, &ft, sizeof ft);
}

/* The system time (UTC) as a FILETIME value. */
static inline uint64_t v1_now(void)
{
#ifdef _WIN32
    FILETIME ft;

    GetSystemTimeAsFileTime(&ft);
    return (uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime;
#else
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + 11644473600ull) * V1_SECOND + (uint64_t)ts.tv_nsec / 100;
#endif
}

/* ---- change events --------------------------------------------------------- */

/* A manual-reset event, not signalled (natively an eventfd, EFD_NONBLOCK). */
static inline HANDLE v1_event_create(void)
{
#ifdef _WIN32
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
#else
    int fd = eventfd(0, EFD_NONBLOCK);
    HANDLE e = fd > 0 ? (HANDLE)(intptr_t)fd : NULL;
#endif
    assert_non_null(e);
    return e;
}

static inline void v1_event_close(HANDLE e)
{
#ifdef _WIN32
    CloseHandle(e);
#else
    close((int)(intptr_t)e);
#endif
}

/* Waits up to ms milliseconds for the event; returns whether it is
 * signalled (without resetting it). */
static inline int v1_event_wait(HANDLE e, unsigned ms)
{
#ifdef _WIN32
    return WaitForSingleObject(e, ms) == WAIT_OBJECT_0;
#else
    struct pollfd p = { (int)(intptr_t)e, POLLIN, 0 };
    return poll(&p, 1, (int)ms) == 1;
#endif
}

/* Signals the event, as another party might. */
static inline void v1_event_signal(HANDLE e)
{
#ifdef _WIN32
    SetEvent(e);
#else
    uint64_t one = 1;
    assert_int_equal(write((int)(intptr_t)e, &one, sizeof one), sizeof one);
#endif
}

/* Whether the event is signalled now. */
static inline int v1_event_set(HANDLE e)
{
    return v1_event_wait(e, 0);
}

/* ---- clients ---------------------------------------------------------------- */

/* Registers a client; fails the test on error. */
static inline HANDLE v1_register(DWORD family, DWORD protocol, HANDLE event, DWORD flags)
{
    HANDLE h = RtmRegisterClient(family, protocol, event, flags);
    assert_non_null(h);
    return h;
}

/* Adds a route; returns the flags, fails the test unless NO_ERROR. */
static inline DWORD v1_add(HANDLE client, void *route, DWORD ttl)
{
    DWORD flags = 0xDEAD;
    assert_int_equal(RtmAddRoute(client, route, ttl, &flags, NULL, NULL), NO_ERROR);
    return flags;
}

/* Deletes a route; returns the flags, fails the test unless NO_ERROR. */
static inline DWORD v1_delete(HANDLE client, void *route)
{
    DWORD flags = 0xDEAD;
    assert_int_equal(RtmDeleteRoute(client, route, &flags, NULL), NO_ERROR);
    return flags;
}

/* The number of messages queued for a client with an event, dequeued and
 * dropped. */
static inline unsigned v1_drain(HANDLE client)
{
    RTM_IP_ROUTE cur, prev; /* the larger of the two families' routes */
    unsigned n = 0;
    DWORD flags, status;

    do {
        status = RtmDequeueRouteChangeMessage(client, &flags, &cur, &prev);
        assert_true(status == NO_ERROR || status == ERROR_MORE_MESSAGES ||
                    status == ERROR_NO_MESSAGES);
        n += status != ERROR_NO_MESSAGES;
    } while (status != ERROR_NO_MESSAGES);
    return n;
}

/* Group teardown: both tables are empty (every test deregistered its
 * clients, so none of their routes is left). */
static inline int v1_teardown(void **state)
{
    (void)state;
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 0);
    return 0;
}

#endif /* RTM_RTMV1_TEST_H */
