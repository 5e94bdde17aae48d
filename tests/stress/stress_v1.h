/*
 * stress_v1.h - RTMv1's part of the stress test (stress_v1.c): its own
 * tables and clients, beside RTMv2's in stress.c. Include after <cmocka.h>.
 */
#ifndef RTM_STRESS_V1_H
#define RTM_STRESS_V1_H

#include "rtm_test.h"

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

#endif /* RTM_STRESS_V1_H */
