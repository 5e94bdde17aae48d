/*
 * parse.c - the input formats (parse.h).
 */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Longest word kept whole; longer ones are cut (and then do not parse). */
#define WORD_MAX 128

static const char *const format_names[] = { "auto", "plain", "asn", "ip" };

const char *ctl_format_name(enum ctl_format format)
{
    return format_names[format];
}

int ctl_format_from_name(const char *name, enum ctl_format *out)
{
    for (int i = 0; i < (int)(sizeof format_names / sizeof format_names[0]); i++) {
        if (!strcmp(name, format_names[i])) {
            *out = (enum ctl_format)i;
            return 0;
        }
    }
    return -1;
}

/* Sets the error text and returns RTMCTL_LINE_ERROR. */
static enum ctl_line_kind fail(struct ctl_line *out, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out->error, sizeof out->error, fmt, ap);
    va_end(ap);
    return RTMCTL_LINE_ERROR;
}

/* ---- words ------------------------------------------------------------- */

/* The next whitespace-separated word of *p into word (WORD_MAX bytes);
 * "#" starts a comment that ends the line. Returns 0 at the end. */
static int next_word(const char **p, char *word)
{
    const char *s = *p;
    size_t len = 0;

    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0' || *s == '#') {
        *p = s;
        return 0;
    }
    while (*s && *s != ' ' && *s != '\t') {
        if (len + 1 < WORD_MAX)
            word[len++] = *s;
        s++;
    }
    word[len] = '\0';
    *p = s;
    return 1;
}

static int in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(word, *list))
            return 1;
    return 0;
}

/* A decimal number of at most ten digits, at most max. Returns 0 or -1. */
static int parse_number(const char *word, unsigned long long max, ULONG *value)
{
    unsigned long long v = 0;
    size_t len = strlen(word);

    if (len == 0 || len > 10)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (word[i] < '0' || word[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(word[i] - '0');
    }
    if (v > max)
        return -1;
    *value = (ULONG)v;
    return 0;
}

static enum ctl_line_kind parse_metric(const char *word, struct ctl_line *out)
{
    if (parse_number(word, 4294967295u, &out->metric) != 0)
        return fail(out, "'%.60s' is not a metric (0 to 4294967295)", word);
    return RTMCTL_LINE_ROUTE;
}

/* Parses the route's prefix (a host address without /LEN). */
static enum ctl_line_kind parse_destination(const char *word, struct ctl_line *out)
{
    char text[RTMCTL_ADDR_TEXT];

    switch (ctl_parse_prefix(word, &out->prefixes[0])) {
    case RTMCTL_ADDR_OK:
        break;
    case RTMCTL_ADDR_BAD:
        return fail(out, "'%.60s' is not an IPv4 or IPv6 prefix", word);
    case RTMCTL_ADDR_BAD_LENGTH:
        return fail(out, "'%.60s': the prefix length must be 0 to %u", word,
                    ctl_family_bits(ctl_family_of(&out->prefixes[0])));
    case RTMCTL_ADDR_HOST_BITS:
        return fail(out, "'%.60s' has host bits set (the prefix is %s)", word,
                    ctl_format_prefix(&out->prefixes[0], text));
    }
    out->prefix_count = 1;
    out->family = ctl_family_of(&out->prefixes[0]);
    return RTMCTL_LINE_ROUTE;
}

/* Parses a next hop address of the route's family into hop. */
static enum ctl_line_kind parse_hop_address(const char *word, int family, struct ctl_hop *hop,
                                            struct ctl_line *out)
{
    char text[RTMCTL_ADDR_TEXT];

    if (ctl_parse_address(word, &hop->addr) != 0)
        return fail(out, "'%.60s' is not an IPv4 or IPv6 address", word);
    if (ctl_family_of(&hop->addr) != family)
        return fail(out, "next hop %s is not an %s address like the prefix",
                    ctl_format_address(&hop->addr, text), ctl_family_name(family));
    return RTMCTL_LINE_ROUTE;
}

/* ---- plain ------------------------------------------------------------- */

static enum ctl_line_kind parse_plain(const char *p, struct ctl_line *out)
{
    char word[WORD_MAX];
    RTM_NET_ADDRESS hop;
    int more;

    if (!next_word(&p, word))
        return RTMCTL_LINE_BLANK;
    if (parse_destination(word, out) != RTMCTL_LINE_ROUTE)
        return RTMCTL_LINE_ERROR;
    more = next_word(&p, word);
    if (more && ctl_parse_address(word, &hop) == 0) {
        if (parse_hop_address(word, out->family, &out->hops[0], out) != RTMCTL_LINE_ROUTE)
            return RTMCTL_LINE_ERROR;
        out->hop_count = 1;
        more = next_word(&p, word);
        if (more && parse_metric(word, out) != RTMCTL_LINE_ROUTE)
            return RTMCTL_LINE_ERROR;
    } else if (more && parse_number(word, 4294967295u, &out->metric) != 0) {
        return fail(out, "'%.60s' is neither a next hop address nor a metric", word);
    }
    if (more && next_word(&p, word))
        return fail(out, "unexpected '%.60s' after the metric", word);
    return RTMCTL_LINE_ROUTE;
}

/* ---- ip route ---------------------------------------------------------- */

/* Route types: the supported ones and their flags, then the others. */
static const struct {
    const char *name;
    USHORT flags;
} route_types[] = {
    { "unicast", 0 },
    { "local", RTM_ROUTE_FLAGS_MYSELF },
    { "blackhole", RTM_ROUTE_FLAGS_BLACKHOLE },
    { "unreachable", RTM_ROUTE_FLAGS_DISCARD },
    { "prohibit", RTM_ROUTE_FLAGS_DISCARD },
};
static const char *const unsupported_types[] = { "broadcast", "multicast", "anycast",
                                                 "throw",     "nat",       NULL };

/* Keywords whose value is skipped, and flags without a value. */
static const char *const skipped_keys[] = { "proto",      "scope",
                                            "src",        "table",
                                            "realm",      "realms",
                                            "expires",    "pref",
                                            "mtu",        "advmss",
                                            "rtt",        "rttvar",
                                            "reordering", "window",
                                            "cwnd",       "initcwnd",
                                            "initrwnd",   "ssthresh",
                                            "features",   "quickack",
                                            "congctl",    "fastopen_no_cookie",
                                            "hoplimit",   "tos",
                                            "dsfield",    "weight",
                                            "nhid",       "error",
                                            "from",       "ttl-propagate",
                                            NULL };
static const char *const skipped_flags[] = {
    "onlink", "linkdown",   "dead",    "pervasive",         "offload", "trap",
    "notify", "rt_offload", "rt_trap", "rt_offload_failed", NULL
};

static int is_route_type(const char *word)
{
    for (size_t i = 0; i < sizeof route_types / sizeof route_types[0]; i++)
        if (!strcmp(word, route_types[i].name))
            return 1;
    return in_list(word, unsupported_types);
}

static int is_ip_keyword(const char *word)
{
    return !strcmp(word, "via") || !strcmp(word, "dev") || !strcmp(word, "metric") ||
           in_list(word, skipped_keys) || in_list(word, skipped_flags);
}

/*
 * The attributes after the destination (or after "nexthop"): via, dev,
 * metric (not on nexthop lines), skipped keywords. A via or dev makes
 * hops[0]. *family is the route's, or -1 when not known yet (a default
 * route, a nexthop line): then the via address decides it, or else
 * default_family.
 */
static enum ctl_line_kind parse_attributes(const char *p, int nexthop_line, int default_family,
                                           int *family, struct ctl_line *out)
{
    char word[WORD_MAX], value[WORD_MAX];
    struct ctl_hop *hop = &out->hops[0];
    int has_via = 0, has_dev = 0;

    while (next_word(&p, word)) {
        if (in_list(word, skipped_flags))
            continue;
        if (!is_ip_keyword(word) || (nexthop_line && !strcmp(word, "metric")))
            return fail(out, "unknown keyword '%.60s'", word);
        if (!next_word(&p, value))
            return fail(out, "'%s' needs a value", word);
        if (!strcmp(word, "via")) {
            if ((!strcmp(value, "inet") || !strcmp(value, "inet6")) && !next_word(&p, value))
                return fail(out, "'via' needs a value");
            if (ctl_parse_address(value, &hop->addr) == 0 && *family < 0)
                *family = ctl_family_of(&hop->addr);
            if (parse_hop_address(value, *family, hop, out) != RTMCTL_LINE_ROUTE)
                return RTMCTL_LINE_ERROR;
            has_via = 1;
        } else if (!strcmp(word, "dev")) {
            if (strlen(value) >= sizeof hop->dev)
                return fail(out, "interface name '%.60s' is too long", value);
            strcpy(hop->dev, value);
            has_dev = 1;
        } else if (!strcmp(word, "metric")) {
            if (parse_metric(value, out) != RTMCTL_LINE_ROUTE)
                return RTMCTL_LINE_ERROR;
        } else if (!strcmp(word, "mtu") && !strcmp(value, "lock") && !next_word(&p, value)) {
            return fail(out, "'mtu' needs a value");
        }
    }
    if (*family < 0)
        *family = default_family;
    if (has_via || has_dev) {
        if (!has_via)
            ctl_unspecified(*family, &hop->addr);
        out->hop_count = 1;
    }
    return RTMCTL_LINE_ROUTE;
}

static enum ctl_line_kind parse_ip(const char *p, int default_family, struct ctl_line *out)
{
    char word[WORD_MAX];
    int family = -1;

    if (!next_word(&p, word))
        return RTMCTL_LINE_BLANK;
    if (!strcmp(word, "nexthop")) {
        if (parse_attributes(p, 1, default_family, &family, out) != RTMCTL_LINE_ROUTE)
            return RTMCTL_LINE_ERROR;
        if (out->hop_count == 0)
            return fail(out, "'nexthop' needs 'via' or 'dev'");
        out->family = family;
        return RTMCTL_LINE_NEXTHOP;
    }
    if (is_route_type(word)) {
        size_t i;
        for (i = 0; i < sizeof route_types / sizeof route_types[0]; i++)
            if (!strcmp(word, route_types[i].name))
                break;
        if (i == sizeof route_types / sizeof route_types[0])
            return fail(out, "route type '%s' is not supported", word);
        out->flags = route_types[i].flags;
        if (!next_word(&p, word))
            return fail(out, "missing destination after '%s'", route_types[i].name);
    }
    if (!strcmp(word, "default")) {
        /* Its family is the via address's, or the file's. */
        if (parse_attributes(p, 0, default_family, &family, out) != RTMCTL_LINE_ROUTE)
            return RTMCTL_LINE_ERROR;
        out->family = family;
        ctl_unspecified(out->family, &out->prefixes[0]);
        out->prefixes[0].NumBits = 0;
        out->prefix_count = 1;
        return RTMCTL_LINE_ROUTE;
    }
    if (parse_destination(word, out) != RTMCTL_LINE_ROUTE)
        return RTMCTL_LINE_ERROR;
    family = out->family;
    return parse_attributes(p, 0, default_family, &family, out);
}

/* ---- ASN CSV ----------------------------------------------------------- */

/*
 * The next comma-separated field of *p into field (size bytes, cut if
 * longer); a field in double quotes may hold commas and "" for a quote.
 * Returns 1, 0 at the end of the line, -1 for an unterminated quote.
 */
static int next_field(const char **p, char *field, size_t size)
{
    const char *s = *p;
    size_t len = 0;
    int quoted = 0;

    if (!s)
        return 0;
    if (*s == '"') {
        quoted = 1;
        s++;
    }
    for (;; s++) {
        char c = *s;
        if (quoted && c == '"' && s[1] == '"') {
            s++;
        } else if (quoted && c == '"') {
            quoted = 0;
            continue;
        } else if (c == '\0' && quoted) {
            return -1;
        } else if (c == '\0' || (c == ',' && !quoted)) {
            break;
        }
        if (len + 1 < size)
            field[len++] = c;
    }
    field[len] = '\0';
    *p = *s == ',' ? s + 1 : NULL;
    return 1;
}

static enum ctl_line_kind parse_asn(const char *p, struct ctl_line *out)
{
    char fields[3][WORD_MAX];
    RTM_NET_ADDRESS start, end;
    char a[RTMCTL_ADDR_TEXT], b[RTMCTL_ADDR_TEXT];
    int count = 0, r;

    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '#')
        return RTMCTL_LINE_BLANK;
    for (;;) {
        char *field = count < 3 ? fields[count] : out->org;
        r = next_field(&p, field, count < 3 ? WORD_MAX : sizeof out->org);
        if (r < 0)
            return fail(out, "unterminated quoted field");
        if (r == 0)
            break;
        count++;
    }
    if (count != 3 && count != 4)
        return fail(out, "expected 4 fields (start,end,asn,organisation), found %d", count);
    for (int i = 0; i < 2; i++)
        if (ctl_parse_address(fields[i], i ? &end : &start) != 0)
            return fail(out, "'%.60s' is not an IPv4 or IPv6 address", fields[i]);
    if (parse_number(fields[2], RTMCTL_ASN_MAX, &out->asn) != 0)
        return fail(out, "'%.60s' is not an AS number (0 to %u)", fields[2], RTMCTL_ASN_MAX);
    if (ctl_family_of(&start) != ctl_family_of(&end))
        return fail(out, "range %s-%s mixes IPv4 and IPv6", ctl_format_address(&start, a),
                    ctl_format_address(&end, b));
    out->prefix_count = ctl_range_split(&start, &end, out->prefixes);
    if (out->prefix_count < 0)
        return fail(out, "range start %s is after its end %s", ctl_format_address(&start, a),
                    ctl_format_address(&end, b));
    out->family = ctl_family_of(&start);
    out->has_asn = 1;
    out->hop_count = 1;
    ctl_asn_nexthop(out->family, out->asn, &out->hops[0].addr);
    return RTMCTL_LINE_ROUTE;
}

void ctl_asn_nexthop(int family, ULONG asn, RTM_NET_ADDRESS *out)
{
    ctl_unspecified(family, out);
    if (family == RTMCTL_IPV4) {
        out->AddrBits[0] = 10;
        out->AddrBits[1] = (UCHAR)(asn >> 16);
        out->AddrBits[2] = (UCHAR)(asn >> 8);
        out->AddrBits[3] = (UCHAR)asn;
        return;
    }
    static const UCHAR prefix[4] = { 0x20, 0x01, 0x0d, 0xb8 };
    unsigned long groups[3] = { asn / 100000000ul, asn / 10000 % 10000, asn % 10000 };

    memcpy(out->AddrBits, prefix, sizeof prefix);
    for (int i = 0; i < 3; i++) {
        unsigned long d = groups[i]; /* four decimal digits, written as hex */
        out->AddrBits[10 + 2 * i] = (UCHAR)((d / 1000) << 4 | (d / 100 % 10));
        out->AddrBits[11 + 2 * i] = (UCHAR)((d / 10 % 10) << 4 | (d % 10));
    }
}

/* ---- dispatch ---------------------------------------------------------- */

enum ctl_format ctl_detect_format(const char *line)
{
    char first[WORD_MAX], second[WORD_MAX];
    const char *p = line;

    if (strchr(line, ','))
        return RTMCTL_FORMAT_ASN;
    if (!next_word(&p, first))
        return RTMCTL_FORMAT_PLAIN;
    if (is_route_type(first) || !strcmp(first, "default") || !strcmp(first, "nexthop"))
        return RTMCTL_FORMAT_IPROUTE;
    if (next_word(&p, second) && is_ip_keyword(second))
        return RTMCTL_FORMAT_IPROUTE;
    return RTMCTL_FORMAT_PLAIN;
}

enum ctl_line_kind ctl_parse_line(enum ctl_format format, const char *line, int default_family,
                                  struct ctl_line *out)
{
    out->family = default_family;
    out->prefix_count = 0;
    out->hop_count = 0;
    out->metric = 0;
    out->flags = 0;
    out->has_asn = 0;
    out->asn = 0;
    out->org[0] = '\0';
    out->error[0] = '\0';
    memset(out->hops, 0, sizeof out->hops);
    switch (format) {
    case RTMCTL_FORMAT_PLAIN:
        return parse_plain(line, out);
    case RTMCTL_FORMAT_ASN:
        return parse_asn(line, out);
    case RTMCTL_FORMAT_IPROUTE:
        return parse_ip(line, default_family, out);
    default:
        return fail(out, "no format");
    }
}
