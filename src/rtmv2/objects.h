/*
 * objects.h - the handle types of RTMv2's objects (base/handle.h): what
 * struct rtm_object's type says, and what the validating functions of the
 * handle table are asked for.
 */
#ifndef RTM_RTMV2_OBJECTS_H
#define RTM_RTMV2_OBJECTS_H

#include "base/handle.h"

enum {
    RTM_OBJ_ENTITY = 1,  /* an entity (entity.h) */
    RTM_OBJ_DEST,        /* a destination (dest.h) */
    RTM_OBJ_ROUTE,       /* a route (route.h) */
    RTM_OBJ_NEXTHOP,     /* a next hop (nexthop.h) */
    RTM_OBJ_ENUM,        /* an enumeration (enum.h) */
    RTM_OBJ_NOTIFY,      /* a change notification registration (notify.h) */
    RTM_OBJ_ROUTE_LIST,  /* a route list (route_list.h) */
    RTM_OBJ_RTMV2_END    /* one past the last */
};
_Static_assert(RTM_OBJ_RTMV2_END <= RTM_OBJ_TYPE_LIMIT, "RTMv2's types fit the handle table");

#endif /* RTM_RTMV2_OBJECTS_H */
