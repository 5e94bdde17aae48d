/*
 * diag.h - RTMv2's counts for RtmDiagGetObjectCounts (src/diag.c).
 */
#ifndef RTM_RTMV2_DIAG_H
#define RTM_RTMV2_DIAG_H

#include "rtm_diag.h"

/* Fills the RTMv2 members of c (Entities to RouteLists) with the numbers
 * of live objects of each type, read one after the other without a lock. */
void rtm_rtmv2_object_counts(RTM_DIAG_OBJECT_COUNTS *c);

#endif /* RTM_RTMV2_DIAG_H */
