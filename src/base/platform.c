/*
 * platform.c - the out-of-line part of the platform layer (platform.h).
 */
#ifndef _WIN32
#define _GNU_SOURCE /* syscall() */
#endif
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

uint32_t rtm_thread_id(void)
{
    return GetCurrentThreadId();
}

int rtm_getenv(const char *name, char *buf, size_t size)
{
    DWORD saved = GetLastError(), n, found;

    SetLastError(NO_ERROR);
    n = GetEnvironmentVariableA(name, buf, (DWORD)size);
    found = n != 0 || GetLastError() != ERROR_ENVVAR_NOT_FOUND;
    if (n == 0 || n >= size)
        buf[0] = '\0'; /* unset, empty, or too long */
    SetLastError(saved);
    return found != 0;
}
#else
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

uint32_t rtm_thread_id(void)
{
#ifdef SYS_gettid
    return (uint32_t)syscall(SYS_gettid);
#else
    return (uint32_t)(uintptr_t)pthread_self();
#endif
}

int rtm_getenv(const char *name, char *buf, size_t size)
{
    const char *value = getenv(name);
    size_t n = value ? strlen(value) : 0;

    if (n >= size)
        n = 0; /* too long */
    memcpy(buf, value ? value : "", n);
    buf[n] = '\0';
    return value != NULL;
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
