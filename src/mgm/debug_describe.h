/*
 * debug_describe.h - the names of the MGM's object types and a description
 * of each object, for the lines of RTM_DEBUG (base/debug.h).
 */
#ifndef RTM_MGM_DEBUG_DESCRIBE_H
#define RTM_MGM_DEBUG_DESCRIBE_H

/* Tells the debug machinery about the MGM's objects (library load). */
void rtm_mgm_debug_init(void);

#endif /* RTM_MGM_DEBUG_DESCRIBE_H */
