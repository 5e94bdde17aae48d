/*
 * sysinfo.c - clock and memory use (sysinfo.h), for Windows and POSIX.
 */
#include "sysinfo.h"

#ifdef _WIN32
#include <windows.h>
#include <psapi.h>

double ctl_now(void)
{
    LARGE_INTEGER count, frequency;

    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&frequency);
    return (double)count.QuadPart / (double)frequency.QuadPart;
}

int ctl_memory(size_t *resident, size_t *peak)
{
    PROCESS_MEMORY_COUNTERS pmc;

    *resident = *peak = 0;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc))
        return -1;
    *resident = pmc.WorkingSetSize;
    *peak = pmc.PeakWorkingSetSize;
    return 0;
}
#else
#include <stdio.h>
#include <string.h>
#include <time.h>

double ctl_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int ctl_memory(size_t *resident, size_t *peak)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int found = 0;

    *resident = *peak = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long kib;
        if (sscanf(line, "VmRSS: %lu kB", &kib) == 1) {
            *resident = (size_t)kib * 1024;
            found |= 1;
        } else if (sscanf(line, "VmHWM: %lu kB", &kib) == 1) {
            *peak = (size_t)kib * 1024;
            found |= 2;
        }
    }
    fclose(f);
    return found == 3 ? 0 : -1;
}
#endif
