/*
 * layout_list_v1.h - what the ABI test measures of rtm.h (RTMv1), as the
 * X-macro lists of layout_list.h (which includes this file and explains
 * the entry kinds): expanded against the toolchain's <rtm.h> in
 * layout_sdk.c and against our include/rtm.h in layout_ours.c. Every
 * structure, member (the DWORD_ALIGN unions' ...Align members included),
 * constant and prototype of the SDK header.
 */
#ifndef RTM_ABI_LAYOUT_LIST_V1_H
#define RTM_ABI_LAYOUT_LIST_V1_H

/* Tags and pointer typedefs. */
#define RTM_LAYOUT_V1_TYPES(S, T, R)                                        \
    R(struct _IPX_NETWORK, IPX_NETWORK)                                     \
    R(PIPX_NETWORK, IPX_NETWORK *)                                          \
    R(struct _IP_NETWORK, IP_NETWORK)                                       \
    R(PIP_NETWORK, IP_NETWORK *)                                            \
    R(struct _IPX_NEXT_HOP_ADDRESS, IPX_NEXT_HOP_ADDRESS)                   \
    R(PIPX_NEXT_HOP_ADDRESS, IPX_NEXT_HOP_ADDRESS *)                        \
    R(IP_NEXT_HOP_ADDRESS, IP_NETWORK)                                      \
    R(PIP_NEXT_HOP_ADDRESS, IP_NETWORK *)                                   \
    R(struct _IPX_SPECIFIC_DATA, IPX_SPECIFIC_DATA)                         \
    R(PIPX_SPECIFIC_DATA, IPX_SPECIFIC_DATA *)                              \
    R(struct _IP_SPECIFIC_DATA, IP_SPECIFIC_DATA)                           \
    R(PIP_SPECIFIC_DATA, IP_SPECIFIC_DATA *)                                \
    R(struct _PROTOCOL_SPECIFIC_DATA, PROTOCOL_SPECIFIC_DATA)               \
    R(PPROTOCOL_SPECIFIC_DATA, PROTOCOL_SPECIFIC_DATA *)                    \
    R(struct _RTM_IPX_ROUTE, RTM_IPX_ROUTE)                                 \
    R(PRTM_IPX_ROUTE, RTM_IPX_ROUTE *)                                      \
    R(struct _RTM_IP_ROUTE, RTM_IP_ROUTE)                                   \
    R(PRTM_IP_ROUTE, RTM_IP_ROUTE *)

/* The members both route structures share (ROUTE_HEADER). */
#define RTM_LAYOUT_V1_HEADER(F, N, t)                                       \
    F(t, RR_TimeStamp)                                                      \
    N(t, RR_TimeStamp.dwLowDateTime)                                        \
    N(t, RR_TimeStamp.dwHighDateTime)                                       \
    N(t, RR_TimeStampAlign)                                                 \
    N(t, RR_RoutingProtocol)                                                \
    N(t, RR_InterfaceID)                                                    \
    F(t, RR_ProtocolSpecificData)                                           \
    F(t, RR_ProtocolSpecificData.PSD_Data)                                  \
    N(t, RR_ProtocolSpecificData.PSD_Data[0])                               \
    N(t, RR_ProtocolSpecificDataAlign)                                      \
    F(t, RR_Network)                                                        \
    N(t, RR_Network.N_NetNumber)                                            \
    N(t, RR_NetworkAlign)                                                   \
    F(t, RR_NextHopAddress)                                                 \
    N(t, RR_NextHopAddressAlign)                                            \
    F(t, RR_FamilySpecificData)                                             \
    N(t, RR_FamilySpecificDataAlign)

#define RTM_LAYOUT_V1_STRUCTS(S, F, N)                                      \
    S(IPX_NETWORK)                                                          \
    N(IPX_NETWORK, N_NetNumber)                                             \
    S(IP_NETWORK)                                                           \
    N(IP_NETWORK, N_NetNumber)                                              \
    N(IP_NETWORK, N_NetMask)                                                \
    S(IPX_NEXT_HOP_ADDRESS)                                                 \
    F(IPX_NEXT_HOP_ADDRESS, NHA_Mac)                                        \
    N(IPX_NEXT_HOP_ADDRESS, NHA_Mac[0])                                     \
    S(IP_NEXT_HOP_ADDRESS)                                                  \
    S(IPX_SPECIFIC_DATA)                                                    \
    N(IPX_SPECIFIC_DATA, FSD_Flags)                                         \
    N(IPX_SPECIFIC_DATA, FSD_TickCount)                                     \
    N(IPX_SPECIFIC_DATA, FSD_HopCount)                                      \
    S(IP_SPECIFIC_DATA)                                                     \
    N(IP_SPECIFIC_DATA, FSD_Type)                                           \
    N(IP_SPECIFIC_DATA, FSD_Policy)                                         \
    N(IP_SPECIFIC_DATA, FSD_NextHopAS)                                      \
    N(IP_SPECIFIC_DATA, FSD_Priority)                                       \
    N(IP_SPECIFIC_DATA, FSD_Metric)                                         \
    N(IP_SPECIFIC_DATA, FSD_Metric1)                                        \
    N(IP_SPECIFIC_DATA, FSD_Metric2)                                        \
    N(IP_SPECIFIC_DATA, FSD_Metric3)                                        \
    N(IP_SPECIFIC_DATA, FSD_Metric4)                                        \
    N(IP_SPECIFIC_DATA, FSD_Metric5)                                        \
    N(IP_SPECIFIC_DATA, FSD_Flags)                                          \
    S(PROTOCOL_SPECIFIC_DATA)                                               \
    F(PROTOCOL_SPECIFIC_DATA, PSD_Data)                                     \
    N(PROTOCOL_SPECIFIC_DATA, PSD_Data[0])                                  \
    S(RTM_IPX_ROUTE)                                                        \
    RTM_LAYOUT_V1_HEADER(F, N, RTM_IPX_ROUTE)                               \
    F(RTM_IPX_ROUTE, RR_NextHopAddress.NHA_Mac)                             \
    N(RTM_IPX_ROUTE, RR_FamilySpecificData.FSD_Flags)                       \
    N(RTM_IPX_ROUTE, RR_FamilySpecificData.FSD_TickCount)                   \
    N(RTM_IPX_ROUTE, RR_FamilySpecificData.FSD_HopCount)                    \
    S(RTM_IP_ROUTE)                                                         \
    RTM_LAYOUT_V1_HEADER(F, N, RTM_IP_ROUTE)                                \
    N(RTM_IP_ROUTE, RR_Network.N_NetMask)                                   \
    N(RTM_IP_ROUTE, RR_NextHopAddress.N_NetNumber)                          \
    N(RTM_IP_ROUTE, RR_NextHopAddress.N_NetMask)                            \
    N(RTM_IP_ROUTE, RR_FamilySpecificData.FSD_Priority)                     \
    N(RTM_IP_ROUTE, RR_FamilySpecificData.FSD_Metric)                       \
    N(RTM_IP_ROUTE, RR_FamilySpecificData.FSD_Flags)

#define RTM_LAYOUT_V1_CONSTANTS(C)                                          \
    C(RTM_PROTOCOL_FAMILY_IPX)                                              \
    C(RTM_PROTOCOL_FAMILY_IP)                                               \
    C(ERROR_MORE_MESSAGES)                                                  \
    C(ERROR_CLIENT_ALREADY_EXISTS)                                          \
    C(ERROR_NO_MESSAGES)                                                    \
    C(ERROR_NO_MORE_ROUTES)                                                 \
    C(ERROR_NO_ROUTES)                                                      \
    C(ERROR_NO_SUCH_ROUTE)                                                  \
    C(IPX_GLOBAL_CLIENT_WAN_ROUTE)                                          \
    C(IP_VALID_ROUTE)                                                       \
    C(RTM_CURRENT_BEST_ROUTE)                                               \
    C(RTM_PREVIOUS_BEST_ROUTE)                                              \
    C(RTM_NO_CHANGE)                                                        \
    C(RTM_ROUTE_ADDED)                                                      \
    C(RTM_ROUTE_DELETED)                                                    \
    C(RTM_ROUTE_CHANGED)                                                    \
    C(RTM_ONLY_THIS_NETWORK)                                                \
    C(RTM_ONLY_THIS_INTERFACE)                                              \
    C(RTM_ONLY_THIS_PROTOCOL)                                               \
    C(RTM_ONLY_BEST_ROUTES)                                                 \
    C(RTM_PROTOCOL_SINGLE_ROUTE)

#define RTM_LAYOUT_V1_FUNCTIONS(P)                                          \
    P(RtmRegisterClient, HANDLE, (DWORD, DWORD, HANDLE, DWORD))             \
    P(RtmDeregisterClient, DWORD, (HANDLE))                                 \
    P(RtmDequeueRouteChangeMessage, DWORD, (HANDLE, DWORD *, PVOID, PVOID)) \
    P(RtmAddRoute, DWORD, (HANDLE, PVOID, DWORD, DWORD *, PVOID, PVOID))    \
    P(RtmDeleteRoute, DWORD, (HANDLE, PVOID, DWORD *, PVOID))               \
    P(RtmIsRoute, WINBOOL, (DWORD, PVOID, PVOID))                           \
    P(RtmGetNetworkCount, ULONG, (DWORD))                                   \
    P(RtmGetRouteAge, ULONG, (PVOID))                                       \
    P(RtmCreateEnumerationHandle, HANDLE, (DWORD, DWORD, PVOID))            \
    P(RtmEnumerateGetNextRoute, DWORD, (HANDLE, PVOID))                     \
    P(RtmCloseEnumerationHandle, DWORD, (HANDLE))                           \
    P(RtmBlockDeleteRoutes, DWORD, (HANDLE, DWORD, PVOID))                  \
    P(RtmGetFirstRoute, DWORD, (DWORD, DWORD, PVOID))                       \
    P(RtmGetNextRoute, DWORD, (DWORD, DWORD, PVOID))                        \
    P(RtmLookupIPDestination, WINBOOL, (DWORD, PRTM_IP_ROUTE))

#define RTM_LAYOUT_V1_ENTRIES                                               \
    RTM_LAYOUT_V1_TYPES(RTM_LAYOUT_E_S, RTM_LAYOUT_E_T, RTM_LAYOUT_E_R)     \
    RTM_LAYOUT_V1_STRUCTS(RTM_LAYOUT_E_S, RTM_LAYOUT_E_F, RTM_LAYOUT_E_N)   \
    RTM_LAYOUT_V1_CONSTANTS(RTM_LAYOUT_E_C)                                 \
    RTM_LAYOUT_V1_FUNCTIONS(RTM_LAYOUT_E_P)

/*
 * The route macros of rtm.h applied to an RTM_IP_ROUTE with network number
 * net and next hop hop, as bits: 1 IsRouteNonUnicast, 2 IsRouteLoopback,
 * 4 IsRouteValid after SetRouteValid, 8 IsRouteValid after
 * ClearRouteValid, 16 FSD_Flags is 0 after ClearRouteFlags, 32 the other
 * flags survive SetRouteValid and ClearRouteValid.
 */
unsigned rtm_v1_macros_ours(uint32_t net, uint32_t hop);
#ifdef _WIN32
unsigned rtm_v1_macros_sdk(uint32_t net, uint32_t hop);
#endif

#define RTM_LAYOUT_DEFINE_V1_HELPERS(sfx)                                   \
unsigned rtm_v1_macros_##sfx(uint32_t net, uint32_t hop)                    \
{                                                                           \
    RTM_IP_ROUTE r;                                                         \
    unsigned bits = 0;                                                      \
                                                                            \
    memset(&r, 0, sizeof(r));                                               \
    r.RR_Network.N_NetNumber = net;                                         \
    r.RR_NextHopAddress.N_NetNumber = hop;                                  \
    r.RR_FamilySpecificData.FSD_Flags = 0xF0;                               \
    bits |= IsRouteNonUnicast(&r) ? 1u : 0u;                                \
    bits |= IsRouteLoopback(&r) ? 2u : 0u;                                  \
    SetRouteValid(&r);                                                      \
    bits |= IsRouteValid(&r) ? 4u : 0u;                                     \
    ClearRouteValid(&r);                                                    \
    bits |= IsRouteValid(&r) ? 8u : 0u;                                     \
    bits |= r.RR_FamilySpecificData.FSD_Flags == 0xF0 ? 32u : 0u;           \
    ClearRouteFlags(&r);                                                    \
    bits |= r.RR_FamilySpecificData.FSD_Flags == 0 ? 16u : 0u;              \
    return bits;                                                            \
}

#endif /* RTM_ABI_LAYOUT_LIST_V1_H */
