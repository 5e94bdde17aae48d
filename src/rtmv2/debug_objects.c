/*
 * debug_objects.c - what RTM_DEBUG's lines say about RTMv2's objects
 * (debug_objects.h): the lock, change and event lines, and the text of
 * prefixes and entity information. The objects' type names and
 * descriptions are in debug_describe.c.
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf (%llx) in the DLL as natively */
#endif
#include <stdio.h>

#include "debug_objects.h"

/* ---- text ------------------------------------------------------------------ */

const char *rtm_debug_addr(const RTM_NET_ADDRESS *addr)
{
    char *s = rtm_debug_text();
    const UCHAR *b;

    if (!addr)
        return "(null)";
    b = addr->AddrBits;
    if (addr->AddressFamily == AF_INET) {
        snprintf(s, RTM_DEBUG_TEXT_SIZE, "%u.%u.%u.%u/%u", b[0], b[1], b[2], b[3], addr->NumBits);
    } else if (addr->AddressFamily == AF_INET6) {
        size_t n = 0;
        for (int i = 0; i < RTM_MAX_ADDRESS_SIZE; i += 2)
            n += (size_t)snprintf(s + n, RTM_DEBUG_TEXT_SIZE - n, "%s%x", i ? ":" : "", (b[i] << 8) | b[i + 1]);
        snprintf(s + n, RTM_DEBUG_TEXT_SIZE - n, "/%u", addr->NumBits);
    } else {
        snprintf(s, RTM_DEBUG_TEXT_SIZE, "family %u/%u", addr->AddressFamily, addr->NumBits);
    }
    return s;
}

const char *rtm_debug_entity_info(const RTM_ENTITY_INFO *info)
{
    char *s = rtm_debug_text();

    if (!info)
        return "(null)";
    snprintf(s, RTM_DEBUG_TEXT_SIZE, "instance %u, family %u, protocol %lu.%lu", info->RtmInstanceId,
             info->AddressFamily, (unsigned long)info->EntityId.EntityProtocolId,
             (unsigned long)info->EntityId.EntityInstanceId);
    return s;
}

/* ---- locks, notifications ------------------------------------------------------ */

void rtm_debug_lock(const struct rtm_object *obj, int exclusive, int locked, DWORD status)
{
    const char *mode = exclusive ? "exclusive" : "shared";

    if (!obj)
        return; /* not a valid handle: the api line says so */
    if (status == NO_ERROR)
        rtm_debug_line("locks", "entity %#llx %s %s %#llx (%s) %s", RTM_DEBUG_H(rtm_debug_caller()),
                       locked ? "locked" : "unlocked", rtm_debug_type(obj->type),
                       RTM_DEBUG_H(rtm_object_handle(obj)), rtm_debug_describe(obj), mode);
    else
        rtm_debug_line("locks", "entity %#llx: %s %s %#llx (%s) %s refused: %s",
                       RTM_DEBUG_H(rtm_debug_caller()), locked ? "lock" : "unlock",
                       rtm_debug_type(obj->type), RTM_DEBUG_H(rtm_object_handle(obj)),
                       rtm_debug_describe(obj), mode, rtm_debug_status(status));
}

void rtm_debug_change_queued(const struct rtm_object *notify, const struct rtm_object *owner,
                             const struct rtm_object *dest, int queued, int posted)
{
    rtm_debug_line("notify", "dest %#llx (%s) changed: %s notification %#llx of entity %#llx%s",
                   RTM_DEBUG_H(rtm_object_handle(dest)), rtm_debug_describe(dest),
                   queued ? "queued for" : "already queued for",
                   RTM_DEBUG_H(rtm_object_handle(notify)), RTM_DEBUG_H(rtm_object_handle(owner)),
                   posted ? ", event posted" : "");
}

void rtm_debug_event(const struct rtm_object *target, RTM_EVENT_TYPE type, void *context1,
                     void *context2, DWORD result)
{
    static const char *const events[] = {
        "RTM_ENTITY_REGISTERED", "RTM_ENTITY_DEREGISTERED", "RTM_ROUTE_EXPIRED",
        "RTM_CHANGE_NOTIFICATION",
    };
    const char *name = (unsigned)type < sizeof events / sizeof events[0] ? events[type] : "event";

    rtm_debug_line("notify", "entity %#llx: %s (context1 %#llx, context2 %#llx) -> %s",
                   RTM_DEBUG_H(rtm_object_handle(target)), name, RTM_DEBUG_H(context1),
                   RTM_DEBUG_H(context2), rtm_debug_status(result));
}
