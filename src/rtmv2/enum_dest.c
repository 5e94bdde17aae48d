/*
 * enum_dest.c - enumerations of destinations: RtmCreateDestEnum and
 * RtmGetEnumDests (spec/rras/enumerate-all-destinations.md).
 *
 * Destinations come in address order (index/prefix_table.h). Each call resumes
 * after the last prefix it examined, with rtm_prefix_table_next, which
 * works also when that prefix has been removed since. Candidates are
 * collected under the table lock, then checked and described under each
 * one's own lock (which comes before the table lock).
 */
#include "enum.h"
#include "debug_objects.h"
#include "dest.h"

struct dest_enum {
    struct rtm_enum base;           /* first */
    struct rtm_enum_cursor cursor;  /* enum lock */
    RTM_VIEW_SET views;             /* TargetViews; constant */
    int own;                        /* RTM_ENUM_OWN_DESTS; constant */
    ULONG protocol;                 /* ProtocolId; constant */
};

/**
 * RtmCreateDestEnum - starts an enumeration of the destinations of the
 * caller's table (spec/rtmv2/nf-rtmv2-rtmcreatedestenum.md).
 *
 * @RtmRegHandle [in]   the caller's registration handle.
 * @TargetViews [in]    the destinations that have a route in one of these
 *                      views (RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_MCAST);
 *                      RTM_VIEW_MASK_ANY (0): every destination. Each
 *                      RTM_DEST_INFO returned describes these views, one
 *                      ViewInfo entry each in increasing view id (none for
 *                      RTM_VIEW_MASK_ANY).
 * @EnumFlags [in]      RTM_ENUM_ALL_DESTS, or RTM_ENUM_OWN_DESTS: only the
 *                      destinations where the caller owns the best route of
 *                      one of TargetViews (of any view for
 *                      RTM_VIEW_MASK_ANY); plus RTM_ENUM_START (from 0/0),
 *                      RTM_ENUM_NEXT (from NetAddress to the end) or
 *                      RTM_ENUM_RANGE (NetAddress and the prefixes it
 *                      covers: 10/8 gives 10.0.0.0/8 to 10.255.255.255/32).
 * @NetAddress [in]     the start or range; ignored for RTM_ENUM_START.
 * @ProtocolId [in]     whose best routes the information shows
 *                      (RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL or a protocol
 *                      id, as for RtmGetDestInfo); not a selection criterion.
 * @RtmEnumHandle [out] receives the enumeration's handle: the caller's
 *                      only, until it deletes it with RtmDeleteEnumHandle
 *                      (or deregisters).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when RtmEnumHandle is NULL, EnumFlags has an
 * unknown flag or both RTM_ENUM_NEXT and RTM_ENUM_RANGE, or NetAddress is
 * needed and is NULL, not of the table's family or too long;
 * ERROR_NOT_SUPPORTED when TargetViews names a view other than unicast and
 * multicast; ERROR_NOT_ENOUGH_MEMORY. Takes the caller's entity lock.
 */
DWORD WINAPI RtmCreateDestEnum(RTM_ENTITY_HANDLE RtmRegHandle, RTM_VIEW_SET TargetViews,
                               RTM_ENUM_FLAGS EnumFlags, PRTM_NET_ADDRESS NetAddress,
                               ULONG ProtocolId, PRTM_ENUM_HANDLE RtmEnumHandle)
{
    RTM_DEBUG_API_ENTRY(RtmCreateDestEnum, RtmRegHandle,
                        (RtmRegHandle, TargetViews, EnumFlags, NetAddress, ProtocolId,
                        RtmEnumHandle),
                        "views %#x, flags %#x, %s, protocol %u", RTM_DEBUG_U(TargetViews),
                        RTM_DEBUG_U(EnumFlags), rtm_debug_addr(NetAddress),
                        RTM_DEBUG_U(ProtocolId));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_enum_cursor cursor;
    struct dest_enum *e;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = RtmEnumHandle ? rtm_enum_check_flags(EnumFlags, RTM_ENUM_OWN_DESTS)
                           : ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR)
        status = rtm_enum_cursor_init(&cursor, me->table, EnumFlags, NetAddress);
    if (status == NO_ERROR)
        status = rtm_enum_check_views(TargetViews);
    if (status == NO_ERROR) {
        e = rtm_calloc(1, sizeof *e);
        if (!e) {
            status = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            e->cursor = cursor;
            e->views = TargetViews;
            e->own = (EnumFlags & RTM_ENUM_OWN_DESTS) != 0;
            e->protocol = ProtocolId;
            status = rtm_enum_publish(&e->base, me, RTM_ENUM_KIND_DEST, NULL, RtmEnumHandle);
        }
    }
    rtm_entity_put(me);
    return status;
}

/*
 * Collects up to max destinations of the enumeration's views from its
 * position on, each with an internal reference, and moves the position
 * past them (takes the table lock shared). Returns how many; 0 at the end.
 */
static UINT collect(struct dest_enum *e, struct rtm_table *table, UINT max,
                    struct rtm_dest **out)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE] = { 0 };
    unsigned len;
    struct rtm_dest *dest;
    UINT n = 0;

    rtm_striped_lock_shared(&table->lock);
    while (n < max && (dest = rtm_enum_cursor_dest(&e->cursor, table, key, &len)) != NULL) {
        rtm_enum_cursor_move(&e->cursor, key, len, 0);
        if (rtm_dest_in_views(dest, e->views)) {
            rtm_object_ref(&dest->obj);
            out[n++] = dest;
        }
    }
    rtm_striped_unlock_shared(&table->lock);
    return n;
}

/* Nonzero if me owns the best route of one of the views (dest lock held). */
static int owns_best(const struct rtm_dest *dest, const struct rtm_entity *me, RTM_VIEW_SET views)
{
    for (int v = 0; v < RTM_VIEW_COUNT; v++)
        if ((views == RTM_VIEW_MASK_ANY || (views & (1u << v))) && dest->best[v] &&
            dest->best[v]->owner == me)
            return 1;
    return 0;
}

/* Nonzero if a collected destination is still in the table and, for
 * RTM_ENUM_OWN_DESTS, one of its best routes is me's. Takes its lock shared. */
static int wanted(const struct dest_enum *e, struct rtm_dest *dest, const struct rtm_entity *me)
{
    int ok;

    rtm_rwlock_lock_shared(&dest->lock.lock);
    ok = dest->in_table && (!e->own || owns_best(dest, me, e->views));
    rtm_rwlock_unlock_shared(&dest->lock.lock);
    return ok;
}

/* Fills up to max destination informations at out; returns how many. */
static UINT fill(struct dest_enum *e, struct rtm_entity *me, UINT max, RTM_DEST_INFO *out)
{
    size_t stride = RTM_SIZE_OF_DEST_INFO(rtm_enum_view_count(e->views));
    struct rtm_dest *batch[RTM_MAX_HANDLES_IN_ENUM];
    UINT got = 0, n;

    while (got < max && (n = collect(e, me->table, max - got, batch)) > 0) {
        for (UINT i = 0; i < n; i++) {
            if (wanted(e, batch[i], me)) {
                rtm_dest_fill_info(batch[i], me, e->protocol, e->views,
                                   (RTM_DEST_INFO *)((char *)out + got * stride));
                got++;
            } else {
                rtm_object_unref(&batch[i]->obj);
            }
        }
    }
    return got;
}

/**
 * RtmGetEnumDests - returns the next destinations of a destination
 * enumeration (spec/rtmv2/nf-rtmv2-rtmgetenumdests.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @EnumHandle [in]    an enumeration the caller created with
 *                     RtmCreateDestEnum.
 * @NumDests [in, out] in: how many destinations DestInfos has room for, at
 *                     most MaxHandlesInEnum (RTM_MAX_HANDLES_IN_ENUM, 100);
 *                     out: how many were returned (0 on error).
 * @DestInfos [out]    an array of *NumDests structures of
 *                     RTM_SIZE_OF_DEST_INFO(number of views in
 *                     TargetViews) bytes each (0 views for
 *                     RTM_VIEW_MASK_ANY), filled in address order as
 *                     RtmGetDestInfo fills one. Every handle in them holds
 *                     a client reference: release them with RtmReleaseDests.
 *
 * Destinations added or removed by other threads between calls are
 * returned or not, but none is returned twice and none that stayed in the
 * table all along is missed.
 * Returns NO_ERROR when *NumDests destinations were returned;
 * ERROR_NO_MORE_ITEMS when fewer were (the end: those were the last ones),
 * and on every call after that; ERROR_INVALID_HANDLE for a bad
 * registration handle or when EnumHandle is not a destination enumeration
 * of the caller's; ERROR_INVALID_PARAMETER when NumDests is NULL, *NumDests
 * is more than RTM_MAX_HANDLES_IN_ENUM, or DestInfos is NULL and
 * *NumDests > 0. Takes the enumeration's lock, the table lock shared and
 * each destination's lock shared (not nested in one another, except the
 * enumeration's).
 */
DWORD WINAPI RtmGetEnumDests(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_HANDLE EnumHandle,
                             PUINT NumDests, PRTM_DEST_INFO DestInfos)
{
    RTM_DEBUG_API_ENTRY(RtmGetEnumDests, RtmRegHandle,
                        (RtmRegHandle, EnumHandle, NumDests, DestInfos),
                        "enum %#llx, asked %u", RTM_DEBUG_H(EnumHandle),
                        NumDests ? RTM_DEBUG_U(*NumDests) : 0u);
    struct rtm_enum_call call;
    DWORD status = rtm_enum_begin(&call, RtmRegHandle, EnumHandle, RTM_ENUM_KIND_DEST, NumDests,
                                  DestInfos);
    UINT got;

    if (status != NO_ERROR)
        return status;
    got = call.e->done ? 0 : fill((struct dest_enum *)call.e, call.me, call.asked, DestInfos);
    return rtm_enum_end(&call, NO_ERROR, got, NumDests);
}
