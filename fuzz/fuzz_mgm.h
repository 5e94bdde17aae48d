/*
 * fuzz_mgm.h - the API fuzzer's share for the Multicast Group Manager
 * (mgm.h, rtm_mgm_forwarder.h; see docs/fuzzing.md).
 *
 * The harness keeps a reference model of the MGM, exact because every
 * callback it gives the MGM is passive (it answers without calling back
 * and changes nothing the harness models) and because the two callbacks
 * that shape an MFE - RPF and creation alert - run in the reporting
 * thread, where the harness records what they saw and did:
 *   - the clients it registered (routing protocols and IGMP), with the
 *     callbacks each gave;
 *   - a few interfaces (links) and who is on each: a routing protocol,
 *     IGMP, both or nobody;
 *   - the memberships: (caller, link, source, group), once each;
 *   - the MFEs: their pair, incoming link, the fields fixed at creation,
 *     their outgoing links and the forwarder's counters, updated by the
 *     rules of docs/behaviour.md (joins and leaves with and without
 *     MGM_FORWARD_STATE_FLAG, interfaces released, the forwarder gone);
 *   - the group enumerations with their positions;
 *   - every MGM handle value seen, for stale and wrong-type handles.
 * After every MGM operation the counts RtmDiagGetObjectCounts reports
 * (interfaces, memberships, MFEs, clients, enumerations) must equal the
 * model's; reads of groups and MFEs are compared entry by entry.
 */
#ifndef RTM_FUZZ_MGM_H
#define RTM_FUZZ_MGM_H

#include "fuzz.h"
#include "mgm.h"
#include "mgm/objects.h"
#include "mgm/protocol.h"
#include "mgm/rpf.h"
#include "rtm_mgm_forwarder.h"

#define FZM_CLIENTS 6
#define FZM_LINKS 6        /* the interfaces the harness's clients use */
#define FZM_MEMBERS 64
#define FZM_MFES 32
#define FZM_ENUMS 6
#define FZM_HANDLES 48
#define FZM_MFE_TIMEOUT 900u /* seconds: a new MFE's timeout (never reached) */

struct fzm_client {
    int state;                   /* FZ_FREE, FZ_REGISTERED, FZ_GONE */
    HANDLE h;
    DWORD protocol, component;
    int igmp;
    ROUTING_PROTOCOL_CONFIG config;
};

struct fzm_link {
    DWORD index, nexthop;        /* constant */
    int owner, igmp;             /* client slots, or -1 */
};

struct fzm_member {
    int client, link;            /* the caller; a slot of fzm.link */
    DWORD source, group;         /* network order; 0: wildcard */
};

struct fzm_oif {
    DWORD index, nexthop;
    MIB_IPMCAST_OIF_STATS stats; /* the forwarder's last report (0 before) */
};

struct fzm_mfe {
    DWORD source, group;
    DWORD in_index, in_nexthop;  /* the incoming link */
    MIB_IPMCAST_MFE fixed;       /* fields set at creation (upstream, route, protocol) */
    int noif;
    struct fzm_oif oif[FZM_LINKS];
    MIB_IPMCAST_MFE_STATS_EX counters; /* ulInPkts ... ulTotalOutPackets */
};

struct fzm_enum {
    HANDLE h;
    int client;
    int any;                     /* ANY_SOURCE */
    int started, done;
    DWORD group_key, source_key; /* host order: the last entry returned */
};

struct fzm_handle {
    HANDLE h;
    int type;                    /* RTM_OBJ_MGM_* */
};

/* What the RPF and creation alert callbacks of a report saw and did. */
struct fzm_report {
    int rpf_called;
    DWORD rpf_index, rpf_nexthop;  /* the incoming link it was asked about */
    int redirect;                  /* it moves the incoming link to ... */
    DWORD to_index, to_nexthop;    /* ... this one */
    unsigned disable;              /* bit l: creation alerts disable link l */
    int ndisabled;
    DWORD disabled_index[FZM_LINKS], disabled_nexthop[FZM_LINKS];
};

struct fz_mgm {
    struct fzm_client client[FZM_CLIENTS];
    struct fzm_link link[FZM_LINKS];
    struct fzm_member member[FZM_MEMBERS];
    int nmembers;
    struct fzm_mfe mfe[FZM_MFES];  /* in no order */
    int nmfes;
    struct fzm_enum en[FZM_ENUMS];
    int nenums;
    struct fzm_handle handle[FZM_HANDLES];
    int nhandles;
    HANDLE forwarder;              /* registered, or NULL */
    int rtm_entity;                /* the MGM is registered with RTMv2 */
    struct fzm_report report;
};

extern struct fz_mgm fzm;

/* ---- values (fuzz_mgm_model.c) ----------------------------------------- */

/* Nonzero for a class D address (network order). */
int fzm_class_d(DWORD a);
/* A source: mostly a unicast address that routes may cover; sometimes 0,
 * a class D address or random bits. */
DWORD fzm_gen_source(struct fz_in *in);
/* A group: mostly one of a few class D addresses; sometimes not one. */
DWORD fzm_gen_group(struct fz_in *in);
/* A pair as the membership functions take it: (*, *), (*, g) or (s, g),
 * sometimes with bad addresses or masks. Returns nonzero when valid. */
int fzm_gen_pair(struct fz_in *in, DWORD *source, DWORD *smask, DWORD *group, DWORD *gmask);
/* An interface: mostly one of the links (*link its slot), else another
 * (*link -1). */
void fzm_gen_link(struct fz_in *in, DWORD *index, DWORD *nexthop, int *link);
/* Host-order key of a network-order address (the MGM's order). */
DWORD fzm_key(DWORD a);

/* Reads n bytes the MGM lends to a callback (AddressSanitizer checks
 * them). */
void fzm_touch(const void *p, size_t n);

/* ---- handles ------------------------------------------------------------ */

void fzm_handle_seen(HANDLE h, int type);
/* A handle for a parameter of the MGM type: mostly valid (valid_h), else
 * stale, of another MGM or RTMv2 type, forged or NULL. */
HANDLE fzm_pick(struct fz_in *in, int type, HANDLE valid_h);
/* The client slot of a registered client's handle, or -1. */
int fzm_client_of(HANDLE h);
/* The live enumeration of a handle, or NULL. */
struct fzm_enum *fzm_enum_of(HANDLE h);

/* ---- clients and links ---------------------------------------------------- */

/* The client's callbacks, chosen by sel (some NULL). */
void fzm_config(unsigned sel, ROUTING_PROTOCOL_CONFIG *config);
/* The protocol the MGM reports on a link: its routing protocol, else its
 * IGMP; -1 for none (a link of no slot included). */
int fzm_protocol_on(DWORD index, DWORD nexthop);
int fzm_link_of(DWORD index, DWORD nexthop);
/* Nonzero when the client is on a link. */
int fzm_on_any_link(int client);
/* Notes that the MGM's RTMv2 registration ends when no client and no
 * forwarder is left. */
void fzm_maybe_unused(void);

/* ---- memberships and MFEs ----------------------------------------------- */

int fzm_member_find(int client, int link, DWORD source, DWORD group);
/* Nonzero when the pair (source, group) covers the MFE of (s, g). */
int fzm_covers(DWORD source, DWORD group, DWORD s, DWORD g);
struct fzm_mfe *fzm_mfe_find(DWORD source, DWORD group);

/* The outgoing-interface rules (docs/behaviour.md): at link, the MFEs the
 * pair covers get it (add), lose it (remove) or have it when a membership
 * covers them there (by members); never on an MFE's incoming link. */
enum fzm_rule { FZM_BY_MEMBERS, FZM_ADD, FZM_REMOVE };
void fzm_apply(DWORD source, DWORD group, int link, enum fzm_rule rule);
/* Ends the memberships on a link (client -1: everybody's), with their
 * MFE changes. */
void fzm_members_leave(int link, int client);
/* A link is left by everyone who mattered: every MFE loses it as an
 * outgoing link, those coming in on it are deleted. */
void fzm_link_gone(int link);
/* Adds the MFE a report just made (read back through MgmGetMfe). */
void fzm_mfe_made(DWORD source, DWORD group, DWORD arrival_index, DWORD arrival_nexthop);
/* Checks an MFE as MgmGetMfe and the first/next functions write it
 * (format 0: MIB_IPMCAST_MFE, 1: _STATS, 2: _STATS_EX) at p; returns its
 * size. */
DWORD fzm_check_mfe(const char *fn, const uint8_t *p, int format, const struct fzm_mfe *m);
/* The bytes of an MFE of n outgoing interfaces in a format. */
DWORD fzm_mfe_size(int format, int n);
/* The model's MFEs in the MGM's order (group, then source). */
int fzm_sorted_mfes(const struct fzm_mfe **out);

/* Empties the model (start of input). */
void fzm_reset(void);
/* Checks a return code: one of the MGM's codes, and the one expected. */
void fzm_expect(const char *fn, DWORD code, DWORD expected);
/* Checks the MGM's live-object counts against the model. */
void fzm_check_counts(void);

/* ---- operations (fuzz_ops_mgm.c, fuzz_ops_mfe.c, fuzz_ops_group.c) ----------------------------------------- */

extern void (*const fz_mgm_ops[])(struct fz_in *);
extern const unsigned fz_mgm_op_count;
extern void (*const fz_mfe_ops[])(struct fz_in *);
extern const unsigned fz_mfe_op_count;
extern void (*const fz_group_ops[])(struct fz_in *);
extern const unsigned fz_group_op_count;

/* Releases every interface, deregisters every client and the forwarder,
 * and checks that the MGM is empty (end of input); resets the model. */
void fz_mgm_end(void);

#endif /* RTM_FUZZ_MGM_H */
