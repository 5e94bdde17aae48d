/*
 * worker.c - work items and the alarm (platform.h): the threads on which
 * the library's timers fire and its client callbacks run.
 *
 * Windows: the process thread pool. Every work object and the alarm's timer
 * object are created in one callback environment tied to this DLL
 * (SetThreadpoolCallbackLibrary), so the DLL stays loaded while one of its
 * callbacks is pending or running.
 *
 * Elsewhere: a pool of POSIX threads, started on first use and grown by one
 * thread whenever work is queued while no thread is idle (a client callback
 * may block, e.g. waiting for blocked methods), up to MAX_WORKERS. The alarm
 * is a due time the idle threads wait for on a monotonic condition
 * variable. One mutex (pool_lock) guards the queue, the alarm and the
 * thread counts; it is taken alone, never while calling out.
 */
#include "platform.h"

#ifdef _WIN32

static INIT_ONCE environment_once = INIT_ONCE_STATIC_INIT;
static TP_CALLBACK_ENVIRON environment;
static rtm_mutex alarm_lock = RTM_MUTEX_INIT;
static PTP_TIMER alarm_timer;   /* created on first use (alarm_lock) */
static void (*alarm_fn)(void);

static BOOL CALLBACK environment_init(PINIT_ONCE once, PVOID parameter, PVOID *context)
{
    HMODULE module;

    (void)once;
    (void)parameter;
    (void)context;
    InitializeThreadpoolEnvironment(&environment);
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                               GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (LPCWSTR)(void *)environment_init, &module))
        SetThreadpoolCallbackLibrary(&environment, module);
    return TRUE;
}

static PTP_CALLBACK_ENVIRON callback_environment(void)
{
    InitOnceExecuteOnce(&environment_once, environment_init, NULL, NULL);
    return &environment;
}

static VOID CALLBACK work_callback(PTP_CALLBACK_INSTANCE instance, PVOID context, PTP_WORK tp)
{
    struct rtm_work *work = context;

    (void)instance;
    (void)tp;
    work->fn(work->context);
}

int rtm_work_init(struct rtm_work *work, rtm_work_fn fn, void *context)
{
    work->fn = fn;
    work->context = context;
    work->tp = CreateThreadpoolWork(work_callback, work, callback_environment());
    return work->tp ? 0 : -1;
}

void rtm_work_submit(struct rtm_work *work)
{
    SubmitThreadpoolWork(work->tp);
}

void rtm_work_destroy(struct rtm_work *work)
{
    if (work->tp)
        CloseThreadpoolWork(work->tp);
    work->tp = NULL;
}

static VOID CALLBACK alarm_callback(PTP_CALLBACK_INSTANCE instance, PVOID context, PTP_TIMER timer)
{
    (void)instance;
    (void)context;
    (void)timer;
    alarm_fn();
}

void rtm_alarm_set(void (*fn)(void), uint64_t due_ms)
{
    uint64_t now = rtm_monotonic_ms();
    /* Relative due times are negative, in 100-ns units. */
    int64_t relative = -(int64_t)((due_ms > now ? due_ms - now : 0) * 10000u);
    FILETIME due;

    due.dwLowDateTime = (DWORD)relative;
    due.dwHighDateTime = (DWORD)((uint64_t)relative >> 32);
    rtm_mutex_lock(&alarm_lock);
    alarm_fn = fn;
    if (!alarm_timer)
        alarm_timer = CreateThreadpoolTimer(alarm_callback, NULL, callback_environment());
    /* Without a timer object (out of memory) the alarm waits for the next
     * arming; timers then fire late, never early. */
    if (alarm_timer)
        SetThreadpoolTimer(alarm_timer, &due, 0, 0);
    rtm_mutex_unlock(&alarm_lock);
}

void rtm_workers_shutdown(void)
{
    if (alarm_timer) {
        SetThreadpoolTimer(alarm_timer, NULL, 0, 0);
        WaitForThreadpoolTimerCallbacks(alarm_timer, TRUE);
        CloseThreadpoolTimer(alarm_timer);
        alarm_timer = NULL;
    }
}

#else /* POSIX */

#include <time.h>

#define MAX_WORKERS 64

static rtm_mutex pool_lock = RTM_MUTEX_INIT;
static pthread_once_t wake_once = PTHREAD_ONCE_INIT;
static pthread_cond_t wake;               /* monotonic clock */
static struct rtm_work *queue_head, *queue_tail;
static pthread_t threads[MAX_WORKERS];
static unsigned thread_count, idle_count;
static int stopping;
static void (*alarm_fn)(void);
static uint64_t alarm_due;
static int alarm_armed;

static void wake_init(void)
{
    pthread_condattr_t attr;

    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wake, &attr);
    pthread_condattr_destroy(&attr);
}

/* Waits on wake until signalled or until the monotonic time due_ms. */
static void wait_until(uint64_t due_ms)
{
    struct timespec ts;

    ts.tv_sec = (time_t)(due_ms / 1000u);
    ts.tv_nsec = (long)(due_ms % 1000u) * 1000000L;
    pthread_cond_timedwait(&wake, &pool_lock.mutex, &ts);
}

static void *worker_main(void *unused)
{
    (void)unused;
    rtm_mutex_lock(&pool_lock);
    for (;;) {
        if (queue_head) {
            struct rtm_work *work = queue_head;
            queue_head = work->next;
            if (!queue_head)
                queue_tail = NULL;
            rtm_mutex_unlock(&pool_lock);
            work->fn(work->context);
            rtm_mutex_lock(&pool_lock);
        } else if (stopping) {
            break;
        } else if (alarm_armed && rtm_monotonic_ms() >= alarm_due) {
            void (*fn)(void) = alarm_fn;
            alarm_armed = 0;
            rtm_mutex_unlock(&pool_lock);
            fn();
            rtm_mutex_lock(&pool_lock);
        } else {
            idle_count++;
            if (alarm_armed)
                wait_until(alarm_due);
            else
                pthread_cond_wait(&wake, &pool_lock.mutex);
            idle_count--;
        }
    }
    rtm_mutex_unlock(&pool_lock);
    return NULL;
}

/* Starts one more worker if none is idle (pool_lock held). When no thread
 * can be started, the queue waits for the running ones. */
static void grow_if_busy(void)
{
    if (idle_count == 0 && thread_count < MAX_WORKERS && !stopping &&
        pthread_create(&threads[thread_count], NULL, worker_main, NULL) == 0)
        thread_count++;
}

int rtm_work_init(struct rtm_work *work, rtm_work_fn fn, void *context)
{
    work->next = NULL;
    work->fn = fn;
    work->context = context;
    return 0;
}

void rtm_work_submit(struct rtm_work *work)
{
    pthread_once(&wake_once, wake_init);
    rtm_mutex_lock(&pool_lock);
    work->next = NULL;
    if (queue_tail)
        queue_tail->next = work;
    else
        queue_head = work;
    queue_tail = work;
    grow_if_busy();
    pthread_cond_signal(&wake);
    rtm_mutex_unlock(&pool_lock);
}

void rtm_work_destroy(struct rtm_work *work)
{
    (void)work;
}

void rtm_alarm_set(void (*fn)(void), uint64_t due_ms)
{
    pthread_once(&wake_once, wake_init);
    rtm_mutex_lock(&pool_lock);
    alarm_fn = fn;
    alarm_due = due_ms;
    alarm_armed = 1;
    if (thread_count == 0)
        grow_if_busy();
    pthread_cond_broadcast(&wake);
    rtm_mutex_unlock(&pool_lock);
}

void rtm_workers_shutdown(void)
{
    unsigned count;

    rtm_mutex_lock(&pool_lock);
    stopping = 1;
    alarm_armed = 0;
    count = thread_count;
    if (count)
        pthread_cond_broadcast(&wake);
    rtm_mutex_unlock(&pool_lock);
    for (unsigned i = 0; i < count; i++)
        pthread_join(threads[i], NULL);
    rtm_mutex_lock(&pool_lock);
    thread_count = 0;
    stopping = 0;
    rtm_mutex_unlock(&pool_lock);
}

#endif
