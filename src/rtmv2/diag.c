/*
 * diag.c - RTMv2's share of RtmDiagGetObjectCounts (src/diag.c, the rtm
 * extension of include/rtm_diag.h): the live objects of its types.
 */
#include "diag.h"
#include "objects.h"

void rtm_rtmv2_object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    c->Entities = (DWORD)rtm_live_objects(RTM_OBJ_ENTITY);
    c->Destinations = (DWORD)rtm_live_objects(RTM_OBJ_DEST);
    c->Routes = (DWORD)rtm_live_objects(RTM_OBJ_ROUTE);
    c->NextHops = (DWORD)rtm_live_objects(RTM_OBJ_NEXTHOP);
    c->Enumerations = (DWORD)rtm_live_objects(RTM_OBJ_ENUM);
    c->Notifications = (DWORD)rtm_live_objects(RTM_OBJ_NOTIFY);
    c->RouteLists = (DWORD)rtm_live_objects(RTM_OBJ_ROUTE_LIST);
}
