/*
 * multicast.c - "mgm join|leave|packet|show": multicast state on the rtm
 * library's Multicast Group Manager (multicast.h).
 *
 *   mgm join IFACE GROUP [SOURCE] [--igmp]   receivers of (SOURCE or any,
 *             GROUP) on IFACE: a neighbour's join for rtmctl's routing
 *             protocol, or a host's report for IGMP (--igmp); the client
 *             takes the interface first (IGMP may share one with the
 *             routing protocol)
 *   mgm leave IFACE GROUP [SOURCE] [--igmp]  the same receivers go
 *   mgm packet IFACE SOURCE GROUP            the forwarder reports a packet
 *             that arrived on IFACE: the MGM makes its MFE (the incoming
 *             interface is the one of the best route to SOURCE in the
 *             multicast view)
 *   mgm show  the interfaces, the pairs joined and the MFEs
 *
 * IFACE is an interface name (as in `ip route ... dev NAME`) or index.
 * The clients have no callbacks: rtmctl shows the MGM's state, not its
 * alerts (which come on worker threads, in no fixed order with the
 * output).
 */
#include "columns.h"
#include "commands.h"
#include "rtm_mgm_forwarder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_ONES 0xFFFFFFFFu
#define MFE_BUFFER 65536

/* The index of an interface argument: a number, or a name. Returns 0 and
 * *index, or -1 after printing why. */
static int interface_arg(struct ctl *ctl, const char *text, ULONG *index)
{
    if (text[0] >= '0' && text[0] <= '9')
        return ctl_arg_number(ctl, "mgm", "interface", text, 0xFFFFFFFEul, index);
    *index = ctl_ifname_index(&ctl->ifnames, text);
    if (*index == (ULONG)-1) {
        ctl_error(ctl, "mgm: out of memory");
        return -1;
    }
    return 0;
}

/* The interface's name, or its index, in buf (16 bytes). */
static const char *interface_text(const struct ctl *ctl, ULONG index, char *buf)
{
    const char *name = ctl_ifname(&ctl->ifnames, index);

    if (name)
        return name;
    snprintf(buf, 16, "%lu", (unsigned long)index);
    return buf;
}

/* An IPv4 address argument (network order). Returns 0, or -1 after
 * printing why. */
static int ipv4_arg(struct ctl *ctl, const char *what, const char *text, DWORD *out)
{
    RTM_NET_ADDRESS a;

    if (ctl_parse_address(text, &a) != 0 || ctl_family_of(&a) != RTMCTL_IPV4) {
        ctl_error(ctl, "mgm: %s '%s' is not an IPv4 address", what, text);
        return -1;
    }
    memcpy(out, a.AddrBits, sizeof *out);
    return 0;
}

static const char *ipv4_text(DWORD address, char *buf)
{
    RTM_NET_ADDRESS a;

    memset(&a, 0, sizeof a);
    a.AddressFamily = AF_INET;
    a.NumBits = 32;
    memcpy(a.AddrBits, &address, sizeof address);
    return ctl_format_address(&a, buf);
}

/* Registers client c when needed. Returns NO_ERROR or the MGM's error. */
static DWORD client_ready(struct ctl_mgm_client *c, DWORD protocol)
{
    ROUTING_PROTOCOL_CONFIG none;

    if (c->handle)
        return NO_ERROR;
    memset(&none, 0, sizeof none);
    return MgmRegisterMProtocol(&none, protocol, 1, &c->handle);
}

/* Client c takes interface index when it has not. */
static DWORD client_take(struct ctl_mgm_client *c, ULONG index)
{
    DWORD status;

    for (unsigned i = 0; i < c->count; i++)
        if (c->interfaces[i] == index)
            return NO_ERROR;
    if (c->count == RTMCTL_MGM_INTERFACES)
        return ERROR_NOT_ENOUGH_MEMORY;
    status = MgmTakeInterfaceOwnership(c->handle, index, 0);
    if (status == NO_ERROR)
        c->interfaces[c->count++] = index;
    return status;
}

/* "mgm join|leave IFACE GROUP [SOURCE] [--igmp]". */
static int membership(struct ctl *ctl, int join, int argc, char **argv)
{
    int igmp = argc > 0 && !strcmp(argv[argc - 1], "--igmp");
    struct ctl_mgm_client *c = igmp ? &ctl->multicast.igmp : &ctl->multicast.router;
    DWORD group, source = 0, status;
    ULONG index;
    char err[64];

    if (igmp)
        argc--;
    if (argc < 3 || argc > 4) {
        ctl_error(ctl, "mgm: usage: mgm %s IFACE GROUP [SOURCE] [--igmp]", argv[0]);
        return RTMCTL_USAGE;
    }
    if (interface_arg(ctl, argv[1], &index) || ipv4_arg(ctl, "group", argv[2], &group) ||
        (argc == 4 && ipv4_arg(ctl, "source", argv[3], &source)))
        return RTMCTL_FAILED;
    status = client_ready(c, igmp ? RTMCTL_MGM_IGMP : RTMCTL_MGM_PROTOCOL);
    if (status == NO_ERROR && join)
        status = client_take(c, index);
    if (status == NO_ERROR)
        status = (join ? MgmAddGroupMembershipEntry : MgmDeleteGroupMembershipEntry)(
            c->handle, source, source ? ALL_ONES : 0, group, ALL_ONES, index, 0,
            MGM_JOIN_STATE_FLAG);
    if (status != NO_ERROR) {
        ctl_error(ctl, "mgm %s: %s", argv[0], ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}

/* "mgm packet IFACE SOURCE GROUP". */
static int packet(struct ctl *ctl, int argc, char **argv)
{
    RTM_MGM_FORWARDER_CONFIG none;
    DWORD source, group, status = NO_ERROR;
    ULONG index;
    char err[64];

    if (argc != 4) {
        ctl_error(ctl, "mgm: usage: mgm packet IFACE SOURCE GROUP");
        return RTMCTL_USAGE;
    }
    if (interface_arg(ctl, argv[1], &index) || ipv4_arg(ctl, "source", argv[2], &source) ||
        ipv4_arg(ctl, "group", argv[3], &group))
        return RTMCTL_FAILED;
    memset(&none, 0, sizeof none);
    if (!ctl->multicast.forwarder)
        status = RtmMgmForwarderRegister(&none, &ctl->multicast.forwarder);
    if (status == NO_ERROR)
        status = RtmMgmForwarderReportPacket(ctl->multicast.forwarder, source, group, index, 0, 0,
                                             NULL);
    if (status != NO_ERROR) {
        ctl_error(ctl, "mgm packet: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}

/* The interfaces rtmctl's clients took, with the client the MGM names. */
static void show_interfaces(struct ctl *ctl)
{
    char spec[] = "Interface|Client|Also";
    struct ctl_table t;
    const struct ctl_multicast *m = &ctl->multicast;
    char name[16];

    ctl_table_init(&t, spec);
    for (unsigned i = 0; i < m->router.count + m->igmp.count; i++) {
        int is_router = i < m->router.count;
        ULONG index = is_router ? m->router.interfaces[i] : m->igmp.interfaces[i - m->router.count];
        DWORD id = 0, component = 0, also = 0;

        if (!is_router)
            for (unsigned k = 0; k < m->router.count; k++)
                also |= m->router.interfaces[k] == index;
        if (also)
            continue; /* shown with the router */
        if (is_router)
            for (unsigned k = 0; k < m->igmp.count; k++)
                also |= m->igmp.interfaces[k] == index;
        MgmGetProtocolOnInterface(index, 0, &id, &component);
        ctl_table_add(&t, "%s", interface_text(ctl, index, name));
        ctl_table_add(&t, "%s", id == RTMCTL_MGM_IGMP ? "IGMP" : "multicast routing");
        ctl_table_add(&t, "%s", also ? "IGMP" : "");
        ctl_table_end_row(&t);
    }
    printf("Interfaces\n");
    ctl_table_print(&t, "  ");
}

/* The pairs joined on the router (a group enumeration). */
static DWORD show_groups(struct ctl *ctl)
{
    char spec[] = "Source|Group";
    struct ctl_table t;
    SOURCE_GROUP_ENTRY entries[64];
    HANDLE e;
    DWORD size, n, status;
    char text[RTMCTL_ADDR_TEXT];

    status = MgmGroupEnumerationStart(ctl->multicast.router.handle, ALL_SOURCES, &e);
    if (status != NO_ERROR)
        return status;
    ctl_table_init(&t, spec);
    do {
        size = sizeof entries;
        status = MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n);
        for (DWORD i = 0; i < n; i++) {
            ctl_table_add(&t, "%s", entries[i].dwSourceAddr
                                        ? ipv4_text(entries[i].dwSourceAddr, text)
                                        : "*");
            ctl_table_add(&t, "%s", entries[i].dwGroupAddr
                                        ? ipv4_text(entries[i].dwGroupAddr, text)
                                        : "*");
        }
    } while (status == ERROR_MORE_DATA);
    MgmGroupEnumerationEnd(e);
    printf("Groups joined\n");
    ctl_table_print(&t, "  ");
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

/* One MFE's row. */
static void mfe_row(struct ctl *ctl, const MIB_IPMCAST_MFE *m, struct ctl_table *t)
{
    char text[RTMCTL_ADDR_TEXT], name[16], label[RTMCTL_LABEL_MAX], out[200] = "";
    RTM_NET_ADDRESS route;
    size_t len = 0;

    ctl_table_add(t, "%s", ipv4_text(m->dwSource, text));
    ctl_table_add(t, "%s", ipv4_text(m->dwGroup, text));
    ctl_table_add(t, "%s", interface_text(ctl, m->dwInIfIndex, name));
    ctl_table_add(t, "%s", m->dwUpStrmNgbr ? ipv4_text(m->dwUpStrmNgbr, text) : "-");
    if (m->dwRouteMask || m->dwRouteProtocol) { /* a route (the default one too) */
        memset(&route, 0, sizeof route);
        route.AddressFamily = AF_INET;
        memcpy(route.AddrBits, &m->dwRouteNetwork, sizeof m->dwRouteNetwork);
        for (unsigned bit = 0; bit < 32 && (((BYTE *)&m->dwRouteMask)[bit / 8] >> (7 - bit % 8)) & 1;
             bit++)
            route.NumBits++;
        ctl_table_add(t, "%s [%s]", ctl_format_prefix(&route, text),
                      ctl_entity_label(ctl, m->dwRouteProtocol, label));
    } else {
        ctl_table_add(t, "-");
    }
    for (ULONG i = 0; i < m->ulNumOutIf && len < sizeof out - 20; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? ", " : "",
                                interface_text(ctl, m->rgmioOutInfo[i].dwOutIfIndex, name));
    ctl_table_add(t, "%s", m->ulNumOutIf ? out : "none (pruned)");
    ctl_table_end_row(t);
}

/* Every MFE (MgmGetFirstMfe, MgmGetNextMfe). */
static DWORD show_mfes(struct ctl *ctl)
{
    char spec[] = "Source|Group|In|Upstream|Route (multicast view)|Out";
    struct ctl_table t;
    BYTE *buffer = malloc(MFE_BUFFER);
    MIB_IPMCAST_MFE last, m;
    DWORD size, n, status;
    int first = 1;

    if (!buffer)
        return ERROR_NOT_ENOUGH_MEMORY;
    ctl_table_init(&t, spec);
    do {
        size = MFE_BUFFER;
        status = first ? MgmGetFirstMfe(&size, buffer, &n) : MgmGetNextMfe(&last, &size, buffer, &n);
        for (DWORD i = 0, at = 0; i < n; i++) {
            memcpy(&m, buffer + at, sizeof m < SIZEOF_MIB_MFE(0) ? sizeof m : SIZEOF_MIB_MFE(0));
            mfe_row(ctl, (const MIB_IPMCAST_MFE *)(buffer + at), &t);
            last = m;
            at += SIZEOF_MIB_MFE(m.ulNumOutIf);
        }
        first = 0;
    } while (status == ERROR_MORE_DATA);
    free(buffer);
    printf("Multicast forwarding entries\n");
    ctl_table_print(&t, "  ");
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

/* "mgm show". */
static int show(struct ctl *ctl, int argc)
{
    DWORD status;
    char err[64];

    if (argc != 1) {
        ctl_error(ctl, "mgm: usage: mgm show");
        return RTMCTL_USAGE;
    }
    status = client_ready(&ctl->multicast.router, RTMCTL_MGM_PROTOCOL);
    if (status == NO_ERROR) {
        show_interfaces(ctl);
        status = show_groups(ctl);
    }
    if (status == NO_ERROR)
        status = show_mfes(ctl);
    if (status != NO_ERROR) {
        ctl_error(ctl, "mgm show: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}

int ctl_cmd_mgm(struct ctl *ctl, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "join"))
        return membership(ctl, 1, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "leave"))
        return membership(ctl, 0, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "packet"))
        return packet(ctl, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "show"))
        return show(ctl, argc - 1);
    ctl_error(ctl, "mgm: usage: mgm join|leave|packet|show ...");
    return RTMCTL_USAGE;
}

/* Releases client c's interfaces and deregisters it. */
static void client_end(struct ctl_mgm_client *c)
{
    if (!c->handle)
        return;
    while (c->count > 0)
        MgmReleaseInterfaceOwnership(c->handle, c->interfaces[--c->count], 0);
    MgmDeRegisterMProtocol(c->handle);
    c->handle = NULL;
}

void ctl_multicast_cleanup(struct ctl *ctl)
{
    if (ctl->multicast.forwarder)
        RtmMgmForwarderDeregister(ctl->multicast.forwarder);
    ctl->multicast.forwarder = NULL;
    client_end(&ctl->multicast.igmp);
    client_end(&ctl->multicast.router);
}
