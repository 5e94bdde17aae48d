/*
 * rtmv1.c - RTMv1 at library unload (rtmv1.h; the load is in
 * debug_describe.c).
 */
#include "rtmv1.h"
#include "client.h"
#include "enum.h"
#include "route.h"

void rtm_rtmv1_destroy(struct rtm_object *obj)
{
    switch (obj->type) {
    case RTMV1_OBJ_CLIENT:
        rtmv1_client_destroy(obj);
        break;
    case RTMV1_OBJ_ROUTE:
        rtmv1_route_destroy(obj);
        break;
    case RTMV1_OBJ_ENUM:
        rtmv1_enum_destroy(obj);
        break;
    default:
        break;
    }
}

void rtm_rtmv1_shutdown(void)
{
    rtmv1_tables_shutdown();
}
