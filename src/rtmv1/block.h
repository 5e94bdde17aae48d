/*
 * block.h - deleting every route that meets criteria (walk.h), as
 * RtmBlockDeleteRoutes and RtmDeregisterClient do.
 */
#ifndef RTM_RTMV1_BLOCK_H
#define RTM_RTMV1_BLOCK_H

#include "change.h"
#include "walk.h"

/*
 * Deletes the routes of table that meet criteria (without
 * RTM_ONLY_BEST_ROUTES), network by network: each network's best-route
 * change is sent once, to the clients with a change event other than skip
 * (NULL: all of them). *deleted receives the number of routes deleted; they
 * are chained on *dead (rtmv1_route_drop them after unlocking). Returns
 * NO_ERROR, or ERROR_NO_SYSTEM_RESOURCES when there is no memory for the
 * messages (nothing is deleted). Table lock held exclusively.
 */
DWORD rtmv1_delete_matching(struct rtmv1_table *table, const struct rtmv1_criteria *criteria,
                            const struct rtmv1_client *skip, unsigned *deleted,
                            struct rtmv1_route **dead);

#endif /* RTM_RTMV1_BLOCK_H */
