/*
 * expiry.h - the TimeToLive of RTMv1's routes (spec/rras/rtmaddroute.md):
 * a route added or updated with a finite TimeToLive, in seconds, is
 * deleted when that time passes without another update; an update with
 * INFINITE keeps it until it is deleted. The deletion is a change like any
 * other, sent to every client with a change event (its owner included: it
 * did not make it by a direct call).
 *
 * Called with the table lock held exclusively.
 */
#ifndef RTM_RTMV1_EXPIRY_H
#define RTM_RTMV1_EXPIRY_H

#include "route.h"

/* The longest finite TimeToLive, in seconds (24 days and a bit). */
#define RTMV1_MAX_TTL 2147483u

/* Makes sure route r has a timer when ttl is finite. Returns NO_ERROR, or
 * ERROR_NO_SYSTEM_RESOURCES (nothing changed). */
DWORD rtmv1_expiry_prepare(struct rtmv1_route *r, DWORD ttl);

/* Starts r's timer for ttl seconds, or stops it for INFINITE. r is in a
 * network; rtmv1_expiry_prepare has succeeded. */
void rtmv1_expiry_set(struct rtmv1_route *r, DWORD ttl);

#endif /* RTM_RTMV1_EXPIRY_H */
