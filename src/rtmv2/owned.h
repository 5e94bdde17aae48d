/*
 * owned.h - objects an entity creates for its own use and deletes
 * explicitly: enumerations (enum.h) and route lists (route_list.h).
 *
 * Such an object belongs to the entity that created it: only that entity
 * may use or delete it (any other caller gets ERROR_INVALID_HANDLE). Its
 * handle holds the one client reference it ever has (RtmReferenceHandles
 * does not accept these handles: they are of no table), dropped when the
 * object is deleted, by its Delete function or when its owner deregisters.
 * The object holds an internal reference on its owner, and is linked into
 * the owner's list of owned objects (entity->owned, owner lock) from
 * creation until deletion, so that RtmDeregisterEntity can delete what the
 * entity left behind. API calls in flight hold internal references, so a
 * deleted object is freed only when the last of them returns.
 */
#ifndef RTM_OWNED_H
#define RTM_OWNED_H

#include "entity.h"

struct rtm_owned {
    struct rtm_object obj;          /* first: handle and references */
    struct rtm_entity *owner;       /* constant; internal reference */
    struct rtm_owned *prev, *next;  /* owner->owned (owner lock) */
    rtm_atomic32 live;              /* 1 while linked (set under the owner
                                       lock; read anywhere) */
    /* Called when the object is deleted, with the owner lock held
     * exclusively; may be NULL. */
    void (*on_delete)(struct rtm_owned *owned);
};

/*
 * Gives a new object (zero-filled, its own members set) its handle and
 * links it into owner's objects. free_fn, the object's free function, must
 * drop the owner reference with rtm_owned_release_owner() and free
 * everything the object holds. Returns NO_ERROR with the client's handle
 * in *out; ERROR_NOT_ENOUGH_MEMORY; or ERROR_INVALID_HANDLE when the owner
 * is deregistering. On error the object has already been freed (free_fn
 * was called) and *out is untouched. Takes the owner lock exclusively.
 */
DWORD rtm_owned_publish(struct rtm_owned *owned, struct rtm_entity *owner,
                        rtm_object_type type, void (*free_fn)(struct rtm_object *),
                        void (*on_delete)(struct rtm_owned *), HANDLE *out);

/* Drops the object's reference on its owner (for free functions). */
void rtm_owned_release_owner(struct rtm_owned *owned);

/*
 * Validates a handle of an object of the given type that me owns and that
 * has not been deleted: returns it with an internal reference (drop it
 * with rtm_object_unref), or NULL. Lock-free.
 */
struct rtm_owned *rtm_owned_get(const struct rtm_entity *me, HANDLE handle,
                                rtm_object_type type);

/*
 * Deletes an object me owns (RtmDeleteEnumHandle, RtmDeleteRouteList):
 * unlinks it, calls its on_delete and drops its handle's reference.
 * Returns NO_ERROR, or ERROR_INVALID_HANDLE (nothing changes) when the
 * handle is not that of a live object of the type owned by me (also when
 * another thread deleted it first). Takes the owner lock exclusively.
 */
DWORD rtm_owned_delete(const struct rtm_entity *me, HANDLE handle, rtm_object_type type);

/*
 * Deletes every object the entity owns (RtmDeregisterEntity, after
 * entity->registered was cleared, so that no new one can be linked).
 */
void rtm_owned_delete_all(struct rtm_entity *entity);

#endif /* RTM_OWNED_H */
