/*
 * method_api.c - entity methods through the API: RtmGetEntityMethods,
 * RtmInvokeMethod and RtmBlockMethods (method.h has what they share with
 * the entity: its list of methods and their lock).
 */
#include <stddef.h>
#include <string.h>

#include "entity.h"

/* Bytes of an RTM_ENTITY_METHOD_OUTPUT before its data. */
#define OUTPUT_HEADER offsetof(RTM_ENTITY_METHOD_OUTPUT, OutputData)
/* Each output in RtmInvokeMethod's array starts at a multiple of this. */
#define OUTPUT_ALIGN _Alignof(RTM_ENTITY_METHOD_OUTPUT)

/*
 * Looks up the target entity of RtmGetEntityMethods / RtmInvokeMethod for
 * the caller: returns NO_ERROR with *target referenced (drop it with
 * rtm_entity_put), or ERROR_INVALID_HANDLE when either handle is bad or the
 * target is not registered. *caller is referenced too on success.
 */
static DWORD get_target(RTM_ENTITY_HANDLE reg, RTM_ENTITY_HANDLE handle,
                        struct rtm_entity **caller, struct rtm_entity **target)
{
    struct rtm_entity *me = rtm_entity_get(reg);
    struct rtm_object *obj;

    if (!me)
        return ERROR_INVALID_HANDLE;
    obj = rtm_lookup_in_table(me, handle, RTM_OBJ_ENTITY);
    if (obj && !rtm_atomic32_load(&((struct rtm_entity *)obj)->registered)) {
        rtm_object_unref(obj);
        obj = NULL;
    }
    if (!obj) {
        rtm_entity_put(me);
        return ERROR_INVALID_HANDLE;
    }
    *caller = me;
    *target = (struct rtm_entity *)obj;
    return NO_ERROR;
}

/**
 * RtmGetEntityMethods - returns the methods a registered entity exports
 * (spec/rtmv2/nf-rtmv2-rtmgetentitymethods.md).
 *
 * @RtmRegHandle [in]     the caller's registration handle.
 * @EntityHandle [in]     a registered entity of the caller's table (the
 *                        caller itself included).
 * @NumMethods [in, out]  in: the capacity of ExptMethods, or 0 to ask only
 *                        how many methods there are; out: the number of
 *                        methods exported, or, with ERROR_INSUFFICIENT_BUFFER,
 *                        the number copied (the capacity, unchanged).
 * @ExptMethods [out]     receives the methods in export order: entry i is
 *                        the method of bit i of a MethodType mask. May be
 *                        NULL when *NumMethods is 0. Use the methods only
 *                        through RtmInvokeMethod.
 *
 * Returns NO_ERROR (also for a count query, *NumMethods in = 0);
 * ERROR_INSUFFICIENT_BUFFER when the capacity is nonzero but smaller than
 * the number of methods: the first *NumMethods are copied;
 * ERROR_INVALID_HANDLE for a bad registration or entity handle, or an entity
 * that has deregistered; ERROR_INVALID_PARAMETER when NumMethods is NULL, or
 * ExptMethods is NULL with a nonzero capacity (nothing changes). Takes no
 * lock: an entity's methods never change after registration.
 */
DWORD WINAPI RtmGetEntityMethods(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENTITY_HANDLE EntityHandle,
                                 PUINT NumMethods, PRTM_ENTITY_EXPORT_METHOD ExptMethods)
{
    RTM_DEBUG_API_ENTRY(RtmGetEntityMethods, RtmRegHandle,
                        (RtmRegHandle, EntityHandle, NumMethods, ExptMethods),
                        "entity %#llx", RTM_DEBUG_H(EntityHandle));
    struct rtm_entity *me, *target;
    DWORD status = get_target(RtmRegHandle, EntityHandle, &me, &target);
    UINT count;

    if (status != NO_ERROR)
        return status;
    count = target->methods.count;
    if (!NumMethods || (*NumMethods && !ExptMethods)) {
        status = ERROR_INVALID_PARAMETER;
    } else if (*NumMethods == 0) {
        *NumMethods = count;
    } else {
        UINT n = *NumMethods < count ? *NumMethods : count;
        if (n)
            memcpy(ExptMethods, target->methods.list, n * sizeof *ExptMethods);
        if (*NumMethods < count)
            status = ERROR_INSUFFICIENT_BUFFER;
        else
            *NumMethods = count;
    }
    rtm_entity_put(target);
    rtm_entity_put(me);
    return status;
}

/*
 * Runs the methods of target selected by mask, filling the output array
 * (RtmInvokeMethod below); the caller holds target's method lock shared.
 */
static DWORD run_methods(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                         const struct rtm_methods *m, PRTM_ENTITY_METHOD_INPUT input,
                         RTM_ENTITY_METHOD_TYPE mask, PUINT output_size, UCHAR *output)
{
    size_t size = *output_size, next = 0, used = 0;
    DWORD status = NO_ERROR;

    for (UINT i = 0; i < m->count; i++) {
        RTM_ENTITY_METHOD_OUTPUT *out;
        size_t room;

        if (!(mask & (1u << i)))
            continue;
        if (next > size || size - next < OUTPUT_HEADER) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        room = size - next - OUTPUT_HEADER;
        out = (RTM_ENTITY_METHOD_OUTPUT *)(output + next);
        out->MethodType = 1u << i;
        out->MethodStatus = NO_ERROR;
        out->OutputSize = (UINT)room;
        m->list[i](caller, callee, input, out);
        if (out->OutputSize > room)
            out->OutputSize = (UINT)room;
        used = next + OUTPUT_HEADER + out->OutputSize;
        next = (used + OUTPUT_ALIGN - 1) / OUTPUT_ALIGN * OUTPUT_ALIGN;
    }
    *output_size = (UINT)used;
    return status;
}

/**
 * RtmInvokeMethod - runs methods another entity (or the caller itself)
 * exports (spec/rtmv2/nf-rtmv2-rtminvokemethod.md,
 * spec/rras/using-methods.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle; given to each
 *                       method as CallerHandle.
 * @EntityHandle [in]    a registered entity of the caller's table; given to
 *                       each method as CalleeHandle.
 * @Input [in]           Input->MethodType selects the methods, bit i for the
 *                       entity's method i (METHOD_TYPE_ALL_METHODS: all);
 *                       bits of methods the entity does not export are
 *                       ignored. Input itself is passed to every method.
 * @OutputSize [in, out] in: the size of Output in bytes; out: the bytes of
 *                       Output filled (0 when no method ran).
 * @Output [out]         receives one RTM_ENTITY_METHOD_OUTPUT per method
 *                       run, in increasing bit order, each one
 *                       FIELD_OFFSET(RTM_ENTITY_METHOD_OUTPUT, OutputData)
 *                       bytes of header plus its OutputSize bytes of data;
 *                       the next starts at the following multiple of 4 bytes
 *                       (the structure's alignment). Before a method runs,
 *                       its MethodType is set to the method's bit,
 *                       MethodStatus to NO_ERROR and OutputSize to the bytes
 *                       of room left after the header; the method writes its
 *                       data and status and sets OutputSize to the bytes it
 *                       wrote (if it leaves it, it has used all the room; a
 *                       larger value counts as the room).
 *
 * The methods run one after another in the calling thread, with no lock of
 * the library held except the target's method lock, held shared: while the
 * target has blocked its methods (RtmBlockMethods), the call waits until
 * they are resumed. Methods may call any RTM function, including
 * RtmInvokeMethod, but not RtmBlockMethods or RtmDeregisterEntity for their
 * own entity (these wait for the invocations in flight). Do not invoke
 * while holding a destination, route or next-hop lock the target's methods
 * may need, nor invoke your own methods while you keep them blocked.
 *
 * Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER when a selected method's
 * header did not fit in what was left of Output: that method and the ones
 * after it did not run, the outputs of those that ran are in Output and
 * *OutputSize; ERROR_INVALID_HANDLE for a bad registration or entity
 * handle, or a target that has deregistered (or deregisters while the call
 * waits for a block: no method runs once deregistration has begun);
 * ERROR_INVALID_PARAMETER when Input, OutputSize or Output is NULL.
 */
DWORD WINAPI RtmInvokeMethod(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENTITY_HANDLE EntityHandle,
                             PRTM_ENTITY_METHOD_INPUT Input, PUINT OutputSize,
                             PRTM_ENTITY_METHOD_OUTPUT Output)
{
    RTM_DEBUG_API_ENTRY(RtmInvokeMethod, RtmRegHandle,
                        (RtmRegHandle, EntityHandle, Input, OutputSize, Output),
                        "entity %#llx, methods %#x", RTM_DEBUG_H(EntityHandle),
                        Input ? RTM_DEBUG_U(Input->MethodType) : 0u);
    struct rtm_entity *me, *target;
    DWORD status = get_target(RtmRegHandle, EntityHandle, &me, &target);

    if (status != NO_ERROR)
        return status;
    if (!Input || !OutputSize || !Output) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        RTM_ENTITY_METHOD_TYPE mask = Input->MethodType;
        rtm_rwlock_lock_shared(&target->methods.block.lock);
        if (rtm_atomic32_load(&target->registered))
            status = run_methods(RtmRegHandle, EntityHandle, &target->methods, Input, mask,
                                 OutputSize, (UCHAR *)Output);
        else
            status = ERROR_INVALID_HANDLE;
        rtm_rwlock_unlock_shared(&target->methods.block.lock);
    }
    rtm_entity_put(target);
    rtm_entity_put(me);
    return status;
}

/* RTM_BLOCK_METHODS for a registered entity (RtmBlockMethods below). */
static DWORD block_methods(struct rtm_entity *me)
{
    struct rtm_client_lock *block = &me->methods.block;

    /* The same thread blocking twice would wait for itself for ever. */
    if (rtm_client_lock_held_exclusive(block))
        return ERROR_INVALID_PARAMETER;
    rtm_client_lock_acquire(block, 1);
    /* Deregistration may have begun meanwhile: it would not see this block
     * if it looked before the acquisition, so it must not stay. */
    if (!rtm_atomic32_load(&me->registered)) {
        rtm_client_lock_release(block, 1);
        return ERROR_INVALID_HANDLE;
    }
    return NO_ERROR;
}

/**
 * RtmBlockMethods - blocks or resumes the invocation of the caller's
 * methods (spec/rtmv2/nf-rtmv2-rtmblockmethods.md,
 * spec/rras/using-methods.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @TargetHandle [in] must be NULL (all the caller's methods): blocking the
 *                    methods of one destination, route or next hop is not
 *                    supported, as documented.
 * @TargetType [in]   ignored (it only qualifies TargetHandle).
 * @BlockingFlag [in] RTM_BLOCK_METHODS or RTM_RESUME_METHODS.
 *
 * RTM_BLOCK_METHODS takes the caller's method lock exclusively: it waits
 * until the invocations in flight have returned, and from then on
 * RtmInvokeMethod on the caller waits, until RTM_RESUME_METHODS (from any
 * thread of the caller) or deregistration, which lifts a block left in
 * place. Blocks do not nest. Block only briefly, not from within one of
 * your own methods, and not while holding a destination, route or next-hop
 * lock your methods may need.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle
 * (also when the caller deregisters while the block waits);
 * ERROR_NOT_SUPPORTED when TargetHandle is not NULL; ERROR_INVALID_PARAMETER
 * when BlockingFlag is neither value, when blocking methods the caller has
 * already blocked, or when resuming methods that are not blocked. Nothing
 * changes on error.
 */
DWORD WINAPI RtmBlockMethods(RTM_ENTITY_HANDLE RtmRegHandle, HANDLE TargetHandle,
                             UCHAR TargetType, DWORD BlockingFlag)
{
    RTM_DEBUG_API_ENTRY(RtmBlockMethods, RtmRegHandle,
                        (RtmRegHandle, TargetHandle, TargetType, BlockingFlag),
                        "target %#llx, type %u, flag %u", RTM_DEBUG_H(TargetHandle),
                        RTM_DEBUG_U(TargetType), RTM_DEBUG_U(BlockingFlag));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    (void)TargetType;
    if (!me)
        return ERROR_INVALID_HANDLE;
    if (TargetHandle)
        status = ERROR_NOT_SUPPORTED;
    else if (BlockingFlag == RTM_BLOCK_METHODS)
        status = block_methods(me);
    else if (BlockingFlag == RTM_RESUME_METHODS)
        status = rtm_client_lock_release(&me->methods.block, 1) ? ERROR_INVALID_PARAMETER : NO_ERROR;
    else
        status = ERROR_INVALID_PARAMETER;
    rtm_entity_put(me);
    return status;
}
