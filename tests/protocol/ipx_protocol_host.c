/*
 * ipx_protocol_host.c - the router manager's side of ipxriplike.dll (see
 * ipxriplike.h), an NT 4.0-style IPX protocol on RTMv1: loads the DLL with
 * LoadLibrary for each of its two protocols, registers and starts them
 * with routes to the same networks, and checks, through RTMv1's own
 * queries (RtmIsRoute, RtmGetFirstRoute/RtmGetNextRoute, which need no
 * client), the best routes, and through MibGet the change messages each
 * protocol's thread read and the table its enumeration walks: as routes
 * are added, as an interface goes down (RtmBlockDeleteRoutes: the caller
 * is told too), as a route's TimeToLive runs out (its owner is told too),
 * as a protocol stops (RtmDeregisterClient). Then both stop, the DLL is
 * unloaded and the IPX table must be empty.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#include <routprot.h>

#include "ipxriplike.h"

#ifndef RTM_CONFORMANCE
#include "rtm_diag.h"
#endif

#define DLL_NAME "ipxriplike.dll"
#define WAIT_MS 10000

/* What the router manager keeps of a protocol it loaded. */
struct protocol {
    HMODULE module;
    DWORD id;
    MPR_ROUTING_CHARACTERISTICS chars;
    HANDLE event; /* its notification event (unused by the protocol) */
};

/* Loads the DLL for protocol n and registers it. */
static void load(struct protocol *p, DWORD n)
{
    static const MPR_SERVICE_CHARACTERISTICS no_services;
    MPR_SERVICE_CHARACTERISTICS services = no_services;
    PREGISTER_PROTOCOL reg;

    memset(p, 0, sizeof *p);
    p->id = IPXRIPLIKE_PROTOCOL_ID(n);
    p->module = LoadLibraryA(DLL_NAME);
    assert_non_null(p->module);
    reg = (PREGISTER_PROTOCOL)(uintptr_t)GetProcAddress(p->module,
                                                       REGISTER_PROTOCOL_ENTRY_POINT_STRING);
    assert_non_null(reg);
    p->chars.dwVersion = MS_ROUTER_VERSION;
    p->chars.dwProtocolId = p->id;
    p->chars.fSupportedFunctionality = RF_ROUTING | RF_DEMAND_UPDATE_ROUTES;
    assert_int_equal(reg(&p->chars, &services), NO_ERROR);
    assert_int_equal(p->chars.fSupportedFunctionality, RF_ROUTING);
    assert_int_equal(services.fSupportedFunctionality, 0);
    p->event = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(p->event);
    /* Another protocol id is not the DLL's. */
    p->chars.dwProtocolId = IPXRIPLIKE_PROTOCOL_ID(7);
    assert_int_equal(reg(&p->chars, &services), ERROR_NOT_SUPPORTED);
    p->chars.dwProtocolId = p->id;
    assert_int_equal(reg(&p->chars, &services), NO_ERROR);
}

static void unload(struct protocol *p)
{
    assert_true(CloseHandle(p->event));
    assert_true(FreeLibrary(p->module));
}

/* A route to network through interface iface (next hop MAC 02:..:iface). */
static IPXRIPLIKE_ROUTE route(DWORD network, DWORD iface, USHORT ticks, USHORT hops, DWORD ttl)
{
    IPXRIPLIKE_ROUTE r;

    memset(&r, 0, sizeof r);
    r.Network = network;
    r.InterfaceIndex = iface;
    r.NextHopMac[0] = 0x02;
    r.NextHopMac[5] = (BYTE)iface;
    r.TickCount = ticks;
    r.HopCount = hops;
    r.TimeToLive = ttl;
    return r;
}

static DWORD start(struct protocol *p, IPXRIPLIKE_GLOBAL_CONFIG *c)
{
    SUPPORT_FUNCTIONS s;
    DWORD status;

    memset(&s, 0, sizeof s);
    s.dwVersion = MS_ROUTER_VERSION;
    status = p->chars.pfnStartProtocol(p->event, &s, c, IPXRIPLIKE_CONFIG_VERSION, sizeof *c, 1);
    if (status == NO_ERROR)
        assert_int_equal(p->chars.pfnStartComplete(), NO_ERROR);
    return status;
}

static DWORD set_global_info(struct protocol *p, IPXRIPLIKE_GLOBAL_CONFIG *c)
{
    return p->chars.pfnSetGlobalInfo(c, IPXRIPLIKE_CONFIG_VERSION, sizeof *c, 1);
}

static void interface_down(struct protocol *p, DWORD iface)
{
    IPXRIPLIKE_MIB_SET request = { IPXRIPLIKE_INTERFACE_DOWN, iface };

    assert_int_equal(p->chars.pfnMibSetEntry(sizeof request, &request), NO_ERROR);
}

/* MibGet of query into out (size bytes). */
static void mib_get(struct protocol *p, DWORD query, void *out, ULONG size)
{
    IPXRIPLIKE_MIB_GET request = { query };
    ULONG got = 0;

    assert_int_equal(p->chars.pfnMibGetEntry(sizeof request, &request, &got, NULL),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(got, size);
    assert_int_equal(p->chars.pfnMibGetEntry(sizeof request, &request, &got, out), NO_ERROR);
}

static IPXRIPLIKE_STATS stats(struct protocol *p)
{
    IPXRIPLIKE_STATS s;

    mib_get(p, IPXRIPLIKE_GET_STATS, &s, sizeof s);
    assert_int_equal(s.Errors, 0);
    assert_int_equal(s.Lost, 0);
    return s;
}

/* One expected log entry. */
struct change {
    DWORD flags, network;
    DWORD cur_protocol, cur_ticks;   /* for RTM_CURRENT_BEST_ROUTE */
    DWORD prev_protocol, prev_ticks; /* for RTM_PREVIOUS_BEST_ROUTE */
};

/* Waits until p has logged count changes in all (no more), and checks the
 * ones from first on against want. */
static void expect_log(struct protocol *p, DWORD count, DWORD first, const struct change *want)
{
    IPXRIPLIKE_LOG *log = test_malloc(sizeof *log);
    unsigned long long start_ms = test_now_ms();

    for (;;) {
        mib_get(p, IPXRIPLIKE_GET_LOG, log, sizeof *log);
        if (log->Count >= count || test_now_ms() - start_ms > WAIT_MS)
            break;
        test_sleep_ms(5);
    }
    if (log->Count != count)
        fail_msg("protocol %#lx logged %lu changes, expected %lu", (unsigned long)p->id,
                 (unsigned long)log->Count, (unsigned long)count);
    for (DWORD i = first; i < count; i++) {
        const IPXRIPLIKE_LOG_ENTRY *e = &log->Entries[i];
        const struct change *w = &want[i - first];
        if (e->Flags != w->flags || e->Network != w->network ||
            ((w->flags & RTM_CURRENT_BEST_ROUTE) &&
             (e->CurProtocol != w->cur_protocol || e->CurTicks != w->cur_ticks)) ||
            ((w->flags & RTM_PREVIOUS_BEST_ROUTE) &&
             (e->PrevProtocol != w->prev_protocol || e->PrevTicks != w->prev_ticks)))
            fail_msg("protocol %#lx, change %lu: flags %lu network %#lx current %#lx/%u "
                     "previous %#lx/%u",
                     (unsigned long)p->id, (unsigned long)i, (unsigned long)e->Flags,
                     (unsigned long)e->Network, (unsigned long)e->CurProtocol, e->CurTicks,
                     (unsigned long)e->PrevProtocol, e->PrevTicks);
    }
    test_free(log);
}

/* The best route of an IPX network: its protocol and ticks (0, 0: none). */
static void expect_best(DWORD network, DWORD protocol, USHORT ticks)
{
    IPX_NETWORK n = { network };
    RTM_IPX_ROUTE best;

    memset(&best, 0, sizeof best);
    SetLastError(ERROR_INVALID_DATA);
    if (!RtmIsRoute(RTM_PROTOCOL_FAMILY_IPX, &n, &best)) {
        assert_int_equal(GetLastError(), NO_ERROR);
        assert_int_equal(protocol, 0);
        return;
    }
    assert_int_equal(best.RR_RoutingProtocol, protocol);
    assert_int_equal(best.RR_FamilySpecificData.FSD_TickCount, ticks);
    assert_int_equal(best.RR_Network.N_NetNumber, network);
}

/* What a protocol's enumeration walks is what RtmGetFirstRoute and
 * RtmGetNextRoute walk: count routes, in order, the same, of networks
 * networks. */
static void expect_table(struct protocol *p, DWORD count, ULONG networks)
{
    IPXRIPLIKE_TABLE *table = test_malloc(sizeof *table);
    RTM_IPX_ROUTE route;
    DWORD n = 0, status;

    mib_get(p, IPXRIPLIKE_GET_TABLE, table, sizeof *table);
    assert_int_equal(table->Count, count);
    memset(&route, 0, sizeof route);
    for (status = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IPX, 0, &route); status == NO_ERROR;
         status = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IPX, 0, &route), n++) {
        assert_true(n < table->Count);
        assert_memory_equal(&route, &table->Routes[n], sizeof route);
    }
    assert_int_equal(status, ERROR_NO_ROUTES);
    assert_int_equal(n, count);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), networks);
    test_free(table);
}

/* Two protocols with routes to the same networks, through every way a
 * best route changes; messages as RTMv1 sends them. */
static void two_ipx_protocols(void **state)
{
    struct protocol a, b;
    IPXRIPLIKE_GLOBAL_CONFIG ca, cb;
    DWORD ida, idb;
    (void)state;

    load(&a, 0);
    load(&b, 1);
    ida = a.id;
    idb = b.id;
    memset(&ca, 0, sizeof ca);
    ca.RouteCount = 2;
    ca.Routes[0] = route(0x10, 1, 2, 1, INFINITE);
    ca.Routes[1] = route(0x20, 1, 5, 2, INFINITE);
    memset(&cb, 0, sizeof cb);
    cb.RouteCount = 2;
    cb.Routes[0] = route(0x10, 2, 1, 1, INFINITE);
    cb.Routes[1] = route(0x30, 2, 3, 1, INFINITE);

    assert_int_equal(start(&a, &ca), NO_ERROR);
    assert_int_equal(start(&a, &ca), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(start(&b, &cb), NO_ERROR);
    expect_best(0x10, idb, 1);
    expect_best(0x20, ida, 5);
    expect_best(0x30, idb, 3);
    {
        /* a is told of b's routes; b of nothing (it registered after a's). */
        const struct change want[] = {
            { RTM_ROUTE_CHANGED, 0x10, idb, 1, ida, 2 },
            { RTM_ROUTE_ADDED, 0x30, idb, 3, 0, 0 },
        };
        expect_log(&a, 2, 0, want);
        expect_log(&b, 0, 0, NULL);
    }
    expect_table(&a, 4, 3);

    /* b's interface 2 goes down: its routes go; both are told. */
    interface_down(&b, 2);
    expect_best(0x10, ida, 2);
    expect_best(0x30, 0, 0);
    {
        const struct change want[] = {
            { RTM_ROUTE_CHANGED, 0x10, ida, 2, idb, 1 },
            { RTM_ROUTE_DELETED, 0x30, 0, 0, idb, 3 },
        };
        expect_log(&a, 4, 2, want);
        expect_log(&b, 2, 0, want);
    }

    /* b hears of 0x20, better than a's, and of 0x40 with a TimeToLive of
     * 1 s: a is told; then 0x40 expires: both are told. */
    cb.RouteCount = 2;
    cb.Routes[0] = route(0x20, 3, 4, 1, INFINITE);
    cb.Routes[1] = route(0x40, 3, 1, 1, 1);
    assert_int_equal(set_global_info(&b, &cb), NO_ERROR);
    {
        const struct change want[] = {
            { RTM_ROUTE_CHANGED, 0x20, idb, 4, ida, 5 },
            { RTM_ROUTE_ADDED, 0x40, idb, 1, 0, 0 },
            { RTM_ROUTE_DELETED, 0x40, 0, 0, idb, 1 },
        };
        expect_log(&a, 7, 4, want);
        expect_log(&b, 3, 2, want + 2);
    }
    expect_best(0x40, 0, 0);
    expect_table(&a, 3, 2);

    /* a stops: its routes go with its client; b is told. */
    assert_int_equal(stats(&a).Running, 1);
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(stats(&a).Running, 0);
    {
        const struct change want[] = {
            { RTM_ROUTE_DELETED, 0x10, 0, 0, ida, 2 },
        };
        expect_log(&b, 4, 3, want);
    }
    expect_best(0x20, idb, 4);
    assert_true(stats(&b).Wakeups >= 1);
    assert_int_equal(stats(&b).Messages, 4);
    assert_int_equal(b.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 0);
    unload(&a);
    unload(&b);
#ifndef RTM_CONFORMANCE
    {
        RTM_DIAG_OBJECT_COUNTS c;
        memset(&c, 0, sizeof c);
        c.Size = sizeof c;
        assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
        assert_int_equal(c.V1Clients, 0);
        assert_int_equal(c.V1Enumerations, 0);
    }
#endif
}

/* Malformed configurations and requests are refused, and change nothing. */
static void bad_configuration(void **state)
{
    struct protocol a;
    IPXRIPLIKE_GLOBAL_CONFIG c;
    IPXRIPLIKE_MIB_SET down = { 99, 1 };
    (void)state;

    load(&a, 0);
    memset(&c, 0, sizeof c);
    c.RouteCount = 2;
    c.Routes[0] = route(0x10, 1, 2, 1, INFINITE);
    c.Routes[1] = route(0x10, 2, 2, 1, INFINITE); /* two of one network */
    assert_int_equal(start(&a, &c), ERROR_INVALID_PARAMETER);
    assert_int_equal(set_global_info(&a, &c), ERROR_INVALID_PARAMETER);
    c.RouteCount = 1;
    assert_int_equal(set_global_info(&a, &c), ERROR_CAN_NOT_COMPLETE); /* not running */
    assert_int_equal(start(&a, &c), NO_ERROR);
    assert_int_equal(a.chars.pfnMibSetEntry(sizeof down, &down), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 1);
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 0);
    unload(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_ipx_protocols),
        cmocka_unit_test(bad_configuration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
