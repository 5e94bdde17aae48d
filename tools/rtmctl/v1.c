/*
 * v1.c - RTMv1's clients, route text and "add v1" / "delete v1" (v1.h).
 */
#include "v1.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A registered RTMv1 client: one per family and protocol. */
struct ctl_v1_client {
    DWORD family, protocol;
    HANDLE handle;
    struct ctl_v1_client *next;
};

/* A parsed "add v1" or "delete v1": the route and who adds it. */
struct v1_request {
    const char *command; /* "add v1" or "delete v1", for messages */
    int family;
    union ctl_v1_route route;
    DWORD protocol;
    DWORD ttl; /* seconds, INFINITE by default */
};

int ctl_v1_family(const char *text)
{
    if (!strcmp(text, "ip"))
        return RTM_PROTOCOL_FAMILY_IP;
    if (!strcmp(text, "ipx"))
        return RTM_PROTOCOL_FAMILY_IPX;
    return -1;
}

/* ---- text ------------------------------------------------------------- */

/* An IPv4 address in machine byte order, as a dotted quad. */
static char *ipv4_text(DWORD addr, char *buf)
{
    sprintf(buf, "%u.%u.%u.%u", (unsigned)(addr >> 24), (unsigned)(addr >> 16 & 255),
            (unsigned)(addr >> 8 & 255), (unsigned)(addr & 255));
    return buf;
}

static unsigned mask_length(DWORD mask)
{
    unsigned len = 0;

    for (; mask & 0x80000000u; mask <<= 1)
        len++;
    return len;
}

char *ctl_v1_network_text(int family, const union ctl_v1_route *r, char *buf)
{
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        sprintf(buf, "%08X", (unsigned)r->ipx.RR_Network.N_NetNumber);
        return buf;
    }
    ipv4_text(r->ip.RR_Network.N_NetNumber, buf);
    sprintf(buf + strlen(buf), "/%u", mask_length(r->ip.RR_Network.N_NetMask));
    return buf;
}

char *ctl_v1_nexthop_text(int family, const union ctl_v1_route *r, char *buf)
{
    const BYTE *mac = r->ipx.RR_NextHopAddress.NHA_Mac;

    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
                mac[5]);
        return buf;
    }
    if (!r->ip.RR_NextHopAddress.N_NetNumber)
        return strcpy(buf, "on-link");
    return ipv4_text(r->ip.RR_NextHopAddress.N_NetNumber, buf);
}

/* An IPv4 ADDRESS[/LENGTH] without host bits: the network number and mask
 * in machine byte order. Returns 0 or -1. */
static int parse_ip_network(const char *text, IP_NETWORK *net)
{
    RTM_NET_ADDRESS prefix;
    DWORD number = 0;

    if (ctl_parse_prefix(text, &prefix) != RTMCTL_ADDR_OK ||
        ctl_family_of(&prefix) != RTMCTL_IPV4)
        return -1;
    for (int i = 0; i < 4; i++)
        number = number << 8 | prefix.AddrBits[i];
    net->N_NetNumber = number;
    net->N_NetMask = prefix.NumBits ? 0xFFFFFFFFu << (32 - prefix.NumBits) : 0;
    return 0;
}

/* count hexadecimal digits at *p (1 to count with at_most), as a number;
 * advances *p. Returns 0 or -1. */
static int parse_hex(const char **p, int count, int at_most, DWORD *value)
{
    int digits = 0;

    *value = 0;
    for (; digits < count; digits++, ++*p) {
        char c = **p;
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            break;
        *value = *value << 4 | (DWORD)d;
    }
    return digits > 0 && (at_most || digits == count) ? 0 : -1;
}

static int parse_ipx_network(const char *text, DWORD *net)
{
    return parse_hex(&text, 8, 1, net) || *text ? -1 : 0;
}

static int parse_mac(const char *text, BYTE mac[6])
{
    for (int i = 0; i < 6; i++) {
        DWORD byte;

        if (parse_hex(&text, 2, 0, &byte) || *text != (i < 5 ? ':' : '\0'))
            return -1;
        mac[i] = (BYTE)byte;
        text += i < 5;
    }
    return 0;
}

/* ---- the commands' words ---------------------------------------------- */

/* Sets the option name (argv[i]) of a route from its value (argv[i + 1]).
 * Returns 0, or -1 after printing why not. */
static int parse_option(struct ctl *ctl, struct v1_request *q, int adding, const char *name,
                        const char *value)
{
    int ip = q->family == RTM_PROTOCOL_FAMILY_IP;
    ULONG n;

    if (!strcmp(name, "via")) {
        if (ip ? parse_ip_network(value, &q->route.ip.RR_NextHopAddress) ||
                     q->route.ip.RR_NextHopAddress.N_NetMask != 0xFFFFFFFFu
               : parse_mac(value, q->route.ipx.RR_NextHopAddress.NHA_Mac)) {
            ctl_error(ctl, "%s: '%s' is not %s", q->command, value,
                      ip ? "an IPv4 address" : "a MAC address (02:00:00:00:00:01)");
            return -1;
        }
        return 0;
    }
    if (!strcmp(name, "dev")) {
        n = ctl_ifname_index(&ctl->ifnames, value);
        if (n == (ULONG)-1) {
            ctl_error(ctl, "%s: out of memory", q->command);
            return -1;
        }
        q->route.ip.RR_InterfaceID = n; /* the same member in both families */
        return 0;
    }
    if (!strcmp(name, "proto"))
        return ctl_arg_number(ctl, q->command, name, value, 4294967295ul, &q->protocol);
    if (adding && !strcmp(name, "ttl"))
        return ctl_arg_number(ctl, q->command, name, value, 2147483, &q->ttl);
    if (adding && ip && !strcmp(name, "metric")) {
        if (ctl_arg_number(ctl, q->command, name, value, 4294967295ul, &n))
            return -1;
        q->route.ip.RR_FamilySpecificData.FSD_Metric = n;
        return 0;
    }
    if (adding && !ip && (!strcmp(name, "ticks") || !strcmp(name, "hops"))) {
        if (ctl_arg_number(ctl, q->command, name, value, 65535, &n))
            return -1;
        if (*name == 't')
            q->route.ipx.RR_FamilySpecificData.FSD_TickCount = (USHORT)n;
        else
            q->route.ipx.RR_FamilySpecificData.FSD_HopCount = (USHORT)n;
        return 0;
    }
    ctl_error(ctl, "%s: unknown option '%s'", q->command, name);
    return -1;
}

/* Parses "add|delete v1 ip|ipx NETWORK [NAME VALUE]...". Returns
 * RTMCTL_OK or RTMCTL_USAGE (message printed). */
static int parse_request(struct ctl *ctl, int argc, char **argv, int adding,
                         struct v1_request *q)
{
    int bad;

    memset(q, 0, sizeof *q);
    q->command = adding ? "add v1" : "delete v1";
    q->ttl = INFINITE;
    q->family = argc >= 4 ? ctl_v1_family(argv[2]) : -1;
    if (q->family < 0 || argc % 2) {
        ctl_error(ctl, "%s: %s ip|ipx NETWORK [OPTION VALUE]... (see 'help')", q->command,
                  q->command);
        return RTMCTL_USAGE;
    }
    q->protocol = q->family == RTM_PROTOCOL_FAMILY_IP ? RTMCTL_V1_PROTO_IP : RTMCTL_V1_PROTO_IPX;
    if (q->family == RTM_PROTOCOL_FAMILY_IP) {
        bad = parse_ip_network(argv[3], &q->route.ip.RR_Network);
        q->route.ip.RR_NextHopAddress.N_NetMask = 0xFFFFFFFFu;
    } else {
        bad = parse_ipx_network(argv[3], &q->route.ipx.RR_Network.N_NetNumber);
    }
    if (bad) {
        ctl_error(ctl, "%s: '%s' is not %s", q->command, argv[3],
                  q->family == RTM_PROTOCOL_FAMILY_IP ? "an IPv4 prefix without host bits"
                                                      : "an IPX network (1 to 8 hex digits)");
        return RTMCTL_USAGE;
    }
    for (int i = 4; i < argc; i += 2)
        if (parse_option(ctl, q, adding, argv[i], argv[i + 1]))
            return RTMCTL_USAGE;
    return RTMCTL_OK;
}

/* ---- clients ---------------------------------------------------------- */

/* The client of a family and protocol, registered first if needed. Returns
 * NULL after printing why it failed. */
static HANDLE client(struct ctl *ctl, const struct v1_request *q)
{
    struct ctl_v1_client *c;
    char err[64];

    for (c = ctl->v1_clients; c; c = c->next)
        if (c->family == (DWORD)q->family && c->protocol == q->protocol)
            return c->handle;
    c = malloc(sizeof *c);
    if (!c) {
        ctl_error(ctl, "%s: out of memory", q->command);
        return NULL;
    }
    c->family = (DWORD)q->family;
    c->protocol = q->protocol;
    c->handle = RtmRegisterClient(c->family, c->protocol, NULL, 0);
    if (!c->handle) {
        ctl_error(ctl, "%s: RtmRegisterClient: %s", q->command,
                  ctl_error_name(GetLastError(), err));
        free(c);
        return NULL;
    }
    c->next = ctl->v1_clients;
    ctl->v1_clients = c;
    return c->handle;
}

void ctl_v1_cleanup(struct ctl *ctl)
{
    while (ctl->v1_clients) {
        struct ctl_v1_client *c = ctl->v1_clients;

        ctl->v1_clients = c->next;
        RtmDeregisterClient(c->handle);
        free(c);
    }
}

/* ---- the commands ----------------------------------------------------- */

/* What a call's Flags say about the best route of the network. */
static const char *best_text(DWORD flags)
{
    switch (flags) {
    case RTM_ROUTE_ADDED:
        return "new";
    case RTM_ROUTE_CHANGED:
        return "changed";
    case RTM_ROUTE_DELETED:
        return "gone";
    default:
        return "unchanged";
    }
}

/* Adds or deletes the route; prints "added|deleted FAMILY NETWORK via
 * NEXTHOP|on-link [dev NAME] proto ID (best route: ...)". */
static int change(struct ctl *ctl, int argc, char **argv, int adding)
{
    struct v1_request q;
    HANDLE h;
    DWORD status, flags = RTM_NO_CHANGE;
    char net[64], hop[64], err[64];
    const char *dev;

    if (parse_request(ctl, argc, argv, adding, &q) != RTMCTL_OK)
        return RTMCTL_USAGE;
    h = client(ctl, &q);
    if (!h)
        return RTMCTL_FAILED;
    status = adding ? RtmAddRoute(h, &q.route, q.ttl, &flags, NULL, NULL)
                    : RtmDeleteRoute(h, &q.route, &flags, NULL);
    if (status != NO_ERROR) {
        ctl_error(ctl, "%s: %s%s", q.command, ctl_error_name(status, err),
                  status == ERROR_NO_SUCH_ROUTE ? ": no such route" : "");
        return RTMCTL_FAILED;
    }
    dev = ctl_ifname(&ctl->ifnames, q.route.ip.RR_InterfaceID);
    ctl_v1_nexthop_text(q.family, &q.route, hop);
    printf("%s %s %s %s%s%s%s proto %u (best route: %s)\n", adding ? "added" : "deleted", argv[2],
           ctl_v1_network_text(q.family, &q.route, net), strcmp(hop, "on-link") ? "via " : "",
           hop, dev ? " dev " : "", dev ? dev : "", (unsigned)q.protocol, best_text(flags));
    return RTMCTL_OK;
}

int ctl_v1_add(struct ctl *ctl, int argc, char **argv)
{
    return change(ctl, argc, argv, 1);
}

int ctl_v1_delete(struct ctl *ctl, int argc, char **argv)
{
    return change(ctl, argc, argv, 0);
}
