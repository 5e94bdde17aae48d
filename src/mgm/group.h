/*
 * group.h - the group membership table: who wants which (source, group)
 * on which interface (MgmAddGroupMembershipEntry, membership.c).
 *
 * One struct mgm_group per (source, group) joined: (s, g), (*, g) with
 * source 0, or (*, *) with both 0, keyed by (group, source) in host order
 * (keymap.h). It holds one struct mgm_member per (interface, caller): the
 * protocol that called (IGMP, or the interface's owner) and the client
 * whose receivers they are, for the join and prune alerts: the interface's
 * routing protocol when it has one, else the caller (IGMP alone on the
 * interface). Each member holds an internal reference on both.
 *
 * An (s, g) entry also remembers which protocol it alerted: the one on the
 * interface towards s when receivers of other clients came, which gets the
 * prune alert when they are gone.
 *
 * A change is planned before it is made (plan.h): members about to go are
 * marked `leaving`, and a member about to come is passed as `extra`, so
 * that the counts below describe the table after the change.
 * Everything here is under the MGM lock.
 */
#ifndef RTM_MGM_GROUP_H
#define RTM_MGM_GROUP_H

#include "protocol.h"

struct mgm_member {
    struct mgm_member *next;
    DWORD index, nexthop;          /* the interface */
    struct mgm_protocol *caller;   /* internal reference */
    struct mgm_protocol *client;   /* internal reference */
    int leaving;                   /* marked by a plan */
};

struct mgm_group {
    DWORD group, source;           /* network order; 0: wildcard */
    struct mgm_member *members;
    struct mgm_protocol *upstream; /* (s, g): the protocol told of its receivers
                                      by a join alert, until the prune alert
                                      (internal reference), or NULL */
};

/* The entry of (source, group), or NULL. */
struct mgm_group *mgm_group_find(DWORD source, DWORD group);

/* The entry of (source, group), created empty when missing. Returns NULL
 * when out of memory. */
struct mgm_group *mgm_group_get(DWORD source, DWORD group);

/* Frees g when it has no member left (dropping its upstream reference). */
void mgm_group_drop_if_empty(struct mgm_group *g);

/* The member of g on interface (index, nexthop) added by caller, or NULL. */
struct mgm_member *mgm_member_find(struct mgm_group *g, DWORD index, DWORD nexthop,
                                   const struct mgm_protocol *caller);

/* A new member (not linked), with its references; NULL when out of memory. */
struct mgm_member *mgm_member_new(DWORD index, DWORD nexthop, struct mgm_protocol *caller,
                                  struct mgm_protocol *client);

/* Unlinks and frees the members of g marked leaving; links extra (may be
 * NULL) at its head. */
void mgm_group_apply(struct mgm_group *g, struct mgm_member *extra);

/* Frees a member that was never linked. */
void mgm_member_free(struct mgm_member *m);

/*
 * The clients with members in g after the planned change: their number,
 * counting each once, and in *only (may be NULL) the one when there is
 * exactly one. extra (may be NULL) counts as a member; members marked
 * leaving do not; neither does except (may be NULL) as a client.
 */
unsigned mgm_group_clients(const struct mgm_group *g, const struct mgm_member *extra,
                           const struct mgm_protocol *except, struct mgm_protocol **only);

/* The same before the change: every linked member counts, extra does not. */
unsigned mgm_group_clients_before(const struct mgm_group *g, const struct mgm_protocol *except,
                                  struct mgm_protocol **only);

/*
 * Nonzero when, after the planned change, interface (index, nexthop) has
 * members for traffic from source to group: an (s, g), (*, g) or (*, *)
 * entry covers it (the precedence of spec/rras/-s-g-g-and-pairs.md: each
 * entry adds its interfaces to every pair it names). extra as above.
 */
int mgm_covered(DWORD source, DWORD group, DWORD index, DWORD nexthop,
                const struct mgm_member *extra, const struct mgm_group *extra_group);

/* A set of interfaces. */
struct mgm_ifset {
    DWORD count, room;
    struct mgm_ifset_item {
        DWORD index, nexthop;
    } *items;
};

/* The interfaces with members for traffic from source to group (the
 * entries (s, g), (*, g) and (*, *)), each once, but (except_index,
 * except_nexthop), into out (emptied first; free with mgm_ifset_free).
 * Returns NO_ERROR or ERROR_NOT_ENOUGH_MEMORY. */
DWORD mgm_covering(DWORD source, DWORD group, DWORD except_index, DWORD except_nexthop,
                   struct mgm_ifset *out);

void mgm_ifset_free(struct mgm_ifset *set);

/* The entry after g in key order (g NULL: the first), or NULL. */
struct mgm_group *mgm_group_next(const struct mgm_group *g);

#endif /* RTM_MGM_GROUP_H */
