/*
 * gate.h - the door through which the MGM calls a client: a registered
 * protocol's callbacks or the forwarder's.
 *
 * Every call into a client passes its gate: mgm_gate_enter counts the call
 * and says whether the client may still be called (it is registered and
 * the library is not unloading); mgm_gate_leave ends it. Deregistration
 * closes the gate (mgm_gate_close): no call starts afterwards; then it
 * waits (mgm_gate_wait) until the calls in progress have returned, except
 * those the waiting thread is itself inside (a client that deregisters
 * from one of its own callbacks). Each thread keeps the gates it is inside
 * on a list of frames on its stack, so nested calls are counted right.
 *
 * The wait uses a mutex and a condition variable of this module, taken
 * alone (never under another lock).
 */
#ifndef RTM_MGM_GATE_H
#define RTM_MGM_GATE_H

#include "base/platform.h"

struct mgm_gate {
    rtm_atomic32 open;    /* 1 from mgm_gate_init until mgm_gate_close */
    rtm_atomic32 inside;  /* calls in progress */
};

/* A call in progress, on the calling thread's stack. */
struct mgm_gate_frame {
    struct mgm_gate *gate;
    struct mgm_gate_frame *outer;
};

/* Opens a gate. */
void mgm_gate_init(struct mgm_gate *gate);

/* Nonzero while the gate is open (the client registered). */
int mgm_gate_is_open(struct mgm_gate *gate);

/* Starts a call through the gate (frame: the caller's, until
 * mgm_gate_leave). Returns nonzero when the client may be called; either
 * way, mgm_gate_leave must follow. No lock may be held. */
int mgm_gate_enter(struct mgm_gate *gate, struct mgm_gate_frame *frame);

/* Ends the call started with frame. */
void mgm_gate_leave(struct mgm_gate_frame *frame);

/* Closes the gate: no call starts afterwards (any lock may be held). */
void mgm_gate_close(struct mgm_gate *gate);

/* Waits for the calls in progress through a closed gate, but for those the
 * calling thread is inside. No lock may be held. */
void mgm_gate_wait(struct mgm_gate *gate);

/* Makes every later mgm_gate_enter refuse (library unload). */
void mgm_gates_stop(void);

#endif /* RTM_MGM_GATE_H */
