/*
 * test_abi_layout.c - proves include/rtmv2.h and rtm.h are ABI-identical
 * to the SDK's.
 *
 * On Windows targets the program links layout_sdk.c (the SDK header) and
 * layout_ours.c (our header), whose tables built from layout_list.h agree
 * entry by entry (checked from the objects, without running them, by
 * CheckLayoutSymbols.cmake: the abi_layout_symbols test). Here the IPv4
 * and size macros must compute the same results through both headers, and
 * both tables must have the concrete numbers of the Windows layout.
 * Natively there is no SDK header; instead our native layout is checked
 * against the concrete numbers of the Windows layout with the same pointer
 * size (x64 for a 64-bit host). Constants with a known value and the
 * macros' results are checked on every target.
 *
 * This file includes no rtmv2.h at all: it only sees the tables and helper
 * functions declared in layout_list.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "layout_list.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */
/* ---------------------------------------------------------------------- */

/* Decimal text of v, without relying on the C library's %llu (old msvcrt). */
static const char *dec(unsigned long long v, char buf[24])
{
    char *p = buf + 23;

    *p = '\0';
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return p;
}

static const struct rtm_layout_entry *find(const struct rtm_layout_entry *t,
                                           size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    }
    return NULL;
}

struct expectation {
    const char *name;
    unsigned long long value;
};

/* Fails naming the first entry of exp[] whose value in t[] differs. */
static void check_expectations(const char *which,
                               const struct rtm_layout_entry *t, size_t n,
                               const struct expectation *exp, size_t nexp)
{
    size_t i;
    char b1[24], b2[24];

    for (i = 0; i < nexp; i++) {
        const struct rtm_layout_entry *e = find(t, n, exp[i].name);

        if (e == NULL)
            fail_msg("%s table has no entry \"%s\"", which, exp[i].name);
        else if (e->value != exp[i].value)
            fail_msg("%s: %s is %s, expected %s", which, exp[i].name,
                     dec(e->value, b1), dec(exp[i].value, b2));
    }
}

/* Entries that are type compatibility checks must all hold (value 1). */
static void check_compatibility_entries(const char *which,
                                        const struct rtm_layout_entry *t,
                                        size_t n, size_t min_checks)
{
    size_t i, checks = 0;

    for (i = 0; i < n; i++) {
        if (strncmp(t[i].name, "compatible(", 11) != 0 &&
            strncmp(t[i].name, "prototype(", 10) != 0)
            continue;
        checks++;
        if (t[i].value != 1)
            fail_msg("%s: %s does not hold", which, t[i].name);
    }
    if (checks < min_checks)
        fail_msg("%s: only %u type checks, expected at least %u", which,
                 (unsigned)checks, (unsigned)min_checks);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------- */
/* Expected numbers                                                       */
/* ---------------------------------------------------------------------- */

/* The Windows x64 layout (and so that of an LP64 native build). */
static const struct expectation layout_x64[] = {
    { "sizeof(RTM_ENTITY_HANDLE)", 8 },
    { "sizeof(RTM_VIEW_SET)", 4 },
    { "sizeof(RTM_EVENT_TYPE)", 4 },
    { "sizeof(RTM_REGN_PROFILE)", 16 },
    { "sizeof(RTM_NET_ADDRESS)", 20 },
    { "alignof(RTM_NET_ADDRESS)", 2 },
    { "offsetof(RTM_NET_ADDRESS, AddrBits)", 4 },
    { "sizeof(RTM_PREF_INFO)", 8 },
    { "sizeof(RTM_NEXTHOP_LIST)", 16 },
    { "offsetof(RTM_NEXTHOP_LIST, NextHops)", 8 },
    { "sizeof(RTM_DEST_INFO)", 88 },
    { "alignof(RTM_DEST_INFO)", 8 },
    { "offsetof(RTM_DEST_INFO, DestAddress)", 8 },
    { "offsetof(RTM_DEST_INFO, LastChanged)", 28 },
    { "offsetof(RTM_DEST_INFO, BelongsToViews)", 36 },
    { "offsetof(RTM_DEST_INFO, NumberOfViews)", 40 },
    { "offsetof(RTM_DEST_INFO, ViewInfo)", 48 },
    { "sizeof(RTM_DEST_INFO.ViewInfo[0])", 40 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].Route)", 56 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].Owner)", 64 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].DestFlags)", 72 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].HoldRoute)", 80 },
    { "sizeof(RTM_ROUTE_INFO)", 64 },
    { "offsetof(RTM_ROUTE_INFO, State)", 24 },
    { "offsetof(RTM_ROUTE_INFO, Flags)", 26 },
    { "offsetof(RTM_ROUTE_INFO, PrefInfo)", 28 },
    { "offsetof(RTM_ROUTE_INFO, BelongsToViews)", 36 },
    { "offsetof(RTM_ROUTE_INFO, EntitySpecificInfo)", 40 },
    { "offsetof(RTM_ROUTE_INFO, NextHopsList)", 48 },
    { "offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops)", 56 },
    { "sizeof(RTM_NEXTHOP_INFO)", 56 },
    { "offsetof(RTM_NEXTHOP_INFO, NextHopOwner)", 24 },
    { "offsetof(RTM_NEXTHOP_INFO, InterfaceIndex)", 32 },
    { "offsetof(RTM_NEXTHOP_INFO, State)", 36 },
    { "offsetof(RTM_NEXTHOP_INFO, Flags)", 38 },
    { "offsetof(RTM_NEXTHOP_INFO, EntitySpecificInfo)", 40 },
    { "offsetof(RTM_NEXTHOP_INFO, RemoteNextHop)", 48 },
    { "sizeof(RTM_ENTITY_ID)", 8 },
    { "alignof(RTM_ENTITY_ID)", 8 },
    { "offsetof(RTM_ENTITY_ID, EntityInstanceId)", 4 },
    { "sizeof(RTM_ENTITY_INFO)", 16 },
    { "offsetof(RTM_ENTITY_INFO, EntityId)", 8 },
    { "sizeof(RTM_ENTITY_METHOD_INPUT)", 12 },
    { "offsetof(RTM_ENTITY_METHOD_INPUT, InputData)", 8 },
    { "sizeof(RTM_ENTITY_METHOD_OUTPUT)", 16 },
    { "offsetof(RTM_ENTITY_METHOD_OUTPUT, OutputData)", 12 },
    { "sizeof(RTM_ENTITY_EXPORT_METHODS)", 16 },
    { "offsetof(RTM_ENTITY_EXPORT_METHODS, Methods)", 8 },
    { "RTM_BASIC_DEST_INFO_SIZE", 48 },
    { "RTM_DEST_VIEW_INFO_SIZE", 40 },
    { "RTM_BASIC_ROUTE_INFO_SIZE", 48 },
    { "sizeof(ROUTING_PROTOCOL_CONFIG)", 80 },
    { "offsetof(ROUTING_PROTOCOL_CONFIG, pfnRpfCallback)", 8 },
    { "offsetof(ROUTING_PROTOCOL_CONFIG, pfnEnableIgmpCallback)", 72 },
};

/* The Windows x86 layout (64-bit integers are 8-byte aligned there). */
static const struct expectation layout_x86[] = {
    { "sizeof(RTM_ENTITY_HANDLE)", 4 },
    { "sizeof(RTM_VIEW_SET)", 4 },
    { "sizeof(RTM_EVENT_TYPE)", 4 },
    { "sizeof(RTM_REGN_PROFILE)", 16 },
    { "sizeof(RTM_NET_ADDRESS)", 20 },
    { "alignof(RTM_NET_ADDRESS)", 2 },
    { "offsetof(RTM_NET_ADDRESS, AddrBits)", 4 },
    { "sizeof(RTM_PREF_INFO)", 8 },
    { "sizeof(RTM_NEXTHOP_LIST)", 8 },
    { "offsetof(RTM_NEXTHOP_LIST, NextHops)", 4 },
    { "sizeof(RTM_DEST_INFO)", 64 },
    { "alignof(RTM_DEST_INFO)", 4 },
    { "offsetof(RTM_DEST_INFO, DestAddress)", 4 },
    { "offsetof(RTM_DEST_INFO, LastChanged)", 24 },
    { "offsetof(RTM_DEST_INFO, BelongsToViews)", 32 },
    { "offsetof(RTM_DEST_INFO, NumberOfViews)", 36 },
    { "offsetof(RTM_DEST_INFO, ViewInfo)", 40 },
    { "sizeof(RTM_DEST_INFO.ViewInfo[0])", 24 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].Route)", 48 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].Owner)", 52 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].DestFlags)", 56 },
    { "offsetof(RTM_DEST_INFO, ViewInfo[0].HoldRoute)", 60 },
    { "sizeof(RTM_ROUTE_INFO)", 40 },
    { "offsetof(RTM_ROUTE_INFO, State)", 12 },
    { "offsetof(RTM_ROUTE_INFO, Flags)", 14 },
    { "offsetof(RTM_ROUTE_INFO, PrefInfo)", 16 },
    { "offsetof(RTM_ROUTE_INFO, BelongsToViews)", 24 },
    { "offsetof(RTM_ROUTE_INFO, EntitySpecificInfo)", 28 },
    { "offsetof(RTM_ROUTE_INFO, NextHopsList)", 32 },
    { "offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops)", 36 },
    { "sizeof(RTM_NEXTHOP_INFO)", 40 },
    { "offsetof(RTM_NEXTHOP_INFO, NextHopOwner)", 20 },
    { "offsetof(RTM_NEXTHOP_INFO, InterfaceIndex)", 24 },
    { "offsetof(RTM_NEXTHOP_INFO, State)", 28 },
    { "offsetof(RTM_NEXTHOP_INFO, Flags)", 30 },
    { "offsetof(RTM_NEXTHOP_INFO, EntitySpecificInfo)", 32 },
    { "offsetof(RTM_NEXTHOP_INFO, RemoteNextHop)", 36 },
    { "sizeof(RTM_ENTITY_ID)", 8 },
    { "alignof(RTM_ENTITY_ID)", 8 },
    { "offsetof(RTM_ENTITY_ID, EntityInstanceId)", 4 },
    { "sizeof(RTM_ENTITY_INFO)", 16 },
    { "offsetof(RTM_ENTITY_INFO, EntityId)", 8 },
    { "sizeof(RTM_ENTITY_METHOD_INPUT)", 12 },
    { "offsetof(RTM_ENTITY_METHOD_INPUT, InputData)", 8 },
    { "sizeof(RTM_ENTITY_METHOD_OUTPUT)", 16 },
    { "offsetof(RTM_ENTITY_METHOD_OUTPUT, OutputData)", 12 },
    { "sizeof(RTM_ENTITY_EXPORT_METHODS)", 8 },
    { "offsetof(RTM_ENTITY_EXPORT_METHODS, Methods)", 4 },
    { "RTM_BASIC_DEST_INFO_SIZE", 40 },
    { "RTM_DEST_VIEW_INFO_SIZE", 24 },
    { "RTM_BASIC_ROUTE_INFO_SIZE", 32 },
    { "sizeof(ROUTING_PROTOCOL_CONFIG)", 40 },
    { "offsetof(ROUTING_PROTOCOL_CONFIG, pfnRpfCallback)", 4 },
    { "offsetof(ROUTING_PROTOCOL_CONFIG, pfnEnableIgmpCallback)", 36 },
};

/* Constants whose value does not depend on the target. */
static const struct expectation constants_any[] = {
    { "RTM_MAX_ADDRESS_SIZE", 16 },
    { "RTM_MAX_VIEWS", 32 },
    { "RTM_VIEW_MASK_ALL", 0xFFFFFFFFu },
    { "sizeof(RTM_VIEW_MASK_ALL)", 4 },
    { "signed(RTM_VIEW_MASK_ALL)", 0 },
    /* The SDK's two uncompilable groups, with the intended flag. */
    { "RTM_ROUTE_FLAGS_SUBNET_BCAST", 0xA000 },
    { "RTM_ROUTE_FLAGS_ANY_BCAST", 0xF400 },
    { "RTM_ROUTE_FLAGS_NET_BCAST", 0x5000 },
    { "RTM_ROUTE_FLAGS_FORWARDING", 0x000F },
    { "RTM_BEST_PROTOCOL", 0 },
    { "RTM_THIS_PROTOCOL", 0xFFFFFFFFu },
    { "sizeof(RTM_THIS_PROTOCOL)", 4 },
    { "signed(RTM_THIS_PROTOCOL)", 0 },
    /* FIELD_OFFSET yields a LONG. */
    { "sizeof(RTM_BASIC_DEST_INFO_SIZE)", 4 },
    { "signed(RTM_BASIC_DEST_INFO_SIZE)", 1 },
    { "RTM_ENTITY_REGISTERED", 0 },
    { "RTM_CHANGE_NOTIFICATION", 3 },
    { "RTM_ROUTE_CHANGE_BEST", 0x00010000 },
    { "RTM_ENUM_OWN_DESTS", 0x01000000 },
    { "RTM_NOTIFY_ONLY_MARKED_DESTS", 0x00010000 },
    { "METHOD_TYPE_ALL_METHODS", 0xFFFFFFFFu },
    { "signed(RTM_VIEW_ID)", 1 },
    { "signed(RTM_VIEW_SET)", 0 },
    { "signed(RTM_NET_ADDRESS.NumBits)", 0 },
    { "sizeof(RTM_ENTITY_ID.EntityId)", 8 },
    { "signed(RTM_ENTITY_ID.EntityId)", 0 },
    /* mgm.h, and the MFE structures of iprtrmib.h (DWORDs only) */
    { "MGM_JOIN_STATE_FLAG", 1 },
    { "MGM_FORWARD_STATE_FLAG", 2 },
    { "MGM_MFE_STATS_0", 1 },
    { "MGM_MFE_STATS_1", 2 },
    { "ANY_SOURCE", 0 },
    { "ALL_SOURCES", 1 },
    { "sizeof(MGM_IF_ENTRY)", 16 },
    { "offsetof(MGM_IF_ENTRY, bIsEnabled)", 12 },
    { "sizeof(SOURCE_GROUP_ENTRY)", 16 },
    { "sizeof(MIB_IPMCAST_OIF)", 16 },
    { "sizeof(MIB_IPMCAST_MFE)", 76 },
    { "offsetof(MIB_IPMCAST_MFE, ulNumOutIf)", 48 },
    { "offsetof(MIB_IPMCAST_MFE, rgmioOutInfo)", 60 },
    { "sizeof(MIB_IPMCAST_OIF_STATS)", 28 },
    { "sizeof(MIB_IPMCAST_MFE_STATS)", 92 },
    { "offsetof(MIB_IPMCAST_MFE_STATS, rgmiosOutStats)", 64 },
    { "sizeof(MIB_IPMCAST_MFE_STATS_EX)", 112 },
    { "offsetof(MIB_IPMCAST_MFE_STATS_EX, rgmiosOutStats)", 84 },
    { "SIZEOF_BASIC_MIB_MFE", 60 },
    { "SIZEOF_MIB_MFE(3)", 108 },
    { "SIZEOF_BASIC_MIB_MFE_STATS", 64 },
    { "SIZEOF_MIB_MFE_STATS(3)", 148 },
    { "SIZEOF_BASIC_MIB_MFE_STATS_EX", 84 },
    { "SIZEOF_MIB_MFE_STATS_EX(3)", 168 },
};

/* rtm.h (RTMv1): no pointers, so the same on every target. */
static const struct expectation layout_v1[] = {
    { "sizeof(IPX_NETWORK)", 4 },
    { "sizeof(IP_NETWORK)", 8 },
    { "sizeof(IPX_NEXT_HOP_ADDRESS)", 6 },
    { "sizeof(IP_NEXT_HOP_ADDRESS)", 8 },
    { "sizeof(IPX_SPECIFIC_DATA)", 8 },
    { "offsetof(IPX_SPECIFIC_DATA, FSD_TickCount)", 4 },
    { "offsetof(IPX_SPECIFIC_DATA, FSD_HopCount)", 6 },
    { "sizeof(IP_SPECIFIC_DATA)", 44 },
    { "offsetof(IP_SPECIFIC_DATA, FSD_Metric)", 16 },
    { "offsetof(IP_SPECIFIC_DATA, FSD_Flags)", 40 },
    { "sizeof(PROTOCOL_SPECIFIC_DATA)", 16 },
    { "sizeof(RTM_IPX_ROUTE)", 52 },
    { "alignof(RTM_IPX_ROUTE)", 4 },
    { "offsetof(RTM_IPX_ROUTE, RR_RoutingProtocol)", 8 },
    { "offsetof(RTM_IPX_ROUTE, RR_InterfaceID)", 12 },
    { "offsetof(RTM_IPX_ROUTE, RR_ProtocolSpecificData)", 16 },
    { "offsetof(RTM_IPX_ROUTE, RR_Network)", 32 },
    { "offsetof(RTM_IPX_ROUTE, RR_NextHopAddress)", 36 },
    { "offsetof(RTM_IPX_ROUTE, RR_FamilySpecificData)", 44 },
    { "sizeof(RTM_IP_ROUTE)", 92 },
    { "alignof(RTM_IP_ROUTE)", 4 },
    { "offsetof(RTM_IP_ROUTE, RR_Network)", 32 },
    { "offsetof(RTM_IP_ROUTE, RR_NextHopAddress)", 40 },
    { "offsetof(RTM_IP_ROUTE, RR_FamilySpecificData)", 48 },
    { "offsetof(RTM_IP_ROUTE, RR_FamilySpecificData.FSD_Metric)", 64 },
    { "RTM_PROTOCOL_FAMILY_IPX", 0 },
    { "RTM_PROTOCOL_FAMILY_IP", 1 },
    { "ERROR_MORE_MESSAGES", 234 },
    { "ERROR_CLIENT_ALREADY_EXISTS", 183 },
    { "ERROR_NO_MESSAGES", 259 },
    { "ERROR_NO_ROUTES", 259 },
    { "RTM_ROUTE_CHANGED", 3 },
    { "RTM_ONLY_BEST_ROUTES", 8 },
    { "RTM_PROTOCOL_SINGLE_ROUTE", 1 },
    { "prototype(RtmLookupIPDestination)", 1 },
};

/* What only our header has. */
static const struct expectation ours_only[] = {
    { "sizeof(IN6_ADDR)", 16 },
    { "prototype(RtmConvertNetAddressToIpv6AddressAndLength)", 1 },
    { "prototype(RtmConvertIpv6AddressAndLengthToNetAddress)", 1 },
};

static const struct expectation *layout_for_target(size_t *n)
{
    if (sizeof(void *) == 8) {
        *n = COUNT(layout_x64);
        return layout_x64;
    }
    *n = COUNT(layout_x86);
    return layout_x86;
}

/* ---------------------------------------------------------------------- */
/* Tests: tables                                                          */
/* ---------------------------------------------------------------------- */

/* The table is well formed: big enough, unique names, checks that hold. */
static void test_table_sane(void **state)
{
    size_t i, j;

    (void)state;
    /* 14 structures, ~100 members, 91 constants, 55 functions... */
    assert_true(rtm_layout_ours_count > 500);
    for (i = 0; i < rtm_layout_ours_count; i++) {
        assert_non_null(rtm_layout_ours[i].name);
        for (j = i + 1; j < rtm_layout_ours_count; j++) {
            if (strcmp(rtm_layout_ours[i].name, rtm_layout_ours[j].name) == 0)
                fail_msg("duplicate entry \"%s\"", rtm_layout_ours[i].name);
        }
    }
    check_compatibility_entries("ours", rtm_layout_ours,
                                rtm_layout_ours_count, 110);
    /* our mgm.h's functions are WINAPI, and the IPv6 helpers' prototypes */
    check_compatibility_entries("ours only", rtm_layout_ours_extra,
                                rtm_layout_ours_extra_count, 18);
    check_expectations("ours", rtm_layout_ours_extra,
                       rtm_layout_ours_extra_count, ours_only,
                       COUNT(ours_only));
}

/* Our layout has the concrete Windows numbers for this pointer size. */
static void test_layout_numbers(void **state)
{
    const struct expectation *exp;
    size_t n;

    (void)state;
    exp = layout_for_target(&n);
    check_expectations("ours", rtm_layout_ours, rtm_layout_ours_count, exp, n);
    check_expectations("ours", rtm_layout_ours, rtm_layout_ours_count,
                       constants_any, COUNT(constants_any));
    check_expectations("ours", rtm_layout_ours, rtm_layout_ours_count,
                       layout_v1, COUNT(layout_v1));
#ifdef _WIN32
    /* ... and they are the SDK's numbers too, so the lists above are right. */
    check_expectations("SDK", rtm_layout_sdk, rtm_layout_sdk_count, exp, n);
    check_expectations("SDK", rtm_layout_sdk, rtm_layout_sdk_count,
                       constants_any, COUNT(constants_any));
    check_expectations("SDK", rtm_layout_sdk, rtm_layout_sdk_count,
                       layout_v1, COUNT(layout_v1));
#endif
}

/* ---------------------------------------------------------------------- */
/* Tests: macros                                                          */
/* ---------------------------------------------------------------------- */

static const unsigned test_lengths[] = { 0, 1, 8, 24, 31, 32 };

/* 10.20.30.40 as stored in AddrBits (network byte order). */
static uint32_t test_address(void)
{
    static const unsigned char bytes[4] = { 10, 20, 30, 40 };
    uint32_t a;

    memcpy(&a, bytes, sizeof(a));
    return a;
}

/* An RTM_NET_ADDRESS image: AF_INET, len, the test address, then fill. */
static void check_net_address(const char *what, unsigned len,
                              const unsigned char *img, unsigned char fill)
{
    uint16_t af, bits;
    size_t i;

    memcpy(&af, img, 2);
    memcpy(&bits, img + 2, 2);
    if (af != 2)
        fail_msg("%s /%u: AddressFamily %u, expected AF_INET (2)", what, len,
                 (unsigned)af);
    if (bits != len)
        fail_msg("%s /%u: NumBits %u", what, len, (unsigned)bits);
    if (img[4] != 10 || img[5] != 20 || img[6] != 30 || img[7] != 40)
        fail_msg("%s /%u: AddrBits %u.%u.%u.%u, expected 10.20.30.40", what,
                 len, img[4], img[5], img[6], img[7]);
    for (i = 8; i < RTM_LAYOUT_NET_ADDRESS_BYTES; i++) {
        if (img[i] != fill)
            fail_msg("%s /%u: byte %u changed", what, len, (unsigned)i);
    }
}

/* The IPv4 macros of one header give the documented results. */
static void check_ipv4_results(const char *which, unsigned len,
                               const struct rtm_ipv4_result *r)
{
    uint32_t host_mask = len ? 0xFFFFFFFFu << (32 - len) : 0;
    unsigned char want[4], got[4];

    want[0] = (unsigned char)(host_mask >> 24);
    want[1] = (unsigned char)(host_mask >> 16);
    want[2] = (unsigned char)(host_mask >> 8);
    want[3] = (unsigned char)host_mask;
    memcpy(got, &r->mask_from_len, 4);
    if (memcmp(got, want, 4) != 0)
        fail_msg("%s: RTM_IPV4_MASK_FROM_LEN(%u) is %u.%u.%u.%u", which, len,
                 got[0], got[1], got[2], got[3]);
    if (r->len_from_mask != len)
        fail_msg("%s: RTM_IPV4_LEN_FROM_MASK of /%u mask gave %u", which,
                 len, (unsigned)r->len_from_mask);

    check_net_address("RTM_IPV4_MAKE_NET_ADDRESS", len, r->make, 0xA5);
    check_net_address("RTM_IPV4_SET_ADDR_AND_LEN", len, r->set_len, 0x5A);
    check_net_address("RTM_IPV4_SET_ADDR_AND_MASK", len, r->set_mask, 0xC3);

    assert_int_equal(r->get_len_addr, test_address());
    assert_int_equal(r->get_len_len, len);
    assert_int_equal(r->get_mask_addr, test_address());
    assert_int_equal(r->get_mask_mask, r->mask_from_len);
}

static void test_ipv4_macros(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(test_lengths); i++) {
        struct rtm_ipv4_result ours;

        rtm_ipv4_macros_ours(test_address(), test_lengths[i], &ours);
        check_ipv4_results("ours", test_lengths[i], &ours);
#ifdef _WIN32
        {
            struct rtm_ipv4_result sdk;

            rtm_ipv4_macros_sdk(test_address(), test_lengths[i], &sdk);
            check_ipv4_results("SDK", test_lengths[i], &sdk);
            if (memcmp(&sdk, &ours, sizeof(sdk)) != 0)
                fail_msg("IPv4 macros differ from the SDK's for /%u",
                         test_lengths[i]);
        }
#endif
    }
}

static void test_size_macros(void **state)
{
    static const unsigned counts[] = { 0, 1, 2, 5, 32 };
    /* (base, step) of RTM_SIZE_OF_DEST_INFO and RTM_SIZE_OF_ROUTE_INFO. */
    const unsigned long long dest_base = sizeof(void *) == 8 ? 48 : 40;
    const unsigned long long dest_step = sizeof(void *) == 8 ? 40 : 24;
    const unsigned long long route_base = sizeof(void *) == 8 ? 48 : 32;
    const unsigned long long route_step = sizeof(void *);
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(counts); i++) {
        unsigned n = counts[i];

        assert_int_equal(rtm_size_of_dest_info_ours(n),
                         dest_base + n * dest_step);
        assert_int_equal(rtm_size_of_route_info_ours(n),
                         route_base + n * route_step);
#ifdef _WIN32
        assert_int_equal(rtm_size_of_dest_info_sdk(n),
                         rtm_size_of_dest_info_ours(n));
        assert_int_equal(rtm_size_of_route_info_sdk(n),
                         rtm_size_of_route_info_ours(n));
#endif
    }
}

/* rtm.h's route macros: the SDK's results (IsRouteNonUnicast and
 * IsRouteLoopback read the first octet in the low byte), ours the same. */
static void test_v1_macros(void **state)
{
    static const uint32_t nets[] = { 0x0A000000u, 0x000000E0u, 0x000000EFu, 0x0000007Fu,
                                     0x7F000000u, 0xE0000000u };
    static const uint32_t hops[] = { 0x0100007Fu, 0x7F000001u, 0 };
    size_t i, j;

    (void)state;
    for (i = 0; i < COUNT(nets); i++) {
        for (j = 0; j < COUNT(hops); j++) {
            unsigned want = 4u | 16u | 32u, ours = rtm_v1_macros_ours(nets[i], hops[j]);

            if ((nets[i] & 0xFF) >= 0xE0)
                want |= 1u;
            if ((nets[i] & 0xFF) == 0x7F || hops[j] == 0x0100007Fu)
                want |= 2u;
            if (ours != want)
                fail_msg("rtm.h macros on %#x, %#x: %#x, expected %#x", (unsigned)nets[i],
                         (unsigned)hops[j], ours, want);
#ifdef _WIN32
            assert_int_equal(rtm_v1_macros_sdk(nets[i], hops[j]), ours);
#endif
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_sane),
        cmocka_unit_test(test_layout_numbers),
        cmocka_unit_test(test_ipv4_macros),
        cmocka_unit_test(test_size_macros),
        cmocka_unit_test(test_v1_macros),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
