/*
 * fuzz_ops_mfe.c - operations on the forwarder's side of the MGM
 * (rtm_mgm_forwarder.h: registration, packets, counters) and on the MFEs
 * (MgmGetMfe, MgmGetFirstMfe, MgmGetNextMfe and their statistics
 * variants), checked against the model (fuzz_mgm.h).
 */
#include <stdlib.h>

#include "fuzz_mgm.h"

/* ---- the forwarder ---------------------------------------------------------- */

/* Reads the MFE lent (AddressSanitizer checks its size). */
static DWORD WINAPI fwd_mfe(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    (void)context;
    fzm_touch(mfe, SIZEOF_MIB_MFE(mfe->ulNumOutIf));
    return NO_ERROR;
}

static DWORD WINAPI fwd_remove(PVOID context, DWORD source, DWORD group)
{
    (void)context, (void)source, (void)group;
    return NO_ERROR;
}

static HANDLE pick_forwarder(struct fz_in *in)
{
    return fzm_pick(in, RTM_OBJ_MGM_FORWARDER, fzm.forwarder);
}

static void op_fwd_register(struct fz_in *in)
{
    RTM_MGM_FORWARDER_CONFIG config;
    unsigned nulls = fz_below(in, 16), none = fz_below(in, 8);
    HANDLE h = NULL;
    DWORD code;

    fz.op = "RtmMgmForwarderRegister";
    config.Context = &fzm;
    config.pfnInstallMfe = none & 1 ? NULL : fwd_mfe;
    config.pfnUpdateMfe = none & 2 ? NULL : fwd_mfe;
    config.pfnRemoveMfe = none & 4 ? NULL : fwd_remove;
    code = RtmMgmForwarderRegister(nulls == 0 ? NULL : &config, nulls == 1 ? NULL : &h);
    fzm_expect("RtmMgmForwarderRegister", code, nulls < 2 ? ERROR_INVALID_PARAMETER :
                                               fzm.forwarder ? ERROR_ALREADY_EXISTS : NO_ERROR);
    if (code == NO_ERROR) {
        fzm.forwarder = h;
        fzm_handle_seen(h, RTM_OBJ_MGM_FORWARDER);
    }
    fzm_check_counts();
}

static void op_fwd_deregister(struct fz_in *in)
{
    HANDLE h = pick_forwarder(in);
    DWORD code;

    fz.op = "RtmMgmForwarderDeregister";
    code = RtmMgmForwarderDeregister(h);
    fzm_expect("RtmMgmForwarderDeregister", code,
               h && h == fzm.forwarder ? NO_ERROR : ERROR_INVALID_HANDLE);
    if (code == NO_ERROR) {
        fzm.forwarder = NULL;
        fzm.nmfes = 0;   /* every MFE goes */
        fzm_maybe_unused();
    }
    fzm_check_counts();
}

/* ---- packets ----------------------------------------------------------------- */

/* How the RPF and creation alert callbacks of this report answer. */
static void plan_report(struct fz_in *in)
{
    unsigned r = fz_u8(in), d = fz_u8(in);

    memset(&fzm.report, 0, sizeof fzm.report);
    if (r < 64) {
        fzm.report.redirect = 1;
        fzm.report.to_index = r < 56 ? fzm.link[r % FZM_LINKS].index : r;
        fzm.report.to_nexthop = r < 56 ? fzm.link[r % FZM_LINKS].nexthop : 0;
    }
    fzm.report.disable = d < 96 ? d : 0;
}

static void op_report_packet(struct fz_in *in)
{
    static BYTE header[64];
    static const DWORD sizes[8] = { 0, 20, 0, 5, 70000, 20, 64, 28 };
    HANDLE h = pick_forwarder(in);
    DWORD s = fzm_gen_source(in), g = fzm_gen_group(in), index, nexthop, code, expected;
    unsigned hsel = fz_below(in, 8);
    PBYTE hdr = hsel == 0 || hsel == 3 ? NULL : header;
    int l;
    struct fzm_mfe *m;

    fz.op = "RtmMgmForwarderReportPacket";
    fzm_gen_link(in, &index, &nexthop, &l);
    plan_report(in);
    header[0] = fz_u8(in);
    m = fzm_mfe_find(s, g);
    if (!fzm_class_d(g) || !s || fzm_class_d(s) || sizes[hsel] > 65535 || (sizes[hsel] && !hdr))
        expected = ERROR_INVALID_PARAMETER;
    else if (!h || h != fzm.forwarder)
        expected = ERROR_INVALID_HANDLE;
    else if (!m && fzm.nmfes == FZM_MFES)
        return;
    else
        expected = NO_ERROR;
    code = RtmMgmForwarderReportPacket(h, s, g, index, nexthop, sizes[hsel], hdr);
    fzm_expect("RtmMgmForwarderReportPacket", code, expected);
    if (code == NO_ERROR && !m) {
        fzm.rtm_entity = 1; /* the route to s was looked up */
        fzm_mfe_made(s, g, index, nexthop);
    } else if (fzm.report.rpf_called) {
        fz_fail("RtmMgmForwarderReportPacket: an RPF callback without a new MFE");
    }
    fzm_check_counts();
}

/* A pair for an MFE read: mostly one the model has. */
static void pick_pair(struct fz_in *in, DWORD *source, DWORD *group)
{
    unsigned k = fz_u8(in);

    if (fzm.nmfes && k < 200) {
        *source = fzm.mfe[k % (unsigned)fzm.nmfes].source;
        *group = fzm.mfe[k % (unsigned)fzm.nmfes].group;
    } else {
        *source = fzm_gen_source(in);
        *group = fzm_gen_group(in);
    }
}

static void op_report_counters(struct fz_in *in)
{
    HANDLE h = pick_forwarder(in);
    unsigned n = fz_below(in, 4), ssel = fz_below(in, 16);
    DWORD size = SIZEOF_MIB_MFE_STATS_EX(n), code, expected;
    MIB_IPMCAST_MFE_STATS_EX *c = calloc(1, size);
    MIB_IPMCAST_OIF_STATS *oif = (MIB_IPMCAST_OIF_STATS *)((char *)c + SIZEOF_BASIC_MIB_MFE_STATS_EX);
    struct fzm_mfe *m;
    ULONG *counters[9] = { &c->ulInPkts, &c->ulInOctets, &c->ulPktsDifferentIf,
                           &c->ulQueueOverflow, &c->ulUninitMfe, &c->ulNegativeMfe,
                           &c->ulInDiscards, &c->ulInHdrErrors, &c->ulTotalOutPackets };

    fz.op = "RtmMgmForwarderReportCounters";
    pick_pair(in, &c->dwSource, &c->dwGroup);
    m = fzm_mfe_find(c->dwSource, c->dwGroup);
    c->ulNumOutIf = n;
    for (int i = 0; i < 9; i++)
        *counters[i] = fz_u8(in);
    for (unsigned i = 0; i < n; i++) {
        unsigned k = fz_u8(in);
        if (m && m->noif && k < 200) {
            oif[i].dwOutIfIndex = m->oif[k % (unsigned)m->noif].index;
            oif[i].dwNextHopAddr = m->oif[k % (unsigned)m->noif].nexthop;
        } else {
            oif[i].dwOutIfIndex = k;
        }
        oif[i].dwDialContext = fz_u8(in);
        oif[i].ulOutPackets = fz_u32(in);
        oif[i].ulOutDiscards = fz_u8(in);
    }
    if (ssel == 0)
        size = SIZEOF_BASIC_MIB_MFE_STATS_EX - 1;
    else if (ssel == 1 && n)
        size -= 1;
    expected = ssel == 15 || ssel == 0 || (ssel == 1 && n) ? ERROR_INVALID_PARAMETER :
               !h || h != fzm.forwarder ? ERROR_INVALID_HANDLE :
               !m ? ERROR_NOT_FOUND : NO_ERROR;
    code = RtmMgmForwarderReportCounters(h, ssel == 15 ? NULL : c, size);
    fzm_expect("RtmMgmForwarderReportCounters", code, expected);
    if (code == NO_ERROR) {
        memcpy(&m->counters, c, SIZEOF_BASIC_MIB_MFE_STATS_EX);
        for (unsigned i = 0; i < n; i++)
            for (int k = 0; k < m->noif; k++)
                if (m->oif[k].index == oif[i].dwOutIfIndex &&
                    m->oif[k].nexthop == oif[i].dwNextHopAddr)
                    m->oif[k].stats = oif[i];
    }
    free(c);
    fzm_check_counts();
}

/* ---- reading MFEs -------------------------------------------------------------- */

/* The functions' names by kind (one, first, next) and format. */
static const char *const fn_names[3][3] = {
    { "MgmGetMfe", "MgmGetMfeStats", "MgmGetMfeStats" },
    { "MgmGetFirstMfe", "MgmGetFirstMfeStats", "MgmGetFirstMfeStats" },
    { "MgmGetNextMfe", "MgmGetNextMfeStats", "MgmGetNextMfeStats" },
};

/* A statistics flag: mostly the format's, else 0 or random bits (*ok 0
 * unless they happen to be a valid flag, whose format *format becomes). */
static DWORD gen_stats_flags(struct fz_in *in, int *format, int *ok)
{
    unsigned s = fz_below(in, 16);
    DWORD flags = s < 14 ? (*format == 1 ? MGM_MFE_STATS_0 : MGM_MFE_STATS_1) :
                  s == 14 ? 0 : fz_u32(in);

    *ok = flags == MGM_MFE_STATS_0 || flags == MGM_MFE_STATS_1;
    if (*ok)
        *format = flags == MGM_MFE_STATS_0 ? 1 : 2;
    return flags;
}

/* A buffer size for a read whose first entry needs `need` bytes (0: none). */
static DWORD gen_size(struct fz_in *in, DWORD need, int format)
{
    switch (fz_below(in, 8)) {
    case 0: return 0;
    case 1: return need ? need - 1 : 1;
    case 2: return need;
    case 3: return fzm_mfe_size(format, 0) - 1;
    case 4: return fz_u8(in) * 4u;
    default: return 4096;
    }
}

static void op_get_mfe(struct fz_in *in)
{
    int format = (int)fz_below(in, 3), flags_ok = 1;
    DWORD flags = format ? gen_stats_flags(in, &format, &flags_ok) : 0;
    unsigned nulls = fz_below(in, 16);
    MIB_IPMCAST_MFE key = { 0 };
    const struct fzm_mfe *m;
    DWORD need, size, given, code, expected;
    uint8_t *buf;

    fz.op = fn_names[0][format];
    pick_pair(in, &key.dwSource, &key.dwGroup);
    m = fzm_mfe_find(key.dwSource, key.dwGroup);
    need = m ? fzm_mfe_size(format, m->noif) : 0;
    size = given = gen_size(in, need, format);
    buf = nulls == 2 ? NULL : malloc(size ? size : 1);
    if (!flags_ok || nulls < 2)
        expected = ERROR_INVALID_PARAMETER;
    else if (!m)
        expected = ERROR_NOT_FOUND;
    else if (size < need)
        expected = ERROR_INSUFFICIENT_BUFFER;
    else
        expected = buf ? NO_ERROR : ERROR_INVALID_PARAMETER;
    code = format ? MgmGetMfeStats(nulls == 0 ? NULL : &key, nulls == 1 ? NULL : &size, buf, flags)
                  : MgmGetMfe(nulls == 0 ? NULL : &key, nulls == 1 ? NULL : &size, buf);
    fzm_expect(fz.op, code, expected);
    if (code == NO_ERROR)
        fzm_check_mfe(fz.op, buf, format, m);
    if (size != (code == ERROR_INSUFFICIENT_BUFFER ? need : given))
        fz_fail("%s: buffer size %lu after the call", fz.op, (unsigned long)size);
    free(buf);
}

/* What the first/next functions must return from the model: *count
 * entries fit in size; the code; *need the first entry's size. */
static DWORD expect_many(const struct fzm_mfe **all, int n, int from, DWORD size, int format,
                         UINT *count, DWORD *need)
{
    DWORD used = 0;

    *count = 0;
    *need = 0;
    for (int i = from; i < n; i++) {
        DWORD one = fzm_mfe_size(format, all[i]->noif);
        if (one > size - used) {
            *need = one;
            return *count ? ERROR_MORE_DATA : ERROR_INSUFFICIENT_BUFFER;
        }
        used += one;
        (*count)++;
    }
    return ERROR_NO_MORE_ITEMS;
}

static void op_get_mfes(struct fz_in *in)
{
    const struct fzm_mfe *all[FZM_MFES];
    int format = (int)fz_below(in, 3), next = fz_below(in, 2), flags_ok = 1, n, from = 0;
    DWORD flags = format ? gen_stats_flags(in, &format, &flags_ok) : 0;
    unsigned nulls = fz_below(in, 16);
    MIB_IPMCAST_MFE start = { 0 };
    DWORD size, given, code, expected, need, count = 0xDEAD;
    UINT want;
    uint8_t *buf;

    fz.op = fn_names[1 + next][format];
    pick_pair(in, &start.dwSource, &start.dwGroup);
    n = fzm_sorted_mfes(all);
    while (next && from < n && (fzm_key(all[from]->group) < fzm_key(start.dwGroup) ||
                                (all[from]->group == start.dwGroup &&
                                 fzm_key(all[from]->source) <= fzm_key(start.dwSource))))
        from++;
    size = given = gen_size(in, from < n ? fzm_mfe_size(format, all[from]->noif) : 0, format);
    buf = nulls == 3 ? NULL : malloc(size ? size : 1);
    expected = expect_many(all, n, from, size, format, &want, &need);
    if (!flags_ok || nulls < 2 || (next && nulls == 2) ||
        (!buf && size >= fzm_mfe_size(format, 0)))
        expected = ERROR_INVALID_PARAMETER;
    if (next && format)
        code = MgmGetNextMfeStats(nulls == 2 ? NULL : &start, nulls == 0 ? NULL : &size, buf,
                                  nulls == 1 ? NULL : &count, flags);
    else if (next)
        code = MgmGetNextMfe(nulls == 2 ? NULL : &start, nulls == 0 ? NULL : &size, buf,
                             nulls == 1 ? NULL : &count);
    else if (format)
        code = MgmGetFirstMfeStats(nulls == 0 ? NULL : &size, buf, nulls == 1 ? NULL : &count,
                                   flags);
    else
        code = MgmGetFirstMfe(nulls == 0 ? NULL : &size, buf, nulls == 1 ? NULL : &count);
    fzm_expect(fz.op, code, expected);
    if (code != ERROR_INVALID_PARAMETER) {
        DWORD used = 0;
        if (count != want)
            fz_fail("%s: %lu entries, the model %u", fz.op, (unsigned long)count, want);
        for (UINT i = 0; i < want; i++)
            used += fzm_check_mfe(fz.op, buf + used, format, all[from + (int)i]);
    }
    if (size != (code == ERROR_INSUFFICIENT_BUFFER ? need : given))
        fz_fail("%s: buffer size %lu after the call", fz.op, (unsigned long)size);
    free(buf);
}

void (*const fz_mfe_ops[])(struct fz_in *) = {
    op_fwd_register, op_fwd_deregister, op_report_packet, op_report_packet, op_report_packet,
    op_report_counters, op_get_mfe, op_get_mfe, op_get_mfes, op_get_mfes,
};
const unsigned fz_mfe_op_count = sizeof fz_mfe_ops / sizeof fz_mfe_ops[0];
