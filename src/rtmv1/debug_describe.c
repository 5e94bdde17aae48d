/*
 * debug_describe.c - the names of RTMv1's object types and a description
 * of each object, for the lines of RTM_DEBUG (debug_describe.h).
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf in the DLL as natively */
#endif
#include <stdio.h>

#include "client.h"
#include "debug_describe.h"
#include "enum.h"
#include "rtmv1.h"
#include "base/debug.h"

const char *rtmv1_debug_net(const struct rtmv1_family *family, const struct rtmv1_key *key)
{
    char *s = rtm_debug_text();

    if (family->id == RTM_PROTOCOL_FAMILY_IP)
        snprintf(s, RTM_DEBUG_TEXT_SIZE, "IP %u.%u.%u.%u/%u", key->bytes[0], key->bytes[1],
                 key->bytes[2], key->bytes[3], key->len);
    else
        snprintf(s, RTM_DEBUG_TEXT_SIZE, "IPX %08lx", (unsigned long)rtmv1_key_value(key->bytes));
    return s;
}

const char *rtmv1_debug_flags(DWORD flags)
{
    switch (flags) {
    case RTM_ROUTE_ADDED:
        return "RTM_ROUTE_ADDED";
    case RTM_ROUTE_DELETED:
        return "RTM_ROUTE_DELETED";
    case RTM_ROUTE_CHANGED:
        return "RTM_ROUTE_CHANGED";
    default:
        return "RTM_NO_CHANGE";
    }
}

static const char *describe_client(const struct rtm_object *obj)
{
    const struct rtmv1_client *c = (const struct rtmv1_client *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%s protocol %lu", c->table->family->name,
             (unsigned long)c->protocol);
    return s;
}

static const char *describe_route(const struct rtm_object *obj)
{
    const struct rtmv1_route *r = (const struct rtmv1_route *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%s route of protocol %lu", r->table->family->name,
             (unsigned long)r->data.ip.RR_RoutingProtocol);
    return s;
}

static const char *describe_enum(const struct rtm_object *obj)
{
    const struct rtmv1_enum *e = (const struct rtmv1_enum *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%s, flags %#lx", e->table->family->name,
             (unsigned long)e->criteria.flags);
    return s;
}

void rtm_rtmv1_load(void)
{
    rtm_debug_set_type(RTMV1_OBJ_CLIENT, "RTMv1 client", describe_client);
    rtm_debug_set_type(RTMV1_OBJ_ROUTE, "RTMv1 route", describe_route);
    rtm_debug_set_type(RTMV1_OBJ_ENUM, "RTMv1 enum", describe_enum);
}
