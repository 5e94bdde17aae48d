/*
 * call.c - the callbacks the MGM makes, and their delivery (call.h).
 *
 * The queue is a list under the queue lock; `delivering` says a work item
 * has been submitted and has not finished: it delivers the queue until it
 * finds it empty, and the next post submits it again. Each call is made
 * through its target's gate; the protocol's or forwarder's reference the
 * call holds keeps the target's memory until the call is freed.
 */
#include <string.h>

#include "call.h"
#include "base/debug.h"
#include "forwarder.h"

static rtm_mutex queue_lock = RTM_MUTEX_INIT;  /* guards the five below */
static struct mgm_call *queue_head, **queue_tail = &queue_head;
static int delivering;                         /* the work item is submitted */
static struct rtm_work work;
static int work_ready;                         /* work is initialised */

static struct mgm_call *new_call(struct mgm_calls *calls, enum mgm_call_kind kind, DWORD source,
                                 DWORD group, DWORD data_size)
{
    struct mgm_call *call = rtm_calloc(1, sizeof *call);

    if (!call)
        return NULL;
    if (data_size) {
        call->data = rtm_calloc(1, data_size);
        if (!call->data) {
            rtm_free(call);
            return NULL;
        }
        call->size = data_size;
    }
    call->kind = kind;
    call->source = source;
    call->source_mask = source ? 0xFFFFFFFFu : 0;
    call->group = group;
    call->group_mask = group ? 0xFFFFFFFFu : 0;
    mgm_calls_add(calls, call);
    return call;
}

struct mgm_call *mgm_call_to_protocol(struct mgm_calls *calls, enum mgm_call_kind kind,
                                      struct mgm_protocol *p, DWORD source, DWORD group,
                                      DWORD index, DWORD nexthop, DWORD data_size)
{
    struct mgm_call *call = new_call(calls, kind, source, group, data_size);

    if (call) {
        call->protocol = p;
        rtm_object_ref(&p->obj);
        call->index = index;
        call->nexthop = nexthop;
    }
    return call;
}

struct mgm_call *mgm_call_to_forwarder(struct mgm_calls *calls, enum mgm_call_kind kind,
                                       struct mgm_forwarder *f, DWORD source, DWORD group,
                                       DWORD data_size)
{
    struct mgm_call *call = new_call(calls, kind, source, group, data_size);

    if (call) {
        call->forwarder = f;
        rtm_object_ref(&f->obj);
    }
    return call;
}

void mgm_calls_add(struct mgm_calls *calls, struct mgm_call *call)
{
    call->next = NULL;
    *calls->tail = call;
    calls->tail = &call->next;
}

static void free_call(struct mgm_call *call)
{
    if (call->protocol)
        rtm_object_unref(&call->protocol->obj);
    if (call->forwarder)
        rtm_object_unref(&call->forwarder->obj);
    if (call->release) {
        call->release(call);
    } else {
        rtm_free(call->data);
        rtm_free(call);
    }
}

void mgm_calls_discard(struct mgm_calls *calls)
{
    while (calls->head) {
        struct mgm_call *next = calls->head->next;
        free_call(calls->head);
        calls->head = next;
    }
    mgm_calls_init(calls);
}

/* Makes a protocol's callback, when it has one. */
static void call_protocol(struct mgm_call *c)
{
    const ROUTING_PROTOCOL_CONFIG *cb = &c->protocol->config;

    switch (c->kind) {
    case MGM_CALL_JOIN_ALERT:
        if (cb->pfnJoinAlertCallback)
            cb->pfnJoinAlertCallback(c->source, c->source_mask, c->group, c->group_mask,
                                     c->member);
        break;
    case MGM_CALL_PRUNE_ALERT:
        if (cb->pfnPruneAlertCallback) {
            cb->pfnPruneAlertCallback(c->source, c->source_mask, c->group, c->group_mask,
                                      c->index, c->nexthop, c->member, &c->timeout);
            if (c->answered)
                c->answered(c);
        }
        break;
    case MGM_CALL_LOCAL_JOIN:
        if (cb->pfnLocalJoinCallback)
            cb->pfnLocalJoinCallback(c->source, c->source_mask, c->group, c->group_mask,
                                     c->index, c->nexthop);
        break;
    case MGM_CALL_LOCAL_LEAVE:
        if (cb->pfnLocalLeaveCallback)
            cb->pfnLocalLeaveCallback(c->source, c->source_mask, c->group, c->group_mask,
                                      c->index, c->nexthop);
        break;
    case MGM_CALL_WRONG_IF:
        if (cb->pfnWrongIfCallback)
            cb->pfnWrongIfCallback(c->source, c->group, c->index, c->nexthop, c->size, c->data);
        break;
    case MGM_CALL_DISABLE_IGMP:
        if (cb->pfnDisableIgmpCallback)
            cb->pfnDisableIgmpCallback(c->index, c->nexthop);
        break;
    case MGM_CALL_ENABLE_IGMP:
        if (cb->pfnEnableIgmpCallback)
            cb->pfnEnableIgmpCallback(c->index, c->nexthop);
        break;
    default:
        break;
    }
}

/* Makes a forwarder's callback, when it has one. */
static void call_forwarder(struct mgm_call *c)
{
    const RTM_MGM_FORWARDER_CONFIG *cb = &c->forwarder->config;

    switch (c->kind) {
    case MGM_CALL_INSTALL_MFE:
        if (cb->pfnInstallMfe)
            cb->pfnInstallMfe(cb->Context, c->data);
        break;
    case MGM_CALL_UPDATE_MFE:
        if (cb->pfnUpdateMfe)
            cb->pfnUpdateMfe(cb->Context, c->data);
        break;
    case MGM_CALL_REMOVE_MFE:
        if (cb->pfnRemoveMfe)
            cb->pfnRemoveMfe(cb->Context, c->source, c->group);
        break;
    default:
        break;
    }
}

/* Makes one call through its target's gate. */
static void deliver(struct mgm_call *c)
{
    struct mgm_gate *gate = c->protocol ? &c->protocol->gate : &c->forwarder->gate;
    struct mgm_gate_frame frame;

    if (mgm_gate_enter(gate, &frame)) {
        if (c->protocol)
            call_protocol(c);
        else
            call_forwarder(c);
    }
    mgm_gate_leave(&frame);
}

static void delivery_work(void *context)
{
    (void)context;
    for (;;) {
        struct mgm_call *c;

        rtm_mutex_lock(&queue_lock);
        c = queue_head;
        if (c) {
            queue_head = c->next;
            if (!queue_head)
                queue_tail = &queue_head;
        } else {
            delivering = 0;
        }
        rtm_mutex_unlock(&queue_lock);
        if (!c)
            break;
        deliver(c);
        free_call(c);
    }
}

DWORD mgm_calls_ready(void)
{
    DWORD status = NO_ERROR;

    rtm_mutex_lock(&queue_lock);
    if (!work_ready) {
        if (rtm_work_init(&work, delivery_work, NULL) == 0)
            work_ready = 1;
        else
            status = ERROR_NOT_ENOUGH_MEMORY;
    }
    rtm_mutex_unlock(&queue_lock);
    return status;
}

void mgm_calls_post(struct mgm_calls *calls)
{
    if (!calls->head)
        return;
    rtm_mutex_lock(&queue_lock);
    *queue_tail = calls->head;
    queue_tail = calls->tail;
    if (!delivering) {
        delivering = 1;
        rtm_work_submit(&work);
    }
    rtm_mutex_unlock(&queue_lock);
    mgm_calls_init(calls);
}

void mgm_calls_shutdown(void)
{
    if (work_ready)
        rtm_work_destroy(&work);
    work_ready = 0;
    delivering = 0;
}
