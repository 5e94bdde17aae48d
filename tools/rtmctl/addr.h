/*
 * addr.h - IPv4 and IPv6 addresses and prefixes as RTM_NET_ADDRESS: text
 * to address and back (by the platform's inet_pton and inet_ntop), masks
 * and containment. Pure functions.
 *
 * rtmctl numbers the two families 0 (IPv4) and 1 (IPv6): one routing table
 * each, one registration of each protocol entity in each.
 */
#ifndef RTMCTL_ADDR_H
#define RTMCTL_ADDR_H

#include <stddef.h>

#include "rtmv2.h"

enum { RTMCTL_IPV4, RTMCTL_IPV6, RTMCTL_FAMILIES };

/* Room for the longest prefix text, "ffff:...:ffff/128" plus NUL. */
#define RTMCTL_ADDR_TEXT 48

/* Results of ctl_parse_prefix. */
enum ctl_addr_status {
    RTMCTL_ADDR_OK,
    RTMCTL_ADDR_BAD,        /* not an IPv4 or IPv6 address */
    RTMCTL_ADDR_BAD_LENGTH, /* the length is not a number within the family's
                            width (*out then has the address's family) */
    RTMCTL_ADDR_HOST_BITS   /* bits set beyond the length (*out is then masked) */
};

/* The address width of family index fam: 32 or 128. */
unsigned ctl_family_bits(int fam);

/* The platform's AF_INET or AF_INET6 for family index fam. */
USHORT ctl_family_af(int fam);

/* "IPv4" or "IPv6". */
const char *ctl_family_name(int fam);

/* The family index of an address, or -1 if neither. */
int ctl_family_of(const RTM_NET_ADDRESS *addr);

/* The all-zero address of a family, full length (0.0.0.0/32, ::/128). */
void ctl_unspecified(int fam, RTM_NET_ADDRESS *out);

/* Nonzero if addr (any length) is all zeros. */
int ctl_is_unspecified(const RTM_NET_ADDRESS *addr);

/*
 * Parses an address with no length, by the platform's inet_pton: IPv6 if
 * the text has a colon (RFC 4291 text: one to four hexadecimal digits a
 * group, "::", a trailing dotted quad; no zone "%..."), IPv4 otherwise (a
 * dotted quad of decimal numbers). Dotted quads, alone or in IPv6, take no
 * leading zeros ("01.2.3.4" is refused), on every platform. *out gets the
 * family's full length. Returns 0, or -1 when the text is not an address.
 */
int ctl_parse_address(const char *text, RTM_NET_ADDRESS *out);

/*
 * Parses ADDRESS[/LENGTH] (no length: the full width, a host route).
 * Returns RTMCTL_ADDR_OK, RTMCTL_ADDR_BAD, RTMCTL_ADDR_BAD_LENGTH or
 * RTMCTL_ADDR_HOST_BITS (then *out holds the masked prefix, so callers can
 * suggest it).
 */
enum ctl_addr_status ctl_parse_prefix(const char *text, RTM_NET_ADDRESS *out);

/* Clears the bits of addr beyond its length. */
void ctl_mask(RTM_NET_ADDRESS *addr);

/*
 * Writes the address without its length into buf (RTMCTL_ADDR_TEXT bytes),
 * by the platform's inet_ntop: a dotted quad, or RFC 5952 IPv6 text (lower
 * case, no leading zeros, the first longest run of two or more zero groups
 * as "::"), with a dotted quad only for IPv4-mapped addresses
 * (::ffff:192.0.2.1; ::1.2.3.4 is ::102:304). The same text on every
 * platform. Returns buf.
 */
char *ctl_format_address(const RTM_NET_ADDRESS *addr, char *buf);

/* Writes ADDRESS/LENGTH into buf (RTMCTL_ADDR_TEXT bytes). Returns buf. */
char *ctl_format_prefix(const RTM_NET_ADDRESS *addr, char *buf);

/* Orders prefixes as the routing table enumerates them: by family, then
 * address, then length. <0, 0 or >0. */
int ctl_prefix_compare(const RTM_NET_ADDRESS *a, const RTM_NET_ADDRESS *b);

#endif /* RTMCTL_ADDR_H */
