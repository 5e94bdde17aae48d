/*
 * stress.h - what the stress test's files share: counting anomalies, and
 * RTMv1's part of the test (stress_v1.c). Include after <cmocka.h>.
 */
#ifndef RTM_STRESS_H
#define RTM_STRESS_H

#include "rtm_test.h"

/* Counts an anomaly (a status that no interleaving explains) at file:line;
 * the first ones are printed. */
void stress_anomaly(const char *file, int line, DWORD status);

/* Checks that status is one of the n statuses allowed; returns it. */
DWORD stress_check(const char *file, int line, DWORD status, const DWORD *allowed, size_t n);

#define CHECK(status, ...)                                                     \
    stress_check(__FILE__, __LINE__, (status), (const DWORD[]){ __VA_ARGS__ }, \
                 sizeof((const DWORD[]){ __VA_ARGS__ }) / sizeof(DWORD))

/* A condition that must hold whatever the interleaving. */
#define EXPECT(cond)                                 \
    do {                                             \
        if (!(cond))                                 \
            stress_anomaly(__FILE__, __LINE__, 0);   \
    } while (0)

/* ---- RTMv1 (stress_v1.c) --------------------------------------------------- */

/* Registers the workers' RTMv1 clients (IP and IPX each), before the
 * workers start. */
void stress_v1_start(unsigned threads);

/* One random RTMv1 operation of a worker. */
void stress_v1_op(unsigned worker, struct test_rng *rng);

/* The worker's end: it closes what it holds and deregisters its clients. */
void stress_v1_stop(unsigned worker);

/* After the workers: closes the enumerations left in the mailbox, checks
 * that both tables are empty, and prints the counts. */
void stress_v1_finish(void);

#endif /* RTM_STRESS_H */
