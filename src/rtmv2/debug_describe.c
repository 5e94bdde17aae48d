/*
 * debug_describe.c - the names of RTMv2's object types and a description
 * of each object, for the lines of RTM_DEBUG (base/debug.h), given to the
 * debug machinery when the library is loaded (debug_describe.h).
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf (%llx) in the DLL as natively */
#endif
#include <stdio.h>

#include "debug_describe.h"
#include "debug_objects.h"
#include "dest.h"
#include "nexthop.h"
#include "owned.h"

static const char *describe_entity(const struct rtm_object *obj)
{
    const struct rtm_entity *e = (const struct rtm_entity *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "protocol %lu, instance %lu",
             (unsigned long)e->info.EntityId.EntityProtocolId,
             (unsigned long)e->info.EntityId.EntityInstanceId);
    return s;
}

static const char *describe_dest(const struct rtm_object *obj)
{
    return rtm_debug_addr(&((const struct rtm_dest *)obj)->address);
}

static const char *describe_route(const struct rtm_object *obj)
{
    const struct rtm_route *r = (const struct rtm_route *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%s, owner %#llx", rtm_debug_addr(&r->dest->address),
             RTM_DEBUG_H(rtm_object_handle(&r->owner->obj)));
    return s;
}

static const char *describe_nexthop(const struct rtm_object *obj)
{
    const struct rtm_nexthop *nh = (const struct rtm_nexthop *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%s, interface %lu", rtm_debug_addr(&nh->info.NextHopAddress),
             (unsigned long)nh->info.InterfaceIndex);
    return s;
}

/* Enumerations and route lists. */
static const char *describe_owned(const struct rtm_object *obj)
{
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "owner %#llx",
             RTM_DEBUG_H(rtm_object_handle(&((const struct rtm_owned *)obj)->owner->obj)));
    return s;
}

void rtm_rtmv2_debug_init(void)
{
    rtm_debug_set_type(RTM_OBJ_ENTITY, "entity", describe_entity);
    rtm_debug_set_type(RTM_OBJ_DEST, "dest", describe_dest);
    rtm_debug_set_type(RTM_OBJ_ROUTE, "route", describe_route);
    rtm_debug_set_type(RTM_OBJ_NEXTHOP, "next hop", describe_nexthop);
    rtm_debug_set_type(RTM_OBJ_ENUM, "enum", describe_owned);
    rtm_debug_set_type(RTM_OBJ_NOTIFY, "notification", NULL);
    rtm_debug_set_type(RTM_OBJ_ROUTE_LIST, "route list", describe_owned);
}
