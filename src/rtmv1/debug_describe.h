/*
 * debug_describe.h - RTMv1's networks and changes in the lines of
 * RTM_DEBUG (base/debug.h); the names and descriptions of its objects are
 * given to the debug machinery by rtm_rtmv1_load (rtmv1.h), in
 * debug_describe.c.
 */
#ifndef RTM_RTMV1_DEBUG_DESCRIBE_H
#define RTM_RTMV1_DEBUG_DESCRIBE_H

#include "family.h"

/* A network's text: "IP 10.0.0.0/8", "IPX 0000ab12" (rtm_debug_text). */
const char *rtmv1_debug_net(const struct rtmv1_family *family, const struct rtmv1_key *key);

/* The name of a change's flags: "RTM_ROUTE_ADDED", ... */
const char *rtmv1_debug_flags(DWORD flags);

#endif /* RTM_RTMV1_DEBUG_DESCRIBE_H */
