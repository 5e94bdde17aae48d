/*
 * rtm_snapshot.h - what clients can see of a route table, recorded through
 * the public API, so that a test can assert that a call changed nothing:
 * the registered entities, every destination (also one kept by hold-down)
 * with its best routes per view, every route with its information, and,
 * for each watching entity, its next hops, the routes of one of its route
 * lists and the change status and marks of every destination for one of
 * its change notification registrations. Handles are recorded as values
 * (a handle keeps its value for its object's whole life); every reference
 * the snapshot takes is released. Include after rtm_test.h.
 */
#ifndef RTM_SNAPSHOT_H
#define RTM_SNAPSHOT_H

#define SNAP_MAX_WATCHERS 4
#define SNAP_MAX_ENTITIES 16
#define SNAP_MAX_DESTS 32
#define SNAP_MAX_ROUTES 64
#define SNAP_MAX_NEXTHOPS 16
#define SNAP_MAX_LIST_ROUTES 16
#define SNAP_HOPS 4 /* MaxNextHopsInRoute */

/* An entity whose own objects a snapshot records (the first one also
 * reads the table-wide state). */
struct snap_watcher {
    RTM_ENTITY_HANDLE reg;        /* a registered entity */
    RTM_ROUTE_LIST_HANDLE list;   /* one of its route lists, or NULL */
    RTM_NOTIFY_HANDLE notify;     /* one of its registrations, or NULL */
};

struct snap_view {
    UINT num_routes;
    RTM_ROUTE_HANDLE route, hold_route;
    RTM_ENTITY_HANDLE owner;
    DWORD dest_flags;
};

struct snap_dest {
    RTM_DEST_HANDLE handle;
    RTM_NET_ADDRESS address;
    DWORD changed_low, changed_high; /* LastChanged */
    RTM_VIEW_SET views;
    struct snap_view view[2];        /* unicast, multicast */
    BOOL change_status[SNAP_MAX_WATCHERS], marked[SNAP_MAX_WATCHERS];
};

struct snap_route {
    RTM_ROUTE_HANDLE handle;
    RTM_NET_ADDRESS dest_address;
    RTM_DEST_HANDLE dest;
    RTM_ENTITY_HANDLE owner;
    RTM_NEXTHOP_HANDLE neighbour;
    USHORT state, flags1, flags;
    ULONG preference, metric;
    RTM_VIEW_SET views;
    PVOID entity_specific;
    UINT hops;
    RTM_NEXTHOP_HANDLE hop[SNAP_HOPS];
};

struct snap_nexthop {
    RTM_NEXTHOP_HANDLE handle;
    RTM_NET_ADDRESS address;
    ULONG ifindex;
    USHORT state, flags;
    PVOID entity_specific;
    RTM_ENTITY_HANDLE owner;
    RTM_DEST_HANDLE remote;
};

struct snap_watch {
    UINT nexthops, list_routes;
    struct snap_nexthop nexthop[SNAP_MAX_NEXTHOPS];
    RTM_ROUTE_HANDLE list_route[SNAP_MAX_LIST_ROUTES];
};

struct test_snapshot {
    UINT entities, dests, routes, watchers;
    RTM_ENTITY_HANDLE entity[SNAP_MAX_ENTITIES];
    RTM_ENTITY_INFO entity_info[SNAP_MAX_ENTITIES];
    struct snap_dest dest[SNAP_MAX_DESTS];
    struct snap_route route[SNAP_MAX_ROUTES];
    struct snap_watch watch[SNAP_MAX_WATCHERS];
};

/* The routes of one destination, with their information. */
static inline void snap_routes_of(RTM_ENTITY_HANDLE reg, const struct snap_dest *d,
                                  struct test_snapshot *s)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[SNAP_HOPS];
    } r;
    RTM_ROUTE_HANDLE handles[SNAP_MAX_ROUTES];
    RTM_ENUM_HANDLE e = NULL;
    UINT n = SNAP_MAX_ROUTES;
    DWORD status;

    assert_int_equal(RtmCreateRouteEnum(reg, d->handle, RTM_VIEW_MASK_ANY, RTM_ENUM_ALL_ROUTES,
                                        NULL, RTM_MATCH_NONE, NULL, 0, &e),
                     NO_ERROR);
    status = RtmGetEnumRoutes(reg, e, &n, handles);
    assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmDeleteEnumHandle(reg, e), NO_ERROR);
    for (UINT i = 0; i < n; i++) {
        struct snap_route *out = &s->route[s->routes++];
        assert_true(s->routes <= SNAP_MAX_ROUTES);
        memset(&r, 0, sizeof r);
        assert_int_equal(RtmGetRouteInfo(reg, handles[i], &r.info, &out->dest_address), NO_ERROR);
        out->handle = handles[i];
        out->dest = r.info.DestHandle;
        out->owner = r.info.RouteOwner;
        out->neighbour = r.info.Neighbour;
        out->state = r.info.State;
        out->flags1 = r.info.Flags1;
        out->flags = r.info.Flags;
        out->preference = r.info.PrefInfo.Preference;
        out->metric = r.info.PrefInfo.Metric;
        out->views = r.info.BelongsToViews;
        out->entity_specific = r.info.EntitySpecificInfo;
        out->hops = r.info.NextHopsList.NumNextHops;
        assert_true(out->hops <= SNAP_HOPS);
        for (UINT h = 0; h < out->hops; h++)
            out->hop[h] = r.info.NextHopsList.NextHops[h];
        assert_int_equal(RtmReleaseRouteInfo(reg, &r.info), NO_ERROR);
    }
    assert_int_equal(RtmReleaseRoutes(reg, n, handles), NO_ERROR);
}

/* Every destination of reg's table, in address order, with its routes. */
static inline void snap_dests(RTM_ENTITY_HANDLE reg, struct test_snapshot *s)
{
    RTM_DEST_INFO *all = test_malloc(RTM_SIZE_OF_DEST_INFO(0) * SNAP_MAX_DESTS);
    RTM_DEST_INFO *info = test_dest_info();
    RTM_ENUM_HANDLE e = NULL;
    UINT n = SNAP_MAX_DESTS;

    assert_int_equal(RtmCreateDestEnum(reg, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                       RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    assert_int_equal(RtmGetEnumDests(reg, e, &n, all), ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmDeleteEnumHandle(reg, e), NO_ERROR);
    s->dests = n;
    for (UINT i = 0; i < n; i++) {
        struct snap_dest *d = &s->dest[i];
        const RTM_DEST_INFO *a =
            (const RTM_DEST_INFO *)((char *)all + i * RTM_SIZE_OF_DEST_INFO(0));

        d->handle = a->DestHandle;
        d->address = a->DestAddress;
        assert_int_equal(RtmGetDestInfo(reg, d->handle, RTM_BEST_PROTOCOL,
                                        RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, info),
                         NO_ERROR);
        d->changed_low = info->LastChanged.dwLowDateTime;
        d->changed_high = info->LastChanged.dwHighDateTime;
        d->views = info->BelongsToViews;
        assert_int_equal(info->NumberOfViews, 2);
        for (UINT v = 0; v < 2; v++) {
            d->view[v].num_routes = info->ViewInfo[v].NumRoutes;
            d->view[v].route = info->ViewInfo[v].Route;
            d->view[v].hold_route = info->ViewInfo[v].HoldRoute;
            d->view[v].owner = info->ViewInfo[v].Owner;
            d->view[v].dest_flags = info->ViewInfo[v].DestFlags;
        }
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
        snap_routes_of(reg, d, s);
    }
    assert_int_equal(RtmReleaseDests(reg, n, all), NO_ERROR);
    test_free(info);
    test_free(all);
}

/* A watcher's next hops, list routes, and change status of every
 * destination (the destinations are recorded already). */
static inline void snap_watcher(const struct snap_watcher *w, UINT index,
                                struct test_snapshot *s)
{
    struct snap_watch *out = &s->watch[index];
    HANDLE handles[SNAP_MAX_NEXTHOPS + SNAP_MAX_LIST_ROUTES];
    RTM_ENUM_HANDLE e = NULL;
    UINT n = SNAP_MAX_NEXTHOPS;

    assert_int_equal(RtmCreateNextHopEnum(w->reg, RTM_ENUM_START, NULL, &e), NO_ERROR);
    assert_int_equal(RtmGetEnumNextHops(w->reg, e, &n, handles), ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmDeleteEnumHandle(w->reg, e), NO_ERROR);
    out->nexthops = n;
    for (UINT i = 0; i < n; i++) {
        RTM_NEXTHOP_INFO info;
        struct snap_nexthop *h = &out->nexthop[i];

        assert_int_equal(RtmGetNextHopInfo(w->reg, handles[i], &info), NO_ERROR);
        h->handle = handles[i];
        h->address = info.NextHopAddress;
        h->ifindex = info.InterfaceIndex;
        h->state = info.State;
        h->flags = info.Flags;
        h->entity_specific = info.EntitySpecificInfo;
        h->owner = info.NextHopOwner;
        h->remote = info.RemoteNextHop;
        assert_int_equal(RtmReleaseNextHopInfo(w->reg, &info), NO_ERROR);
    }
    assert_int_equal(RtmReleaseNextHops(w->reg, n, handles), NO_ERROR);

    if (w->list) {
        n = SNAP_MAX_LIST_ROUTES;
        assert_int_equal(RtmCreateRouteListEnum(w->reg, w->list, &e), NO_ERROR);
        assert_int_equal(RtmGetListEnumRoutes(w->reg, e, &n, handles), NO_ERROR);
        assert_true(n < SNAP_MAX_LIST_ROUTES);
        assert_int_equal(RtmDeleteEnumHandle(w->reg, e), NO_ERROR);
        out->list_routes = n;
        memcpy(out->list_route, handles, n * sizeof *handles);
        assert_int_equal(RtmReleaseRoutes(w->reg, n, handles), NO_ERROR);
    }
    for (UINT i = 0; w->notify && i < s->dests; i++) {
        struct snap_dest *d = &s->dest[i];
        assert_int_equal(RtmGetChangeStatus(w->reg, w->notify, d->handle, &d->change_status[index]),
                         NO_ERROR);
        assert_int_equal(RtmIsMarkedForChangeNotification(w->reg, w->notify, d->handle,
                                                          &d->marked[index]),
                         NO_ERROR);
    }
}

/*
 * Records what the watchers see (n of them, at most SNAP_MAX_WATCHERS, all
 * in one table): the entities, destinations and routes of the table as the
 * first one sees them, and each one's own objects. The snapshot is fully
 * zeroed first, so snapshots compare byte for byte.
 */
static inline void test_snapshot_take(const struct snap_watcher *w, UINT n,
                                      struct test_snapshot *s)
{
    RTM_ENTITY_HANDLE handles[SNAP_MAX_ENTITIES];
    UINT count = SNAP_MAX_ENTITIES;

    assert_true(n >= 1 && n <= SNAP_MAX_WATCHERS);
    memset(s, 0, sizeof *s);
    s->watchers = n;
    assert_int_equal(RtmGetRegisteredEntities(w[0].reg, &count, handles, s->entity_info), NO_ERROR);
    s->entities = count;
    memcpy(s->entity, handles, count * sizeof *handles);
    assert_int_equal(RtmReleaseEntities(w[0].reg, count, handles), NO_ERROR);
    snap_dests(w[0].reg, s);
    for (UINT i = 0; i < n; i++)
        snap_watcher(&w[i], i, s);
}

/* Returns the name of the first part in which a and b differ, or NULL
 * when they are equal. */
static inline const char *test_snapshot_diff(const struct test_snapshot *a,
                                             const struct test_snapshot *b)
{
    if (a->entities != b->entities || memcmp(a->entity, b->entity, sizeof a->entity) ||
        memcmp(a->entity_info, b->entity_info, sizeof a->entity_info))
        return "the registered entities";
    if (a->dests != b->dests || memcmp(a->dest, b->dest, sizeof a->dest))
        return "the destinations (best routes, change status or marks)";
    if (a->routes != b->routes || memcmp(a->route, b->route, sizeof a->route))
        return "the routes";
    for (UINT i = 0; i < a->watchers; i++) {
        if (memcmp(a->watch[i].nexthop, b->watch[i].nexthop, sizeof a->watch[i].nexthop) ||
            a->watch[i].nexthops != b->watch[i].nexthops)
            return "the next hops";
        if (memcmp(a->watch[i].list_route, b->watch[i].list_route, sizeof a->watch[i].list_route) ||
            a->watch[i].list_routes != b->watch[i].list_routes)
            return "a route list";
    }
    return a->watchers == b->watchers ? NULL : "the watchers";
}

#endif /* RTM_SNAPSHOT_H */
