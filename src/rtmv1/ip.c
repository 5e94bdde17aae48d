/*
 * ip.c - the IP family (family.h): RTM_IP_ROUTE, networks with masks.
 */
#include "family.h"

/* The length of a contiguous mask (leading ones), or -1. */
static int mask_length(DWORD mask)
{
    DWORD rest = ~mask;
    int len = 32;

    if (rest & (rest + 1))
        return -1; /* the zeros are not all at the end */
    for (; rest; rest >>= 1)
        len--;
    return len;
}

static int ip_key(const void *network, struct rtmv1_key *key)
{
    const IP_NETWORK *n = network;
    int len = mask_length(n->N_NetMask);

    if (len < 0)
        return 0;
    rtmv1_key_bytes(n->N_NetNumber & n->N_NetMask, key->bytes);
    key->len = (unsigned)len;
    return 1;
}

static void ip_set_network(union rtmv1_data *route, const struct rtmv1_key *key)
{
    route->ip.RR_Network.N_NetNumber = rtmv1_key_value(key->bytes);
    route->ip.RR_Network.N_NetMask = key->len ? 0xFFFFFFFFu << (32 - key->len) : 0;
}

static void ip_nexthop(const union rtmv1_data *route, uint8_t *out)
{
    rtmv1_key_bytes(route->ip.RR_NextHopAddress.N_NetNumber, out);
    out[4] = out[5] = 0;
}

static int ip_metric_compare(const union rtmv1_data *a, const union rtmv1_data *b)
{
    DWORD ma = a->ip.RR_FamilySpecificData.FSD_Metric, mb = b->ip.RR_FamilySpecificData.FSD_Metric;

    return ma < mb ? -1 : ma > mb;
}

/* Every protocol has the same priority (no RTMv1 call sets one): 0. */
static void ip_stamp(union rtmv1_data *route)
{
    route->ip.RR_FamilySpecificData.FSD_Priority = 0;
}

const struct rtmv1_family rtmv1_ip = {
    RTM_PROTOCOL_FAMILY_IP,
    "IP",
    sizeof(RTM_IP_ROUTE),
    ip_key,
    ip_set_network,
    ip_nexthop,
    ip_metric_compare,
    ip_stamp,
    offsetof(RTM_IP_ROUTE, RR_FamilySpecificData),
    sizeof(IP_SPECIFIC_DATA),
};
