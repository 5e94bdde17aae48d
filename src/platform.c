/*
 * platform.c - the out-of-line part of the platform layer (platform.h).
 */
#include "platform.h"

#ifdef _WIN32
uint64_t rtm_now_filetime(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

void rtm_set_last_error(uint32_t code)
{
    SetLastError(code);
}

uint32_t rtm_get_last_error(void)
{
    return GetLastError();
}

uint64_t rtm_monotonic_ms(void)
{
    return GetTickCount64();
}
#else
#include <time.h>

/* Seconds from 1601-01-01 to the Unix epoch. */
#define EPOCH_DIFFERENCE 11644473600ull

uint64_t rtm_now_filetime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + EPOCH_DIFFERENCE) * 10000000ull + (uint64_t)ts.tv_nsec / 100;
}

uint64_t rtm_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static _Thread_local uint32_t last_error;

void rtm_set_last_error(uint32_t code)
{
    last_error = code;
}

uint32_t rtm_get_last_error(void)
{
    return last_error;
}
#endif
