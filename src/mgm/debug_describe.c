/*
 * debug_describe.c - the names of the MGM's object types and a description
 * of each object (debug_describe.h).
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf (%llx) in the DLL as natively */
#endif
#include <stdio.h>

#include "debug_describe.h"
#include "base/debug.h"
#include "group_enum.h"

static const char *describe_protocol(const struct rtm_object *obj)
{
    const struct mgm_protocol *p = (const struct mgm_protocol *)obj;
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "protocol %lu, component %lu%s",
             (unsigned long)p->protocol_id, (unsigned long)p->component_id,
             p->igmp ? " (IGMP)" : "");
    return s;
}

static const char *describe_enum(const struct rtm_object *obj)
{
    char *s = rtm_debug_text();

    snprintf(s, RTM_DEBUG_TEXT_SIZE, "owner %#llx",
             RTM_DEBUG_H(rtm_object_handle(&((const struct mgm_group_enum *)obj)->owner->obj)));
    return s;
}

void rtm_mgm_debug_init(void)
{
    rtm_debug_set_type(RTM_OBJ_MGM_PROTOCOL, "mgm protocol", describe_protocol);
    rtm_debug_set_type(RTM_OBJ_MGM_ENUM, "mgm group enum", describe_enum);
    rtm_debug_set_type(RTM_OBJ_MGM_FORWARDER, "mgm forwarder", NULL);
}
