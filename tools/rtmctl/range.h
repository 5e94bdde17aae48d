/*
 * range.h - splits an inclusive address range into CIDR prefixes (the
 * ip-location-db tables give ranges, routing tables hold prefixes).
 */
#ifndef RTMCTL_RANGE_H
#define RTMCTL_RANGE_H

#include "addr.h"

/* The most prefixes a range can need: 2 * 128 - 2 for IPv6. */
#define RTMCTL_RANGE_MAX 256

/*
 * Splits [start, end] (both full-length addresses of one family, start <=
 * end) into the fewest prefixes that cover exactly it, in address order,
 * stored in out (room for RTMCTL_RANGE_MAX). Returns how many, or -1 when
 * the families differ or start > end. 0.0.0.0-255.255.255.255 is
 * 0.0.0.0/0; a range of one address is that host's /32 or /128.
 */
int ctl_range_split(const RTM_NET_ADDRESS *start, const RTM_NET_ADDRESS *end, RTM_NET_ADDRESS *out);

#endif /* RTMCTL_RANGE_H */
