/*
 * table_snapshot.h - what a client can see of a route table, as text, to
 * assert that a call changed nothing: the registered entities, every
 * destination (address, views, LastChanged, best and hold routes of each
 * view) with every route (all of RTM_ROUTE_INFO), and the next hops of
 * the entities asked for. Public API only (it can run against Microsoft's
 * Rtm.dll). Include after <cmocka.h> and rtm_test.h; test threads must
 * not use it (it asserts).
 */
#ifndef RTM_TABLE_SNAPSHOT_H
#define RTM_TABLE_SNAPSHOT_H

#include <inttypes.h>
#include <stdarg.h>

struct test_snapshot {
    char *text;
    size_t len, size;
};

/* Appends printf-formatted text. */
static inline void test_snapshot_printf(struct test_snapshot *s, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (s->len + (size_t)n + 1 > s->size) {
        s->size = (s->len + (size_t)n + 1) * 2;
        s->text = test_realloc(s->text, s->size);
    }
    va_start(ap, fmt);
    vsnprintf(s->text + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

/* A handle, for the format "%" PRIx64. */
#define TEST_SNAP_H(h) ((uint64_t)(uintptr_t)(h))

static inline void test_snapshot_prefix(struct test_snapshot *s, const RTM_NET_ADDRESS *a)
{
    test_snapshot_printf(s, "%u/%u:", a->AddressFamily, a->NumBits);
    for (int i = 0; i < RTM_MAX_ADDRESS_SIZE; i++)
        test_snapshot_printf(s, "%02x", a->AddrBits[i]);
}

static inline void test_snapshot_route(struct test_snapshot *s, RTM_ENTITY_HANDLE reg,
                                       RTM_ROUTE_HANDLE route)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[8];
    } r;

    assert_int_equal(RtmGetRouteInfo(reg, route, &r.info, NULL), NO_ERROR);
    test_snapshot_printf(s, "  route %" PRIx64 " owner %" PRIx64 " neighbour %" PRIx64 " state %u flags %x/%x "
                         "pref %lu/%lu views %lx esi %" PRIx64 " hops",
                         TEST_SNAP_H(route), TEST_SNAP_H(r.info.RouteOwner),
                         TEST_SNAP_H(r.info.Neighbour), r.info.State, r.info.Flags1,
                         r.info.Flags, (unsigned long)r.info.PrefInfo.Preference,
                         (unsigned long)r.info.PrefInfo.Metric,
                         (unsigned long)r.info.BelongsToViews,
                         TEST_SNAP_H(r.info.EntitySpecificInfo));
    for (UINT i = 0; i < r.info.NextHopsList.NumNextHops; i++)
        test_snapshot_printf(s, " %" PRIx64, TEST_SNAP_H(r.info.NextHopsList.NextHops[i]));
    test_snapshot_printf(s, "\n");
    assert_int_equal(RtmReleaseRouteInfo(reg, &r.info), NO_ERROR);
}

/* One destination: its information in both views, then its routes. */
static inline void test_snapshot_dest(struct test_snapshot *s, RTM_ENTITY_HANDLE reg,
                                      const RTM_DEST_INFO *listed)
{
    RTM_DEST_INFO *info = test_dest_info();
    RTM_ENUM_HANDLE e = NULL;
    RTM_ROUTE_HANDLE routes[8];
    UINT n;
    DWORD status;

    test_snapshot_printf(s, "dest %" PRIx64 " ", TEST_SNAP_H(listed->DestHandle));
    test_snapshot_prefix(s, &listed->DestAddress);
    test_snapshot_printf(s, " views %lx changed %lx.%lx\n", (unsigned long)listed->BelongsToViews,
                         (unsigned long)listed->LastChanged.dwHighDateTime,
                         (unsigned long)listed->LastChanged.dwLowDateTime);
    assert_int_equal(RtmGetDestInfo(reg, listed->DestHandle, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, info),
                     NO_ERROR);
    for (UINT v = 0; v < info->NumberOfViews; v++)
        test_snapshot_printf(s, "  view %d routes %u best %" PRIx64 " owner %" PRIx64 " hold %" PRIx64 "\n",
                             info->ViewInfo[v].ViewId, info->ViewInfo[v].NumRoutes,
                             TEST_SNAP_H(info->ViewInfo[v].Route),
                             TEST_SNAP_H(info->ViewInfo[v].Owner),
                             TEST_SNAP_H(info->ViewInfo[v].HoldRoute));
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(info);

    assert_int_equal(RtmCreateRouteEnum(reg, listed->DestHandle, RTM_VIEW_MASK_ANY, RTM_ENUM_START,
                                        NULL, RTM_MATCH_NONE, NULL, 0, &e),
                     NO_ERROR);
    do {
        n = 8;
        status = RtmGetEnumRoutes(reg, e, &n, routes);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n; i++)
            test_snapshot_route(s, reg, routes[i]);
        assert_int_equal(RtmReleaseRoutes(reg, n, routes), NO_ERROR);
    } while (status == NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(reg, e), NO_ERROR);
}

/* The next hops reg owns. */
static inline void test_snapshot_nexthops(struct test_snapshot *s, RTM_ENTITY_HANDLE reg)
{
    RTM_ENUM_HANDLE e = NULL;
    RTM_NEXTHOP_HANDLE hops[8];
    UINT n;
    DWORD status;

    test_snapshot_printf(s, "next hops of %" PRIx64 "\n", TEST_SNAP_H(reg));
    assert_int_equal(RtmCreateNextHopEnum(reg, RTM_ENUM_START, NULL, &e), NO_ERROR);
    do {
        n = 8;
        status = RtmGetEnumNextHops(reg, e, &n, hops);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n; i++) {
            RTM_NEXTHOP_INFO info;
            assert_int_equal(RtmGetNextHopInfo(reg, hops[i], &info), NO_ERROR);
            test_snapshot_printf(s, "  next hop %" PRIx64 " ", TEST_SNAP_H(hops[i]));
            test_snapshot_prefix(s, &info.NextHopAddress);
            test_snapshot_printf(s, " if %lu state %u flags %x esi %" PRIx64 " remote %" PRIx64 "\n",
                                 (unsigned long)info.InterfaceIndex, info.State, info.Flags,
                                 TEST_SNAP_H(info.EntitySpecificInfo),
                                 TEST_SNAP_H(info.RemoteNextHop));
            assert_int_equal(RtmReleaseNextHopInfo(reg, &info), NO_ERROR);
        }
        assert_int_equal(RtmReleaseNextHops(reg, n, hops), NO_ERROR);
    } while (status == NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(reg, e), NO_ERROR);
}

/*
 * Describes the table of reg (entities and destinations with their routes)
 * and the next hops of each of the n entities in owners, into s (reset
 * first; free s->text with test_free).
 */
static inline void test_snapshot_take(struct test_snapshot *s, RTM_ENTITY_HANDLE reg,
                                      const RTM_ENTITY_HANDLE *owners, UINT n)
{
    RTM_ENTITY_HANDLE entities[32];
    RTM_ENTITY_INFO infos[32];
    RTM_ENUM_HANDLE e = NULL;
    UINT count = 32;
    DWORD status;

    s->len = 0;
    if (s->text)
        s->text[0] = '\0';
    assert_int_equal(RtmGetRegisteredEntities(reg, &count, entities, infos), NO_ERROR);
    for (UINT i = 0; i < count; i++)
        test_snapshot_printf(s, "entity %" PRIx64 " protocol %lu.%lu\n", TEST_SNAP_H(entities[i]),
                             (unsigned long)infos[i].EntityId.EntityProtocolId,
                             (unsigned long)infos[i].EntityId.EntityInstanceId);
    assert_int_equal(RtmReleaseEntities(reg, count, entities), NO_ERROR);

    assert_int_equal(RtmCreateDestEnum(reg, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                       RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    do {
        /* RTM_VIEW_MASK_ANY: entries of RTM_SIZE_OF_DEST_INFO(0) bytes. */
        RTM_DEST_INFO listed[4];
        char *at = (char *)listed;
        count = 4;
        status = RtmGetEnumDests(reg, e, &count, listed);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < count; i++)
            test_snapshot_dest(s, reg, (RTM_DEST_INFO *)(at + i * RTM_SIZE_OF_DEST_INFO(0)));
        assert_int_equal(RtmReleaseDests(reg, count, listed), NO_ERROR);
    } while (status == NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(reg, e), NO_ERROR);

    for (UINT i = 0; i < n; i++)
        test_snapshot_nexthops(s, owners[i]);
}

/* Fails the test, showing both, unless a and b are the same. */
static inline void test_snapshot_assert_equal(const struct test_snapshot *a,
                                              const struct test_snapshot *b)
{
    if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0)
        fail_msg("the table changed:\n--- before\n%s--- after\n%s", a->text, b->text);
}

#endif /* RTM_TABLE_SNAPSHOT_H */
