/*
 * walk.h - the RTM_ONLY_* criteria of RTMv1's enumerations, and walking
 * the routes that meet them in order (route.h): what
 * RtmCreateEnumerationHandle, RtmEnumerateGetNextRoute, RtmGetFirstRoute,
 * RtmGetNextRoute and RtmBlockDeleteRoutes share
 * (spec/rras/rtmcreateenumerationhandle.md).
 *
 * A route meets the criteria when it is of the network (RTM_ONLY_THIS_NETWORK:
 * exactly that network, a mask of the same length for IP), the interface
 * (RTM_ONLY_THIS_INTERFACE) and the protocol (RTM_ONLY_THIS_PROTOCOL) of
 * the criteria route, and (RTM_ONLY_BEST_ROUTES) is the best route of its
 * network. The flags combine: RTM_ONLY_BEST_ROUTES with
 * RTM_ONLY_THIS_PROTOCOL gives the networks whose best route is of that
 * protocol.
 */
#ifndef RTM_RTMV1_WALK_H
#define RTM_RTMV1_WALK_H

#include "route.h"

#define RTMV1_ONLY_FLAGS                                                     \
    (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL | \
     RTM_ONLY_BEST_ROUTES)

struct rtmv1_criteria {
    DWORD flags;          /* RTM_ONLY_* */
    struct rtmv1_key net; /* RTM_ONLY_THIS_NETWORK */
    DWORD iface;      /* RTM_ONLY_THIS_INTERFACE */
    DWORD protocol;       /* RTM_ONLY_THIS_PROTOCOL */
};

/*
 * Reads criteria: the flags, and the members of route (a route structure
 * of the family) that they name; route is not read otherwise, and may
 * then be NULL. Returns NO_ERROR, or ERROR_INVALID_PARAMETER for a flag
 * that is no RTM_ONLY_* flag, a NULL route that a flag needs, or an
 * RR_Network that is no network (family.h).
 */
DWORD rtmv1_criteria_read(const struct rtmv1_family *family, DWORD flags, const void *route,
                          struct rtmv1_criteria *criteria);

/* Nonzero if route r (in a network) meets the criteria. Table lock held. */
int rtmv1_criteria_match(const struct rtmv1_criteria *criteria, const struct rtmv1_route *r);

/* The first network the criteria allow at or after key (inclusive) or
 * strictly after it, from the first one for a NULL key, or NULL. Table
 * lock held. */
struct rtmv1_net *rtmv1_criteria_net(const struct rtmv1_table *table,
                                     const struct rtmv1_criteria *criteria,
                                     const struct rtmv1_key *key, int inclusive);

/* The first route in order after position (the first of all for NULL)
 * that meets the criteria, or NULL. The position need not be a route's.
 * Table lock held. */
struct rtmv1_route *rtmv1_walk(const struct rtmv1_table *table,
                               const struct rtmv1_criteria *criteria,
                               const struct rtmv1_position *after);

/*
 * The position of a route structure given by a client (RtmGetNextRoute):
 * its network, RR_RoutingProtocol, RR_InterfaceID and next hop. Returns
 * NO_ERROR, or ERROR_INVALID_PARAMETER when its RR_Network is no network.
 */
DWORD rtmv1_position_read(const struct rtmv1_family *family, const void *route,
                          struct rtmv1_position *pos);

#endif /* RTM_RTMV1_WALK_H */
