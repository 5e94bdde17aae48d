/*
 * diag.h - RTMv1's counts for RtmDiagGetObjectCounts (src/diag.c).
 */
#ifndef RTM_RTMV1_DIAG_H
#define RTM_RTMV1_DIAG_H

#include "rtm_diag.h"

/* Fills the RTMv1 members of c (V1Clients to V1Enumerations) with the
 * numbers of live objects of each type, read one after the other without
 * a lock. */
void rtm_rtmv1_object_counts(RTM_DIAG_OBJECT_COUNTS *c);

#endif /* RTM_RTMV1_DIAG_H */
