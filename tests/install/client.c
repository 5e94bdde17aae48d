/*
 * client.c - a small RTMv2 client that the install test (InstallTest.cmake)
 * builds against an installed rtm only: with `pkg-config --cflags --libs rtm`
 * natively, with find_package(rtm CONFIG) and rtm::rtm (CMakeLists.txt here)
 * natively and with the MinGW-w64 toolchain files.
 *
 * It registers an IPv4 entity, adds a next hop and a route to 10.0.0.0/8,
 * looks up 10.1.2.3 (longest match), prints what it found, releases its
 * handles and deregisters; then, through RTMv1 (rtm.h), it adds a route to
 * 10.0.0.0/8 and asks for the network's best route. It prints "rtm install
 * client: ok" and exits 0
 * when every call did what it should; otherwise it names the call that
 * failed and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rtmv2.h>
#include <rtm.h>

static int failed(const char *call, DWORD status)
{
    printf("rtm install client: %s failed: %lu\n", call, (unsigned long)status);
    return 1;
}

static RTM_NET_ADDRESS ipv4(UCHAR a, UCHAR b, UCHAR c, UCHAR d, USHORT len)
{
    RTM_NET_ADDRESS addr;

    memset(&addr, 0, sizeof addr);
    addr.AddressFamily = AF_INET;
    addr.NumBits = len;
    addr.AddrBits[0] = a;
    addr.AddrBits[1] = b;
    addr.AddrBits[2] = c;
    addr.AddrBits[3] = d;
    return addr;
}

/* RTMv1: a client of protocol 8 (RIP) adds 10.0.0.0/8 via 192.0.2.1 and
 * finds it the network's best route. Returns 0, or 1 after saying why. */
static int rtmv1_client(void)
{
    RTM_IP_ROUTE route, best;
    HANDLE client;
    DWORD status, flags = 0;
    int ok;

    client = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, 8, NULL, 0);
    if (!client)
        return failed("RtmRegisterClient", GetLastError());
    memset(&route, 0, sizeof route);
    route.RR_InterfaceID = 1;
    route.RR_Network.N_NetNumber = 0x0A000000;
    route.RR_Network.N_NetMask = 0xFF000000;
    route.RR_NextHopAddress.N_NetNumber = 0xC0000201;
    route.RR_FamilySpecificData.FSD_Metric = 1;
    status = RtmAddRoute(client, &route, INFINITE, &flags, NULL, NULL);
    if (status != NO_ERROR)
        return failed("RtmAddRoute", status);
    memset(&best, 0, sizeof best);
    ok = RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &route.RR_Network, &best) &&
         flags == RTM_ROUTE_ADDED && best.RR_RoutingProtocol == 8 &&
         best.RR_NextHopAddress.N_NetNumber == 0xC0000201;
    printf("RTMv1 10.0.0.0/8: best route %s\n", ok ? "ours" : "wrong");
    if ((status = RtmDeregisterClient(client)) != NO_ERROR)
        return failed("RtmDeregisterClient", status);
    return !ok;
}

int main(void)
{
    RTM_ENTITY_INFO entity;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE reg = NULL;
    RTM_NEXTHOP_INFO nexthop;
    RTM_NEXTHOP_HANDLE nexthop_handle = NULL;
    RTM_NEXTHOP_CHANGE_FLAGS nexthop_flags = 0;
    RTM_ROUTE_INFO route;
    RTM_ROUTE_HANDLE route_handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS route_flags = 0;
    RTM_NET_ADDRESS dest, addr;
    RTM_DEST_INFO *found;
    DWORD status;
    int ok;

    memset(&entity, 0, sizeof entity);
    entity.RtmInstanceId = 0;
    entity.AddressFamily = AF_INET;
    entity.EntityId.EntityProtocolId = 8; /* RIP */
    entity.EntityId.EntityInstanceId = 1;
    status = RtmRegisterEntity(&entity, NULL, NULL, FALSE, &profile, &reg);
    if (status != NO_ERROR)
        return failed("RtmRegisterEntity", status);

    memset(&nexthop, 0, sizeof nexthop);
    nexthop.NextHopAddress = ipv4(192, 0, 2, 1, 32);
    nexthop.InterfaceIndex = 1;
    status = RtmAddNextHop(reg, &nexthop, &nexthop_handle, &nexthop_flags);
    if (status != NO_ERROR)
        return failed("RtmAddNextHop", status);

    memset(&route, 0, sizeof route);
    route.Neighbour = nexthop_handle;
    route.PrefInfo.Preference = 10;
    route.PrefInfo.Metric = 1;
    route.BelongsToViews = RTM_VIEW_MASK_UCAST;
    route.NextHopsList.NumNextHops = 1;
    route.NextHopsList.NextHops[0] = nexthop_handle;
    dest = ipv4(10, 0, 0, 0, 8);
    status = RtmAddRouteToDest(reg, &route_handle, &dest, &route, INFINITE, NULL, 0, NULL,
                               &route_flags);
    if (status != NO_ERROR)
        return failed("RtmAddRouteToDest", status);

    found = calloc(1, RTM_SIZE_OF_DEST_INFO(profile.NumberOfViews));
    if (!found)
        return failed("calloc", 0);
    addr = ipv4(10, 1, 2, 3, 32);
    status = RtmGetMostSpecificDestination(reg, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                           found);
    if (status != NO_ERROR)
        return failed("RtmGetMostSpecificDestination", status);
    printf("lookup 10.1.2.3: %u.%u.%u.%u/%u, %u route(s), best route %s\n",
           found->DestAddress.AddrBits[0], found->DestAddress.AddrBits[1],
           found->DestAddress.AddrBits[2], found->DestAddress.AddrBits[3],
           found->DestAddress.NumBits, found->ViewInfo[0].NumRoutes,
           found->ViewInfo[0].Route == route_handle ? "ours" : "another");
    ok = found->DestAddress.NumBits == 8 && found->DestAddress.AddrBits[0] == 10 &&
         found->ViewInfo[0].NumRoutes == 1 && found->ViewInfo[0].Route == route_handle;
    status = RtmReleaseDestInfo(reg, found);
    free(found);
    if (status != NO_ERROR)
        return failed("RtmReleaseDestInfo", status);

    if ((status = RtmReleaseRoutes(reg, 1, &route_handle)) != NO_ERROR)
        return failed("RtmReleaseRoutes", status);
    if ((status = RtmReleaseNextHops(reg, 1, &nexthop_handle)) != NO_ERROR)
        return failed("RtmReleaseNextHops", status);
    if ((status = RtmDeregisterEntity(reg)) != NO_ERROR)
        return failed("RtmDeregisterEntity", status);
    if (!ok) {
        printf("rtm install client: the look-up found the wrong destination\n");
        return 1;
    }
    if (rtmv1_client())
        return 1;
    printf("rtm install client: ok\n");
    return 0;
}
