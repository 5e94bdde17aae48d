/*
 * state.h - the Multicast Group Manager's process-wide state, and its lock.
 *
 * One MGM per process, as on Windows: the registered protocols, the
 * interfaces they own, the group memberships on those interfaces, the
 * multicast forwarding entries (MFEs) and the forwarder. Everything here
 * starts empty (static initialisation: the MGM needs no start, see
 * MgmInitialize in init.c) and is freed by MgmDeInitialize or at unload.
 *
 * Locks, in the order they are taken (never the other way round):
 *   1. mgm.lock      everything in struct mgm_state and in the objects it
 *                    holds (protocols' lists and counts, interfaces,
 *                    memberships, MFEs, enumerations' positions); shared
 *                    for reads, exclusive for changes
 *   2. the queue lock   the callbacks waiting for delivery (call.c)
 *   3. the timer lock   base/timer.c (the MFE expiry timer)
 *   4. the debug locks  base/debug.h
 * Taken alone: the RTMv2 lock of rpf.c (around MGM's own RTMv2
 * registration; RTMv2 is called under it, and RTMv2 never calls the MGM)
 * and the lock of the gates' wait (gate.c). No lock of the MGM is held
 * while a client's callback runs, nor while RTMv2 is called under lock 1
 * (route look-ups are made before it is taken), so callbacks may call the
 * MGM and RTMv2.
 */
#ifndef RTM_MGM_STATE_H
#define RTM_MGM_STATE_H

#include "keymap.h"

struct mgm_protocol;
struct mgm_forwarder;

struct mgm_state {
    rtm_rwlock lock;
    struct mgm_protocol *protocols;  /* registered, newest first */
    struct mgm_keymap interfaces;    /* (index, next hop) -> struct mgm_interface */
    struct mgm_keymap groups;        /* (group key, source key) -> struct mgm_group */
    struct mgm_keymap mfes;          /* (group key, source key) -> struct mgm_mfe */
    struct mgm_forwarder *forwarder; /* registered, or NULL */
    uint64_t mfe_serial;             /* the last MFE's serial number */
};

extern struct mgm_state mgm;

static inline void mgm_lock(void)
{
    rtm_rwlock_lock_exclusive(&mgm.lock);
}

static inline void mgm_unlock(void)
{
    rtm_rwlock_unlock_exclusive(&mgm.lock);
}

static inline void mgm_lock_shared(void)
{
    rtm_rwlock_lock_shared(&mgm.lock);
}

static inline void mgm_unlock_shared(void)
{
    rtm_rwlock_unlock_shared(&mgm.lock);
}

/* Nonzero when no protocol and no forwarder is registered (lock held). */
int mgm_unused(void);

/* After a protocol or the forwarder deregistered (no lock held): when the
 * MGM is unused, ends its RTMv2 registration (rpf.h). */
void mgm_after_deregistration(void);

/* Frees everything the MGM keeps (library unload: its handle objects are
 * destroyed already, so no reference is dropped; nothing runs any more). */
void mgm_state_shutdown(void);

#endif /* RTM_MGM_STATE_H */
