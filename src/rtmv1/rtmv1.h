/*
 * rtmv1.h - what the top of the library (src/library.c) asks of RTMv1
 * when it is loaded and unloaded.
 */
#ifndef RTM_RTMV1_RTMV1_H
#define RTM_RTMV1_RTMV1_H

#include "objects.h"

/* Names RTMv1's objects for RTM_DEBUG (library load). */
void rtm_rtmv1_load(void);

/* Frees one of RTMv1's objects left alive at unload (its type is one of
 * RTMv1's), without touching references: everything is being freed. */
void rtm_rtmv1_destroy(struct rtm_object *obj);

/* Frees the tables, once every object is destroyed (library unload). */
void rtm_rtmv1_shutdown(void);

#endif /* RTM_RTMV1_RTMV1_H */
