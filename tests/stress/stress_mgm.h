/*
 * stress_mgm.h - the Multicast Group Manager's part of the stress test
 * (stress_mgm.c). Each worker has a routing protocol and an IGMP component
 * of its own; all share a pool of interfaces, groups and sources, and one
 * forwarder whose packets make MFEs.
 */
#ifndef STRESS_MGM_H
#define STRESS_MGM_H

#include "rtm_test.h"

/* Registers the forwarder and each worker's two clients (main thread). */
void stress_mgm_start(unsigned threads);

/* One random MGM operation of worker w. */
void stress_mgm_op(unsigned w, struct test_rng *rng);

/* Worker w's end: its clients release their interfaces and deregister. */
void stress_mgm_worker_end(unsigned w);

/* The end (workers gone): the forwarder deregisters; prints the counts. */
void stress_mgm_end(void);

#endif /* STRESS_MGM_H */
