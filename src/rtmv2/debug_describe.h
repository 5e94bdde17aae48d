/*
 * debug_describe.h - the names and descriptions of RTMv2's objects in the
 * lines of RTM_DEBUG (base/debug.h: rtm_debug_set_type).
 */
#ifndef RTM_RTMV2_DEBUG_DESCRIBE_H
#define RTM_RTMV2_DEBUG_DESCRIBE_H

/* Names RTMv2's object types and gives their descriptions to the debug
 * machinery; called when the library is loaded, after rtm_debug_init. */
void rtm_rtmv2_debug_init(void);

#endif /* RTM_RTMV2_DEBUG_DESCRIBE_H */
