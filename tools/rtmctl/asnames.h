/*
 * asnames.h - the organisation names of AS numbers, from the ASN CSV. One
 * record per AS, kept for the life of the process: routes and next hops
 * loaded from that format point to it through their EntitySpecificInfo,
 * which is how show and lookup find a route's AS.
 */
#ifndef RTMCTL_ASNAMES_H
#define RTMCTL_ASNAMES_H

#include "map.h"
#include "parse.h"

struct ctl_asname {
    ULONG asn;  /* the key */
    char org[]; /* "" when the table gave none */
};

struct ctl_asnames {
    struct ctl_map by_asn;
};

void ctl_asnames_init(struct ctl_asnames *names);

/* The record of asn, made with org if it is new (the first name given for
 * an AS stays). Returns NULL when out of memory. */
const struct ctl_asname *ctl_asname_intern(struct ctl_asnames *names, ULONG asn, const char *org);

void ctl_asnames_free(struct ctl_asnames *names);

#endif /* RTMCTL_ASNAMES_H */
