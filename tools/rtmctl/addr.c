/*
 * addr.c - addresses and prefixes (addr.h). Address text is read and
 * written by the platform's inet_pton and inet_ntop (inet.h); this file
 * adds the prefix lengths, and the rules that make glibc and Wine agree.
 */
#include "addr.h"
#include "inet.h"

#include <stdio.h>
#include <string.h>

unsigned ctl_family_bits(int fam)
{
    return fam == RTMCTL_IPV4 ? 32 : 128;
}

USHORT ctl_family_af(int fam)
{
    return fam == RTMCTL_IPV4 ? AF_INET : AF_INET6;
}

const char *ctl_family_name(int fam)
{
    return fam == RTMCTL_IPV4 ? "IPv4" : "IPv6";
}

int ctl_family_of(const RTM_NET_ADDRESS *addr)
{
    if (addr->AddressFamily == AF_INET)
        return RTMCTL_IPV4;
    if (addr->AddressFamily == AF_INET6)
        return RTMCTL_IPV6;
    return -1;
}

void ctl_unspecified(int fam, RTM_NET_ADDRESS *out)
{
    memset(out, 0, sizeof *out);
    out->AddressFamily = ctl_family_af(fam);
    out->NumBits = (USHORT)ctl_family_bits(fam);
}

int ctl_is_unspecified(const RTM_NET_ADDRESS *addr)
{
    for (size_t i = 0; i < sizeof addr->AddrBits; i++)
        if (addr->AddrBits[i])
            return 0;
    return 1;
}

/* A decimal number of 1 to max_digits digits at *p, at most max; advances
 * *p. Returns 0 or -1. */
static int parse_decimal(const char **p, unsigned max_digits, unsigned long max,
                         unsigned long *value)
{
    unsigned digits = 0;

    *value = 0;
    while (**p >= '0' && **p <= '9' && digits < max_digits) {
        *value = *value * 10 + (unsigned long)(**p - '0');
        (*p)++;
        digits++;
    }
    return digits > 0 && !(**p >= '0' && **p <= '9') && *value <= max ? 0 : -1;
}

/*
 * IPv4 text into out[4]: what inet_pton reads and inet_ntop writes back
 * unchanged, four decimal numbers without leading zeros. glibc's inet_pton
 * refuses the other forms itself; reading back makes every platform's
 * answer the same (a leading zero is octal to some readers).
 */
static int parse_ipv4(const char *text, UCHAR *out)
{
    char back[RTMCTL_INET_TEXT];

    if (ctl_inet_pton(0, text, out) != 0 || !ctl_inet_ntop(0, out, back, sizeof back))
        return -1;
    return strcmp(back, text) ? -1 : 0;
}

/*
 * IPv6 text into out[16], by inet_pton. A dotted quad at its end must also
 * be IPv4 text as parse_ipv4 reads it: Wine's inet_pton takes leading zeros
 * there, glibc's does not.
 */
static int parse_ipv6(const char *text, UCHAR *out)
{
    UCHAR quad[4];

    if (ctl_inet_pton(1, text, out) != 0)
        return -1;
    if (strchr(text, '.') && parse_ipv4(strrchr(text, ':') + 1, quad) != 0)
        return -1;
    return 0;
}

/* Parses the address in text[0, len): IPv6 if it has a colon. */
static int parse_address_n(const char *text, size_t len, RTM_NET_ADDRESS *out)
{
    char copy[RTMCTL_INET_TEXT];
    int v6 = memchr(text, ':', len) != NULL;

    memset(out, 0, sizeof *out);
    if (len >= sizeof copy)
        return -1; /* longer than any address */
    memcpy(copy, text, len);
    copy[len] = '\0';
    if ((v6 ? parse_ipv6(copy, out->AddrBits) : parse_ipv4(copy, out->AddrBits)) != 0)
        return -1;
    out->AddressFamily = ctl_family_af(v6 ? RTMCTL_IPV6 : RTMCTL_IPV4);
    out->NumBits = (USHORT)ctl_family_bits(v6 ? RTMCTL_IPV6 : RTMCTL_IPV4);
    return 0;
}

int ctl_parse_address(const char *text, RTM_NET_ADDRESS *out)
{
    return parse_address_n(text, strlen(text), out);
}

void ctl_mask(RTM_NET_ADDRESS *addr)
{
    for (unsigned i = 0; i < sizeof addr->AddrBits; i++) {
        unsigned first = i * 8; /* the byte's first bit */
        if (first >= addr->NumBits)
            addr->AddrBits[i] = 0;
        else if (first + 8 > addr->NumBits)
            addr->AddrBits[i] &= (UCHAR)(0xFF << (first + 8 - addr->NumBits));
    }
}

enum ctl_addr_status ctl_parse_prefix(const char *text, RTM_NET_ADDRESS *out)
{
    const char *slash = strchr(text, '/');
    size_t len = slash ? (size_t)(slash - text) : strlen(text);
    RTM_NET_ADDRESS full;

    if (parse_address_n(text, len, out) != 0)
        return RTMCTL_ADDR_BAD;
    if (slash) {
        const char *p = slash + 1;
        unsigned long bits;
        if (parse_decimal(&p, 3, out->NumBits, &bits) != 0 || *p)
            return RTMCTL_ADDR_BAD_LENGTH;
        out->NumBits = (USHORT)bits;
    }
    full = *out;
    ctl_mask(out);
    return memcmp(full.AddrBits, out->AddrBits, sizeof full.AddrBits) ? RTMCTL_ADDR_HOST_BITS
                                                                      : RTMCTL_ADDR_OK;
}

/* Nonzero if b[16] is an IPv4-mapped address, in ::ffff:0:0/96. */
static int is_ipv4_mapped(const UCHAR *b)
{
    static const UCHAR mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

    return !memcmp(b, mapped, sizeof mapped);
}

/*
 * text is inet_ntop's IPv6 text of b[16] ending in a dotted quad (an
 * embedded IPv4 address, in a form rtmctl does not keep): writes the last
 * 32 bits as two hexadecimal groups instead. Then, if nothing is
 * compressed, zero groups that now end the text (two or more) become "::":
 * Wine writes 1:2:3:4:0:5efe:0:0 as 1:2:3:4:0:5efe:0.0.0.0, choosing the
 * run to compress among the first six groups only.
 */
static void hex_tail(char *text, const UCHAR *b)
{
    char *tail = strrchr(text, ':') + 1;
    size_t end;
    int zeros = 0;

    sprintf(tail, "%x:%x", (unsigned)b[12] << 8 | b[13], (unsigned)b[14] << 8 | b[15]);
    if (strstr(text, "::"))
        return;
    end = strlen(text);
    while (end >= 2 && text[end - 1] == '0' && text[end - 2] == ':') {
        end -= 2;
        zeros++;
    }
    if (zeros >= 2)
        strcpy(text + end, "::");
}

char *ctl_format_address(const RTM_NET_ADDRESS *addr, char *buf)
{
    const UCHAR *b = addr->AddrBits;

    if (addr->AddressFamily != AF_INET6) {
        ctl_inet_ntop(0, b, buf, RTMCTL_ADDR_TEXT);
        return buf;
    }
    /* RFC 5952 (inet_ntop's, on glibc and Wine): lower case, no leading
     * zeros, the longest run of two or more zero groups (the first of equal
     * ones) as "::"; a dotted quad only for an IPv4-mapped address. */
    if (is_ipv4_mapped(b)) {
        strcpy(buf, "::ffff:");
        ctl_inet_ntop(0, b + 12, buf + 7, RTMCTL_ADDR_TEXT - 7);
        return buf;
    }
    if (ctl_inet_ntop(1, b, buf, RTMCTL_ADDR_TEXT) && strchr(buf, '.'))
        hex_tail(buf, b);
    return buf;
}

char *ctl_format_prefix(const RTM_NET_ADDRESS *addr, char *buf)
{
    ctl_format_address(addr, buf);
    sprintf(buf + strlen(buf), "/%u", (unsigned)addr->NumBits);
    return buf;
}

int ctl_prefix_compare(const RTM_NET_ADDRESS *a, const RTM_NET_ADDRESS *b)
{
    int c = ctl_family_of(a) - ctl_family_of(b);

    if (c == 0)
        c = memcmp(a->AddrBits, b->AddrBits, sizeof a->AddrBits);
    if (c == 0)
        c = (int)a->NumBits - (int)b->NumBits;
    return c;
}
