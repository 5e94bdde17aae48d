/*
 * gate.c - calls into clients and the wait for them at deregistration
 * (gate.h).
 */
#include "gate.h"

static rtm_mutex idle_lock = RTM_MUTEX_INIT;   /* alone: guards nothing but */
static rtm_cond idle_cond = RTM_COND_INIT;     /* the wait for closed gates */
static rtm_atomic32 stopped;
static _Thread_local struct mgm_gate_frame *frames; /* the calls this thread is in */

void mgm_gate_init(struct mgm_gate *gate)
{
    rtm_atomic32_store(&gate->inside, 0);
    rtm_atomic32_store(&gate->open, 1);
}

int mgm_gate_is_open(struct mgm_gate *gate)
{
    return rtm_atomic32_load(&gate->open) != 0;
}

int mgm_gate_enter(struct mgm_gate *gate, struct mgm_gate_frame *frame)
{
    rtm_atomic32_add(&gate->inside, 1);
    frame->gate = gate;
    frame->outer = frames;
    frames = frame;
    return rtm_atomic32_load(&gate->open) && !rtm_atomic32_load(&stopped);
}

void mgm_gate_leave(struct mgm_gate_frame *frame)
{
    struct mgm_gate *gate = frame->gate;

    frames = frame->outer;
    rtm_atomic32_add(&gate->inside, -1);
    if (!rtm_atomic32_load(&gate->open)) {
        rtm_mutex_lock(&idle_lock);
        rtm_cond_broadcast(&idle_cond);
        rtm_mutex_unlock(&idle_lock);
    }
}

void mgm_gate_close(struct mgm_gate *gate)
{
    rtm_atomic32_store(&gate->open, 0);
}

void mgm_gate_wait(struct mgm_gate *gate)
{
    int32_t own = 0;

    for (struct mgm_gate_frame *f = frames; f; f = f->outer)
        own += f->gate == gate;
    rtm_mutex_lock(&idle_lock);
    while (rtm_atomic32_load(&gate->inside) > own)
        rtm_cond_wait(&idle_cond, &idle_lock);
    rtm_mutex_unlock(&idle_lock);
}

void mgm_gates_stop(void)
{
    rtm_atomic32_store(&stopped, 1);
}
