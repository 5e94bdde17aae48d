/*
 * nexthop.c - next hops (spec/rras/next-hops.md).
 *
 * Each entity owns its next hops, identified by (NextHopAddress,
 * InterfaceIndex), and keeps them in a hash index under entity->lock. The
 * index holds the next hop's creation reference; RtmDeleteNextHop takes it
 * out of the index, marks it RTM_NEXTHOP_STATE_DELETED and drops that
 * reference, so routes and clients still holding its handle keep a valid,
 * deleted next hop until they let go. A next hop holds an internal
 * reference on its owner and a client reference on its RemoteNextHop
 * destination, if any.
 */
#include <string.h>

#include "nexthop.h"
#include "debug_objects.h"

void rtm_nexthop_destroy(struct rtm_object *obj)
{
    struct rtm_nexthop *nh = (struct rtm_nexthop *)obj;

    rtm_client_lock_destroy(&nh->lock);
    rtm_free(nh);
}

static void nexthop_free(struct rtm_object *obj)
{
    struct rtm_nexthop *nh = (struct rtm_nexthop *)obj;

    rtm_take_back_handle(nh->info.RemoteNextHop, RTM_OBJ_DEST);
    rtm_object_unref(&nh->owner->obj);
    rtm_nexthop_destroy(obj);
}

/* ---- the owner's index ------------------------------------------------ */

static size_t key_hash(const RTM_NET_ADDRESS *addr, ULONG ifindex)
{
    uint64_t h = 1469598103934665603ull;
    const uint8_t *p = addr->AddrBits;

    for (size_t i = 0; i < RTM_MAX_ADDRESS_SIZE; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    h = (h ^ addr->NumBits) * 1099511628211ull;
    h = (h ^ ifindex) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

static int key_equal(const struct rtm_nexthop *nh, const RTM_NET_ADDRESS *addr, ULONG ifindex)
{
    return nh->info.InterfaceIndex == ifindex && nh->info.NextHopAddress.NumBits == addr->NumBits &&
           memcmp(nh->info.NextHopAddress.AddrBits, addr->AddrBits, RTM_MAX_ADDRESS_SIZE) == 0;
}

/* Owner lock held (shared or exclusive). */
static struct rtm_nexthop *index_find(struct rtm_entity *owner, const RTM_NET_ADDRESS *addr,
                                      ULONG ifindex)
{
    if (!owner->nexthop_bucket_count)
        return NULL;
    struct rtm_nexthop *nh =
        owner->nexthop_buckets[key_hash(addr, ifindex) % owner->nexthop_bucket_count];
    while (nh && !key_equal(nh, addr, ifindex))
        nh = nh->hash_next;
    return nh;
}

/* Owner lock held exclusively. Returns 0, or -1 when out of memory. */
static int index_grow(struct rtm_entity *owner)
{
    size_t count = owner->nexthop_bucket_count ? owner->nexthop_bucket_count * 2 : 16;
    struct rtm_nexthop **buckets = rtm_calloc(count, sizeof *buckets);

    if (!buckets)
        return -1;
    for (size_t i = 0; i < owner->nexthop_bucket_count; i++) {
        struct rtm_nexthop *nh = owner->nexthop_buckets[i];
        while (nh) {
            struct rtm_nexthop *next = nh->hash_next;
            size_t b = key_hash(&nh->info.NextHopAddress, nh->info.InterfaceIndex) % count;
            nh->hash_next = buckets[b];
            buckets[b] = nh;
            nh = next;
        }
    }
    rtm_free(owner->nexthop_buckets);
    owner->nexthop_buckets = buckets;
    owner->nexthop_bucket_count = count;
    return 0;
}

/* Owner lock held exclusively. Returns 0, or -1 when out of memory. */
static int index_insert(struct rtm_entity *owner, struct rtm_nexthop *nh)
{
    if (owner->nexthop_count >= owner->nexthop_bucket_count && index_grow(owner) != 0)
        return -1;
    size_t b = key_hash(&nh->info.NextHopAddress, nh->info.InterfaceIndex) %
               owner->nexthop_bucket_count;
    nh->hash_next = owner->nexthop_buckets[b];
    owner->nexthop_buckets[b] = nh;
    nh->indexed = 1;
    owner->nexthop_count++;
    return 0;
}

/* Owner lock held exclusively; nh is indexed. */
static void index_remove(struct rtm_entity *owner, struct rtm_nexthop *nh)
{
    size_t b = key_hash(&nh->info.NextHopAddress, nh->info.InterfaceIndex) %
               owner->nexthop_bucket_count;
    struct rtm_nexthop **p = &owner->nexthop_buckets[b];

    while (*p != nh)
        p = &(*p)->hash_next;
    *p = nh->hash_next;
    nh->hash_next = NULL;
    nh->indexed = 0;
    rtm_atomic32_store(&nh->deleted, 1);
    owner->nexthop_count--;
}

/* ---- helpers ---------------------------------------------------------- */

/* Validates a next-hop handle of the caller's table: NO_ERROR with an
 * internal reference in *out, or ERROR_INVALID_HANDLE. */
static DWORD nexthop_lookup(struct rtm_entity *me, HANDLE handle, struct rtm_nexthop **out)
{
    *out = (struct rtm_nexthop *)rtm_lookup_in_table(me, handle, RTM_OBJ_NEXTHOP);
    return *out ? NO_ERROR : ERROR_INVALID_HANDLE;
}

/* Nonzero once the next hop has been deleted. Lock-free, so that it can be
 * asked while the caller holds another next hop's lock. */
static int nexthop_deleted(struct rtm_nexthop *nh)
{
    return rtm_atomic32_load(&nh->deleted) != 0;
}

/* Copies addr with the bits past NumBits cleared. */
static void canonical_address(RTM_NET_ADDRESS *out, const RTM_NET_ADDRESS *addr)
{
    out->AddressFamily = addr->AddressFamily;
    out->NumBits = addr->NumBits;
    rtm_prefix_canonicalize(out->AddrBits, addr->AddrBits, addr->NumBits, RTM_MAX_ADDRESS_SIZE);
}

/*
 * Resolves info->RemoteNextHop: NO_ERROR with *remote NULL or holding a new
 * client reference on that destination (of the caller's table), or
 * ERROR_INVALID_HANDLE / ERROR_NOT_ENOUGH_MEMORY.
 */
static DWORD remote_reference(struct rtm_entity *me, const RTM_NEXTHOP_INFO *info, HANDLE *remote)
{
    *remote = NULL;
    if (!info->RemoteNextHop)
        return NO_ERROR;
    struct rtm_object *dest = rtm_lookup_in_table(me, info->RemoteNextHop, RTM_OBJ_DEST);
    if (!dest)
        return ERROR_INVALID_HANDLE;
    DWORD status = rtm_give_handle(dest, remote);
    rtm_object_unref(dest);
    return status;
}

/*
 * Applies the updatable members of info (Flags, EntitySpecificInfo) and the
 * resolved RemoteNextHop to nh; the reference of the one replaced is dropped.
 */
static void nexthop_update(struct rtm_nexthop *nh, const RTM_NEXTHOP_INFO *info, HANDLE remote)
{
    HANDLE old;

    rtm_rwlock_lock_exclusive(&nh->lock.lock);
    old = nh->info.RemoteNextHop;
    nh->info.Flags = info->Flags;
    nh->info.EntitySpecificInfo = info->EntitySpecificInfo;
    nh->info.RemoteNextHop = remote;
    rtm_rwlock_unlock_exclusive(&nh->lock.lock);
    rtm_take_back_handle(old, RTM_OBJ_DEST);
}

/* Creates a next hop for me from info (owner lock held exclusively). */
static DWORD nexthop_create(struct rtm_entity *me, const RTM_NEXTHOP_INFO *info,
                            const RTM_NET_ADDRESS *key, struct rtm_nexthop **out)
{
    struct rtm_nexthop *nh = rtm_calloc(1, sizeof *nh);

    if (!nh)
        return ERROR_NOT_ENOUGH_MEMORY;
    nh->owner = me;
    rtm_client_lock_init(&nh->lock);
    nh->info.NextHopAddress = *key;
    nh->info.NextHopOwner = rtm_object_handle(&me->obj);
    nh->info.InterfaceIndex = info->InterfaceIndex;
    nh->info.State = RTM_NEXTHOP_STATE_CREATED;
    if (rtm_object_init(&nh->obj, RTM_OBJ_NEXTHOP, nexthop_free) != RTM_HANDLE_OK) {
        rtm_client_lock_destroy(&nh->lock);
        rtm_free(nh);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rtm_object_set_scope(&nh->obj, me->table->id);
    rtm_object_ref(&me->obj);
    if (index_insert(me, nh) != 0) {
        rtm_object_unref(&nh->obj);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *out = nh;
    return NO_ERROR;
}

/**
 * RtmAddNextHop - adds a next hop to the caller's next hops, or updates one
 * (spec/rtmv2/nf-rtmv2-rtmaddnexthop.md).
 *
 * @RtmRegHandle [in]       the caller's registration handle.
 * @NextHopInfo [in]        NextHopAddress (of the table's family) and
 *                          InterfaceIndex identify the next hop; Flags,
 *                          EntitySpecificInfo and RemoteNextHop (a
 *                          destination handle or NULL) are its values;
 *                          NextHopOwner and State are ignored.
 * @NextHopHandle [in, out] NULL: no handle wanted; pointer to NULL: receives
 *                          the next hop's handle (one client reference,
 *                          release with RtmReleaseNextHops); pointer to a
 *                          handle: that next hop is updated.
 * @ChangeFlags [out]       receives RTM_NEXTHOP_CHANGE_NEW when a next hop
 *                          was created, 0 when one was updated; may be NULL.
 *
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the handle given is another
 * entity's next hop; ERROR_INVALID_HANDLE for a bad registration, next-hop
 * or RemoteNextHop handle; ERROR_INVALID_PARAMETER when NextHopInfo is NULL
 * or its address is not of the table's family or too long;
 * ERROR_NOT_FOUND when the handle given is of a deleted next hop;
 * ERROR_NOT_ENOUGH_MEMORY. Takes the caller's entity lock exclusively, then
 * the next hop's lock.
 */
DWORD WINAPI RtmAddNextHop(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_NEXTHOP_INFO NextHopInfo,
                           PRTM_NEXTHOP_HANDLE NextHopHandle, PRTM_NEXTHOP_CHANGE_FLAGS ChangeFlags)
{
    RTM_DEBUG_API_ENTRY(RtmAddNextHop, RtmRegHandle,
                        (RtmRegHandle, NextHopInfo, NextHopHandle, ChangeFlags),
                        "%s, interface %u, handle %#llx",
                        NextHopInfo ? rtm_debug_addr(&NextHopInfo->NextHopAddress) : "(null)",
                        NextHopInfo ? RTM_DEBUG_U(NextHopInfo->InterfaceIndex) : 0u,
                        NextHopHandle ? RTM_DEBUG_H(*NextHopHandle) : 0ull);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh = NULL;
    RTM_NEXTHOP_CHANGE_FLAGS change = 0;
    RTM_NET_ADDRESS key;
    HANDLE remote = NULL;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!NextHopInfo || !rtm_table_address_ok(me->table, &NextHopInfo->NextHopAddress)) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    status = remote_reference(me, NextHopInfo, &remote);
    if (status != NO_ERROR) {
        rtm_entity_put(me);
        return status;
    }
    if (NextHopHandle && *NextHopHandle) {
        status = nexthop_lookup(me, *NextHopHandle, &nh);
        if (status == NO_ERROR && nh->owner != me)
            status = ERROR_ACCESS_DENIED;
        else if (status == NO_ERROR && nexthop_deleted(nh))
            status = ERROR_NOT_FOUND;
    } else {
        canonical_address(&key, &NextHopInfo->NextHopAddress);
        rtm_rwlock_lock_exclusive(&me->lock);
        nh = index_find(me, &key, NextHopInfo->InterfaceIndex);
        if (nh) {
            rtm_object_ref(&nh->obj);
            status = NO_ERROR;
        } else {
            status = nexthop_create(me, NextHopInfo, &key, &nh);
            if (status == NO_ERROR) {
                rtm_object_ref(&nh->obj);
                change = RTM_NEXTHOP_CHANGE_NEW;
            }
        }
        rtm_rwlock_unlock_exclusive(&me->lock);
        if (status == NO_ERROR && NextHopHandle)
            rtm_give_handle(&nh->obj, NextHopHandle);
    }
    if (status == NO_ERROR) {
        nexthop_update(nh, NextHopInfo, remote);
        if (ChangeFlags)
            *ChangeFlags = change;
    } else {
        rtm_take_back_handle(remote, RTM_OBJ_DEST);
    }
    if (nh)
        rtm_object_unref(&nh->obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmFindNextHop - finds one of the caller's next hops by address and
 * interface (spec/rtmv2/nf-rtmv2-rtmfindnexthop.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @NextHopInfo [in]     NextHopAddress and InterfaceIndex to look for.
 * @NextHopHandle [out]  receives the handle (one client reference), or NULL.
 * @NextHopPointer [out] receives a pointer to the next hop's own
 *                       RTM_NEXTHOP_INFO (read-only; valid while a handle is
 *                       held), or NULL.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when the caller owns no such next hop;
 * ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when NextHopInfo is NULL or its address is not of
 * the table's family. ERROR_ACCESS_DENIED is never returned: only the
 * caller's own next hops are searched. Takes the entity lock shared.
 */
DWORD WINAPI RtmFindNextHop(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_NEXTHOP_INFO NextHopInfo,
                            PRTM_NEXTHOP_HANDLE NextHopHandle, PRTM_NEXTHOP_INFO *NextHopPointer)
{
    RTM_DEBUG_API_ENTRY(RtmFindNextHop, RtmRegHandle,
                        (RtmRegHandle, NextHopInfo, NextHopHandle, NextHopPointer),
                        "%s, interface %u",
                        NextHopInfo ? rtm_debug_addr(&NextHopInfo->NextHopAddress) : "(null)",
                        NextHopInfo ? RTM_DEBUG_U(NextHopInfo->InterfaceIndex) : 0u);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh;
    RTM_NET_ADDRESS key;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!NextHopInfo || !rtm_table_address_ok(me->table, &NextHopInfo->NextHopAddress)) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    canonical_address(&key, &NextHopInfo->NextHopAddress);
    rtm_rwlock_lock_shared(&me->lock);
    nh = index_find(me, &key, NextHopInfo->InterfaceIndex);
    if (!nh)
        status = ERROR_NOT_FOUND;
    else if (NextHopHandle)
        status = rtm_give_handle(&nh->obj, NextHopHandle);
    if (status == NO_ERROR && NextHopPointer)
        *NextHopPointer = &nh->info;
    rtm_rwlock_unlock_shared(&me->lock);
    rtm_entity_put(me);
    return status;
}

/* Marks a next hop deleted in its public information. Called with no lock
 * held: the next hop's lock is never taken inside its owner's. */
static void mark_deleted(struct rtm_nexthop *nh)
{
    rtm_rwlock_lock_exclusive(&nh->lock.lock);
    nh->info.State = RTM_NEXTHOP_STATE_DELETED;
    rtm_rwlock_unlock_exclusive(&nh->lock.lock);
}

/* Takes nh out of its owner's index and marks it deleted. Returns 1 if this
 * call did it (the caller then drops the index's reference), 0 if it was
 * already deleted. */
static int nexthop_unindex(struct rtm_nexthop *nh)
{
    int done = 0;

    rtm_rwlock_lock_exclusive(&nh->owner->lock);
    if (nh->indexed) {
        index_remove(nh->owner, nh);
        done = 1;
    }
    rtm_rwlock_unlock_exclusive(&nh->owner->lock);
    if (done)
        mark_deleted(nh);
    return done;
}

/**
 * RtmDeleteNextHop - deletes one of the caller's next hops
 * (spec/rtmv2/nf-rtmv2-rtmdeletenexthop.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @NextHopHandle [in] the next hop to delete, or NULL to find it by
 *                     NextHopInfo. When given, the call also releases this
 *                     handle (the caller must not release it again).
 * @NextHopInfo [in]   NextHopAddress and InterfaceIndex of the next hop,
 *                     used when NextHopHandle is NULL.
 *
 * The next hop leaves the caller's next hops and its State becomes
 * RTM_NEXTHOP_STATE_DELETED; routes and handles that refer to it keep it
 * until they are released.
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the next hop is another
 * entity's; ERROR_NOT_FOUND when no such next hop exists or it was already
 * deleted; ERROR_INVALID_HANDLE for a bad registration or next-hop handle;
 * ERROR_INVALID_PARAMETER when both NextHopHandle and NextHopInfo are NULL
 * or the address is not of the table's family. ERROR_NOT_ENOUGH_MEMORY is
 * never returned: deletion allocates nothing. Takes the entity lock.
 */
DWORD WINAPI RtmDeleteNextHop(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NEXTHOP_HANDLE NextHopHandle,
                              PRTM_NEXTHOP_INFO NextHopInfo)
{
    RTM_DEBUG_API_ENTRY(RtmDeleteNextHop, RtmRegHandle, (RtmRegHandle, NextHopHandle, NextHopInfo),
                        "next hop %#llx", RTM_DEBUG_H(NextHopHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh = NULL;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (NextHopHandle) {
        status = nexthop_lookup(me, NextHopHandle, &nh);
        if (status == NO_ERROR && nh->owner != me)
            status = ERROR_ACCESS_DENIED;
    } else if (NextHopInfo && rtm_table_address_ok(me->table, &NextHopInfo->NextHopAddress)) {
        RTM_NET_ADDRESS key;
        canonical_address(&key, &NextHopInfo->NextHopAddress);
        rtm_rwlock_lock_shared(&me->lock);
        nh = index_find(me, &key, NextHopInfo->InterfaceIndex);
        if (nh)
            rtm_object_ref(&nh->obj);
        rtm_rwlock_unlock_shared(&me->lock);
        if (!nh)
            status = ERROR_NOT_FOUND;
    } else {
        status = ERROR_INVALID_PARAMETER;
    }
    if (status == NO_ERROR) {
        if (nexthop_unindex(nh)) {
            rtm_object_unref(&nh->obj);
            if (NextHopHandle)
                rtm_handle_release(NextHopHandle, RTM_OBJ_NEXTHOP);
        } else {
            status = ERROR_NOT_FOUND;
        }
    }
    if (nh)
        rtm_object_unref(&nh->obj);
    rtm_entity_put(me);
    return status;
}

void rtm_nexthops_delete_owned(struct rtm_entity *entity)
{
    struct rtm_nexthop *deleted = NULL;

    rtm_rwlock_lock_exclusive(&entity->lock);
    for (size_t b = 0; b < entity->nexthop_bucket_count; b++) {
        while (entity->nexthop_buckets[b]) {
            struct rtm_nexthop *nh = entity->nexthop_buckets[b];
            index_remove(entity, nh);
            nh->hash_next = deleted;
            deleted = nh;
        }
    }
    rtm_rwlock_unlock_exclusive(&entity->lock);
    while (deleted) {
        struct rtm_nexthop *next = deleted->hash_next;
        mark_deleted(deleted);
        rtm_object_unref(&deleted->obj);
        deleted = next;
    }
}

/**
 * RtmGetNextHopInfo - returns a copy of a next hop's information
 * (spec/rtmv2/nf-rtmv2-rtmgetnexthopinfo.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @NextHopHandle [in] a next hop of the caller's table (any owner).
 * @NextHopInfo [out]  receives the information; its NextHopOwner and
 *                     RemoteNextHop handles each hold a client reference:
 *                     release them with RtmReleaseNextHopInfo.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or next-hop
 * handle; ERROR_INVALID_PARAMETER when NextHopInfo is NULL. Takes the next
 * hop's lock shared.
 */
DWORD WINAPI RtmGetNextHopInfo(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NEXTHOP_HANDLE NextHopHandle,
                               PRTM_NEXTHOP_INFO NextHopInfo)
{
    RTM_DEBUG_API_ENTRY(RtmGetNextHopInfo, RtmRegHandle, (RtmRegHandle, NextHopHandle, NextHopInfo),
                        "next hop %#llx", RTM_DEBUG_H(NextHopHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = nexthop_lookup(me, NextHopHandle, &nh);
    if (status == NO_ERROR && !NextHopInfo)
        status = ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR) {
        rtm_rwlock_lock_shared(&nh->lock.lock);
        *NextHopInfo = nh->info;
        rtm_give_handle(&nh->owner->obj, &NextHopInfo->NextHopOwner);
        if (nh->info.RemoteNextHop) {
            struct rtm_object *dest = rtm_handle_lookup(nh->info.RemoteNextHop, RTM_OBJ_DEST);
            rtm_give_handle(dest, &NextHopInfo->RemoteNextHop);
            if (dest)
                rtm_object_unref(dest);
        }
        rtm_rwlock_unlock_shared(&nh->lock.lock);
    }
    if (status != ERROR_INVALID_HANDLE)
        rtm_object_unref(&nh->obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseNextHopInfo - releases the handles in an RTM_NEXTHOP_INFO filled
 * by RtmGetNextHopInfo (spec/rtmv2/nf-rtmv2-rtmreleasenexthopinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NextHopInfo [in]  the structure; its NextHopOwner and RemoteNextHop
 *                    handles each drop one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle in the structure is stale, already released or of another
 * table (the other is released all the same); ERROR_INVALID_PARAMETER when
 * NextHopInfo is NULL.
 */
DWORD WINAPI RtmReleaseNextHopInfo(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_NEXTHOP_INFO NextHopInfo)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseNextHopInfo, RtmRegHandle, (RtmRegHandle, NextHopInfo),
                        "info %#llx", RTM_DEBUG_H(NextHopInfo));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!NextHopInfo) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        if (rtm_release_in_table(me, NextHopInfo->NextHopOwner, RTM_OBJ_ENTITY) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
        if (rtm_release_in_table(me, NextHopInfo->RemoteNextHop, RTM_OBJ_DEST) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
    }
    rtm_entity_put(me);
    return status;
}

/**
 * RtmGetNextHopPointer - gives the owner of a next hop a read-only pointer
 * to its RTM_NEXTHOP_INFO (spec/rtmv2/nf-rtmv2-rtmgetnexthoppointer.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @NextHopHandle [in]   one of the caller's next hops.
 * @NextHopPointer [out] receives the pointer, valid while the caller holds a
 *                       handle of the next hop. No reference is taken.
 *
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the next hop is another
 * entity's; ERROR_INVALID_HANDLE for a bad registration or next-hop handle;
 * ERROR_INVALID_PARAMETER when NextHopPointer is NULL.
 */
DWORD WINAPI RtmGetNextHopPointer(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NEXTHOP_HANDLE NextHopHandle,
                                  PRTM_NEXTHOP_INFO *NextHopPointer)
{
    RTM_DEBUG_API_ENTRY(RtmGetNextHopPointer, RtmRegHandle,
                        (RtmRegHandle, NextHopHandle, NextHopPointer),
                        "next hop %#llx", RTM_DEBUG_H(NextHopHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = nexthop_lookup(me, NextHopHandle, &nh);
    if (status == NO_ERROR) {
        if (nh->owner != me)
            status = ERROR_ACCESS_DENIED;
        else if (!NextHopPointer)
            status = ERROR_INVALID_PARAMETER;
        else
            *NextHopPointer = &nh->info;
        rtm_object_unref(&nh->obj);
    }
    rtm_entity_put(me);
    return status;
}

/**
 * RtmLockNextHop - locks or unlocks one of the caller's next hops so that
 * the owner can change its information in place
 * (spec/rtmv2/nf-rtmv2-rtmlocknexthop.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @NextHopHandle [in]   one of the caller's next hops.
 * @Exclusive [in]       TRUE: exclusive (writer) mode; FALSE: shared.
 * @LockNextHop [in]     TRUE to lock, FALSE to unlock (in the mode it was
 *                       locked in).
 * @NextHopPointer [out] when locking, receives a pointer to the next hop's
 *                       RTM_NEXTHOP_INFO, or NULL when not wanted. The
 *                       owner may change Flags, EntitySpecificInfo and
 *                       RemoteNextHop while holding the lock exclusively,
 *                       not NextHopAddress or InterfaceIndex.
 *
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the next hop is another
 * entity's; ERROR_NOT_FOUND when locking a deleted next hop;
 * ERROR_INVALID_HANDLE for a bad registration or next-hop handle;
 * ERROR_INVALID_PARAMETER when unlocking a next hop not locked in that mode
 * through this function. The lock is the next hop's own, held until
 * unlocked: do not call other RTM functions on this next hop meanwhile.
 */
DWORD WINAPI RtmLockNextHop(RTM_ENTITY_HANDLE RtmRegHandle, RTM_NEXTHOP_HANDLE NextHopHandle,
                            WINBOOL Exclusive, WINBOOL LockNextHop,
                            PRTM_NEXTHOP_INFO *NextHopPointer)
{
    RTM_DEBUG_API_ENTRY(RtmLockNextHop, RtmRegHandle,
                        (RtmRegHandle, NextHopHandle, Exclusive, LockNextHop, NextHopPointer),
                        "next hop %#llx, exclusive %d, lock %d", RTM_DEBUG_H(NextHopHandle),
                        (int)Exclusive, (int)LockNextHop);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_nexthop *nh;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = nexthop_lookup(me, NextHopHandle, &nh);
    if (status == NO_ERROR) {
        if (nh->owner != me) {
            status = ERROR_ACCESS_DENIED;
        } else if (!LockNextHop) {
            if (rtm_client_lock_release(&nh->lock, Exclusive) != 0)
                status = ERROR_INVALID_PARAMETER;
        } else if (nexthop_deleted(nh)) {
            status = ERROR_NOT_FOUND;
        } else {
            rtm_client_lock_acquire(&nh->lock, Exclusive);
            if (NextHopPointer)
                *NextHopPointer = &nh->info;
        }
        RTM_DEBUG_LOCK(&nh->obj, Exclusive, LockNextHop, status);
        rtm_object_unref(&nh->obj);
    }
    rtm_entity_put(me);
    return status;
}
