/*
 * registration.c - RtmRegisterEntity and RtmDeregisterEntity: an entity's
 * whole life in its table, from registration to the end of everything it
 * owns (its change notification registrations, enumerations, route lists,
 * routes and next hops).
 *
 * An entity is registered into the table of its (RtmInstanceId,
 * AddressFamily). Its registration holds one internal reference, dropped by
 * RtmDeregisterEntity (not a client one: no Release* call can drop it, so a
 * client releasing an entity handle once too often cannot free a registered
 * entity); handles of the entity given out by
 * RtmGetRegisteredEntities or inside route and next-hop information hold
 * their own, so they stay safe to use and release after deregistration
 * (they then fail as registration handles).
 */
#include "entity.h"
#include "debug_objects.h"
#include "dest.h"
#include "event.h"
#include "nexthop.h"
#include "notify.h"
#include "owned.h"
#include "route.h"

/* Reserves a free opaque-pointer slot of the table (table lock held). */
static int reserve_opaque_slot(struct rtm_table *table)
{
    for (int i = 0; i < RTM_MAX_OPAQUE_POINTERS; i++) {
        if (!(table->opaque_slots & (1u << i))) {
            table->opaque_slots |= 1u << i;
            return i;
        }
    }
    return -1;
}

/**
 * RtmRegisterEntity - registers a client with the table of an RTM instance
 * and address family (spec/rtmv2/nf-rtmv2-rtmregisterentity.md).
 *
 * @RtmEntityInfo [in]  instance, address family (AF_INET or AF_INET6) and
 *                      entity id (protocol id + instance id) of the client.
 * @ExportMethods [in]  methods the client exports (at most 32; Methods[i]
 *                      is selected by bit i of a MethodType), or NULL;
 *                      copied (see method.c).
 * @EventCallback [in]  called (from a worker thread, outside all locks) for
 *                      the client's events, or NULL. The other entities of
 *                      the table that have a callback receive
 *                      RTM_ENTITY_REGISTERED about the new entity.
 * @ReserveOpaquePointer [in] TRUE to reserve an opaque-pointer slot in every
 *                      destination of the table for this client.
 * @RtmRegProfile [out] the registration profile: RTM_MAX_NEXTHOPS_IN_ROUTE
 *                      (4) next hops per route, RTM_MAX_HANDLES_IN_ENUM (100)
 *                      handles per enumeration call, views unicast and
 *                      multicast (2 views).
 * @RtmRegHandle [out]  the registration handle (its reference is dropped by
 *                      RtmDeregisterEntity, not by RtmReleaseEntities).
 *
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when a pointer argument is NULL
 * or the address family is not AF_INET or AF_INET6; ERROR_INVALID_DATA when
 * ExportMethods lists a NULL method or more than 32 methods;
 * ERROR_ALREADY_EXISTS when an entity with the same id is registered in the
 * same instance and family;
 * ERROR_NO_SYSTEM_RESOURCES when an opaque pointer is requested and all
 * RTM_MAX_OPAQUE_POINTERS (16) slots are reserved; ERROR_NOT_ENOUGH_MEMORY.
 * ERROR_BAD_CONFIGURATION and ERROR_FILE_NOT_FOUND (registry problems on
 * Windows) never occur: this implementation reads no registry.
 * Takes the registry lock, then the table lock exclusively.
 */
DWORD WINAPI RtmRegisterEntity(PRTM_ENTITY_INFO RtmEntityInfo,
                               PRTM_ENTITY_EXPORT_METHODS ExportMethods,
                               RTM_EVENT_CALLBACK EventCallback, WINBOOL ReserveOpaquePointer,
                               PRTM_REGN_PROFILE RtmRegProfile, PRTM_ENTITY_HANDLE RtmRegHandle)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmRegisterEntity,
                              (RtmEntityInfo, ExportMethods, EventCallback, ReserveOpaquePointer,
                              RtmRegProfile, RtmRegHandle),
                              "%s, methods %u, callback %s, opaque %d",
                              rtm_debug_entity_info(RtmEntityInfo),
                              ExportMethods ? RTM_DEBUG_U(ExportMethods->NumMethods) : 0u,
                              EventCallback ? "yes" : "no", (int)ReserveOpaquePointer);
    struct rtm_entity_event *events = NULL;
    struct rtm_table *table;
    struct rtm_entity *entity;
    DWORD status;

    if (!RtmEntityInfo || !RtmRegProfile || !RtmRegHandle)
        return ERROR_INVALID_PARAMETER;
    status = rtm_methods_check(ExportMethods);
    if (status != NO_ERROR)
        return status;
    status = rtm_table_get(RtmEntityInfo->RtmInstanceId, RtmEntityInfo->AddressFamily, &table);
    if (status != NO_ERROR)
        return status;

    entity = rtm_entity_alloc();
    if (!entity)
        return ERROR_NOT_ENOUGH_MEMORY;
    entity->table = table;
    entity->info = *RtmEntityInfo;
    entity->callback = EventCallback;
    entity->opaque_slot = -1;
    rtm_atomic32_store(&entity->registered, 1);
    rtm_rwlock_init(&entity->lock);
    if (rtm_methods_init(&entity->methods, ExportMethods) != NO_ERROR ||
        rtm_object_init_striped(&entity->obj, RTM_OBJ_ENTITY, rtm_entity_destroy) !=
            RTM_HANDLE_OK) {
        rtm_entity_destroy(&entity->obj);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rtm_object_set_scope(&entity->obj, table->id);

    rtm_striped_lock_exclusive(&table->lock);
    for (struct rtm_entity *e = table->entities; e; e = e->next) {
        if (e->info.EntityId.EntityId == RtmEntityInfo->EntityId.EntityId) {
            status = ERROR_ALREADY_EXISTS;
            break;
        }
    }
    if (status == NO_ERROR && ReserveOpaquePointer) {
        entity->opaque_slot = reserve_opaque_slot(table);
        if (entity->opaque_slot < 0)
            status = ERROR_NO_SYSTEM_RESOURCES;
    }
    if (status == NO_ERROR)
        status = rtm_entity_events_prepare(entity, RTM_ENTITY_REGISTERED, &events);
    if (status == NO_ERROR) {
        entity->next = table->entities;
        table->entities = entity;
        /* The creator's internal reference becomes the registration's. */
    } else if (entity->opaque_slot >= 0) {
        table->opaque_slots &= ~(1u << entity->opaque_slot);
    }
    rtm_striped_unlock_exclusive(&table->lock);

    if (status != NO_ERROR) {
        rtm_atomic32_store(&entity->registered, 0);
        rtm_object_unref(&entity->obj);
        return status;
    }
    rtm_object_stripes_start(&entity->obj);
    rtm_entity_events_post(events);
    RtmRegProfile->MaxNextHopsInRoute = RTM_MAX_NEXTHOPS_IN_ROUTE;
    RtmRegProfile->MaxHandlesInEnum = RTM_MAX_HANDLES_IN_ENUM;
    RtmRegProfile->ViewsSupported = RTM_SUPPORTED_VIEWS;
    RtmRegProfile->NumberOfViews = RTM_VIEW_COUNT;
    *RtmRegHandle = rtm_object_handle(&entity->obj);
    return NO_ERROR;
}

/**
 * RtmDeregisterEntity - unregisters a client
 * (spec/rtmv2/nf-rtmv2-rtmderegisterentity.md).
 *
 * @RtmRegHandle [in] the registration handle.
 *
 * No event callback of the entity starts afterwards, and the call waits
 * for those already running (except the one it is called from, when a
 * callback deregisters its own entity); until they return they may still
 * use RtmRegHandle (e.g. to release an expired route's handle). A block of the entity's methods
 * (RtmBlockMethods) is lifted and the invocations of its methods in flight
 * are waited for; no method of it runs afterwards. Then it ends the
 * entity's change notification registrations, deletes its enumerations and
 * route lists (as RtmDeleteEnumHandle and RtmDeleteRouteList would: their
 * handles become invalid) and every route and next hop it owns (best
 * routes of the affected destinations are recomputed), frees its
 * opaque-pointer slot, sends RTM_ENTITY_DEREGISTERED to the other entities
 * of the table that have a callback, and drops the registration handle's
 * reference. Handles of the entity that other clients hold stay valid to
 * read and release; the registration handle is refused from then on.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE when RtmRegHandle is not the
 * handle of a registered entity (including a second deregistration);
 * ERROR_NOT_ENOUGH_MEMORY (the entity stays registered).
 * Takes the table lock exclusively, and the locks of the entity and of the
 * destinations its routes are in; must not be called while the caller
 * holds a destination, route or next-hop lock, nor from within one of the
 * entity's own methods.
 */
DWORD WINAPI RtmDeregisterEntity(RTM_ENTITY_HANDLE RtmRegHandle)
{
    RTM_DEBUG_API_ENTRY(RtmDeregisterEntity, RtmRegHandle, (RtmRegHandle), "%s", "");
    struct rtm_entity *entity = rtm_entity_get(RtmRegHandle);
    struct rtm_entity_event *events = NULL;
    struct rtm_table *table;
    DWORD status = NO_ERROR;

    if (!entity)
        return ERROR_INVALID_HANDLE;
    table = entity->table;
    rtm_striped_lock_exclusive(&table->lock);
    if (!rtm_atomic32_load(&entity->registered))
        status = ERROR_INVALID_HANDLE; /* deregistered by another thread */
    else
        status = rtm_entity_events_prepare(entity, RTM_ENTITY_DEREGISTERED, &events);
    if (status == NO_ERROR) {
        rtm_atomic32_store(&entity->registered, 0);
        for (struct rtm_entity **p = &table->entities; *p; p = &(*p)->next) {
            if (*p == entity) {
                *p = entity->next;
                break;
            }
        }
    }
    rtm_striped_unlock_exclusive(&table->lock);
    if (status != NO_ERROR) {
        rtm_entity_put(entity);
        return status;
    }
    rtm_object_stripes_stop(&entity->obj);

    rtm_methods_stop(&entity->methods);
    rtm_event_wait_idle(entity);
    rtm_atomic32_store(&entity->callbacks_done, 1);
    rtm_notify_deregister_owned(entity);

    /* The opaque-pointer slot is emptied in every destination before it is
     * given out again: a later holder must not find (or lose to the
     * clearing) values it did not store. */
    if (entity->opaque_slot >= 0)
        rtm_dests_clear_opaque_slot(table, entity->opaque_slot);
    rtm_owned_delete_all(entity);
    rtm_routes_delete_owned(entity);
    rtm_nexthops_delete_owned(entity);
    if (entity->opaque_slot >= 0) {
        rtm_striped_lock_exclusive(&table->lock);
        table->opaque_slots &= ~(1u << entity->opaque_slot);
        rtm_striped_unlock_exclusive(&table->lock);
    }

    rtm_entity_events_post(events);
    RTM_DEBUG_LEAK_REPORT(entity);
    rtm_object_unref(&entity->obj); /* the registration's reference */
    rtm_entity_put(entity);
    return NO_ERROR;
}
