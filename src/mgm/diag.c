/*
 * diag.c - the MGM's share of RtmDiagGetObjectCounts (diag.h).
 */
#include "diag.h"
#include "group.h"
#include "objects.h"
#include "state.h"

void rtm_mgm_object_counts(RTM_DIAG_OBJECT_COUNTS *c)
{
    DWORD memberships = 0;

    c->MgmProtocols = (DWORD)rtm_live_objects(RTM_OBJ_MGM_PROTOCOL);
    c->MgmEnumerations = (DWORD)rtm_live_objects(RTM_OBJ_MGM_ENUM);
    c->MgmForwarders = (DWORD)rtm_live_objects(RTM_OBJ_MGM_FORWARDER);
    mgm_lock_shared();
    c->MgmInterfaces = (DWORD)mgm_keymap_count(&mgm.interfaces);
    for (struct mgm_group *g = mgm_group_next(NULL); g; g = mgm_group_next(g))
        for (struct mgm_member *m = g->members; m; m = m->next)
            memberships++;
    c->MgmMemberships = memberships;
    c->MgmMfes = (DWORD)mgm_keymap_count(&mgm.mfes);
    mgm_unlock_shared();
}
