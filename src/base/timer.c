/*
 * timer.c - one-shot timers in a pairing heap (see timer.h).
 *
 * A pairing heap keeps the earliest timer at the root; inserting is O(1),
 * removing the root or any timer O(log n) amortised, and the links live in
 * the timers themselves, so arming never allocates and never fails.
 */
#include "timer.h"

static rtm_mutex timer_lock = RTM_MUTEX_INIT;
static struct rtm_timer *heap_root;   /* earliest timer (timer lock) */

/* Links two heaps (roots without siblings or parent); returns the root. */
static struct rtm_timer *meld(struct rtm_timer *a, struct rtm_timer *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (b->due < a->due) {
        struct rtm_timer *t = a;
        a = b;
        b = t;
    }
    b->prev = a;
    b->sibling = a->child;
    if (a->child)
        a->child->prev = b;
    a->child = b;
    return a;
}

/* Melds a list of sibling heaps into one: pairs left to right, then the
 * pairs right to left. */
static struct rtm_timer *merge_siblings(struct rtm_timer *first)
{
    struct rtm_timer *pairs = NULL, *root = NULL;

    while (first) {
        struct rtm_timer *a = first, *b = first->sibling;
        first = b ? b->sibling : NULL;
        a->sibling = a->prev = NULL;
        if (b)
            b->sibling = b->prev = NULL;
        a = meld(a, b);
        a->sibling = pairs; /* a stack of the melded pairs */
        pairs = a;
    }
    while (pairs) {
        struct rtm_timer *next = pairs->sibling;
        pairs->sibling = NULL;
        root = meld(root, pairs);
        pairs = next;
    }
    return root;
}

/* Takes an armed timer out of the heap (timer lock held). */
static void heap_remove(struct rtm_timer *t)
{
    struct rtm_timer *sub;

    if (t == heap_root) {
        heap_root = merge_siblings(t->child);
    } else {
        if (t->prev->child == t)
            t->prev->child = t->sibling;
        else
            t->prev->sibling = t->sibling;
        if (t->sibling)
            t->sibling->prev = t->prev;
        sub = merge_siblings(t->child);
        heap_root = meld(heap_root, sub);
    }
    t->child = t->sibling = t->prev = NULL;
    t->armed = 0;
}

static int busy(const struct rtm_timer *t)
{
    return t->armed || t->queued || t->running || t->refire;
}

static void run_due(void);

/* Arms the platform alarm for the root (timer lock held). */
static void arm_alarm(void)
{
    if (heap_root)
        rtm_alarm_set(run_due, heap_root->due);
}

/* A due timer's work item: runs its fire function. A timer that fell due
 * again while its fire was running fires again after it, never beside it. */
static void fire_work(void *context)
{
    struct rtm_timer *t = context;
    int idle;

    rtm_mutex_lock(&timer_lock);
    t->queued = 0;
    t->running = 1;
    rtm_mutex_unlock(&timer_lock);
    t->fire(t);
    rtm_mutex_lock(&timer_lock);
    t->running = 0;
    if (t->refire) {
        t->refire = 0;
        t->queued = 1;
        rtm_work_submit(&t->work);
    }
    idle = !busy(t);
    rtm_mutex_unlock(&timer_lock);
    if (idle)
        rtm_object_unref(t->owner);
}

/* The alarm: takes every due timer out of the heap and queues its fire. */
static void run_due(void)
{
    uint64_t now = rtm_monotonic_ms();

    rtm_mutex_lock(&timer_lock);
    while (heap_root && heap_root->due <= now) {
        struct rtm_timer *t = heap_root;
        heap_remove(t);
        if (t->running) {
            t->refire = 1;
        } else if (!t->queued) {
            t->queued = 1;
            rtm_work_submit(&t->work);
        }
    }
    arm_alarm();
    rtm_mutex_unlock(&timer_lock);
}

DWORD rtm_timer_init(struct rtm_timer *timer, struct rtm_object *owner, rtm_timer_fn fire)
{
    timer->child = timer->sibling = timer->prev = NULL;
    timer->armed = timer->queued = timer->running = timer->refire = 0;
    timer->owner = owner;
    timer->fire = fire;
    return rtm_work_init(&timer->work, fire_work, timer) == 0 ? NO_ERROR : ERROR_NOT_ENOUGH_MEMORY;
}

void rtm_timer_destroy(struct rtm_timer *timer)
{
    rtm_work_destroy(&timer->work);
}

struct rtm_timer *rtm_timer_new(struct rtm_object *owner, rtm_timer_fn fire)
{
    struct rtm_timer *timer = rtm_malloc(sizeof *timer);

    if (timer && rtm_timer_init(timer, owner, fire) != NO_ERROR) {
        rtm_free(timer);
        timer = NULL;
    }
    return timer;
}

void rtm_timer_free(struct rtm_timer *timer)
{
    if (timer) {
        rtm_timer_destroy(timer);
        rtm_free(timer);
    }
}

void rtm_timer_start(struct rtm_timer *timer, uint32_t ms)
{
    rtm_mutex_lock(&timer_lock);
    if (!busy(timer))
        rtm_object_ref(timer->owner);
    if (timer->armed)
        heap_remove(timer);
    timer->due = rtm_monotonic_ms() + ms;
    timer->armed = 1;
    heap_root = meld(heap_root, timer);
    if (heap_root == timer)
        arm_alarm();
    rtm_mutex_unlock(&timer_lock);
}

void rtm_timer_cancel(struct rtm_timer *timer)
{
    int idle = 0;

    rtm_mutex_lock(&timer_lock);
    if (timer->armed) {
        heap_remove(timer);
        idle = !busy(timer);
    }
    rtm_mutex_unlock(&timer_lock);
    if (idle)
        rtm_object_unref(timer->owner);
}

int rtm_timer_armed(struct rtm_timer *timer)
{
    int armed;

    rtm_mutex_lock(&timer_lock);
    armed = timer->armed;
    rtm_mutex_unlock(&timer_lock);
    return armed;
}

void rtm_timers_shutdown(void)
{
    heap_root = NULL;
}
