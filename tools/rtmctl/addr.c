/*
 * addr.c - addresses and prefixes (addr.h).
 */
#include "addr.h"

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

/* A dotted quad at *p into out[4]; advances *p. Returns 0 or -1. */
static int parse_quad(const char **p, UCHAR *out)
{
    for (int i = 0; i < 4; i++) {
        unsigned long byte;
        if (i > 0 && *(*p)++ != '.')
            return -1;
        if (parse_decimal(p, 3, 255, &byte) != 0)
            return -1;
        out[i] = (UCHAR)byte;
    }
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * IPv6 text at *p (up to end) into out[16]; advances *p. Groups before a
 * "::" fill from the front, groups after it from the back.
 */
static int parse_ipv6(const char **p, const char *end, UCHAR *out)
{
    UCHAR groups[16];
    int count = 0, gap = -1;
    const char *s = *p;

    memset(out, 0, 16);
    if (s + 1 < end && s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    }
    while (s < end && count < 16) {
        unsigned value = 0;
        int digits = 0;
        const char *start = s;

        while (s < end && digits < 5 && hex_digit(*s) >= 0) {
            value = value * 16 + (unsigned)hex_digit(*s++);
            digits++;
        }
        if (s < end && *s == '.' && count <= 12) {
            /* a trailing dotted quad: the last 32 bits */
            s = start;
            if (parse_quad(&s, groups + count) != 0 || s != end)
                return -1;
            count += 4;
            break;
        }
        if (digits == 0 || digits > 4)
            return -1;
        groups[count++] = (UCHAR)(value >> 8);
        groups[count++] = (UCHAR)value;
        if (s == end)
            break;
        if (*s++ != ':')
            return -1;
        if (s < end && *s == ':') {
            if (gap >= 0)
                return -1; /* a second "::" */
            gap = count;
            s++;
        } else if (s == end) {
            return -1; /* a single trailing ':' */
        }
    }
    if (s != end || (gap < 0 && count != 16) || (gap >= 0 && count > 14))
        return -1;
    if (gap < 0) {
        memcpy(out, groups, 16);
    } else {
        memcpy(out, groups, (size_t)gap);
        memcpy(out + 16 - (count - gap), groups + gap, (size_t)(count - gap));
    }
    *p = s;
    return 0;
}

/* Parses the address in text[0, len). */
static int parse_address_n(const char *text, size_t len, RTM_NET_ADDRESS *out)
{
    const char *p = text, *end = text + len;

    memset(out, 0, sizeof *out);
    if (memchr(text, ':', len)) {
        if (parse_ipv6(&p, end, out->AddrBits) != 0)
            return -1;
        out->AddressFamily = AF_INET6;
        out->NumBits = 128;
        return 0;
    }
    if (len == 0 || parse_quad(&p, out->AddrBits) != 0 || p != end)
        return -1;
    out->AddressFamily = AF_INET;
    out->NumBits = 32;
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

char *ctl_format_address(const RTM_NET_ADDRESS *addr, char *buf)
{
    const UCHAR *b = addr->AddrBits;
    unsigned g[8];
    int best = -1, best_len = 1, run = 0;
    char *p = buf;

    if (addr->AddressFamily != AF_INET6) {
        snprintf(buf, RTMCTL_ADDR_TEXT, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        return buf;
    }
    /* RFC 5952: the longest run of two or more zero groups (the first of
     * equal ones) becomes "::"; lower case, no leading zeros. */
    for (int i = 0; i < 8; i++) {
        g[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
        run = g[i] ? 0 : run + 1;
        if (run > best_len) {
            best_len = run;
            best = i - run + 1;
        }
    }
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            p += sprintf(p, "::");
            i += best_len - 1;
            continue;
        }
        p += sprintf(p, "%s%x", i > 0 && p[-1] != ':' ? ":" : "", g[i]);
    }
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
