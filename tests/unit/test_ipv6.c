/*
 * test_ipv6.c - RtmConvertNetAddressToIpv6AddressAndLength and
 * RtmConvertIpv6AddressAndLengthToNetAddress (contract in include/rtmv2.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 31

/* 2001:db8:1234:5678:9abc:def0:1122:3344 */
static IN6_ADDR sample_address(void)
{
    static const UCHAR bytes[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78,
                                     0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22, 0x33, 0x44 };
    IN6_ADDR a;
    memcpy(a.u.Byte, bytes, sizeof bytes);
    return a;
}

static void test_round_trips(void **state)
{
    static const ULONG lengths[] = { 0, 1, 48, 64, 127, 128 };
    IN6_ADDR in = sample_address();
    (void)state;

    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        RTM_NET_ADDRESS net;
        IN6_ADDR out;
        ULONG len = 0xFFFF;

        memset(&net, 0xEE, sizeof net);
        assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, lengths[i],
                                                                     sizeof(IN6_ADDR)),
                         NO_ERROR);
        assert_int_equal(net.AddressFamily, AF_INET6);
        assert_int_equal(net.NumBits, lengths[i]);
        /* Every byte, also those past the length: nothing is masked. */
        assert_memory_equal(net.AddrBits, in.u.Byte, 16);

        memset(&out, 0xEE, sizeof out);
        assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&net, &out, &len,
                                                                     sizeof(IN6_ADDR)),
                         NO_ERROR);
        assert_int_equal(len, lengths[i]);
        assert_memory_equal(out.u.Byte, in.u.Byte, 16);
    }
}

static void test_from_net_address(void **state)
{
    RTM_NET_ADDRESS net = test_ipv6(0x2001, 0x0db8, 0x0001, 32);
    IN6_ADDR out;
    ULONG len = 0;
    (void)state;

    /* Bits past the length come out as they are. */
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&net, &out, &len,
                                                                 sizeof(IN6_ADDR)),
                     NO_ERROR);
    assert_int_equal(len, 32);
    assert_int_equal(out.u.Byte[0], 0x20);
    assert_int_equal(out.u.Byte[3], 0xb8);
    assert_int_equal(out.u.Byte[14], 0x00);
    assert_int_equal(out.u.Byte[15], 0x01);
}

static void test_bad_net_address(void **state)
{
    RTM_NET_ADDRESS good = test_ipv6(0x2001, 0x0db8, 0, 64);
    RTM_NET_ADDRESS v4 = test_ipv4(10, 0, 0, 0, 8);
    RTM_NET_ADDRESS no_family = good, too_long = good;
    IN6_ADDR out, untouched;
    ULONG len = 77;
    (void)state;

    no_family.AddressFamily = 0;
    too_long.NumBits = 129;
    memset(&out, 0xEE, sizeof out);
    untouched = out;

    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(NULL, &out, &len, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&good, NULL, &len, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&good, &out, NULL, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&v4, &out, &len, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&no_family, &out, &len, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&too_long, &out, &len, 16),
                     ERROR_INVALID_PARAMETER);
    static const ULONG bad_sizes[] = { 0, 4, 15, 17, 128 };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++)
        assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&good, &out, &len,
                                                                     bad_sizes[i]),
                         ERROR_INVALID_PARAMETER);
    assert_int_equal(len, 77);
    assert_memory_equal(&out, &untouched, sizeof out);
}

static void test_bad_length(void **state)
{
    IN6_ADDR in = sample_address();
    RTM_NET_ADDRESS net, untouched;
    (void)state;

    memset(&net, 0xEE, sizeof net);
    untouched = net;
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(NULL, in, 64, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 129, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 0xFFFFFFFF, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 0x10040, 16),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 64, 0),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 64, 15),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&net, in, 64, 20),
                     ERROR_INVALID_PARAMETER);
    assert_memory_equal(&net, &untouched, sizeof net);
}

/* A prefix made by the helper works with the table, which ignores the bits
 * past its length. */
static void test_with_the_table(void **state)
{
    RTM_ENTITY_HANDLE reg = test_register(4200, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(reg, test_ipv6(0xfe80, 0, 1, 128), 1);
    RTM_NET_ADDRESS prefix, canonical = test_ipv6(0x2001, 0x0db8, 0, 32);
    RTM_ROUTE_HANDLE route;
    RTM_DEST_INFO *info = test_dest_info();
    IN6_ADDR out;
    ULONG len = 0;
    (void)state;

    assert_int_equal(RtmConvertIpv6AddressAndLengthToNetAddress(&prefix, sample_address(), 32,
                                                                 sizeof(IN6_ADDR)),
                     NO_ERROR);
    route = test_add_route(reg, prefix, nh, 1, 1, NULL);
    assert_int_equal(RtmGetExactMatchDestination(reg, &canonical, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(RtmConvertNetAddressToIpv6AddressAndLength(&info->DestAddress, &out, &len,
                                                                 sizeof(IN6_ADDR)),
                     NO_ERROR);
    assert_int_equal(len, 32);
    assert_memory_equal(out.u.Byte, canonical.AddrBits, 16);
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);

    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    test_free(info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_from_net_address),
        cmocka_unit_test(test_bad_net_address),
        cmocka_unit_test(test_bad_length),
        cmocka_unit_test(test_with_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
