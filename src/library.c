/*
 * library.c - process-wide start and shutdown (see library.h).
 */
#include "library.h"
#include "base/debug.h"
#include "base/timer.h"
#include "mgm/debug_describe.h"
#include "mgm/forwarder.h"
#include "mgm/gate.h"
#include "mgm/group_enum.h"
#include "mgm/state.h"
#include "rtmv1/rtmv1.h"
#include "rtmv2/debug_describe.h"
#include "rtmv2/dest.h"
#include "rtmv2/entity.h"
#include "rtmv2/enum.h"
#include "rtmv2/event.h"
#include "rtmv2/nexthop.h"
#include "rtmv2/notify.h"
#include "rtmv2/route_list.h"

void rtm_library_load(void)
{
    rtm_debug_init();
    rtm_rtmv2_debug_init();
    rtm_mgm_debug_init();
    rtm_rtmv1_load();
}

/* Frees one object left alive at unload, without touching references:
 * everything is being freed. */
static void destroy(struct rtm_object *obj)
{
    switch (obj->type) {
    case RTM_OBJ_ENTITY:
        rtm_entity_destroy(obj);
        break;
    case RTM_OBJ_DEST:
        rtm_dest_destroy(obj);
        break;
    case RTM_OBJ_ROUTE:
        rtm_route_destroy(obj);
        break;
    case RTM_OBJ_NEXTHOP:
        rtm_nexthop_destroy(obj);
        break;
    case RTM_OBJ_NOTIFY:
        rtm_notify_destroy(obj);
        break;
    case RTM_OBJ_ENUM:
        rtm_enum_destroy(obj);
        break;
    case RTM_OBJ_ROUTE_LIST:
        rtm_route_list_destroy(obj);
        break;
    case RTM_OBJ_MGM_PROTOCOL:
        mgm_protocol_destroy(obj);
        break;
    case RTM_OBJ_MGM_ENUM:
        mgm_group_enum_destroy(obj);
        break;
    case RTM_OBJ_MGM_FORWARDER:
        mgm_forwarder_destroy(obj);
        break;
    case RTMV1_OBJ_CLIENT:
    case RTMV1_OBJ_ROUTE:
    case RTMV1_OBJ_ENUM:
        rtm_rtmv1_destroy(obj);
        break;
    default:
        break;
    }
}

void rtm_library_shutdown(void)
{
    rtm_events_stop();
    mgm_gates_stop();
    rtm_workers_shutdown();
    rtm_timers_shutdown();
    rtm_handles_destroy_live(destroy);
    mgm_state_shutdown();
    rtm_entities_shutdown();
    rtm_handles_shutdown();
    rtm_tables_shutdown();
    rtm_rtmv1_shutdown();
    rtm_thread_stripes_shutdown();
    rtm_debug_shutdown();
}
