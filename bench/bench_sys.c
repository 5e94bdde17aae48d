/*
 * bench_sys.c - rtm_bench's door to the operating system: clock, sleep,
 * threads and the process memory probes (Linux /proc, Windows psapi).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <psapi.h>
#else
#include <pthread.h>
#include <time.h>
#endif

struct bench_thread {
    bench_thread_fn fn;
    void *arg;
#ifdef _WIN32
    HANDLE handle;
#else
    pthread_t id;
#endif
};

#ifdef _WIN32

double bench_now_ns(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER c;

    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1e9 / (double)freq.QuadPart;
}

void bench_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

static DWORD WINAPI thread_main(LPVOID arg)
{
    struct bench_thread *t = arg;
    t->fn(t->arg);
    return 0;
}

bench_thread *bench_thread_start(bench_thread_fn fn, void *arg)
{
    struct bench_thread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    t->handle = CreateThread(NULL, 0, thread_main, t, 0, NULL);
    if (!t->handle) {
        free(t);
        return NULL;
    }
    return t;
}

void bench_thread_join(bench_thread *t)
{
    WaitForSingleObject(t->handle, INFINITE);
    CloseHandle(t->handle);
    free(t);
}

void bench_memory_read(struct bench_memory *m)
{
    PROCESS_MEMORY_COUNTERS pmc;

    memset(&pmc, 0, sizeof pmc);
    pmc.cb = sizeof pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc);
    m->peak = pmc.PeakWorkingSetSize;
    m->current = pmc.PagefileUsage;
}

void bench_memory_begin(struct bench_memory *m)
{
    bench_memory_read(m);
}

#else

double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

void bench_sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void *thread_main(void *arg)
{
    struct bench_thread *t = arg;
    t->fn(t->arg);
    return NULL;
}

bench_thread *bench_thread_start(bench_thread_fn fn, void *arg)
{
    struct bench_thread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    if (pthread_create(&t->id, NULL, thread_main, t) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

void bench_thread_join(bench_thread *t)
{
    pthread_join(t->id, NULL);
    free(t);
}

/* The value in kB of a "Name:   123 kB" line of /proc/self/status. */
static uint64_t status_kb(const char *text, const char *name)
{
    const char *p = strstr(text, name);
    return p ? strtoull(p + strlen(name), NULL, 10) : 0;
}

void bench_memory_read(struct bench_memory *m)
{
    char text[4096];
    size_t n = 0;
    FILE *f = fopen("/proc/self/status", "r");

    if (f) {
        n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
    }
    text[n] = '\0';
    m->peak = status_kb(text, "VmHWM:") * 1024;
    m->current = status_kb(text, "VmRSS:") * 1024;
}

void bench_memory_begin(struct bench_memory *m)
{
    /* "5" resets VmHWM to the current RSS (Linux 4.0 and later). */
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
    bench_memory_read(m);
}

#endif
