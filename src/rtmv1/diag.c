/*
 * diag.c - RTMv1's share of RtmDiagGetObjectCounts (src/diag.c, the rtm
 * extension of include/rtm_diag.h): the live objects of its types.
 */
#include "diag.h"
#include "objects.h"

void rtm_rtmv1_object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    c->V1Clients = (DWORD)rtm_live_objects(RTMV1_OBJ_CLIENT);
    c->V1Routes = (DWORD)rtm_live_objects(RTMV1_OBJ_ROUTE);
    c->V1Enumerations = (DWORD)rtm_live_objects(RTMV1_OBJ_ENUM);
}
