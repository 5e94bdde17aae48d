/*
 * mcast_host.c - the router manager's side of mcastlike.dll (see
 * mcastlike.h): loads the DLL with LoadLibrary, registers and starts its
 * multicast routing protocol and its IGMP-like component, adds their
 * interfaces, plays the multicast forwarder through rtm's extension
 * (rtm_mgm_forwarder.h: it reports packets and counters and records the
 * MFEs it is given), drives hosts' and neighbours' joins and leaves
 * through MibSet, and checks the MFEs (MgmGetMfe, MgmGetFirstMfeStats) and
 * the callbacks each component logged (MibGet); then it stops both,
 * unloads the DLL and finds nothing left: no MFE, no interface, no group,
 * no route, no live object of the MGM.
 *
 * The topology: the router is on interface 1, towards the sources of
 * 10.1.0.0/16 (its route, in the RTM's multicast view, via 192.168.1.1),
 * and on interface 2, where IGMP runs too; IGMP alone is on interface 3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#include "mgm.h" /* before routprot.h: see include/mgm.h */
#include "rtm_diag.h"
#include "rtm_mgm_forwarder.h"

#include <routprot.h>

#include "mcastlike.h"

#define DLL_NAME "mcastlike.dll"
#define WAIT_MS 10000
#define ALL_ONES 0xFFFFFFFFu

/* What the router manager keeps of a component it loaded. */
struct component {
    HMODULE module;
    DWORD id;
    MPR_ROUTING_CHARACTERISTICS chars;
};

static struct component router, igmp;

static DWORD ip(unsigned a, unsigned b, unsigned c, unsigned d)
{
    BYTE bytes[4] = { (BYTE)a, (BYTE)b, (BYTE)c, (BYTE)d };
    DWORD v;
    memcpy(&v, bytes, sizeof v);
    return v;
}

#define SOURCE ip(10, 1, 7, 7)
#define GROUP ip(239, 5, 5, 5)
#define UPSTREAM ip(192, 168, 1, 1)

/* ---- the forwarder ------------------------------------------------------- */

enum { FWD_INSTALL, FWD_UPDATE, FWD_REMOVE };

static struct {
    CRITICAL_SECTION lock;
    HANDLE handle;
    int count[3];
    DWORD last_oifs;          /* outgoing interfaces of the last MFE given */
    DWORD last_in;
} fwd;

static void fwd_record(int kind, const MIB_IPMCAST_MFE *mfe)
{
    EnterCriticalSection(&fwd.lock);
    fwd.count[kind]++;
    if (mfe) {
        fwd.last_oifs = mfe->ulNumOutIf;
        fwd.last_in = mfe->dwInIfIndex;
    }
    LeaveCriticalSection(&fwd.lock);
}

static DWORD WINAPI fwd_install(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    (void)context;
    fwd_record(FWD_INSTALL, mfe);
    return NO_ERROR;
}

static DWORD WINAPI fwd_update(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    (void)context;
    fwd_record(FWD_UPDATE, mfe);
    return NO_ERROR;
}

static DWORD WINAPI fwd_remove(PVOID context, DWORD source, DWORD group)
{
    (void)context;
    (void)source;
    (void)group;
    fwd_record(FWD_REMOVE, NULL);
    return NO_ERROR;
}

static int fwd_count(int kind)
{
    int n;
    EnterCriticalSection(&fwd.lock);
    n = fwd.count[kind];
    LeaveCriticalSection(&fwd.lock);
    return n;
}

static void expect_fwd(int kind, int n)
{
    unsigned long long start = test_now_ms();
    while (fwd_count(kind) < n) {
        if (test_now_ms() - start > WAIT_MS)
            fail_msg("forwarder: %d calls of kind %d, expected %d", fwd_count(kind), kind, n);
        test_sleep_ms(2);
    }
    assert_int_equal(fwd_count(kind), n);
}

/* ---- the routing protocol interface -------------------------------------- */

static const MPR_SERVICE_CHARACTERISTICS no_services;

static void load(struct component *c, DWORD id)
{
    PREGISTER_PROTOCOL reg_fn;
    MPR_SERVICE_CHARACTERISTICS services = no_services;

    memset(c, 0, sizeof *c);
    c->id = id;
    c->module = LoadLibraryA(DLL_NAME);
    assert_non_null(c->module);
    reg_fn = (PREGISTER_PROTOCOL)(uintptr_t)GetProcAddress(c->module,
                                                          REGISTER_PROTOCOL_ENTRY_POINT_STRING);
    assert_non_null(reg_fn);
    c->chars.dwVersion = MS_ROUTER_VERSION;
    c->chars.dwProtocolId = id;
    c->chars.fSupportedFunctionality = RF_ROUTING | RF_MULTICAST | RF_DEMAND_UPDATE_ROUTES;
    assert_int_equal(reg_fn(&c->chars, &services), NO_ERROR);
    assert_int_equal(c->chars.fSupportedFunctionality, RF_ROUTING | RF_MULTICAST);
    assert_non_null(c->chars.pfnAddInterface);
    assert_non_null(c->chars.pfnDeleteInterface);
    assert_null(c->chars.pfnGetNeighbors);
}

static DWORD start(struct component *c, const MCASTLIKE_ROUTER_CONFIG *config)
{
    SUPPORT_FUNCTIONS s;
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    DWORD status;

    memset(&s, 0, sizeof s);
    s.dwVersion = MS_ROUTER_VERSION;
    status = c->chars.pfnStartProtocol(event, &s, (PVOID)config, MCASTLIKE_CONFIG_VERSION,
                                       config ? sizeof *config : 0, config ? 1 : 0);
    if (status == NO_ERROR)
        assert_int_equal(c->chars.pfnStartComplete(), NO_ERROR);
    CloseHandle(event);
    return status;
}

static DWORD add_interface(struct component *c, ULONG index)
{
    return c->chars.pfnAddInterface(L"if", index, PERMANENT, 0, 0, 0, NULL, 0, 0, 0);
}

static DWORD mib_set(struct component *c, DWORD command, DWORD source, DWORD group, DWORD index)
{
    MCASTLIKE_MIB_SET m = { command, source, group, index };
    return c->chars.pfnMibSetEntry(sizeof m, &m);
}

static void read_log(struct component *c, MCASTLIKE_LOG *log)
{
    ULONG size = 0;

    assert_int_equal(c->chars.pfnMibGetEntry(0, NULL, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, sizeof *log);
    assert_int_equal(c->chars.pfnMibGetEntry(0, NULL, &size, log), NO_ERROR);
    for (DWORD i = 0; i < log->Count; i++)
        assert_int_equal(log->Events[i].Sequence, i + 1);
    assert_int_equal(log->Lost, 0);
    assert_int_equal(log->Errors, 0);
}

/* The number of events of a kind in c's log from event first (0-based) on;
 * *last gets the last one. */
static int logged(struct component *c, DWORD kind, DWORD first, MCASTLIKE_EVENT *last)
{
    static MCASTLIKE_LOG log;
    int n = 0;

    read_log(c, &log);
    for (DWORD i = first; i < log.Count; i++)
        if (log.Events[i].Kind == kind) {
            n++;
            if (last)
                *last = log.Events[i];
        }
    return n;
}

/* Waits until c logged n events of a kind from event first on; returns the
 * last. */
static MCASTLIKE_EVENT expect_logged(struct component *c, DWORD kind, DWORD first, int n)
{
    unsigned long long start_ms = test_now_ms();
    MCASTLIKE_EVENT e;

    memset(&e, 0, sizeof e);
    while (logged(c, kind, first, &e) < n) {
        if (test_now_ms() - start_ms > WAIT_MS)
            fail_msg("component %#lx: %d events of kind %lu, expected %d", (unsigned long)c->id,
                     logged(c, kind, first, NULL), (unsigned long)kind, n);
        test_sleep_ms(2);
    }
    assert_int_equal(logged(c, kind, first, NULL), n);
    return e;
}

static DWORD log_count(struct component *c)
{
    static MCASTLIKE_LOG log;
    read_log(c, &log);
    return log.Count;
}

/* The MFE of (SOURCE, GROUP) (room for 8 outgoing interfaces). */
static DWORD get_mfe(MIB_IPMCAST_MFE *out)
{
    MIB_IPMCAST_MFE which;
    DWORD size = SIZEOF_MIB_MFE(8);

    memset(&which, 0, sizeof which);
    which.dwSource = SOURCE;
    which.dwGroup = GROUP;
    return MgmGetMfe(&which, &size, (PBYTE)out);
}

static int has_oif(const MIB_IPMCAST_MFE *m, DWORD index)
{
    for (ULONG i = 0; i < m->ulNumOutIf; i++)
        if (m->rgmioOutInfo[i].dwOutIfIndex == index)
            return 1;
    return 0;
}

/* ---- the test ---------------------------------------------------------- */

static void test_multicast_protocols(void **state)
{
    MCASTLIKE_ROUTER_CONFIG config;
    RTM_MGM_FORWARDER_CONFIG fwd_config = { NULL, fwd_install, fwd_update, fwd_remove };
    struct {
        MIB_IPMCAST_MFE mfe;
        MIB_IPMCAST_OIF more[8];
    } m;
    struct {
        MIB_IPMCAST_MFE_STATS_EX stats;
        MIB_IPMCAST_OIF_STATS more[8];
    } counters;
    MCASTLIKE_EVENT e;
    DWORD id, component, mark, size, n;
    BYTE hdr[20] = { 0x45 };

    (void)state;
    InitializeCriticalSection(&fwd.lock);
    load(&router, MCASTLIKE_ROUTER_ID);
    load(&igmp, MCASTLIKE_IGMP_ID);
    assert_ptr_equal(router.module, igmp.module);
    memset(&config, 0, sizeof config);
    config.RouteCount = 1;
    config.Routes[0].Prefix = ip(10, 1, 0, 0);
    config.Routes[0].PrefixLength = 16;
    config.Routes[0].NextHop = UPSTREAM;
    config.Routes[0].InterfaceIndex = 1;
    assert_int_equal(start(&router, &config), NO_ERROR);
    assert_int_equal(start(&igmp, NULL), NO_ERROR);
    assert_int_equal(RtmMgmForwarderRegister(&fwd_config, &fwd.handle), NO_ERROR);

    /* start-up: IGMP on 2 and 3 first, then the router on 1 and 2 (and on
     * 3 for a while): IGMP is disabled and enabled again on each change */
    assert_int_equal(add_interface(&igmp, 2), NO_ERROR);
    assert_int_equal(add_interface(&igmp, 3), NO_ERROR);
    assert_int_equal(add_interface(&router, 1), NO_ERROR);
    assert_int_equal(add_interface(&router, 2), NO_ERROR);
    assert_int_equal(add_interface(&router, 3), NO_ERROR);
    assert_int_equal(router.chars.pfnDeleteInterface(3), NO_ERROR);
    e = expect_logged(&igmp, MCASTLIKE_READDED, 0, 3);
    assert_int_equal(e.InterfaceIndex, 3);
    assert_int_equal(logged(&igmp, MCASTLIKE_DISABLE, 0, NULL), 3);
    assert_int_equal(logged(&igmp, MCASTLIKE_ENABLE, 0, NULL), 3);
    assert_int_equal(MgmGetProtocolOnInterface(2, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, MCASTLIKE_ROUTER_ID);
    assert_int_equal(component, MCASTLIKE_COMPONENT);
    assert_int_equal(MgmGetProtocolOnInterface(3, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, 10); /* IGMP alone */

    /* a host joins on 3 (IGMP alone there): the router hears of receivers
     * on another client's interface */
    mark = log_count(&router);
    assert_int_equal(mib_set(&igmp, MCASTLIKE_JOIN, 0, GROUP, 3), NO_ERROR);
    e = expect_logged(&router, MCASTLIKE_JOIN_ALERT, mark, 1);
    assert_int_equal(e.Group, GROUP);
    assert_int_equal(e.Source, 0);
    assert_int_equal(e.Member, TRUE);

    /* the first packet of (SOURCE, GROUP), on interface 1: the router's
     * RPF callback (its route), IGMP's creation alert for interface 3 */
    assert_int_equal(RtmMgmForwarderReportPacket(fwd.handle, SOURCE, GROUP, 1, 0, sizeof hdr,
                                                 hdr),
                     NO_ERROR);
    e = expect_logged(&router, MCASTLIKE_RPF, 0, 1);
    assert_int_equal(e.Source, SOURCE);
    assert_int_equal(e.InterfaceIndex, 1);
    assert_int_equal(e.Count, UPSTREAM);
    e = expect_logged(&igmp, MCASTLIKE_CREATION, 0, 1);
    assert_int_equal(e.InterfaceIndex, 1);
    assert_int_equal(e.Count, 1);
    assert_int_equal(logged(&router, MCASTLIKE_CREATION, 0, NULL), 0);
    assert_int_equal(get_mfe(&m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwInIfIndex, 1);
    assert_int_equal(m.mfe.dwUpStrmNgbr, UPSTREAM);
    assert_int_equal(m.mfe.dwInIfProtocol, MCASTLIKE_ROUTER_ID);
    assert_int_equal(m.mfe.dwRouteProtocol, MCASTLIKE_ROUTER_ID);
    assert_int_equal(m.mfe.ulNumOutIf, 1);
    assert_true(has_oif(&m.mfe, 3));
    expect_fwd(FWD_INSTALL, 1);

    /* a host on 2, where the router owns the interface: a local join for
     * the router, and the MFE goes out on 2 too */
    mark = log_count(&router);
    assert_int_equal(mib_set(&igmp, MCASTLIKE_JOIN, 0, GROUP, 2), NO_ERROR);
    e = expect_logged(&router, MCASTLIKE_LOCAL_JOIN, mark, 1);
    assert_int_equal(e.Group, GROUP);
    assert_int_equal(e.InterfaceIndex, 2);
    assert_int_equal(get_mfe(&m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, 2);
    assert_true(has_oif(&m.mfe, 2));
    expect_fwd(FWD_UPDATE, 1);

    /* a packet on the wrong interface: the router's wrong-interface alert */
    assert_int_equal(RtmMgmForwarderReportPacket(fwd.handle, SOURCE, GROUP, 2, 0, sizeof hdr,
                                                 hdr),
                     NO_ERROR);
    e = expect_logged(&router, MCASTLIKE_WRONG_IF, 0, 1);
    assert_int_equal(e.InterfaceIndex, 2);
    assert_int_equal(e.Count, sizeof hdr);

    /* counters, read back as an administrative application does */
    memset(&counters, 0, sizeof counters);
    counters.stats.dwSource = SOURCE;
    counters.stats.dwGroup = GROUP;
    counters.stats.ulInPkts = 40;
    counters.stats.ulInOctets = 40000;
    counters.stats.ulNumOutIf = 1;
    counters.stats.rgmiosOutStats[0].dwOutIfIndex = 3;
    counters.stats.rgmiosOutStats[0].ulOutPackets = 40;
    assert_int_equal(RtmMgmForwarderReportCounters(fwd.handle, &counters.stats, sizeof counters),
                     NO_ERROR);
    size = sizeof counters;
    assert_int_equal(MgmGetFirstMfeStats(&size, (PBYTE)&counters, &n, MGM_MFE_STATS_1),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 1);
    assert_int_equal(counters.stats.ulInPkts, 40);
    assert_int_equal(counters.stats.ulInOctets, 40000);
    assert_int_equal(counters.stats.ulNumOutIf, 2);

    /* the hosts leave: a local leave for the router; the MFE loses its
     * interfaces and its upstream protocol is told (a prune about it) */
    mark = log_count(&router);
    assert_int_equal(mib_set(&igmp, MCASTLIKE_LEAVE, 0, GROUP, 2), NO_ERROR);
    assert_int_equal(mib_set(&igmp, MCASTLIKE_LEAVE, 0, GROUP, 3), NO_ERROR);
    expect_logged(&router, MCASTLIKE_LOCAL_LEAVE, mark, 1);
    expect_logged(&router, MCASTLIKE_PRUNE_ALERT, mark, 2); /* the group, the MFE */
    assert_int_equal(get_mfe(&m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, 0);
    expect_fwd(FWD_UPDATE, 3);

    /* a neighbour of the router joins (*, GROUP) on 2: the MFE goes out
     * again, and IGMP, the other client, hears of it */
    mark = log_count(&igmp);
    assert_int_equal(mib_set(&router, MCASTLIKE_JOIN, 0, GROUP, 2), NO_ERROR);
    expect_logged(&igmp, MCASTLIKE_JOIN_ALERT, mark, 1);
    assert_int_equal(get_mfe(&m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, 1);

    /* the router loses interface 1: the MFE coming in there goes */
    assert_int_equal(router.chars.pfnDeleteInterface(1), NO_ERROR);
    assert_int_equal(get_mfe(&m.mfe), ERROR_NOT_FOUND);
    expect_fwd(FWD_REMOVE, 1);

    /* shut-down: both stop, the forwarder goes */
    assert_int_equal(router.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(igmp.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(fwd.handle), NO_ERROR);
    assert_true(FreeLibrary(igmp.module));
    assert_true(FreeLibrary(router.module));
    assert_null(GetModuleHandleA(DLL_NAME));
    DeleteCriticalSection(&fwd.lock);
}

/* Nothing is left: no interface, no group, no MFE, no live object of the
 * MGM, no destination, no entity but the host's. */
static void test_nothing_left(void **state)
{
    RTM_ENTITY_HANDLE host = test_register(0, AF_INET, 3, 0, FALSE);
    HANDLE probe, e;
    ROUTING_PROTOCOL_CONFIG none;
    SOURCE_GROUP_ENTRY entry;
    DWORD id, component, size = sizeof entry, n = 1;

    (void)state;
    for (DWORD i = 1; i <= 3; i++)
        assert_int_equal(MgmGetProtocolOnInterface(i, 0, &id, &component), ERROR_NOT_FOUND);
    size = 0;
    assert_int_equal(MgmGetFirstMfe(&size, NULL, &n), ERROR_NO_MORE_ITEMS);
    memset(&none, 0, sizeof none);
    assert_int_equal(MgmRegisterMProtocol(&none, 77, 1, &probe), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationStart(probe, ALL_SOURCES, &e), NO_ERROR);
    size = sizeof entry;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)&entry, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(probe), NO_ERROR);
    assert_int_equal(test_entity_count(host), 1);
#ifndef RTM_CONFORMANCE
    {
        RTM_DIAG_OBJECT_COUNTS c;
        memset(&c, 0, sizeof c);
        c.Size = sizeof c;
        for (int waited = 0; waited < WAIT_MS; waited++) {
            assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
            if (c.MgmProtocols + c.MgmInterfaces + c.MgmMemberships + c.MgmMfes +
                    c.MgmForwarders + c.MgmEnumerations == 0)
                break;
            test_sleep_ms(1);
        }
        assert_int_equal(c.MgmProtocols, 0);
        assert_int_equal(c.MgmInterfaces, 0);
        assert_int_equal(c.MgmMemberships, 0);
        assert_int_equal(c.MgmMfes, 0);
        assert_int_equal(c.Destinations, 0);
        assert_int_equal(c.Routes, 0);
        assert_int_equal(c.NextHops, 0);
        assert_int_equal(MgmDeInitialize(), NO_ERROR);
    }
#endif
    assert_int_equal(RtmDeregisterEntity(host), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_multicast_protocols),
        cmocka_unit_test(test_nothing_left),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
