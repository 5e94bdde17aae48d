/*
 * fuzz_ops_mgm.c - operations on the MGM's clients: registration,
 * interface ownership, group memberships, MgmInitialize and
 * MgmDeInitialize (fuzz_mgm.h).
 */
#include "fuzz_mgm.h"
#include "rtm_diag.h"

/* A client handle for a call: mostly a registered client's. *slot is the
 * client it is the handle of, or -1. */
static HANDLE pick_client(struct fz_in *in, int *slot)
{
    unsigned k = fz_u8(in);
    HANDLE valid = NULL, h;

    for (int i = 0; i < FZM_CLIENTS && !valid; i++) {
        int c = (int)((k + (unsigned)i) % FZM_CLIENTS);
        if (fzm.client[c].state == FZ_REGISTERED)
            valid = fzm.client[c].h;
    }
    h = fzm_pick(in, RTM_OBJ_MGM_PROTOCOL, valid);
    *slot = fzm_client_of(h);
    return h;
}

/* Flags of a membership call: mostly valid ones. */
static DWORD gen_flags(struct fz_in *in)
{
    static const DWORD flags[7] = { MGM_JOIN_STATE_FLAG, MGM_JOIN_STATE_FLAG, MGM_JOIN_STATE_FLAG,
                                    MGM_FORWARD_STATE_FLAG,
                                    MGM_JOIN_STATE_FLAG | MGM_FORWARD_STATE_FLAG,
                                    MGM_JOIN_STATE_FLAG | MGM_FORWARD_STATE_FLAG, 0 };
    unsigned s = fz_below(in, 8);

    return s < 7 ? flags[s] : fz_u32(in);
}

static int flags_ok(DWORD flags)
{
    return flags && !(flags & ~(DWORD)(MGM_JOIN_STATE_FLAG | MGM_FORWARD_STATE_FLAG));
}

/* ---- clients --------------------------------------------------------------- */

static void op_register(struct fz_in *in)
{
    static const DWORD ids[8] = { MGM_PROTO_IP_IGMP, MGM_MS_IP_IGMP, 1, 2, 3, 0x1000, 10, 2 };
    ROUTING_PROTOCOL_CONFIG config;
    DWORD protocol = ids[fz_below(in, 8)], component = fz_below(in, 2), code, expected;
    unsigned nulls = fz_below(in, 32);
    HANDLE h = NULL;
    int slot = -1;

    fz.op = "MgmRegisterMProtocol";
    fzm_config(fz_u8(in), &config);
    for (int i = 0; i < FZM_CLIENTS && slot < 0; i++)
        if (fzm.client[i].state == FZ_FREE)
            slot = i;
    for (int i = 0; i < FZM_CLIENTS && slot < 0; i++)
        if (fzm.client[i].state == FZ_GONE)
            slot = i;
    if (slot < 0)
        return;
    expected = nulls < 2 ? ERROR_INVALID_PARAMETER : NO_ERROR;
    for (int i = 0; i < FZM_CLIENTS && expected == NO_ERROR; i++)
        if (fzm.client[i].state == FZ_REGISTERED && fzm.client[i].protocol == protocol &&
            fzm.client[i].component == component)
            expected = ERROR_ALREADY_EXISTS;
    code = MgmRegisterMProtocol(nulls == 0 ? NULL : &config, protocol, component,
                                nulls == 1 ? NULL : &h);
    fzm_expect("MgmRegisterMProtocol", code, expected);
    if (code == NO_ERROR) {
        struct fzm_client *c = &fzm.client[slot];
        c->state = FZ_REGISTERED;
        c->h = h;
        c->protocol = protocol;
        c->component = component;
        c->igmp = protocol == MGM_PROTO_IP_IGMP || protocol == MGM_MS_IP_IGMP;
        c->config = config;
        fzm_handle_seen(h, RTM_OBJ_MGM_PROTOCOL);
    }
    fzm_check_counts();
}

static void op_deregister(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_client(in, &slot);
    DWORD code, expected;

    fz.op = "MgmDeRegisterMProtocol";
    expected = slot < 0 ? ERROR_INVALID_PARAMETER :
               fzm_on_any_link(slot) ? ERROR_CAN_NOT_COMPLETE : NO_ERROR;
    code = MgmDeRegisterMProtocol(h);
    fzm_expect("MgmDeRegisterMProtocol", code, expected);
    if (code == NO_ERROR) {
        fzm.client[slot].state = FZ_GONE;
        for (int i = 0; i < fzm.nenums;)   /* its enumerations end */
            if (fzm.en[i].client == slot)
                fzm.en[i] = fzm.en[--fzm.nenums];
            else
                i++;
        fzm_maybe_unused();
    }
    fzm_check_counts();
}

/* ---- interfaces --------------------------------------------------------------- */

static void op_take(struct fz_in *in)
{
    int slot, l;
    HANDLE h = pick_client(in, &slot);
    struct fzm_link *link;
    DWORD code, expected;

    fz.op = "MgmTakeInterfaceOwnership";
    l = (int)fz_below(in, FZM_LINKS);
    link = &fzm.link[l];
    expected = slot < 0 ? ERROR_INVALID_PARAMETER :
               (fzm.client[slot].igmp ? link->igmp : link->owner) >= 0 ? ERROR_ALREADY_EXISTS :
               NO_ERROR;
    code = MgmTakeInterfaceOwnership(h, link->index, link->nexthop);
    fzm_expect("MgmTakeInterfaceOwnership", code, expected);
    if (code == NO_ERROR && fzm.client[slot].igmp) {
        link->igmp = slot;
    } else if (code == NO_ERROR) {
        if (link->igmp >= 0)      /* IGMP's memberships there end */
            fzm_members_leave(l, link->igmp);
        link->owner = slot;
    }
    fzm_check_counts();
}

static void op_release(struct fz_in *in)
{
    int slot, l;
    HANDLE h = pick_client(in, &slot);
    DWORD index, nexthop, code, expected;
    struct fzm_link *link;

    fz.op = "MgmReleaseInterfaceOwnership";
    fzm_gen_link(in, &index, &nexthop, &l);
    link = l >= 0 ? &fzm.link[l] : NULL;
    expected = slot >= 0 && link && (link->owner == slot || link->igmp == slot)
                   ? NO_ERROR : ERROR_INVALID_PARAMETER;
    code = MgmReleaseInterfaceOwnership(h, index, nexthop);
    fzm_expect("MgmReleaseInterfaceOwnership", code, expected);
    if (code == NO_ERROR && link->owner == slot) {
        fzm_members_leave(l, -1);
        fzm_link_gone(l);
        link->owner = -1;
    } else if (code == NO_ERROR) {
        fzm_members_leave(l, slot);
        if (link->owner < 0)
            fzm_link_gone(l);
        link->igmp = -1;
    }
    fzm_check_counts();
}

static void op_protocol_on(struct fz_in *in)
{
    DWORD index, nexthop, protocol = 0xDEAD, component = 0xDEAD, code;
    unsigned nulls = fz_below(in, 16);
    int l, on;

    fz.op = "MgmGetProtocolOnInterface";
    fzm_gen_link(in, &index, &nexthop, &l);
    on = fzm_protocol_on(index, nexthop);
    code = MgmGetProtocolOnInterface(index, nexthop, nulls == 0 ? NULL : &protocol,
                                     nulls == 1 ? NULL : &component);
    fzm_expect("MgmGetProtocolOnInterface", code,
           nulls < 2 ? ERROR_INVALID_PARAMETER : on < 0 ? ERROR_NOT_FOUND : NO_ERROR);
    if (code == NO_ERROR &&
        (protocol != fzm.client[on].protocol || component != fzm.client[on].component))
        fz_fail("MgmGetProtocolOnInterface: %#lx/%lu, the model %#lx/%lu",
                (unsigned long)protocol, (unsigned long)component,
                (unsigned long)fzm.client[on].protocol, (unsigned long)fzm.client[on].component);
}

/* ---- memberships ------------------------------------------------------------------ */

static void op_add_member(struct fz_in *in)
{
    int slot, l, pair, m;
    HANDLE h = pick_client(in, &slot);
    DWORD s, sm, g, gm, index, nexthop, flags, code, expected;

    fz.op = "MgmAddGroupMembershipEntry";
    pair = fzm_gen_pair(in, &s, &sm, &g, &gm);
    fzm_gen_link(in, &index, &nexthop, &l);
    flags = gen_flags(in);
    if (pair && flags_ok(flags) && slot >= 0 && s && (flags & MGM_JOIN_STATE_FLAG))
        fzm.rtm_entity = 1; /* the route to s is looked up */
    expected = pair && flags_ok(flags) && slot >= 0 && l >= 0 &&
               (fzm.link[l].owner == slot || fzm.link[l].igmp == slot)
                   ? NO_ERROR : ERROR_INVALID_PARAMETER;
    if (expected == NO_ERROR && (flags & MGM_JOIN_STATE_FLAG) &&
        fzm_member_find(slot, l, s, g) < 0 && fzm.nmembers == FZM_MEMBERS)
        return;
    code = MgmAddGroupMembershipEntry(h, s, sm, g, gm, index, nexthop, flags);
    fzm_expect("MgmAddGroupMembershipEntry", code, expected);
    if (code == NO_ERROR && (flags & MGM_JOIN_STATE_FLAG)) {
        m = fzm_member_find(slot, l, s, g);
        if (m < 0) {
            fzm.member[fzm.nmembers++] = (struct fzm_member){ slot, l, s, g };
            fzm_apply(s, g, l, flags & MGM_FORWARD_STATE_FLAG ? FZM_ADD : FZM_BY_MEMBERS);
        } else if (flags & MGM_FORWARD_STATE_FLAG) {
            fzm_apply(s, g, l, FZM_ADD);
        }
    } else if (code == NO_ERROR) {
        fzm_apply(s, g, l, FZM_ADD);
    }
    fzm_check_counts();
}

static void op_delete_member(struct fz_in *in)
{
    int slot, l, pair, m = -1;
    HANDLE h = pick_client(in, &slot);
    DWORD s, sm, g, gm, index, nexthop, flags, code, expected;

    fz.op = "MgmDeleteGroupMembershipEntry";
    pair = fzm_gen_pair(in, &s, &sm, &g, &gm);
    fzm_gen_link(in, &index, &nexthop, &l);
    flags = gen_flags(in);
    if (l >= 0 && slot >= 0)
        m = fzm_member_find(slot, l, s, g);
    if (!pair || !flags_ok(flags) || slot < 0)
        expected = ERROR_INVALID_PARAMETER;
    else if (l < 0 || (fzm.link[l].owner < 0 && fzm.link[l].igmp < 0))
        expected = ERROR_NOT_FOUND;
    else if (fzm.link[l].owner != slot && fzm.link[l].igmp != slot)
        expected = ERROR_INVALID_PARAMETER;
    else
        expected = (flags & MGM_JOIN_STATE_FLAG) && m < 0 ? ERROR_NOT_FOUND : NO_ERROR;
    code = MgmDeleteGroupMembershipEntry(h, s, sm, g, gm, index, nexthop, flags);
    fzm_expect("MgmDeleteGroupMembershipEntry", code, expected);
    if (code == NO_ERROR) {
        if (flags & MGM_JOIN_STATE_FLAG)
            fzm.member[m] = fzm.member[--fzm.nmembers];
        fzm_apply(s, g, l, flags & MGM_FORWARD_STATE_FLAG ? FZM_REMOVE : FZM_BY_MEMBERS);
    }
    fzm_check_counts();
}

/* ---- MgmInitialize, MgmDeInitialize ---------------------------------------------- */

static void op_init(struct fz_in *in)
{
    unsigned s = fz_below(in, 4);
    int busy = fzm.forwarder != NULL;
    DWORD code;

    for (int i = 0; i < FZM_CLIENTS; i++)
        busy |= fzm.client[i].state == FZ_REGISTERED;
    if (s < 2) {
        fz.op = "MgmInitialize";
        code = MgmInitialize(s ? &fzm : NULL, NULL);
        fzm_expect("MgmInitialize", code, s ? ERROR_NOT_SUPPORTED : NO_ERROR);
    } else {
        fz.op = "MgmDeInitialize";
        code = MgmDeInitialize();
        fzm_expect("MgmDeInitialize", code, busy ? ERROR_CAN_NOT_COMPLETE : NO_ERROR);
    }
    fzm_check_counts();
}

void (*const fz_mgm_ops[])(struct fz_in *) = {
    op_register, op_register, op_deregister, op_take, op_take, op_take, op_release,
    op_protocol_on, op_add_member, op_add_member, op_add_member, op_delete_member,
    op_delete_member, op_init,
};
const unsigned fz_mgm_op_count = sizeof fz_mgm_ops / sizeof fz_mgm_ops[0];

/* ---- end of input ------------------------------------------------------------------ */

static void must(const char *what, DWORD code)
{
    if (code != NO_ERROR)
        fz_fail("%s returned %lu at the end of the input", what, (unsigned long)code);
}

void fz_mgm_end(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    fz.op = "MGM (end of input)";
    for (int l = 0; l < FZM_LINKS; l++) {
        struct fzm_link *link = &fzm.link[l];
        if (link->owner >= 0)
            must("MgmReleaseInterfaceOwnership",
                 MgmReleaseInterfaceOwnership(fzm.client[link->owner].h, link->index,
                                              link->nexthop));
        if (link->igmp >= 0)
            must("MgmReleaseInterfaceOwnership",
                 MgmReleaseInterfaceOwnership(fzm.client[link->igmp].h, link->index,
                                              link->nexthop));
    }
    for (int i = 0; i < FZM_CLIENTS; i++)
        if (fzm.client[i].state == FZ_REGISTERED)
            must("MgmDeRegisterMProtocol", MgmDeRegisterMProtocol(fzm.client[i].h));
    if (fzm.forwarder)
        must("RtmMgmForwarderDeregister", RtmMgmForwarderDeregister(fzm.forwarder));
    must("MgmDeInitialize", MgmDeInitialize());
    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    must("RtmDiagGetObjectCounts", RtmDiagGetObjectCounts(&c));
    if (c.MgmInterfaces || c.MgmMemberships || c.MgmMfes || c.MgmEnumerations)
        fz_fail("the MGM keeps %lu interfaces, %lu memberships, %lu MFEs, %lu enumerations",
                (unsigned long)c.MgmInterfaces, (unsigned long)c.MgmMemberships,
                (unsigned long)c.MgmMfes, (unsigned long)c.MgmEnumerations);
    fzm_reset();
}
