/*
 * notify.c - change notification (see notify.h):
 * RtmRegisterForChangeNotification, RtmGetChangedDests,
 * RtmReleaseChangedDests, RtmIgnoreChangedDests, RtmGetChangeStatus,
 * RtmMarkDestForChangeNotification, RtmIsMarkedForChangeNotification,
 * RtmDeregisterFromChangeNotification.
 *
 * Per destination and registration two bits are kept (dest.h): queued (in
 * the ring) and pending (a change to report; RtmIgnoreChangedDests clears
 * it and leaves the entry, which is then skipped). A destination is in a
 * ring at most once, so a ring never holds more entries than there are
 * destinations in the table plus entries it already holds, which is the room
 * rtm_notify_reserve keeps.
 */
#include <string.h>

#include "notify.h"
#include "debug_objects.h"
#include "event.h"

#define NOTIFY_CHANGE_TYPES (RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING)

static void notify_free(struct rtm_object *obj)
{
    struct rtm_notify *n = (struct rtm_notify *)obj;

    rtm_object_unref(&n->owner->obj);
    rtm_notify_destroy(obj);
}

void rtm_notify_destroy(struct rtm_object *obj)
{
    struct rtm_notify *n = (struct rtm_notify *)obj;

    rtm_work_destroy(&n->work);
    rtm_mutex_destroy(&n->lock);
    rtm_free(n->queue);
    rtm_free(n);
}

/* Grows the ring to hold at least need entries (registration lock held). */
static DWORD ring_reserve(struct rtm_notify *n, size_t need)
{
    struct rtm_dest **queue;
    size_t capacity;

    if (n->capacity >= need)
        return NO_ERROR;
    capacity = n->capacity * 2 > need ? n->capacity * 2 : need;
    if (capacity < 16)
        capacity = 16;
    queue = rtm_calloc(capacity, sizeof *queue);
    if (!queue)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; i < n->count; i++)
        queue[i] = n->queue[(n->head + i) % n->capacity];
    rtm_free(n->queue);
    n->queue = queue;
    n->capacity = capacity;
    n->head = 0;
    return NO_ERROR;
}

DWORD rtm_notify_reserve(struct rtm_table *table)
{
    DWORD status = NO_ERROR;

    for (struct rtm_notify *n = table->notifications; n && status == NO_ERROR; n = n->next) {
        rtm_mutex_lock(&n->lock);
        status = ring_reserve(n, table->dest_count + n->count + 1);
        rtm_mutex_unlock(&n->lock);
    }
    return status;
}

/* The event work item: tells the owner that changes are pending. */
static void notify_event(void *context)
{
    struct rtm_notify *n = context;
    int pending, delivered;

    rtm_mutex_lock(&n->lock);
    n->event_queued = 0;
    pending = n->count > 0;
    rtm_mutex_unlock(&n->lock);
    if (pending && rtm_atomic32_load(&n->owner->registered))
        rtm_event_deliver(n->owner, RTM_CHANGE_NOTIFICATION, rtm_object_handle(&n->obj),
                          n->context, &delivered);
    rtm_object_unref(&n->obj);
}

/* Puts dest in the registration's queue and sends the event if it is the
 * first change since the client last drained the queue. */
static void enqueue(struct rtm_notify *n, struct rtm_dest *dest)
{
    int post = 0, queued = 0;

    rtm_mutex_lock(&n->lock);
    rtm_atomic32_or(&dest->notify_pending, (int32_t)n->bit);
    if (!(rtm_atomic32_or(&dest->notify_queued, (int32_t)n->bit) & (int32_t)n->bit)) {
        rtm_object_ref(&dest->obj);
        n->queue[(n->head + n->count) % n->capacity] = dest;
        n->count++;
        queued = 1;
    }
    if (!n->signalled) {
        n->signalled = 1;
        if (!n->event_queued) {
            n->event_queued = 1;
            post = 1;
            rtm_object_ref(&n->obj);
        }
    }
    rtm_mutex_unlock(&n->lock);
    RTM_DEBUG_CHANGE_QUEUED(&n->obj, &n->owner->obj, &dest->obj, queued, post);
    if (post)
        rtm_work_submit(&n->work);
}

void rtm_notify_changes(struct rtm_dest *dest, const struct rtm_change *change)
{
    struct rtm_table *table = dest->table;

    if (!rtm_atomic32_load(&table->notify_count) ||
        !(change->all | change->best | change->forwarding))
        return;
    rtm_striped_lock_shared(&table->lock);
    for (struct rtm_notify *n = table->notifications; n; n = n->next) {
        RTM_VIEW_SET views = 0;
        if (n->flags & RTM_CHANGE_TYPE_ALL)
            views |= change->all;
        if (n->flags & RTM_CHANGE_TYPE_BEST)
            views |= change->best;
        if (n->flags & RTM_CHANGE_TYPE_FORWARDING)
            views |= change->forwarding;
        if (!(views & n->views))
            continue;
        if ((n->flags & RTM_NOTIFY_ONLY_MARKED_DESTS) &&
            !(rtm_atomic32_load(&dest->notify_marked) & (int32_t)n->bit))
            continue;
        enqueue(n, dest);
    }
    rtm_striped_unlock_shared(&table->lock);
}

/* Takes the next destination with a change to report out of the queue, with
 * its queue reference, or returns NULL when the queue is empty (the next
 * change then sends a new event). */
static struct rtm_dest *dequeue(struct rtm_notify *n)
{
    struct rtm_dest *dest = NULL;

    rtm_mutex_lock(&n->lock);
    while (!dest && n->count) {
        dest = n->queue[n->head];
        n->head = (n->head + 1) % n->capacity;
        n->count--;
        rtm_atomic32_and(&dest->notify_queued, ~(int32_t)n->bit);
        if (!(rtm_atomic32_and(&dest->notify_pending, ~(int32_t)n->bit) & (int32_t)n->bit)) {
            rtm_object_unref(&dest->obj); /* its change was ignored */
            dest = NULL;
        }
    }
    if (!n->count)
        n->signalled = 0;
    rtm_mutex_unlock(&n->lock);
    return dest;
}

/* Empties the queue and clears the registration's bits (it has ended). */
static void clear_dest_marks(struct rtm_dest *dest, void *context)
{
    rtm_atomic32_and(&dest->notify_marked, ~(int32_t)((struct rtm_notify *)context)->bit);
}

/* Ends a registration: no change is recorded for it afterwards. Returns
 * ERROR_INVALID_HANDLE when it had already ended. */
static DWORD notify_end(struct rtm_notify *n)
{
    struct rtm_table *table = n->owner->table;
    int active;

    rtm_striped_lock_exclusive(&table->lock);
    active = n->active;
    if (active) {
        struct rtm_notify **p;
        for (p = &table->notifications; *p != n; p = &(*p)->next)
            ;
        *p = n->next;
        n->active = 0;
        rtm_atomic32_add(&table->notify_count, -1);
    }
    rtm_striped_unlock_exclusive(&table->lock);
    if (!active)
        return ERROR_INVALID_HANDLE;

    rtm_mutex_lock(&n->lock);
    while (n->count) {
        struct rtm_dest *dest = n->queue[n->head];
        n->head = (n->head + 1) % n->capacity;
        n->count--;
        rtm_atomic32_and(&dest->notify_queued, ~(int32_t)n->bit);
        rtm_atomic32_and(&dest->notify_pending, ~(int32_t)n->bit);
        rtm_object_unref(&dest->obj);
    }
    rtm_mutex_unlock(&n->lock);
    if (rtm_atomic32_load(&n->marked_any))
        rtm_dests_walk(table, clear_dest_marks, n);

    rtm_striped_lock_exclusive(&table->lock);
    table->notify_slots &= ~n->bit;
    rtm_striped_unlock_exclusive(&table->lock);
    rtm_object_unref(&n->obj); /* the registration's reference */
    return NO_ERROR;
}

void rtm_notify_deregister_owned(struct rtm_entity *entity)
{
    struct rtm_table *table = entity->table;

    for (;;) {
        struct rtm_notify *n;
        rtm_striped_lock_shared(&table->lock);
        for (n = table->notifications; n && n->owner != entity; n = n->next)
            ;
        if (n)
            rtm_object_ref(&n->obj);
        rtm_striped_unlock_shared(&table->lock);
        if (!n)
            break;
        notify_end(n);
        rtm_object_unref(&n->obj);
    }
}

/* The registration NotifyHandle of the caller me, with an internal
 * reference, or NULL when it is not one of me's live registrations (an
 * ended registration stays allocated while an event or a call in flight
 * references it, but its handle is no longer valid). Takes the table lock
 * shared. */
static struct rtm_notify *notify_get(struct rtm_entity *me, RTM_NOTIFY_HANDLE handle)
{
    struct rtm_notify *n = (struct rtm_notify *)rtm_handle_lookup(handle, RTM_OBJ_NOTIFY);
    int active = 0;

    if (n && n->owner == me) {
        rtm_striped_lock_shared(&me->table->lock);
        active = n->active;
        rtm_striped_unlock_shared(&me->table->lock);
    }
    if (n && !active) {
        rtm_object_unref(&n->obj);
        n = NULL;
    }
    return n;
}

/* The common prologue of the functions on a registration: validates the
 * registration and notification handles, referencing both. */
static DWORD call_begin(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, struct rtm_entity **me,
                        struct rtm_notify **n)
{
    *n = NULL;
    *me = rtm_entity_get(reg);
    if (!*me)
        return ERROR_INVALID_HANDLE;
    *n = notify_get(*me, notify);
    return *n ? NO_ERROR : ERROR_INVALID_HANDLE;
}

/* Drops what call_begin referenced (either may be NULL). */
static void call_end(struct rtm_entity *me, struct rtm_notify *n)
{
    if (n)
        rtm_object_unref(&n->obj);
    if (me)
        rtm_entity_put(me);
}

/**
 * RtmRegisterForChangeNotification - registers the caller for notification
 * of changes in its table
 * (spec/rtmv2/nf-rtmv2-rtmregisterforchangenotification.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @TargetViews [in]   the views to watch (unicast and/or multicast).
 * @NotifyFlags [in]   one or more of RTM_CHANGE_TYPE_ALL (any change of a
 *                     destination's routes), RTM_CHANGE_TYPE_BEST (the best
 *                     route changed, or its preference, metric, flags or
 *                     next hops), RTM_CHANGE_TYPE_FORWARDING (the same but
 *                     for flags outside RTM_ROUTE_FLAGS_FORWARDING), plus
 *                     optionally RTM_NOTIFY_ONLY_MARKED_DESTS (only
 *                     destinations marked with
 *                     RtmMarkDestForChangeNotification).
 * @NotifyContext [in] passed as Context2 of the RTM_CHANGE_NOTIFICATION
 *                     events, whose Context1 is the notification handle.
 * @NotifyHandle [out] receives the notification handle (released by
 *                     RtmDeregisterFromChangeNotification).
 *
 * When a watched change happens, the destination is queued for
 * RtmGetChangedDests, and the caller's event callback (if any) receives
 * RTM_CHANGE_NOTIFICATION on a worker thread — once, until the client has
 * read every queued change (RtmGetChangedDests returned
 * ERROR_NO_MORE_ITEMS); the next change then sends a new event.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when NotifyHandle is NULL, NotifyFlags names no
 * change type or unknown flags, or TargetViews is empty; ERROR_NOT_SUPPORTED
 * when TargetViews names views other than unicast and multicast;
 * ERROR_NO_SYSTEM_RESOURCES when the table already has
 * RTM_MAX_NOTIFICATIONS (32) registrations; ERROR_NOT_ENOUGH_MEMORY.
 * Takes the table lock exclusively.
 */
DWORD WINAPI RtmRegisterForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_VIEW_SET TargetViews,
                                              RTM_NOTIFY_FLAGS NotifyFlags, PVOID NotifyContext,
                                              PRTM_NOTIFY_HANDLE NotifyHandle)
{
    RTM_DEBUG_API_ENTRY(RtmRegisterForChangeNotification, RtmRegHandle,
                        (RtmRegHandle, TargetViews, NotifyFlags, NotifyContext, NotifyHandle),
                        "views %#x, flags %#x, context %#llx", RTM_DEBUG_U(TargetViews),
                        RTM_DEBUG_U(NotifyFlags), RTM_DEBUG_H(NotifyContext));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_table *table;
    struct rtm_notify *n;
    DWORD status = NO_ERROR;
    int slot = -1;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!NotifyHandle || !(NotifyFlags & NOTIFY_CHANGE_TYPES) ||
        (NotifyFlags & ~(NOTIFY_CHANGE_TYPES | RTM_NOTIFY_ONLY_MARKED_DESTS)) || !TargetViews)
        status = ERROR_INVALID_PARAMETER;
    else if (TargetViews & ~RTM_SUPPORTED_VIEWS)
        status = ERROR_NOT_SUPPORTED;
    n = status == NO_ERROR ? rtm_calloc(1, sizeof *n) : NULL;
    if (status == NO_ERROR && (!n || rtm_work_init(&n->work, notify_event, n) != 0)) {
        rtm_free(n);
        status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (status != NO_ERROR) {
        rtm_entity_put(me);
        return status;
    }
    n->owner = me;
    n->views = TargetViews;
    n->flags = NotifyFlags;
    n->context = NotifyContext;
    rtm_mutex_init(&n->lock);
    rtm_object_ref(&me->obj);
    if (rtm_object_init(&n->obj, RTM_OBJ_NOTIFY, notify_free) != RTM_HANDLE_OK) {
        notify_free(&n->obj);
        rtm_entity_put(me);
        return ERROR_NOT_ENOUGH_MEMORY;
    }

    table = me->table;
    rtm_striped_lock_exclusive(&table->lock);
    for (int i = 0; i < RTM_MAX_NOTIFICATIONS && slot < 0; i++)
        if (!(table->notify_slots & (1u << i)))
            slot = i;
    if (slot < 0)
        status = ERROR_NO_SYSTEM_RESOURCES;
    else
        status = ring_reserve(n, table->dest_count + 1);
    if (status == NO_ERROR) {
        n->bit = 1u << slot;
        table->notify_slots |= n->bit;
        n->active = 1;
        n->next = table->notifications;
        table->notifications = n;
        rtm_atomic32_add(&table->notify_count, 1);
    }
    rtm_striped_unlock_exclusive(&table->lock);

    if (status == NO_ERROR)
        *NotifyHandle = rtm_object_handle(&n->obj);
    else
        rtm_object_unref(&n->obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmDeregisterFromChangeNotification - ends a change notification
 * registration (spec/rtmv2/nf-rtmv2-rtmderegisterfromchangenotification.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NotifyHandle [in] one of the caller's notification handles; it is
 *                    invalid afterwards.
 *
 * Changes still queued are dropped and the marks of destinations cleared.
 * An RTM_CHANGE_NOTIFICATION event already queued is not delivered.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or a
 * notification handle that is not one of the caller's live registrations.
 */
DWORD WINAPI RtmDeregisterFromChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                                 RTM_NOTIFY_HANDLE NotifyHandle)
{
    RTM_DEBUG_API_ENTRY(RtmDeregisterFromChangeNotification, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle),
                        "notification %#llx", RTM_DEBUG_H(NotifyHandle));
    struct rtm_entity *me;
    struct rtm_notify *n;
    DWORD status = call_begin(RtmRegHandle, NotifyHandle, &me, &n);

    if (status == NO_ERROR)
        status = notify_end(n);
    call_end(me, n);
    return status;
}

/**
 * RtmGetChangedDests - returns destinations that changed since they were
 * last returned (spec/rtmv2/nf-rtmv2-rtmgetchangeddests.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @NotifyHandle [in]  one of the caller's notification handles.
 * @NumDests [in, out] in: how many RTM_DEST_INFO the buffer holds; out: how
 *                     many were filled.
 * @ChangedDests [out] an array of RTM_DEST_INFO, each of
 *                     RTM_SIZE_OF_DEST_INFO(RegnProfile.NumberOfViews)
 *                     bytes: every entry describes all the supported views
 *                     (unicast, then multicast) with the best routes of any
 *                     protocol, as the destination is now; its handles hold
 *                     client references: release them with
 *                     RtmReleaseChangedDests.
 *
 * Destinations come in the order they first changed; a destination that
 * changed several times comes once, with its latest state (a destination
 * whose last route was deleted comes with no routes).
 * Returns NO_ERROR when more changes remain; ERROR_NO_MORE_ITEMS when none
 * remains after this call (*NumDests may still be nonzero): the next change
 * sends a new RTM_CHANGE_NOTIFICATION; ERROR_INVALID_HANDLE for a bad
 * registration or notification handle; ERROR_INVALID_PARAMETER when
 * NumDests is NULL, or ChangedDests is NULL and *NumDests is nonzero.
 */
DWORD WINAPI RtmGetChangedDests(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NOTIFY_HANDLE NotifyHandle,
                                PUINT NumDests, PRTM_DEST_INFO ChangedDests)
{
    RTM_DEBUG_API_ENTRY(RtmGetChangedDests, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, NumDests, ChangedDests),
                        "notification %#llx, asked %u", RTM_DEBUG_H(NotifyHandle),
                        NumDests ? RTM_DEBUG_U(*NumDests) : 0u);
    struct rtm_entity *me;
    struct rtm_notify *n;
    DWORD status = call_begin(RtmRegHandle, NotifyHandle, &me, &n);
    UINT filled = 0;
    int drained = 0;

    if (status == NO_ERROR && (!NumDests || (!ChangedDests && *NumDests)))
        status = ERROR_INVALID_PARAMETER;
    while (status == NO_ERROR && !drained && filled < *NumDests) {
        struct rtm_dest *dest = dequeue(n);
        drained = !dest;
        if (dest) {
            rtm_dest_fill_info(dest, me, RTM_BEST_PROTOCOL, RTM_SUPPORTED_VIEWS,
                               (RTM_DEST_INFO *)((char *)ChangedDests +
                                                 filled * RTM_SIZE_OF_DEST_INFO(RTM_VIEW_COUNT)));
            filled++;
        }
    }
    if (status == NO_ERROR) {
        /* A queue found empty answers for this call: a change queued since
         * (a route expiring on a worker thread) has sent a new event. */
        *NumDests = filled;
        if (!drained) {
            rtm_mutex_lock(&n->lock);
            drained = !n->count;
            if (drained)
                n->signalled = 0;
            rtm_mutex_unlock(&n->lock);
        }
        if (drained)
            status = ERROR_NO_MORE_ITEMS;
    }
    call_end(me, n);
    return status;
}

/**
 * RtmReleaseChangedDests - releases the destination information returned
 * by RtmGetChangedDests (spec/rtmv2/nf-rtmv2-rtmreleasechangeddests.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NotifyHandle [in] the notification handle they came from.
 * @NumDests [in]     number of entries.
 * @ChangedDests [in] the entries; every handle in them drops one client
 *                    reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or
 * notification handle (nothing is released) or when a handle in the
 * entries is stale, already released or of another table (the others are
 * released all the same); ERROR_INVALID_PARAMETER when ChangedDests is NULL
 * and NumDests is nonzero, or an entry's NumberOfViews is out of range.
 */
DWORD WINAPI RtmReleaseChangedDests(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NOTIFY_HANDLE NotifyHandle,
                                    UINT NumDests, PRTM_DEST_INFO ChangedDests)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseChangedDests, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, NumDests, ChangedDests),
                        "notification %#llx, %u dests", RTM_DEBUG_H(NotifyHandle),
                        RTM_DEBUG_U(NumDests));
    struct rtm_entity *me;
    struct rtm_notify *n;
    DWORD status = call_begin(RtmRegHandle, NotifyHandle, &me, &n);

    if (status == NO_ERROR)
        status = rtm_dest_release_infos(me, NumDests, ChangedDests);
    call_end(me, n);
    return status;
}

/* The common prologue of the per-destination functions: validates the
 * registration, notification and destination handles. */
static DWORD dest_call_begin(RTM_ENTITY_HANDLE reg, RTM_NOTIFY_HANDLE notify, RTM_DEST_HANDLE dest,
                             struct rtm_entity **me, struct rtm_notify **n, struct rtm_dest **d)
{
    DWORD status = call_begin(reg, notify, me, n);

    *d = NULL;
    if (status != NO_ERROR)
        return status;
    *d = (struct rtm_dest *)rtm_lookup_in_table(*me, dest, RTM_OBJ_DEST);
    return *d ? NO_ERROR : ERROR_INVALID_HANDLE;
}

static void dest_call_end(struct rtm_entity *me, struct rtm_notify *n, struct rtm_dest *d)
{
    if (d)
        rtm_object_unref(&d->obj);
    call_end(me, n);
}

/**
 * RtmGetChangeStatus - tells whether a destination has a change queued for
 * a registration (spec/rtmv2/nf-rtmv2-rtmgetchangestatus.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @NotifyHandle [in]  one of the caller's notification handles.
 * @DestHandle [in]    a destination of the caller's table.
 * @ChangeStatus [out] receives TRUE when RtmGetChangedDests would return the
 *                     destination, else FALSE.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration,
 * notification or destination handle; ERROR_INVALID_PARAMETER when
 * ChangeStatus is NULL.
 */
DWORD WINAPI RtmGetChangeStatus(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NOTIFY_HANDLE NotifyHandle,
                                RTM_DEST_HANDLE DestHandle, PBOOL ChangeStatus)
{
    RTM_DEBUG_API_ENTRY(RtmGetChangeStatus, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, DestHandle, ChangeStatus),
                        "notification %#llx, dest %#llx", RTM_DEBUG_H(NotifyHandle),
                        RTM_DEBUG_H(DestHandle));
    struct rtm_entity *me;
    struct rtm_notify *n;
    struct rtm_dest *dest;
    DWORD status = dest_call_begin(RtmRegHandle, NotifyHandle, DestHandle, &me, &n, &dest);

    if (status == NO_ERROR && !ChangeStatus)
        status = ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR)
        *ChangeStatus = (rtm_atomic32_load(&dest->notify_pending) & (int32_t)n->bit) != 0;
    dest_call_end(me, n, dest);
    return status;
}

/**
 * RtmMarkDestForChangeNotification - marks or unmarks a destination for a
 * registration made with RTM_NOTIFY_ONLY_MARKED_DESTS
 * (spec/rtmv2/nf-rtmv2-rtmmarkdestforchangenotification.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NotifyHandle [in] one of the caller's notification handles.
 * @DestHandle [in]   a destination of the caller's table.
 * @MarkDest [in]     TRUE to mark (its changes are reported from now on),
 *                    FALSE to unmark (later changes are not; one already
 *                    queued stays).
 *
 * The mark belongs to the destination: it ends when the destination is
 * deleted (its last route goes) or the registration ends; marking a deleted
 * destination does nothing.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration,
 * notification or destination handle. Takes the table lock shared.
 */
DWORD WINAPI RtmMarkDestForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_NOTIFY_HANDLE NotifyHandle,
                                              RTM_DEST_HANDLE DestHandle, BOOL MarkDest)
{
    RTM_DEBUG_API_ENTRY(RtmMarkDestForChangeNotification, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, DestHandle, MarkDest),
                        "notification %#llx, dest %#llx, mark %d", RTM_DEBUG_H(NotifyHandle),
                        RTM_DEBUG_H(DestHandle), (int)MarkDest);
    struct rtm_entity *me;
    struct rtm_notify *n;
    struct rtm_dest *dest;
    DWORD status = dest_call_begin(RtmRegHandle, NotifyHandle, DestHandle, &me, &n, &dest);

    if (status == NO_ERROR) {
        /* Under the table lock, so that the registration cannot end (and
         * clear its marks) meanwhile, nor the destination leave the table. */
        rtm_striped_lock_shared(&me->table->lock);
        if (!n->active) {
            status = ERROR_INVALID_HANDLE;
        } else if (!MarkDest) {
            rtm_atomic32_and(&dest->notify_marked, ~(int32_t)n->bit);
        } else if (dest->in_table) {
            rtm_atomic32_store(&n->marked_any, 1);
            rtm_atomic32_or(&dest->notify_marked, (int32_t)n->bit);
        }
        rtm_striped_unlock_shared(&me->table->lock);
    }
    dest_call_end(me, n, dest);
    return status;
}

/**
 * RtmIsMarkedForChangeNotification - tells whether a destination is marked
 * for a registration
 * (spec/rtmv2/nf-rtmv2-rtmismarkedforchangenotification.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NotifyHandle [in] one of the caller's notification handles.
 * @DestHandle [in]   a destination of the caller's table.
 * @DestMarked [out]  receives TRUE when marked, else FALSE (always for a
 *                    deleted destination).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration,
 * notification or destination handle; ERROR_INVALID_PARAMETER when
 * DestMarked is NULL. Takes the table lock shared.
 */
DWORD WINAPI RtmIsMarkedForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_NOTIFY_HANDLE NotifyHandle,
                                              RTM_DEST_HANDLE DestHandle, PBOOL DestMarked)
{
    RTM_DEBUG_API_ENTRY(RtmIsMarkedForChangeNotification, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, DestHandle, DestMarked),
                        "notification %#llx, dest %#llx", RTM_DEBUG_H(NotifyHandle),
                        RTM_DEBUG_H(DestHandle));
    struct rtm_entity *me;
    struct rtm_notify *n;
    struct rtm_dest *dest;
    DWORD status = dest_call_begin(RtmRegHandle, NotifyHandle, DestHandle, &me, &n, &dest);

    if (status == NO_ERROR && !DestMarked)
        status = ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR) {
        rtm_striped_lock_shared(&me->table->lock);
        *DestMarked = dest->in_table &&
                      (rtm_atomic32_load(&dest->notify_marked) & (int32_t)n->bit) != 0;
        rtm_striped_unlock_shared(&me->table->lock);
    }
    dest_call_end(me, n, dest);
    return status;
}

/**
 * RtmIgnoreChangedDests - drops the queued change of each given destination,
 * so that RtmGetChangedDests does not return it
 * (spec/rtmv2/nf-rtmv2-rtmignorechangeddests.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NotifyHandle [in] one of the caller's notification handles.
 * @NumDests [in]     number of handles.
 * @ChangedDests [in] destination handles of the caller's table (the
 *                    caller keeps and releases them). A destination with
 *                    no queued change is left as it is; a later change is
 *                    reported as usual.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or
 * notification handle, or when a destination handle is bad (the others are
 * handled all the same); ERROR_INVALID_PARAMETER when ChangedDests is NULL
 * and NumDests is nonzero.
 */
DWORD WINAPI RtmIgnoreChangedDests(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NOTIFY_HANDLE NotifyHandle,
                                   UINT NumDests, PRTM_DEST_HANDLE ChangedDests)
{
    RTM_DEBUG_API_ENTRY(RtmIgnoreChangedDests, RtmRegHandle,
                        (RtmRegHandle, NotifyHandle, NumDests, ChangedDests),
                        "notification %#llx, %u dests", RTM_DEBUG_H(NotifyHandle),
                        RTM_DEBUG_U(NumDests));
    struct rtm_entity *me;
    struct rtm_notify *n;
    DWORD status = call_begin(RtmRegHandle, NotifyHandle, &me, &n);

    if (status == NO_ERROR && !ChangedDests && NumDests)
        status = ERROR_INVALID_PARAMETER;
    for (UINT i = 0; n && ChangedDests && i < NumDests; i++) {
        struct rtm_object *obj = rtm_lookup_in_table(me, ChangedDests[i], RTM_OBJ_DEST);
        if (!obj) {
            status = ERROR_INVALID_HANDLE;
            continue;
        }
        rtm_atomic32_and(&((struct rtm_dest *)obj)->notify_pending, ~(int32_t)n->bit);
        rtm_object_unref(obj);
    }
    call_end(me, n);
    return status;
}
