/*
 * test_parse.c - rtmctl's input parsers (tools/rtmctl/addr.h, range.h,
 * parse.h): addresses and prefixes as text, range splitting, the plain,
 * ASN CSV and `ip route` line formats with their error messages, format
 * detection and the next hops made from AS numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* ---- helpers ------------------------------------------------------------ */

static RTM_NET_ADDRESS prefix(const char *text)
{
    RTM_NET_ADDRESS a;
    assert_int_equal(ctl_parse_prefix(text, &a), RTMCTL_ADDR_OK);
    return a;
}

static void assert_prefix(const RTM_NET_ADDRESS *a, const char *text)
{
    char buf[RTMCTL_ADDR_TEXT];
    assert_string_equal(ctl_format_prefix(a, buf), text);
}

static void assert_address(const RTM_NET_ADDRESS *a, const char *text)
{
    char buf[RTMCTL_ADDR_TEXT];
    assert_string_equal(ctl_format_address(a, buf), text);
}

/* Parses a line that must be a route. */
static struct ctl_line *route(enum ctl_format format, const char *text)
{
    struct ctl_line *line = test_malloc(sizeof *line);
    assert_int_equal(ctl_parse_line(format, text, RTMCTL_IPV4, line), RTMCTL_LINE_ROUTE);
    assert_string_equal(line->error, "");
    return line;
}

/* Parses a line that must be an error with this message. */
static void bad(enum ctl_format format, const char *text, const char *message)
{
    struct ctl_line *line = test_malloc(sizeof *line);
    assert_int_equal(ctl_parse_line(format, text, RTMCTL_IPV4, line), RTMCTL_LINE_ERROR);
    assert_string_equal(line->error, message);
    test_free(line);
}

static void blank(enum ctl_format format, const char *text)
{
    struct ctl_line *line = test_malloc(sizeof *line);
    assert_int_equal(ctl_parse_line(format, text, RTMCTL_IPV4, line), RTMCTL_LINE_BLANK);
    test_free(line);
}

/* ---- addresses and prefixes -------------------------------------------- */

static void test_ipv4_addresses(void **state)
{
    RTM_NET_ADDRESS a;
    (void)state;

    assert_int_equal(ctl_parse_address("192.0.2.1", &a), 0);
    assert_int_equal(a.AddressFamily, AF_INET);
    assert_int_equal(a.NumBits, 32);
    assert_int_equal(a.AddrBits[0], 192);
    assert_int_equal(a.AddrBits[3], 1);
    assert_address(&a, "192.0.2.1");
    assert_int_equal(ctl_parse_address("0.0.0.0", &a), 0);
    assert_true(ctl_is_unspecified(&a));
    assert_int_equal(ctl_parse_address("255.255.255.255", &a), 0);
    assert_address(&a, "255.255.255.255");
    assert_int_equal(ctl_family_of(&a), RTMCTL_IPV4);

    assert_int_equal(ctl_parse_address("256.0.0.1", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.4.5", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.4/8", &a), -1);
    assert_int_equal(ctl_parse_address("1..2.3", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.1000", &a), -1);
    assert_int_equal(ctl_parse_address("", &a), -1);
    assert_int_equal(ctl_parse_address("a.b.c.d", &a), -1);
    assert_int_equal(ctl_parse_address(" 1.2.3.4", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.4 ", &a), -1);
    /* inet_pton's form only, on every platform: no leading zeros (octal to
     * some readers), no hexadecimal, no fewer parts, no signs */
    assert_int_equal(ctl_parse_address("01.2.3.4", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.04", &a), -1);
    assert_int_equal(ctl_parse_address("001.002.003.004", &a), -1);
    assert_int_equal(ctl_parse_address("0.0.0.00", &a), -1);
    assert_int_equal(ctl_parse_address("0x1.2.3.4", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.65535", &a), -1);
    assert_int_equal(ctl_parse_address("16909060", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.+4", &a), -1);
    assert_int_equal(ctl_parse_address("1.2.3.4.", &a), -1);
    assert_int_equal(ctl_parse_address("10.0.0.10", &a), 0);
    assert_address(&a, "10.0.0.10");
}

static void test_ipv6_addresses(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "::", "::" },
        { "::1", "::1" },
        { "1::", "1::" },
        { "2001:db8::1", "2001:db8::1" },
        { "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
        { "2001:0db8:0000:0001:0000:0000:0000:0001", "2001:db8:0:1::1" },
        { "1:0:0:2:0:0:0:3", "1:0:0:2::3" },      /* the longest run */
        { "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },    /* the first of equal runs */
        { "1:2:3:4:5:6:0:8", "1:2:3:4:5:6:0:8" }, /* one zero group stays */
        { "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
        { "::ffff:192.0.2.1", "::ffff:192.0.2.1" }, /* IPv4-mapped: a dotted quad */
        { "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304" },
        { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        /* RFC 5952: lower case, no leading zeros */
        { "ABCD:EF01:0023:4567:89AB:CDEF:0:1", "abcd:ef01:23:4567:89ab:cdef:0:1" },
        { "2001:0DB8::00A0", "2001:db8::a0" },
        { "0::", "::" },
        { "000::1", "::1" },
        /* the longest run of zeros is "::", the first of equal ones */
        { "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
        { "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
        { "0:0:1:0:0:0:0:1", "0:0:1::1" },
        { "1:0:0:0:1:0:0:0", "1::1:0:0:0" },
        { "0:0:0:1:0:0:0:0", "0:0:0:1::" },
        { "1:0:0:2:0:0:3:0", "1::2:0:0:3:0" },
        /* a single zero group is not compressed, "::" for one group is read */
        { "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
        { "0:1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7" },
        { "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
        { "::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8" },
        { "1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7" },
        /* IPv4-mapped, ::ffff:0:0/96, every address of it */
        { "::FFFF:1.2.3.4", "::ffff:1.2.3.4" },
        { "::ffff:c000:201", "::ffff:192.0.2.1" },
        { "0:0:0:0:0:ffff:0:0", "::ffff:0.0.0.0" },
        { "::ffff:0.1.0.0", "::ffff:0.1.0.0" },
        { "::ffff:255.255.255.255", "::ffff:255.255.255.255" },
        /* every other embedded IPv4 address is hexadecimal, though glibc
         * or Wine writes a dotted quad for some (IPv4-compatible,
         * IPv4-translated, ISATAP) */
        { "::1.2.3.4", "::102:304" },
        { "::0.1.0.0", "::1:0" },
        { "::1:2", "::1:2" },
        { "::ffff:0:1.2.3.4", "::ffff:0:102:304" },
        { "::ffff:0:1:0", "::ffff:0:1:0" },
        { "::ffff:0:0:0", "::ffff:0:0:0" },
        { "::1:ffff:1.2.3.4", "::1:ffff:102:304" },
        { "fe80::5efe:192.0.2.1", "fe80::5efe:c000:201" },
        { "fe80::200:5efe:1.2.3.4", "fe80::200:5efe:102:304" },
        { "1:2:3:4:0:5efe:0:0", "1:2:3:4:0:5efe::" },
        { "1:2:3:4:200:5efe:0.0.0.0", "1:2:3:4:200:5efe::" },
        { "1:2:3:4:0:5efe:0:1", "1:2:3:4:0:5efe:0:1" },
        { "1::5efe:0:0", "1::5efe:0:0" },
        { "::5efe:0:0", "::5efe:0:0" },
        { "64:ff9b::192.0.2.1", "64:ff9b::c000:201" },
        { "::2", "::2" },
        { "::102", "::102" },
    };
    static const char *const invalid[] = {
        ":",
        ":::",
        "1:::2",
        "1::2::3",
        ":1",
        "1:",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4::5:6:7:8",
        "12345::",
        "g::",
        "1:2:3:4:5:6:7:1.2.3.4",
        "::1.2.3",
        "fe80::1%eth0",
        "::1.2.3.4:5",
        /* and more, refused alike on every platform */
        "00001::",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "[::1]",
        "::1 ",
        "fe80::1%1",
        "1::0x1",
        "::-1",
        "::1.2.3.4::",
        "1.2.3.4::",
        "::ffff:1.2.3",
        "::ffff:1.2.3.256",
        "::ffff:0x1.2.3.4",
        "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20",
        /* a dotted quad in IPv6 takes no leading zeros either (Wine's
         * inet_pton reads them, glibc's does not) */
        "::ffff:01.2.3.4",
        "::ffff:1.2.3.04",
        "::01.2.3.4",
        "::ffff:1.2.3.000",
    };
    RTM_NET_ADDRESS a;
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(ctl_parse_address(cases[i].in, &a), 0);
        assert_int_equal(a.AddressFamily, AF_INET6);
        assert_int_equal(a.NumBits, 128);
        assert_int_equal(ctl_family_of(&a), RTMCTL_IPV6);
        assert_address(&a, cases[i].out);
    }
    assert_int_equal(ctl_parse_address("2001:db8::1", &a), 0);
    assert_int_equal(a.AddrBits[0], 0x20);
    assert_int_equal(a.AddrBits[1], 0x01);
    assert_int_equal(a.AddrBits[3], 0xb8);
    assert_int_equal(a.AddrBits[15], 1);
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        assert_int_equal(ctl_parse_address(invalid[i], &a), -1);
}

static void test_prefixes(void **state)
{
    RTM_NET_ADDRESS a;
    (void)state;

    a = prefix("10.0.0.0/8");
    assert_int_equal(a.NumBits, 8);
    assert_prefix(&a, "10.0.0.0/8");
    a = prefix("192.0.2.1");
    assert_prefix(&a, "192.0.2.1/32");
    a = prefix("0.0.0.0/0");
    assert_prefix(&a, "0.0.0.0/0");
    a = prefix("2001:db8::/32");
    assert_prefix(&a, "2001:db8::/32");
    a = prefix("2001:db8::1");
    assert_prefix(&a, "2001:db8::1/128");
    a = prefix("::/0");
    assert_prefix(&a, "::/0");
    a = prefix("10.128.0.0/9");
    assert_prefix(&a, "10.128.0.0/9");
    a = prefix("2001:DB8:0::/48");
    assert_prefix(&a, "2001:db8::/48");
    a = prefix("::ffff:0:0/96");
    assert_prefix(&a, "::ffff:0.0.0.0/96");
    a = prefix("::ffff:192.0.2.0/120");
    assert_prefix(&a, "::ffff:192.0.2.0/120");

    assert_int_equal(ctl_parse_prefix("10.1.2.3/8", &a), RTMCTL_ADDR_HOST_BITS);
    assert_prefix(&a, "10.0.0.0/8");
    assert_int_equal(ctl_parse_prefix("2001:db8::1/32", &a), RTMCTL_ADDR_HOST_BITS);
    assert_prefix(&a, "2001:db8::/32");
    assert_int_equal(ctl_parse_prefix("10.0.0.0/33", &a), RTMCTL_ADDR_BAD_LENGTH);
    assert_int_equal(ctl_family_of(&a), RTMCTL_IPV4);
    assert_int_equal(ctl_parse_prefix("::/129", &a), RTMCTL_ADDR_BAD_LENGTH);
    assert_int_equal(ctl_family_of(&a), RTMCTL_IPV6);
    assert_int_equal(ctl_parse_prefix("10.0.0.0/", &a), RTMCTL_ADDR_BAD_LENGTH);
    assert_int_equal(ctl_parse_prefix("10.0.0.0/x", &a), RTMCTL_ADDR_BAD_LENGTH);
    assert_int_equal(ctl_parse_prefix("10.0.0.0/8/8", &a), RTMCTL_ADDR_BAD_LENGTH);
    assert_int_equal(ctl_parse_prefix("10.0.0/8", &a), RTMCTL_ADDR_BAD);
    assert_int_equal(ctl_parse_prefix("/8", &a), RTMCTL_ADDR_BAD);
    assert_int_equal(ctl_parse_prefix("010.0.0.0/8", &a), RTMCTL_ADDR_BAD);
    assert_int_equal(ctl_parse_prefix("fe80::%eth0/64", &a), RTMCTL_ADDR_BAD);

    {
        RTM_NET_ADDRESS p8 = prefix("10.0.0.0/8"), p16 = prefix("10.0.0.0/16"),
                        q = prefix("11.0.0.0/8"), v6 = prefix("::/0");
        assert_true(ctl_prefix_compare(&p8, &p16) < 0);
        assert_true(ctl_prefix_compare(&p16, &q) < 0);
        assert_true(ctl_prefix_compare(&q, &v6) < 0);
        assert_int_equal(ctl_prefix_compare(&p8, &p8), 0);
    }
}

/* ---- ranges ------------------------------------------------------------- */

/* Splits start-end and checks the prefixes (NULL-terminated list). */
static void assert_split(const char *start, const char *end, const char *const *expected)
{
    RTM_NET_ADDRESS s, e, *out = test_malloc(RTMCTL_RANGE_MAX * sizeof *out);
    int n = 0;

    assert_int_equal(ctl_parse_address(start, &s), 0);
    assert_int_equal(ctl_parse_address(end, &e), 0);
    while (expected[n])
        n++;
    assert_int_equal(ctl_range_split(&s, &e, out), n);
    for (int i = 0; i < n; i++)
        assert_prefix(&out[i], expected[i]);
    test_free(out);
}

/* The number of prefixes start-end splits into. */
static int split_count(const char *start, const char *end)
{
    RTM_NET_ADDRESS s, e, *out = test_malloc(RTMCTL_RANGE_MAX * sizeof *out);
    int n;

    assert_int_equal(ctl_parse_address(start, &s), 0);
    assert_int_equal(ctl_parse_address(end, &e), 0);
    n = ctl_range_split(&s, &e, out);
    test_free(out);
    return n;
}

static void test_range_split(void **state)
{
    (void)state;
    assert_split("0.0.0.0", "255.255.255.255", (const char *[]){ "0.0.0.0/0", NULL });
    assert_split("192.0.2.7", "192.0.2.7", (const char *[]){ "192.0.2.7/32", NULL });
    assert_split("255.255.255.255", "255.255.255.255",
                 (const char *[]){ "255.255.255.255/32", NULL });
    assert_split("0.0.0.0", "0.0.0.0", (const char *[]){ "0.0.0.0/32", NULL });
    assert_split("1.0.0.0", "1.0.0.255", (const char *[]){ "1.0.0.0/24", NULL });
    assert_split("1.0.0.1", "1.0.0.6",
                 (const char *[]){ "1.0.0.1/32", "1.0.0.2/31", "1.0.0.4/31", "1.0.0.6/32", NULL });
    assert_split(
        "1.0.64.0", "1.0.196.255",
        (const char *[]){ "1.0.64.0/18", "1.0.128.0/18", "1.0.192.0/22", "1.0.196.0/24", NULL });
    assert_split("128.0.0.0", "255.255.255.255", (const char *[]){ "128.0.0.0/1", NULL });
    assert_split("0.0.0.0", "127.255.255.255", (const char *[]){ "0.0.0.0/1", NULL });
    assert_split("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", (const char *[]){ "::/0", NULL });
    assert_split("2001:db8::1", "2001:db8::1", (const char *[]){ "2001:db8::1/128", NULL });
    assert_split("2001::", "2001::ffff:ffff:ffff:ffff:ffff:ffff",
                 (const char *[]){ "2001::/32", NULL });
    assert_split("2001:200::", "2001:200:1b9:ffff:ffff:ffff:ffff:ffff",
                 (const char *[]){ "2001:200::/40", "2001:200:100::/41", "2001:200:180::/43",
                                   "2001:200:1a0::/44", "2001:200:1b0::/45", "2001:200:1b8::/47",
                                   NULL });
    /* a range across the 64-bit halves */
    assert_split("::ffff:ffff:ffff:ffff", "0:0:0:1::",
                 (const char *[]){ "::ffff:ffff:ffff:ffff/128", "0:0:0:1::/128", NULL });
    /* the longest splits */
    assert_int_equal(split_count("0.0.0.1", "255.255.255.254"), 62);
    assert_int_equal(split_count("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), 254);
}

static void test_range_errors(void **state)
{
    RTM_NET_ADDRESS s, e, out[RTMCTL_RANGE_MAX];
    (void)state;

    assert_int_equal(ctl_parse_address("10.0.0.2", &s), 0);
    assert_int_equal(ctl_parse_address("10.0.0.1", &e), 0);
    assert_int_equal(ctl_range_split(&s, &e, out), -1);
    assert_int_equal(ctl_parse_address("::1", &e), 0);
    assert_int_equal(ctl_range_split(&s, &e, out), -1);
}

/* ---- plain -------------------------------------------------------------- */

static void test_plain(void **state)
{
    struct ctl_line *l;
    (void)state;

    l = route(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 192.0.2.1 20");
    assert_int_equal(l->family, RTMCTL_IPV4);
    assert_int_equal(l->prefix_count, 1);
    assert_prefix(&l->prefixes[0], "10.0.0.0/8");
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "192.0.2.1");
    assert_string_equal(l->hops[0].dev, "");
    assert_int_equal(l->metric, 20);
    assert_int_equal(l->flags, 0);
    assert_int_equal(l->has_asn, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_PLAIN, "  2001:db8::/32\t2001:db8::1   # comment");
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_prefix(&l->prefixes[0], "2001:db8::/32");
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "2001:db8::1");
    assert_int_equal(l->metric, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_PLAIN, "192.0.2.9");
    assert_prefix(&l->prefixes[0], "192.0.2.9/32");
    assert_int_equal(l->hop_count, 0);
    assert_int_equal(l->metric, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_PLAIN, "198.51.100.0/24 7");
    assert_int_equal(l->hop_count, 0);
    assert_int_equal(l->metric, 7);
    test_free(l);

    l = route(RTMCTL_FORMAT_PLAIN, "0.0.0.0/0 192.0.2.1 4294967295");
    assert_prefix(&l->prefixes[0], "0.0.0.0/0");
    assert_int_equal(l->metric, 4294967295u);
    test_free(l);

    blank(RTMCTL_FORMAT_PLAIN, "");
    blank(RTMCTL_FORMAT_PLAIN, "   \t ");
    blank(RTMCTL_FORMAT_PLAIN, "# 10.0.0.0/8");
    blank(RTMCTL_FORMAT_PLAIN, "   # indented comment");
}

static void test_plain_errors(void **state)
{
    (void)state;
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0/8", "'10.0.0/8' is not an IPv4 or IPv6 prefix");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/33", "'10.0.0.0/33': the prefix length must be 0 to 32");
    bad(RTMCTL_FORMAT_PLAIN, "2001:db8::/200",
        "'2001:db8::/200': the prefix length must be 0 to 128");
    bad(RTMCTL_FORMAT_PLAIN, "10.1.0.0/8 192.0.2.1",
        "'10.1.0.0/8' has host bits set (the prefix is 10.0.0.0/8)");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 eth0",
        "'eth0' is neither a next hop address nor a metric");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 -1", "'-1' is neither a next hop address nor a metric");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 2001:db8::1",
        "next hop 2001:db8::1 is not an IPv4 address like the prefix");
    bad(RTMCTL_FORMAT_PLAIN, "2001:db8::/32 192.0.2.1",
        "next hop 192.0.2.1 is not an IPv6 address like the prefix");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 192.0.2.1 x", "'x' is not a metric (0 to 4294967295)");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 192.0.2.1 4294967296",
        "'4294967296' is not a metric (0 to 4294967295)");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 192.0.2.1 1 2", "unexpected '2' after the metric");
    bad(RTMCTL_FORMAT_PLAIN, "10.0.0.0/8 5 6", "unexpected '6' after the metric");
}

/* ---- ASN CSV ------------------------------------------------------------ */

static void test_asn(void **state)
{
    struct ctl_line *l;
    (void)state;

    l = route(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"");
    assert_int_equal(l->family, RTMCTL_IPV4);
    assert_int_equal(l->prefix_count, 1);
    assert_prefix(&l->prefixes[0], "1.0.0.0/24");
    assert_int_equal(l->has_asn, 1);
    assert_int_equal(l->asn, 13335);
    assert_string_equal(l->org, "Cloudflare, Inc.");
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "10.0.52.23");
    assert_string_equal(l->hops[0].dev, "");
    assert_int_equal(l->metric, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_ASN, "2.26.200.0,2.26.215.255,201907,\"LLC \"\"SPUTNIK\"\"\"");
    assert_int_equal(l->prefix_count, 2);
    assert_prefix(&l->prefixes[0], "2.26.200.0/21");
    assert_prefix(&l->prefixes[1], "2.26.208.0/21");
    assert_string_equal(l->org, "LLC \"SPUTNIK\"");
    assert_address(&l->hops[0].addr, "10.3.20.179"); /* 201907 = 3 * 65536 + 20 * 256 + 179 */
    test_free(l);

    l = route(RTMCTL_FORMAT_ASN,
              "2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project");
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_int_equal(l->prefix_count, 1);
    assert_prefix(&l->prefixes[0], "2001:200::/32");
    assert_string_equal(l->org, "WIDE Project");
    assert_address(&l->hops[0].addr, "2001:db8::2500");
    test_free(l);

    l = route(RTMCTL_FORMAT_ASN, "0.0.0.0,255.255.255.255,0,");
    assert_prefix(&l->prefixes[0], "0.0.0.0/0");
    assert_int_equal(l->asn, 0);
    assert_string_equal(l->org, "");
    test_free(l);

    l = route(RTMCTL_FORMAT_ASN, "192.0.2.1,192.0.2.1,64496");
    assert_int_equal(l->prefix_count, 1);
    assert_prefix(&l->prefixes[0], "192.0.2.1/32");
    assert_string_equal(l->org, "");
    test_free(l);

    blank(RTMCTL_FORMAT_ASN, "");
    blank(RTMCTL_FORMAT_ASN, "# start,end,asn,org");
}

static void test_asn_errors(void **state)
{
    (void)state;
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255",
        "expected 4 fields (start,end,asn,organisation), found 2");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,1,a,b",
        "expected 4 fields (start,end,asn,organisation), found 5");
    bad(RTMCTL_FORMAT_ASN, "ip_range_start,ip_range_end,autonomous_system_number,org",
        "'ip_range_start' is not an IPv4 or IPv6 address");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.256,1,x", "'1.0.0.256' is not an IPv4 or IPv6 address");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0/24,1.0.0.255,1,x",
        "'1.0.0.0/24' is not an IPv4 or IPv6 address");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,AS1,x",
        "'AS1' is not an AS number (0 to 4294967294)");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,4294967295,x",
        "'4294967295' is not an AS number (0 to 4294967294)");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,,x", "'' is not an AS number (0 to 4294967294)");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.9,1.0.0.1,1,x", "range start 1.0.0.9 is after its end 1.0.0.1");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,::1,1,x", "range 1.0.0.0-::1 mixes IPv4 and IPv6");
    bad(RTMCTL_FORMAT_ASN, "1.0.0.0,1.0.0.255,1,\"Unterminated, Inc.", "unterminated quoted field");
}

static void test_asn_nexthops(void **state)
{
    RTM_NET_ADDRESS a;
    (void)state;

    ctl_asn_nexthop(RTMCTL_IPV4, 13335, &a);
    assert_int_equal(a.NumBits, 32);
    assert_address(&a, "10.0.52.23");
    ctl_asn_nexthop(RTMCTL_IPV4, 0, &a);
    assert_address(&a, "10.0.0.0");
    ctl_asn_nexthop(RTMCTL_IPV4, 16777215, &a);
    assert_address(&a, "10.255.255.255");
    ctl_asn_nexthop(RTMCTL_IPV6, 13335, &a);
    assert_int_equal(a.AddressFamily, AF_INET6);
    assert_int_equal(a.NumBits, 128);
    assert_address(&a, "2001:db8::1:3335");
    ctl_asn_nexthop(RTMCTL_IPV6, 4200000000u, &a);
    assert_address(&a, "2001:db8::42:0:0");
    ctl_asn_nexthop(RTMCTL_IPV6, 4294967294u, &a);
    assert_address(&a, "2001:db8::42:9496:7294");
    ctl_asn_nexthop(RTMCTL_IPV6, 0, &a);
    assert_address(&a, "2001:db8::");
}

/* ---- ip route ----------------------------------------------------------- */

static void test_iproute(void **state)
{
    struct ctl_line *l;
    (void)state;

    l = route(RTMCTL_FORMAT_IPROUTE, "default via 192.0.2.1 dev eth0 proto dhcp src 192.0.2.10 "
                                     "metric 100");
    assert_int_equal(l->family, RTMCTL_IPV4);
    assert_prefix(&l->prefixes[0], "0.0.0.0/0");
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "192.0.2.1");
    assert_string_equal(l->hops[0].dev, "eth0");
    assert_int_equal(l->metric, 100);
    assert_int_equal(l->flags, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_IPROUTE, "default via fe80::1 dev eth0 proto ra metric 1024 expires "
                                     "1790sec pref medium");
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_prefix(&l->prefixes[0], "::/0");
    assert_address(&l->hops[0].addr, "fe80::1");
    assert_int_equal(l->metric, 1024);
    test_free(l);

    l = route(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 dev eth3 proto kernel scope link src 10.255.0.1");
    assert_prefix(&l->prefixes[0], "10.0.0.0/8");
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "0.0.0.0");
    assert_string_equal(l->hops[0].dev, "eth3");
    assert_int_equal(l->metric, 0);
    test_free(l);

    l = route(RTMCTL_FORMAT_IPROUTE, "192.0.2.7 via inet 192.0.2.1 dev eth0 onlink mtu lock 1400 "
                                     "linkdown");
    assert_prefix(&l->prefixes[0], "192.0.2.7/32");
    assert_address(&l->hops[0].addr, "192.0.2.1");
    test_free(l);

    l = route(RTMCTL_FORMAT_IPROUTE, "blackhole 198.51.100.0/24 proto static");
    assert_int_equal(l->flags, RTM_ROUTE_FLAGS_BLACKHOLE);
    assert_int_equal(l->hop_count, 0);
    test_free(l);
    l = route(RTMCTL_FORMAT_IPROUTE, "unreachable 2001:db8:dead::/48 metric 1024 pref medium");
    assert_int_equal(l->flags, RTM_ROUTE_FLAGS_DISCARD);
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_int_equal(l->metric, 1024);
    test_free(l);
    l = route(RTMCTL_FORMAT_IPROUTE, "prohibit 203.0.113.0/24");
    assert_int_equal(l->flags, RTM_ROUTE_FLAGS_DISCARD);
    test_free(l);
    l = route(RTMCTL_FORMAT_IPROUTE,
              "local 192.0.2.10 dev eth0 table local proto kernel scope host "
              "src 192.0.2.10");
    assert_int_equal(l->flags, RTM_ROUTE_FLAGS_MYSELF);
    assert_prefix(&l->prefixes[0], "192.0.2.10/32");
    assert_string_equal(l->hops[0].dev, "eth0");
    test_free(l);
    l = route(RTMCTL_FORMAT_IPROUTE, "unicast 203.0.113.0/24 proto static metric 30");
    assert_int_equal(l->flags, 0);
    assert_int_equal(l->hop_count, 0);
    assert_int_equal(l->metric, 30);
    test_free(l);

    /* "default" without a via address: the family given */
    l = test_malloc(sizeof *l);
    assert_int_equal(ctl_parse_line(RTMCTL_FORMAT_IPROUTE, "default dev ppp0", RTMCTL_IPV6, l),
                     RTMCTL_LINE_ROUTE);
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_prefix(&l->prefixes[0], "::/0");
    assert_address(&l->hops[0].addr, "::");
    assert_string_equal(l->hops[0].dev, "ppp0");
    assert_int_equal(ctl_parse_line(RTMCTL_FORMAT_IPROUTE, "unreachable default", RTMCTL_IPV4, l),
                     RTMCTL_LINE_ROUTE);
    assert_prefix(&l->prefixes[0], "0.0.0.0/0");

    /* multipath next hops */
    assert_int_equal(ctl_parse_line(RTMCTL_FORMAT_IPROUTE,
                                    "\tnexthop via 192.0.2.2 dev eth1 weight 1", RTMCTL_IPV6, l),
                     RTMCTL_LINE_NEXTHOP);
    assert_int_equal(l->family, RTMCTL_IPV4);
    assert_int_equal(l->hop_count, 1);
    assert_address(&l->hops[0].addr, "192.0.2.2");
    assert_string_equal(l->hops[0].dev, "eth1");
    assert_int_equal(
        ctl_parse_line(RTMCTL_FORMAT_IPROUTE, "  nexthop dev wg0 weight 2 dead", RTMCTL_IPV6, l),
        RTMCTL_LINE_NEXTHOP);
    assert_int_equal(l->family, RTMCTL_IPV6);
    assert_address(&l->hops[0].addr, "::");
    assert_string_equal(l->hops[0].dev, "wg0");
    test_free(l);

    blank(RTMCTL_FORMAT_IPROUTE, "");
    blank(RTMCTL_FORMAT_IPROUTE, "# ip route");
}

static void test_iproute_errors(void **state)
{
    (void)state;
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 via 192.0.2.1 dev eth0 frobnicate",
        "unknown keyword 'frobnicate'");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 via", "'via' needs a value");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 via inet6", "'via' needs a value");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 dev", "'dev' needs a value");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 metric", "'metric' needs a value");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 metric high",
        "'high' is not a metric (0 to 4294967295)");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 mtu lock", "'mtu' needs a value");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 via gateway",
        "'gateway' is not an IPv4 or IPv6 address");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8 via inet6 fe80::1",
        "next hop fe80::1 is not an IPv4 address like the prefix");
    bad(RTMCTL_FORMAT_IPROUTE, "broadcast 192.0.2.255 dev eth0 table local",
        "route type 'broadcast' is not supported");
    bad(RTMCTL_FORMAT_IPROUTE, "blackhole", "missing destination after 'blackhole'");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.0/8x dev eth0",
        "'10.0.0.0/8x': the prefix length must be 0 to 32");
    bad(RTMCTL_FORMAT_IPROUTE, "10.0.0.1/8 dev eth0",
        "'10.0.0.1/8' has host bits set (the prefix is 10.0.0.0/8)");
    bad(RTMCTL_FORMAT_IPROUTE, "nexthop weight 1", "'nexthop' needs 'via' or 'dev'");
    bad(RTMCTL_FORMAT_IPROUTE, "nexthop via 192.0.2.1 metric 5", "unknown keyword 'metric'");
    bad(RTMCTL_FORMAT_IPROUTE,
        "10.0.0.0/8 dev an-interface-name-that-is-much-longer-than-any-name-can-be-at-all",
        "interface name 'an-interface-name-that-is-much-longer-than-any-name-can-be-a' is too "
        "long"); /* the name is cut at 60 characters in messages */
}

/* ---- formats ------------------------------------------------------------ */

static void test_detect(void **state)
{
    enum ctl_format f;
    (void)state;

    assert_int_equal(ctl_detect_format("1.0.0.0,1.0.0.255,13335,Cloudflare"), RTMCTL_FORMAT_ASN);
    assert_int_equal(ctl_detect_format("default via 192.0.2.1 dev eth0"), RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_detect_format("blackhole 10.0.0.0/8"), RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_detect_format("10.0.0.0/8 dev eth0 proto kernel"), RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_detect_format("10.0.0.0/8 via 192.0.2.1"), RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_detect_format("10.0.0.0/8 proto static"), RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_detect_format("10.0.0.0/8 192.0.2.1 5"), RTMCTL_FORMAT_PLAIN);
    assert_int_equal(ctl_detect_format("2001:db8::/32 fe80::1"), RTMCTL_FORMAT_PLAIN);
    assert_int_equal(ctl_detect_format("10.0.0.0/8"), RTMCTL_FORMAT_PLAIN);

    assert_int_equal(ctl_format_from_name("plain", &f), 0);
    assert_int_equal(f, RTMCTL_FORMAT_PLAIN);
    assert_int_equal(ctl_format_from_name("asn", &f), 0);
    assert_int_equal(f, RTMCTL_FORMAT_ASN);
    assert_int_equal(ctl_format_from_name("ip", &f), 0);
    assert_int_equal(f, RTMCTL_FORMAT_IPROUTE);
    assert_int_equal(ctl_format_from_name("auto", &f), 0);
    assert_int_equal(f, RTMCTL_FORMAT_AUTO);
    assert_int_equal(ctl_format_from_name("csv", &f), -1);
    assert_string_equal(ctl_format_name(RTMCTL_FORMAT_IPROUTE), "ip");
    assert_string_equal(ctl_format_name(RTMCTL_FORMAT_ASN), "asn");
    assert_string_equal(ctl_format_name(RTMCTL_FORMAT_PLAIN), "plain");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4_addresses), cmocka_unit_test(test_ipv6_addresses),
        cmocka_unit_test(test_prefixes),       cmocka_unit_test(test_range_split),
        cmocka_unit_test(test_range_errors),   cmocka_unit_test(test_plain),
        cmocka_unit_test(test_plain_errors),   cmocka_unit_test(test_asn),
        cmocka_unit_test(test_asn_errors),     cmocka_unit_test(test_asn_nexthops),
        cmocka_unit_test(test_iproute),        cmocka_unit_test(test_iproute_errors),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
