/*
 * fuzz_mgm_model.c - the fuzzer's model of the MGM (fuzz_mgm.h): values,
 * handles, clients and their callbacks, links, memberships and the MFEs'
 * outgoing interfaces.
 */
#include <stdint.h>

#include "fuzz_mgm.h"
#include "rtm_diag.h"

struct fz_mgm fzm;

/* ---- values -------------------------------------------------------------- */

static DWORD ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    uint8_t bytes[4] = { a, b, c, d };
    DWORD v;

    memcpy(&v, bytes, sizeof v);
    return v;
}

DWORD fzm_key(DWORD a)
{
    const uint8_t *b = (const uint8_t *)&a;

    return (DWORD)b[0] << 24 | (DWORD)b[1] << 16 | (DWORD)b[2] << 8 | b[3];
}

int fzm_class_d(DWORD a)
{
    return (fzm_key(a) >> 28) == 0xE;
}

DWORD fzm_gen_source(struct fz_in *in)
{
    unsigned s = fz_u8(in);

    switch (s % 8) {
    case 0: return ipv4(10, 0, 0, 1);      /* the fuzzer's addresses (fz_gen_address) */
    case 1: return ipv4(10, 1, 2, 3);
    case 2: return ipv4(10, 1, 2, 4);
    case 3: return ipv4(192, 168, 1, 7);
    case 4: return ipv4(172, 16, 0, 1);
    case 5: return ipv4(10, 128, 0, 5);
    case 6: return s < 128 ? 0 : ipv4(224, 1, 1, 1);
    default: return fz_u32(in);
    }
}

DWORD fzm_gen_group(struct fz_in *in)
{
    unsigned s = fz_u8(in);

    switch (s % 8) {
    case 0:
    case 1: return ipv4(224, 0, 0, 5);
    case 2: return ipv4(224, 1, 1, 1);
    case 3: return ipv4(239, 255, 255, 250);
    case 4: return ipv4(232, 0, 0, 1);
    case 5: return ipv4(224, 1, 1, 2);
    case 6: return s < 128 ? ipv4(240, 0, 0, 1) : ipv4(10, 0, 0, 1);
    default: return fz_u32(in);
    }
}

/* The pairs of nf-mgm-mgmaddgroupmembershipentry.md, no ranges. */
static int pair_ok(DWORD s, DWORD sm, DWORD g, DWORD gm)
{
    if (!g && !gm)
        return !s && !sm;
    if (gm != 0xFFFFFFFFu || !fzm_class_d(g))
        return 0;
    return s ? sm == 0xFFFFFFFFu && !fzm_class_d(s) : !sm;
}

int fzm_gen_pair(struct fz_in *in, DWORD *source, DWORD *smask, DWORD *group, DWORD *gmask)
{
    unsigned kind = fz_below(in, 8);

    *source = *smask = *group = *gmask = 0;
    if (kind >= 1) {
        *group = fzm_gen_group(in);
        *gmask = 0xFFFFFFFFu;
    }
    if (kind >= 3) {
        *source = fzm_gen_source(in);
        *smask = 0xFFFFFFFFu;
    }
    if (kind == 7) {                       /* masks at random */
        *smask = fz_below(in, 2) ? 0 : fz_u32(in);
        *gmask = fz_below(in, 2) ? 0 : fz_u32(in);
    }
    return pair_ok(*source, *smask, *group, *gmask);
}

static const DWORD link_index[FZM_LINKS] = { 1, 2, 3, 4, 4, 5 };

static DWORD link_nexthop(int l)
{
    return l == 3 ? ipv4(10, 0, 0, 1) : l == 4 ? ipv4(10, 0, 0, 2) : 0;
}

void fzm_gen_link(struct fz_in *in, DWORD *index, DWORD *nexthop, int *link)
{
    unsigned s = fz_u8(in);

    if (s < 232) {
        *index = link_index[s % FZM_LINKS];
        *nexthop = link_nexthop((int)(s % FZM_LINKS));
    } else {
        *index = fz_u8(in);
        *nexthop = s & 1 ? ipv4(10, 0, 0, 1) : 0;
    }
    *link = fzm_link_of(*index, *nexthop);
}

/* ---- handles --------------------------------------------------------------- */

void fzm_handle_seen(HANDLE h, int type)
{
    for (int i = 0; i < fzm.nhandles; i++)
        if (fzm.handle[i].h == h)
            return;
    if (h && fzm.nhandles < FZM_HANDLES)
        fzm.handle[fzm.nhandles++] = (struct fzm_handle){ h, type };
}

/* The k-th handle seen (cyclically) whose type is (same) or is not (!same)
 * type, or NULL. */
static HANDLE seen(unsigned k, int type, int same)
{
    int n = 0;

    for (int i = 0; i < fzm.nhandles; i++)
        n += (fzm.handle[i].type == type) == same;
    for (int i = 0; n && i < fzm.nhandles; i++)
        if ((fzm.handle[i].type == type) == same && (int)(k % (unsigned)n) == 0)
            return fzm.handle[i].h;
        else if ((fzm.handle[i].type == type) == same)
            k--;
    return NULL;
}

HANDLE fzm_pick(struct fz_in *in, int type, HANDLE valid_h)
{
    unsigned s = fz_u8(in), k = s >> 4;
    HANDLE h = NULL;

    switch (s & 15) {
    case 15:
        return NULL;
    case 14:
        return valid_h && (k & 1) ? (HANDLE)((uintptr_t)valid_h ^ (1u << (k % 12))) :
                                    (HANDLE)(uintptr_t)(k + 1);
    case 13:
        return fz_pick(in, RTM_OBJ_ENTITY, 0);
    case 12:
        h = seen(k, type, 0);
        break;
    case 11:
    case 10:
        h = seen(k, type, 1);
        break;
    default:
        h = valid_h;
        break;
    }
    return h ? h : seen(k, type, 1);
}

int fzm_client_of(HANDLE h)
{
    for (int i = 0; h && i < FZM_CLIENTS; i++)
        if (fzm.client[i].state == FZ_REGISTERED && fzm.client[i].h == h)
            return i;
    return -1;
}

struct fzm_enum *fzm_enum_of(HANDLE h)
{
    for (int i = 0; h && i < fzm.nenums; i++)
        if (fzm.en[i].h == h)
            return &fzm.en[i];
    return NULL;
}

/* ---- callbacks -------------------------------------------------------------- */

void fzm_touch(const void *p, size_t n)
{
    volatile uint8_t sum = 0;

    for (size_t i = 0; i < n; i++)
        sum ^= ((const uint8_t *)p)[i];
    (void)sum;
}

/* Made in the reporting thread: records what it is asked, and moves the
 * incoming link when the report asks it to. */
static DWORD cb_rpf(DWORD s, DWORD sm, DWORD g, DWORD gm, PDWORD index, PDWORD nexthop,
                    PDWORD upstream, DWORD hdr_size, PBYTE hdr, PBYTE route)
{
    (void)s, (void)sm, (void)g, (void)gm;
    fzm_touch(hdr, hdr_size);
    fzm_touch(route, sizeof(RTM_DEST_INFO));
    fzm_touch(upstream, sizeof *upstream);
    fzm.report.rpf_called++;
    fzm.report.rpf_index = *index;
    fzm.report.rpf_nexthop = *nexthop;
    if (fzm.report.redirect) {
        *index = fzm.report.to_index;
        *nexthop = fzm.report.to_nexthop;
    }
    return NO_ERROR;
}

/* Made in the reporting thread: disables the links the report says. */
static DWORD cb_creation(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD in_index, DWORD in_nexthop,
                         DWORD count, PMGM_IF_ENTRY list)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)in_index, (void)in_nexthop;
    for (DWORD i = 0; i < count; i++) {
        int l = fzm_link_of(list[i].dwIfIndex, list[i].dwIfNextHopAddr);
        if (l < 0 || !list[i].bIsEnabled)
            fz_fail("creation alert: interface %lu/%#lx is not a link, or not enabled",
                    (unsigned long)list[i].dwIfIndex, (unsigned long)list[i].dwIfNextHopAddr);
        if (fzm.report.disable & (1u << l) && fzm.report.ndisabled < FZM_LINKS) {
            list[i].bIsEnabled = FALSE;
            fzm.report.disabled_index[fzm.report.ndisabled] = list[i].dwIfIndex;
            fzm.report.disabled_nexthop[fzm.report.ndisabled++] = list[i].dwIfNextHopAddr;
        }
    }
    return NO_ERROR;
}

/* The others run on the MGM's worker thread: they touch nothing shared. */
static DWORD cb_prune(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop,
                      WINBOOL member, PDWORD timeout)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)index, (void)nexthop, (void)member;
    *timeout = *timeout; /* the MFE keeps its timeout */
    return NO_ERROR;
}

static DWORD cb_join(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)member;
    return NO_ERROR;
}

static DWORD cb_wrong_if(DWORD s, DWORD g, DWORD index, DWORD nexthop, DWORD hdr_size, PBYTE hdr)
{
    (void)s, (void)g, (void)index, (void)nexthop;
    fzm_touch(hdr, hdr_size);
    return NO_ERROR;
}

static DWORD cb_local(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)index, (void)nexthop;
    return NO_ERROR;
}

static DWORD cb_igmp(DWORD index, DWORD nexthop)
{
    (void)index, (void)nexthop;
    return NO_ERROR;
}

void fzm_config(unsigned sel, ROUTING_PROTOCOL_CONFIG *c)
{
    unsigned none = sel < 160 ? 0 : sel; /* bit i: callback i is NULL */

    memset(c, 0, sizeof *c);
    c->pfnRpfCallback = none & 1 ? NULL : cb_rpf;
    c->pfnCreationAlertCallback = none & 2 ? NULL : cb_creation;
    c->pfnPruneAlertCallback = none & 4 ? NULL : cb_prune;
    c->pfnJoinAlertCallback = none & 8 ? NULL : cb_join;
    c->pfnWrongIfCallback = none & 16 ? NULL : cb_wrong_if;
    c->pfnLocalJoinCallback = none & 32 ? NULL : cb_local;
    c->pfnLocalLeaveCallback = none & 32 ? NULL : cb_local;
    c->pfnDisableIgmpCallback = none & 64 ? NULL : cb_igmp;
    c->pfnEnableIgmpCallback = none & 128 ? NULL : cb_igmp;
}

/* ---- clients and links ------------------------------------------------------- */

int fzm_link_of(DWORD index, DWORD nexthop)
{
    for (int l = 0; l < FZM_LINKS; l++)
        if (link_index[l] == index && link_nexthop(l) == nexthop)
            return l;
    return -1;
}

int fzm_protocol_on(DWORD index, DWORD nexthop)
{
    int l = fzm_link_of(index, nexthop);

    return l < 0 ? -1 : fzm.link[l].owner >= 0 ? fzm.link[l].owner : fzm.link[l].igmp;
}

int fzm_on_any_link(int client)
{
    for (int l = 0; l < FZM_LINKS; l++)
        if (fzm.link[l].owner == client || fzm.link[l].igmp == client)
            return 1;
    return 0;
}

void fzm_maybe_unused(void)
{
    for (int i = 0; i < FZM_CLIENTS; i++)
        if (fzm.client[i].state == FZ_REGISTERED)
            return;
    if (!fzm.forwarder)
        fzm.rtm_entity = 0;
}

/* ---- memberships and MFEs ------------------------------------------------------ */

int fzm_member_find(int client, int link, DWORD source, DWORD group)
{
    for (int i = 0; i < fzm.nmembers; i++) {
        const struct fzm_member *m = &fzm.member[i];
        if (m->client == client && m->link == link && m->source == source && m->group == group)
            return i;
    }
    return -1;
}

int fzm_covers(DWORD source, DWORD group, DWORD s, DWORD g)
{
    return !group || (group == g && (!source || source == s));
}

struct fzm_mfe *fzm_mfe_find(DWORD source, DWORD group)
{
    for (int i = 0; i < fzm.nmfes; i++)
        if (fzm.mfe[i].source == source && fzm.mfe[i].group == group)
            return &fzm.mfe[i];
    return NULL;
}

/* Nonzero when a membership on link covers (s, g). */
static int members_cover(int link, DWORD s, DWORD g)
{
    for (int i = 0; i < fzm.nmembers; i++)
        if (fzm.member[i].link == link &&
            fzm_covers(fzm.member[i].source, fzm.member[i].group, s, g))
            return 1;
    return 0;
}

static int oif_find(const struct fzm_mfe *m, DWORD index, DWORD nexthop)
{
    for (int i = 0; i < m->noif; i++)
        if (m->oif[i].index == index && m->oif[i].nexthop == nexthop)
            return i;
    return -1;
}

static void oif_add(struct fzm_mfe *m, DWORD index, DWORD nexthop)
{
    struct fzm_oif *o = &m->oif[m->noif++];

    memset(o, 0, sizeof *o);
    o->index = o->stats.dwOutIfIndex = index;
    o->nexthop = o->stats.dwNextHopAddr = nexthop;
}

static void oif_remove(struct fzm_mfe *m, int pos)
{
    memmove(&m->oif[pos], &m->oif[pos + 1], (size_t)(m->noif - pos - 1) * sizeof m->oif[0]);
    m->noif--;
}

void fzm_apply(DWORD source, DWORD group, int link, enum fzm_rule rule)
{
    DWORD index = link_index[link], nexthop = link_nexthop(link);

    for (int i = 0; i < fzm.nmfes; i++) {
        struct fzm_mfe *m = &fzm.mfe[i];
        int pos = oif_find(m, index, nexthop), want;

        if (!fzm_covers(source, group, m->source, m->group) ||
            (m->in_index == index && m->in_nexthop == nexthop))
            continue;
        want = rule == FZM_ADD || (rule == FZM_BY_MEMBERS && members_cover(link, m->source, m->group));
        if (want && pos < 0)
            oif_add(m, index, nexthop);
        else if (!want && pos >= 0)
            oif_remove(m, pos);
    }
}

void fzm_members_leave(int link, int client)
{
    struct fzm_member gone[FZM_MEMBERS];
    int n = 0;

    for (int i = 0; i < fzm.nmembers;) {
        if (fzm.member[i].link == link && (client < 0 || fzm.member[i].client == client)) {
            gone[n++] = fzm.member[i];
            fzm.member[i] = fzm.member[--fzm.nmembers];
        } else {
            i++;
        }
    }
    for (int i = 0; i < n; i++)
        fzm_apply(gone[i].source, gone[i].group, link, FZM_BY_MEMBERS);
}

void fzm_link_gone(int link)
{
    DWORD index = link_index[link], nexthop = link_nexthop(link);

    for (int i = 0; i < fzm.nmfes;) {
        struct fzm_mfe *m = &fzm.mfe[i];
        int pos = oif_find(m, index, nexthop);

        if (pos >= 0)
            oif_remove(m, pos);
        if (m->in_index == index && m->in_nexthop == nexthop)
            *m = fzm.mfe[--fzm.nmfes];
        else
            i++;
    }
}

static int disabled(DWORD index, DWORD nexthop)
{
    for (int i = 0; i < fzm.report.ndisabled; i++)
        if (fzm.report.disabled_index[i] == index && fzm.report.disabled_nexthop[i] == nexthop)
            return 1;
    return 0;
}

/* The incoming link of a new MFE whose route fields and incoming index
 * the MGM reports in h, as the MGM chose it before any RPF callback
 * (docs/behaviour.md: the route's interface, the link to the upstream
 * neighbour when the MGM knows it; the arrival one without a route). */
static void first_incoming(const MIB_IPMCAST_MFE *h, DWORD arrival_index, DWORD arrival_nexthop,
                           DWORD *index, DWORD *nexthop)
{
    if (!h->dwRouteProtocol) {
        *index = arrival_index;
        *nexthop = arrival_nexthop;
    } else {
        *index = h->dwInIfIndex;
        *nexthop = fzm_protocol_on(h->dwInIfIndex, h->dwUpStrmNgbr) >= 0 ? h->dwUpStrmNgbr : 0;
    }
}

void fzm_mfe_made(DWORD source, DWORD group, DWORD arrival_index, DWORD arrival_nexthop)
{
    union {
        MIB_IPMCAST_MFE h;
        uint8_t bytes[SIZEOF_MIB_MFE(FZM_LINKS + 2)];
    } buf;
    MIB_IPMCAST_MFE key = { 0 };
    DWORD size = sizeof buf, code, index, nexthop;
    struct fzm_mfe *m;
    int on;

    key.dwSource = source;
    key.dwGroup = group;
    code = MgmGetMfe(&key, &size, buf.bytes);
    if (code != NO_ERROR)
        fz_fail("MgmGetMfe of the MFE just made returned %lu", (unsigned long)code);
    if (fzm.nmfes == FZM_MFES)
        fz_fail("more MFEs than the harness makes");
    if (!buf.h.dwRouteProtocol && (buf.h.dwRouteNetwork || buf.h.dwRouteMask || buf.h.dwUpStrmNgbr))
        fz_fail("an MFE without a route has route fields or an upstream neighbour (%#lx/%#lx, %#lx)", (unsigned long)buf.h.dwRouteNetwork, (unsigned long)buf.h.dwRouteMask, (unsigned long)buf.h.dwUpStrmNgbr);
    if (fzm.report.rpf_called) {
        DWORD first_index, first_nexthop;
        index = fzm.report.rpf_index;
        nexthop = fzm.report.rpf_nexthop;
        first_incoming(&buf.h, arrival_index, arrival_nexthop, &first_index, &first_nexthop);
        if ((!fzm.report.redirect || !buf.h.dwRouteProtocol) &&
            (first_index != index || first_nexthop != nexthop))
            fz_fail("the RPF callback was asked about interface %lu/%#lx, not %lu/%#lx",
                    (unsigned long)index, (unsigned long)nexthop, (unsigned long)first_index,
                    (unsigned long)first_nexthop);
    } else {
        first_incoming(&buf.h, arrival_index, arrival_nexthop, &index, &nexthop);
    }
    on = fzm_protocol_on(index, nexthop);
    if (fzm.report.rpf_called != (on >= 0 && fzm.client[on].config.pfnRpfCallback != NULL))
        fz_fail("the RPF callback was made %d times, the protocol on interface %lu/%#lx is %d",
                fzm.report.rpf_called, (unsigned long)index, (unsigned long)nexthop, on);
    if (fzm.report.rpf_called && fzm.report.redirect) {
        index = fzm.report.to_index;
        nexthop = fzm.report.to_nexthop;
    }
    m = &fzm.mfe[fzm.nmfes++];
    memset(m, 0, sizeof *m);
    m->source = source;
    m->group = group;
    m->in_index = index;
    m->in_nexthop = nexthop;
    m->fixed = buf.h;
    on = fzm_protocol_on(index, nexthop);
    m->fixed.dwInIfProtocol = on >= 0 ? fzm.client[on].protocol : 0;
    for (int l = 0; l < FZM_LINKS; l++) {
        DWORD li = link_index[l], ln = link_nexthop(l);
        if (members_cover(l, source, group) && !(li == index && ln == nexthop) &&
            !disabled(li, ln))
            oif_add(m, li, ln);
    }
    fzm_check_mfe("MgmGetMfe (new MFE)", buf.bytes, 0, m);
}

/* ---- checks ------------------------------------------------------------------- */

void fzm_expect(const char *fn, DWORD code, DWORD expected)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_PARAMETER, ERROR_INVALID_HANDLE,
                                        ERROR_NOT_FOUND, ERROR_ALREADY_EXISTS,
                                        ERROR_CAN_NOT_COMPLETE, ERROR_NOT_SUPPORTED,
                                        ERROR_INSUFFICIENT_BUFFER, ERROR_MORE_DATA,
                                        ERROR_NO_MORE_ITEMS, 0 };

    fz_check_documented(fn, code, documented);
    fz_expect(fn, code, expected, NULL, 0);
}

DWORD fzm_mfe_size(int format, int n)
{
    return format == 0 ? SIZEOF_MIB_MFE(n) : format == 1 ? SIZEOF_MIB_MFE_STATS(n) :
                                                           SIZEOF_MIB_MFE_STATS_EX(n);
}

/* The outgoing interfaces written at p (n of them, each `stride` bytes
 * with the interface first) against the model's, stats compared when
 * stats. */
static void check_oifs(const char *fn, const uint8_t *p, size_t stride, int stats,
                       const struct fzm_mfe *m)
{
    for (int i = 0; i < m->noif; i++) {
        MIB_IPMCAST_OIF_STATS o = { 0 };
        int pos;
        memcpy(&o, p + (size_t)i * stride, stride);
        pos = oif_find(m, o.dwOutIfIndex, o.dwNextHopAddr);
        if (pos < 0)
            fz_fail("%s: outgoing interface %lu/%#lx is not the model's", fn,
                    (unsigned long)o.dwOutIfIndex, (unsigned long)o.dwNextHopAddr);
        for (int k = 0; k < i; k++)
            if (!memcmp(p + (size_t)k * stride, &o, 8))
                fz_fail("%s: outgoing interface %lu/%#lx listed twice", fn,
                        (unsigned long)o.dwOutIfIndex, (unsigned long)o.dwNextHopAddr);
        if (stats && memcmp(&o, &m->oif[pos].stats, sizeof o))
            fz_fail("%s: counters of outgoing interface %lu/%#lx are not the last reported", fn,
                    (unsigned long)o.dwOutIfIndex, (unsigned long)o.dwNextHopAddr);
    }
}

DWORD fzm_check_mfe(const char *fn, const uint8_t *p, int format, const struct fzm_mfe *m)
{
    MIB_IPMCAST_MFE_STATS_EX s;   /* the members MIB_IPMCAST_MFE shares are compared below */
    MIB_IPMCAST_MFE h;
    const MIB_IPMCAST_MFE *f = &m->fixed;
    const MIB_IPMCAST_MFE_STATS_EX *c = &m->counters;
    size_t basic = format == 0 ? SIZEOF_BASIC_MIB_MFE :
                   format == 1 ? SIZEOF_BASIC_MIB_MFE_STATS : SIZEOF_BASIC_MIB_MFE_STATS_EX;

    memset(&s, 0, sizeof s);
    memcpy(&h, p, SIZEOF_BASIC_MIB_MFE);
    memcpy(&s, p, basic);
    if (format == 0) {
        s.ulNumOutIf = h.ulNumOutIf;
        if (h.ulTimeOut != FZM_MFE_TIMEOUT || h.ulExpiryTime > FZM_MFE_TIMEOUT || h.fFlags)
            fz_fail("%s: timeout %lu, expiry %lu, flags %#lx", fn, (unsigned long)h.ulTimeOut,
                    (unsigned long)h.ulExpiryTime, (unsigned long)h.fFlags);
    }
    if (s.dwGroup != m->group || s.dwSource != m->source || s.dwSrcMask != 0xFFFFFFFFu ||
        s.dwInIfIndex != m->in_index || s.dwUpStrmNgbr != f->dwUpStrmNgbr ||
        s.dwInIfProtocol != f->dwInIfProtocol || s.dwRouteProtocol != f->dwRouteProtocol ||
        s.dwRouteNetwork != f->dwRouteNetwork || s.dwRouteMask != f->dwRouteMask ||
        s.ulNumOutIf != (ULONG)m->noif)
        fz_fail("%s: MFE %#lx/%#lx differs from the model's (in %lu protocol %lu upstream %#lx, "
                "%lu outgoing; model: in %lu protocol %lu upstream %#lx, %d outgoing)", fn,
                (unsigned long)s.dwSource, (unsigned long)s.dwGroup,
                (unsigned long)s.dwInIfIndex, (unsigned long)s.dwInIfProtocol,
                (unsigned long)s.dwUpStrmNgbr, (unsigned long)s.ulNumOutIf,
                (unsigned long)m->in_index, (unsigned long)f->dwInIfProtocol,
                (unsigned long)f->dwUpStrmNgbr, m->noif);
    if (format && (s.ulInPkts != c->ulInPkts || s.ulInOctets != c->ulInOctets ||
                   s.ulPktsDifferentIf != c->ulPktsDifferentIf ||
                   s.ulQueueOverflow != c->ulQueueOverflow))
        fz_fail("%s: counters are not the last reported", fn);
    if (format == 2 && (s.ulUninitMfe != c->ulUninitMfe || s.ulNegativeMfe != c->ulNegativeMfe ||
                        s.ulInDiscards != c->ulInDiscards || s.ulInHdrErrors != c->ulInHdrErrors ||
                        s.ulTotalOutPackets != c->ulTotalOutPackets))
        fz_fail("%s: extended counters are not the last reported", fn);
    check_oifs(fn, p + basic, format ? sizeof(MIB_IPMCAST_OIF_STATS) : sizeof(MIB_IPMCAST_OIF),
               format != 0, m);
    return fzm_mfe_size(format, m->noif);
}

int fzm_sorted_mfes(const struct fzm_mfe **out)
{
    for (int i = 0; i < fzm.nmfes; i++) {
        int k = i;
        while (k > 0 && (fzm_key(out[k - 1]->group) > fzm_key(fzm.mfe[i].group) ||
                         (out[k - 1]->group == fzm.mfe[i].group &&
                          fzm_key(out[k - 1]->source) > fzm_key(fzm.mfe[i].source)))) {
            out[k] = out[k - 1];
            k--;
        }
        out[k] = &fzm.mfe[i];
    }
    return fzm.nmfes;
}

void fzm_check_counts(void)
{
    RTM_DIAG_OBJECT_COUNTS c;
    DWORD links = 0, clients = 0;

    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    if (RtmDiagGetObjectCounts(&c) != NO_ERROR)
        fz_fail("RtmDiagGetObjectCounts failed");
    for (int l = 0; l < FZM_LINKS; l++)
        links += fzm.link[l].owner >= 0 || fzm.link[l].igmp >= 0;
    for (int i = 0; i < FZM_CLIENTS; i++)
        clients += fzm.client[i].state == FZ_REGISTERED;
    if (c.MgmInterfaces != links || c.MgmMemberships != (DWORD)fzm.nmembers ||
        c.MgmMfes != (DWORD)fzm.nmfes || c.MgmEnumerations != (DWORD)fzm.nenums ||
        c.MgmForwarders < (fzm.forwarder != NULL) || c.MgmProtocols < clients)
        fz_fail("the MGM counts %lu interfaces, %lu memberships, %lu MFEs, %lu enumerations, "
                "%lu forwarders, %lu clients; the model %lu, %d, %d, %d, %d, %lu",
                (unsigned long)c.MgmInterfaces, (unsigned long)c.MgmMemberships,
                (unsigned long)c.MgmMfes, (unsigned long)c.MgmEnumerations,
                (unsigned long)c.MgmForwarders, (unsigned long)c.MgmProtocols,
                (unsigned long)links, fzm.nmembers, fzm.nmfes, fzm.nenums,
                fzm.forwarder != NULL, (unsigned long)clients);
}

void fzm_reset(void)
{
    memset(&fzm, 0, sizeof fzm);
    for (int l = 0; l < FZM_LINKS; l++) {
        fzm.link[l].index = link_index[l];
        fzm.link[l].nexthop = link_nexthop(l);
        fzm.link[l].owner = fzm.link[l].igmp = -1;
    }
}
