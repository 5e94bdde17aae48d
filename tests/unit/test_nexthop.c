/*
 * test_nexthop.c - next hops through the public API: RtmAddNextHop,
 * RtmFindNextHop, RtmDeleteNextHop, RtmGetNextHopInfo,
 * RtmReleaseNextHopInfo, RtmGetNextHopPointer and RtmLockNextHop
 * (spec/rtmv2/nf-rtmv2-rtm*nexthop*.md, spec/rras/next-hops.md), for IPv4
 * and IPv6.
 *
 * Each test uses its own RtmInstanceId, so that it sees only its own
 * tables. Reference counts are observed through handles: a handle whose
 * last reference is gone is refused with ERROR_INVALID_HANDLE (stale
 * handles are safe with this library).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 8   /* RIP */
#define PROTO_B 13  /* OSPF */

/* A value that no API call returns as a handle (small integers never are). */
#define FORGED_HANDLE ((HANDLE)(uintptr_t)0x1234)

static RTM_NEXTHOP_INFO nexthop_info(RTM_NET_ADDRESS addr, ULONG ifindex)
{
    RTM_NEXTHOP_INFO info;
    memset(&info, 0, sizeof info);
    info.NextHopAddress = addr;
    info.InterfaceIndex = ifindex;
    return info;
}

static void assert_address_equal(const RTM_NET_ADDRESS *a, const RTM_NET_ADDRESS *b)
{
    assert_int_equal(a->AddressFamily, b->AddressFamily);
    assert_int_equal(a->NumBits, b->NumBits);
    assert_memory_equal(a->AddrBits, b->AddrBits, RTM_MAX_ADDRESS_SIZE);
}

/* Reads a next hop and checks its public information; releases the copy. */
static void check_nexthop(RTM_ENTITY_HANDLE reg, RTM_NEXTHOP_HANDLE nh, const RTM_NET_ADDRESS *addr,
                          ULONG ifindex, RTM_ENTITY_HANDLE owner, USHORT state, USHORT flags,
                          PVOID esi)
{
    RTM_NEXTHOP_INFO info;
    memset(&info, 0xcc, sizeof info);
    assert_int_equal(RtmGetNextHopInfo(reg, nh, &info), NO_ERROR);
    assert_address_equal(&info.NextHopAddress, addr);
    assert_int_equal(info.InterfaceIndex, ifindex);
    assert_ptr_equal(info.NextHopOwner, owner);
    assert_int_equal(info.State, state);
    assert_int_equal(info.Flags, flags);
    assert_ptr_equal(info.EntitySpecificInfo, esi);
    assert_null(info.RemoteNextHop);
    assert_int_equal(RtmReleaseNextHopInfo(reg, &info), NO_ERROR);
}

/* Nonzero if the caller owns a next hop of that address and interface. */
static int nexthop_exists(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr, ULONG ifindex)
{
    RTM_NEXTHOP_INFO info = nexthop_info(addr, ifindex);
    DWORD status = RtmFindNextHop(reg, &info, NULL, NULL);
    assert_true(status == NO_ERROR || status == ERROR_NOT_FOUND);
    return status == NO_ERROR;
}

/* ---- RtmAddNextHop ------------------------------------------------------ */

static void test_add_new_then_update(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(100, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(192, 168, 1, 1, 32);
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 7);
    RTM_NEXTHOP_HANDLE nh = NULL, again = NULL, other = NULL, byhandle;
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0xdead;
    int cookie1, cookie2, cookie3;

    /* New: a handle comes back, ChangeFlags says NEW. */
    info.Flags = RTM_NEXTHOP_FLAGS_REMOTE;
    info.EntitySpecificInfo = &cookie1;
    assert_int_equal(RtmAddNextHop(a, &info, &nh, &flags), NO_ERROR);
    assert_non_null(nh);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    check_nexthop(a, nh, &addr, 7, a, RTM_NEXTHOP_STATE_CREATED, RTM_NEXTHOP_FLAGS_REMOTE, &cookie1);

    /* Same address and interface: an update of the same next hop (same
     * handle, ChangeFlags 0). NextHopOwner and State given are ignored. */
    info.Flags = 0;
    info.EntitySpecificInfo = &cookie2;
    info.NextHopOwner = FORGED_HANDLE;
    info.State = RTM_NEXTHOP_STATE_DELETED;
    flags = 0xdead;
    assert_int_equal(RtmAddNextHop(a, &info, &again, &flags), NO_ERROR);
    assert_ptr_equal(again, nh);
    assert_int_equal(flags, 0);
    check_nexthop(a, nh, &addr, 7, a, RTM_NEXTHOP_STATE_CREATED, 0, &cookie2);

    /* No handle wanted (NULL), no ChangeFlags wanted: still an update. */
    info.EntitySpecificInfo = &cookie3;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), NO_ERROR);
    check_nexthop(a, nh, &addr, 7, a, RTM_NEXTHOP_STATE_CREATED, 0, &cookie3);

    /* Same address, another interface: another next hop. */
    info = nexthop_info(addr, 8);
    flags = 0xdead;
    assert_int_equal(RtmAddNextHop(a, &info, &other, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    assert_non_null(other);
    assert_ptr_not_equal(other, nh);
    check_nexthop(a, other, &addr, 8, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);
    /* ... the first one is untouched. */
    check_nexthop(a, nh, &addr, 7, a, RTM_NEXTHOP_STATE_CREATED, 0, &cookie3);

    /* A new next hop without asking for its handle. */
    RTM_NET_ADDRESS addr2 = test_ipv4(192, 168, 1, 2, 32);
    info = nexthop_info(addr2, 7);
    flags = 0xdead;
    assert_false(nexthop_exists(a, addr2, 7));
    assert_int_equal(RtmAddNextHop(a, &info, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    assert_true(nexthop_exists(a, addr2, 7));

    /* Update by handle: the handle names the next hop (the address given
     * does not); the handle is unchanged, nothing new is created. */
    byhandle = nh;
    info = nexthop_info(test_ipv4(10, 9, 9, 9, 32), 99);
    info.Flags = RTM_NEXTHOP_FLAGS_DOWN;
    info.EntitySpecificInfo = &cookie1;
    flags = 0xdead;
    assert_int_equal(RtmAddNextHop(a, &info, &byhandle, &flags), NO_ERROR);
    assert_ptr_equal(byhandle, nh);
    assert_int_equal(flags, 0);
    check_nexthop(a, nh, &addr, 7, a, RTM_NEXTHOP_STATE_CREATED, RTM_NEXTHOP_FLAGS_DOWN, &cookie1);
    assert_false(nexthop_exists(a, test_ipv4(10, 9, 9, 9, 32), 99));

    /* Two handles were given for nh (add and update): release both. */
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &again), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_add_ipv6(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(101, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv6(0xfe80, 0, 1, 128);
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 3);
    RTM_NEXTHOP_HANDLE nh = NULL, found = NULL;
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0xdead;
    PRTM_NEXTHOP_INFO pointer = NULL;

    assert_int_equal(RtmAddNextHop(a, &info, &nh, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    check_nexthop(a, nh, &addr, 3, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);

    /* Differs only in the last group: another next hop. */
    RTM_NET_ADDRESS addr2 = test_ipv6(0xfe80, 0, 2, 128);
    assert_false(nexthop_exists(a, addr2, 3));
    info = nexthop_info(addr2, 3);
    assert_int_equal(RtmAddNextHop(a, &info, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);

    info = nexthop_info(addr, 3);
    assert_int_equal(RtmAddNextHop(a, &info, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, 0);

    assert_int_equal(RtmFindNextHop(a, &info, &found, &pointer), NO_ERROR);
    assert_ptr_equal(found, nh);
    assert_non_null(pointer);
    assert_address_equal(&pointer->NextHopAddress, &addr);

    /* Longer than 128 bits, or an IPv4 address: refused. */
    info.NextHopAddress.NumBits = 129;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmFindNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_INVALID_PARAMETER);
    info = nexthop_info(test_ipv4(10, 0, 0, 1, 32), 3);
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmFindNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_INVALID_PARAMETER);

    /* Delete by handle (releases it) and by information. */
    assert_int_equal(RtmReleaseNextHops(a, 1, &found), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(a, nh, NULL), NO_ERROR);
    assert_false(nexthop_exists(a, addr, 3));
    assert_false(test_nexthop_alive(a, nh));
    info = nexthop_info(addr2, 3);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), NO_ERROR);
    assert_false(nexthop_exists(a, addr2, 3));
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_NOT_FOUND);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_add_errors(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(102, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(102, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(102, AF_INET, PROTO_B, 2, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(103, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 1, 1, 1, 32);
    RTM_NET_ADDRESS fresh = test_ipv4(10, 1, 1, 99, 32);
    int cookie;
    RTM_NEXTHOP_HANDLE nh_a, nh_b, nh_far, nh_deleted, h;
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_CHANGE_FLAGS flags;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    info = nexthop_info(addr, 1);
    info.EntitySpecificInfo = &cookie;
    nh_a = NULL;
    assert_int_equal(RtmAddNextHop(a, &info, &nh_a, NULL), NO_ERROR);
    nh_b = test_add_nexthop(b, test_ipv4(10, 2, 2, 2, 32), 2);
    nh_far = test_add_nexthop(elsewhere, test_ipv4(10, 3, 3, 3, 32), 3);
    RTM_NET_ADDRESS deleted_addr = test_ipv4(10, 4, 4, 4, 32);
    nh_deleted = test_add_nexthop(a, deleted_addr, 4);
    assert_int_equal(RtmReferenceHandles(a, 1, &nh_deleted), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(a, nh_deleted, NULL), NO_ERROR); /* one reference left */

    /* Bad registration handles. */
    info = nexthop_info(fresh, 1);
    assert_int_equal(RtmAddNextHop(NULL, &info, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmAddNextHop(gone, &info, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmAddNextHop(nh_a, &info, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmAddNextHop(FORGED_HANDLE, &info, NULL, NULL), ERROR_INVALID_HANDLE);

    /* Bad parameters. */
    assert_int_equal(RtmAddNextHop(a, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    info = nexthop_info(fresh, 1);
    info.NextHopAddress.NumBits = 33;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    info = nexthop_info(test_ipv6(0x2001, 0xdb8, 1, 128), 1);
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);
    info = nexthop_info(fresh, 1);
    info.NextHopAddress.AddressFamily = AF_INET6;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), ERROR_INVALID_PARAMETER);

    /* Another entity's next hop: access denied, and nothing changes. */
    info = nexthop_info(addr, 1);
    info.Flags = RTM_NEXTHOP_FLAGS_DOWN;
    h = nh_a;
    assert_int_equal(RtmAddNextHop(b, &info, &h, &flags), ERROR_ACCESS_DENIED);
    assert_ptr_equal(h, nh_a);
    check_nexthop(a, nh_a, &addr, 1, a, RTM_NEXTHOP_STATE_CREATED, 0, &cookie);

    /* A deleted next hop cannot be updated. */
    h = nh_deleted;
    assert_int_equal(RtmAddNextHop(a, &info, &h, &flags), ERROR_NOT_FOUND);
    check_nexthop(a, nh_deleted, &deleted_addr, 4, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);

    /* Handles that are no next hop of this table. */
    RTM_NEXTHOP_HANDLE bad[] = { FORGED_HANDLE, a, nh_far };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h = bad[i];
        assert_int_equal(RtmAddNextHop(a, &info, &h, &flags), ERROR_INVALID_HANDLE);
        assert_ptr_equal(h, bad[i]);
    }

    /* A RemoteNextHop that is no destination: nothing is created. */
    info = nexthop_info(fresh, 1);
    info.RemoteNextHop = nh_a;
    h = NULL;
    assert_int_equal(RtmAddNextHop(a, &info, &h, &flags), ERROR_INVALID_HANDLE);
    assert_null(h);
    info.RemoteNextHop = FORGED_HANDLE;
    assert_int_equal(RtmAddNextHop(a, &info, &h, &flags), ERROR_INVALID_HANDLE);
    assert_null(h);
    /* ... nor is an existing next hop updated. */
    info = nexthop_info(addr, 1);
    info.RemoteNextHop = FORGED_HANDLE;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, &flags), ERROR_INVALID_HANDLE);
    check_nexthop(a, nh_a, &addr, 1, a, RTM_NEXTHOP_STATE_CREATED, 0, &cookie);

    /* None of the failed calls created a next hop. */
    assert_false(nexthop_exists(a, fresh, 1));
    assert_false(nexthop_exists(b, addr, 1));
    assert_false(nexthop_exists(a, test_ipv4(10, 3, 3, 3, 32), 3));

    assert_int_equal(RtmReleaseNextHops(a, 1, &nh_a), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh_deleted), NO_ERROR);
    assert_false(test_nexthop_alive(a, nh_deleted));
    assert_int_equal(RtmReleaseNextHops(b, 1, &nh_b), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_far), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
}

/* RemoteNextHop: the next hop holds a reference on that destination. */
static void test_remote_nexthop(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(104, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS prefix = test_ipv4(172, 16, 0, 0, 12);
    RTM_NEXTHOP_HANDLE local = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(a, prefix, local, 10, 1, NULL);
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_DEST_HANDLE dest;
    RTM_NEXTHOP_INFO info, got;
    RTM_NEXTHOP_HANDLE remote = NULL;
    RTM_NEXTHOP_CHANGE_FLAGS flags;

    assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, dinfo),
                     NO_ERROR);
    dest = dinfo->DestHandle;
    assert_non_null(dest);

    info = nexthop_info(test_ipv4(172, 16, 5, 5, 32), 0);
    info.Flags = RTM_NEXTHOP_FLAGS_REMOTE;
    info.RemoteNextHop = dest;
    assert_int_equal(RtmAddNextHop(a, &info, &remote, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    assert_int_equal(RtmGetNextHopInfo(a, remote, &got), NO_ERROR);
    assert_ptr_equal(got.RemoteNextHop, dest);
    assert_int_equal(got.Flags, RTM_NEXTHOP_FLAGS_REMOTE);
    assert_int_equal(RtmReleaseNextHopInfo(a, &got), NO_ERROR);

    /* Our destination handle goes, and so does the destination's last
     * route: the destination leaves the table, but the next hop keeps it. */
    assert_int_equal(RtmReleaseDestInfo(a, dinfo), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, dinfo),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, dinfo), NO_ERROR);
    assert_ptr_equal(dinfo->DestHandle, dest);
    assert_int_equal(RtmReleaseDestInfo(a, dinfo), NO_ERROR);
    assert_int_equal(RtmGetNextHopInfo(a, remote, &got), NO_ERROR);
    assert_ptr_equal(got.RemoteNextHop, dest);
    assert_int_equal(RtmReleaseNextHopInfo(a, &got), NO_ERROR);

    /* Updating the next hop without a RemoteNextHop drops that reference:
     * nothing holds the destination any more. */
    info.RemoteNextHop = NULL;
    info.Flags = 0;
    assert_int_equal(RtmAddNextHop(a, &info, &remote, &flags), NO_ERROR);
    assert_int_equal(flags, 0);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, dinfo),
                     ERROR_INVALID_HANDLE);
    check_nexthop(a, remote, &info.NextHopAddress, 0, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);

    test_free(dinfo);
    assert_int_equal(RtmReleaseNextHops(a, 1, &remote), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &local), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- RtmFindNextHop ----------------------------------------------------- */

static void test_find(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(105, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(105, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(105, AF_INET, PROTO_B, 2, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(192, 0, 2, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 5);
    RTM_NEXTHOP_HANDLE found = NULL;
    PRTM_NEXTHOP_INFO pointer = NULL;
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 5);

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Found: its handle (a new reference) and a pointer to its info. */
    assert_int_equal(RtmFindNextHop(a, &info, &found, &pointer), NO_ERROR);
    assert_ptr_equal(found, nh);
    assert_non_null(pointer);
    assert_address_equal(&pointer->NextHopAddress, &addr);
    assert_int_equal(pointer->InterfaceIndex, 5);
    assert_ptr_equal(pointer->NextHopOwner, a);
    assert_int_equal(pointer->State, RTM_NEXTHOP_STATE_CREATED);
    assert_int_equal(RtmReleaseNextHops(a, 1, &found), NO_ERROR);
    assert_true(test_nexthop_alive(a, nh));

    /* Either output may be left out. */
    found = NULL;
    assert_int_equal(RtmFindNextHop(a, &info, &found, NULL), NO_ERROR);
    assert_ptr_equal(found, nh);
    assert_int_equal(RtmReleaseNextHops(a, 1, &found), NO_ERROR);
    PRTM_NEXTHOP_INFO pointer2 = NULL;
    assert_int_equal(RtmFindNextHop(a, &info, NULL, &pointer2), NO_ERROR);
    assert_ptr_equal(pointer2, pointer);
    assert_int_equal(RtmFindNextHop(a, &info, NULL, NULL), NO_ERROR);

    /* Not found: outputs unchanged. */
    RTM_NEXTHOP_INFO misses[] = {
        nexthop_info(addr, 6),                          /* other interface */
        nexthop_info(test_ipv4(192, 0, 2, 2, 32), 5),   /* other address */
        nexthop_info(test_ipv4(192, 0, 2, 1, 31), 5),   /* other length */
    };
    for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
        found = NULL;
        pointer = NULL;
        assert_int_equal(RtmFindNextHop(a, &misses[i], &found, &pointer), ERROR_NOT_FOUND);
        assert_null(found);
        assert_null(pointer);
    }
    /* Another entity's next hop is not in the caller's list. */
    assert_int_equal(RtmFindNextHop(b, &info, &found, &pointer), ERROR_NOT_FOUND);
    assert_null(found);
    assert_null(pointer);

    /* Bad arguments. */
    assert_int_equal(RtmFindNextHop(NULL, &info, &found, &pointer), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmFindNextHop(gone, &info, &found, &pointer), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmFindNextHop(nh, &info, &found, &pointer), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmFindNextHop(a, NULL, &found, &pointer), ERROR_INVALID_PARAMETER);
    RTM_NEXTHOP_INFO wrong = nexthop_info(addr, 5);
    wrong.NextHopAddress.NumBits = 33;
    assert_int_equal(RtmFindNextHop(a, &wrong, &found, &pointer), ERROR_INVALID_PARAMETER);
    wrong = nexthop_info(addr, 5);
    wrong.NextHopAddress.AddressFamily = AF_INET6;
    assert_int_equal(RtmFindNextHop(a, &wrong, &found, &pointer), ERROR_INVALID_PARAMETER);
    assert_null(found);
    assert_null(pointer);

    /* A deleted next hop is no longer found. */
    assert_int_equal(RtmDeleteNextHop(a, nh, NULL), NO_ERROR);
    assert_int_equal(RtmFindNextHop(a, &info, &found, &pointer), ERROR_NOT_FOUND);
    assert_null(found);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* ---- RtmDeleteNextHop --------------------------------------------------- */

static void test_delete_by_handle(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(106, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(198, 51, 100, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 1);
    RTM_NEXTHOP_HANDLE second = NULL, renewed = NULL;
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 1);
    RTM_NEXTHOP_CHANGE_FLAGS flags;
    PRTM_NEXTHOP_INFO pointer = NULL;

    /* A second reference, through RtmFindNextHop. */
    assert_int_equal(RtmFindNextHop(a, &info, &second, NULL), NO_ERROR);
    assert_ptr_equal(second, nh);

    /* Deleting releases the handle passed; the next hop stays readable
     * through the other one, marked deleted. */
    assert_int_equal(RtmDeleteNextHop(a, nh, NULL), NO_ERROR);
    check_nexthop(a, second, &addr, 1, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);
    assert_int_equal(RtmGetNextHopPointer(a, second, &pointer), NO_ERROR);
    assert_int_equal(pointer->State, RTM_NEXTHOP_STATE_DELETED);
    assert_false(nexthop_exists(a, addr, 1));

    /* Deleted already: ERROR_NOT_FOUND, and the handle is not released. */
    assert_int_equal(RtmDeleteNextHop(a, second, NULL), ERROR_NOT_FOUND);
    assert_true(test_nexthop_alive(a, second));
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_NOT_FOUND);

    /* The address is free again: a new next hop. */
    assert_int_equal(RtmAddNextHop(a, &info, &renewed, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_NEXTHOP_CHANGE_NEW);
    assert_ptr_not_equal(renewed, second);
    check_nexthop(a, renewed, &addr, 1, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);
    check_nexthop(a, second, &addr, 1, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);

    /* The last reference of the deleted one: gone. */
    assert_int_equal(RtmReleaseNextHops(a, 1, &second), NO_ERROR);
    assert_false(test_nexthop_alive(a, second));

    /* With the only handle: deleting frees it. */
    assert_int_equal(RtmDeleteNextHop(a, renewed, NULL), NO_ERROR);
    assert_false(test_nexthop_alive(a, renewed));
    assert_int_equal(RtmReleaseNextHops(a, 1, &renewed), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_delete_by_info(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(107, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(198, 51, 100, 2, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 2);
    RTM_NEXTHOP_HANDLE keep = test_add_nexthop(a, addr, 3);
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 2);

    /* Deleting by information leaves the caller's handle alone. */
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), NO_ERROR);
    assert_false(nexthop_exists(a, addr, 2));
    assert_true(nexthop_exists(a, addr, 3));
    check_nexthop(a, nh, &addr, 2, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);
    check_nexthop(a, keep, &addr, 3, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_NOT_FOUND);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_false(test_nexthop_alive(a, nh));

    /* Never existed. */
    info = nexthop_info(test_ipv4(198, 51, 100, 3, 32), 2);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_NOT_FOUND);

    assert_int_equal(RtmReleaseNextHops(a, 1, &keep), NO_ERROR);
    assert_true(nexthop_exists(a, addr, 3));
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_delete_errors(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(108, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(108, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(108, AF_INET, PROTO_B, 2, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(109, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(203, 0, 113, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 1);
    RTM_NEXTHOP_HANDLE nh_elsewhere = test_add_nexthop(elsewhere, addr, 1);
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 1);

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Another entity's next hop: refused, by handle; by information the
     * caller's own list is searched. Nothing changes. */
    assert_int_equal(RtmDeleteNextHop(b, nh, NULL), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmDeleteNextHop(b, NULL, &info), ERROR_NOT_FOUND);
    assert_true(nexthop_exists(a, addr, 1));
    check_nexthop(a, nh, &addr, 1, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);

    assert_int_equal(RtmDeleteNextHop(NULL, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteNextHop(gone, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteNextHop(a, FORGED_HANDLE, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteNextHop(a, b, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteNextHop(a, nh_elsewhere, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteNextHop(a, NULL, NULL), ERROR_INVALID_PARAMETER);
    info.NextHopAddress.NumBits = 40;
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_INVALID_PARAMETER);
    info = nexthop_info(test_ipv6(0x2001, 0xdb8, 1, 128), 1);
    assert_int_equal(RtmDeleteNextHop(a, NULL, &info), ERROR_INVALID_PARAMETER);

    /* Still there, still ours, and both handles intact. */
    assert_true(nexthop_exists(a, addr, 1));
    assert_true(nexthop_exists(elsewhere, addr, 1));
    check_nexthop(a, nh, &addr, 1, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
}

/* A next hop used by a route survives its deletion until the route goes. */
static void test_delete_used_by_route(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(110, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 10, 10, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 4);
    RTM_NEXTHOP_HANDLE held = nh;
    RTM_ROUTE_HANDLE route = test_add_route(a, test_ipv4(10, 20, 0, 0, 16), nh, 10, 1, NULL);
    size_t size = RTM_SIZE_OF_ROUTE_INFO(8);
    RTM_ROUTE_INFO *rinfo = test_malloc(size);

    assert_int_equal(RtmDeleteNextHop(a, nh, NULL), NO_ERROR);
    assert_false(nexthop_exists(a, addr, 4));
    memset(rinfo, 0, size);
    assert_int_equal(RtmGetRouteInfo(a, route, rinfo, NULL), NO_ERROR);
    assert_int_equal(rinfo->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(rinfo->NextHopsList.NextHops[0], held);
    check_nexthop(a, held, &addr, 4, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);
    assert_int_equal(RtmReleaseRouteInfo(a, rinfo), NO_ERROR);

    /* The route was the last holder. */
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR);
    assert_false(test_nexthop_alive(a, held));
    test_free(rinfo);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- RtmGetNextHopInfo / RtmReleaseNextHopInfo -------------------------- */

static void test_get_and_release_info(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(111, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(111, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(111, AF_INET, PROTO_B, 2, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(112, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 0, 254, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 9);
    RTM_NEXTHOP_HANDLE nh_elsewhere = test_add_nexthop(elsewhere, addr, 9);
    RTM_ROUTE_HANDLE route = test_add_route(a, test_ipv4(10, 0, 0, 0, 8), nh, 1, 1, NULL);
    RTM_NEXTHOP_INFO info, saved;
    RTM_ENTITY_INFO einfo;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Anyone of the table may read a next hop. */
    check_nexthop(b, nh, &addr, 9, a, RTM_NEXTHOP_STATE_CREATED, 0, NULL);

    /* Bad arguments: the structure is not written. */
    memset(&info, 0x5a, sizeof info);
    saved = info;
    assert_int_equal(RtmGetNextHopInfo(NULL, nh, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(gone, nh, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(a, NULL, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(a, FORGED_HANDLE, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(a, route, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(a, a, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(a, nh_elsewhere, &info), ERROR_INVALID_HANDLE);
    assert_memory_equal(&info, &saved, sizeof info);
    assert_int_equal(RtmGetNextHopInfo(a, nh, NULL), ERROR_INVALID_PARAMETER);

    /* The owner handle in the information holds a reference: it outlives
     * the owner's registration until the information is released. */
    assert_int_equal(RtmGetNextHopInfo(b, nh, &info), NO_ERROR);
    assert_ptr_equal(info.NextHopOwner, a);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(a, 1, &route), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(b, info.NextHopOwner, &einfo), NO_ERROR);
    assert_int_equal(einfo.EntityId.EntityProtocolId, PROTO_A);

    /* RtmReleaseNextHopInfo errors. */
    assert_int_equal(RtmReleaseNextHopInfo(b, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmReleaseNextHopInfo(NULL, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHopInfo(gone, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(b, info.NextHopOwner, &einfo), NO_ERROR); /* still held */
    saved = info;
    saved.NextHopOwner = nh_elsewhere; /* a next hop where an entity belongs */
    assert_int_equal(RtmReleaseNextHopInfo(b, &saved), ERROR_INVALID_HANDLE);
    assert_true(test_nexthop_alive(elsewhere, nh_elsewhere));

    assert_int_equal(RtmReleaseNextHopInfo(b, &info), NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(b, info.NextHopOwner, &einfo), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
}

/* ---- RtmGetNextHopPointer ----------------------------------------------- */

static void test_get_pointer(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(113, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(113, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(113, AF_INET, PROTO_B, 2, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 1, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 2);
    RTM_ROUTE_HANDLE route = test_add_route(a, test_ipv4(10, 1, 0, 0, 16), nh, 1, 1, NULL);
    RTM_NEXTHOP_INFO info = nexthop_info(addr, 2);
    PRTM_NEXTHOP_INFO pointer = NULL, found = NULL, locked = NULL;
    int cookie;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    assert_int_equal(RtmGetNextHopPointer(a, nh, &pointer), NO_ERROR);
    assert_non_null(pointer);
    assert_address_equal(&pointer->NextHopAddress, &addr);
    assert_int_equal(pointer->InterfaceIndex, 2);
    assert_ptr_equal(pointer->NextHopOwner, a);
    assert_int_equal(pointer->State, RTM_NEXTHOP_STATE_CREATED);

    /* The same structure RtmFindNextHop and RtmLockNextHop point to, and it
     * follows updates. */
    assert_int_equal(RtmFindNextHop(a, &info, NULL, &found), NO_ERROR);
    assert_ptr_equal(found, pointer);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, TRUE, &locked), NO_ERROR);
    assert_ptr_equal(locked, pointer);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), NO_ERROR);
    info.EntitySpecificInfo = &cookie;
    info.Flags = RTM_NEXTHOP_FLAGS_DOWN;
    assert_int_equal(RtmAddNextHop(a, &info, NULL, NULL), NO_ERROR);
    assert_ptr_equal(pointer->EntitySpecificInfo, &cookie);
    assert_int_equal(pointer->Flags, RTM_NEXTHOP_FLAGS_DOWN);

    /* Only the owner. */
    PRTM_NEXTHOP_INFO untouched = (PRTM_NEXTHOP_INFO)&cookie;
    assert_int_equal(RtmGetNextHopPointer(b, nh, &untouched), ERROR_ACCESS_DENIED);
    assert_ptr_equal(untouched, &cookie);
    assert_int_equal(RtmGetNextHopPointer(a, FORGED_HANDLE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopPointer(a, route, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopPointer(a, NULL, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopPointer(NULL, nh, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopPointer(gone, nh, &untouched), ERROR_INVALID_HANDLE);
    assert_ptr_equal(untouched, &cookie);
    assert_int_equal(RtmGetNextHopPointer(a, nh, NULL), ERROR_INVALID_PARAMETER);

    /* Valid while a handle is held, also after deletion. */
    assert_int_equal(RtmReferenceHandles(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(a, nh, NULL), NO_ERROR);
    assert_int_equal(RtmGetNextHopPointer(a, nh, &pointer), NO_ERROR);
    assert_ptr_equal(pointer, found);
    assert_int_equal(pointer->State, RTM_NEXTHOP_STATE_DELETED);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_false(test_nexthop_alive(a, nh));

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* ---- RtmLockNextHop ----------------------------------------------------- */

static void test_lock_edit_unlock(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(114, AF_INET, PROTO_A, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 2, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 3);
    PRTM_NEXTHOP_INFO pointer = NULL, direct = NULL;
    int cookie;

    assert_int_equal(RtmGetNextHopPointer(a, nh, &direct), NO_ERROR);

    /* Exclusive: the owner edits Flags and EntitySpecificInfo in place. */
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, TRUE, &pointer), NO_ERROR);
    assert_ptr_equal(pointer, direct);
    pointer->Flags = RTM_NEXTHOP_FLAGS_DOWN;
    pointer->EntitySpecificInfo = &cookie;
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), NO_ERROR);
    check_nexthop(a, nh, &addr, 3, a, RTM_NEXTHOP_STATE_CREATED, RTM_NEXTHOP_FLAGS_DOWN, &cookie);

    /* Shared; unlocking it as exclusive is refused. */
    pointer = NULL;
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, TRUE, &pointer), NO_ERROR);
    assert_ptr_equal(pointer, direct);
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), NO_ERROR);
    /* Without asking for the pointer. */
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, TRUE, NULL), NO_ERROR);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), NO_ERROR);

    /* Unlocking what is not locked. */
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);

    /* Exclusive, then unlocking it as shared: refused, still locked. */
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, TRUE, NULL), NO_ERROR);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), NO_ERROR);

    /* The next hop is usable after all this (not left locked). */
    check_nexthop(a, nh, &addr, 3, a, RTM_NEXTHOP_STATE_CREATED, RTM_NEXTHOP_FLAGS_DOWN, &cookie);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_lock_errors(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(115, AF_INET6, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(115, AF_INET6, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(115, AF_INET6, PROTO_B, 2, FALSE);
    RTM_NET_ADDRESS addr = test_ipv6(0x2001, 0xdb8, 0x11, 128);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 1);
    RTM_NEXTHOP_HANDLE dead = test_add_nexthop(a, test_ipv6(0x2001, 0xdb8, 0x12, 128), 1);
    int cookie;
    PRTM_NEXTHOP_INFO untouched = (PRTM_NEXTHOP_INFO)&cookie;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(a, 1, &dead), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(a, dead, NULL), NO_ERROR);

    /* Not the owner: neither lock nor unlock, in either mode. */
    assert_int_equal(RtmLockNextHop(b, nh, TRUE, TRUE, &untouched), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmLockNextHop(b, nh, FALSE, TRUE, &untouched), ERROR_ACCESS_DENIED);
    assert_ptr_equal(untouched, &cookie);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, TRUE, NULL), NO_ERROR);
    assert_int_equal(RtmLockNextHop(b, nh, FALSE, FALSE, NULL), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), NO_ERROR);

    /* A deleted next hop cannot be locked. */
    assert_int_equal(RtmLockNextHop(a, dead, TRUE, TRUE, &untouched), ERROR_NOT_FOUND);
    assert_int_equal(RtmLockNextHop(a, dead, FALSE, TRUE, &untouched), ERROR_NOT_FOUND);
    assert_ptr_equal(untouched, &cookie);

    /* Bad handles. */
    assert_int_equal(RtmLockNextHop(NULL, nh, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockNextHop(gone, nh, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockNextHop(a, FORGED_HANDLE, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockNextHop(a, b, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockNextHop(a, NULL, TRUE, FALSE, NULL), ERROR_INVALID_HANDLE);
    assert_ptr_equal(untouched, &cookie);

    /* None of that left the next hop locked: an exclusive lock is free. */
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, TRUE, NULL), NO_ERROR);
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), NO_ERROR);

    assert_int_equal(RtmReleaseNextHops(a, 1, &dead), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Waits up to 10 s for *flag to become nonzero; returns it. */
static int wait_for(int *flag)
{
    for (int i = 0; i < 1000 && !__atomic_load_n(flag, __ATOMIC_SEQ_CST); i++)
        test_sleep_ms(10);
    return __atomic_load_n(flag, __ATOMIC_SEQ_CST);
}

/* A shared lock does not keep other shared lockers out (the owner's
 * registration handle may be used from any thread). */
struct sharer {
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    int done;
    DWORD lock, unlock;
};

static void sharer_main(void *arg)
{
    struct sharer *s = arg;
    PRTM_NEXTHOP_INFO pointer = NULL;
    s->lock = RtmLockNextHop(s->reg, s->nh, FALSE, TRUE, &pointer);
    if (s->lock == NO_ERROR)
        s->unlock = RtmLockNextHop(s->reg, s->nh, FALSE, FALSE, NULL);
    __atomic_store_n(&s->done, 1, __ATOMIC_SEQ_CST);
}

static void test_lock_shared_by_two(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(118, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 5, 1, 32), 1);
    struct sharer s = { a, nh, 0, 0xdead, 0xdead };
    test_thread t;
    int done;

    assert_int_equal(RtmLockNextHop(a, nh, FALSE, TRUE, NULL), NO_ERROR);
    test_thread_start(&t, sharer_main, &s);
    done = wait_for(&s.done);
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), NO_ERROR);
    test_thread_join(t);
    assert_int_equal(done, 1); /* it did not wait for our unlock */
    assert_int_equal(s.lock, NO_ERROR);
    assert_int_equal(s.unlock, NO_ERROR);
    /* Both shared holds are gone. */
    assert_int_equal(RtmLockNextHop(a, nh, FALSE, FALSE, NULL), ERROR_INVALID_PARAMETER);

    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* An exclusive lock keeps readers out until it is released. */
struct reader {
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    int done;
    DWORD status;
    USHORT flags;
};

static void reader_main(void *arg)
{
    struct reader *r = arg;
    RTM_NEXTHOP_INFO info;
    r->status = RtmGetNextHopInfo(r->reg, r->nh, &info);
    if (r->status == NO_ERROR) {
        r->flags = info.Flags;
        RtmReleaseNextHopInfo(r->reg, &info);
    }
    __atomic_store_n(&r->done, 1, __ATOMIC_SEQ_CST);
}

static void test_lock_excludes_readers(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(116, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(116, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 3, 1, 32), 1);
    PRTM_NEXTHOP_INFO pointer = NULL;
    struct reader r = { b, nh, 0, 0xdead, 0 };
    test_thread t;

    assert_int_equal(RtmLockNextHop(a, nh, TRUE, TRUE, &pointer), NO_ERROR);
    test_thread_start(&t, reader_main, &r);
    test_sleep_ms(200);
    assert_int_equal(__atomic_load_n(&r.done, __ATOMIC_SEQ_CST), 0);
    pointer->Flags = RTM_NEXTHOP_FLAGS_REMOTE;
    assert_int_equal(RtmLockNextHop(a, nh, TRUE, FALSE, NULL), NO_ERROR);
    test_thread_join(t);
    assert_int_equal(r.done, 1);
    assert_int_equal(r.status, NO_ERROR);
    assert_int_equal(r.flags, RTM_NEXTHOP_FLAGS_REMOTE); /* the whole edit was seen */

    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Deregistering deletes the entity's next hops; handles others hold stay
 * readable and show them deleted. */
static void test_deregister_deletes_nexthops(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = test_register(117, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(117, AF_INET, PROTO_B, 1, FALSE);
    RTM_NET_ADDRESS addr = test_ipv4(10, 0, 4, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, addr, 1);

    assert_int_equal(RtmReferenceHandles(b, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    check_nexthop(b, nh, &addr, 1, a, RTM_NEXTHOP_STATE_DELETED, 0, NULL);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nh), NO_ERROR);
    assert_false(test_nexthop_alive(b, nh));
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_new_then_update),
        cmocka_unit_test(test_add_ipv6),
        cmocka_unit_test(test_add_errors),
        cmocka_unit_test(test_remote_nexthop),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_delete_by_handle),
        cmocka_unit_test(test_delete_by_info),
        cmocka_unit_test(test_delete_errors),
        cmocka_unit_test(test_delete_used_by_route),
        cmocka_unit_test(test_get_and_release_info),
        cmocka_unit_test(test_get_pointer),
        cmocka_unit_test(test_lock_edit_unlock),
        cmocka_unit_test(test_lock_errors),
        cmocka_unit_test(test_lock_shared_by_two),
        cmocka_unit_test(test_lock_excludes_readers),
        cmocka_unit_test(test_deregister_deletes_nexthops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
