/*
 * insert.c - adding parsed routes (insert.h).
 */
#include "insert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A next hop added for the entity, keyed by address and interface. */
struct hop_record {
    RTM_NET_ADDRESS addr; /* key */
    ULONG ifindex;        /* key */
    RTM_NEXTHOP_HANDLE handle;
};
#define HOP_KEY_LEN (sizeof(RTM_NET_ADDRESS) + sizeof(ULONG))

void ctl_insert_begin(struct ctl_insert *ins, struct ctl *ctl, struct ctl_entity *entity)
{
    memset(ins, 0, sizeof *ins);
    ins->ctl = ctl;
    ins->entity = entity;
    ctl_map_init(&ins->hops, HOP_KEY_LEN);
}

/* The handle of the entity's next hop (reg's family), adding it the first
 * time. Returns NO_ERROR or the API's error. */
static DWORD get_hop(struct ctl_insert *ins, RTM_ENTITY_HANDLE reg, const struct ctl_hop *hop,
                     const struct ctl_asname *as, RTM_NEXTHOP_HANDLE *out)
{
    struct hop_record key, *rec;
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0;
    DWORD status;

    memset(&key, 0, sizeof key);
    key.addr = hop->addr;
    key.ifindex = ctl_ifname_index(&ins->ctl->ifnames, hop->dev);
    if (key.ifindex == (ULONG)-1)
        return ERROR_NOT_ENOUGH_MEMORY;
    rec = ctl_map_find(&ins->hops, &key);
    if (rec) {
        *out = rec->handle;
        return NO_ERROR;
    }
    memset(&info, 0, sizeof info);
    info.NextHopAddress = hop->addr;
    info.InterfaceIndex = key.ifindex;
    info.EntitySpecificInfo = (PVOID)as;
    rec = malloc(sizeof *rec);
    if (!rec)
        return ERROR_NOT_ENOUGH_MEMORY;
    *rec = key;
    rec->handle = NULL;
    status = RtmAddNextHop(reg, &info, &rec->handle, &flags);
    if (status == NO_ERROR && (flags & RTM_NEXTHOP_CHANGE_NEW))
        ins->entity->nexthops[ctl_family_of(&hop->addr)]++;
    if (status == NO_ERROR && ctl_map_insert(&ins->hops, rec) != 0) {
        RtmReleaseNextHops(reg, 1, &rec->handle);
        status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (status != NO_ERROR) {
        free(rec);
        return status;
    }
    *out = rec->handle;
    return NO_ERROR;
}

int ctl_insert_line(struct ctl_insert *ins, const struct ctl_line *line, char *error)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[RTMCTL_MAX_HOPS]; /* NextHops[] continues here */
    } route;
    RTM_ROUTE_INFO *info = &route.info; /* NextHops[] through a pointer: it
                                           goes on in room */
    struct ctl_entity *e = ins->entity;
    const struct ctl_asname *as = NULL;
    struct ctl_hop on_link;
    const struct ctl_hop *hops = line->hops;
    int hop_count = line->hop_count;
    RTM_ENTITY_HANDLE reg;
    char err[64], text[RTMCTL_ADDR_TEXT];
    DWORD status;

    reg = ctl_entity_reg(ins->ctl, e, line->family);
    if (!reg) {
        snprintf(error, RTMCTL_ERROR_MAX, "entity %u cannot register for %s", (unsigned)e->id,
                 ctl_family_name(line->family));
        return RTMCTL_FAILED;
    }
    if (line->has_asn && !(as = ctl_asname_intern(&ins->ctl->asnames, line->asn, line->org))) {
        snprintf(error, RTMCTL_ERROR_MAX, "out of memory");
        return RTMCTL_FAILED;
    }
    if (hop_count == 0 && !(line->flags & (RTM_ROUTE_FLAGS_BLACKHOLE | RTM_ROUTE_FLAGS_DISCARD))) {
        memset(&on_link, 0, sizeof on_link);
        ctl_unspecified(line->family, &on_link.addr);
        hops = &on_link;
        hop_count = 1;
    }

    memset(&route, 0, sizeof route);
    for (int i = 0; i < hop_count; i++) {
        status = get_hop(ins, reg, &hops[i], as, &info->NextHopsList.NextHops[i]);
        if (status != NO_ERROR) {
            snprintf(error, RTMCTL_ERROR_MAX, "next hop %s: RtmAddNextHop: %s",
                     ctl_format_address(&hops[i].addr, text), ctl_error_name(status, err));
            return RTMCTL_FAILED;
        }
    }
    info->NextHopsList.NumNextHops = (USHORT)hop_count;
    info->Neighbour = hop_count ? info->NextHopsList.NextHops[0] : NULL;
    info->Flags = line->flags;
    info->PrefInfo.Preference = e->pref;
    info->PrefInfo.Metric = line->metric;
    info->BelongsToViews = e->views;
    info->EntitySpecificInfo = (PVOID)as;

    for (int i = 0; i < line->prefix_count; i++) {
        RTM_NET_ADDRESS dest = line->prefixes[i];
        RTM_ROUTE_CHANGE_FLAGS change = 0;

        status = RtmAddRouteToDest(reg, NULL, &dest, info, INFINITE, NULL, 0, NULL, &change);
        if (status != NO_ERROR) {
            snprintf(error, RTMCTL_ERROR_MAX, "%s: RtmAddRouteToDest: %s",
                     ctl_format_prefix(&dest, text), ctl_error_name(status, err));
            return RTMCTL_FAILED;
        }
        if (change & RTM_ROUTE_CHANGE_NEW)
            ins->added++;
        else
            ins->replaced++;
    }
    return RTMCTL_OK;
}

static RTM_ENTITY_HANDLE hop_owner(const struct ctl_insert *ins, const struct hop_record *rec)
{
    return ins->entity->reg[ctl_family_of(&rec->addr)];
}

void ctl_insert_end(struct ctl_insert *ins)
{
    for (size_t i = 0; i < ins->hops.capacity; i++) {
        struct hop_record *rec = ctl_map_slot(&ins->hops, i);
        if (rec)
            RtmReleaseNextHops(hop_owner(ins, rec), 1, &rec->handle);
    }
    ctl_map_clear(&ins->hops, free);
}
