/*
 * asnames.c - AS organisation names (asnames.h).
 */
#include "asnames.h"

#include <stdlib.h>
#include <string.h>

void ctl_asnames_init(struct ctl_asnames *names)
{
    ctl_map_init(&names->by_asn, sizeof(ULONG));
}

const struct ctl_asname *ctl_asname_intern(struct ctl_asnames *names, ULONG asn, const char *org)
{
    struct ctl_asname *rec = ctl_map_find(&names->by_asn, &asn);
    size_t len = strlen(org);

    if (rec)
        return rec;
    rec = malloc(sizeof *rec + len + 1);
    if (!rec)
        return NULL;
    rec->asn = asn;
    memcpy(rec->org, org, len + 1);
    if (ctl_map_insert(&names->by_asn, rec) != 0) {
        free(rec);
        return NULL;
    }
    return rec;
}

void ctl_asnames_free(struct ctl_asnames *names)
{
    ctl_map_clear(&names->by_asn, free);
}
