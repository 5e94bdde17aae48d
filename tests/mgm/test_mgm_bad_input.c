/*
 * test_mgm_bad_input.c - the bad-input matrix of the Multicast Group
 * Manager: every Mgm* export and every function of its forwarder
 * extension (rtm_mgm_forwarder.h) called with bad arguments returns the
 * error it documents and changes nothing. (tests/unit/test_bad_input.c is
 * the same for the other exports.)
 *
 * Each export has a row: a wrapper that calls it with one value per slot,
 * the other arguments valid, and the kind of each slot. With every other
 * slot valid, a slot gets in turn NULL (a pointer: ERROR_INVALID_PARAMETER
 * unless NULL is allowed), forged handles (small numbers, a pointer into
 * the test, near misses of a live handle), a stale handle of each MGM type
 * (a deregistered client, an ended enumeration, a deregistered
 * forwarder), a live handle of each other type (RTMv2's entity among
 * them): ERROR_INVALID_PARAMETER for a client or enumeration handle (as
 * the MGM's pages say), ERROR_INVALID_HANDLE for the forwarder's (rtm's
 * extension). The calls with every slot valid are not made. Special rows
 * cover the rest: pairs with ranges, non-multicast groups, flags, types,
 * sizes, interfaces not the caller's, duplicates.
 *
 * After each call the MGM must be as before: a snapshot (the clients on
 * the fixture's interfaces, the pairs joined, every MFE and its
 * statistics but its times, the live objects) is compared, and no
 * callback has been made to a client or to the forwarder (the queue is
 * drained first: settle).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "export_list.h"
#include "mgm_test.h"
#include "mgm_snapshot.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

#define MAX_SLOTS 4
#define G1 ip(239, 1, 1, 1)
#define S1 ip(10, 1, 0, 5)
#define J MGM_JOIN_STATE_FLAG

enum kind { K_END, K_PTR, K_PROTOCOL, K_ENUM, K_FORWARDER };

#define NULL_OK 1 /* NULL is a valid value of the pointer slot */

struct slot {
    enum kind kind;
    unsigned flags;
};

/* The fixture: a routing protocol a on 1, IGMP on 1 and 2, memberships,
 * an MFE, an enumeration, a forwarder; stale handles of each type. */
struct fx {
    struct test_client *a, *igmp;
    HANDLE enumeration, forwarder;
    HANDLE stale_protocol, stale_enum, stale_forwarder;
    RTM_ENTITY_HANDLE entity;    /* RTMv2's */
    BYTE buffer[1024];
    DWORD size, count, id, component;
    MIB_IPMCAST_MFE which;
    ROUTING_PROTOCOL_CONFIG config;
    HANDLE out;
    int cases, failures;
};

typedef DWORD (*wrapper)(struct fx *f, void *const *v);

struct row {
    const char *export;
    wrapper call;
    struct slot slots[MAX_SLOTS];
};

/* ---- the rows ---------------------------------------------------------- */

static DWORD w_register(struct fx *f, void *const *v)
{
    return MgmRegisterMProtocol(v[0], PROTO_A + 9, 1, v[1]);
}

static DWORD w_deregister(struct fx *f, void *const *v)
{
    return MgmDeRegisterMProtocol(v[0]);
}

static DWORD w_take(struct fx *f, void *const *v)
{
    return MgmTakeInterfaceOwnership(v[0], 9, 0);
}

static DWORD w_release(struct fx *f, void *const *v)
{
    return MgmReleaseInterfaceOwnership(v[0], 1, 0);
}

static DWORD w_protocol_on(struct fx *f, void *const *v)
{
    return MgmGetProtocolOnInterface(1, 0, v[0], v[1]);
}

static DWORD w_add(struct fx *f, void *const *v)
{
    return MgmAddGroupMembershipEntry(v[0], 0, 0, ip(239, 2, 2, 2), ALL_ONES, 1, 0, J);
}

static DWORD w_delete(struct fx *f, void *const *v)
{
    return MgmDeleteGroupMembershipEntry(v[0], 0, 0, G1, ALL_ONES, 1, 0, J);
}

static DWORD w_get_mfe(struct fx *f, void *const *v)
{
    return MgmGetMfe(v[0], v[1], v[2]);
}

static DWORD w_first_mfe(struct fx *f, void *const *v)
{
    return MgmGetFirstMfe(v[0], v[1], v[2]);
}

static DWORD w_next_mfe(struct fx *f, void *const *v)
{
    return MgmGetNextMfe(v[0], v[1], v[2], v[3]);
}

static DWORD w_get_stats(struct fx *f, void *const *v)
{
    return MgmGetMfeStats(v[0], v[1], v[2], MGM_MFE_STATS_1);
}

static DWORD w_first_stats(struct fx *f, void *const *v)
{
    return MgmGetFirstMfeStats(v[0], v[1], v[2], MGM_MFE_STATS_0);
}

static DWORD w_next_stats(struct fx *f, void *const *v)
{
    return MgmGetNextMfeStats(v[0], v[1], v[2], v[3], MGM_MFE_STATS_0);
}

static DWORD w_enum_start(struct fx *f, void *const *v)
{
    return MgmGroupEnumerationStart(v[0], ALL_SOURCES, v[1]);
}

static DWORD w_enum_next(struct fx *f, void *const *v)
{
    return MgmGroupEnumerationGetNext(v[0], v[1], v[2], v[3]);
}

static DWORD w_enum_end(struct fx *f, void *const *v)
{
    return MgmGroupEnumerationEnd(v[0]);
}

static DWORD w_initialize(struct fx *f, void *const *v)
{
    return MgmInitialize(v[0], v[1]);
}

static DWORD w_deinitialize(struct fx *f, void *const *v)
{
    return MgmDeInitialize();
}

static DWORD w_fwd_register(struct fx *f, void *const *v)
{
    return RtmMgmForwarderRegister(v[0], v[1]);
}

static DWORD w_fwd_deregister(struct fx *f, void *const *v)
{
    return RtmMgmForwarderDeregister(v[0]);
}

static DWORD w_fwd_packet(struct fx *f, void *const *v)
{
    return RtmMgmForwarderReportPacket(v[0], ip(10, 9, 9, 9), G1, 2, 0, 0, NULL);
}

static DWORD w_fwd_counters(struct fx *f, void *const *v)
{
    return RtmMgmForwarderReportCounters(v[0], v[1], SIZEOF_MIB_MFE_STATS_EX(0));
}

#define P { K_PTR, 0 }
#define P_NULL_OK { K_PTR, NULL_OK }
#define PROTOCOL { K_PROTOCOL, 0 }
#define ENUM { K_ENUM, 0 }
#define FORWARDER { K_FORWARDER, 0 }

static const struct row rows[] = {
    { "MgmRegisterMProtocol", w_register, { P, P } },
    { "MgmDeRegisterMProtocol", w_deregister, { PROTOCOL } },
    { "MgmTakeInterfaceOwnership", w_take, { PROTOCOL } },
    { "MgmReleaseInterfaceOwnership", w_release, { PROTOCOL } },
    { "MgmGetProtocolOnInterface", w_protocol_on, { P, P } },
    { "MgmAddGroupMembershipEntry", w_add, { PROTOCOL } },
    { "MgmDeleteGroupMembershipEntry", w_delete, { PROTOCOL } },
    { "MgmGetMfe", w_get_mfe, { P, P, P } },
    { "MgmGetFirstMfe", w_first_mfe, { P, P, P } },
    { "MgmGetNextMfe", w_next_mfe, { P, P, P, P } },
    { "MgmGetMfeStats", w_get_stats, { P, P, P } },
    { "MgmGetFirstMfeStats", w_first_stats, { P, P, P } },
    { "MgmGetNextMfeStats", w_next_stats, { P, P, P, P } },
    { "MgmGroupEnumerationStart", w_enum_start, { PROTOCOL, P } },
    { "MgmGroupEnumerationGetNext", w_enum_next, { ENUM, P, P, P } },
    { "MgmGroupEnumerationEnd", w_enum_end, { ENUM } },
    { "MgmInitialize", w_initialize, { P_NULL_OK, P_NULL_OK } },
    { "MgmDeInitialize", w_deinitialize, { { K_END, 0 } } },
    { "RtmMgmForwarderRegister", w_fwd_register, { P, P } },
    { "RtmMgmForwarderDeregister", w_fwd_deregister, { FORWARDER } },
    { "RtmMgmForwarderReportPacket", w_fwd_packet, { FORWARDER } },
    { "RtmMgmForwarderReportCounters", w_fwd_counters, { FORWARDER, P } },
};

/* The valid value of slot i of a row (pointer slots: the fixture's
 * buffers; MgmInitialize's: NULL). */
static void *valid_value(struct fx *f, const struct row *r, int i)
{
    switch (r->slots[i].kind) {
    case K_PROTOCOL:
        return f->a->h;
    case K_ENUM:
        return f->enumeration;
    case K_FORWARDER:
        return f->forwarder;
    default:
        break;
    }
    if (r->slots[i].flags & NULL_OK)
        return NULL;
    if (r->call == w_register)
        return i == 0 ? (void *)&f->config : (void *)&f->out;
    if (r->call == w_protocol_on)
        return i == 0 ? (void *)&f->id : (void *)&f->component;
    if (r->call == w_fwd_register)
        return i == 0 ? (void *)&f->config : (void *)&f->out;
    if (r->call == w_fwd_counters)
        return f->buffer;
    if (r->call == w_enum_start)
        return &f->out;
    if (r->call == w_enum_next)
        return i == 1 ? (void *)&f->size : i == 2 ? (void *)f->buffer : (void *)&f->count;
    if (r->call == w_next_mfe || r->call == w_next_stats) {
        void *const values[] = { &f->which, &f->size, f->buffer, &f->count };
        return values[i];
    }
    if (r->call == w_get_mfe || r->call == w_get_stats) {
        void *const values[] = { &f->which, &f->size, f->buffer };
        return values[i];
    }
    {
        void *const values[] = { &f->size, f->buffer, &f->count };
        return values[i];
    }
}

/* Records a case: the call returned got, expected want, and nothing may
 * have changed. */
static void expect(struct fx *f, const char *export, const char *what, DWORD got, DWORD want,
                   const struct mgm_snapshot *before)
{
    struct mgm_snapshot after;

    f->cases++;
    mgm_snapshot_take(f->a->h, &after);
    if (got != want) {
        print_error("%s, %s: %lu, expected %lu\n", export, what, (unsigned long)got,
                    (unsigned long)want);
        f->failures++;
    }
    if (!mgm_snapshot_equal(&after, before)) {
        print_error("%s, %s: the call changed something\n", export, what);
        f->failures++;
    }
}

/* ---- the matrix ------------------------------------------------------------ */

static HANDLE forged(struct fx *f, int k, const char **what)
{
    static int local;
    /* the lowest bit of a handle's generation (base/handle.h) */
    const uintptr_t generation = sizeof(void *) == 8 ? (uintptr_t)1 << 32 : (uintptr_t)1 << 24;

    switch (k) {
    case 0:
        *what = "handle 1";
        return (HANDLE)1;
    case 1:
        *what = "handle 0x1234";
        return (HANDLE)0x1234;
    case 2:
        *what = "a pointer into the test";
        return &local;
    default:
        *what = "a live handle of another generation";
        return (HANDLE)((uintptr_t)f->a->h ^ generation);
    }
}

/* The bad values of a handle slot of kind k and their names. */
static int bad_handles(struct fx *f, enum kind k, HANDLE *out, const char **names)
{
    int n = 0;

    out[n] = NULL;
    names[n++] = "NULL";
    for (int i = 0; i < 4; i++, n++)
        out[n] = forged(f, i, &names[n]);
    out[n] = f->stale_protocol;
    names[n++] = "a deregistered client";
    out[n] = f->stale_enum;
    names[n++] = "an ended enumeration";
    out[n] = f->stale_forwarder;
    names[n++] = "a deregistered forwarder";
    out[n] = f->entity;
    names[n++] = "an RTMv2 entity";
    if (k != K_PROTOCOL) {
        out[n] = f->a->h;
        names[n++] = "a client's handle";
    }
    if (k != K_ENUM) {
        out[n] = f->enumeration;
        names[n++] = "an enumeration's handle";
    }
    if (k != K_FORWARDER) {
        out[n] = f->forwarder;
        names[n++] = "the forwarder's handle";
    }
    return n;
}

static void run_row(struct fx *f, const struct row *r)
{
    void *v[MAX_SLOTS];
    struct mgm_snapshot before;
    char what[128];

    for (int i = 0; i < MAX_SLOTS && r->slots[i].kind != K_END; i++) {
        for (int k = 0; k < MAX_SLOTS && r->slots[k].kind != K_END; k++)
            v[k] = valid_value(f, r, k);
        if (r->slots[i].kind == K_PTR) {
            if (r->slots[i].flags & NULL_OK)
                continue;
            v[i] = NULL;
            f->size = sizeof f->buffer;
            mgm_snapshot_take(f->a->h, &before);
            snprintf(what, sizeof what, "argument %d NULL", i + 1);
            expect(f, r->export, what, r->call(f, v), ERROR_INVALID_PARAMETER, &before);
        } else {
            HANDLE bad[16];
            const char *names[16];
            int n = bad_handles(f, r->slots[i].kind, bad, names);
            DWORD want = r->slots[i].kind == K_FORWARDER ? ERROR_INVALID_HANDLE
                                                         : ERROR_INVALID_PARAMETER;
            for (int b = 0; b < n; b++) {
                v[i] = bad[b];
                f->size = sizeof f->buffer;
                mgm_snapshot_take(f->a->h, &before);
                snprintf(what, sizeof what, "argument %d %s", i + 1, names[b]);
                expect(f, r->export, what, r->call(f, v), want, &before);
            }
        }
    }
}

/* ---- special rows ------------------------------------------------------------ */

struct special {
    const char *export, *what;
    DWORD (*call)(struct fx *f);
    DWORD expected;
};

static DWORD s_register_twice(struct fx *f)
{
    return MgmRegisterMProtocol(&f->config, PROTO_A, 1, &f->out);
}

static DWORD s_deregister_owner(struct fx *f)
{
    return MgmDeRegisterMProtocol(f->a->h);
}

static DWORD s_take_owned(struct fx *f)
{
    return MgmTakeInterfaceOwnership(f->a->h, 1, 0);
}

static DWORD s_take_igmp_twice(struct fx *f)
{
    return MgmTakeInterfaceOwnership(f->igmp->h, 2, 0);
}

static DWORD s_release_not_owner(struct fx *f)
{
    return MgmReleaseInterfaceOwnership(f->a->h, 2, 0);
}

static DWORD s_release_unknown(struct fx *f)
{
    return MgmReleaseInterfaceOwnership(f->a->h, 9, 0);
}

static DWORD s_protocol_on_unknown(struct fx *f)
{
    return MgmGetProtocolOnInterface(9, 0, &f->id, &f->component);
}

static DWORD add(struct fx *f, DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD flags)
{
    return MgmAddGroupMembershipEntry(f->a->h, s, sm, g, gm, index, 0, flags);
}

static DWORD del(struct fx *f, DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD flags)
{
    return MgmDeleteGroupMembershipEntry(f->a->h, s, sm, g, gm, index, 0, flags);
}

/* The bad pairs and flags, for both membership functions: calls[i] with
 * add or del. */
#define PAIR_SPECIALS(name, fn)                                                              \
    static DWORD s_##fn##_group_range(struct fx *f)                                          \
    {                                                                                      \
        return fn(f, 0, 0, G1, 0xFFFFFF00, 1, J);                                          \
    }                                                                                      \
    static DWORD s_##fn##_source_range(struct fx *f)                                         \
    {                                                                                      \
        return fn(f, S1, 0xFFFF0000, G1, ALL_ONES, 1, J);                                  \
    }                                                                                      \
    static DWORD s_##fn##_source_any_group(struct fx *f)                                     \
    {                                                                                      \
        return fn(f, S1, ALL_ONES, 0, 0, 1, J);                                            \
    }                                                                                      \
    static DWORD s_##fn##_unicast_group(struct fx *f)                                        \
    {                                                                                      \
        return fn(f, 0, 0, ip(10, 0, 0, 1), ALL_ONES, 1, J);                               \
    }                                                                                      \
    static DWORD s_##fn##_multicast_source(struct fx *f)                                     \
    {                                                                                      \
        return fn(f, G1, ALL_ONES, G1, ALL_ONES, 1, J);                                    \
    }                                                                                      \
    static DWORD s_##fn##_no_flag(struct fx *f)                                              \
    {                                                                                      \
        return fn(f, 0, 0, G1, ALL_ONES, 1, 0);                                            \
    }                                                                                      \
    static DWORD s_##fn##_unknown_flag(struct fx *f)                                         \
    {                                                                                      \
        return fn(f, 0, 0, G1, ALL_ONES, 1, J | 4);                                        \
    }                                                                                      \
    static DWORD s_##fn##_other_interface(struct fx *f)                                      \
    {                                                                                      \
        return fn(f, 0, 0, G1, ALL_ONES, 2, J);                                            \
    }

PAIR_SPECIALS("MgmAddGroupMembershipEntry", add)
PAIR_SPECIALS("MgmDeleteGroupMembershipEntry", del)

#define PAIR_ROWS(name, fn)                                                                  \
    { name, "a range of groups", s_##fn##_group_range, ERROR_INVALID_PARAMETER },          \
    { name, "a range of sources", s_##fn##_source_range, ERROR_INVALID_PARAMETER },        \
    { name, "(s, *)", s_##fn##_source_any_group, ERROR_INVALID_PARAMETER },                \
    { name, "a unicast group", s_##fn##_unicast_group, ERROR_INVALID_PARAMETER },          \
    { name, "a multicast source", s_##fn##_multicast_source, ERROR_INVALID_PARAMETER },    \
    { name, "no flag", s_##fn##_no_flag, ERROR_INVALID_PARAMETER },                        \
    { name, "an unknown flag", s_##fn##_unknown_flag, ERROR_INVALID_PARAMETER },           \
    { name, "an interface the caller is not on", s_##fn##_other_interface,                 \
      ERROR_INVALID_PARAMETER }

static DWORD s_add_unknown_interface(struct fx *f)
{
    return add(f, 0, 0, G1, ALL_ONES, 9, J);
}

static DWORD s_delete_unknown_interface(struct fx *f)
{
    return del(f, 0, 0, G1, ALL_ONES, 9, J);
}

static DWORD s_delete_not_joined(struct fx *f)
{
    return del(f, 0, 0, ip(239, 3, 3, 3), ALL_ONES, 1, J);
}

static DWORD s_get_mfe_absent(struct fx *f)
{
    MIB_IPMCAST_MFE which = f->which;
    which.dwGroup = ip(239, 3, 3, 3);
    return MgmGetMfe(&which, &f->size, f->buffer);
}

static DWORD s_get_mfe_small(struct fx *f)
{
    f->size = SIZEOF_BASIC_MIB_MFE;
    return MgmGetMfe(&f->which, &f->size, f->buffer);
}

static DWORD s_get_mfe_null_buffer(struct fx *f)
{
    return MgmGetMfe(&f->which, &f->size, NULL);
}

static DWORD s_stats_flags(struct fx *f)
{
    return MgmGetMfeStats(&f->which, &f->size, f->buffer, 3);
}

static DWORD s_first_stats_flags(struct fx *f)
{
    return MgmGetFirstMfeStats(&f->size, f->buffer, &f->count, 0);
}

static DWORD s_next_stats_flags(struct fx *f)
{
    return MgmGetNextMfeStats(&f->which, &f->size, f->buffer, &f->count, 4);
}

static DWORD s_first_small(struct fx *f)
{
    f->size = 3;
    return MgmGetFirstMfe(&f->size, f->buffer, &f->count);
}

static DWORD s_enum_type(struct fx *f)
{
    return MgmGroupEnumerationStart(f->a->h, (MGM_ENUM_TYPES)7, &f->out);
}

static DWORD s_enum_small(struct fx *f)
{
    f->size = sizeof(SOURCE_GROUP_ENTRY) - 1;
    return MgmGroupEnumerationGetNext(f->enumeration, &f->size, f->buffer, &f->count);
}

static DWORD s_enum_null_buffer(struct fx *f)
{
    return MgmGroupEnumerationGetNext(f->enumeration, &f->size, NULL, &f->count);
}

static DWORD s_initialize_arguments(struct fx *f)
{
    return MgmInitialize(f->buffer, NULL);
}

static DWORD s_deinitialize_in_use(struct fx *f)
{
    return MgmDeInitialize();
}

static DWORD s_fwd_register_twice(struct fx *f)
{
    RTM_MGM_FORWARDER_CONFIG config;
    memset(&config, 0, sizeof config);
    return RtmMgmForwarderRegister(&config, &f->out);
}

static DWORD packet(struct fx *f, DWORD s, DWORD g, DWORD size, PBYTE hdr)
{
    return RtmMgmForwarderReportPacket(f->forwarder, s, g, 2, 0, size, hdr);
}

static DWORD s_packet_unicast_group(struct fx *f)
{
    return packet(f, S1, ip(10, 0, 0, 1), 0, NULL);
}

static DWORD s_packet_source_zero(struct fx *f)
{
    return packet(f, 0, G1, 0, NULL);
}

static DWORD s_packet_multicast_source(struct fx *f)
{
    return packet(f, G1, G1, 0, NULL);
}

static DWORD s_packet_no_header(struct fx *f)
{
    return packet(f, S1, G1, 20, NULL);
}

static DWORD s_packet_header_size(struct fx *f)
{
    return packet(f, S1, G1, 65536, f->buffer);
}

static DWORD s_counters_size(struct fx *f)
{
    MIB_IPMCAST_MFE_STATS_EX c;
    memset(&c, 0, sizeof c);
    c.dwSource = S1;
    c.dwGroup = G1;
    c.ulNumOutIf = 2;
    return RtmMgmForwarderReportCounters(f->forwarder, &c, SIZEOF_MIB_MFE_STATS_EX(1));
}

static DWORD s_counters_absent(struct fx *f)
{
    MIB_IPMCAST_MFE_STATS_EX c;
    memset(&c, 0, sizeof c);
    c.dwSource = S1;
    c.dwGroup = ip(239, 3, 3, 3);
    return RtmMgmForwarderReportCounters(f->forwarder, &c, sizeof c);
}

static const struct special specials[] = {
    { "MgmRegisterMProtocol", "ids already registered", s_register_twice, ERROR_ALREADY_EXISTS },
    { "MgmDeRegisterMProtocol", "a client on interfaces", s_deregister_owner,
      ERROR_CAN_NOT_COMPLETE },
    { "MgmTakeInterfaceOwnership", "an interface it owns", s_take_owned, ERROR_ALREADY_EXISTS },
    { "MgmTakeInterfaceOwnership", "IGMP on an interface it is on", s_take_igmp_twice,
      ERROR_ALREADY_EXISTS },
    { "MgmReleaseInterfaceOwnership", "an interface it is not on", s_release_not_owner,
      ERROR_INVALID_PARAMETER },
    { "MgmReleaseInterfaceOwnership", "an unknown interface", s_release_unknown,
      ERROR_INVALID_PARAMETER },
    { "MgmGetProtocolOnInterface", "an unknown interface", s_protocol_on_unknown,
      ERROR_NOT_FOUND },
    PAIR_ROWS("MgmAddGroupMembershipEntry", add),
    { "MgmAddGroupMembershipEntry", "an unknown interface", s_add_unknown_interface,
      ERROR_INVALID_PARAMETER },
    PAIR_ROWS("MgmDeleteGroupMembershipEntry", del),
    { "MgmDeleteGroupMembershipEntry", "an unknown interface", s_delete_unknown_interface,
      ERROR_NOT_FOUND },
    { "MgmDeleteGroupMembershipEntry", "a pair not joined", s_delete_not_joined,
      ERROR_NOT_FOUND },
    { "MgmGetMfe", "an absent MFE", s_get_mfe_absent, ERROR_NOT_FOUND },
    { "MgmGetMfe", "a buffer too small", s_get_mfe_small, ERROR_INSUFFICIENT_BUFFER },
    { "MgmGetMfe", "a NULL buffer of a large size", s_get_mfe_null_buffer,
      ERROR_INVALID_PARAMETER },
    { "MgmGetFirstMfe", "a buffer too small", s_first_small, ERROR_INSUFFICIENT_BUFFER },
    { "MgmGetMfeStats", "flags 3", s_stats_flags, ERROR_INVALID_PARAMETER },
    { "MgmGetFirstMfeStats", "flags 0", s_first_stats_flags, ERROR_INVALID_PARAMETER },
    { "MgmGetNextMfeStats", "flags 4", s_next_stats_flags, ERROR_INVALID_PARAMETER },
    { "MgmGroupEnumerationStart", "type 7", s_enum_type, ERROR_INVALID_PARAMETER },
    { "MgmGroupEnumerationGetNext", "a buffer too small", s_enum_small,
      ERROR_INSUFFICIENT_BUFFER },
    { "MgmGroupEnumerationGetNext", "a NULL buffer of a large size", s_enum_null_buffer,
      ERROR_INVALID_PARAMETER },
    { "MgmInitialize", "an argument", s_initialize_arguments, ERROR_NOT_SUPPORTED },
    { "MgmDeInitialize", "clients registered", s_deinitialize_in_use, ERROR_CAN_NOT_COMPLETE },
    { "RtmMgmForwarderRegister", "a second forwarder", s_fwd_register_twice,
      ERROR_ALREADY_EXISTS },
    { "RtmMgmForwarderReportPacket", "a unicast group", s_packet_unicast_group,
      ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportPacket", "source 0", s_packet_source_zero, ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportPacket", "a multicast source", s_packet_multicast_source,
      ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportPacket", "a size without a header", s_packet_no_header,
      ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportPacket", "a header of 65536 bytes", s_packet_header_size,
      ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportCounters", "a size for fewer interfaces", s_counters_size,
      ERROR_INVALID_PARAMETER },
    { "RtmMgmForwarderReportCounters", "an absent MFE", s_counters_absent, ERROR_NOT_FOUND },
};

/* ---- fixture and tests --------------------------------------------------------- */

static int setup(void **state)
{
    static struct fx fx;
    struct fx *f = &fx;
    RTM_MGM_FORWARDER_CONFIG config;

    memset(f, 0, sizeof *f);
    /* stale handles first: a client, an enumeration, a forwarder */
    assert_int_equal(MgmRegisterMProtocol(&f->config, PROTO_A + 1, 1, &f->stale_protocol),
                     NO_ERROR);
    assert_int_equal(MgmGroupEnumerationStart(f->stale_protocol, ANY_SOURCE, &f->stale_enum),
                     NO_ERROR);
    assert_int_equal(MgmGroupEnumerationEnd(f->stale_enum), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(f->stale_protocol), NO_ERROR);
    memset(&config, 0, sizeof config);
    assert_int_equal(RtmMgmForwarderRegister(&config, &f->stale_forwarder), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(f->stale_forwarder), NO_ERROR);

    f->a = client_register(0, PROTO_A, 1);
    f->igmp = client_register(1, PROTO_IGMP, 1);
    f->forwarder = forwarder_register()->h;
    assert_int_equal(MgmTakeInterfaceOwnership(f->a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(f->igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(f->igmp->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmAddGroupMembershipEntry(f->a->h, 0, 0, G1, ALL_ONES, 1, 0, J), NO_ERROR);
    assert_int_equal(MgmAddGroupMembershipEntry(f->igmp->h, S1, ALL_ONES, G1, ALL_ONES, 2, 0, J),
                     NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(f->forwarder, S1, G1, 3, 0, 0, NULL), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationStart(f->a->h, ALL_SOURCES, &f->enumeration), NO_ERROR);
    f->entity = test_register(0, AF_INET, 0x77, 0, FALSE);
    f->which.dwSource = S1;
    f->which.dwGroup = G1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    assert_int_equal(RtmDeregisterEntity(f->entity), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationEnd(f->enumeration), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(f->forwarder), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(f->igmp->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(f->igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(f->a->h, 1, 0), NO_ERROR);
    client_deregister(f->igmp);
    client_deregister(f->a);
    settle_end();
    expect_nothing_left();
    return 0;
}

static void test_export(void **state)
{
    struct fx *f = *state;
    const char *export = NULL;

    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct mgm_snapshot before;
        export = rows[i].export;
        run_row(f, &rows[i]);
        for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
            if (strcmp(specials[k].export, export) != 0)
                continue;
            f->size = sizeof f->buffer;
            mgm_snapshot_take(f->a->h, &before);
            expect(f, export, specials[k].what, specials[k].call(f), specials[k].expected,
                   &before);
        }
    }
    print_message("%d bad calls, %d wrong\n", f->cases, f->failures);
    assert_int_equal(f->failures, 0);
}

/* The MGM's exports in def/rtm.exports, implemented, each with a row. */
static void test_every_export(void **state)
{
    (void)state;
    for (size_t i = 0; i < test_export_count; i++) {
        int found = 0;
        if (!test_export_is_mgm(&test_exports[i]))
            continue;
        assert_string_equal(test_exports[i].status, "impl");
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++)
            found |= strcmp(rows[k].export, test_exports[i].name) == 0;
        if (!found)
            fail_msg("%s has no row in the MGM's bad-input matrix", test_exports[i].name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_export),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
