/*
 * striped_lock.c - the striped reader/writer lock (see striped_lock.h).
 */
#include "striped_lock.h"

static rtm_atomic32 threads_numbered;

#ifdef _WIN32
/* A TLS slot, not _Thread_local: MinGW's emulated thread-locals are torn
 * down at process exit while thread-pool threads may still run. */
static INIT_ONCE tls_once = INIT_ONCE_STATIC_INIT;
static DWORD tls_index = TLS_OUT_OF_INDEXES;

static BOOL CALLBACK tls_init(PINIT_ONCE once, PVOID parameter, PVOID *context)
{
    (void)once;
    (void)parameter;
    (void)context;
    tls_index = TlsAlloc();
    return TRUE;
}

unsigned rtm_thread_stripe(void)
{
    uintptr_t number;

    InitOnceExecuteOnce(&tls_once, tls_init, NULL, NULL);
    if (tls_index == TLS_OUT_OF_INDEXES)
        return (GetCurrentThreadId() >> 2) & (RTM_LOCK_STRIPES - 1);
    number = (uintptr_t)TlsGetValue(tls_index);
    if (number == 0) {
        number = (uintptr_t)(uint32_t)rtm_atomic32_add(&threads_numbered, 1);
        TlsSetValue(tls_index, (void *)number);
    }
    return (unsigned)number & (RTM_LOCK_STRIPES - 1);
}

void rtm_thread_stripes_shutdown(void)
{
    if (tls_index != TLS_OUT_OF_INDEXES)
        TlsFree(tls_index);
    tls_index = TLS_OUT_OF_INDEXES;
    InitOnceInitialize(&tls_once);
}
#else
static _Thread_local unsigned thread_number; /* 0: not numbered yet */

unsigned rtm_thread_stripe(void)
{
    if (thread_number == 0)
        thread_number = (unsigned)rtm_atomic32_add(&threads_numbered, 1);
    return thread_number & (RTM_LOCK_STRIPES - 1);
}

void rtm_thread_stripes_shutdown(void)
{
}
#endif

void rtm_striped_lock_init(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_init(&l->stripe[i].lock);
}

void rtm_striped_lock_destroy(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_destroy(&l->stripe[i].lock);
}

void rtm_striped_lock_exclusive(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_lock_exclusive(&l->stripe[i].lock);
}

void rtm_striped_unlock_exclusive(struct rtm_striped_lock *l)
{
    for (int i = RTM_LOCK_STRIPES - 1; i >= 0; i--)
        rtm_rwlock_unlock_exclusive(&l->stripe[i].lock);
}
