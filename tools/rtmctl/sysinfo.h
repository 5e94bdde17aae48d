/*
 * sysinfo.h - the little rtmctl needs from the operating system besides the
 * routing table: a monotonic clock and the process's memory use.
 */
#ifndef RTMCTL_SYSINFO_H
#define RTMCTL_SYSINFO_H

#include <stddef.h>

/* Seconds of a monotonic clock (for durations). */
double ctl_now(void);

/*
 * The process's resident memory now and at its peak, in bytes: Linux
 * /proc/self/status VmRSS and VmHWM; Windows GetProcessMemoryInfo
 * WorkingSetSize and PeakWorkingSetSize. Returns 0, or -1 when unknown
 * (both are then 0).
 */
int ctl_memory(size_t *resident, size_t *peak);

#endif /* RTMCTL_SYSINFO_H */
