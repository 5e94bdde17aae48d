/*
 * mgm_snapshot.h - what clients can see of the Multicast Group Manager,
 * recorded through the public API, so that a test can assert that a call
 * changed nothing: the live objects (RtmDiagGetObjectCounts), the client
 * on each of the interfaces 0 to SNAP_INTERFACES - 1, the pairs joined,
 * every MFE with its statistics (but its times, which pass), and how many
 * queued callbacks the test's clients and forwarder received (the queue is
 * drained first). Include after mgm_test.h.
 */
#ifndef MGM_SNAPSHOT_H
#define MGM_SNAPSHOT_H

#define SNAP_INTERFACES 16

struct mgm_snapshot {
    RTM_DIAG_OBJECT_COUNTS counts;
    DWORD on[SNAP_INTERFACES][2];  /* the client on an interface (id, component; 0: none) */
    DWORD pairs;
    SOURCE_GROUP_ENTRY joined[32];
    DWORD mfes;
    BYTE mfe[4096];                /* MgmGetFirstMfeStats (_EX), times zeroed */
    int client_calls;              /* queued callbacks the clients received */
    int forwarder_calls;
};

/* Zeroes the times of count MFE statistics (_EX) in buffer. */
static inline void mgm_snapshot_zero_times(BYTE *buffer, DWORD count)
{
    DWORD at = 0;

    for (DWORD i = 0; i < count; i++) {
        MIB_IPMCAST_MFE_STATS_EX e;
        memcpy(&e, buffer + at, SIZEOF_BASIC_MIB_MFE_STATS_EX);
        e.ulUpTime = 0;
        e.ulExpiryTime = 0;
        memcpy(buffer + at, &e, SIZEOF_BASIC_MIB_MFE_STATS_EX);
        at += SIZEOF_MIB_MFE_STATS_EX(e.ulNumOutIf);
    }
}

/* Records the MGM as clients see it; reader (a registered client)
 * enumerates the groups. */
static inline void mgm_snapshot_take(HANDLE reader, struct mgm_snapshot *s)
{
    HANDLE e;
    DWORD size;

    memset(s, 0, sizeof *s);
    settle();
    s->counts = live_counts();
    for (DWORD i = 0; i < SNAP_INTERFACES; i++)
        if (MgmGetProtocolOnInterface(i, 0, &s->on[i][0], &s->on[i][1]) != NO_ERROR)
            s->on[i][0] = s->on[i][1] = 0;
    assert_int_equal(MgmGroupEnumerationStart(reader, ALL_SOURCES, &e), NO_ERROR);
    size = sizeof s->joined;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)s->joined, &s->pairs),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    size = sizeof s->mfe;
    assert_int_equal(MgmGetFirstMfeStats(&size, s->mfe, &s->mfes, MGM_MFE_STATS_1),
                     ERROR_NO_MORE_ITEMS);
    mgm_snapshot_zero_times(s->mfe, s->mfes);
    for (int c = 0; c < TEST_CLIENTS; c++)
        s->client_calls += events(&clients[c], EV_KINDS) - events(&clients[c], EV_RPF) -
                           events(&clients[c], EV_CREATION);
    s->forwarder_calls = forwarder.count;
}

static inline int mgm_snapshot_equal(const struct mgm_snapshot *a, const struct mgm_snapshot *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

#endif /* MGM_SNAPSHOT_H */
