/*
 * owned.c - objects owned by an entity: enumerations and route lists
 * (owned.h).
 */
#include "owned.h"

DWORD rtm_owned_publish(struct rtm_owned *owned, struct rtm_entity *owner,
                        rtm_object_type type, void (*free_fn)(struct rtm_object *),
                        void (*on_delete)(struct rtm_owned *), HANDLE *out)
{
    int linked = 0;

    owned->owner = owner;
    owned->on_delete = on_delete;
    rtm_object_ref(&owner->obj);
    if (rtm_object_init(&owned->obj, type, free_fn) != RTM_HANDLE_OK) {
        free_fn(&owned->obj);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    /* The creator's internal reference becomes the handle's before the
     * object can be found (and deleted) through its owner. */
    rtm_object_internal_to_client(&owned->obj);

    /* RtmDeregisterEntity clears registered before it deletes the owned
     * objects under this lock: an object linked here is deleted by it, and
     * one that comes later sees registered clear. Until it is linked, the
     * object is not live, so its handle is refused. */
    rtm_rwlock_lock_exclusive(&owner->lock);
    if (rtm_atomic32_load(&owner->registered)) {
        owned->next = owner->owned;
        if (owner->owned)
            owner->owned->prev = owned;
        owner->owned = owned;
        rtm_atomic32_store(&owned->live, 1);
        linked = 1;
    }
    rtm_rwlock_unlock_exclusive(&owner->lock);

    if (!linked) {
        rtm_handle_release(rtm_object_handle(&owned->obj), type);
        return ERROR_INVALID_HANDLE;
    }
    *out = rtm_object_handle(&owned->obj);
    return NO_ERROR;
}

void rtm_owned_release_owner(struct rtm_owned *owned)
{
    rtm_object_unref(&owned->owner->obj);
}

struct rtm_owned *rtm_owned_get(const struct rtm_entity *me, HANDLE handle,
                                rtm_object_type type)
{
    struct rtm_owned *owned = (struct rtm_owned *)rtm_handle_lookup(handle, type);

    if (owned && (owned->owner != me || !rtm_atomic32_load(&owned->live))) {
        rtm_object_unref(&owned->obj);
        return NULL;
    }
    return owned;
}

/* Unlinks a live object from its owner's list and calls its on_delete
 * (owner lock held exclusively). Returns 0 if it was deleted already. */
static int unlink_owned(struct rtm_owned *owned)
{
    struct rtm_entity *owner = owned->owner;

    if (!rtm_atomic32_load(&owned->live))
        return 0;
    rtm_atomic32_store(&owned->live, 0);
    if (owned->prev)
        owned->prev->next = owned->next;
    else
        owner->owned = owned->next;
    if (owned->next)
        owned->next->prev = owned->prev;
    owned->prev = owned->next = NULL;
    if (owned->on_delete)
        owned->on_delete(owned);
    return 1;
}

/* Drops the reference of the object's handle (it was just unlinked). */
static void drop_handle(struct rtm_owned *owned)
{
    rtm_handle_release(rtm_object_handle(&owned->obj), owned->obj.type);
}

DWORD rtm_owned_delete(const struct rtm_entity *me, HANDLE handle, rtm_object_type type)
{
    struct rtm_owned *owned = rtm_owned_get(me, handle, type);
    int deleted;

    if (!owned)
        return ERROR_INVALID_HANDLE;
    rtm_rwlock_lock_exclusive(&owned->owner->lock);
    deleted = unlink_owned(owned);
    rtm_rwlock_unlock_exclusive(&owned->owner->lock);
    if (deleted)
        drop_handle(owned);
    rtm_object_unref(&owned->obj);
    return deleted ? NO_ERROR : ERROR_INVALID_HANDLE;
}

void rtm_owned_delete_all(struct rtm_entity *entity)
{
    for (;;) {
        struct rtm_owned *owned;

        rtm_rwlock_lock_exclusive(&entity->lock);
        owned = entity->owned;
        if (owned) {
            rtm_object_ref(&owned->obj);
            unlink_owned(owned);
        }
        rtm_rwlock_unlock_exclusive(&entity->lock);
        if (!owned)
            break;
        drop_handle(owned);
        rtm_object_unref(&owned->obj);
    }
}
