/*
 * diag.h - the MGM's counts for RtmDiagGetObjectCounts (src/diag.c).
 */
#ifndef RTM_MGM_DIAG_H
#define RTM_MGM_DIAG_H

#include "rtm_diag.h"

/* Fills the MGM members of c (MgmProtocols to MgmMfes): its live handle
 * objects of each type, and its interfaces, memberships and MFEs (read
 * under the MGM lock, shared). */
void rtm_mgm_object_counts(RTM_DIAG_OBJECT_COUNTS *c);

#endif /* RTM_MGM_DIAG_H */
