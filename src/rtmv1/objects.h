/*
 * objects.h - the handle types of RTMv1's objects (base/handle.h): what
 * struct rtm_object's type says, and what the validating functions of the
 * handle table are asked for. RTMv1 numbers its types from 16 to 23.
 * And the failure of the exports that return a handle.
 */
#ifndef RTM_RTMV1_OBJECTS_H
#define RTM_RTMV1_OBJECTS_H

#include "base/handle.h"

enum {
    RTMV1_OBJ_CLIENT = 16, /* a registered client (client.h) */
    RTMV1_OBJ_ROUTE,       /* a route (route.h): no handle is given out; the
                              object owns the route's expiry timer */
    RTMV1_OBJ_ENUM,        /* an enumeration (walk.h) */
    RTMV1_OBJ_END          /* one past the last */
};
_Static_assert(RTMV1_OBJ_END <= 24, "RTMv1's types are 16 to 23");
_Static_assert(RTMV1_OBJ_END <= RTM_OBJ_TYPE_LIMIT, "RTMv1's types fit the handle table");

/* What an export that returns a handle returns when it fails: NULL, with
 * the thread's last error set to error. */
static inline HANDLE rtmv1_no_handle(DWORD error)
{
    rtm_set_last_error(error);
    return NULL;
}

#endif /* RTM_RTMV1_OBJECTS_H */
