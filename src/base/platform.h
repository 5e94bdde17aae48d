/*
 * platform.h - the only door from the core to the operating system.
 *
 * Core code (handles, tables, entities, routes, ...) never calls Win32 or
 * POSIX directly; it uses what this header declares. On Windows the layer
 * maps onto SRW locks and the thread pool; on other systems onto POSIX
 * threads; atomics are C11's (Interlocked* with Microsoft's compiler).
 *
 * Memory ordering: every atomic operation here is sequentially consistent
 * (the C11 versions use the default order; the Interlocked* functions are
 * full barriers), so callers need not reason about weaker orders.
 */
#ifndef RTM_PLATFORM_H
#define RTM_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <pthread.h>
#include <sched.h>

#include "rtm_compat.h" /* the Win32 types and error codes, as on Windows */
#endif
#ifndef _MSC_VER
#include <stdatomic.h>
#endif

/* ------------------------------------------------------------------ */
/* Atomics: 32-bit, 64-bit and pointer-sized cells. C11 atomics where   */
/* the compiler has them (GCC and Clang, MinGW included): a load is a   */
/* plain load on x86, where InterlockedCompareExchange would write the  */
/* cache line and make readers on other cores contend.                  */
/* ------------------------------------------------------------------ */

#ifdef _MSC_VER
typedef volatile LONG rtm_atomic32;
typedef volatile LONG64 rtm_atomic64;
typedef PVOID volatile rtm_atomic_ptr;

/* Returns the current value. */
static inline int32_t rtm_atomic32_load(rtm_atomic32 *a)
{
    return InterlockedCompareExchange(a, 0, 0);
}
static inline void rtm_atomic32_store(rtm_atomic32 *a, int32_t v)
{
    InterlockedExchange(a, v);
}
/* Adds d and returns the new value. */
static inline int32_t rtm_atomic32_add(rtm_atomic32 *a, int32_t d)
{
    return InterlockedExchangeAdd(a, d) + d;
}
/* If *a == expected, stores desired. Returns nonzero on success. */
static inline int rtm_atomic32_cas(rtm_atomic32 *a, int32_t expected, int32_t desired)
{
    return InterlockedCompareExchange(a, desired, expected) == expected;
}
/* Bitwise or / and; return the previous value. */
static inline int32_t rtm_atomic32_or(rtm_atomic32 *a, int32_t bits)
{
    return InterlockedOr(a, bits);
}
static inline int32_t rtm_atomic32_and(rtm_atomic32 *a, int32_t bits)
{
    return InterlockedAnd(a, bits);
}
static inline int64_t rtm_atomic64_load(rtm_atomic64 *a)
{
    return InterlockedCompareExchange64(a, 0, 0);
}
static inline void rtm_atomic64_store(rtm_atomic64 *a, int64_t v)
{
    InterlockedExchange64(a, v);
}
static inline int64_t rtm_atomic64_add(rtm_atomic64 *a, int64_t d)
{
    return InterlockedExchangeAdd64(a, d) + d;
}
static inline int rtm_atomic64_cas(rtm_atomic64 *a, int64_t expected, int64_t desired)
{
    return InterlockedCompareExchange64(a, desired, expected) == expected;
}
static inline void *rtm_atomic_ptr_load(rtm_atomic_ptr *a)
{
    return InterlockedCompareExchangePointer(a, NULL, NULL);
}
static inline void rtm_atomic_ptr_store(rtm_atomic_ptr *a, void *v)
{
    InterlockedExchangePointer(a, v);
}
static inline int rtm_atomic_ptr_cas(rtm_atomic_ptr *a, void *expected, void *desired)
{
    return InterlockedCompareExchangePointer(a, desired, expected) == expected;
}
#else
typedef _Atomic int32_t rtm_atomic32;
typedef _Atomic int64_t rtm_atomic64;
typedef void *_Atomic rtm_atomic_ptr;

static inline int32_t rtm_atomic32_load(rtm_atomic32 *a)
{
    return atomic_load(a);
}
static inline void rtm_atomic32_store(rtm_atomic32 *a, int32_t v)
{
    atomic_store(a, v);
}
static inline int32_t rtm_atomic32_add(rtm_atomic32 *a, int32_t d)
{
    return atomic_fetch_add(a, d) + d;
}
static inline int rtm_atomic32_cas(rtm_atomic32 *a, int32_t expected, int32_t desired)
{
    return atomic_compare_exchange_strong(a, &expected, desired);
}
static inline int32_t rtm_atomic32_or(rtm_atomic32 *a, int32_t bits)
{
    return atomic_fetch_or(a, bits);
}
static inline int32_t rtm_atomic32_and(rtm_atomic32 *a, int32_t bits)
{
    return atomic_fetch_and(a, bits);
}
static inline int64_t rtm_atomic64_load(rtm_atomic64 *a)
{
    return atomic_load(a);
}
static inline void rtm_atomic64_store(rtm_atomic64 *a, int64_t v)
{
    atomic_store(a, v);
}
static inline int64_t rtm_atomic64_add(rtm_atomic64 *a, int64_t d)
{
    return atomic_fetch_add(a, d) + d;
}
static inline int rtm_atomic64_cas(rtm_atomic64 *a, int64_t expected, int64_t desired)
{
    return atomic_compare_exchange_strong(a, &expected, desired);
}
static inline void *rtm_atomic_ptr_load(rtm_atomic_ptr *a)
{
    return atomic_load(a);
}
static inline void rtm_atomic_ptr_store(rtm_atomic_ptr *a, void *v)
{
    atomic_store(a, v);
}
static inline int rtm_atomic_ptr_cas(rtm_atomic_ptr *a, void *expected, void *desired)
{
    return atomic_compare_exchange_strong(a, &expected, desired);
}
#endif

/* ------------------------------------------------------------------ */
/* Gives the processor to another ready thread, if any (spin waits).     */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
static inline void rtm_yield(void)
{
    SwitchToThread();
}
#else
static inline void rtm_yield(void)
{
    sched_yield();
}
#endif

/* ------------------------------------------------------------------ */
/* Reader/writer lock: an SRW lock on Windows, a pthread rwlock elsewhere.*/
/* Not recursive. Statically initialisable with RTM_RWLOCK_INIT.         */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
typedef struct rtm_rwlock {
    SRWLOCK srw;
} rtm_rwlock;
#define RTM_RWLOCK_INIT { SRWLOCK_INIT }
static inline void rtm_rwlock_init(rtm_rwlock *l)
{
    InitializeSRWLock(&l->srw);
}
static inline void rtm_rwlock_destroy(rtm_rwlock *l)
{
    (void)l;
}
static inline void rtm_rwlock_lock_shared(rtm_rwlock *l)
{
    AcquireSRWLockShared(&l->srw);
}
static inline void rtm_rwlock_unlock_shared(rtm_rwlock *l)
{
    ReleaseSRWLockShared(&l->srw);
}
static inline void rtm_rwlock_lock_exclusive(rtm_rwlock *l)
{
    AcquireSRWLockExclusive(&l->srw);
}
static inline void rtm_rwlock_unlock_exclusive(rtm_rwlock *l)
{
    ReleaseSRWLockExclusive(&l->srw);
}
#else
typedef struct rtm_rwlock {
    pthread_rwlock_t rw;
} rtm_rwlock;
#define RTM_RWLOCK_INIT { PTHREAD_RWLOCK_INITIALIZER }
static inline void rtm_rwlock_init(rtm_rwlock *l)
{
    pthread_rwlock_init(&l->rw, NULL);
}
static inline void rtm_rwlock_destroy(rtm_rwlock *l)
{
    pthread_rwlock_destroy(&l->rw);
}
static inline void rtm_rwlock_lock_shared(rtm_rwlock *l)
{
    pthread_rwlock_rdlock(&l->rw);
}
static inline void rtm_rwlock_unlock_shared(rtm_rwlock *l)
{
    pthread_rwlock_unlock(&l->rw);
}
static inline void rtm_rwlock_lock_exclusive(rtm_rwlock *l)
{
    pthread_rwlock_wrlock(&l->rw);
}
static inline void rtm_rwlock_unlock_exclusive(rtm_rwlock *l)
{
    pthread_rwlock_unlock(&l->rw);
}
#endif

/* ------------------------------------------------------------------ */
/* Mutex and condition variable, for the few places that wait: an SRW   */
/* lock and a CONDITION_VARIABLE on Windows, pthread ones elsewhere.    */
/* Statically initialisable with RTM_MUTEX_INIT / RTM_COND_INIT.        */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
typedef struct rtm_mutex {
    SRWLOCK srw;
} rtm_mutex;
typedef struct rtm_cond {
    CONDITION_VARIABLE cv;
} rtm_cond;
#define RTM_MUTEX_INIT { SRWLOCK_INIT }
#define RTM_COND_INIT { CONDITION_VARIABLE_INIT }
static inline void rtm_mutex_init(rtm_mutex *m)
{
    InitializeSRWLock(&m->srw);
}
static inline void rtm_mutex_destroy(rtm_mutex *m)
{
    (void)m;
}
static inline void rtm_mutex_lock(rtm_mutex *m)
{
    AcquireSRWLockExclusive(&m->srw);
}
static inline void rtm_mutex_unlock(rtm_mutex *m)
{
    ReleaseSRWLockExclusive(&m->srw);
}
/* Waits for a signal, releasing m meanwhile (m held on entry and return). */
static inline void rtm_cond_wait(rtm_cond *c, rtm_mutex *m)
{
    SleepConditionVariableSRW(&c->cv, &m->srw, INFINITE, 0);
}
static inline void rtm_cond_broadcast(rtm_cond *c)
{
    WakeAllConditionVariable(&c->cv);
}
#else
typedef struct rtm_mutex {
    pthread_mutex_t mutex;
} rtm_mutex;
typedef struct rtm_cond {
    pthread_cond_t cond;
} rtm_cond;
#define RTM_MUTEX_INIT { PTHREAD_MUTEX_INITIALIZER }
#define RTM_COND_INIT { PTHREAD_COND_INITIALIZER }
static inline void rtm_mutex_init(rtm_mutex *m)
{
    pthread_mutex_init(&m->mutex, NULL);
}
static inline void rtm_mutex_destroy(rtm_mutex *m)
{
    pthread_mutex_destroy(&m->mutex);
}
static inline void rtm_mutex_lock(rtm_mutex *m)
{
    pthread_mutex_lock(&m->mutex);
}
static inline void rtm_mutex_unlock(rtm_mutex *m)
{
    pthread_mutex_unlock(&m->mutex);
}
static inline void rtm_cond_wait(rtm_cond *c, rtm_mutex *m)
{
    pthread_cond_wait(&c->cond, &m->mutex);
}
static inline void rtm_cond_broadcast(rtm_cond *c)
{
    pthread_cond_broadcast(&c->cond);
}
#endif

/* ------------------------------------------------------------------ */
/* Work items and the alarm: where callbacks of the library run (the    */
/* Windows thread pool; natively a pool of threads in worker.c that     */
/* grows while every thread is busy).                                  */
/* ------------------------------------------------------------------ */

typedef void (*rtm_work_fn)(void *context);

/* A reusable work item, embedded in the object it works for. */
struct rtm_work {
#ifdef _WIN32
    PTP_WORK tp;                /* the pool's work object */
#else
    struct rtm_work *next;      /* the pool's queue */
#endif
    rtm_work_fn fn;
    void *context;
};

/* Prepares a work item that runs fn(context). Returns 0, or -1 when out of
 * memory (Windows creates the pool's work object here, so that submitting
 * never fails). */
int rtm_work_init(struct rtm_work *work, rtm_work_fn fn, void *context);

/* Queues the work item to run once on a worker thread. Never fails. The
 * caller must not submit it again before that run has started. */
void rtm_work_submit(struct rtm_work *work);

/* Frees what rtm_work_init allocated. The item must not be queued; it may
 * be running (also: called from its own fn). */
void rtm_work_destroy(struct rtm_work *work);

/*
 * Arms the process-wide alarm: fn() runs on a worker thread once the
 * monotonic clock reaches due_ms; arming again replaces the previous time
 * (fn is the same on every call). Never fails.
 */
void rtm_alarm_set(void (*fn)(void), uint64_t due_ms);

/* Stops the workers and the alarm (library unload). Queued items still
 * run first: at unload they only free what they hold. */
void rtm_workers_shutdown(void);

/* ------------------------------------------------------------------ */
/* Events a client gives the library to signal (RTMv1's change events,  */
/* os_event.c): a Win32 event; natively a Linux eventfd descriptor      */
/* created with EFD_NONBLOCK, cast to a HANDLE ((HANDLE)(intptr_t)fd).  */
/* ------------------------------------------------------------------ */

/* Nonzero if event can be signalled: a valid handle on Windows (its type
 * is not checked); natively an open eventfd descriptor in non-blocking
 * mode. Never changes the event. */
int rtm_event_valid(HANDLE event);

/* Signals the event (SetEvent; natively adds 1 to its counter). */
void rtm_event_set(HANDLE event);

/* Resets the event (ResetEvent; natively reads its counter to zero). */
void rtm_event_reset(HANDLE event);

/* ------------------------------------------------------------------ */
/* Memory. Every allocation of the library goes through these, so that  */
/* tests can count and fail them. rtm_free(NULL) is a no-op.            */
/* ------------------------------------------------------------------ */

void *rtm_malloc(size_t size);
void *rtm_calloc(size_t count, size_t size);
void rtm_free(void *p);

/* ------------------------------------------------------------------ */
/* Time.                                                                */
/* ------------------------------------------------------------------ */

/* The current system time as a FILETIME value: 100-ns intervals since
 * 1 January 1601 (UTC). */
uint64_t rtm_now_filetime(void);

/* A monotonic clock in milliseconds (arbitrary origin), for timers. */
uint64_t rtm_monotonic_ms(void);

/* ------------------------------------------------------------------ */
/* Process and thread identity (diagnostics).                           */
/* ------------------------------------------------------------------ */

/* The calling thread's id: GetCurrentThreadId on Windows, the kernel's
 * thread id on Linux. */
uint32_t rtm_thread_id(void);

/*
 * Copies the value of environment variable name, NUL-terminated, into buf
 * (size bytes, at least 1): the process environment on Windows (so also a
 * value set with SetEnvironmentVariable before the DLL was loaded). Returns
 * nonzero when the variable is set, 0 when it is not; buf is "" when it is
 * not set or its value does not fit.
 */
int rtm_getenv(const char *name, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Thread error state.                                                  */
/* ------------------------------------------------------------------ */

/*
 * Sets the calling thread's last error (SetLastError on Windows; a
 * thread-local value elsewhere, read back with rtm_get_last_error). The
 * native library exports both for its clients: include/rtm_compat.h
 * declares them and wraps them as GetLastError and SetLastError.
 */
void rtm_set_last_error(uint32_t code);
uint32_t rtm_get_last_error(void);

#endif /* RTM_PLATFORM_H */
