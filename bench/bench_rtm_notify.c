/*
 * bench_rtm_notify.c - change notification: an observer entity registers
 * for RTM_CHANGE_TYPE_ALL (unicast) on an empty table, entity 0 loads every
 * prefix (timed: the load with a registration watching), then the observer
 * drains the changes with RtmGetChangedDests / RtmReleaseChangedDests in
 * batches of MaxHandlesInEnum until ERROR_NO_MORE_ITEMS (timed, counted).
 * Entity 0's routes are deleted again afterwards.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench_rtm.h"

#define BATCH 100
#define OBSERVER_PROTOCOL 200

/* Drains every queued change; returns how many destinations came, or -1. */
static long long drain(RTM_ENTITY_HANDLE obs, RTM_NOTIFY_HANDLE notify, RTM_DEST_INFO *buf)
{
    long long count = 0;
    DWORD status;

    do {
        UINT n = BATCH;
        status = RtmGetChangedDests(obs, notify, &n, buf);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS)
            return -1;
        count += n;
        if (n && RtmReleaseChangedDests(obs, notify, n, buf) != NO_ERROR)
            return -1;
    } while (status == NO_ERROR);
    return count;
}

static void notify_table(struct bench_rtm *r, struct bench_table *t)
{
    RTM_ENTITY_HANDLE obs = bench_rtm_register(r, t, OBSERVER_PROTOCOL);
    RTM_NOTIFY_HANDLE notify = NULL;
    RTM_DEST_INFO *buf = malloc(BATCH * RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS));
    long long count;
    double ns, start;
    char op[32];

    if (!obs || !buf ||
        RtmRegisterForChangeNotification(obs, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, NULL,
                                         &notify) != NO_ERROR) {
        fprintf(stderr, "rtm_bench: cannot register for change notification\n");
        r->failures++;
        free(buf);
        if (obs)
            RtmDeregisterEntity(obs);
        return;
    }
    bench_rtm_load(r, t, 0, &ns);
    snprintf(op, sizeof op, "add.%s.notify", t->name);
    bench_report_time("rtm", op, t->n, ns);

    start = bench_now_ns();
    count = drain(obs, notify, buf);
    ns = bench_now_ns() - start;
    snprintf(op, sizeof op, "notify.%s.drain", t->name);
    bench_report("rtm", op, count > 0 ? ns / (double)count : 0.0, "ns/dest",
                 "dests=%lld of %zu ms=%.1f", count, t->n, ns / 1e6);
    if (count != (long long)t->n)
        r->failures++;

    RtmDeregisterFromChangeNotification(obs, notify);
    RtmDeregisterEntity(obs);
    free(buf);
    bench_rtm_delete(r, t, 0, &ns);
}

void bench_rtm_notify(struct bench_rtm *r)
{
    notify_table(r, &r->t4);
    notify_table(r, &r->t6);
}
