/*
 * rtm_api_fuzz.c - the libFuzzer entry point of the API fuzzer (fuzz.h;
 * the MGM's part, fuzz_mgm.h; RTMv1's, fuzz_v1.h): runs the operations an
 * input encodes, checks after each one the references the harness holds, and at the end releases everything,
 * deregisters every entity and checks that the library is empty again.
 * With RTM_FUZZ_TRACE set in the environment it prints each operation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fuzz_mgm.h"
#include "fuzz_v1.h"

static HANDLE janitors[FZ_TABLES];

HANDLE fz_janitor(int table)
{
    if (!janitors[table]) {
        RTM_ENTITY_INFO info = { 0 };
        RTM_REGN_PROFILE profile;
        info.RtmInstanceId = (USHORT)(table / 2);
        info.AddressFamily = fz_table_family(table);
        info.EntityId.EntityProtocolId = 0xFFFF;
        if (RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &janitors[table]) != NO_ERROR)
            fz_fail("cannot register the end-of-input entity of table %d", table);
    }
    return janitors[table];
}

/* Waits for the library's worker threads to let go of the last objects
 * (events and timers in flight hold references for a moment). */
static void wait_empty(void)
{
    struct timespec pause = { 0, 50000 };

    for (int i = 0; i < 200000; i++) {
        if (!rtm_live_objects(RTM_OBJ_ANY))
            return;
        if (i > 100)
            nanosleep(&pause, NULL);
    }
    fz_fail("%zu objects still alive after every entity deregistered (entities %zu, "
            "destinations %zu, routes %zu, next hops %zu, enumerations %zu, notifications %zu, "
            "route lists %zu)", rtm_live_objects(RTM_OBJ_ANY), rtm_live_objects(RTM_OBJ_ENTITY),
            rtm_live_objects(RTM_OBJ_DEST), rtm_live_objects(RTM_OBJ_ROUTE),
            rtm_live_objects(RTM_OBJ_NEXTHOP), rtm_live_objects(RTM_OBJ_ENUM),
            rtm_live_objects(RTM_OBJ_NOTIFY), rtm_live_objects(RTM_OBJ_ROUTE_LIST));
}

static void end_of_input(void)
{
    for (int t = 0; t < FZ_TABLES; t++) {
        fz.op = "audit (end of input)";
        fz_audit(t);
    }
    fz_mgm_end();
    fz.op = "release (end of input)";
    fz_release_all();
    fz_check_held();
    fz_deregister_all();
    fz_v1_end();
    for (int t = 0; t < FZ_TABLES; t++) {
        if (janitors[t] && RtmDeregisterEntity(janitors[t]) != NO_ERROR)
            fz_fail("cannot deregister the end-of-input entity");
        janitors[t] = NULL;
    }
    fz.op = "end of input";
    wait_empty();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = { data, size };
    /* A new group goes at the end, so that the inputs kept replay the
     * same calls (docs/fuzzing.md). */
    unsigned groups[] = { fz_entity_op_count, fz_route_op_count, fz_lookup_op_count,
                          fz_enum_op_count, fz_mgm_op_count, fz_mfe_op_count,
                          fz_group_op_count, fz_v1_op_count };
    void (*const *tables[])(struct fz_in *) = { fz_entity_ops, fz_route_ops, fz_lookup_ops,
                                                fz_enum_ops, fz_mgm_ops, fz_mfe_ops,
                                                fz_group_ops, fz_v1_ops };
    const int ngroups = (int)(sizeof groups / sizeof groups[0]);
    unsigned total = 0;

    static int trace = -1;

    if (trace < 0)
        trace = getenv("RTM_FUZZ_TRACE") != NULL;
    for (int g = 0; g < ngroups; g++)
        total += groups[g];
    fz_methods_init();
    memset(&fz, 0, sizeof fz);
    fzm_reset();
    fz_v1_begin();
    for (int calls = 0; in.n && calls < FZ_MAX_CALLS; calls++) {
        unsigned op = fz_u8(&in) % total;
        for (int g = 0; g < ngroups; g++) {
            if (op < groups[g]) {
                fz.op = NULL;
                tables[g][op](&in);
                if (trace)
                    fprintf(stderr, "rtm_api_fuzz: %d %s (%zu bytes left)\n", calls, fz.op ? fz.op : "?", in.n);
                break;
            }
            op -= groups[g];
        }
        fz_check_held();
    }
    end_of_input();
    return 0;
}
