/*
 * event.c - event delivery to entities and entity (de)registration events
 * (see event.h).
 *
 * An event about an entity passes the subject's handle as Context1 (no
 * client reference: the handle stays valid during the callback because the
 * event holds an internal reference on the subject) and a pointer to its
 * RTM_ENTITY_INFO as Context2, as the sample in
 * spec/rras/use-the-event-notification-callback.md expects.
 */
#include "event.h"
#include "debug_objects.h"

struct rtm_entity_event {
    struct rtm_work work;
    struct rtm_entity *target;      /* internal reference */
    struct rtm_entity *subject;     /* internal reference */
    RTM_EVENT_TYPE type;
    struct rtm_entity_event *next;
};

static rtm_mutex idle_lock = RTM_MUTEX_INIT;   /* alone: guards nothing but */
static rtm_cond idle_cond = RTM_COND_INIT;     /* the wait for idle entities */
static rtm_atomic32 stopped;

DWORD rtm_event_deliver(struct rtm_entity *target, RTM_EVENT_TYPE type, void *context1,
                        void *context2, int *delivered)
{
    DWORD result = ERROR_NOT_SUPPORTED;

    *delivered = 0;
    rtm_atomic32_add(&target->callbacks_running, 1);
    if (target->callback && rtm_atomic32_load(&target->registered) &&
        !rtm_atomic32_load(&stopped)) {
        struct rtm_entity *outer = rtm_entity_in_callback();
        rtm_entity_set_in_callback(target);
        result = target->callback(rtm_object_handle(&target->obj), type, context1, context2);
        RTM_DEBUG_EVENT(&target->obj, type, context1, context2, result);
        rtm_entity_set_in_callback(outer);
        *delivered = 1;
    }
    rtm_atomic32_add(&target->callbacks_running, -1);
    if (!rtm_atomic32_load(&target->registered)) {
        rtm_mutex_lock(&idle_lock);
        rtm_cond_broadcast(&idle_cond);
        rtm_mutex_unlock(&idle_lock);
    }
    return result;
}

void rtm_event_wait_idle(struct rtm_entity *entity)
{
    int32_t own = rtm_entity_in_callback() == entity ? 1 : 0;

    rtm_mutex_lock(&idle_lock);
    while (rtm_atomic32_load(&entity->callbacks_running) > own)
        rtm_cond_wait(&idle_cond, &idle_lock);
    rtm_mutex_unlock(&idle_lock);
}

static void event_free(struct rtm_entity_event *event)
{
    rtm_work_destroy(&event->work);
    rtm_object_unref(&event->target->obj);
    rtm_object_unref(&event->subject->obj);
    rtm_free(event);
}

static void event_work(void *context)
{
    struct rtm_entity_event *event = context;
    int delivered;

    rtm_event_deliver(event->target, event->type, rtm_object_handle(&event->subject->obj),
                      &event->subject->info, &delivered);
    event_free(event);
}

DWORD rtm_entity_events_prepare(struct rtm_entity *subject, RTM_EVENT_TYPE type,
                                struct rtm_entity_event **events)
{
    *events = NULL;
    for (struct rtm_entity *e = subject->table->entities; e; e = e->next) {
        struct rtm_entity_event *event;
        if (e == subject || !e->callback)
            continue;
        event = rtm_calloc(1, sizeof *event);
        if (!event || rtm_work_init(&event->work, event_work, event) != 0) {
            rtm_free(event);
            rtm_entity_events_discard(*events);
            *events = NULL;
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        event->target = e;
        event->subject = subject;
        event->type = type;
        rtm_object_ref(&e->obj);
        rtm_object_ref(&subject->obj);
        event->next = *events;
        *events = event;
    }
    return NO_ERROR;
}

void rtm_entity_events_post(struct rtm_entity_event *events)
{
    while (events) {
        struct rtm_entity_event *next = events->next;
        rtm_work_submit(&events->work);
        events = next;
    }
}

void rtm_entity_events_discard(struct rtm_entity_event *events)
{
    while (events) {
        struct rtm_entity_event *next = events->next;
        event_free(events);
        events = next;
    }
}

void rtm_events_stop(void)
{
    rtm_atomic32_store(&stopped, 1);
}
