/*
 * ipx.c - the IPX family (family.h): RTM_IPX_ROUTE, 32-bit network
 * numbers, MAC next hops, tick and hop counts.
 */
#include <string.h>

#include "family.h"

static int ipx_key(const void *network, struct rtmv1_key *key)
{
    rtmv1_key_bytes(((const IPX_NETWORK *)network)->N_NetNumber, key->bytes);
    key->len = 32;
    return 1;
}

static void ipx_set_network(union rtmv1_data *route, const struct rtmv1_key *key)
{
    route->ipx.RR_Network.N_NetNumber = rtmv1_key_value(key->bytes);
}

static void ipx_nexthop(const union rtmv1_data *route, uint8_t *out)
{
    memcpy(out, route->ipx.RR_NextHopAddress.NHA_Mac, RTMV1_NEXTHOP_BYTES);
}

static int ipx_metric_compare(const union rtmv1_data *a, const union rtmv1_data *b)
{
    const IPX_SPECIFIC_DATA *da = &a->ipx.RR_FamilySpecificData;
    const IPX_SPECIFIC_DATA *db = &b->ipx.RR_FamilySpecificData;

    if (da->FSD_TickCount != db->FSD_TickCount)
        return da->FSD_TickCount < db->FSD_TickCount ? -1 : 1;
    if (da->FSD_HopCount != db->FSD_HopCount)
        return da->FSD_HopCount < db->FSD_HopCount ? -1 : 1;
    return 0;
}

const struct rtmv1_family rtmv1_ipx = {
    RTM_PROTOCOL_FAMILY_IPX,
    "IPX",
    sizeof(RTM_IPX_ROUTE),
    ipx_key,
    ipx_set_network,
    ipx_nexthop,
    ipx_metric_compare,
    NULL, /* nothing to set */
    offsetof(RTM_IPX_ROUTE, RR_FamilySpecificData),
    sizeof(IPX_SPECIFIC_DATA),
};
