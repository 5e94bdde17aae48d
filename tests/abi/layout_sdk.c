/*
 * layout_sdk.c - the layout list measured against the SDK's rtmv2.h,
 * mgm.h and rtm.h.
 *
 * Windows targets only. Compile it WITHOUT the project's include/ on the
 * include path, so that <rtmv2.h>, <mgm.h> and <rtm.h> below are the
 * toolchain's copies (the checks after the includes enforce this). Defines
 * rtm_layout_sdk[] (same entries,
 * same order as rtm_layout_ours[] in layout_ours.c), the same entries as
 * symbols, and the *_sdk macro helpers. See layout_list.h.
 */
#ifndef _WIN32
#error "layout_sdk.c is for Windows targets only"
#endif

#include <string.h>

/* The SDK header is not self-contained: it needs the Windows types, and
 * its IPv4 macros need AF_INET and htonl/ntohl from Winsock. */
#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>
#include <iprtrmib.h>
#include <mgm.h>
#include <rtm.h>

#if defined(RTM_RTMV2_H) || defined(RTM_MGM_H)
#error "layout_sdk.c picked up the project's include/: remove include/ from its include path"
#endif
#ifdef RTM_RTM_H
#error "layout_sdk.c picked up the project's include/rtm.h: remove include/ from its include path"
#endif

/* The SDK's mgm.h declares its functions without a convention (see
 * layout_list.h). */
#define RTM_LAYOUT_MGM_CC

/*
 * The SDK's RTM_ROUTE_FLAGS_SUBNET_BCAST and RTM_ROUTE_FLAGS_ANY_BCAST use
 * RTM_ROUTE_FLAGS_ONES_SUBNET_BC, which it never defines (the flag is
 * spelled RTM_ROUTE_FLAGS_ONES_SUBNETBC). Supply the intended meaning so
 * the two can be measured; our header must produce the same values.
 */
#ifndef RTM_ROUTE_FLAGS_ONES_SUBNET_BC
#define RTM_ROUTE_FLAGS_ONES_SUBNET_BC RTM_ROUTE_FLAGS_ONES_SUBNETBC
#endif

#include "layout_list.h"

#define RTM_LAYOUT_ENTRY RTM_LAYOUT_TABLE_ENTRY
const struct rtm_layout_entry rtm_layout_sdk[] = {
    RTM_LAYOUT_ENTRIES
};
const size_t rtm_layout_sdk_count =
    sizeof(rtm_layout_sdk) / sizeof(rtm_layout_sdk[0]);

/*
 * The SDK's RTM_IPV4_MASK_FROM_LEN shifts ~0, a negative int; GCC warns
 * about that (-Wshift-negative-value, in -Wextra). It is the SDK's code, so
 * silence the warning for the helpers only.
 */
#undef RTM_LAYOUT_ENTRY
#define RTM_LAYOUT_ENTRY RTM_LAYOUT_SYMBOL_ENTRY
RTM_LAYOUT_DEFINE_SYMBOLS(sdk)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshift-negative-value"
RTM_LAYOUT_DEFINE_HELPERS(sdk)
#pragma GCC diagnostic pop
RTM_LAYOUT_DEFINE_V1_HELPERS(sdk)
