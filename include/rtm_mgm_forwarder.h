/*
 * rtm_mgm_forwarder.h - the multicast forwarder's side of the Multicast
 * Group Manager: an extension of the rtm library.
 *
 * NOT PART OF MICROSOFT'S Rtm.dll (except the two MgmInitialize and
 * MgmDeInitialize exports, which Rtm.dll has but no public document
 * describes: their meaning here is rtm's). On Windows the router manager
 * connects the MGM to the kernel's multicast forwarder through them, with
 * structures that are not public. With rtm, a router-manager program plays
 * the forwarder through these functions instead:
 *
 *   - it registers once (RtmMgmForwarderRegister) with three callbacks,
 *     through which the MGM installs, updates and removes the multicast
 *     forwarding entries (MFEs) the forwarder must apply;
 *   - it reports each packet for which it has no MFE, or that arrived on
 *     another interface than its MFE's incoming one
 *     (RtmMgmForwarderReportPacket): the MGM then creates the MFE, asking
 *     the routing protocols as spec/rras/ describes (RPF, creation alerts),
 *     or tells the protocol on the wrong interface;
 *   - it reports its counters for an MFE (RtmMgmForwarderReportCounters),
 *     which MgmGetMfeStats and the other statistics functions return;
 *   - it deregisters (RtmMgmForwarderDeregister), which deletes every MFE.
 *
 * A program that must also run on Windows' own Rtm.dll should look these
 * functions up with GetProcAddress and do without them when they are
 * missing. Addresses are IPv4, DWORDs in network byte order, as in mgm.h.
 * The callbacks run on the library's worker threads, one at a time and in
 * the order the MGM decided the changes, outside every lock of the
 * library: they may call any function of the library. The README's "The
 * multicast forwarder" has an example.
 */
#ifndef RTM_MGM_FORWARDER_H
#define RTM_MGM_FORWARDER_H

#include "mgm.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A new MFE (InstallMfe) or a changed one (UpdateMfe: its outgoing
 * interfaces or timeout changed): Mfe, valid during the call, is the
 * entry as MgmGetMfe would return it then, Mfe->ulNumOutIf outgoing
 * interfaces included (none: drop the packets of the pair). The result is
 * ignored.
 */
typedef DWORD (WINAPI *PRTM_MGM_FORWARDER_MFE)(PVOID Context, const MIB_IPMCAST_MFE *Mfe);

/* The MFE of (Source, Group) is deleted (it expired, or its incoming
 * interface was released). The result is ignored. */
typedef DWORD (WINAPI *PRTM_MGM_FORWARDER_REMOVE)(PVOID Context, DWORD Source, DWORD Group);

/* The forwarder's callbacks (any may be NULL) and the Context they get. */
typedef struct _RTM_MGM_FORWARDER_CONFIG {
    PVOID Context;
    PRTM_MGM_FORWARDER_MFE pfnInstallMfe;
    PRTM_MGM_FORWARDER_MFE pfnUpdateMfe;
    PRTM_MGM_FORWARDER_REMOVE pfnRemoveMfe;
} RTM_MGM_FORWARDER_CONFIG, *PRTM_MGM_FORWARDER_CONFIG;

/*
 * RtmMgmForwarderRegister - connects the forwarder (one at a time).
 * Config is copied. Returns NO_ERROR with its handle in *Forwarder;
 * ERROR_INVALID_PARAMETER (Config or Forwarder NULL); ERROR_ALREADY_EXISTS
 * (a forwarder is registered); ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD WINAPI RtmMgmForwarderRegister(const RTM_MGM_FORWARDER_CONFIG *Config, HANDLE *Forwarder);

/*
 * RtmMgmForwarderDeregister - disconnects the forwarder: every MFE is
 * deleted (without RemoveMfe calls), and the call waits for its callbacks
 * in flight (not the one it is called from); none starts afterwards.
 * Returns NO_ERROR, or ERROR_INVALID_HANDLE.
 */
DWORD WINAPI RtmMgmForwarderDeregister(HANDLE Forwarder);

/*
 * RtmMgmForwarderReportPacket - a packet from Source to Group arrived on
 * interface (InIfIndex, InIfNextHopAddr). HdrSize bytes at PacketHdr (its
 * IP header and what follows; may be 0 and NULL) go to the protocols'
 * RPF and wrong-interface callbacks.
 * Without an MFE for (Source, Group), the MGM creates one: the incoming
 * interface is the one towards Source in the multicast view of the RTMv2
 * table (instance 0, AF_INET), or the arrival interface when there is no
 * route, as the RPF callback of the protocol on it may change it; the
 * outgoing interfaces are those with members for the pair, as the
 * creation alerts of their protocols leave them. The forwarder receives
 * it through InstallMfe. When the packet did not arrive on the MFE's
 * incoming interface, the protocol on the arrival interface gets a
 * wrong-interface callback.
 * Returns NO_ERROR (the MFE exists); ERROR_INVALID_HANDLE (Forwarder);
 * ERROR_INVALID_PARAMETER (Group not a class D address, Source 0 or class
 * D, HdrSize above 65535, PacketHdr NULL with HdrSize nonzero);
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD WINAPI RtmMgmForwarderReportPacket(HANDLE Forwarder, DWORD Source, DWORD Group,
                                         DWORD InIfIndex, DWORD InIfNextHopAddr, DWORD HdrSize,
                                         PBYTE PacketHdr);

/*
 * RtmMgmForwarderReportCounters - the forwarder's counters of the MFE
 * (Counters->dwSource, Counters->dwGroup), as totals since it was
 * installed: ulInPkts, ulInOctets, ulPktsDifferentIf, ulQueueOverflow,
 * ulUninitMfe, ulNegativeMfe, ulInDiscards, ulInHdrErrors,
 * ulTotalOutPackets, and for each of the ulNumOutIf entries of
 * rgmiosOutStats the counters of the outgoing interface it names
 * (dwOutIfIndex, dwNextHopAddr; entries naming none of the MFE's are
 * ignored). Size is the bytes at Counters: at least
 * SIZEOF_MIB_MFE_STATS_EX(ulNumOutIf). A rise of ulInPkts restarts the
 * MFE's timeout. Returns NO_ERROR; ERROR_INVALID_HANDLE (Forwarder);
 * ERROR_INVALID_PARAMETER (Counters NULL, Size too small);
 * ERROR_NOT_FOUND (no such MFE).
 */
DWORD WINAPI RtmMgmForwarderReportCounters(HANDLE Forwarder,
                                           const MIB_IPMCAST_MFE_STATS_EX *Counters, DWORD Size);

/*
 * MgmInitialize - Rtm.dll's undocumented export, as rtm defines it: the
 * MGM starts on first use, so this only checks that it can: both
 * arguments must be NULL (the structures Windows' router manager passes
 * are not public: a forwarder connects with RtmMgmForwarderRegister).
 * Returns NO_ERROR; ERROR_NOT_SUPPORTED when an argument is not NULL.
 */
DWORD WINAPI MgmInitialize(PVOID Reserved1, PVOID Reserved2);

/*
 * MgmDeInitialize - Rtm.dll's undocumented export, as rtm defines it:
 * frees what the MGM keeps once nothing uses it (it starts again on the
 * next call). Returns NO_ERROR; ERROR_CAN_NOT_COMPLETE while a protocol or
 * a forwarder is registered.
 */
DWORD WINAPI MgmDeInitialize(VOID);

#ifdef __cplusplus
}
#endif

#endif /* RTM_MGM_FORWARDER_H */
