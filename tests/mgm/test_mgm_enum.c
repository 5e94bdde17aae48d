/*
 * test_mgm_enum.c - MgmGroupEnumerationStart, MgmGroupEnumerationGetNext
 * and MgmGroupEnumerationEnd: every return code, the enumerating-groups
 * scenario (spec/rras/enumerating-groups.md) with buffers of every size,
 * both enumeration types, and an enumeration that keeps its position
 * while groups come and go.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mgm_test.h"

#define ENTRY sizeof(SOURCE_GROUP_ENTRY)

static const DWORD J = MGM_JOIN_STATE_FLAG;
static struct test_client *a, *b, *igmp;

static int setup(void **state)
{
    (void)state;
    a = client_register(0, PROTO_A, 1);
    b = client_register(1, PROTO_B, 1);
    igmp = client_register(2, PROTO_IGMP, 1);
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(b->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 3, 0), NO_ERROR);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 3, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(b->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    client_deregister(igmp);
    client_deregister(b);
    client_deregister(a);
    expect_nothing_left();
    return 0;
}

/* A fixed set of joins: (*, *), (*, g) and (s, g) of several groups, some
 * by several protocols or on several interfaces. */
static void join_set(void)
{
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 5), 1, J), NO_ERROR);
    assert_int_equal(member_add(b, 0, ip(239, 0, 0, 5), 2, J), NO_ERROR);        /* same pair */
    assert_int_equal(member_add(igmp, 0, ip(239, 0, 0, 5), 3, J), NO_ERROR);     /* same pair */
    assert_int_equal(member_add(igmp, ip(10, 0, 0, 2), ip(239, 0, 0, 5), 2, J), NO_ERROR);
    assert_int_equal(member_add(a, ip(10, 0, 0, 1), ip(239, 0, 0, 5), 1, J), NO_ERROR);
    assert_int_equal(member_add(b, ip(10, 0, 0, 1), ip(224, 1, 1, 1), 2, J), NO_ERROR);
    assert_int_equal(member_add(igmp, 0, ip(233, 3, 3, 3), 3, J), NO_ERROR);
    assert_int_equal(member_add(a, 0, 0, 1, J), NO_ERROR);
}

/* The entries of join_set an enumeration of type returns, in order
 * (ALL_SOURCES: every pair; ANY_SOURCE: every group once, as (*, g)). */
static unsigned expected(MGM_ENUM_TYPES type, SOURCE_GROUP_ENTRY *out)
{
    unsigned n = 0;
    const struct {
        DWORD s, g;
        int any;
    } rows[] = {
        { 0, 0, 1 },
        { ip(10, 0, 0, 1), ip(224, 1, 1, 1), 1 },
        { 0, ip(233, 3, 3, 3), 1 },
        { 0, ip(239, 0, 0, 5), 1 },
        { ip(10, 0, 0, 1), ip(239, 0, 0, 5), 0 },
        { ip(10, 0, 0, 2), ip(239, 0, 0, 5), 0 },
    };

    for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (type == ANY_SOURCE && !rows[i].any)
            continue;
        out[n].dwSourceAddr = type == ANY_SOURCE ? 0 : rows[i].s;
        out[n].dwSourceMask = type == ANY_SOURCE || !rows[i].s ? 0 : ALL_ONES;
        out[n].dwGroupAddr = rows[i].g;
        out[n].dwGroupMask = rows[i].g ? ALL_ONES : 0;
        n++;
    }
    return n;
}

static void leave_set(void)
{
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 5), 1, J), NO_ERROR);
    assert_int_equal(member_delete(b, 0, ip(239, 0, 0, 5), 2, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, ip(239, 0, 0, 5), 3, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, ip(10, 0, 0, 2), ip(239, 0, 0, 5), 2, J), NO_ERROR);
    assert_int_equal(member_delete(a, ip(10, 0, 0, 1), ip(239, 0, 0, 5), 1, J), NO_ERROR);
    assert_int_equal(member_delete(b, ip(10, 0, 0, 1), ip(224, 1, 1, 1), 2, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, ip(233, 3, 3, 3), 3, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, 0, 1, J), NO_ERROR);
}

/* The return codes, the handle's life. */
static void test_return_codes(void **state)
{
    HANDLE e = (HANDLE)0x77, e2;
    BYTE buffer[4 * ENTRY + 3];
    DWORD size, n;

    (void)state;
    assert_int_equal(MgmGroupEnumerationStart(NULL, ALL_SOURCES, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationStart((HANDLE)0x1234, ALL_SOURCES, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationStart(a->h, (MGM_ENUM_TYPES)2, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationStart(a->h, (MGM_ENUM_TYPES)-1, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationStart(a->h, ALL_SOURCES, NULL), ERROR_INVALID_PARAMETER);
    assert_ptr_equal(e, (HANDLE)0x77);

    /* nothing joined: the end at once, whatever the buffer */
    assert_int_equal(MgmGroupEnumerationStart(a->h, ALL_SOURCES, &e), NO_ERROR);
    size = 0;
    n = 9;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, NULL, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(size, 0);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationEnd(e), ERROR_INVALID_PARAMETER);
    size = sizeof buffer;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationEnd(NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationEnd(a->h), ERROR_INVALID_PARAMETER); /* another type */

    join_set();
    assert_int_equal(MgmGroupEnumerationStart(b->h, ALL_SOURCES, &e), NO_ERROR);
    /* pointers */
    size = sizeof buffer;
    assert_int_equal(MgmGroupEnumerationGetNext(e, NULL, buffer, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, NULL, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGroupEnumerationGetNext((HANDLE)0x1234, &size, buffer, &n),
                     ERROR_INVALID_PARAMETER);
    /* too small for one: the size of one, nothing consumed */
    size = ENTRY - 1;
    n = 9;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, &n),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, ENTRY);
    assert_int_equal(n, 0);
    size = 0;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, NULL, &n), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, ENTRY);
    /* room for four (and a bit): four, and more are left */
    size = sizeof buffer;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, &n), ERROR_MORE_DATA);
    assert_int_equal(n, 4);
    assert_int_equal(size, sizeof buffer);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 2);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, buffer, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    /* another client's enumeration does not depend on this one */
    assert_int_equal(MgmGroupEnumerationStart(a->h, ANY_SOURCE, &e2), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationGetNext(e2, &size, buffer, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 4);
    assert_int_equal(MgmGroupEnumerationEnd(e2), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    leave_set();
}

/* The scenario with buffers of room for 1 to 7 entries, both types: the
 * entries come in order, each once, then ERROR_NO_MORE_ITEMS; a too small
 * buffer is retried with the size asked for. */
static void test_scenario(void **state)
{
    SOURCE_GROUP_ENTRY want[8], got[16];
    BYTE buffer[7 * ENTRY];

    (void)state;
    join_set();
    for (int t = 0; t < 2; t++) {
        MGM_ENUM_TYPES type = t ? ANY_SOURCE : ALL_SOURCES;
        unsigned total = expected(type, want);

        for (DWORD room = 0; room <= 7; room++) {
            HANDLE e;
            DWORD size, n, status;
            unsigned count = 0;

            assert_int_equal(MgmGroupEnumerationStart(a->h, type, &e), NO_ERROR);
            size = room * ENTRY;
            do {
                status = MgmGroupEnumerationGetNext(e, &size, buffer, &n);
                if (status == ERROR_INSUFFICIENT_BUFFER) {
                    assert_int_equal(size, ENTRY);
                    assert_int_equal(n, 0);
                    continue; /* again with the size asked for */
                }
                assert_true(status == ERROR_MORE_DATA || status == ERROR_NO_MORE_ITEMS);
                assert_true(n <= size / ENTRY);
                if (status == ERROR_MORE_DATA)
                    assert_int_equal(n, size / ENTRY);
                assert_true(count + n <= 16);
                memcpy(&got[count], buffer, n * ENTRY);
                count += n;
            } while (status != ERROR_NO_MORE_ITEMS);
            assert_int_equal(count, total);
            assert_memory_equal(got, want, total * ENTRY);
            assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
        }
    }
    leave_set();
}

/* A position, not a snapshot: what comes after the position is seen, what
 * went is not, nothing twice. */
static void test_position(void **state)
{
    HANDLE e;
    SOURCE_GROUP_ENTRY entries[8];
    DWORD size = ENTRY, n;

    (void)state;
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 2), 1, J), NO_ERROR);
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 4), 1, J), NO_ERROR);
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 6), 1, J), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationStart(a->h, ALL_SOURCES, &e), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n), ERROR_MORE_DATA);
    assert_int_equal(entries[0].dwGroupAddr, ip(239, 0, 0, 2));
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 1), 1, J), NO_ERROR); /* before the position */
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 3), 1, J), NO_ERROR); /* after it */
    /* the position itself */
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 2), 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 4), 1, J), NO_ERROR);
    size = sizeof entries;
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 2);
    assert_int_equal(entries[0].dwGroupAddr, ip(239, 0, 0, 3));
    assert_int_equal(entries[1].dwGroupAddr, ip(239, 0, 0, 6));
    /* after the end, it stays at the end */
    assert_int_equal(member_add(a, 0, ip(239, 0, 0, 9), 1, J), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 1), 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 3), 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 6), 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, ip(239, 0, 0, 9), 1, J), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_return_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scenario, setup, teardown),
        cmocka_unit_test_setup_teardown(test_position, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
