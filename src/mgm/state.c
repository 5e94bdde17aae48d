/*
 * state.c - the MGM's process-wide state (state.h).
 */
#include "state.h"
#include "call.h"
#include "group.h"
#include "mfe.h"
#include "rpf.h"

struct mgm_state mgm = { .lock = RTM_RWLOCK_INIT };

int mgm_unused(void)
{
    return !mgm.protocols && !mgm.forwarder;
}

void mgm_after_deregistration(void)
{
    int unused;

    mgm_lock_shared();
    unused = mgm_unused();
    mgm_unlock_shared();
    if (unused)
        mgm_rpf_release();
}

void mgm_state_shutdown(void)
{
    DWORD a = 0, b = 0;
    void *v;

    for (v = mgm_keymap_next(&mgm.interfaces, &a, &b, 1); v;
         v = mgm_keymap_next(&mgm.interfaces, &a, &b, 0))
        rtm_free(v);
    a = b = 0;
    for (v = mgm_keymap_next(&mgm.groups, &a, &b, 1); v;
         v = mgm_keymap_next(&mgm.groups, &a, &b, 0)) {
        struct mgm_group *g = v;
        while (g->members) {
            struct mgm_member *m = g->members;
            g->members = m->next;
            rtm_free(m);
        }
        rtm_free(g);
    }
    a = b = 0;
    for (v = mgm_keymap_next(&mgm.mfes, &a, &b, 1); v; v = mgm_keymap_next(&mgm.mfes, &a, &b, 0))
        mgm_mfe_free(v);
    mgm_keymap_destroy(&mgm.interfaces);
    mgm_keymap_destroy(&mgm.groups);
    mgm_keymap_destroy(&mgm.mfes);
    mgm.protocols = NULL;
    mgm.forwarder = NULL;
    mgm_rpf_forget();
    mgm_calls_shutdown();
}
