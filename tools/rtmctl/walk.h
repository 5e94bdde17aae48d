/*
 * walk.h - runs a function on every destination, route or next hop of a
 * family's table (or of a range of prefixes), through the enumeration
 * functions of the API, releasing what each batch returned.
 */
#ifndef RTMCTL_WALK_H
#define RTMCTL_WALK_H

#include "ctl.h"

/* Called for each item; returning nonzero stops the walk. */
typedef int (*ctl_dest_fn)(struct ctl *ctl, int fam, const RTM_DEST_INFO *dest, void *arg);
typedef int (*ctl_handle_fn)(struct ctl *ctl, int fam, HANDLE handle, void *arg);

/*
 * The destinations of family fam (within range, if not NULL) that have a
 * route in views (RTM_VIEW_MASK_UCAST and/or RTM_VIEW_MASK_MCAST), in
 * address order, with the best route of each of those views (ViewInfo in
 * increasing view id), read by the reader entity. Returns NO_ERROR or the
 * API's error.
 */
DWORD ctl_walk_dests(struct ctl *ctl, int fam, RTM_VIEW_SET views, const RTM_NET_ADDRESS *range,
                     ctl_dest_fn fn, void *arg);

/* Every route of family fam (within range, if not NULL), by destination,
 * read by reg: with own, only reg's routes. */
DWORD ctl_walk_routes(struct ctl *ctl, int fam, RTM_ENTITY_HANDLE reg, int own,
                      const RTM_NET_ADDRESS *range, ctl_handle_fn fn, void *arg);

/* The next hops of the entity registration reg (family fam), by address
 * (within range, if not NULL). */
DWORD ctl_walk_nexthops(struct ctl *ctl, int fam, RTM_ENTITY_HANDLE reg,
                        const RTM_NET_ADDRESS *range, ctl_handle_fn fn, void *arg);

#endif /* RTMCTL_WALK_H */
