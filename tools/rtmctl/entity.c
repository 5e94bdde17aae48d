/*
 * entity.c - rtmctl's protocol entities (ctl.h): a record per entity id,
 * registered with the routing table manager per family on first use.
 */
#include "ctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctl_entity *ctl_entity_find(struct ctl *ctl, ULONG id)
{
    for (struct ctl_entity *e = ctl->entities; e; e = e->next)
        if (e->id == id && !e->deleted)
            return e;
    return NULL;
}

ULONG ctl_entity_next_id(const struct ctl *ctl)
{
    ULONG id = 1;

    for (const struct ctl_entity *e = ctl->entities; e; e = e->next)
        if (e->id >= id)
            id = e->id + 1;
    return id;
}

struct ctl_entity *ctl_entity_create(struct ctl *ctl, ULONG id, const char *name, ULONG pref,
                                     RTM_VIEW_SET views)
{
    struct ctl_entity **p = &ctl->entities, *e;

    while (*p && (*p)->id < id)
        p = &(*p)->next;
    e = *p && (*p)->id == id ? *p : NULL;
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e)
            return NULL;
        e->id = id;
        e->next = *p;
        *p = e;
    }
    snprintf(e->name, sizeof e->name, "%s", name);
    e->pref = pref;
    e->views = views;
    e->format = RTMCTL_FORMAT_AUTO;
    e->source[0] = '\0';
    e->load_seconds = 0;
    e->nexthops[RTMCTL_IPV4] = e->nexthops[RTMCTL_IPV6] = 0;
    e->deleted = 0;
    return e;
}

RTM_ENTITY_HANDLE ctl_entity_reg(struct ctl *ctl, struct ctl_entity *e, int fam)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    char err[64];
    DWORD status;

    if (e->reg[fam])
        return e->reg[fam];
    memset(&info, 0, sizeof info);
    info.RtmInstanceId = RTMCTL_INSTANCE;
    info.AddressFamily = ctl_family_af(fam);
    info.EntityId.EntityProtocolId = e->id;
    info.EntityId.EntityInstanceId = 0;
    status = RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &e->reg[fam]);
    if (status != NO_ERROR) {
        e->reg[fam] = NULL;
        ctl_error(ctl, "cannot register entity %u for %s: RtmRegisterEntity: %s", (unsigned)e->id,
                  ctl_family_name(fam), ctl_error_name(status, err));
    }
    return e->reg[fam];
}

int ctl_entity_delete(struct ctl *ctl, struct ctl_entity *e)
{
    int result = RTMCTL_OK;
    char err[64];

    for (int fam = 0; fam < RTMCTL_FAMILIES; fam++) {
        DWORD status;
        if (!e->reg[fam])
            continue;
        status = RtmDeregisterEntity(e->reg[fam]);
        if (status != NO_ERROR) {
            ctl_error(ctl, "cannot deregister entity %u for %s: RtmDeregisterEntity: %s",
                      (unsigned)e->id, ctl_family_name(fam), ctl_error_name(status, err));
            result = RTMCTL_FAILED;
            continue;
        }
        e->reg[fam] = NULL;
        e->nexthops[fam] = 0;
    }
    e->deleted = result == RTMCTL_OK;
    return result;
}

const char *ctl_entity_label(const struct ctl *ctl, ULONG id, char *buf)
{
    for (const struct ctl_entity *e = ctl->entities; e; e = e->next) {
        if (e->id == id) {
            snprintf(buf, RTMCTL_LABEL_MAX, "%u %s", (unsigned)id, e->name);
            return buf;
        }
    }
    snprintf(buf, RTMCTL_LABEL_MAX, "%u", (unsigned)id);
    return buf;
}
