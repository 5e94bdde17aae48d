/*
 * enum.c - what every enumeration shares, and RtmDeleteEnumHandle
 * (enum.h).
 */
#include <string.h>

#include "enum.h"
#include "dest.h"

DWORD rtm_enum_check_flags(RTM_ENUM_FLAGS flags, RTM_ENUM_FLAGS extra)
{
    if ((flags & ~(RTM_ENUM_POSITION_FLAGS | extra)) ||
        (flags & RTM_ENUM_POSITION_FLAGS) == RTM_ENUM_POSITION_FLAGS)
        return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

DWORD rtm_enum_check_views(RTM_VIEW_SET views)
{
    return (views & ~RTM_SUPPORTED_VIEWS) ? ERROR_NOT_SUPPORTED : NO_ERROR;
}

UINT rtm_enum_view_count(RTM_VIEW_SET views)
{
    UINT n = 0;

    for (int v = 0; v < RTM_VIEW_COUNT; v++)
        n += (views >> v) & 1;
    return n;
}

DWORD rtm_enum_cursor_init(struct rtm_enum_cursor *c, const struct rtm_table *table,
                           RTM_ENUM_FLAGS flags, const RTM_NET_ADDRESS *addr)
{
    memset(c, 0, sizeof *c);
    c->inclusive = 1;
    if (!(flags & RTM_ENUM_POSITION_FLAGS))
        return NO_ERROR;
    if (!addr || !rtm_table_address_ok(table, addr))
        return ERROR_INVALID_PARAMETER;
    rtm_prefix_canonicalize(c->key, addr->AddrBits, addr->NumBits, sizeof c->key);
    c->len = addr->NumBits;
    if (flags & RTM_ENUM_RANGE) {
        memcpy(c->range, c->key, sizeof c->range);
        c->range_len = c->len;
        c->ranged = 1;
    }
    return NO_ERROR;
}

int rtm_enum_cursor_in_range(const struct rtm_enum_cursor *c, const uint8_t *key, unsigned len)
{
    return !c->ranged || rtm_prefix_covers(c->range, c->range_len, key, len);
}

struct rtm_dest *rtm_enum_cursor_dest(const struct rtm_enum_cursor *c,
                                      const struct rtm_table *table, uint8_t *key,
                                      unsigned *len)
{
    struct rtm_dest *dest = rtm_prefix_table_next(table->dests, c->key, c->len, c->inclusive, key, len);

    /* Prefixes a range covers follow it contiguously: the first one
     * outside ends the enumeration. */
    return dest && rtm_enum_cursor_in_range(c, key, *len) ? dest : NULL;
}

int rtm_enum_cursor_at(const struct rtm_enum_cursor *c, const uint8_t *key, unsigned len)
{
    return c->inclusive && rtm_prefix_compare(c->key, c->len, key, len) == 0;
}

void rtm_enum_cursor_move(struct rtm_enum_cursor *c, const uint8_t *key, unsigned len,
                          int inclusive)
{
    memcpy(c->key, key, sizeof c->key);
    c->len = len;
    c->inclusive = inclusive;
}

void rtm_enum_destroy(struct rtm_object *obj)
{
    struct rtm_enum *e = (struct rtm_enum *)obj;

    rtm_rwlock_destroy(&e->lock);
    rtm_free(e);
}

static void enum_free(struct rtm_object *obj)
{
    struct rtm_enum *e = (struct rtm_enum *)obj;

    if (e->cleanup)
        e->cleanup(e);
    rtm_owned_release_owner(&e->owned);
    rtm_enum_destroy(obj);
}

DWORD rtm_enum_publish(struct rtm_enum *e, struct rtm_entity *me, enum rtm_enum_kind kind,
                       void (*cleanup)(struct rtm_enum *), HANDLE *out)
{
    e->kind = kind;
    e->cleanup = cleanup;
    rtm_rwlock_init(&e->lock);
    return rtm_owned_publish(&e->owned, me, RTM_OBJ_ENUM, enum_free, NULL, out);
}

DWORD rtm_enum_begin(struct rtm_enum_call *call, RTM_ENTITY_HANDLE reg, HANDLE handle,
                     enum rtm_enum_kind kind, PUINT count, const void *out)
{
    DWORD status = NO_ERROR;

    call->me = rtm_entity_get(reg);
    call->e = call->me ? (struct rtm_enum *)rtm_owned_get(call->me, handle, RTM_OBJ_ENUM) : NULL;
    if (!call->e || call->e->kind != kind)
        status = ERROR_INVALID_HANDLE;
    else if (!count || *count > RTM_MAX_HANDLES_IN_ENUM || (!out && *count))
        status = ERROR_INVALID_PARAMETER;
    if (status != NO_ERROR) {
        if (call->e)
            rtm_object_unref(&call->e->owned.obj);
        if (call->me)
            rtm_entity_put(call->me);
        if (count)
            *count = 0;
        return status;
    }
    call->asked = *count;
    rtm_rwlock_lock_exclusive(&call->e->lock);
    return NO_ERROR;
}

DWORD rtm_enum_end(struct rtm_enum_call *call, DWORD status, UINT got, PUINT count)
{
    struct rtm_enum *e = call->e;

    if (status == NO_ERROR && e->kind != RTM_ENUM_KIND_LIST && (e->done || got < call->asked)) {
        e->done = 1;
        status = ERROR_NO_MORE_ITEMS;
    }
    *count = got;
    rtm_rwlock_unlock_exclusive(&e->lock);
    rtm_object_unref(&e->owned.obj);
    rtm_entity_put(call->me);
    return status;
}

/**
 * RtmDeleteEnumHandle - ends an enumeration of any kind and frees it
 * (spec/rtmv2/nf-rtmv2-rtmdeleteenumhandle.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @EnumHandle [in]   an enumeration the caller created with
 *                    RtmCreateDestEnum, RtmCreateRouteEnum,
 *                    RtmCreateNextHopEnum or RtmCreateRouteListEnum. The
 *                    handle is invalid afterwards. Handles and information
 *                    the enumeration returned are not affected: release
 *                    them as usual.
 *
 * A call on the same enumeration running in another thread completes
 * normally; the enumeration is freed when it returns.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle, or
 * when EnumHandle is not an enumeration the caller created and has not
 * deleted yet (another entity's enumeration included). Takes the caller's
 * entity lock exclusively.
 */
DWORD WINAPI RtmDeleteEnumHandle(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_HANDLE EnumHandle)
{
    RTM_DEBUG_API_ENTRY(RtmDeleteEnumHandle, RtmRegHandle, (RtmRegHandle, EnumHandle), "enum %#llx",
                        RTM_DEBUG_H(EnumHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = rtm_owned_delete(me, EnumHandle, RTM_OBJ_ENUM);
    rtm_entity_put(me);
    return status;
}
