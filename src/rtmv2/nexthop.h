/*
 * nexthop.h - next hops: (address, interface) entries owned by an entity and
 * shared by its routes.
 */
#ifndef RTM_NEXTHOP_H
#define RTM_NEXTHOP_H

#include "base/client_lock.h"
#include "entity.h"

struct rtm_nexthop {
    struct rtm_object obj;        /* first: handle and references */
    struct rtm_entity *owner;     /* constant; internal reference */
    struct rtm_nexthop *hash_next;/* owner's next-hop index (owner lock) */
    int indexed;                  /* in the owner's index (owner lock) */
    rtm_atomic32 deleted;         /* set when it leaves the index, for
                                     readers that hold no owner lock */
    struct rtm_client_lock lock;  /* RtmLockNextHop; guards info updates */
    RTM_NEXTHOP_INFO info;        /* public; RtmGetNextHopPointer points here.
                                     NextHopAddress is canonical. */
};

/* Frees a next hop's memory without dropping its references (unload). */
void rtm_nexthop_destroy(struct rtm_object *obj);

/* Deletes every next hop the entity owns (RtmDeregisterEntity). */
void rtm_nexthops_delete_owned(struct rtm_entity *entity);

#endif /* RTM_NEXTHOP_H */
