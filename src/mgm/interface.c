/*
 * interface.c - the interfaces protocols are on (interface.h).
 */
#include "interface.h"
#include "state.h"

struct mgm_interface *mgm_interface_find(DWORD index, DWORD nexthop)
{
    return mgm_keymap_find(&mgm.interfaces, index, mgm_key_addr(nexthop));
}

struct mgm_protocol *mgm_interface_protocol(const struct mgm_interface *i)
{
    if (!i)
        return NULL;
    return i->owner ? i->owner : i->igmp;
}

struct mgm_protocol *mgm_protocol_on(DWORD index, DWORD nexthop)
{
    return mgm_interface_protocol(mgm_interface_find(index, nexthop));
}

void mgm_interface_towards(DWORD index, DWORD neighbour, DWORD *out_nexthop)
{
    *out_nexthop = neighbour && mgm_interface_find(index, neighbour) ? neighbour : 0;
}
