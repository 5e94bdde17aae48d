/*
 * ifnames.c - interface names and indexes (ifnames.h).
 */
#include "ifnames.h"

#include <stdlib.h>
#include <string.h>

struct ifname {
    char name[RTMCTL_DEV_MAX]; /* the key: zero-padded */
    ULONG index;
};

void ctl_ifnames_init(struct ctl_ifnames *ifn)
{
    memset(ifn, 0, sizeof *ifn);
    ctl_map_init(&ifn->by_name, RTMCTL_DEV_MAX);
}

ULONG ctl_ifname_index(struct ctl_ifnames *ifn, const char *name)
{
    struct ifname key, *rec;
    char **names;

    if (!*name)
        return 0;
    memset(&key, 0, sizeof key);
    strncpy(key.name, name, sizeof key.name - 1);
    rec = ctl_map_find(&ifn->by_name, key.name);
    if (rec)
        return rec->index;
    rec = malloc(sizeof *rec);
    names = realloc(ifn->names, (ifn->count + 1) * sizeof *names);
    if (names)
        ifn->names = names;
    if (rec) {
        *rec = key;
        rec->index = ifn->count + 1;
    }
    if (!rec || !names || ctl_map_insert(&ifn->by_name, rec) != 0) {
        free(rec);
        return (ULONG)-1;
    }
    ifn->names[ifn->count++] = rec->name;
    return rec->index;
}

const char *ctl_ifname(const struct ctl_ifnames *ifn, ULONG index)
{
    return index >= 1 && index <= ifn->count ? ifn->names[index - 1] : NULL;
}

void ctl_ifnames_free(struct ctl_ifnames *ifn)
{
    ctl_map_clear(&ifn->by_name, free);
    free(ifn->names);
    ctl_ifnames_init(ifn);
}
