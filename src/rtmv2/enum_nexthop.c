/*
 * enum_nexthop.c - enumerations of the caller's next hops:
 * RtmCreateNextHopEnum and RtmGetEnumNextHops
 * (spec/rtmv2/nf-rtmv2-rtmcreatenexthopenum.md).
 *
 * Next hops come in the order of their (NextHopAddress, InterfaceIndex):
 * addresses in prefix order (index/prefix_table.h), equal addresses by interface
 * index. Each call resumes after the last next hop it returned, so next
 * hops added or deleted between calls never make it return one twice or
 * miss one that existed throughout. A call scans the owner's next-hop index
 * once, keeping the smallest keys after the position.
 */
#include "enum.h"
#include "debug_objects.h"
#include "nexthop.h"

struct nexthop_enum {
    struct rtm_enum base;           /* first */
    struct rtm_enum_cursor cursor;  /* address part of the position (enum lock) */
    ULONG ifindex;                  /* interface part of the position (enum lock) */
};

/**
 * RtmCreateNextHopEnum - starts an enumeration of the caller's next hops
 * (spec/rtmv2/nf-rtmv2-rtmcreatenexthopenum.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @EnumFlags [in]     RTM_ENUM_START (every next hop), RTM_ENUM_NEXT (from
 *                     NetAddress on) or RTM_ENUM_RANGE (the next hops whose
 *                     address NetAddress covers: 10/8 gives 10.0.0.0/8 to
 *                     10.255.255.255/32).
 * @NetAddress [in]    the start or range; ignored for RTM_ENUM_START.
 * @RtmEnumHandle [out] receives the enumeration's handle: the caller's only,
 *                     until it deletes it with RtmDeleteEnumHandle (or
 *                     deregisters).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when RtmEnumHandle is NULL, EnumFlags has a flag
 * other than RTM_ENUM_NEXT or RTM_ENUM_RANGE or both, or NetAddress is
 * needed and is NULL, not of the table's family or too long;
 * ERROR_NOT_ENOUGH_MEMORY. Takes the caller's entity lock.
 */
DWORD WINAPI RtmCreateNextHopEnum(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_FLAGS EnumFlags,
                                  PRTM_NET_ADDRESS NetAddress, PRTM_ENUM_HANDLE RtmEnumHandle)
{
    RTM_DEBUG_API_ENTRY(RtmCreateNextHopEnum, RtmRegHandle,
                        (RtmRegHandle, EnumFlags, NetAddress, RtmEnumHandle),
                        "flags %#x, %s", RTM_DEBUG_U(EnumFlags), rtm_debug_addr(NetAddress));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_enum_cursor cursor;
    struct nexthop_enum *e;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = RtmEnumHandle ? rtm_enum_check_flags(EnumFlags, 0) : ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR)
        status = rtm_enum_cursor_init(&cursor, me->table, EnumFlags, NetAddress);
    if (status == NO_ERROR) {
        e = rtm_calloc(1, sizeof *e);
        if (!e) {
            status = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            e->cursor = cursor;
            status = rtm_enum_publish(&e->base, me, RTM_ENUM_KIND_NEXTHOP, NULL, RtmEnumHandle);
        }
    }
    rtm_entity_put(me);
    return status;
}

/* Compares a next hop with the position key/len/ifindex: <0, 0 or >0. */
static int compare(const struct rtm_nexthop *nh, const uint8_t *key, unsigned len, ULONG ifindex)
{
    int c = rtm_prefix_compare(nh->info.NextHopAddress.AddrBits, nh->info.NextHopAddress.NumBits,
                               key, len);

    if (c)
        return c;
    return nh->info.InterfaceIndex < ifindex ? -1 : nh->info.InterfaceIndex > ifindex;
}

/* Nonzero if the next hop is still to come: after the position (or at
 * it, for an inclusive one) and in range. */
static int to_come(const struct nexthop_enum *e, const struct rtm_nexthop *nh)
{
    int c = compare(nh, e->cursor.key, e->cursor.len, e->ifindex);

    return (c > 0 || (c == 0 && e->cursor.inclusive)) &&
           rtm_enum_cursor_in_range(&e->cursor, nh->info.NextHopAddress.AddrBits,
                                    nh->info.NextHopAddress.NumBits);
}

/* Inserts nh into best, sorted, of which n are used and max fit: the max
 * smallest next hops seen are kept. Returns the new count. */
static UINT keep_smallest(struct rtm_nexthop **best, UINT n, UINT max, struct rtm_nexthop *nh)
{
    const RTM_NET_ADDRESS *a = &nh->info.NextHopAddress;
    UINT i = n;

    while (i > 0 && compare(best[i - 1], a->AddrBits, a->NumBits, nh->info.InterfaceIndex) > 0)
        i--;
    if (i == max)
        return n;
    if (n == max)
        n--;
    for (UINT j = n; j > i; j--)
        best[j] = best[j - 1];
    best[i] = nh;
    return n + 1;
}

/* Fills up to max next-hop handles at out; returns how many. Takes the
 * owner's lock shared. */
static UINT fill(struct nexthop_enum *e, struct rtm_entity *me, UINT max, HANDLE *out,
                 DWORD *status)
{
    struct rtm_nexthop *best[RTM_MAX_HANDLES_IN_ENUM];
    UINT n = 0, got = 0;

    rtm_rwlock_lock_shared(&me->lock);
    for (size_t b = 0; max && b < me->nexthop_bucket_count; b++)
        for (struct rtm_nexthop *nh = me->nexthop_buckets[b]; nh; nh = nh->hash_next)
            if (to_come(e, nh))
                n = keep_smallest(best, n, max, nh);
    for (; got < n; got++) {
        const RTM_NET_ADDRESS *a = &best[got]->info.NextHopAddress;
        if (rtm_give_handle(&best[got]->obj, &out[got]) != NO_ERROR) {
            *status = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        rtm_enum_cursor_move(&e->cursor, a->AddrBits, a->NumBits, 0);
        e->ifindex = best[got]->info.InterfaceIndex;
    }
    rtm_rwlock_unlock_shared(&me->lock);
    return got;
}

/**
 * RtmGetEnumNextHops - returns the next next hops of a next-hop
 * enumeration (spec/rtmv2/nf-rtmv2-rtmgetenumnexthops.md).
 *
 * @RtmRegHandle [in]     the caller's registration handle.
 * @EnumHandle [in]       an enumeration the caller created with
 *                        RtmCreateNextHopEnum.
 * @NumNextHops [in, out] in: how many handles NextHopHandles has room for,
 *                        at most MaxHandlesInEnum (RTM_MAX_HANDLES_IN_ENUM,
 *                        100); out: how many were returned (0 on error
 *                        other than ERROR_NOT_ENOUGH_MEMORY).
 * @NextHopHandles [out]  receives the next-hop handles in order of address,
 *                        then interface index; each holds a client
 *                        reference: release them with RtmReleaseNextHops.
 *
 * Returns NO_ERROR when *NumNextHops next hops were returned;
 * ERROR_NO_MORE_ITEMS when fewer were (the end: those were the last ones),
 * and on every call after that; ERROR_INVALID_HANDLE for a bad
 * registration handle or when EnumHandle is not a next-hop enumeration of
 * the caller's; ERROR_INVALID_PARAMETER when NumNextHops is NULL,
 * *NumNextHops is more than RTM_MAX_HANDLES_IN_ENUM, or NextHopHandles is
 * NULL and *NumNextHops > 0; ERROR_NOT_ENOUGH_MEMORY when a next hop has
 * too many references to be given one more (the handles before it are
 * returned, and the next call resumes at it). Takes the enumeration's lock,
 * then the caller's entity lock shared.
 */
DWORD WINAPI RtmGetEnumNextHops(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_HANDLE EnumHandle,
                                PUINT NumNextHops, PRTM_NEXTHOP_HANDLE NextHopHandles)
{
    RTM_DEBUG_API_ENTRY(RtmGetEnumNextHops, RtmRegHandle,
                        (RtmRegHandle, EnumHandle, NumNextHops, NextHopHandles),
                        "enum %#llx, asked %u", RTM_DEBUG_H(EnumHandle),
                        NumNextHops ? RTM_DEBUG_U(*NumNextHops) : 0u);
    struct rtm_enum_call call;
    DWORD status = rtm_enum_begin(&call, RtmRegHandle, EnumHandle, RTM_ENUM_KIND_NEXTHOP,
                                  NumNextHops, NextHopHandles);
    UINT got = 0;

    if (status != NO_ERROR)
        return status;
    if (!call.e->done)
        got = fill((struct nexthop_enum *)call.e, call.me, call.asked, NextHopHandles, &status);
    return rtm_enum_end(&call, status, got, NumNextHops);
}
