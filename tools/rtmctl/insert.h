/*
 * insert.h - puts parsed routes into the routing table for one entity:
 * RtmAddNextHop for each next hop (once per address and interface: the
 * handles are kept until ctl_insert_end, so routes share their next hops),
 * then RtmAddRouteToDest for each prefix. Used by "load" and "add route".
 */
#ifndef RTMCTL_INSERT_H
#define RTMCTL_INSERT_H

#include "ctl.h"

struct ctl_insert {
    struct ctl *ctl;
    struct ctl_entity *entity;
    struct ctl_map hops;    /* next hops added: address + interface -> handle */
    unsigned long added;    /* routes created */
    unsigned long replaced; /* routes that existed (same prefix and neighbour) */
};

void ctl_insert_begin(struct ctl_insert *ins, struct ctl *ctl, struct ctl_entity *entity);

/*
 * Adds the routes of a RTMCTL_LINE_ROUTE line (every prefix, the line's next
 * hops — none: on-link, unless blackhole or unreachable — metric, flags and
 * AS) with the entity's preference and views. A route to a prefix the
 * entity already has through the same first next hop (its neighbour) is
 * replaced. Returns RTMCTL_OK, or RTMCTL_FAILED with the reason in error
 * (RTMCTL_ERROR_MAX bytes); the line's earlier prefixes stay added.
 */
int ctl_insert_line(struct ctl_insert *ins, const struct ctl_line *line, char *error);

/* Releases the next hop handles kept (the routes keep their own). */
void ctl_insert_end(struct ctl_insert *ins);

#endif /* RTMCTL_INSERT_H */
