/*
 * debug_objects.h - what RTM_DEBUG's lines say about RTMv2's objects
 * (base/debug.h has the channels, the output and the ledger): the trace
 * hooks of the "locks" and "notify" channels and of the entity's leak
 * report, and the text of prefixes and entity information. The names and
 * descriptions of the objects themselves: debug_describe.h.
 */
#ifndef RTM_RTMV2_DEBUG_OBJECTS_H
#define RTM_RTMV2_DEBUG_OBJECTS_H

#include "rtmv2.h"
#include "base/debug.h"

/* A client lock (locked nonzero) or unlock of obj - a destination, a route
 * (its destination's lock) or a next hop; NULL: none, nothing is written -
 * with its result. */
#define RTM_DEBUG_LOCK(obj, exclusive, locked, status)                                       \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_LOCKS))                                                 \
            rtm_debug_lock((obj), (exclusive), (locked), (status));                        \
    } while (0)

/* A change of dest put in the queue of the registration notify of owner
 * (queued: it was not in the queue yet; posted: the event was sent). */
#define RTM_DEBUG_CHANGE_QUEUED(notify, owner, dest, queued, posted)                         \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_NOTIFY))                                                \
            rtm_debug_change_queued((notify), (owner), (dest), (queued), (posted));        \
    } while (0)

/* An event callback of entity target returned result. */
#define RTM_DEBUG_EVENT(target, type, context1, context2, result)                            \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_NOTIFY))                                                \
            rtm_debug_event((target), (type), (context1), (context2), (result));           \
    } while (0)

/* The leak report of an entity (struct rtm_entity *) at the end of its
 * deregistration. */
#define RTM_DEBUG_LEAK_REPORT(entity)                                                        \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_LEAKS))                                                 \
            rtm_debug_leak_report(&(entity)->obj, "deregistered");                         \
    } while (0)

/* The hooks behind the macros above; call them only through the macros. */
void rtm_debug_lock(const struct rtm_object *obj, int exclusive, int locked, DWORD status);
void rtm_debug_change_queued(const struct rtm_object *notify, const struct rtm_object *owner,
                             const struct rtm_object *dest, int queued, int posted);
void rtm_debug_event(const struct rtm_object *target, RTM_EVENT_TYPE type, void *context1,
                     void *context2, DWORD result);

/* Text for the "api" lines: a prefix ("10.1.0.0/16"), an RTM_ENTITY_INFO
 * ("instance 0, family 2, protocol 8.1"); in rtm_debug_text() buffers. */
const char *rtm_debug_addr(const RTM_NET_ADDRESS *addr);
const char *rtm_debug_entity_info(const RTM_ENTITY_INFO *info);

#endif /* RTM_RTMV2_DEBUG_OBJECTS_H */
