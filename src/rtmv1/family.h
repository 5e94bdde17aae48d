/*
 * family.h - what differs between RTMv1's two protocol families
 * (spec/rras/routing-table-manager-version-1-protocol-family-identifiers.md):
 * the route structure, the network as a key of the prefix index, the next
 * hop, and the metric that chooses the best route.
 *
 * IP (ip.c): a network is RTM_IP_ROUTE.RR_Network, an IP_NETWORK (number
 * and mask in machine byte order). The mask must be contiguous (leading
 * ones, 0 to 32 of them); the network is number & mask, with the mask's
 * length: 10.1.2.3 / 255.0.0.0 is the network 10.0.0.0/8. A next hop is
 * its N_NetNumber (its N_NetMask is kept but is no part of the address).
 * The lower FSD_Metric is the better route.
 *
 * IPX (ipx.c): a network is a 32-bit number (RTM_IPX_ROUTE.RR_Network),
 * a key of length 32: only exact matches. A next hop is a MAC address.
 * The lower FSD_TickCount, then the lower FSD_HopCount, is the better
 * route.
 */
#ifndef RTM_RTMV1_FAMILY_H
#define RTM_RTMV1_FAMILY_H

#include <stddef.h>
#include <stdint.h>

#include "rtm.h"

/* A route of either family, as clients see it. The two structures share
 * their first members (ROUTE_HEADER), read through `ip`. */
union rtmv1_data {
    RTM_IP_ROUTE ip;
    RTM_IPX_ROUTE ipx;
};

/* A network as a key of the prefix index (index/prefix_table.h): its
 * number, most significant byte first, and its length in bits. */
struct rtmv1_key {
    uint8_t bytes[4];
    unsigned len;
};

/* A next hop as bytes that sort in its order: IP, N_NetNumber most
 * significant byte first, then two zeros; IPX, the MAC address. */
#define RTMV1_NEXTHOP_BYTES 6

struct rtmv1_family {
    DWORD id;            /* RTM_PROTOCOL_FAMILY_* */
    const char *name;    /* "IP", "IPX" */
    size_t route_size;   /* sizeof(RTM_IP_ROUTE), sizeof(RTM_IPX_ROUTE) */
    /* The key of a network (an IP_NETWORK or an IPX_NETWORK). Returns 0
     * when it is no network (IP: a mask that is not contiguous). */
    int (*key)(const void *network, struct rtmv1_key *key);
    /* Writes the network of key into route->RR_Network. */
    void (*set_network)(union rtmv1_data *route, const struct rtmv1_key *key);
    /* The route's next hop, as RTMV1_NEXTHOP_BYTES bytes. */
    void (*nexthop)(const union rtmv1_data *route, uint8_t *out);
    /* <0, 0 or >0 as a's metric is better than, as good as, or worse than
     * b's (the family's rule above). */
    int (*metric_compare)(const union rtmv1_data *a, const union rtmv1_data *b);
    /* Sets what the routing table manager sets in a route it stores (IP:
     * FSD_Priority); NULL when it sets nothing. */
    void (*stamp)(union rtmv1_data *route);
    /* The family-specific data (RR_FamilySpecificData): offset and size. */
    size_t data_offset, data_size;
};

extern const struct rtmv1_family rtmv1_ip;
extern const struct rtmv1_family rtmv1_ipx;

/* The family of id, or NULL for an unknown one. */
const struct rtmv1_family *rtmv1_family_of(DWORD id);

/* The four bytes of a 32-bit value, most significant first. */
void rtmv1_key_bytes(DWORD value, uint8_t *out);

/* The 32-bit value of four bytes, most significant first. */
DWORD rtmv1_key_value(const uint8_t *bytes);

#endif /* RTM_RTMV1_FAMILY_H */
