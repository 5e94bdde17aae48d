/*
 * mfe_api.c - MgmGetMfe, MgmGetFirstMfe, MgmGetNextMfe and their
 * statistics variants: reading the MFEs (administrative-application-
 * scenario.md). They need no registration.
 */
#include "base/debug.h"
#include "mfe.h"
#include "state.h"

/* What is written of each MFE. */
enum format {
    FORMAT_MFE,       /* MIB_IPMCAST_MFE */
    FORMAT_STATS,     /* MIB_IPMCAST_MFE_STATS (MGM_MFE_STATS_0) */
    FORMAT_STATS_EX   /* MIB_IPMCAST_MFE_STATS_EX (MGM_MFE_STATS_1) */
};

/* The format of a statistics function's dwFlags; 0 when not valid. */
static int stats_format(DWORD flags, enum format *out)
{
    if (flags != MGM_MFE_STATS_0 && flags != MGM_MFE_STATS_1)
        return 0;
    *out = flags == MGM_MFE_STATS_0 ? FORMAT_STATS : FORMAT_STATS_EX;
    return 1;
}

static DWORD size_of(enum format f, DWORD noif)
{
    return f == FORMAT_MFE ? mgm_mfe_size(noif) : mgm_mfe_stats_size(f == FORMAT_STATS_EX, noif);
}

static void write_mfe(enum format f, const struct mgm_mfe *m, uint64_t now, void *out)
{
    if (f == FORMAT_MFE)
        mgm_mfe_write(m, now, out);
    else
        mgm_mfe_write_stats(m, f == FORMAT_STATS_EX, now, out);
}

/* One MFE (MgmGetMfe, MgmGetMfeStats). */
static DWORD get_one(const MIB_IPMCAST_MFE *which, PDWORD size, PBYTE buffer, enum format f)
{
    const struct mgm_mfe *m;
    DWORD status = NO_ERROR, need;

    if (!which || !size)
        return ERROR_INVALID_PARAMETER;
    mgm_lock_shared();
    m = mgm_mfe_find(which->dwSource, which->dwGroup);
    if (!m) {
        status = ERROR_NOT_FOUND;
    } else {
        need = size_of(f, m->noif);
        if (*size < need) {
            *size = need;
            status = ERROR_INSUFFICIENT_BUFFER;
        } else if (!buffer) {
            status = ERROR_INVALID_PARAMETER;
        } else {
            write_mfe(f, m, rtm_monotonic_ms(), buffer);
        }
    }
    mgm_unlock_shared();
    return status;
}

/* The MFEs from the first (start NULL) or after start, as many as fit. */
static DWORD get_many(const MIB_IPMCAST_MFE *start, PDWORD size, PBYTE buffer, PDWORD count,
                      enum format f)
{
    const struct mgm_mfe *m;
    uint64_t now;
    DWORD used = 0, n = 0, need = 0, status;

    if (!size || !count || (!buffer && *size >= size_of(f, 0)))
        return ERROR_INVALID_PARAMETER;
    *count = 0;
    mgm_lock_shared();
    now = rtm_monotonic_ms(); /* under the lock: no MFE was made or restarted after it */
    for (m = start ? mgm_mfe_next(start->dwSource, start->dwGroup, 0) : mgm_mfe_next(0, 0, 1); m;
         m = mgm_mfe_next(m->source, m->group, 0)) {
        need = size_of(f, m->noif);
        if (need > *size - used)
            break;
        write_mfe(f, m, now, buffer + used);
        used += need;
        n++;
    }
    if (!m) {
        status = ERROR_NO_MORE_ITEMS;
    } else if (n == 0) {
        *size = need;
        status = ERROR_INSUFFICIENT_BUFFER;
    } else {
        status = ERROR_MORE_DATA;
    }
    mgm_unlock_shared();
    *count = n;
    return status;
}

/**
 * MgmGetMfe - one MFE (spec/mgm/nf-mgm-mgmgetmfe.md).
 *
 * @pimm          [in]  dwSource and dwGroup (network order) name the MFE.
 * @pdwBufferSize [in, out] the bytes at pbBuffer; set to the size needed
 *                      when it is too small, else left alone.
 * @pbBuffer      [out] the MFE: a MIB_IPMCAST_MFE with its ulNumOutIf
 *                      outgoing interfaces (SIZEOF_MIB_MFE(ulNumOutIf)
 *                      bytes; need not be aligned). ulUpTime, ulExpiryTime
 *                      and ulTimeOut are in seconds; dwSrcMask is all ones;
 *                      dwInIfProtocol is the protocol id of the client on
 *                      the incoming interface when the MFE was made (0:
 *                      none); dwRouteProtocol, dwRouteNetwork and
 *                      dwRouteMask describe the route towards the source
 *                      (0 without one); fFlags is 0.
 *
 * Needs no registration. Returns NO_ERROR; ERROR_NOT_FOUND (no MFE of the
 * pair); ERROR_INSUFFICIENT_BUFFER; ERROR_INVALID_PARAMETER when pimm or
 * pdwBufferSize is NULL, or pbBuffer is while the MFE fits.
 * ERROR_CAN_NOT_COMPLETE is not returned. Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetMfe(PMIB_IPMCAST_MFE pimm, PDWORD pdwBufferSize, PBYTE pbBuffer)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetMfe, (pimm, pdwBufferSize, pbBuffer), "size %u",
                              pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u);

    return get_one(pimm, pdwBufferSize, pbBuffer, FORMAT_MFE);
}

/**
 * MgmGetFirstMfe - the first MFEs (spec/mgm/nf-mgm-mgmgetfirstmfe.md).
 *
 * @pdwBufferSize [in, out] the bytes at pbBuffer; set to the size of the
 *                      first MFE when it does not fit, else left alone.
 * @pbBuffer      [out] as many MFEs as fit, one after the other, each
 *                      SIZEOF_MIB_MFE(its ulNumOutIf) bytes (as MgmGetMfe
 *                      writes them), by group, then source (numerically);
 *                      may be NULL when *pdwBufferSize is smaller than
 *                      SIZEOF_MIB_MFE(0).
 * @pdwNumEntries [out] how many were written (0 on error).
 *
 * Needs no registration. Returns ERROR_MORE_DATA when the buffer is full
 * and MFEs are left; ERROR_NO_MORE_ITEMS when none is left after those
 * written (maybe none: an empty table); ERROR_INSUFFICIENT_BUFFER when not
 * even the first fits; ERROR_INVALID_PARAMETER when a pointer is NULL.
 * NO_ERROR and ERROR_CAN_NOT_COMPLETE are not returned: every call says
 * whether MFEs are left. Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetFirstMfe(PDWORD pdwBufferSize, PBYTE pbBuffer, PDWORD pdwNumEntries)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetFirstMfe, (pdwBufferSize, pbBuffer, pdwNumEntries),
                              "size %u", pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u);

    return get_many(NULL, pdwBufferSize, pbBuffer, pdwNumEntries, FORMAT_MFE);
}

/**
 * MgmGetNextMfe - the MFEs after one (spec/mgm/nf-mgm-mgmgetnextmfe.md).
 *
 * @pimmStart     [in]  dwSource and dwGroup: the last MFE returned (it
 *                      need not exist any more); the MFEs after it in the
 *                      order of MgmGetFirstMfe are returned.
 * @pdwBufferSize, @pbBuffer, @pdwNumEntries: as for MgmGetFirstMfe.
 *
 * Needs no registration. Returns as MgmGetFirstMfe does (pimmStart NULL:
 * ERROR_INVALID_PARAMETER). Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetNextMfe(PMIB_IPMCAST_MFE pimmStart, PDWORD pdwBufferSize, PBYTE pbBuffer,
                           PDWORD pdwNumEntries)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetNextMfe, (pimmStart, pdwBufferSize, pbBuffer, pdwNumEntries),
                              "size %u", pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u);

    if (!pimmStart)
        return ERROR_INVALID_PARAMETER;
    return get_many(pimmStart, pdwBufferSize, pbBuffer, pdwNumEntries, FORMAT_MFE);
}

/**
 * MgmGetMfeStats - one MFE's statistics (spec/mgm/nf-mgm-mgmgetmfestats.md).
 *
 * @pimm, @pdwBufferSize: as for MgmGetMfe.
 * @pbBuffer [out] MGM_MFE_STATS_0: a MIB_IPMCAST_MFE_STATS with its
 *                 ulNumOutIf outgoing interfaces' counters
 *                 (SIZEOF_MIB_MFE_STATS(n) bytes); MGM_MFE_STATS_1: a
 *                 MIB_IPMCAST_MFE_STATS_EX (SIZEOF_MIB_MFE_STATS_EX(n)).
 *                 The counters are the forwarder's last report
 *                 (RtmMgmForwarderReportCounters; 0 before one).
 * @dwFlags  [in]  MGM_MFE_STATS_0 or MGM_MFE_STATS_1.
 *
 * Returns as MgmGetMfe does; ERROR_INVALID_PARAMETER also for any other
 * dwFlags. Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetMfeStats(PMIB_IPMCAST_MFE pimm, PDWORD pdwBufferSize, PBYTE pbBuffer,
                            DWORD dwFlags)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetMfeStats, (pimm, pdwBufferSize, pbBuffer, dwFlags),
                              "size %u, flags %#x",
                              pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u,
                              RTM_DEBUG_U(dwFlags));
    enum format f;

    if (!stats_format(dwFlags, &f))
        return ERROR_INVALID_PARAMETER;
    return get_one(pimm, pdwBufferSize, pbBuffer, f);
}

/**
 * MgmGetFirstMfeStats - the first MFEs' statistics
 * (spec/mgm/nf-mgm-mgmgetfirstmfestats.md).
 *
 * As MgmGetFirstMfe, each MFE written as MgmGetMfeStats writes it for
 * dwFlags (MGM_MFE_STATS_0 or MGM_MFE_STATS_1; anything else is
 * ERROR_INVALID_PARAMETER). Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetFirstMfeStats(PDWORD pdwBufferSize, PBYTE pbBuffer, PDWORD pdwNumEntries,
                                 DWORD dwFlags)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetFirstMfeStats,
                              (pdwBufferSize, pbBuffer, pdwNumEntries, dwFlags),
                              "size %u, flags %#x",
                              pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u,
                              RTM_DEBUG_U(dwFlags));
    enum format f;

    if (!stats_format(dwFlags, &f))
        return ERROR_INVALID_PARAMETER;
    return get_many(NULL, pdwBufferSize, pbBuffer, pdwNumEntries, f);
}

/**
 * MgmGetNextMfeStats - the statistics of the MFEs after one
 * (spec/mgm/nf-mgm-mgmgetnextmfestats.md).
 *
 * As MgmGetNextMfe, each MFE written as MgmGetMfeStats writes it for
 * dwFlags (MGM_MFE_STATS_0 or MGM_MFE_STATS_1; anything else is
 * ERROR_INVALID_PARAMETER). Takes the MGM lock shared.
 */
DWORD WINAPI MgmGetNextMfeStats(PMIB_IPMCAST_MFE pimmStart, PDWORD pdwBufferSize,
                                PBYTE pbBuffer, PDWORD pdwNumEntries, DWORD dwFlags)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetNextMfeStats,
                              (pimmStart, pdwBufferSize, pbBuffer, pdwNumEntries, dwFlags),
                              "size %u, flags %#x",
                              pdwBufferSize ? RTM_DEBUG_U(*pdwBufferSize) : 0u,
                              RTM_DEBUG_U(dwFlags));
    enum format f;

    if (!pimmStart || !stats_format(dwFlags, &f))
        return ERROR_INVALID_PARAMETER;
    return get_many(pimmStart, pdwBufferSize, pbBuffer, pdwNumEntries, f);
}
