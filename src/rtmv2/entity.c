/*
 * entity.c - entities (clients): their memory, their handles as the
 * registration handles of API calls, the handles the library gives them,
 * and what is known of them (RtmGetRegisteredEntities, RtmGetEntityInfo,
 * RtmReleaseEntities, RtmReleaseEntityInfo). registration.c registers and
 * deregisters them.
 */
#include "entity.h"

#include <string.h>

_Static_assert(offsetof(struct rtm_entity, refs) == sizeof(struct rtm_object),
               "reference stripes right after the object header (handle.h)");

/*
 * Entity memory is recycled, not freed, while the library runs: an
 * operation through an entity handle may touch the entity's reference
 * stripes before it knows that the handle is still valid (base/handle.h).
 * The pool is as large as the most entities ever alive at once.
 */
static rtm_mutex pool_lock = RTM_MUTEX_INIT;
static struct rtm_entity *pool; /* linked through next */

struct rtm_entity *rtm_entity_alloc(void)
{
    struct rtm_entity *entity;
    size_t keep = offsetof(struct rtm_entity, refs) + sizeof entity->refs;

    rtm_mutex_lock(&pool_lock);
    entity = pool;
    if (entity)
        pool = entity->next;
    rtm_mutex_unlock(&pool_lock);
    if (!entity)
        return rtm_calloc(1, sizeof *entity);
    /* The stripes stay as they are: zero counts (stopped), and stale
     * operations may still be passing through them. */
    memset((char *)entity + keep, 0, sizeof *entity - keep);
    return entity;
}

void rtm_entity_destroy(struct rtm_object *obj)
{
    struct rtm_entity *entity = (struct rtm_entity *)obj;
    rtm_rwlock_destroy(&entity->lock);
    rtm_methods_destroy(&entity->methods);
    rtm_free(entity->nexthop_buckets);
    rtm_mutex_lock(&pool_lock);
    entity->next = pool;
    pool = entity;
    rtm_mutex_unlock(&pool_lock);
}

void rtm_entities_shutdown(void)
{
    while (pool) {
        struct rtm_entity *entity = pool;
        pool = entity->next;
        rtm_free(entity);
    }
}

/* The entity whose event callback the calling thread is running, if any
 * (event.c sets it around each callback). */
static _Thread_local struct rtm_entity *in_callback;

struct rtm_entity *rtm_entity_in_callback(void)
{
    return in_callback;
}

void rtm_entity_set_in_callback(struct rtm_entity *entity)
{
    in_callback = entity;
}

struct rtm_entity *rtm_entity_get(RTM_ENTITY_HANDLE handle)
{
    struct rtm_object *obj = rtm_handle_lookup(handle, RTM_OBJ_ENTITY);
    struct rtm_entity *entity = (struct rtm_entity *)obj;

    if (entity && !rtm_atomic32_load(&entity->registered) &&
        (in_callback != entity || rtm_atomic32_load(&entity->callbacks_done))) {
        rtm_object_unref(obj);
        return NULL;
    }
    return entity;
}

struct rtm_object *rtm_lookup_in_table(const struct rtm_entity *caller, HANDLE handle,
                                       rtm_object_type type)
{
    return rtm_handle_lookup_in(handle, type, caller->table->id);
}

DWORD rtm_give_handle(struct rtm_object *obj, HANDLE *out)
{
    *out = NULL;
    if (!obj)
        return NO_ERROR;
    if (rtm_object_ref_client(obj) != RTM_HANDLE_OK)
        return ERROR_NOT_ENOUGH_MEMORY;
    *out = rtm_object_handle(obj);
    return NO_ERROR;
}

DWORD rtm_take_back_handle(HANDLE handle, rtm_object_type type)
{
    if (!handle)
        return NO_ERROR;
    return rtm_handle_release(handle, type) == RTM_HANDLE_OK ? NO_ERROR : ERROR_INVALID_HANDLE;
}

/**
 * RtmGetRegisteredEntities - lists the entities registered with the
 * caller's table, the caller included
 * (spec/rtmv2/nf-rtmv2-rtmgetregisteredentities.md).
 *
 * @RtmRegHandle [in]     the caller's registration handle.
 * @NumEntities [in, out] in: the capacity of the arrays; out: the number of
 *                        registered entities.
 * @EntityHandles [out]   array receiving an entity handle (one client
 *                        reference each; release with RtmReleaseEntities),
 *                        or NULL when handles are not wanted.
 * @EntityInfos [out]     array receiving each entity's RTM_ENTITY_INFO, or
 *                        NULL when not wanted.
 *
 * Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER when the capacity is smaller
 * than the number of entities: *NumEntities then receives that number and
 * nothing is written to the arrays (no references are taken);
 * ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when NumEntities is NULL. Takes the table lock
 * shared.
 */
DWORD WINAPI RtmGetRegisteredEntities(RTM_ENTITY_HANDLE RtmRegHandle, PUINT NumEntities,
                                      PRTM_ENTITY_HANDLE EntityHandles,
                                      PRTM_ENTITY_INFO EntityInfos)
{
    RTM_DEBUG_API_ENTRY(RtmGetRegisteredEntities, RtmRegHandle,
                        (RtmRegHandle, NumEntities, EntityHandles, EntityInfos),
                        "capacity %u", NumEntities ? RTM_DEBUG_U(*NumEntities) : 0u);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_table *table;
    DWORD status = NO_ERROR;
    UINT count = 0;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!NumEntities) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    table = me->table;
    rtm_striped_lock_shared(&table->lock);
    for (struct rtm_entity *e = table->entities; e; e = e->next)
        count++;
    if (count > *NumEntities) {
        status = ERROR_INSUFFICIENT_BUFFER;
    } else {
        UINT i = 0;
        for (struct rtm_entity *e = table->entities; e; e = e->next, i++) {
            if (EntityHandles)
                rtm_give_handle(&e->obj, &EntityHandles[i]);
            if (EntityInfos)
                EntityInfos[i] = e->info;
        }
    }
    rtm_striped_unlock_shared(&table->lock);
    *NumEntities = count;
    rtm_entity_put(me);
    return status;
}

DWORD rtm_release_in_table(const struct rtm_entity *caller, HANDLE handle,
                           rtm_object_type type)
{
    if (!handle)
        return NO_ERROR;
    return rtm_handle_release_in(handle, type, caller->table->id) == RTM_HANDLE_OK
               ? NO_ERROR
               : ERROR_INVALID_HANDLE;
}

DWORD rtm_release_typed(RTM_ENTITY_HANDLE reg, UINT n, const HANDLE *handles,
                        rtm_object_type type)
{
    struct rtm_entity *me = rtm_entity_get(reg);
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!handles && n)
        status = ERROR_INVALID_PARAMETER;
    for (UINT i = 0; handles && i < n; i++)
        if (!handles[i] || rtm_release_in_table(me, handles[i], type) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseEntities - releases entity handles returned by
 * RtmGetRegisteredEntities (spec/rtmv2/nf-rtmv2-rtmreleaseentities.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @NumEntities [in]   number of handles in EntityHandles.
 * @EntityHandles [in] the handles; each drops one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when one of the handles is not a live entity handle of the caller's table
 * with a client reference (the valid ones are released all the same; the
 * reference of a registration is not one of those);
 * ERROR_INVALID_PARAMETER when EntityHandles is NULL and NumEntities > 0.
 */
DWORD WINAPI RtmReleaseEntities(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumEntities,
                                PRTM_ENTITY_HANDLE EntityHandles)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseEntities, RtmRegHandle,
                        (RtmRegHandle, NumEntities, EntityHandles),
                        "%u entities", RTM_DEBUG_U(NumEntities));
    return rtm_release_typed(RtmRegHandle, NumEntities, EntityHandles, RTM_OBJ_ENTITY);
}

/**
 * RtmGetEntityInfo - returns the RTM_ENTITY_INFO of a registered (or
 * formerly registered) entity (spec/rtmv2/nf-rtmv2-rtmgetentityinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @EntityHandle [in] the entity to describe (of the caller's table).
 * @EntityInfo [out]  receives its instance, address family and entity id.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or entity
 * handle; ERROR_INVALID_PARAMETER when EntityInfo is NULL. The structure
 * holds no handle, so RtmReleaseEntityInfo has nothing to release.
 */
DWORD WINAPI RtmGetEntityInfo(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENTITY_HANDLE EntityHandle,
                              PRTM_ENTITY_INFO EntityInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetEntityInfo, RtmRegHandle, (RtmRegHandle, EntityHandle, EntityInfo),
                        "entity %#llx", RTM_DEBUG_H(EntityHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_object *obj;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    obj = rtm_lookup_in_table(me, EntityHandle, RTM_OBJ_ENTITY);
    if (!obj)
        status = ERROR_INVALID_HANDLE;
    else if (!EntityInfo)
        status = ERROR_INVALID_PARAMETER;
    else
        *EntityInfo = ((struct rtm_entity *)obj)->info;
    if (obj)
        rtm_object_unref(obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseEntityInfo - releases an RTM_ENTITY_INFO returned by
 * RtmGetEntityInfo (spec/rtmv2/nf-rtmv2-rtmreleaseentityinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @EntityInfo [in]   the structure; it holds no handle, so nothing changes.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when EntityInfo is NULL.
 */
DWORD WINAPI RtmReleaseEntityInfo(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_ENTITY_INFO EntityInfo)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseEntityInfo, RtmRegHandle, (RtmRegHandle, EntityInfo),
                        "info %#llx", RTM_DEBUG_H(EntityInfo));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);

    if (!me)
        return ERROR_INVALID_HANDLE;
    rtm_entity_put(me);
    return EntityInfo ? NO_ERROR : ERROR_INVALID_PARAMETER;
}
