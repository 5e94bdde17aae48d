/*
 * protocol_host.c - the router manager's side of riplike.dll (see
 * riplike.h): loads the DLL with LoadLibrary, registers and starts two of
 * its protocols with different preferences, feeds them route changes
 * through the routing protocol interface (MibSet, SetGlobalInfo), checks
 * the best routes through its own RTM registration and the best-route
 * changes each protocol logged (MibGet), stops them, unloads the DLL, and
 * checks that nothing is left: no destination, no entity but its own, no
 * route or next hop handle that still resolves.
 *
 * Two instances, the RRAS way: one module, RegisterProtocol called once per
 * protocol id. The router manager runs one instance of each protocol and
 * loads the DLL that implements it; a DLL may implement several protocols
 * and is then asked for each of them (nc-routprot-pregister_protocol.md).
 * It calls LoadLibrary once per protocol, so the second LoadLibrary of the
 * same file returns the same module (its reference count goes to 2) and
 * the module goes away with the second FreeLibrary. The two protocols have
 * their own entry points and state inside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#include <routprot.h>

#include "riplike.h"

#define DLL_NAME "riplike.dll"
#define WAIT_MS 10000
#define HOST_PROTOCOL_ID 3 /* PROTO_IP_NETMGMT: the router manager */

/* What the router manager keeps of a protocol it loaded. */
struct protocol {
    HMODULE module;
    DWORD id;
    MPR_ROUTING_CHARACTERISTICS chars;
    HANDLE event; /* its notification event */
};

static RTM_ENTITY_HANDLE host;

/* Route and next-hop handles seen during a test: each must be stale once
 * the protocols that own them have stopped. */
static HANDLE seen_routes[64], seen_nexthops[64];
static unsigned seen_route_count, seen_nexthop_count;

static void remember(HANDLE *list, unsigned *count, HANDLE handle)
{
    for (unsigned i = 0; i < *count; i++)
        if (list[i] == handle)
            return;
    assert_true(*count < 64);
    list[(*count)++] = handle;
}

/* ---- the routing protocol interface, from the router manager's side --- */

static const MPR_SERVICE_CHARACTERISTICS no_services;

/* RegisterProtocol for id through a module loaded by LoadLibrary, as a
 * router offering every routing function; returns its status. */
static DWORD register_protocol(HMODULE module, DWORD id, DWORD version, DWORD functions,
                               MPR_ROUTING_CHARACTERISTICS *chars)
{
    PREGISTER_PROTOCOL reg_fn =
        (PREGISTER_PROTOCOL)(uintptr_t)GetProcAddress(module, REGISTER_PROTOCOL_ENTRY_POINT_STRING);
    MPR_SERVICE_CHARACTERISTICS services = no_services;

    assert_non_null(reg_fn);
    memset(chars, 0, sizeof *chars);
    chars->dwVersion = version;
    chars->dwProtocolId = id;
    chars->fSupportedFunctionality = functions;
    services.fSupportedFunctionality = SERVICES | DEMAND_UPDATE_SERVICES;
    DWORD status = reg_fn(chars, &services);
    if (status == NO_ERROR)
        assert_int_equal(services.fSupportedFunctionality, 0);
    return status;
}

#define ALL_ROUTING_FUNCTIONS                                                              \
    (RF_ROUTING | RF_DEMAND_UPDATE_ROUTES | RF_ADD_ALL_INTERFACES | RF_MULTICAST | RF_POWER)

/* Loads the DLL for protocol n and registers it. */
static void load(struct protocol *p, DWORD n)
{
    memset(p, 0, sizeof *p);
    p->id = RIPLIKE_PROTOCOL_ID(n);
    p->module = LoadLibraryA(DLL_NAME);
    assert_non_null(p->module);
    assert_int_equal(register_protocol(p->module, p->id, MS_ROUTER_VERSION, ALL_ROUTING_FUNCTIONS,
                                       &p->chars),
                     NO_ERROR);
    assert_int_equal(p->chars.dwVersion, MS_ROUTER_VERSION);
    assert_int_equal(p->chars.dwProtocolId, p->id);
    assert_int_equal(p->chars.fSupportedFunctionality, RF_ROUTING);
    p->event = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(p->event);
}

static void unload(struct protocol *p)
{
    assert_true(CloseHandle(p->event));
    assert_true(FreeLibrary(p->module));
}

/* A configuration without routes. */
static RIPLIKE_GLOBAL_CONFIG config(DWORD instance, DWORD preference)
{
    RIPLIKE_GLOBAL_CONFIG c;
    memset(&c, 0, sizeof c);
    c.InstanceId = instance;
    c.Preference = preference;
    return c;
}

/* A route to a.b.c.0/len through 192.168.hop.1 on interface hop. */
static RIPLIKE_ROUTE route(BYTE a, BYTE b, BYTE c, DWORD len, BYTE hop, DWORD metric)
{
    RIPLIKE_ROUTE r;
    memset(&r, 0, sizeof r);
    r.Prefix[0] = a;
    r.Prefix[1] = b;
    r.Prefix[2] = c;
    r.PrefixLength = len;
    r.NextHop[0] = 192;
    r.NextHop[1] = 168;
    r.NextHop[2] = hop;
    r.NextHop[3] = 1;
    r.InterfaceIndex = hop;
    r.Metric = metric;
    return r;
}

static void add_route(RIPLIKE_GLOBAL_CONFIG *c, RIPLIKE_ROUTE r)
{
    assert_true(c->RouteCount < RIPLIKE_MAX_ROUTES);
    c->Routes[c->RouteCount++] = r;
}

static SUPPORT_FUNCTIONS support_functions(void)
{
    SUPPORT_FUNCTIONS s;
    memset(&s, 0, sizeof s);
    s.dwVersion = MS_ROUTER_VERSION;
    return s;
}

static DWORD start(struct protocol *p, RIPLIKE_GLOBAL_CONFIG *c)
{
    SUPPORT_FUNCTIONS s = support_functions();
    DWORD status = p->chars.pfnStartProtocol(p->event, &s, c, RIPLIKE_CONFIG_VERSION, sizeof *c, 1);
    if (status == NO_ERROR)
        assert_int_equal(p->chars.pfnStartComplete(), NO_ERROR);
    return status;
}

static DWORD mib_set(struct protocol *p, DWORD command, RIPLIKE_ROUTE r)
{
    RIPLIKE_MIB_SET request;
    request.Command = command;
    request.Route = r;
    return p->chars.pfnMibSetEntry(sizeof request, &request);
}

static RIPLIKE_STATS stats(struct protocol *p)
{
    RIPLIKE_MIB_GET request = {RIPLIKE_GET_STATS, 0};
    RIPLIKE_STATS s;
    ULONG size = sizeof s;
    assert_int_equal(p->chars.pfnMibGetEntry(sizeof request, &request, &size, &s), NO_ERROR);
    assert_int_equal(size, sizeof s);
    return s;
}

/* The protocol's log (MibGet asked for its size first); free it. */
static RIPLIKE_LOG *read_log(struct protocol *p)
{
    RIPLIKE_MIB_GET request = {RIPLIKE_GET_LOG, 1};
    ULONG size = 0;
    RIPLIKE_LOG *log;
    DWORD status;

    do {
        assert_int_equal(p->chars.pfnMibGetEntry(sizeof request, &request, &size, NULL),
                         ERROR_INSUFFICIENT_BUFFER);
        log = test_malloc(size);
        status = p->chars.pfnMibGetEntry(sizeof request, &request, &size, log);
        if (status != NO_ERROR)
            test_free(log); /* grew in between */
    } while (status == ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(status, NO_ERROR);
    assert_int_equal(size, RIPLIKE_LOG_SIZE(log->Count));
    for (DWORD i = 0; i < log->Count; i++)
        assert_int_equal(log->Entries[i].Sequence, i + 1);
    return log;
}

/* What a log entry or the host says of a destination's best route. */
struct best {
    DWORD routes;
    DWORD owner; /* protocol id and instance of its owner; 0 without routes */
    DWORD instance;
    DWORD preference;
    DWORD metric;
};

static int same_best(const struct best *a, const struct best *b)
{
    return a->routes == b->routes && a->owner == b->owner && a->instance == b->instance &&
           a->preference == b->preference && a->metric == b->metric;
}

/* The last entry p logged for prefix a.b.c.0/len (0 if none). */
static int last_logged(struct protocol *p, BYTE a, BYTE b, BYTE c, DWORD len, struct best *out)
{
    RIPLIKE_LOG *log = read_log(p);
    int found = 0;

    for (DWORD i = log->Count; i-- > 0 && !found;) {
        const RIPLIKE_LOG_ENTRY *e = &log->Entries[i];
        if (e->Prefix[0] == a && e->Prefix[1] == b && e->Prefix[2] == c && e->Prefix[3] == 0 &&
            e->PrefixLength == len) {
            struct best logged = {e->Routes, e->OwnerProtocolId, e->OwnerInstanceId,
                                  e->Preference, e->Metric};
            *out = logged;
            found = 1;
        }
    }
    test_free(log);
    return found;
}

/* Waits until the last change p logged for a.b.c.0/len is want. */
static void expect_logged(struct protocol *p, BYTE a, BYTE b, BYTE c, DWORD len, struct best want)
{
    unsigned long long start_ms = test_now_ms();
    struct best got;
    int found;

    while (!(found = last_logged(p, a, b, c, len, &got)) || !same_best(&got, &want)) {
        if (test_now_ms() - start_ms > WAIT_MS)
            fail_msg("protocol %#lx: %u.%u.%u.0/%lu: %s (routes %lu, owner %#lx/%lu, "
                     "preference %lu, metric %lu), expected routes %lu, owner %#lx/%lu, "
                     "preference %lu, metric %lu",
                     (unsigned long)p->id, a, b, c, (unsigned long)len,
                     found ? "logged" : "nothing logged", (unsigned long)got.routes,
                     (unsigned long)got.owner, (unsigned long)got.instance,
                     (unsigned long)got.preference, (unsigned long)got.metric,
                     (unsigned long)want.routes, (unsigned long)want.owner,
                     (unsigned long)want.instance, (unsigned long)want.preference,
                     (unsigned long)want.metric);
        test_sleep_ms(5);
    }
}

/* ---- the host's own view of the table ---------------------------------- */

/* The best unicast route to address a.b.c.77, which must be in the
 * destination a.b.c.0/len, seen through the host's own registration
 * (RtmGetMostSpecificDestination, RtmGetRouteInfo, RtmGetEntityInfo).
 * Remembers its route and next-hop handles. */
static struct best best_route(BYTE a, BYTE b, BYTE c, DWORD len)
{
    RTM_NET_ADDRESS address = test_ipv4(a, b, c, 77, 32);
    RTM_NET_ADDRESS prefix = test_ipv4(a, b, c, 0, len);
    RTM_DEST_INFO *info = test_dest_info();
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[8];
    } r;
    RTM_ENTITY_INFO owner;
    struct best best;

    memset(&best, 0, sizeof best);
    assert_int_equal(RtmGetMostSpecificDestination(host, &address, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_true(test_same_prefix(&info->DestAddress, &prefix));
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    best.routes = info->ViewInfo[0].NumRoutes;
    assert_non_null(info->ViewInfo[0].Route);
    remember(seen_routes, &seen_route_count, info->ViewInfo[0].Route);
    assert_int_equal(RtmGetRouteInfo(host, info->ViewInfo[0].Route, &r.info, NULL), NO_ERROR);
    best.preference = r.info.PrefInfo.Preference;
    best.metric = r.info.PrefInfo.Metric;
    for (UINT i = 0; i < r.info.NextHopsList.NumNextHops; i++)
        remember(seen_nexthops, &seen_nexthop_count, r.info.NextHopsList.NextHops[i]);
    assert_int_equal(RtmReleaseRouteInfo(host, &r.info), NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(host, info->ViewInfo[0].Owner, &owner), NO_ERROR);
    best.owner = owner.EntityId.EntityProtocolId;
    best.instance = owner.EntityId.EntityInstanceId;
    assert_int_equal(RtmReleaseEntityInfo(host, &owner), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(host, info), NO_ERROR);
    test_free(info);
    return best;
}

static void expect_best(BYTE a, BYTE b, BYTE c, DWORD len, struct best want)
{
    struct best got = best_route(a, b, c, len);
    if (!same_best(&got, &want))
        fail_msg("best route to %u.%u.%u.0/%lu: routes %lu, owner %#lx/%lu, preference %lu, "
                 "metric %lu; expected routes %lu, owner %#lx/%lu, preference %lu, metric %lu",
                 a, b, c, (unsigned long)len, (unsigned long)got.routes, (unsigned long)got.owner,
                 (unsigned long)got.instance, (unsigned long)got.preference,
                 (unsigned long)got.metric, (unsigned long)want.routes,
                 (unsigned long)want.owner, (unsigned long)want.instance,
                 (unsigned long)want.preference, (unsigned long)want.metric);
}

/* The number of destinations in the table (unicast and multicast views). */
static UINT dest_count(void)
{
    RTM_ENUM_HANDLE e = NULL;
    RTM_DEST_INFO *infos = test_malloc(RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS) * 8);
    UINT total = 0, n;
    DWORD status;

    assert_int_equal(RtmCreateDestEnum(host, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                       RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    do {
        n = 8;
        status = RtmGetEnumDests(host, e, &n, infos);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        total += n;
        if (n)
            assert_int_equal(RtmReleaseDests(host, n, infos), NO_ERROR);
    } while (status == NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(host, e), NO_ERROR);
    test_free(infos);
    return total;
}

/* Nothing of the protocols is left: no destination, no entity but the
 * host, and (our DLL only: stale handles are not something to try on the
 * original) every route and next-hop handle seen no longer resolves. */
static void expect_nothing_left(void)
{
    assert_int_equal(dest_count(), 0);
    assert_int_equal(test_entity_count(host), 1);
#ifndef RTM_CONFORMANCE
    for (unsigned i = 0; i < seen_route_count; i++) {
        struct {
            RTM_ROUTE_INFO info;
            RTM_NEXTHOP_HANDLE room[8];
        } r;
        assert_int_equal(RtmGetRouteInfo(host, seen_routes[i], &r.info, NULL),
                         ERROR_INVALID_HANDLE);
    }
    for (unsigned i = 0; i < seen_nexthop_count; i++) {
        RTM_NEXTHOP_INFO info;
        assert_int_equal(RtmGetNextHopInfo(host, seen_nexthops[i], &info), ERROR_INVALID_HANDLE);
    }
#endif
    seen_route_count = seen_nexthop_count = 0;
}

static int setup(void **state)
{
    (void)state;
    host = test_register(0, AF_INET, HOST_PROTOCOL_ID, 0, FALSE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_null(GetModuleHandleA(DLL_NAME));
    expect_nothing_left();
    assert_int_equal(RtmDeregisterEntity(host), NO_ERROR);
    return 0;
}

/* ---- tests --------------------------------------------------------------- */

/* RegisterProtocol: one module for both protocols, each with entry points
 * of its own, the documented fields filled, the refusals. */
static void test_register_protocol(void **state)
{
    struct protocol a, b;
    MPR_ROUTING_CHARACTERISTICS chars;
    MPR_SERVICE_CHARACTERISTICS services = no_services;
    PREGISTER_PROTOCOL reg_fn;

    (void)state;
    load(&a, 0);
    load(&b, 1);
    assert_ptr_equal(a.module, b.module);
    assert_true(a.chars.pfnStartProtocol != b.chars.pfnStartProtocol);
    assert_true(a.chars.pfnMibGetEntry != b.chars.pfnMibGetEntry);
    assert_non_null(a.chars.pfnStartProtocol);
    assert_non_null(a.chars.pfnStartComplete);
    assert_non_null(a.chars.pfnStopProtocol);
    assert_non_null(a.chars.pfnGetGlobalInfo);
    assert_non_null(a.chars.pfnSetGlobalInfo);
    assert_non_null(a.chars.pfnGetEventMessage);
    assert_non_null(a.chars.pfnMibSetEntry);
    assert_non_null(a.chars.pfnMibGetEntry);
    assert_null(a.chars.pfnAddInterface);
    assert_null(a.chars.pfnUpdateRoutes);
    assert_null(a.chars.pfnMibCreateEntry);
    assert_null(a.chars.pfnMibGetFirstEntry);

    /* asked again: the same entry points */
    assert_int_equal(register_protocol(a.module, a.id, MS_ROUTER_VERSION, RF_ROUTING, &chars),
                     NO_ERROR);
    assert_ptr_equal(chars.pfnStartProtocol, a.chars.pfnStartProtocol);

    /* not its protocol, an older router, a router without routing */
    assert_int_equal(register_protocol(a.module, RIPLIKE_PROTOCOL_ID(RIPLIKE_PROTOCOL_COUNT),
                                       MS_ROUTER_VERSION, ALL_ROUTING_FUNCTIONS, &chars),
                     ERROR_NOT_SUPPORTED);
    assert_null(chars.pfnStartProtocol);
    assert_int_equal(register_protocol(a.module, a.id, MS_ROUTER_VERSION - 1,
                                       ALL_ROUTING_FUNCTIONS, &chars),
                     ERROR_NOT_SUPPORTED);
    assert_int_equal(register_protocol(a.module, a.id, MS_ROUTER_VERSION,
                                       ALL_ROUTING_FUNCTIONS & ~RF_ROUTING, &chars),
                     ERROR_NOT_SUPPORTED);
    reg_fn = (PREGISTER_PROTOCOL)(uintptr_t)GetProcAddress(a.module,
                                                          REGISTER_PROTOCOL_ENTRY_POINT_STRING);
    assert_int_equal(reg_fn(NULL, &services), ERROR_NOT_SUPPORTED);
    assert_int_equal(reg_fn(&chars, NULL), ERROR_NOT_SUPPORTED);

    unload(&b);
    assert_ptr_equal(GetModuleHandleA(DLL_NAME), a.module); /* one reference left */
    unload(&a);
}

/* Every entry point refuses what it documents it refuses, and changes
 * nothing: malformed configurations and requests, calls in the wrong
 * state. */
static void test_bad_requests(void **state)
{
    struct protocol a;
    RIPLIKE_GLOBAL_CONFIG c = config(1, 100), bad;
    SUPPORT_FUNCTIONS s = support_functions();
    RIPLIKE_MIB_SET set;
    RIPLIKE_MIB_GET get = {RIPLIKE_GET_STATS, 0};
    RIPLIKE_STATS st;
    ROUTING_PROTOCOL_EVENTS event;
    ULONG size, version, structure_size, count;
    RIPLIKE_GLOBAL_CONFIG back;

    (void)state;
    load(&a, 0);
    add_route(&c, route(10, 0, 0, 8, 1, 5));

    /* StartProtocol: malformed configurations */
    assert_int_equal(a.chars.pfnStartProtocol(a.event, &s, NULL, RIPLIKE_CONFIG_VERSION,
                                              sizeof c, 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnStartProtocol(a.event, &s, &c, RIPLIKE_CONFIG_VERSION + 1,
                                              sizeof c, 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnStartProtocol(a.event, &s, &c, RIPLIKE_CONFIG_VERSION,
                                              sizeof c - 1, 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnStartProtocol(a.event, &s, &c, RIPLIKE_CONFIG_VERSION,
                                              sizeof c, 2),
                     ERROR_INVALID_PARAMETER);
    bad = c;
    bad.RouteCount = RIPLIKE_MAX_ROUTES + 1;
    assert_int_equal(start(&a, &bad), ERROR_INVALID_PARAMETER);
    bad = c;
    bad.Routes[0].PrefixLength = 33;
    assert_int_equal(start(&a, &bad), ERROR_INVALID_PARAMETER);
    bad = c;
    add_route(&bad, route(10, 0, 0, 8, 1, 6)); /* the same route again */
    assert_int_equal(start(&a, &bad), ERROR_INVALID_PARAMETER);
    assert_int_equal(test_entity_count(host), 1);

    /* stopped */
    memset(&set, 0, sizeof set);
    set.Command = RIPLIKE_SET_ROUTE;
    set.Route = route(10, 0, 0, 8, 1, 5);
    assert_int_equal(a.chars.pfnMibSetEntry(sizeof set, &set), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(a.chars.pfnSetGlobalInfo(&c, RIPLIKE_CONFIG_VERSION, sizeof c, 1),
                     ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(a.chars.pfnGetEventMessage(&event, NULL), ERROR_NO_MORE_ITEMS);
    assert_int_equal(stats(&a).Running, 0);

    /* running */
    assert_int_equal(start(&a, &c), NO_ERROR);
    assert_int_equal(start(&a, &c), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(test_entity_count(host), 2);

    assert_int_equal(a.chars.pfnMibSetEntry(sizeof set - 1, &set), ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnMibSetEntry(sizeof set, NULL), ERROR_INVALID_PARAMETER);
    set.Command = 3;
    assert_int_equal(a.chars.pfnMibSetEntry(sizeof set, &set), ERROR_INVALID_PARAMETER);
    set.Command = RIPLIKE_SET_ROUTE;
    set.Route.PrefixLength = 33;
    assert_int_equal(a.chars.pfnMibSetEntry(sizeof set, &set), ERROR_INVALID_PARAMETER);
    assert_int_equal(mib_set(&a, RIPLIKE_DELETE_ROUTE, route(10, 0, 0, 8, 2, 5)),
                     ERROR_INVALID_PARAMETER);

    size = sizeof st;
    assert_int_equal(a.chars.pfnMibGetEntry(sizeof get, &get, NULL, &st), ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnMibGetEntry(sizeof get - 1, &get, &size, &st),
                     ERROR_INVALID_PARAMETER);
    get.Query = 3;
    assert_int_equal(a.chars.pfnMibGetEntry(sizeof get, &get, &size, &st), ERROR_INVALID_PARAMETER);
    get.Query = RIPLIKE_GET_STATS;
    size = sizeof st - 1;
    assert_int_equal(a.chars.pfnMibGetEntry(sizeof get, &get, &size, &st),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, sizeof st);

    assert_int_equal(a.chars.pfnGetGlobalInfo(&back, NULL, NULL, NULL, NULL),
                     ERROR_INVALID_PARAMETER);
    size = 0;
    assert_int_equal(a.chars.pfnGetGlobalInfo(NULL, &size, NULL, NULL, NULL),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, sizeof back);
    assert_int_equal(a.chars.pfnGetGlobalInfo(&back, &size, &version, &structure_size, &count),
                     NO_ERROR);
    assert_int_equal(version, RIPLIKE_CONFIG_VERSION);
    assert_int_equal(structure_size, sizeof back);
    assert_int_equal(count, 1);
    assert_memory_equal(&back, &c, sizeof c);

    bad = c;
    bad.InstanceId = 9;
    assert_int_equal(a.chars.pfnSetGlobalInfo(&bad, RIPLIKE_CONFIG_VERSION, sizeof bad, 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnSetGlobalInfo(&c, RIPLIKE_CONFIG_VERSION + 1, sizeof c, 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(a.chars.pfnGetEventMessage(NULL, NULL), ERROR_INVALID_PARAMETER);

    /* none of that changed anything: no message, the same routes */
    assert_int_equal(a.chars.pfnGetEventMessage(&event, NULL), ERROR_NO_MORE_ITEMS);
    assert_int_equal(WaitForSingleObject(a.event, 0), WAIT_TIMEOUT);
    expect_best(10, 0, 0, 8, (struct best){1, a.id, 1, 100, 5});
    st = stats(&a);
    assert_int_equal(st.Routes, 1);
    assert_int_equal(st.Errors, 0);

    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    st = stats(&a);
    assert_int_equal(st.Running, 0);
    assert_int_equal(st.Routes, 0);
    assert_int_equal(st.Errors, 0);
    unload(&a);
}

/* The RTM refuses the registration (an entity with the same id exists):
 * StartProtocol fails and leaves nothing behind; it starts once the id is
 * free. */
static void test_start_fails_cleanly(void **state)
{
    struct protocol a;
    RIPLIKE_GLOBAL_CONFIG c = config(7, 100);
    RTM_ENTITY_HANDLE squatter = test_register(0, AF_INET, RIPLIKE_PROTOCOL_ID(0), 7, FALSE);

    (void)state;
    load(&a, 0);
    add_route(&c, route(10, 0, 0, 8, 1, 5));
    assert_int_equal(start(&a, &c), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(stats(&a).Running, 0);
    assert_int_equal(test_entity_count(host), 2);
    assert_int_equal(dest_count(), 0);
    assert_int_equal(RtmDeregisterEntity(squatter), NO_ERROR);

    assert_int_equal(start(&a, &c), NO_ERROR);
    expect_best(10, 0, 0, 8, (struct best){1, a.id, 7, 100, 5});
    expect_logged(&a, 10, 0, 0, 8, (struct best){1, a.id, 7, 100, 5});
    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    unload(&a);
}

/* A protocol stopped and started again starts a new log and takes its
 * routes back. */
static void test_restart(void **state)
{
    struct protocol a;
    RIPLIKE_GLOBAL_CONFIG c = config(1, 100);
    RIPLIKE_STATS st;

    (void)state;
    load(&a, 0);
    add_route(&c, route(10, 0, 0, 8, 1, 5));
    for (int run = 0; run < 2; run++) {
        assert_int_equal(start(&a, &c), NO_ERROR);
        expect_logged(&a, 10, 0, 0, 8, (struct best){1, a.id, 1, 100, 5});
        st = stats(&a);
        assert_int_equal(st.Running, 1);
        assert_int_equal(st.Logged, 1);
        assert_int_equal(st.Errors, 0);
        assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
        assert_int_equal(dest_count(), 0);
    }
    unload(&a);
}

/* Waits until p has counted at least n entity events. */
static void expect_entity_events(struct protocol *p, DWORD n)
{
    unsigned long long start_ms = test_now_ms();
    while (stats(p).EntityEvents < n) {
        if (test_now_ms() - start_ms > WAIT_MS)
            fail_msg("protocol %#lx: %lu entity events, expected %lu", (unsigned long)p->id,
                     (unsigned long)stats(p).EntityEvents, (unsigned long)n);
        test_sleep_ms(5);
    }
    assert_int_equal(stats(p).EntityEvents, n);
}

/* Takes one SAVE_GLOBAL_CONFIG_INFO message per change, then none. */
static void expect_saves(struct protocol *p, int changes)
{
    ROUTING_PROTOCOL_EVENTS event;
    MESSAGE message;

    if (changes)
        assert_int_equal(WaitForSingleObject(p->event, WAIT_MS), WAIT_OBJECT_0);
    for (int i = 0; i < changes; i++) {
        event = ROUTER_STOPPED;
        assert_int_equal(p->chars.pfnGetEventMessage(&event, &message), NO_ERROR);
        assert_int_equal(event, SAVE_GLOBAL_CONFIG_INFO);
    }
    assert_int_equal(p->chars.pfnGetEventMessage(&event, &message), ERROR_NO_MORE_ITEMS);
}

/*
 * Two protocols, preferences 100 (A) and 50 (B, preferred), sharing
 * 10.0.0.0/8; then route changes through MibSet and a new configuration
 * through SetGlobalInfo that makes A preferred. After each step the host
 * checks the best routes, and each protocol's log shows the last
 * best-route change it was notified of for each destination.
 */
static void test_two_protocols(void **state)
{
    struct protocol a, b;
    RIPLIKE_GLOBAL_CONFIG ca = config(1, 100), cb = config(2, 50), back;
    struct best got;
    RIPLIKE_STATS st;
    ULONG size = sizeof back;

    (void)state;
    load(&a, 0);
    load(&b, 1);
    add_route(&ca, route(10, 0, 0, 8, 1, 5));
    add_route(&ca, route(10, 1, 0, 16, 1, 3)); /* the same next hop */
    add_route(&cb, route(10, 0, 0, 8, 2, 9));
    add_route(&cb, route(172, 16, 0, 12, 2, 1));
    assert_int_equal(start(&a, &ca), NO_ERROR);
    assert_int_equal(start(&b, &cb), NO_ERROR);
    assert_int_equal(test_entity_count(host), 3);

    struct best ten_b = {2, b.id, 2, 50, 9}, ten_one_a = {1, a.id, 1, 100, 3};
    struct best private_b = {1, b.id, 2, 50, 1};
    expect_best(10, 0, 0, 8, ten_b);
    expect_best(10, 1, 0, 16, ten_one_a);
    expect_best(172, 16, 0, 12, private_b);
    expect_logged(&a, 10, 0, 0, 8, ten_b);
    expect_logged(&a, 10, 1, 0, 16, ten_one_a);
    expect_logged(&a, 172, 16, 0, 12, private_b);
    expect_logged(&b, 10, 0, 0, 8, ten_b);
    expect_logged(&b, 172, 16, 0, 12, private_b);
    /* 10.1.0.0/16 has not changed since B registered for changes */
    assert_false(last_logged(&b, 10, 1, 0, 16, &got));
    expect_entity_events(&a, 1); /* B registered */

    /* B loses its 10.0.0.0/8 route (an administrator, through the MIB) */
    assert_int_equal(mib_set(&b, RIPLIKE_DELETE_ROUTE, route(10, 0, 0, 8, 2, 9)), NO_ERROR);
    struct best ten_a = {1, a.id, 1, 100, 5};
    expect_best(10, 0, 0, 8, ten_a);
    expect_logged(&a, 10, 0, 0, 8, ten_a);
    expect_logged(&b, 10, 0, 0, 8, ten_a);
    expect_saves(&b, 1);
    expect_saves(&a, 0);
    assert_int_equal(b.chars.pfnGetGlobalInfo(&back, &size, NULL, NULL, NULL), NO_ERROR);
    assert_int_equal(back.RouteCount, 1);
    assert_memory_equal(&back.Routes[0], &cb.Routes[1], sizeof back.Routes[0]);

    /* A: a new metric, a new route */
    assert_int_equal(mib_set(&a, RIPLIKE_SET_ROUTE, route(10, 1, 0, 16, 1, 7)), NO_ERROR);
    assert_int_equal(mib_set(&a, RIPLIKE_SET_ROUTE, route(192, 168, 100, 24, 1, 1)), NO_ERROR);
    struct best ten_one_a7 = {1, a.id, 1, 100, 7}, lan_a = {1, a.id, 1, 100, 1};
    expect_best(10, 1, 0, 16, ten_one_a7);
    expect_best(192, 168, 100, 24, lan_a);
    expect_logged(&a, 10, 1, 0, 16, ten_one_a7);
    expect_logged(&b, 10, 1, 0, 16, ten_one_a7);
    expect_logged(&a, 192, 168, 100, 24, lan_a);
    expect_logged(&b, 192, 168, 100, 24, lan_a);
    expect_saves(&a, 2);

    /* A's new configuration: preference 40 (now preferred), a route to
     * 172.16.0.0/12 too */
    ca = config(1, 40);
    add_route(&ca, route(10, 0, 0, 8, 1, 5));
    add_route(&ca, route(10, 1, 0, 16, 1, 7));
    add_route(&ca, route(192, 168, 100, 24, 1, 1));
    add_route(&ca, route(172, 16, 0, 12, 1, 20));
    assert_int_equal(a.chars.pfnSetGlobalInfo(&ca, RIPLIKE_CONFIG_VERSION, sizeof ca, 1),
                     NO_ERROR);
    struct best ten_a40 = {1, a.id, 1, 40, 5}, private_a40 = {2, a.id, 1, 40, 20};
    expect_best(10, 0, 0, 8, ten_a40);
    expect_best(172, 16, 0, 12, private_a40);
    expect_logged(&a, 10, 0, 0, 8, ten_a40);
    expect_logged(&b, 10, 0, 0, 8, ten_a40);
    expect_logged(&a, 172, 16, 0, 12, private_a40);
    expect_logged(&b, 172, 16, 0, 12, private_a40);
    expect_saves(&a, 0);

    st = stats(&a);
    assert_int_equal(st.Routes, 4);
    assert_int_equal(st.Errors, 0);
    assert_int_equal(st.Lost, 0);
    assert_true(st.Notifications >= 1);
    st = stats(&b);
    assert_int_equal(st.Routes, 1);
    assert_int_equal(st.Errors, 0);
    assert_int_equal(st.Lost, 0);

    /* B stops: A's route to 172.16.0.0/12 stays, alone */
    assert_int_equal(b.chars.pfnStopProtocol(), NO_ERROR);
    st = stats(&b);
    assert_int_equal(st.Running, 0);
    assert_int_equal(st.Routes, 0);
    assert_int_equal(st.Errors, 0);
    expect_best(172, 16, 0, 12, (struct best){1, a.id, 1, 40, 20});
    expect_entity_events(&a, 2); /* B deregistered */
    assert_int_equal(test_entity_count(host), 2);

    assert_int_equal(a.chars.pfnStopProtocol(), NO_ERROR);
    st = stats(&a);
    assert_int_equal(st.Running, 0);
    assert_int_equal(st.Routes, 0);
    assert_int_equal(st.Errors, 0);
    unload(&b);
    unload(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_register_protocol, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_fails_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_protocols, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
