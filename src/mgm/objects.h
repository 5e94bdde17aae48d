/*
 * objects.h - the handle types of the Multicast Group Manager's objects
 * (base/handle.h): what struct rtm_object's type says, and what the
 * validating functions of the handle table are asked for. The MGM numbers
 * its types from 8 (RTMv2 has 1 to 7, rtmv2/objects.h).
 */
#ifndef RTM_MGM_OBJECTS_H
#define RTM_MGM_OBJECTS_H

#include "base/handle.h"

enum {
    RTM_OBJ_MGM_PROTOCOL = 8, /* a registered client (protocol.h) */
    RTM_OBJ_MGM_ENUM,         /* a group enumeration (group_enum.h) */
    RTM_OBJ_MGM_FORWARDER,    /* the forwarder's registration (forwarder.h) */
    RTM_OBJ_MGM_END           /* one past the last */
};
_Static_assert(RTM_OBJ_MGM_END <= 16, "the MGM's types are 8 to 15");
_Static_assert(RTM_OBJ_MGM_END <= RTM_OBJ_TYPE_LIMIT, "the MGM's types fit the handle table");

#endif /* RTM_MGM_OBJECTS_H */
