/*
 * parse.h - the input formats rtmctl loads, one line at a time. Pure
 * functions: a line of text in, a route (or an error text) out.
 *
 *   plain   PREFIX[/LEN] [NEXTHOP] [METRIC], IPv4 or IPv6; "#" comments
 *   asn     START,END,ASN,ORGANISATION: the ip-location-db ASN CSV
 *           (asn-ipv4.csv, asn-ipv6.csv); each inclusive range is split
 *           into its CIDR prefixes
 *   ip      the output of `ip route` / `ip -6 route`: [TYPE] PREFIX|default
 *           [via ADDR] [dev NAME] [metric N] ...; multipath routes go on
 *           in "nexthop via ..." lines
 *
 * A PREFIX without /LEN is a host route (/32, /128). A route with no next
 * hop (and not blackhole/unreachable) is on-link: its next hop is the
 * unspecified address (0.0.0.0, ::), on its device if one is named.
 *
 * ASN routes get a next hop derived from the AS number, so that each AS has
 * one next hop, shared by its routes (ctl_asn_nexthop).
 */
#ifndef RTMCTL_PARSE_H
#define RTMCTL_PARSE_H

#include "range.h"

/* Next hops a route can have (the registration profile's
 * MaxNextHopsInRoute). */
#define RTMCTL_MAX_HOPS 4
#define RTMCTL_DEV_MAX 64    /* interface names, with the NUL */
#define RTMCTL_ORG_MAX 256   /* organisation names, with the NUL (longer: cut) */
#define RTMCTL_ERROR_MAX 192 /* error texts */

/* The largest AS number accepted (4294967295 is reserved, RFC 7300). */
#define RTMCTL_ASN_MAX 4294967294u

enum ctl_format {
    RTMCTL_FORMAT_AUTO, /* decided from the first data line of a file */
    RTMCTL_FORMAT_PLAIN,
    RTMCTL_FORMAT_ASN,
    RTMCTL_FORMAT_IPROUTE
};

/* A next hop: its address (the unspecified address when on-link) and its
 * device name ("" when none). */
struct ctl_hop {
    RTM_NET_ADDRESS addr;
    char dev[RTMCTL_DEV_MAX];
};

enum ctl_line_kind {
    RTMCTL_LINE_BLANK,   /* empty or a comment */
    RTMCTL_LINE_ROUTE,   /* a route (of prefix_count prefixes) */
    RTMCTL_LINE_NEXTHOP, /* ip format: one more next hop (hops[0]) of the
                         multipath route of the lines before */
    RTMCTL_LINE_ERROR    /* error holds the message */
};

/* What a line says. */
struct ctl_line {
    int family; /* RTMCTL_IPV4 or RTMCTL_IPV6 */
    int prefix_count;
    RTM_NET_ADDRESS prefixes[RTMCTL_RANGE_MAX];
    int hop_count;
    struct ctl_hop hops[RTMCTL_MAX_HOPS];
    ULONG metric;
    USHORT flags;             /* RTM_ROUTE_FLAGS_* (ip route types) */
    int has_asn;              /* asn format: */
    ULONG asn;                /*   the AS number */
    char org[RTMCTL_ORG_MAX]; /*   its organisation ("" if none) */
    char error[RTMCTL_ERROR_MAX];
};

/* "plain", "asn" or "ip" (and "auto"). */
const char *ctl_format_name(enum ctl_format format);

/* The format named name ("plain", "asn", "ip", "auto"). Returns 0 or -1. */
int ctl_format_from_name(const char *name, enum ctl_format *out);

/*
 * The format of a file whose first line that is not blank or a comment is
 * line: asn if it has a comma; ip if it starts with a route type,
 * "default" or "nexthop", or its second word is an `ip route` keyword;
 * plain otherwise.
 */
enum ctl_format ctl_detect_format(const char *line);

/*
 * Parses one line of the given format (not RTMCTL_FORMAT_AUTO) into *out.
 * default_family (RTMCTL_IPV4 or RTMCTL_IPV6) is the family of an ip-format
 * "default" route with no next hop address to tell. Returns the kind of
 * line (also in no field of *out); for RTMCTL_LINE_ERROR, out->error says what
 * is wrong, in words, without the file and line.
 */
enum ctl_line_kind ctl_parse_line(enum ctl_format format, const char *line, int default_family,
                                  struct ctl_line *out);

/*
 * The next hop rtmctl gives the routes of an AS (documented in --help):
 * IPv4 10.A.B.C with A.B.C the AS number's low 24 bits (AS13335 is
 * 10.0.52.23; every AS number assigned today is below 2^24, so each gets
 * its own); IPv6 2001:db8::/96 followed by the AS number's decimal digits
 * read as hexadecimal, in the last three groups (AS13335 is
 * 2001:db8::1:3335, AS4200000000 is 2001:db8::42:0:0).
 */
void ctl_asn_nexthop(int family, ULONG asn, RTM_NET_ADDRESS *out);

#endif /* RTMCTL_PARSE_H */
