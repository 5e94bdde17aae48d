/*
 * entity.h - registered clients (entities) of a route table.
 */
#ifndef RTM_ENTITY_H
#define RTM_ENTITY_H

#include "base/debug.h"
#include "objects.h"
#include "method.h"
#include "table.h"

struct rtm_nexthop;
struct rtm_owned;
struct rtm_route;

struct rtm_entity {
    struct rtm_object obj;          /* first: handle and references */
    struct rtm_ref_stripes refs;    /* right after obj (base/handle.h): striped
                                       while registered */
    struct rtm_table *table;        /* constant */
    RTM_ENTITY_INFO info;           /* constant */
    RTM_EVENT_CALLBACK callback;    /* constant; may be NULL */
    struct rtm_methods methods;     /* exported methods and their lock */
    int opaque_slot;                /* reserved opaque-pointer slot, or -1 */
    rtm_atomic32 registered;        /* 1 until RtmDeregisterEntity (changed
                                       under the table lock) */
    rtm_atomic32 callbacks_running; /* event callbacks in progress (event.c) */
    rtm_atomic32 callbacks_done;    /* deregistration has waited for them */
    struct rtm_entity *next;        /* table->entities (table lock) */

    rtm_rwlock lock;                /* the next-hop index, the route list,
                                       the owned objects and the route-list
                                       memberships of its routes */
    struct rtm_nexthop **nexthop_buckets; /* hash of owned next hops */
    size_t nexthop_bucket_count;
    size_t nexthop_count;
    struct rtm_route *routes;       /* owned routes (route->owner_next) */
    struct rtm_owned *owned;        /* its enumerations and route lists (owned.h) */
};

/* Memory for a new entity, zero-filled but for its reference stripes
 * (recycled: see entity.c), or NULL. */
struct rtm_entity *rtm_entity_alloc(void);

/* Frees an entity's resources and recycles its memory; it holds no
 * references (its free function). */
void rtm_entity_destroy(struct rtm_object *obj);

/* Frees the recycled entity memory (library unload, after every entity
 * has been destroyed). */
void rtm_entities_shutdown(void);

/* The entity whose event callback the calling thread is running, or NULL;
 * event.c sets it (and puts back the one before) around each callback. */
struct rtm_entity *rtm_entity_in_callback(void);
void rtm_entity_set_in_callback(struct rtm_entity *entity);

/*
 * Validates a registration handle (RtmRegHandle of every function): returns
 * the entity with an internal reference, or NULL if the handle is not that
 * of a registered entity. An entity's own event callback that is running
 * while the entity deregisters may still use it until deregistration has
 * waited for that callback (to release the handle of an expired route, for
 * instance). Drop the reference with rtm_entity_put.
 */
struct rtm_entity *rtm_entity_get(RTM_ENTITY_HANDLE handle);

static inline void rtm_entity_put(struct rtm_entity *entity)
{
    rtm_object_unref(&entity->obj);
}

/*
 * Looks up an object handle of the given type for a caller of the same
 * table: returns it with an internal reference, or NULL if the handle is
 * invalid, of another type, or of another table.
 */
struct rtm_object *rtm_lookup_in_table(const struct rtm_entity *caller, HANDLE handle,
                                       rtm_object_type type);


/*
 * Puts a client reference to obj in *out and returns NO_ERROR, or leaves
 * NULL there and returns ERROR_NOT_ENOUGH_MEMORY when the object's client
 * reference count is saturated. obj may be NULL (then *out is NULL).
 */
DWORD rtm_give_handle(struct rtm_object *obj, HANDLE *out);

/* Drops a client reference held in an info structure; NULL is skipped.
 * Returns NO_ERROR or ERROR_INVALID_HANDLE. */
DWORD rtm_take_back_handle(HANDLE handle, rtm_object_type type);

/*
 * Drops a client reference of a handle of the caller's table (the Release*
 * functions); NULL is skipped. Returns NO_ERROR, or ERROR_INVALID_HANDLE
 * (nothing changes) when the handle is stale, forged, of another type or
 * table, or has no client reference left.
 */
DWORD rtm_release_in_table(const struct rtm_entity *caller, HANDLE handle,
                           rtm_object_type type);

/*
 * The Release* functions of handle arrays: validates the registration
 * handle reg, then drops one client reference of each of n handles of the
 * given type. Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration
 * handle or when any handle was NULL, stale, of another type or table, or
 * without a client reference (the others are still released);
 * ERROR_INVALID_PARAMETER when handles is NULL and n > 0.
 */
DWORD rtm_release_typed(RTM_ENTITY_HANDLE reg, UINT n, const HANDLE *handles,
                        rtm_object_type type);

#endif /* RTM_ENTITY_H */
