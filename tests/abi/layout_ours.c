/*
 * layout_ours.c - the layout list measured against the project's headers
 * (rtmv2.h, mgm.h, rtm.h).
 *
 * Compiled with include/ on the include path, natively and for Windows.
 * Defines rtm_layout_ours[] (same entries, same order as rtm_layout_sdk[]
 * in layout_sdk.c), rtm_layout_ours_extra[] (what only our header has), the
 * same entries as symbols, and the *_ours macro helpers. See
 * layout_list.h.
 */
#include <string.h>

#include "rtmv2.h"
#include "mgm.h"
#include "rtm.h"

#if !defined(RTM_RTMV2_H) || !defined(RTM_MGM_H)
#error "layout_ours.c must see the project's include/rtmv2.h and mgm.h, not the SDK's"
#endif
#ifndef RTM_RTM_H
#error "layout_ours.c must see the project's include/rtm.h, not the SDK's"
#endif

/* Our mgm.h declares its functions WINAPI (see layout_list.h). */
#define RTM_LAYOUT_MGM_CC WINAPI

#include "layout_list.h"

#define RTM_LAYOUT_ENTRY RTM_LAYOUT_TABLE_ENTRY
const struct rtm_layout_entry rtm_layout_ours[] = {
    RTM_LAYOUT_ENTRIES
};
const size_t rtm_layout_ours_count =
    sizeof(rtm_layout_ours) / sizeof(rtm_layout_ours[0]);

const struct rtm_layout_entry rtm_layout_ours_extra[] = {
    RTM_LAYOUT_OURS_ONLY_ENTRIES
};
const size_t rtm_layout_ours_extra_count =
    sizeof(rtm_layout_ours_extra) / sizeof(rtm_layout_ours_extra[0]);

#undef RTM_LAYOUT_ENTRY
#define RTM_LAYOUT_ENTRY RTM_LAYOUT_SYMBOL_ENTRY
RTM_LAYOUT_DEFINE_SYMBOLS(ours)

RTM_LAYOUT_DEFINE_HELPERS(ours)
RTM_LAYOUT_DEFINE_V1_HELPERS(ours)
