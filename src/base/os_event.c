/*
 * os_event.c - the events clients give the library to signal (platform.h):
 * Win32 events on Windows, eventfd descriptors natively.
 */
#ifndef _WIN32
#define _GNU_SOURCE /* readlink, O_NONBLOCK */
#endif
#include "platform.h"

#ifdef _WIN32
int rtm_event_valid(HANDLE event)
{
    DWORD flags;

    return event != NULL && GetHandleInformation(event, &flags);
}

void rtm_event_set(HANDLE event)
{
    SetEvent(event);
}

void rtm_event_reset(HANDLE event)
{
    ResetEvent(event);
}
#else
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The descriptor a HANDLE carries, or -1 when it cannot be one. */
static int event_fd(HANDLE event)
{
    intptr_t fd = (intptr_t)event;

    return fd > 0 && fd <= 0x7FFFFFFF ? (int)fd : -1;
}

int rtm_event_valid(HANDLE event)
{
    static const char eventfd_link[] = "anon_inode:[eventfd]";
    char path[48], target[sizeof eventfd_link];
    int fd = event_fd(event), flags;
    ssize_t n;

    if (fd < 0)
        return 0;
    flags = fcntl(fd, F_GETFL);
    if (flags == -1 || !(flags & O_NONBLOCK))
        return 0;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    n = readlink(path, target, sizeof target);
    return n == (ssize_t)sizeof eventfd_link - 1 && memcmp(target, eventfd_link, (size_t)n) == 0;
}

void rtm_event_set(HANDLE event)
{
    uint64_t one = 1;
    ssize_t n;

    do
        n = write(event_fd(event), &one, sizeof one);
    while (n < 0 && errno == EINTR);
}

void rtm_event_reset(HANDLE event)
{
    uint64_t count;
    ssize_t n;

    do
        n = read(event_fd(event), &count, sizeof count);
    while (n > 0 || (n < 0 && errno == EINTR));
}
#endif
