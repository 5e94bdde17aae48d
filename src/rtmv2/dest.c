/*
 * dest.c - destinations, best routes and the destination look-ups
 * (spec/rras/destinations.md, spec/rras/routes-and-the-best-route.md).
 *
 * A destination is in its table's prefix index while it has routes; the
 * index holds its creation reference. The best route of a view is, among
 * the routes that belong to the view and are not RTM_ROUTE_FLAGS_INACTIVE,
 * the one with the lowest Preference, then the lowest Metric; among equals,
 * the one added first.
 */
#include <string.h>

#include "dest.h"
#include "debug_objects.h"
#include "notify.h"

/* The route held in view v, or NULL (hold may be NULL). Dest lock held. */
static struct rtm_object *hold_route_of(const struct rtm_hold *hold, int v)
{
    return hold && hold->route[v] ? &hold->route[v]->obj : NULL;
}

/* Nonzero while some route is held (hold may be NULL). Dest lock held. */
static int hold_active(const struct rtm_hold *hold)
{
    for (int v = 0; hold && v < RTM_VIEW_COUNT; v++)
        if (hold->route[v])
            return 1;
    return 0;
}

/* Frees the hold-down state of a destination being freed (may be NULL). */
static void hold_free(struct rtm_hold *hold)
{
    if (hold) {
        rtm_timer_destroy(&hold->timer);
        rtm_free(hold);
    }
}

void rtm_dest_destroy(struct rtm_object *obj)
{
    struct rtm_dest *dest = (struct rtm_dest *)obj;

    rtm_free(rtm_atomic_ptr_load(&dest->opaque));
    hold_free(dest->hold);
    rtm_client_lock_destroy(&dest->lock);
    rtm_free(dest);
}

RTM_VIEW_SET rtm_hold_deleted_route(struct rtm_dest *dest, struct rtm_route *route,
                                    RTM_VIEW_SET was_best)
{
    struct rtm_hold *hold = dest->hold;
    RTM_VIEW_SET left = (RTM_VIEW_SET)rtm_atomic32_load(&dest->views), held = 0;

    if (!hold)
        return 0;
    for (int v = 0; v < RTM_VIEW_COUNT; v++) {
        RTM_VIEW_SET bit = 1u << v;
        if (!(hold->views & was_best & bit) || (left & bit))
            continue;
        rtm_object_ref(&route->obj);
        if (hold->route[v])
            rtm_object_unref(&hold->route[v]->obj);
        hold->route[v] = route;
        held |= bit;
    }
    if (held)
        rtm_timer_start(&hold->timer, hold->hold_time);
    return held;
}

DWORD rtm_dest_get_or_create(struct rtm_table *table, const RTM_NET_ADDRESS *addr,
                             struct rtm_dest **out)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    struct rtm_dest *dest, *existing = NULL;
    int result;

    rtm_prefix_canonicalize(key, addr->AddrBits, addr->NumBits, sizeof key);
    rtm_striped_lock_shared(&table->lock);
    dest = rtm_prefix_table_find(table->dests, key, addr->NumBits);
    if (dest)
        rtm_object_ref(&dest->obj);
    rtm_striped_unlock_shared(&table->lock);
    if (dest) {
        *out = dest;
        return NO_ERROR;
    }

    dest = rtm_calloc(1, sizeof *dest);
    if (!dest)
        return ERROR_NOT_ENOUGH_MEMORY;
    dest->table = table;
    rtm_client_lock_init(&dest->lock);
    dest->address.AddressFamily = table->family;
    dest->address.NumBits = addr->NumBits;
    memcpy(dest->address.AddrBits, key, sizeof key);
    dest->last_changed = rtm_now_filetime();
    if (rtm_object_init(&dest->obj, RTM_OBJ_DEST, rtm_dest_destroy) != RTM_HANDLE_OK) {
        rtm_dest_destroy(&dest->obj);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rtm_object_set_scope(&dest->obj, table->id);

    rtm_striped_lock_exclusive(&table->lock);
    if (rtm_notify_reserve(table) != NO_ERROR)
        result = RTM_PT_NOMEM;
    else
        result = rtm_prefix_table_insert(table->dests, key, addr->NumBits, dest, (void **)&existing);
    if (result == RTM_PT_OK) {
        dest->in_table = 1;
        table->dest_count++;
        rtm_object_ref(&dest->obj);
    } else if (result == RTM_PT_EXISTS) {
        rtm_object_ref(&existing->obj);
    }
    rtm_striped_unlock_exclusive(&table->lock);

    if (result == RTM_PT_OK) {
        *out = dest;
        return NO_ERROR;
    }
    rtm_object_unref(&dest->obj);
    if (result == RTM_PT_EXISTS) {
        *out = existing;
        return NO_ERROR;
    }
    return ERROR_NOT_ENOUGH_MEMORY;
}

RTM_VIEW_SET rtm_dest_update_best(struct rtm_dest *dest)
{
    RTM_VIEW_SET changed = 0, views = 0;

    for (struct rtm_route *r = dest->routes; r; r = r->dest_next)
        views |= r->info.BelongsToViews;
    for (int v = 0; v < RTM_VIEW_COUNT; v++) {
        struct rtm_route *best = NULL;
        for (struct rtm_route *r = dest->routes; r; r = r->dest_next) {
            if ((r->info.BelongsToViews & (1u << v)) && !(r->info.Flags & RTM_ROUTE_FLAGS_INACTIVE) &&
                rtm_route_better(r, best))
                best = r;
        }
        if (best != dest->best[v])
            changed |= 1u << v;
        dest->best[v] = best;
    }
    rtm_atomic32_store(&dest->views, (int32_t)(views & RTM_SUPPORTED_VIEWS));
    dest->last_changed = rtm_now_filetime();
    return changed;
}

void rtm_dest_remove_if_empty(struct rtm_dest *dest)
{
    struct rtm_table *table = dest->table;

    if (dest->routes || !dest->in_table || hold_active(dest->hold))
        return;
    rtm_striped_lock_exclusive(&table->lock);
    rtm_prefix_table_remove(table->dests, dest->address.AddrBits, dest->address.NumBits);
    table->dest_count--;
    dest->in_table = 0;
    rtm_striped_unlock_exclusive(&table->lock);
    rtm_object_unref(&dest->obj); /* the index's reference; the caller holds another */
}

void rtm_dests_walk(struct rtm_table *table, void (*fn)(struct rtm_dest *, void *), void *context)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    unsigned len = 0;
    struct rtm_dest *dest;

    rtm_striped_lock_shared(&table->lock);
    dest = rtm_prefix_table_next(table->dests, NULL, 0, 1, key, &len);
    while (dest) {
        fn(dest, context);
        dest = rtm_prefix_table_next(table->dests, key, len, 0, key, &len);
    }
    rtm_striped_unlock_shared(&table->lock);
}

static void clear_opaque_slot(struct rtm_dest *dest, void *context)
{
    void **opaque = rtm_atomic_ptr_load(&dest->opaque);

    if (opaque)
        opaque[*(int *)context] = NULL;
}

void rtm_dests_clear_opaque_slot(struct rtm_table *table, int slot)
{
    rtm_dests_walk(table, clear_opaque_slot, &slot);
}

/* ---- destination information ----------------------------------------- */

/* The i-th view entry of a variable-sized RTM_DEST_INFO. */
static __typeof__(((RTM_DEST_INFO *)0)->ViewInfo[0]) *view_info(RTM_DEST_INFO *info, UINT i)
{
    return (void *)((char *)info + RTM_BASIC_DEST_INFO_SIZE + i * RTM_DEST_VIEW_INFO_SIZE);
}

/* The protocol id ProtocolId selects for the caller (RTM_THIS_PROTOCOL). */
static ULONG protocol_of(const struct rtm_entity *me, ULONG protocol)
{
    return protocol == RTM_THIS_PROTOCOL ? me->info.EntityId.EntityProtocolId : protocol;
}

/* The best route of view v among the routes of protocol (dest lock held). */
static struct rtm_route *best_of_protocol(const struct rtm_dest *dest, int v, ULONG protocol)
{
    struct rtm_route *best = NULL;

    if (protocol == RTM_BEST_PROTOCOL)
        return dest->best[v];
    for (struct rtm_route *r = dest->routes; r; r = r->dest_next) {
        if ((r->info.BelongsToViews & (1u << v)) && !(r->info.Flags & RTM_ROUTE_FLAGS_INACTIVE) &&
            r->owner->info.EntityId.EntityProtocolId == protocol && rtm_route_better(r, best))
            best = r;
    }
    return best;
}

void rtm_dest_fill_info(struct rtm_dest *dest, const struct rtm_entity *me, ULONG protocol,
                           RTM_VIEW_SET target, RTM_DEST_INFO *out)
{
    UINT n = 0;

    protocol = protocol_of(me, protocol);
    rtm_rwlock_lock_shared(&dest->lock.lock);
    out->DestAddress = dest->address;
    out->LastChanged.dwLowDateTime = (DWORD)dest->last_changed;
    out->LastChanged.dwHighDateTime = (DWORD)(dest->last_changed >> 32);
    out->BelongsToViews = (RTM_VIEW_SET)rtm_atomic32_load(&dest->views);
    for (int v = 0; v < RTM_VIEW_COUNT; v++) {
        if (!(target & (1u << v)))
            continue;
        __typeof__(out->ViewInfo[0]) *vi = view_info(out, n++);
        struct rtm_route *best = best_of_protocol(dest, v, protocol);
        UINT routes = 0;
        for (struct rtm_route *r = dest->routes; r; r = r->dest_next)
            routes += (r->info.BelongsToViews >> v) & 1;
        vi->ViewId = v;
        vi->NumRoutes = routes;
        vi->DestFlags = 0;
        rtm_give_handle(hold_route_of(dest->hold, v), &vi->HoldRoute);
        rtm_give_handle(best ? &best->obj : NULL, &vi->Route);
        rtm_give_handle(best ? &best->owner->obj : NULL, &vi->Owner);
    }
    out->NumberOfViews = n;
    rtm_rwlock_unlock_shared(&dest->lock.lock);
    /* Last, so that the caller's reference protects the filling. A
     * saturated client count leaves the handle NULL (as rtm_give_handle
     * does). */
    if (rtm_object_internal_to_client(&dest->obj) == RTM_HANDLE_OK) {
        out->DestHandle = rtm_object_handle(&dest->obj);
    } else {
        out->DestHandle = NULL;
        rtm_object_unref(&dest->obj);
    }
}

DWORD rtm_dest_release_info(const struct rtm_entity *me, const RTM_DEST_INFO *info)
{
    DWORD status = NO_ERROR;

    if (info->NumberOfViews > RTM_VIEW_COUNT)
        return ERROR_INVALID_PARAMETER;
    if (rtm_release_in_table(me, info->DestHandle, RTM_OBJ_DEST) != NO_ERROR)
        status = ERROR_INVALID_HANDLE;
    for (UINT i = 0; i < info->NumberOfViews; i++) {
        const __typeof__(info->ViewInfo[0]) *vi = view_info((RTM_DEST_INFO *)info, i);
        /* (Each released even when another is bad.) */
        if (rtm_release_in_table(me, vi->Route, RTM_OBJ_ROUTE) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
        if (rtm_release_in_table(me, vi->Owner, RTM_OBJ_ENTITY) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
        if (rtm_release_in_table(me, vi->HoldRoute, RTM_OBJ_ROUTE) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
    }
    return status;
}

/* Walks up from dest (table lock held) to the first destination in the
 * target views; dest itself counts when self is nonzero. */
static struct rtm_dest *walk_up(struct rtm_table *table, struct rtm_dest *dest, int self,
                                RTM_VIEW_SET target)
{
    if (dest && self && rtm_dest_in_views(dest, target))
        return dest;
    while (dest) {
        dest = rtm_prefix_table_less_specific(table->dests, dest->address.AddrBits,
                                              dest->address.NumBits, NULL);
        if (dest && rtm_dest_in_views(dest, target))
            return dest;
    }
    return NULL;
}

enum lookup_kind { LOOKUP_EXACT, LOOKUP_MOST_SPECIFIC, LOOKUP_LESS_SPECIFIC };

/* The look-ups: finds the destination (table lock shared), then fills
 * DestInfo from it. */
static DWORD lookup(struct rtm_entity *me, enum lookup_kind kind, const RTM_NET_ADDRESS *addr,
                    struct rtm_dest *from, ULONG protocol, RTM_VIEW_SET target,
                    RTM_DEST_INFO *out)
{
    struct rtm_table *table = me->table;
    struct rtm_dest *dest;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];

    if (addr)
        rtm_prefix_canonicalize(key, addr->AddrBits, addr->NumBits, sizeof key);
    rtm_striped_lock_shared(&table->lock);
    switch (kind) {
    case LOOKUP_EXACT:
        dest = rtm_prefix_table_find(table->dests, key, addr->NumBits);
        if (dest && !rtm_dest_in_views(dest, target))
            dest = NULL;
        break;
    case LOOKUP_MOST_SPECIFIC:
        dest = rtm_prefix_table_longest_match(table->dests, key, addr->NumBits, NULL);
        dest = walk_up(table, dest, 1, target);
        break;
    default:
        dest = rtm_prefix_table_less_specific(table->dests, from->address.AddrBits,
                                              from->address.NumBits, NULL);
        dest = walk_up(table, dest, 1, target);
        break;
    }
    if (dest)
        rtm_object_ref(&dest->obj);
    rtm_striped_unlock_shared(&table->lock);
    if (!dest)
        return ERROR_NOT_FOUND;
    rtm_dest_fill_info(dest, me, protocol, target, out);
    return NO_ERROR;
}

/**
 * RtmGetDestInfo - returns information about a destination
 * (spec/rtmv2/nf-rtmv2-rtmgetdestinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestHandle [in]   a destination of the caller's table.
 * @ProtocolId [in]   RTM_BEST_PROTOCOL: the best routes of any protocol;
 *                    RTM_THIS_PROTOCOL: the caller's protocol's best routes;
 *                    otherwise the best routes of that protocol id.
 * @TargetViews [in]  the views to describe, one ViewInfo entry each in
 *                    increasing view id (views other than unicast and
 *                    multicast are ignored); RTM_VIEW_MASK_ANY: none.
 * @DestInfo [out]    a buffer of RTM_SIZE_OF_DEST_INFO(number of views)
 *                    bytes; every handle in it (DestHandle, each view's
 *                    Route and Owner) holds a client reference: release
 *                    them with RtmReleaseDestInfo.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or
 * destination handle; ERROR_INVALID_PARAMETER when DestInfo is NULL.
 * Takes the destination's lock shared.
 */
DWORD WINAPI RtmGetDestInfo(RTM_ENTITY_HANDLE RtmRegHandle, RTM_DEST_HANDLE DestHandle,
                            ULONG ProtocolId, RTM_VIEW_SET TargetViews, PRTM_DEST_INFO DestInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetDestInfo, RtmRegHandle,
                        (RtmRegHandle, DestHandle, ProtocolId, TargetViews, DestInfo),
                        "dest %#llx, protocol %u, views %#x", RTM_DEBUG_H(DestHandle),
                        RTM_DEBUG_U(ProtocolId), RTM_DEBUG_U(TargetViews));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_object *dest;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    dest = rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
    if (!dest)
        status = ERROR_INVALID_HANDLE;
    else if (!DestInfo)
        status = ERROR_INVALID_PARAMETER;
    else
        rtm_dest_fill_info((struct rtm_dest *)dest, me, ProtocolId, TargetViews, DestInfo);
    if (dest && status != NO_ERROR)
        rtm_object_unref(dest);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseDestInfo - releases the handles in an RTM_DEST_INFO
 * (spec/rtmv2/nf-rtmv2-rtmreleasedestinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestInfo [in]     a structure filled by RtmGetDestInfo or a look-up: its
 *                    DestHandle and each view's Route, Owner and HoldRoute
 *                    drop one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle in the structure is stale, already released, or of another
 * table (the others are released all the same); ERROR_INVALID_PARAMETER
 * when DestInfo is NULL or its NumberOfViews is more than the views
 * supported.
 */
DWORD WINAPI RtmReleaseDestInfo(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_DEST_INFO DestInfo)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseDestInfo, RtmRegHandle, (RtmRegHandle, DestInfo), "info %#llx",
                        RTM_DEBUG_H(DestInfo));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = DestInfo ? rtm_dest_release_info(me, DestInfo) : ERROR_INVALID_PARAMETER;
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseDests - releases an array of RTM_DEST_INFO structures
 * (spec/rtmv2/nf-rtmv2-rtmreleasedests.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NumDests [in]     number of structures.
 * @DestInfos [in]    the structures, each RTM_SIZE_OF_DEST_INFO(its
 *                    NumberOfViews) bytes long, as RtmGetEnumDests fills
 *                    them; every handle in them drops one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle in them is stale, already released, or of another table
 * (the others are released all the same); ERROR_INVALID_PARAMETER when
 * DestInfos is NULL and NumDests > 0, or a NumberOfViews is out of range
 * (nothing from that structure on is released).
 */
DWORD WINAPI RtmReleaseDests(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumDests,
                             PRTM_DEST_INFO DestInfos)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseDests, RtmRegHandle, (RtmRegHandle, NumDests, DestInfos),
                        "%u dests", RTM_DEBUG_U(NumDests));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = rtm_dest_release_infos(me, NumDests, DestInfos);
    rtm_entity_put(me);
    return status;
}

DWORD rtm_dest_release_infos(const struct rtm_entity *me, UINT n, RTM_DEST_INFO *infos)
{
    DWORD status = NO_ERROR;
    char *p = (char *)infos;

    if (!infos && n)
        return ERROR_INVALID_PARAMETER;
    for (UINT i = 0; i < n && status != ERROR_INVALID_PARAMETER; i++) {
        RTM_DEST_INFO *info = (RTM_DEST_INFO *)p;
        DWORD s = rtm_dest_release_info(me, info);
        if (s != NO_ERROR)
            status = s;
        p += RTM_SIZE_OF_DEST_INFO(info->NumberOfViews);
    }
    return status;
}

/* Common argument checks of the address look-ups. */
static DWORD check_lookup_args(const struct rtm_entity *me, const RTM_NET_ADDRESS *addr,
                               const RTM_DEST_INFO *out)
{
    if (!addr || !out || !rtm_table_address_ok(me->table, addr))
        return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

/**
 * RtmGetExactMatchDestination - finds the destination with exactly the
 * given prefix (spec/rtmv2/nf-rtmv2-rtmgetexactmatchdestination.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestAddress [in]  the prefix (bits past NumBits are ignored).
 * @ProtocolId, @TargetViews, @DestInfo: as for RtmGetDestInfo; a
 *                    destination counts only when it belongs to one of
 *                    TargetViews (any, for RTM_VIEW_MASK_ANY).
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when no such destination exists;
 * ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when a pointer is NULL or the address is not of
 * the table's family or longer than it. Takes the table lock shared, then
 * the destination's lock shared.
 */
DWORD WINAPI RtmGetExactMatchDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                         PRTM_NET_ADDRESS DestAddress, ULONG ProtocolId,
                                         RTM_VIEW_SET TargetViews, PRTM_DEST_INFO DestInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetExactMatchDestination, RtmRegHandle,
                        (RtmRegHandle, DestAddress, ProtocolId, TargetViews, DestInfo),
                        "%s, protocol %u, views %#x", rtm_debug_addr(DestAddress),
                        RTM_DEBUG_U(ProtocolId), RTM_DEBUG_U(TargetViews));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = check_lookup_args(me, DestAddress, DestInfo);
    if (status == NO_ERROR)
        status = lookup(me, LOOKUP_EXACT, DestAddress, NULL, ProtocolId, TargetViews, DestInfo);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmGetMostSpecificDestination - longest-prefix match: the destination
 * with the longest prefix that covers the given address and is no longer
 * than its NumBits (spec/rtmv2/nf-rtmv2-rtmgetmostspecificdestination.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestAddress [in]  the address (NumBits = the family's width for a host).
 * @ProtocolId, @TargetViews, @DestInfo: as for RtmGetExactMatchDestination;
 *                    destinations outside TargetViews are passed over for
 *                    the next less specific one.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when no destination covers the address;
 * ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when a pointer is NULL or the address is not of
 * the table's family or longer than it. Takes the table lock shared, then
 * the destination's lock shared.
 */
DWORD WINAPI RtmGetMostSpecificDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                           PRTM_NET_ADDRESS DestAddress, ULONG ProtocolId,
                                           RTM_VIEW_SET TargetViews, PRTM_DEST_INFO DestInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetMostSpecificDestination, RtmRegHandle,
                        (RtmRegHandle, DestAddress, ProtocolId, TargetViews, DestInfo),
                        "%s, protocol %u, views %#x", rtm_debug_addr(DestAddress),
                        RTM_DEBUG_U(ProtocolId), RTM_DEBUG_U(TargetViews));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = check_lookup_args(me, DestAddress, DestInfo);
    if (status == NO_ERROR)
        status = lookup(me, LOOKUP_MOST_SPECIFIC, DestAddress, NULL, ProtocolId, TargetViews,
                        DestInfo);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmGetLessSpecificDestination - the next less specific destination: the
 * longest prefix strictly shorter than the given destination's that covers
 * it (spec/rtmv2/nf-rtmv2-rtmgetlessspecificdestination.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestHandle [in]   a destination of the caller's table (it may have been
 *                    deleted since it was obtained).
 * @ProtocolId, @TargetViews, @DestInfo: as for RtmGetMostSpecificDestination.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when no less specific destination exists
 * (after the default route, for instance); ERROR_INVALID_HANDLE for a bad
 * registration or destination handle; ERROR_INVALID_PARAMETER when DestInfo
 * is NULL. Takes the table lock shared, then the destination's lock shared.
 */
DWORD WINAPI RtmGetLessSpecificDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                           RTM_DEST_HANDLE DestHandle, ULONG ProtocolId,
                                           RTM_VIEW_SET TargetViews, PRTM_DEST_INFO DestInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetLessSpecificDestination, RtmRegHandle,
                        (RtmRegHandle, DestHandle, ProtocolId, TargetViews, DestInfo),
                        "dest %#llx, protocol %u, views %#x", RTM_DEBUG_H(DestHandle),
                        RTM_DEBUG_U(ProtocolId), RTM_DEBUG_U(TargetViews));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_object *from;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    from = rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
    if (!from)
        status = ERROR_INVALID_HANDLE;
    else if (!DestInfo)
        status = ERROR_INVALID_PARAMETER;
    else
        status = lookup(me, LOOKUP_LESS_SPECIFIC, NULL, (struct rtm_dest *)from, ProtocolId,
                        TargetViews, DestInfo);
    if (from)
        rtm_object_unref(from);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmLockDestination - locks or unlocks a destination and its routes
 * (spec/rtmv2/nf-rtmv2-rtmlockdestination.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestHandle [in]   a destination of the caller's table.
 * @Exclusive [in]    TRUE: exclusive (writer) mode; FALSE: shared.
 * @LockDest [in]     TRUE to lock; FALSE to unlock a lock taken in that mode.
 *
 * The lock is the destination's own SRW lock: while it is held exclusively
 * no other thread reads or changes the destination or its routes. Hold it
 * briefly, and do not call other RTM functions on this destination
 * meanwhile (except RtmGetOpaqueInformationPointer).
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or
 * destination handle; ERROR_INVALID_PARAMETER when unlocking a destination
 * not locked in that mode through this function or RtmLockRoute.
 * ERROR_ACCESS_DENIED is never returned: any entity of the table may lock a
 * destination (to guard its opaque pointer).
 */
DWORD WINAPI RtmLockDestination(RTM_ENTITY_HANDLE RtmRegHandle, RTM_DEST_HANDLE DestHandle,
                                WINBOOL Exclusive, WINBOOL LockDest)
{
    RTM_DEBUG_API_ENTRY(RtmLockDestination, RtmRegHandle,
                        (RtmRegHandle, DestHandle, Exclusive, LockDest),
                        "dest %#llx, exclusive %d, lock %d", RTM_DEBUG_H(DestHandle),
                        (int)Exclusive, (int)LockDest);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_object *obj;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    obj = rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
    if (!obj) {
        status = ERROR_INVALID_HANDLE;
    } else {
        struct rtm_dest *dest = (struct rtm_dest *)obj;
        if (LockDest)
            rtm_client_lock_acquire(&dest->lock, Exclusive);
        else if (rtm_client_lock_release(&dest->lock, Exclusive) != 0)
            status = ERROR_INVALID_PARAMETER;
        RTM_DEBUG_LOCK(obj, Exclusive, LockDest, status);
        rtm_object_unref(obj);
    }
    rtm_entity_put(me);
    return status;
}

/**
 * RtmGetOpaqueInformationPointer - returns the address of the caller's
 * opaque-pointer slot in a destination
 * (spec/rtmv2/nf-rtmv2-rtmgetopaqueinformationpointer.md).
 *
 * @RtmRegHandle [in]       the caller's registration handle; the caller must
 *                          have reserved an opaque pointer at registration.
 * @DestHandle [in]         a destination of the caller's table.
 * @OpaqueInfoPointer [out] receives the address of the slot (a PVOID, NULL
 *                          until the caller stores something there). Guard
 *                          changes with RtmLockDestination. Valid while a
 *                          handle of the destination is held.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when the caller reserved no opaque
 * pointer (OpaqueInfoPointer is unchanged); ERROR_INVALID_HANDLE for a bad
 * registration or destination handle; ERROR_INVALID_PARAMETER when
 * OpaqueInfoPointer is NULL; ERROR_NOT_ENOUGH_MEMORY. Takes no lock (the
 * caller may hold the destination's lock).
 */
DWORD WINAPI RtmGetOpaqueInformationPointer(RTM_ENTITY_HANDLE RtmRegHandle,
                                            RTM_DEST_HANDLE DestHandle, PVOID *OpaqueInfoPointer)
{
    RTM_DEBUG_API_ENTRY(RtmGetOpaqueInformationPointer, RtmRegHandle,
                        (RtmRegHandle, DestHandle, OpaqueInfoPointer),
                        "dest %#llx", RTM_DEBUG_H(DestHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_object *obj;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    obj = rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
    if (!obj) {
        status = ERROR_INVALID_HANDLE;
    } else if (!OpaqueInfoPointer) {
        status = ERROR_INVALID_PARAMETER;
    } else if (me->opaque_slot < 0) {
        status = ERROR_NOT_FOUND;
    } else {
        struct rtm_dest *dest = (struct rtm_dest *)obj;
        void **slots = rtm_atomic_ptr_load(&dest->opaque);
        if (!slots) {
            void **fresh = rtm_calloc(RTM_MAX_OPAQUE_POINTERS, sizeof *fresh);
            if (fresh && !rtm_atomic_ptr_cas(&dest->opaque, NULL, fresh))
                rtm_free(fresh);
            slots = rtm_atomic_ptr_load(&dest->opaque);
        }
        if (slots)
            *OpaqueInfoPointer = &slots[me->opaque_slot];
        else
            status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (obj)
        rtm_object_unref(obj);
    rtm_entity_put(me);
    return status;
}
