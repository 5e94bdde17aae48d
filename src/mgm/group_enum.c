/*
 * group_enum.c - MgmGroupEnumerationStart, MgmGroupEnumerationGetNext and
 * MgmGroupEnumerationEnd: the groups joined on the router (group_enum.h).
 */
#include <string.h>

#include "group_enum.h"
#include "base/debug.h"
#include "group.h"
#include "state.h"

static void enum_free(struct rtm_object *obj)
{
    struct mgm_group_enum *e = (struct mgm_group_enum *)obj;

    mgm_protocol_put(e->owner);
    rtm_free(e);
}

void mgm_group_enum_destroy(struct rtm_object *obj)
{
    rtm_free(obj);
}

/* The enumeration of handle h, not ended, with an internal reference the
 * caller drops; NULL for any other value. */
static struct mgm_group_enum *enum_get(HANDLE h)
{
    return (struct mgm_group_enum *)rtm_handle_lookup(h, RTM_OBJ_MGM_ENUM);
}

/* Takes e off its owner's list (MGM lock held). */
static void unlink_enum(struct mgm_group_enum *e)
{
    for (struct mgm_group_enum **q = &e->owner->enums; *q; q = &(*q)->next) {
        if (*q == e) {
            *q = e->next;
            break;
        }
    }
    e->ended = 1;
}

struct mgm_group_enum *mgm_group_enums_end_all(struct mgm_protocol *p)
{
    struct mgm_group_enum *list = p->enums;

    for (struct mgm_group_enum *e = list; e; e = e->next)
        e->ended = 1;
    p->enums = NULL;
    return list;
}

void mgm_group_enums_release(struct mgm_group_enum *list)
{
    while (list) {
        struct mgm_group_enum *next = list->next;
        rtm_handle handle = rtm_object_handle(&list->obj);
        RTM_DEBUG_CLIENT_REF(handle, RTM_OBJ_MGM_ENUM, -1);
        rtm_handle_release(handle, RTM_OBJ_MGM_ENUM);
        list = next;
    }
}

/**
 * MgmGroupEnumerationStart - starts an enumeration of the groups joined on
 * the router (spec/mgm/nf-mgm-mgmgroupenumerationstart.md).
 *
 * @hProtocol    [in]  the caller's handle; the enumeration is its own and
 *                     ends, at the latest, when it deregisters.
 * @metEnumType  [in]  ALL_SOURCES: every pair joined - (s, g), (*, g) and
 *                     (*, *) - once, whoever joined it on whichever
 *                     interface; ANY_SOURCE: every group with a member for
 *                     at least one source (wildcard or not), once, as
 *                     (*, g) (and (*, *) for a (*, *) join).
 * @phEnumHandle [out] the enumeration's handle (one client reference,
 *                     dropped by MgmGroupEnumerationEnd).
 *
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when hProtocol is not a
 * registered client's, metEnumType is neither, or phEnumHandle is NULL
 * (nothing written); ERROR_NOT_ENOUGH_MEMORY.
 * ERROR_CAN_NOT_COMPLETE is not returned. Takes the MGM lock.
 */
DWORD WINAPI MgmGroupEnumerationStart(HANDLE hProtocol, MGM_ENUM_TYPES metEnumType,
                                      HANDLE *phEnumHandle)
{
    RTM_DEBUG_API_ENTRY(MgmGroupEnumerationStart, hProtocol,
                        (hProtocol, metEnumType, phEnumHandle), "type %d", (int)metEnumType);
    struct mgm_protocol *p;
    struct mgm_group_enum *e;
    DWORD status = NO_ERROR;

    if ((metEnumType != ANY_SOURCE && metEnumType != ALL_SOURCES) || !phEnumHandle)
        return ERROR_INVALID_PARAMETER;
    p = mgm_protocol_get(hProtocol);
    if (!p)
        return ERROR_INVALID_PARAMETER;
    e = rtm_calloc(1, sizeof *e);
    if (!e) {
        mgm_protocol_put(p);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    e->owner = p; /* the lookup's reference becomes the enumeration's */
    e->type = metEnumType;
    mgm_lock();
    if (!mgm_protocol_registered(p))
        status = ERROR_INVALID_PARAMETER;
    else if (rtm_object_init(&e->obj, RTM_OBJ_MGM_ENUM, enum_free) != RTM_HANDLE_OK ||
             rtm_object_internal_to_client(&e->obj) != RTM_HANDLE_OK)
        status = ERROR_NOT_ENOUGH_MEMORY;
    if (status == NO_ERROR) {
        e->next = p->enums;
        p->enums = e;
    }
    mgm_unlock();
    if (status != NO_ERROR) {
        if (e->obj.handle)
            rtm_object_unref(&e->obj); /* frees it, dropping p */
        else {
            mgm_protocol_put(p);
            rtm_free(e);
        }
        return status;
    }
    *phEnumHandle = rtm_object_handle(&e->obj);
    RTM_DEBUG_CLIENT_REF(*phEnumHandle, RTM_OBJ_MGM_ENUM, +1);
    return NO_ERROR;
}

/* The entry after (*group_key, *source_key) that e returns, with its key
 * there; NULL at the end. (*, *) comes first, (*, g) before the sources
 * of g. ANY_SOURCE skips the other entries of a group returned. */
static const struct mgm_group *next_entry(const struct mgm_group_enum *e, DWORD *group_key,
                                          DWORD *source_key)
{
    int inclusive = !e->started;

    if (e->started && e->type == ANY_SOURCE && *group_key != 0) {
        /* past every source of the group returned */
        if (*group_key == 0xFFFFFFFFu)
            return NULL;
        (*group_key)++;
        *source_key = 0;
        inclusive = 1;
    }
    return mgm_keymap_next(&mgm.groups, group_key, source_key, inclusive);
}

/**
 * MgmGroupEnumerationGetNext - the next groups of an enumeration
 * (spec/mgm/nf-mgm-mgmgroupenumerationgetnext.md).
 *
 * @hEnum         [in]  from MgmGroupEnumerationStart.
 * @pdwBufferSize [in, out] the bytes at pbBuffer; set to the size of one
 *                      SOURCE_GROUP_ENTRY (16) when it is too small for
 *                      one and one is left, else left alone.
 * @pbBuffer      [out] as many SOURCE_GROUP_ENTRY structures as fit
 *                      (network-order addresses; masks all ones, or 0 for
 *                      a wildcard), in the order of the groups, then of
 *                      the sources ((*, g) first); need not be aligned.
 * @pdwNumEntries [out] how many were written (0 on error).
 *
 * The enumeration keeps a position, not a snapshot: entries joined or left
 * meanwhile are seen or not, none twice. Returns ERROR_MORE_DATA when the
 * buffer is full and entries are left; ERROR_NO_MORE_ITEMS when none is
 * left after the ones returned (maybe none), and on every later call;
 * ERROR_INSUFFICIENT_BUFFER when not even one fits and one is left;
 * ERROR_INVALID_PARAMETER when hEnum is not a live enumeration's handle
 * (ended, its owner deregistered, forged), or a pointer is NULL
 * (pbBuffer may be NULL with *pdwBufferSize below 16). NO_ERROR,
 * ERROR_CAN_NOT_COMPLETE and ERROR_NOT_ENOUGH_MEMORY are not returned.
 * Takes the MGM lock.
 */
DWORD WINAPI MgmGroupEnumerationGetNext(HANDLE hEnum, PDWORD pdwBufferSize, PBYTE pbBuffer,
                                        PDWORD pdwNumEntries)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGroupEnumerationGetNext,
                              (hEnum, pdwBufferSize, pbBuffer, pdwNumEntries),
                              "enum %#llx, size %u", RTM_DEBUG_H(hEnum),
                              pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u);
    struct mgm_group_enum *e;
    DWORD room, n = 0, status;

    if (!pdwBufferSize || !pdwNumEntries ||
        (!pbBuffer && *pdwBufferSize >= sizeof(SOURCE_GROUP_ENTRY)))
        return ERROR_INVALID_PARAMETER;
    *pdwNumEntries = 0;
    e = enum_get(hEnum);
    if (!e)
        return ERROR_INVALID_PARAMETER;
    room = *pdwBufferSize / sizeof(SOURCE_GROUP_ENTRY);
    mgm_lock();
    if (e->ended) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        DWORD group_key = e->group_key, source_key = e->source_key;
        const struct mgm_group *g = e->done ? NULL : next_entry(e, &group_key, &source_key);

        while (g && n < room) {
            SOURCE_GROUP_ENTRY entry;
            int any = e->type == ANY_SOURCE;
            entry.dwSourceAddr = any ? 0 : g->source;
            entry.dwSourceMask = !any && g->source ? 0xFFFFFFFFu : 0;
            entry.dwGroupAddr = g->group;
            entry.dwGroupMask = g->group ? 0xFFFFFFFFu : 0;
            memcpy(pbBuffer + n * sizeof entry, &entry, sizeof entry);
            n++;
            e->started = 1;
            e->group_key = group_key;
            e->source_key = source_key;
            g = next_entry(e, &group_key, &source_key);
        }
        if (!g) {
            e->done = 1;
            status = ERROR_NO_MORE_ITEMS;
        } else if (n == 0) {
            *pdwBufferSize = sizeof(SOURCE_GROUP_ENTRY);
            status = ERROR_INSUFFICIENT_BUFFER;
        } else {
            status = ERROR_MORE_DATA;
        }
    }
    mgm_unlock();
    *pdwNumEntries = n;
    rtm_object_unref(&e->obj);
    return status;
}

/**
 * MgmGroupEnumerationEnd - ends an enumeration
 * (spec/mgm/nf-mgm-mgmgroupenumerationend.md).
 *
 * @hEnum [in] from MgmGroupEnumerationStart; invalid afterwards (its
 *             client reference is dropped).
 *
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when hEnum is not a live
 * enumeration's handle (ended already, its owner deregistered, forged).
 * ERROR_CAN_NOT_COMPLETE is not returned. Takes the MGM lock.
 */
DWORD WINAPI MgmGroupEnumerationEnd(HANDLE hEnum)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGroupEnumerationEnd, (hEnum), "enum %#llx", RTM_DEBUG_H(hEnum));
    struct mgm_group_enum *e = enum_get(hEnum);
    int ended = 0;

    if (!e)
        return ERROR_INVALID_PARAMETER;
    mgm_lock();
    if (!e->ended) {
        unlink_enum(e);
        ended = 1;
    }
    mgm_unlock();
    if (ended) {
        RTM_DEBUG_CLIENT_REF(hEnum, RTM_OBJ_MGM_ENUM, -1);
        rtm_handle_release(hEnum, RTM_OBJ_MGM_ENUM);
    }
    rtm_object_unref(&e->obj);
    return ended ? NO_ERROR : ERROR_INVALID_PARAMETER;
}
