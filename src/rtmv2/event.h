/*
 * event.h - delivering RTM_EVENT_CALLBACK events to entities
 * (spec/rtmv2/nc-rtmv2-_event_callback.md).
 *
 * Events run on worker threads (base/platform.h), never under an internal lock,
 * so a callback may call the API. Each entity counts the callbacks it is in;
 * RtmDeregisterEntity marks the entity deregistered (no callback of it
 * starts afterwards) and then waits until that count falls to zero, or to
 * one when it is called from inside one of the entity's own callbacks.
 */
#ifndef RTM_EVENT_H
#define RTM_EVENT_H

#include "entity.h"

/*
 * Calls target's event callback on the calling thread with
 * (target's handle, type, context1, context2), unless target has no
 * callback, is deregistered, or the library is unloading. Returns the
 * callback's result, and sets *delivered to 1 when it was called (0
 * otherwise: the result is then ERROR_NOT_SUPPORTED). The caller holds a
 * reference on target and no lock.
 */
DWORD rtm_event_deliver(struct rtm_entity *target, RTM_EVENT_TYPE type, void *context1,
                        void *context2, int *delivered);

/* Waits until no callback of entity (deregistered) is running, except the
 * one the calling thread may be in. */
void rtm_event_wait_idle(struct rtm_entity *entity);

/* Events about an entity (RTM_ENTITY_REGISTERED / DEREGISTERED), prepared
 * for every other entity of its table before the change is made. */
struct rtm_entity_event;

/*
 * Prepares one event of the given type about subject for each entity of
 * the table that has a callback, other than subject (table lock held).
 * Returns NO_ERROR with the list in *events (NULL when nobody listens), or
 * ERROR_NOT_ENOUGH_MEMORY with nothing prepared.
 */
DWORD rtm_entity_events_prepare(struct rtm_entity *subject, RTM_EVENT_TYPE type,
                                struct rtm_entity_event **events);

/* Queues prepared events for delivery (no lock held). */
void rtm_entity_events_post(struct rtm_entity_event *events);

/* Frees prepared events that will not be posted. */
void rtm_entity_events_discard(struct rtm_entity_event *events);

/* Makes every later delivery a no-op (library unload). */
void rtm_events_stop(void);

#endif /* RTM_EVENT_H */
