/*
 * fuzz_ops_entity.c - operations on entities: registration, the entity
 * list and information, methods, destination locks and opaque pointers;
 * and the callbacks and methods the harness's entities export.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "fuzz_mgm.h"

/* ---- callbacks and methods --------------------------------------------- */

static DWORD WINAPI cb_delete(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID c1, PVOID c2)
{
    (void)reg, (void)c1, (void)c2;
    return type == RTM_ROUTE_EXPIRED ? ERROR_NOT_SUPPORTED : NO_ERROR;
}

/* Handles an expired route itself: keeps it, releases the handle lent. */
static DWORD WINAPI cb_keep(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID c1, PVOID c2)
{
    (void)c2;
    if (type == RTM_ROUTE_EXPIRED) {
        HANDLE h = c1;
        DWORD code = RtmReleaseRoutes(reg, 1, &h);
        if (code != NO_ERROR)
            fz_fail("RtmReleaseRoutes of an expired route's handle in its callback: %lu",
                    (unsigned long)code);
    }
    return NO_ERROR;
}

RTM_EVENT_CALLBACK fz_callback(unsigned kind)
{
    return kind == 1 ? cb_delete : kind == 2 ? cb_keep : NULL;
}

/* What method i writes: InputData[0] % 40 bytes (7 without input) of
 * 0xA0 + i, no more than the room it is given. */
static void run_method(int i, RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    UINT want = input->InputSize ? input->InputData[0] % 40u : 7u;

    if (output->MethodType != (1u << i) || output->MethodStatus != NO_ERROR)
        fz_fail("method %d called with MethodType %#lx", i, (unsigned long)output->MethodType);
    if (want > output->OutputSize)
        want = output->OutputSize;
    memset(output->OutputData, 0xA0 + i, want);
    output->OutputSize = want;
    output->MethodStatus = (DWORD)i;
}

#define METHOD(i)                                                                           \
    static VOID WINAPI method##i(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,        \
                                 RTM_ENTITY_METHOD_INPUT *input,                            \
                                 RTM_ENTITY_METHOD_OUTPUT *output)                          \
    {                                                                                       \
        (void)caller, (void)callee;                                                         \
        run_method(i, input, output);                                                       \
    }
METHOD(0)
METHOD(1)
METHOD(2)
METHOD(3)

static RTM_ENTITY_EXPORT_METHOD methods[4];

void fz_methods_init(void)
{
    methods[0] = method0;
    methods[1] = method1;
    methods[2] = method2;
    methods[3] = method3;
}

/* ---- registration ------------------------------------------------------- */

static void op_register(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_PARAMETER, ERROR_INVALID_DATA,
                                        ERROR_ALREADY_EXISTS, ERROR_NO_SYSTEM_RESOURCES,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    static const USHORT families[8] = { AF_INET, AF_INET, AF_INET, AF_INET6, AF_INET6, AF_INET6,
                                        0, 0xFFFF };
    RTM_ENTITY_INFO info = { 0 };
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_EXPORT_METHODS *exported = NULL;
    HANDLE h = NULL;
    unsigned msel = fz_below(in, 8), cb = fz_below(in, 3), nulls = fz_below(in, 32);
    int opaque = fz_u8(in) & 1, slot = -1, table, reserved = 0;
    UINT nmethods = 0;
    DWORD code, expected = NO_ERROR;

    fz.op = "register";
    for (int i = 0; i < FZ_ENTITIES && slot < 0; i++)
        if (fz.ent[i].state == FZ_FREE)
            slot = i;
    for (int i = 0; i < FZ_ENTITIES && slot < 0; i++)
        if (fz.ent[i].state == FZ_GONE)
            slot = i;
    info.RtmInstanceId = (USHORT)fz_below(in, 2);
    info.AddressFamily = families[fz_below(in, 8)];
    info.EntityId.EntityProtocolId = 1 + fz_below(in, 3);
    info.EntityId.EntityInstanceId = fz_below(in, 2);
    if (slot < 0)
        return;
    if (msel >= 3) {
        UINT n = msel == 6 ? 33 : msel == 7 ? 2 : fz_below(in, 5);
        exported = malloc(offsetof(RTM_ENTITY_EXPORT_METHODS, Methods) + (n ? n : 1) * sizeof(methods[0]));
        exported->NumMethods = n;
        for (UINT i = 0; i < n; i++)
            exported->Methods[i] = methods[i % 4];
        if (msel == 7)
            exported->Methods[1] = NULL;
        if (msel < 6)
            nmethods = n;
    }
    table = fz_table_of(info.RtmInstanceId, info.AddressFamily);
    for (int i = 0; i < FZ_ENTITIES; i++)
        reserved += fz_registered(i) && fz.ent[i].table == table && fz.ent[i].opaque;
    if (nulls < 3)
        expected = ERROR_INVALID_PARAMETER;
    else if (msel >= 6)
        expected = ERROR_INVALID_DATA;
    else if (table < 0)
        expected = ERROR_INVALID_PARAMETER;
    else {
        for (int i = 0; i < FZ_ENTITIES; i++)
            if (fz_registered(i) && fz.ent[i].table == table &&
                fz.ent[i].info.EntityId.EntityId == info.EntityId.EntityId)
                expected = ERROR_ALREADY_EXISTS;
        if (expected == NO_ERROR && opaque && reserved >= 16)
            expected = ERROR_NO_SYSTEM_RESOURCES;
    }
    code = RtmRegisterEntity(nulls == 0 ? NULL : &info, exported, fz_callback(cb), opaque,
                             nulls == 1 ? NULL : &profile, nulls == 2 ? NULL : &h);
    free(exported);
    fz_check_documented("RtmRegisterEntity", code, documented);
    fz_expect("RtmRegisterEntity", code, expected, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (!h || profile.MaxNextHopsInRoute != 4 || profile.MaxHandlesInEnum != 100 ||
        profile.ViewsSupported != (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST) ||
        profile.NumberOfViews != 2)
        fz_fail("registration profile or handle wrong");
    /* What the pool knew of the slot's former entity is not this one's. */
    for (int i = 0; i < fz.npool; i++)
        if (fz.pool[i].owner == slot && !fz.pool[i].live)
            fz.pool[i].owner = -1;
    fz.ent[slot].state = FZ_REGISTERED;
    fz.ent[slot].h = h;
    fz.ent[slot].table = table;
    fz.ent[slot].info = info;
    fz.ent[slot].opaque = opaque;
    fz.ent[slot].methods = nmethods;
    fz.ent[slot].blocked = 0;
}

/* What deregistering entity slot ends in the harness's books. */
static void entity_gone(int slot)
{
    fz.ent[slot].state = FZ_GONE;
    fz_entity_gone(slot);
    for (int i = 0; i < fz.npool; i++) {
        struct fz_handle *rec = &fz.pool[i];
        if (rec->owner == slot && rec->live) {
            if (rec->type == RTM_OBJ_NOTIFY)
                fz.notifications[fz.ent[slot].table]--;
            rec->live = 0;
        }
    }
}

static void op_deregister(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    DWORD code;

    fz.op = "deregister";
    code = RtmDeregisterEntity(reg);
    fz_check_documented("RtmDeregisterEntity", code, documented);
    fz_expect("RtmDeregisterEntity", code, fz_registered(slot) ? NO_ERROR : ERROR_INVALID_HANDLE,
              NULL, 0);
    if (code == NO_ERROR)
        entity_gone(slot);
}

void fz_deregister_all(void)
{
    for (int i = 0; i < FZ_ENTITIES; i++) {
        if (!fz_registered(i))
            continue;
        fz.op = "deregister (end of input)";
        if (RtmDeregisterEntity(fz.ent[i].h) != NO_ERROR)
            fz_fail("RtmDeregisterEntity of a registered entity failed");
        entity_gone(i);
    }
}

/* The entities registered in a table: the harness's, and the MGM's in
 * table 0 (instance 0, AF_INET) while it is registered (fuzz_mgm.h). */
static int registered_in(int table)
{
    int n = table == 0 && fzm.rtm_entity;

    for (int i = 0; i < FZ_ENTITIES; i++)
        n += fz_registered(i) && fz.ent[i].table == table;
    return n;
}

/* Checks an entity RtmGetRegisteredEntities returned that is not the
 * harness's: the MGM's, whose handle is released at once. */
static void mgm_entity(HANDLE reg, HANDLE h, int table)
{
    RTM_ENTITY_INFO info;

    if (table != 0 || !fzm.rtm_entity || RtmGetEntityInfo(reg, h, &info) != NO_ERROR ||
        info.EntityId.EntityProtocolId != MGM_RTM_PROTOCOL_ID || info.EntityId.EntityInstanceId)
        fz_fail("RtmGetRegisteredEntities returned a handle of no registered entity");
    if (RtmReleaseEntityInfo(reg, &info) != NO_ERROR || RtmReleaseEntities(reg, 1, &h) != NO_ERROR)
        fz_fail("cannot release the MGM's entity");
}

static void op_get_entities(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_INSUFFICIENT_BUFFER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    UINT cap = fz_below(in, 10), n = cap, count;
    unsigned mode = fz_below(in, 16);
    HANDLE *hs = mode & 1 ? NULL : malloc((cap ? cap : 1) * sizeof *hs);
    RTM_ENTITY_INFO *infos = mode & 2 ? NULL : malloc((cap ? cap : 1) * sizeof *infos);
    DWORD code, expected;

    fz.op = "get registered entities";
    code = RtmGetRegisteredEntities(reg, mode == 15 ? NULL : &n, hs, infos);
    fz_check_documented("RtmGetRegisteredEntities", code, documented);
    count = fz_registered(slot) ? (UINT)registered_in(fz.ent[slot].table) : 0;
    expected = !fz_registered(slot) ? ERROR_INVALID_HANDLE : mode == 15 ? ERROR_INVALID_PARAMETER :
               cap < count ? ERROR_INSUFFICIENT_BUFFER : NO_ERROR;
    fz_expect("RtmGetRegisteredEntities", code, expected, NULL, 0);
    if ((code == NO_ERROR || code == ERROR_INSUFFICIENT_BUFFER) && n != count)
        fz_fail("RtmGetRegisteredEntities counted %u entities, the harness %u", n, count);
    for (UINT i = 0; code == NO_ERROR && i < n; i++) {
        int e = -1;
        if (hs) {
            e = fz_ent_of_handle(hs[i]);
            if (e < 0) {
                mgm_entity(reg, hs[i], fz.ent[slot].table);
                continue;
            }
            fz_got(hs[i], RTM_OBJ_ENTITY, fz.ent[slot].table, 1);
        }
        if (hs && (e < 0 || !fz_registered(e) || fz.ent[e].table != fz.ent[slot].table))
            fz_fail("RtmGetRegisteredEntities returned a handle of no registered entity");
        if (infos && hs && infos[i].EntityId.EntityId != fz.ent[e].info.EntityId.EntityId)
            fz_fail("RtmGetRegisteredEntities: information of another entity");
    }
    free(hs);
    free(infos);
}

static void op_release_entities(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot, plan;
    HANDLE reg = fz_pick_caller(in, &slot), hs[3];
    UINT n = fz_below(in, 4);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    int null_array = n && fz_below(in, 16) == 0;
    DWORD code;

    fz.op = "release entities";
    for (UINT i = 0; i < n; i++)
        hs[i] = fz_pick(in, RTM_OBJ_ENTITY, table);
    plan = null_array || !fz_registered(slot) ? FZ_REL_INVALID : fz_release_plan(hs, (int)n, RTM_OBJ_ENTITY, table, 0);
    if (plan == FZ_REL_UNSAFE)
        return;
    code = RtmReleaseEntities(reg, n, null_array ? NULL : hs);
    fz_check_documented("RtmReleaseEntities", code, documented);
    if (!fz_registered(slot))
        fz_expect("RtmReleaseEntities", code, ERROR_INVALID_HANDLE, NULL, 0);
    else if (null_array)
        fz_expect("RtmReleaseEntities", code, ERROR_INVALID_PARAMETER, NULL, 0);
    else
        fz_expect("RtmReleaseEntities", code, plan == FZ_REL_OK ? NO_ERROR : ERROR_INVALID_HANDLE,
                  NULL, 0);
    if (fz_registered(slot) && !null_array)
        fz_release_apply(hs, (int)n, RTM_OBJ_ENTITY, table);
}

/* An entity handle to act on: mostly a registration handle. */
static HANDLE pick_entity(struct fz_in *in, int table)
{
    unsigned s = fz_u8(in);

    if (s < 160)
        for (int k = 0; k < FZ_ENTITIES; k++)
            if (fz_registered((int)(s + k) % FZ_ENTITIES))
                return fz.ent[(s + k) % FZ_ENTITIES].h;
    return fz_pick(in, RTM_OBJ_ENTITY, table);
}

static void op_entity_info(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE target = pick_entity(in, table);
    unsigned nulls = fz_below(in, 16);
    RTM_ENTITY_INFO info;
    DWORD code, expected;
    int e = fz_ent_of_handle(target);

    fz.op = "entity info";
    code = RtmGetEntityInfo(reg, target, nulls == 0 ? NULL : &info);
    fz_check_documented("RtmGetEntityInfo", code, documented);
    expected = !fz_registered(slot) || !fz_valid_in(target, RTM_OBJ_ENTITY, table) ? ERROR_INVALID_HANDLE :
               nulls == 0 ? ERROR_INVALID_PARAMETER : NO_ERROR;
    fz_expect("RtmGetEntityInfo", code, expected, &target, 1);
    if (code == NO_ERROR && e >= 0 && info.EntityId.EntityId != fz.ent[e].info.EntityId.EntityId)
        fz_fail("RtmGetEntityInfo: information of another entity");
    code = RtmReleaseEntityInfo(reg, nulls == 1 ? NULL : &info);
    fz_check_documented("RtmReleaseEntityInfo", code, documented);
    fz_expect("RtmReleaseEntityInfo", code, !fz_registered(slot) ? ERROR_INVALID_HANDLE :
              nulls == 1 ? ERROR_INVALID_PARAMETER : NO_ERROR, NULL, 0);
}

/* ---- methods -------------------------------------------------------------- */

/* The registered entity of table behind a handle, or -1. */
static int registered_target(HANDLE h, int table)
{
    int e = fz_ent_of_handle(h);

    return fz_registered(e) && fz.ent[e].table == table ? e : -1;
}

static void op_get_methods(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_INSUFFICIENT_BUFFER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE target = pick_entity(in, table);
    UINT cap = fz_below(in, 6), n = cap;
    unsigned mode = fz_below(in, 16);
    RTM_ENTITY_EXPORT_METHOD *buf = mode == 1 ? NULL : malloc((cap ? cap : 1) * sizeof *buf);
    int e = fz_registered(slot) ? registered_target(target, table) : -1;
    DWORD code, expected;

    fz.op = "get entity methods";
    code = RtmGetEntityMethods(reg, target, mode == 0 ? NULL : &n, buf);
    fz_check_documented("RtmGetEntityMethods", code, documented);
    if (e < 0)
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 0 || (mode == 1 && cap))
        expected = ERROR_INVALID_PARAMETER;
    else if (cap && cap < fz.ent[e].methods)
        expected = ERROR_INSUFFICIENT_BUFFER;
    else
        expected = NO_ERROR;
    fz_expect("RtmGetEntityMethods", code, expected, NULL, 0);
    if (code == NO_ERROR && n != fz.ent[e].methods)
        fz_fail("RtmGetEntityMethods: %u methods, the entity exports %u", n, fz.ent[e].methods);
    for (UINT i = 0; (code == NO_ERROR || code == ERROR_INSUFFICIENT_BUFFER) && buf && i < n &&
                     i < cap && i < fz.ent[e].methods; i++)
        if (buf[i] != methods[i % 4])
            fz_fail("RtmGetEntityMethods: method %u is not the one exported", i);
    free(buf);
}

static void op_invoke(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_INSUFFICIENT_BUFFER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE target = pick_entity(in, table);
    UINT isize = fz_below(in, 4), size = fz_below(in, 80), out_size = size;
    unsigned nulls = fz_below(in, 32);
    RTM_ENTITY_METHOD_TYPE mask = fz_u8(in) == 0 ? METHOD_TYPE_ALL_METHODS : fz_u8(in);
    int e = fz_registered(slot) ? registered_target(target, table) : -1;
    RTM_ENTITY_METHOD_INPUT *input;
    UCHAR *output;
    size_t next = 0, used = 0;
    DWORD code, expected = NO_ERROR;

    fz.op = "invoke method";
    if (e >= 0 && fz.ent[e].blocked)
        return; /* would wait for ever: the only thread is the blocker */
    input = malloc(offsetof(RTM_ENTITY_METHOD_INPUT, InputData) + (isize ? isize : 1));
    input->MethodType = mask;
    input->InputSize = isize;
    for (UINT i = 0; i < isize; i++)
        input->InputData[i] = fz_u8(in);
    output = malloc(size ? size : 1);
    if (e >= 0) {
        for (UINT i = 0; i < fz.ent[e].methods; i++) {
            UINT want;
            if (!(mask & (1u << i)))
                continue;
            if (next > size || size - next < 12) {
                expected = ERROR_INSUFFICIENT_BUFFER;
                break;
            }
            want = isize ? input->InputData[0] % 40u : 7u;
            if (want > size - next - 12)
                want = (UINT)(size - next - 12);
            used = next + 12 + want;
            next = (used + 3) / 4 * 4;
        }
    }
    code = RtmInvokeMethod(reg, target, nulls == 0 ? NULL : input, nulls == 1 ? NULL : &out_size,
                           nulls == 2 ? NULL : (RTM_ENTITY_METHOD_OUTPUT *)output);
    fz_check_documented("RtmInvokeMethod", code, documented);
    if (e < 0)
        expected = ERROR_INVALID_HANDLE;
    else if (nulls < 3)
        expected = ERROR_INVALID_PARAMETER;
    fz_expect("RtmInvokeMethod", code, expected, NULL, 0);
    if ((code == NO_ERROR || code == ERROR_INSUFFICIENT_BUFFER) && out_size != used)
        fz_fail("RtmInvokeMethod filled %u bytes, expected %zu", out_size, used);
    free(input);
    free(output);
}

static void op_block(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_SUPPORTED, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    unsigned sel = fz_below(in, 16);
    DWORD flag = sel < 7 ? RTM_BLOCK_METHODS : sel < 14 ? RTM_RESUME_METHODS : 2 + sel;
    HANDLE target = sel == 6 ? fz_pick(in, RTM_OBJ_DEST, 0) : NULL;
    DWORD code, expected;

    fz.op = "block methods";
    code = RtmBlockMethods(reg, target, RTM_OBJ_DEST, flag);
    fz_check_documented("RtmBlockMethods", code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (target)
        expected = ERROR_NOT_SUPPORTED;
    else if (flag == RTM_BLOCK_METHODS)
        expected = fz.ent[slot].blocked ? ERROR_INVALID_PARAMETER : NO_ERROR;
    else if (flag == RTM_RESUME_METHODS)
        expected = fz.ent[slot].blocked ? NO_ERROR : ERROR_INVALID_PARAMETER;
    else
        expected = ERROR_INVALID_PARAMETER;
    fz_expect("RtmBlockMethods", code, expected, NULL, 0);
    if (code == NO_ERROR)
        fz.ent[slot].blocked = flag == RTM_BLOCK_METHODS;
}

/* ---- destination locks and opaque pointers ---------------------------------- */

static void op_lock_dest(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    static const DWORD opaque_documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                               ERROR_NOT_FOUND, ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE dest = fz_pick(in, RTM_OBJ_DEST, table);
    unsigned mode = fz_u8(in);
    BOOL excl = mode & 1;
    int valid = fz_registered(slot) && fz_valid_in(dest, RTM_OBJ_DEST, table);
    DWORD code;

    fz.op = "lock destination";
    if (valid && fz_unheld(dest))
        return; /* could die while locked; the unlock needs it */
    if (mode & 2) {
        /* Unlocking what is not locked. */
        code = RtmLockDestination(reg, dest, excl, FALSE);
        fz_check_documented("RtmLockDestination", code, documented);
        fz_expect("RtmLockDestination (unlock)", code, valid ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE,
                  NULL, 0);
        return;
    }
    code = RtmLockDestination(reg, dest, excl, TRUE);
    fz_check_documented("RtmLockDestination", code, documented);
    fz_expect("RtmLockDestination", code, valid ? NO_ERROR : ERROR_INVALID_HANDLE, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (mode & 4) {
        PVOID *p = NULL;
        int nul = (mode & 0x30) == 0x30;
        code = RtmGetOpaqueInformationPointer(reg, dest, nul ? NULL : (PVOID *)&p);
        fz_check_documented("RtmGetOpaqueInformationPointer", code, opaque_documented);
        fz_expect("RtmGetOpaqueInformationPointer", code, nul ? ERROR_INVALID_PARAMETER :
                  fz.ent[slot].opaque ? NO_ERROR : ERROR_NOT_FOUND, NULL, 0);
        if (code == NO_ERROR && excl) {
            *p = &fz.ent[slot];
            if (*p != &fz.ent[slot])
                fz_fail("opaque pointer does not keep its value");
        }
    }
    if (mode & 8) {
        code = RtmLockDestination(reg, dest, !excl, FALSE);
        fz_expect("RtmLockDestination (unlock in the other mode)", code, ERROR_INVALID_PARAMETER,
                  NULL, 0);
    }
    code = RtmLockDestination(reg, dest, excl, FALSE);
    fz_expect("RtmLockDestination (unlock)", code, NO_ERROR, NULL, 0);
}

void (*const fz_entity_ops[])(struct fz_in *) = {
    op_register, op_register, op_deregister, op_get_entities, op_release_entities,
    op_entity_info, op_get_methods, op_invoke, op_block, op_lock_dest,
};
const unsigned fz_entity_op_count = sizeof fz_entity_ops / sizeof fz_entity_ops[0];
