/*
 * ifnames.h - interface names (`ip route ... dev NAME`) and the interface
 * indexes rtmctl gives them for RTM_NEXTHOP_INFO.InterfaceIndex: 1, 2, ...
 * in order of first appearance; 0 is "no interface".
 */
#ifndef RTMCTL_IFNAMES_H
#define RTMCTL_IFNAMES_H

#include "map.h"
#include "parse.h"

struct ctl_ifnames {
    struct ctl_map by_name; /* records keyed by their name */
    char **names;           /* names[i - 1]: the name of index i */
    ULONG count;
};

void ctl_ifnames_init(struct ctl_ifnames *ifn);

/* The index of name ("": 0), assigning the next one to a new name.
 * Returns 0 for "" and, when out of memory, (ULONG)-1. */
ULONG ctl_ifname_index(struct ctl_ifnames *ifn, const char *name);

/* The name of index, or NULL for 0 and unknown indexes. */
const char *ctl_ifname(const struct ctl_ifnames *ifn, ULONG index);

void ctl_ifnames_free(struct ctl_ifnames *ifn);

#endif /* RTMCTL_IFNAMES_H */
