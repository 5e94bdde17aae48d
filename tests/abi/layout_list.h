/*
 * layout_list.h - everything the ABI test measures, as X-macro lists.
 *
 * The same lists are expanded twice: in layout_sdk.c against the
 * toolchain's SDK <rtmv2.h>, <mgm.h> and <rtm.h> (Windows targets only) and
 * in layout_ours.c against the project's include/rtmv2.h, mgm.h and rtm.h
 * (whose lists are in layout_list_v1.h). Each file expands them twice: as
 * a table of (name, value) entries, in which test_abi_layout.c checks
 * concrete numbers and the macros' results at run time, and as absolute
 * symbols of its object file, which CheckLayoutSymbols.cmake compares
 * entry by entry between the two headers without running anything (so
 * also where no Wine can run the variant's programs).
 *
 * This header itself needs no rtmv2.h: the lists are only macro
 * definitions, expanded where the types exist. It also declares the tables
 * and the helper functions each of the two files defines, so
 * test_abi_layout.c can include it alone.
 *
 * Entry kinds (the X macros a list invokes):
 *   S(type)           sizeof and alignment of a type
 *   T(type)           sizeof, alignment and signedness of an integer type
 *   F(type, member)   offset, size and type class (integer, pointer,
 *                     record, ...: GCC's __builtin_classify_type) of a
 *                     member; member may be a path: ViewInfo[0].Route,
 *                     NextHopsList.NumNextHops, ...
 *   N(type, member)   as F, plus signedness, for integer members
 *   C(name)           value, size and signedness of a numeric constant
 *   R(a, b)           1 if types a and b are compatible (pointer typedefs,
 *                     struct tags, callback signatures)
 *   P(fn, ret, args)  1 if function fn has type ret WINAPI args
 *   M(fn, ret, args)  the same with the convention RTM_LAYOUT_MGM_CC (mgm.h)
 *
 * F, N, R and P rely on GCC/Clang builtins (__builtin_classify_type,
 * __builtin_types_compatible_p, __typeof__). Calling conventions are part
 * of a function type there, so a missing WINAPI shows up on i686.
 */
#ifndef RTM_ABI_LAYOUT_LIST_H
#define RTM_ABI_LAYOUT_LIST_H

#include <stddef.h>
#include <stdint.h>

#ifndef __GNUC__
#error "the ABI layout test needs GCC or Clang (__typeof__ and type builtins)"
#endif

/* ---------------------------------------------------------------------- */
/* Tables and helpers                                                     */
/* ---------------------------------------------------------------------- */

struct rtm_layout_entry {
    const char *name;
    unsigned long long value;
};

/* From layout_ours.c: the full list against include/rtmv2.h ... */
extern const struct rtm_layout_entry rtm_layout_ours[];
extern const size_t rtm_layout_ours_count;
/* ... and the entries only our header has (no SDK counterpart). */
extern const struct rtm_layout_entry rtm_layout_ours_extra[];
extern const size_t rtm_layout_ours_extra_count;

#ifdef _WIN32
/* From layout_sdk.c: the full list against the SDK's rtmv2.h. */
extern const struct rtm_layout_entry rtm_layout_sdk[];
extern const size_t rtm_layout_sdk_count;
#endif

/* Bytes in an RTM_NET_ADDRESS (2 + 2 + RTM_MAX_ADDRESS_SIZE). */
#define RTM_LAYOUT_NET_ADDRESS_BYTES 20

/*
 * What the IPv4 macros produce for one (address, length) pair. The
 * address is given and returned as the 32-bit value stored in AddrBits
 * (network byte order); the byte images are whole RTM_NET_ADDRESSes,
 * pre-filled with a pattern so untouched bytes show.
 */
struct rtm_ipv4_result {
    unsigned char make[RTM_LAYOUT_NET_ADDRESS_BYTES];     /* MAKE_NET_ADDRESS, fill 0xA5 */
    unsigned char set_len[RTM_LAYOUT_NET_ADDRESS_BYTES];  /* SET_ADDR_AND_LEN, fill 0x5A */
    unsigned char set_mask[RTM_LAYOUT_NET_ADDRESS_BYTES]; /* SET_ADDR_AND_MASK(addr, MASK_FROM_LEN(len)), fill 0xC3 */
    uint32_t get_len_addr;    /* GET_ADDR_AND_LEN on the set_len address */
    uint32_t get_len_len;
    uint32_t get_mask_addr;   /* GET_ADDR_AND_MASK on the set_mask address */
    uint32_t get_mask_mask;
    uint32_t mask_from_len;   /* MASK_FROM_LEN(len) */
    uint32_t len_from_mask;   /* LEN_FROM_MASK(MASK_FROM_LEN(len)) */
};

void rtm_ipv4_macros_ours(uint32_t addr, unsigned len, struct rtm_ipv4_result *out);
unsigned long long rtm_size_of_dest_info_ours(unsigned num_views);
unsigned long long rtm_size_of_route_info_ours(unsigned num_hops);
#ifdef _WIN32
void rtm_ipv4_macros_sdk(uint32_t addr, unsigned len, struct rtm_ipv4_result *out);
unsigned long long rtm_size_of_dest_info_sdk(unsigned num_views);
unsigned long long rtm_size_of_route_info_sdk(unsigned num_hops);
#endif

/* ---------------------------------------------------------------------- */
/* The lists                                                              */
/* ---------------------------------------------------------------------- */

/* Scalar and handle typedefs, tags and pointer typedefs. */
#define RTM_LAYOUT_TYPES(S, T, R)                                           \
    T(RTM_VIEW_ID)                                                          \
    T(RTM_VIEW_SET)                                                         \
    R(PRTM_VIEW_ID, RTM_VIEW_ID *)                                          \
    R(PRTM_VIEW_SET, RTM_VIEW_SET *)                                        \
    S(RTM_ENTITY_HANDLE)                                                    \
    S(RTM_DEST_HANDLE)                                                      \
    S(RTM_ROUTE_HANDLE)                                                     \
    S(RTM_NEXTHOP_HANDLE)                                                   \
    S(RTM_ENUM_HANDLE)                                                      \
    S(RTM_ROUTE_LIST_HANDLE)                                                \
    S(RTM_NOTIFY_HANDLE)                                                    \
    R(RTM_ENTITY_HANDLE, HANDLE)                                            \
    R(RTM_DEST_HANDLE, HANDLE)                                              \
    R(RTM_ROUTE_HANDLE, HANDLE)                                             \
    R(RTM_NEXTHOP_HANDLE, HANDLE)                                           \
    R(RTM_ENUM_HANDLE, HANDLE)                                              \
    R(RTM_ROUTE_LIST_HANDLE, HANDLE)                                        \
    R(RTM_NOTIFY_HANDLE, HANDLE)                                            \
    R(PRTM_ENTITY_HANDLE, RTM_ENTITY_HANDLE *)                              \
    R(PRTM_DEST_HANDLE, RTM_DEST_HANDLE *)                                  \
    R(PRTM_ROUTE_HANDLE, RTM_ROUTE_HANDLE *)                                \
    R(PRTM_NEXTHOP_HANDLE, RTM_NEXTHOP_HANDLE *)                            \
    R(PRTM_ENUM_HANDLE, RTM_ENUM_HANDLE *)                                  \
    R(PRTM_ROUTE_LIST_HANDLE, RTM_ROUTE_LIST_HANDLE *)                      \
    R(PRTM_NOTIFY_HANDLE, RTM_NOTIFY_HANDLE *)                              \
    R(struct _RTM_REGN_PROFILE, RTM_REGN_PROFILE)                           \
    R(PRTM_REGN_PROFILE, RTM_REGN_PROFILE *)                                \
    R(struct _RTM_NET_ADDRESS, RTM_NET_ADDRESS)                             \
    R(PRTM_NET_ADDRESS, RTM_NET_ADDRESS *)                                  \
    R(struct _RTM_PREF_INFO, RTM_PREF_INFO)                                 \
    R(PRTM_PREF_INFO, RTM_PREF_INFO *)                                      \
    R(struct _RTM_NEXTHOP_LIST, RTM_NEXTHOP_LIST)                           \
    R(PRTM_NEXTHOP_LIST, RTM_NEXTHOP_LIST *)                                \
    R(struct _RTM_DEST_INFO, RTM_DEST_INFO)                                 \
    R(PRTM_DEST_INFO, RTM_DEST_INFO *)                                      \
    R(struct _RTM_ROUTE_INFO, RTM_ROUTE_INFO)                               \
    R(PRTM_ROUTE_INFO, RTM_ROUTE_INFO *)                                    \
    R(struct _RTM_NEXTHOP_INFO, RTM_NEXTHOP_INFO)                           \
    R(PRTM_NEXTHOP_INFO, RTM_NEXTHOP_INFO *)                                \
    R(struct _RTM_ENTITY_ID, RTM_ENTITY_ID)                                 \
    R(PRTM_ENTITY_ID, RTM_ENTITY_ID *)                                      \
    R(struct _RTM_ENTITY_INFO, RTM_ENTITY_INFO)                             \
    R(PRTM_ENTITY_INFO, RTM_ENTITY_INFO *)                                  \
    T(RTM_EVENT_TYPE)                                                       \
    R(enum _RTM_EVENT_TYPE, RTM_EVENT_TYPE)                                 \
    R(PRTM_EVENT_TYPE, RTM_EVENT_TYPE *)                                    \
    S(RTM_EVENT_CALLBACK)                                                   \
    R(_EVENT_CALLBACK, DWORD (WINAPI *)(RTM_ENTITY_HANDLE, RTM_EVENT_TYPE,  \
                                        PVOID, PVOID))                      \
    R(RTM_EVENT_CALLBACK, _EVENT_CALLBACK)                                  \
    R(PRTM_EVENT_CALLBACK, RTM_EVENT_CALLBACK *)                            \
    T(RTM_ENTITY_METHOD_TYPE)                                               \
    R(PRTM_ENTITY_METHOD_TYPE, RTM_ENTITY_METHOD_TYPE *)                    \
    R(struct _RTM_ENTITY_METHOD_INPUT, RTM_ENTITY_METHOD_INPUT)             \
    R(PRTM_ENTITY_METHOD_INPUT, RTM_ENTITY_METHOD_INPUT *)                  \
    R(struct _RTM_ENTITY_METHOD_OUTPUT, RTM_ENTITY_METHOD_OUTPUT)           \
    R(PRTM_ENTITY_METHOD_OUTPUT, RTM_ENTITY_METHOD_OUTPUT *)                \
    S(RTM_ENTITY_EXPORT_METHOD)                                             \
    R(_ENTITY_METHOD, VOID (WINAPI *)(RTM_ENTITY_HANDLE, RTM_ENTITY_HANDLE, \
                                      RTM_ENTITY_METHOD_INPUT *,            \
                                      RTM_ENTITY_METHOD_OUTPUT *))          \
    R(RTM_ENTITY_EXPORT_METHOD, _ENTITY_METHOD)                             \
    R(PRTM_ENTITY_EXPORT_METHOD, RTM_ENTITY_EXPORT_METHOD *)                \
    R(struct _RTM_ENTITY_EXPORT_METHODS, RTM_ENTITY_EXPORT_METHODS)         \
    R(PRTM_ENTITY_EXPORT_METHODS, RTM_ENTITY_EXPORT_METHODS *)              \
    T(RTM_ROUTE_CHANGE_FLAGS)                                               \
    R(PRTM_ROUTE_CHANGE_FLAGS, RTM_ROUTE_CHANGE_FLAGS *)                    \
    T(RTM_NEXTHOP_CHANGE_FLAGS)                                             \
    R(PRTM_NEXTHOP_CHANGE_FLAGS, RTM_NEXTHOP_CHANGE_FLAGS *)                \
    T(RTM_MATCH_FLAGS)                                                      \
    R(PRTM_MATCH_FLAGS, RTM_MATCH_FLAGS *)                                  \
    T(RTM_ENUM_FLAGS)                                                       \
    R(PRTM_ENUM_FLAGS, RTM_ENUM_FLAGS *)                                    \
    T(RTM_NOTIFY_FLAGS)                                                     \
    R(PRTM_NOTIFY_FLAGS, RTM_NOTIFY_FLAGS *)

/* Every structure and every member, nested ones included. */
#define RTM_LAYOUT_STRUCTS(S, F, N)                                         \
    S(RTM_REGN_PROFILE)                                                     \
    N(RTM_REGN_PROFILE, MaxNextHopsInRoute)                                 \
    N(RTM_REGN_PROFILE, MaxHandlesInEnum)                                   \
    N(RTM_REGN_PROFILE, ViewsSupported)                                     \
    N(RTM_REGN_PROFILE, NumberOfViews)                                      \
                                                                            \
    S(RTM_NET_ADDRESS)                                                      \
    N(RTM_NET_ADDRESS, AddressFamily)                                       \
    N(RTM_NET_ADDRESS, NumBits)                                             \
    F(RTM_NET_ADDRESS, AddrBits)                                            \
    N(RTM_NET_ADDRESS, AddrBits[0])                                         \
                                                                            \
    S(RTM_PREF_INFO)                                                        \
    N(RTM_PREF_INFO, Metric)                                                \
    N(RTM_PREF_INFO, Preference)                                            \
                                                                            \
    S(RTM_NEXTHOP_LIST)                                                     \
    N(RTM_NEXTHOP_LIST, NumNextHops)                                        \
    F(RTM_NEXTHOP_LIST, NextHops)                                           \
    F(RTM_NEXTHOP_LIST, NextHops[0])                                        \
                                                                            \
    S(RTM_DEST_INFO)                                                        \
    F(RTM_DEST_INFO, DestHandle)                                            \
    F(RTM_DEST_INFO, DestAddress)                                           \
    N(RTM_DEST_INFO, DestAddress.AddressFamily)                             \
    N(RTM_DEST_INFO, DestAddress.NumBits)                                   \
    F(RTM_DEST_INFO, DestAddress.AddrBits)                                  \
    F(RTM_DEST_INFO, LastChanged)                                           \
    N(RTM_DEST_INFO, LastChanged.dwLowDateTime)                             \
    N(RTM_DEST_INFO, LastChanged.dwHighDateTime)                            \
    N(RTM_DEST_INFO, BelongsToViews)                                        \
    N(RTM_DEST_INFO, NumberOfViews)                                         \
    F(RTM_DEST_INFO, ViewInfo)                                              \
    F(RTM_DEST_INFO, ViewInfo[0])                                           \
    N(RTM_DEST_INFO, ViewInfo[0].ViewId)                                    \
    N(RTM_DEST_INFO, ViewInfo[0].NumRoutes)                                 \
    F(RTM_DEST_INFO, ViewInfo[0].Route)                                     \
    F(RTM_DEST_INFO, ViewInfo[0].Owner)                                     \
    N(RTM_DEST_INFO, ViewInfo[0].DestFlags)                                 \
    F(RTM_DEST_INFO, ViewInfo[0].HoldRoute)                                 \
    F(RTM_DEST_INFO, ViewInfo[1])                                           \
                                                                            \
    S(RTM_ROUTE_INFO)                                                       \
    F(RTM_ROUTE_INFO, DestHandle)                                           \
    F(RTM_ROUTE_INFO, RouteOwner)                                           \
    F(RTM_ROUTE_INFO, Neighbour)                                            \
    N(RTM_ROUTE_INFO, State)                                                \
    N(RTM_ROUTE_INFO, Flags1)                                               \
    N(RTM_ROUTE_INFO, Flags)                                                \
    F(RTM_ROUTE_INFO, PrefInfo)                                             \
    N(RTM_ROUTE_INFO, PrefInfo.Metric)                                      \
    N(RTM_ROUTE_INFO, PrefInfo.Preference)                                  \
    N(RTM_ROUTE_INFO, BelongsToViews)                                       \
    F(RTM_ROUTE_INFO, EntitySpecificInfo)                                   \
    F(RTM_ROUTE_INFO, NextHopsList)                                         \
    N(RTM_ROUTE_INFO, NextHopsList.NumNextHops)                             \
    F(RTM_ROUTE_INFO, NextHopsList.NextHops)                                \
    F(RTM_ROUTE_INFO, NextHopsList.NextHops[0])                             \
    F(RTM_ROUTE_INFO, NextHopsList.NextHops[1])                             \
                                                                            \
    S(RTM_NEXTHOP_INFO)                                                     \
    F(RTM_NEXTHOP_INFO, NextHopAddress)                                     \
    F(RTM_NEXTHOP_INFO, NextHopOwner)                                       \
    N(RTM_NEXTHOP_INFO, InterfaceIndex)                                     \
    N(RTM_NEXTHOP_INFO, State)                                              \
    N(RTM_NEXTHOP_INFO, Flags)                                              \
    F(RTM_NEXTHOP_INFO, EntitySpecificInfo)                                 \
    F(RTM_NEXTHOP_INFO, RemoteNextHop)                                      \
                                                                            \
    S(RTM_ENTITY_ID)                                                        \
    N(RTM_ENTITY_ID, EntityProtocolId)                                      \
    N(RTM_ENTITY_ID, EntityInstanceId)                                      \
    N(RTM_ENTITY_ID, EntityId)                                              \
                                                                            \
    S(RTM_ENTITY_INFO)                                                      \
    N(RTM_ENTITY_INFO, RtmInstanceId)                                       \
    N(RTM_ENTITY_INFO, AddressFamily)                                       \
    F(RTM_ENTITY_INFO, EntityId)                                            \
    N(RTM_ENTITY_INFO, EntityId.EntityProtocolId)                           \
    N(RTM_ENTITY_INFO, EntityId.EntityInstanceId)                           \
    N(RTM_ENTITY_INFO, EntityId.EntityId)                                   \
                                                                            \
    S(RTM_ENTITY_METHOD_INPUT)                                              \
    N(RTM_ENTITY_METHOD_INPUT, MethodType)                                  \
    N(RTM_ENTITY_METHOD_INPUT, InputSize)                                   \
    F(RTM_ENTITY_METHOD_INPUT, InputData)                                   \
    N(RTM_ENTITY_METHOD_INPUT, InputData[0])                                \
                                                                            \
    S(RTM_ENTITY_METHOD_OUTPUT)                                             \
    N(RTM_ENTITY_METHOD_OUTPUT, MethodType)                                 \
    N(RTM_ENTITY_METHOD_OUTPUT, MethodStatus)                               \
    N(RTM_ENTITY_METHOD_OUTPUT, OutputSize)                                 \
    F(RTM_ENTITY_METHOD_OUTPUT, OutputData)                                 \
    N(RTM_ENTITY_METHOD_OUTPUT, OutputData[0])                              \
                                                                            \
    S(RTM_ENTITY_EXPORT_METHODS)                                            \
    N(RTM_ENTITY_EXPORT_METHODS, NumMethods)                                \
    F(RTM_ENTITY_EXPORT_METHODS, Methods)                                   \
    F(RTM_ENTITY_EXPORT_METHODS, Methods[0])

/* Every numeric #define and enumerator of the SDK header. */
#define RTM_LAYOUT_CONSTANTS(C)                                             \
    C(RTM_MAX_ADDRESS_SIZE)                                                 \
    C(RTM_MAX_VIEWS)                                                        \
    C(RTM_VIEW_ID_UCAST)                                                    \
    C(RTM_VIEW_ID_MCAST)                                                    \
    C(RTM_VIEW_MASK_SIZE)                                                   \
    C(RTM_VIEW_MASK_NONE)                                                   \
    C(RTM_VIEW_MASK_ANY)                                                    \
    C(RTM_VIEW_MASK_UCAST)                                                  \
    C(RTM_VIEW_MASK_MCAST)                                                  \
    C(RTM_VIEW_MASK_ALL)                                                    \
    C(RTM_BASIC_DEST_INFO_SIZE)                                             \
    C(RTM_DEST_VIEW_INFO_SIZE)                                              \
    C(RTM_DEST_FLAG_NATURAL_NET)                                            \
    C(RTM_DEST_FLAG_FWD_ENGIN_ADD)                                          \
    C(RTM_DEST_FLAG_DONT_FORWARD)                                           \
    C(RTM_BASIC_ROUTE_INFO_SIZE)                                            \
    C(RTM_ROUTE_STATE_CREATED)                                              \
    C(RTM_ROUTE_STATE_DELETING)                                             \
    C(RTM_ROUTE_STATE_DELETED)                                              \
    C(RTM_ROUTE_FLAGS_MARTIAN)                                              \
    C(RTM_ROUTE_FLAGS_BLACKHOLE)                                            \
    C(RTM_ROUTE_FLAGS_DISCARD)                                              \
    C(RTM_ROUTE_FLAGS_INACTIVE)                                             \
    C(RTM_ROUTE_FLAGS_LOCAL)                                                \
    C(RTM_ROUTE_FLAGS_REMOTE)                                               \
    C(RTM_ROUTE_FLAGS_MYSELF)                                               \
    C(RTM_ROUTE_FLAGS_LOOPBACK)                                             \
    C(RTM_ROUTE_FLAGS_MCAST)                                                \
    C(RTM_ROUTE_FLAGS_LOCAL_MCAST)                                          \
    C(RTM_ROUTE_FLAGS_LIMITED_BC)                                           \
    C(RTM_ROUTE_FLAGS_ZEROS_NETBC)                                          \
    C(RTM_ROUTE_FLAGS_ZEROS_SUBNETBC)                                       \
    C(RTM_ROUTE_FLAGS_ONES_NETBC)                                           \
    C(RTM_ROUTE_FLAGS_ONES_SUBNETBC)                                        \
    C(RTM_ROUTE_FLAGS_FORWARDING)                                           \
    C(RTM_ROUTE_FLAGS_ANY_UNICAST)                                          \
    C(RTM_ROUTE_FLAGS_ANY_MCAST)                                            \
    C(RTM_ROUTE_FLAGS_SUBNET_BCAST)                                         \
    C(RTM_ROUTE_FLAGS_NET_BCAST)                                            \
    C(RTM_ROUTE_FLAGS_ANY_BCAST)                                            \
    C(RTM_NEXTHOP_STATE_CREATED)                                            \
    C(RTM_NEXTHOP_STATE_DELETED)                                            \
    C(RTM_NEXTHOP_FLAGS_REMOTE)                                             \
    C(RTM_NEXTHOP_FLAGS_DOWN)                                               \
    C(RTM_ENTITY_REGISTERED)                                                \
    C(RTM_ENTITY_DEREGISTERED)                                              \
    C(RTM_ROUTE_EXPIRED)                                                    \
    C(RTM_CHANGE_NOTIFICATION)                                              \
    C(METHOD_TYPE_ALL_METHODS)                                              \
    C(METHOD_RIP2_NEIGHBOUR_ADDR)                                           \
    C(METHOD_RIP2_OUTBOUND_INTF)                                            \
    C(METHOD_RIP2_ROUTE_TAG)                                                \
    C(METHOD_RIP2_ROUTE_TIMESTAMP)                                          \
    C(METHOD_OSPF_ROUTE_TYPE)                                               \
    C(METHOD_OSPF_ROUTE_METRIC)                                             \
    C(METHOD_OSPF_LSDB_TYPE)                                                \
    C(METHOD_OSPF_ROUTE_TAG)                                                \
    C(METHOD_OSPF_ROUTE_AREA)                                               \
    C(METHOD_OSPF_FWD_ADDRESS)                                              \
    C(METHOD_BGP4_AS_PATH)                                                  \
    C(METHOD_BGP4_PEER_ID)                                                  \
    C(METHOD_BGP4_PA_ORIGIN)                                                \
    C(METHOD_BGP4_NEXTHOP_ATTR)                                             \
    C(RTM_RESUME_METHODS)                                                   \
    C(RTM_BLOCK_METHODS)                                                    \
    C(RTM_ROUTE_CHANGE_FIRST)                                               \
    C(RTM_ROUTE_CHANGE_NEW)                                                 \
    C(RTM_ROUTE_CHANGE_BEST)                                                \
    C(RTM_NEXTHOP_CHANGE_NEW)                                               \
    C(RTM_MATCH_NONE)                                                       \
    C(RTM_MATCH_OWNER)                                                      \
    C(RTM_MATCH_NEIGHBOUR)                                                  \
    C(RTM_MATCH_PREF)                                                       \
    C(RTM_MATCH_NEXTHOP)                                                    \
    C(RTM_MATCH_INTERFACE)                                                  \
    C(RTM_MATCH_FULL)                                                       \
    C(RTM_BEST_PROTOCOL)                                                    \
    C(RTM_THIS_PROTOCOL)                                                    \
    C(RTM_ENUM_START)                                                       \
    C(RTM_ENUM_NEXT)                                                        \
    C(RTM_ENUM_RANGE)                                                       \
    C(RTM_ENUM_ALL_DESTS)                                                   \
    C(RTM_ENUM_OWN_DESTS)                                                   \
    C(RTM_ENUM_ALL_ROUTES)                                                  \
    C(RTM_ENUM_OWN_ROUTES)                                                  \
    C(RTM_NUM_CHANGE_TYPES)                                                 \
    C(RTM_CHANGE_TYPE_ALL)                                                  \
    C(RTM_CHANGE_TYPE_BEST)                                                 \
    C(RTM_CHANGE_TYPE_FORWARDING)                                           \
    C(RTM_NOTIFY_ONLY_MARKED_DESTS)

/* Every function of the SDK header, with its exact type. */
#define RTM_LAYOUT_FUNCTIONS(P)                                             \
    P(RtmRegisterEntity, DWORD,                                             \
      (PRTM_ENTITY_INFO, PRTM_ENTITY_EXPORT_METHODS, RTM_EVENT_CALLBACK,    \
       BOOL, PRTM_REGN_PROFILE, PRTM_ENTITY_HANDLE))                        \
    P(RtmDeregisterEntity, DWORD, (RTM_ENTITY_HANDLE))                      \
    P(RtmGetRegisteredEntities, DWORD,                                      \
      (RTM_ENTITY_HANDLE, PUINT, PRTM_ENTITY_HANDLE, PRTM_ENTITY_INFO))     \
    P(RtmReleaseEntities, DWORD,                                            \
      (RTM_ENTITY_HANDLE, UINT, PRTM_ENTITY_HANDLE))                        \
    P(RtmLockDestination, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, BOOL, BOOL))                     \
    P(RtmGetOpaqueInformationPointer, DWORD,                                \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, PVOID *))                        \
    P(RtmGetEntityMethods, DWORD,                                           \
      (RTM_ENTITY_HANDLE, RTM_ENTITY_HANDLE, PUINT,                         \
       PRTM_ENTITY_EXPORT_METHOD))                                          \
    P(RtmInvokeMethod, DWORD,                                               \
      (RTM_ENTITY_HANDLE, RTM_ENTITY_HANDLE, PRTM_ENTITY_METHOD_INPUT,      \
       PUINT, PRTM_ENTITY_METHOD_OUTPUT))                                   \
    P(RtmBlockMethods, DWORD,                                               \
      (RTM_ENTITY_HANDLE, HANDLE, UCHAR, DWORD))                            \
    P(RtmGetEntityInfo, DWORD,                                              \
      (RTM_ENTITY_HANDLE, RTM_ENTITY_HANDLE, PRTM_ENTITY_INFO))             \
    P(RtmGetDestInfo, DWORD,                                                \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, ULONG, RTM_VIEW_SET,             \
       PRTM_DEST_INFO))                                                     \
    P(RtmGetRouteInfo, DWORD,                                               \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, PRTM_ROUTE_INFO,                \
       PRTM_NET_ADDRESS))                                                   \
    P(RtmGetNextHopInfo, DWORD,                                             \
      (RTM_ENTITY_HANDLE, RTM_NEXTHOP_HANDLE, PRTM_NEXTHOP_INFO))           \
    P(RtmReleaseEntityInfo, DWORD, (RTM_ENTITY_HANDLE, PRTM_ENTITY_INFO))   \
    P(RtmReleaseDestInfo, DWORD, (RTM_ENTITY_HANDLE, PRTM_DEST_INFO))       \
    P(RtmReleaseRouteInfo, DWORD, (RTM_ENTITY_HANDLE, PRTM_ROUTE_INFO))     \
    P(RtmReleaseNextHopInfo, DWORD, (RTM_ENTITY_HANDLE, PRTM_NEXTHOP_INFO)) \
    P(RtmAddRouteToDest, DWORD,                                             \
      (RTM_ENTITY_HANDLE, PRTM_ROUTE_HANDLE, PRTM_NET_ADDRESS,              \
       PRTM_ROUTE_INFO, ULONG, RTM_ROUTE_LIST_HANDLE, RTM_NOTIFY_FLAGS,     \
       RTM_NOTIFY_HANDLE, PRTM_ROUTE_CHANGE_FLAGS))                         \
    P(RtmDeleteRouteToDest, DWORD,                                          \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, PRTM_ROUTE_CHANGE_FLAGS))       \
    P(RtmHoldDestination, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, RTM_VIEW_SET, ULONG))            \
    P(RtmGetRoutePointer, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, PRTM_ROUTE_INFO *))             \
    P(RtmLockRoute, DWORD,                                                  \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, BOOL, BOOL, PRTM_ROUTE_INFO *)) \
    P(RtmUpdateAndUnlockRoute, DWORD,                                       \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, ULONG, RTM_ROUTE_LIST_HANDLE,   \
       RTM_NOTIFY_FLAGS, RTM_NOTIFY_HANDLE, PRTM_ROUTE_CHANGE_FLAGS))       \
    P(RtmGetExactMatchDestination, DWORD,                                   \
      (RTM_ENTITY_HANDLE, PRTM_NET_ADDRESS, ULONG, RTM_VIEW_SET,            \
       PRTM_DEST_INFO))                                                     \
    P(RtmGetMostSpecificDestination, DWORD,                                 \
      (RTM_ENTITY_HANDLE, PRTM_NET_ADDRESS, ULONG, RTM_VIEW_SET,            \
       PRTM_DEST_INFO))                                                     \
    P(RtmGetLessSpecificDestination, DWORD,                                 \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, ULONG, RTM_VIEW_SET,             \
       PRTM_DEST_INFO))                                                     \
    P(RtmGetExactMatchRoute, DWORD,                                         \
      (RTM_ENTITY_HANDLE, PRTM_NET_ADDRESS, RTM_MATCH_FLAGS,                \
       PRTM_ROUTE_INFO, ULONG, RTM_VIEW_SET, PRTM_ROUTE_HANDLE))            \
    P(RtmIsBestRoute, DWORD,                                                \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_HANDLE, PRTM_VIEW_SET))                 \
    P(RtmAddNextHop, DWORD,                                                 \
      (RTM_ENTITY_HANDLE, PRTM_NEXTHOP_INFO, PRTM_NEXTHOP_HANDLE,           \
       PRTM_NEXTHOP_CHANGE_FLAGS))                                          \
    P(RtmFindNextHop, DWORD,                                                \
      (RTM_ENTITY_HANDLE, PRTM_NEXTHOP_INFO, PRTM_NEXTHOP_HANDLE,           \
       PRTM_NEXTHOP_INFO *))                                                \
    P(RtmDeleteNextHop, DWORD,                                              \
      (RTM_ENTITY_HANDLE, RTM_NEXTHOP_HANDLE, PRTM_NEXTHOP_INFO))           \
    P(RtmGetNextHopPointer, DWORD,                                          \
      (RTM_ENTITY_HANDLE, RTM_NEXTHOP_HANDLE, PRTM_NEXTHOP_INFO *))         \
    P(RtmLockNextHop, DWORD,                                                \
      (RTM_ENTITY_HANDLE, RTM_NEXTHOP_HANDLE, BOOL, BOOL,                   \
       PRTM_NEXTHOP_INFO *))                                                \
    P(RtmCreateDestEnum, DWORD,                                             \
      (RTM_ENTITY_HANDLE, RTM_VIEW_SET, RTM_ENUM_FLAGS, PRTM_NET_ADDRESS,   \
       ULONG, PRTM_ENUM_HANDLE))                                            \
    P(RtmGetEnumDests, DWORD,                                               \
      (RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, PRTM_DEST_INFO))          \
    P(RtmReleaseDests, DWORD, (RTM_ENTITY_HANDLE, UINT, PRTM_DEST_INFO))    \
    P(RtmCreateRouteEnum, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_DEST_HANDLE, RTM_VIEW_SET, RTM_ENUM_FLAGS,    \
       PRTM_NET_ADDRESS, RTM_MATCH_FLAGS, PRTM_ROUTE_INFO, ULONG,           \
       PRTM_ENUM_HANDLE))                                                   \
    P(RtmGetEnumRoutes, DWORD,                                              \
      (RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, PRTM_ROUTE_HANDLE))       \
    P(RtmReleaseRoutes, DWORD,                                              \
      (RTM_ENTITY_HANDLE, UINT, PRTM_ROUTE_HANDLE))                         \
    P(RtmCreateNextHopEnum, DWORD,                                          \
      (RTM_ENTITY_HANDLE, RTM_ENUM_FLAGS, PRTM_NET_ADDRESS,                 \
       PRTM_ENUM_HANDLE))                                                   \
    P(RtmGetEnumNextHops, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, PRTM_NEXTHOP_HANDLE))     \
    P(RtmReleaseNextHops, DWORD,                                            \
      (RTM_ENTITY_HANDLE, UINT, PRTM_NEXTHOP_HANDLE))                       \
    P(RtmDeleteEnumHandle, DWORD, (RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE))     \
    P(RtmRegisterForChangeNotification, DWORD,                              \
      (RTM_ENTITY_HANDLE, RTM_VIEW_SET, RTM_NOTIFY_FLAGS, PVOID,            \
       PRTM_NOTIFY_HANDLE))                                                 \
    P(RtmGetChangedDests, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, PUINT, PRTM_DEST_INFO))        \
    P(RtmReleaseChangedDests, DWORD,                                        \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, UINT, PRTM_DEST_INFO))         \
    P(RtmIgnoreChangedDests, DWORD,                                         \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, UINT, PRTM_DEST_HANDLE))       \
    P(RtmGetChangeStatus, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, RTM_DEST_HANDLE, PBOOL))       \
    P(RtmMarkDestForChangeNotification, DWORD,                              \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, RTM_DEST_HANDLE, BOOL))        \
    P(RtmIsMarkedForChangeNotification, DWORD,                              \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE, RTM_DEST_HANDLE, PBOOL))       \
    P(RtmDeregisterFromChangeNotification, DWORD,                           \
      (RTM_ENTITY_HANDLE, RTM_NOTIFY_HANDLE))                               \
    P(RtmCreateRouteList, DWORD,                                            \
      (RTM_ENTITY_HANDLE, PRTM_ROUTE_LIST_HANDLE))                          \
    P(RtmInsertInRouteList, DWORD,                                          \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_LIST_HANDLE, UINT, PRTM_ROUTE_HANDLE))  \
    P(RtmCreateRouteListEnum, DWORD,                                        \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_LIST_HANDLE, PRTM_ENUM_HANDLE))         \
    P(RtmGetListEnumRoutes, DWORD,                                          \
      (RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, PRTM_ROUTE_HANDLE))       \
    P(RtmDeleteRouteList, DWORD,                                            \
      (RTM_ENTITY_HANDLE, RTM_ROUTE_LIST_HANDLE))                           \
    P(RtmReferenceHandles, DWORD, (RTM_ENTITY_HANDLE, UINT, HANDLE *))

/*
 * mgm.h: its structures, callback types, constants and prototypes, and the
 * multicast forwarding entries of iprtrmib.h it uses (which our mgm.h
 * defines natively). The SDK's mgm.h declares the functions without WINAPI
 * (see include/mgm.h): their prototypes are compared with the convention
 * each file gives RTM_LAYOUT_MGM_CC (none for the SDK's, WINAPI for ours),
 * and ours are also checked against WINAPI alone (RTM_LAYOUT_OURS_ONLY).
 */
#define RTM_LAYOUT_MGM_TYPES(S, T, R)                                       \
    R(struct _MGM_IF_ENTRY, MGM_IF_ENTRY)                                   \
    R(PMGM_IF_ENTRY, MGM_IF_ENTRY *)                                        \
    R(struct _ROUTING_PROTOCOL_CONFIG, ROUTING_PROTOCOL_CONFIG)             \
    R(PROUTING_PROTOCOL_CONFIG, ROUTING_PROTOCOL_CONFIG *)                  \
    R(struct _SOURCE_GROUP_ENTRY, SOURCE_GROUP_ENTRY)                       \
    R(PSOURCE_GROUP_ENTRY, SOURCE_GROUP_ENTRY *)                            \
    T(MGM_ENUM_TYPES)                                                       \
    R(enum _MGM_ENUM_TYPES, MGM_ENUM_TYPES)                                 \
    R(PMIB_IPMCAST_MFE, MIB_IPMCAST_MFE *)                                  \
    R(PMGM_RPF_CALLBACK,                                                    \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, PDWORD, PDWORD, PDWORD, DWORD,  \
                PBYTE, PBYTE))                                              \
    R(PMGM_CREATION_ALERT_CALLBACK,                                         \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD,            \
                PMGM_IF_ENTRY))                                             \
    R(PMGM_PRUNE_ALERT_CALLBACK,                                            \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, WINBOOL, PDWORD)) \
    R(PMGM_JOIN_ALERT_CALLBACK,                                             \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, WINBOOL))                       \
    R(PMGM_WRONG_IF_CALLBACK,                                               \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, DWORD, PBYTE))                  \
    R(PMGM_LOCAL_JOIN_CALLBACK,                                             \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, DWORD, DWORD))                  \
    R(PMGM_LOCAL_LEAVE_CALLBACK,                                            \
      DWORD (*)(DWORD, DWORD, DWORD, DWORD, DWORD, DWORD))                  \
    R(PMGM_DISABLE_IGMP_CALLBACK, DWORD (*)(DWORD, DWORD))                  \
    R(PMGM_ENABLE_IGMP_CALLBACK, DWORD (*)(DWORD, DWORD))

#define RTM_LAYOUT_MGM_STRUCTS(S, F, N)                                     \
    S(MGM_IF_ENTRY)                                                         \
    N(MGM_IF_ENTRY, dwIfIndex)                                              \
    N(MGM_IF_ENTRY, dwIfNextHopAddr)                                        \
    N(MGM_IF_ENTRY, bIGMP)                                                  \
    N(MGM_IF_ENTRY, bIsEnabled)                                             \
                                                                            \
    S(ROUTING_PROTOCOL_CONFIG)                                              \
    N(ROUTING_PROTOCOL_CONFIG, dwCallbackFlags)                             \
    F(ROUTING_PROTOCOL_CONFIG, pfnRpfCallback)                              \
    F(ROUTING_PROTOCOL_CONFIG, pfnCreationAlertCallback)                    \
    F(ROUTING_PROTOCOL_CONFIG, pfnPruneAlertCallback)                       \
    F(ROUTING_PROTOCOL_CONFIG, pfnJoinAlertCallback)                        \
    F(ROUTING_PROTOCOL_CONFIG, pfnWrongIfCallback)                          \
    F(ROUTING_PROTOCOL_CONFIG, pfnLocalJoinCallback)                        \
    F(ROUTING_PROTOCOL_CONFIG, pfnLocalLeaveCallback)                       \
    F(ROUTING_PROTOCOL_CONFIG, pfnDisableIgmpCallback)                      \
    F(ROUTING_PROTOCOL_CONFIG, pfnEnableIgmpCallback)                       \
                                                                            \
    S(SOURCE_GROUP_ENTRY)                                                   \
    N(SOURCE_GROUP_ENTRY, dwSourceAddr)                                     \
    N(SOURCE_GROUP_ENTRY, dwSourceMask)                                     \
    N(SOURCE_GROUP_ENTRY, dwGroupAddr)                                      \
    N(SOURCE_GROUP_ENTRY, dwGroupMask)                                      \
                                                                            \
    S(MIB_IPMCAST_OIF)                                                      \
    N(MIB_IPMCAST_OIF, dwOutIfIndex)                                        \
    N(MIB_IPMCAST_OIF, dwNextHopAddr)                                       \
    N(MIB_IPMCAST_OIF, dwReserved1)                                         \
                                                                            \
    S(MIB_IPMCAST_MFE)                                                      \
    N(MIB_IPMCAST_MFE, dwGroup)                                             \
    N(MIB_IPMCAST_MFE, dwSource)                                            \
    N(MIB_IPMCAST_MFE, dwSrcMask)                                           \
    N(MIB_IPMCAST_MFE, dwUpStrmNgbr)                                        \
    N(MIB_IPMCAST_MFE, dwInIfIndex)                                         \
    N(MIB_IPMCAST_MFE, dwInIfProtocol)                                      \
    N(MIB_IPMCAST_MFE, dwRouteProtocol)                                     \
    N(MIB_IPMCAST_MFE, dwRouteNetwork)                                      \
    N(MIB_IPMCAST_MFE, dwRouteMask)                                         \
    N(MIB_IPMCAST_MFE, ulUpTime)                                            \
    N(MIB_IPMCAST_MFE, ulExpiryTime)                                        \
    N(MIB_IPMCAST_MFE, ulTimeOut)                                           \
    N(MIB_IPMCAST_MFE, ulNumOutIf)                                          \
    N(MIB_IPMCAST_MFE, fFlags)                                              \
    N(MIB_IPMCAST_MFE, dwReserved)                                          \
    F(MIB_IPMCAST_MFE, rgmioOutInfo)                                        \
    F(MIB_IPMCAST_MFE, rgmioOutInfo[0])                                     \
                                                                            \
    S(MIB_IPMCAST_OIF_STATS)                                                \
    N(MIB_IPMCAST_OIF_STATS, dwOutIfIndex)                                  \
    N(MIB_IPMCAST_OIF_STATS, dwNextHopAddr)                                 \
    N(MIB_IPMCAST_OIF_STATS, dwDialContext)                                 \
    N(MIB_IPMCAST_OIF_STATS, ulTtlTooLow)                                   \
    N(MIB_IPMCAST_OIF_STATS, ulFragNeeded)                                  \
    N(MIB_IPMCAST_OIF_STATS, ulOutPackets)                                  \
    N(MIB_IPMCAST_OIF_STATS, ulOutDiscards)                                 \
                                                                            \
    S(MIB_IPMCAST_MFE_STATS)                                                \
    N(MIB_IPMCAST_MFE_STATS, ulUpTime)                                      \
    N(MIB_IPMCAST_MFE_STATS, ulNumOutIf)                                    \
    N(MIB_IPMCAST_MFE_STATS, ulInPkts)                                      \
    N(MIB_IPMCAST_MFE_STATS, ulQueueOverflow)                               \
    F(MIB_IPMCAST_MFE_STATS, rgmiosOutStats)                                \
                                                                            \
    S(MIB_IPMCAST_MFE_STATS_EX)                                             \
    N(MIB_IPMCAST_MFE_STATS_EX, ulQueueOverflow)                            \
    N(MIB_IPMCAST_MFE_STATS_EX, ulUninitMfe)                                \
    N(MIB_IPMCAST_MFE_STATS_EX, ulNegativeMfe)                              \
    N(MIB_IPMCAST_MFE_STATS_EX, ulInDiscards)                               \
    N(MIB_IPMCAST_MFE_STATS_EX, ulInHdrErrors)                              \
    N(MIB_IPMCAST_MFE_STATS_EX, ulTotalOutPackets)                          \
    F(MIB_IPMCAST_MFE_STATS_EX, rgmiosOutStats)

#define RTM_LAYOUT_MGM_CONSTANTS(C)                                         \
    C(MGM_JOIN_STATE_FLAG)                                                  \
    C(MGM_FORWARD_STATE_FLAG)                                               \
    C(MGM_MFE_STATS_0)                                                      \
    C(MGM_MFE_STATS_1)                                                      \
    C(ANY_SOURCE)                                                           \
    C(ALL_SOURCES)                                                          \
    C(SIZEOF_BASIC_MIB_MFE)                                                 \
    C(SIZEOF_MIB_MFE(3))                                                    \
    C(SIZEOF_BASIC_MIB_MFE_STATS)                                           \
    C(SIZEOF_MIB_MFE_STATS(3))                                              \
    C(SIZEOF_BASIC_MIB_MFE_STATS_EX)                                        \
    C(SIZEOF_MIB_MFE_STATS_EX(3))

/* The 16 functions mgm.h declares that Rtm.dll exports (not MgmSetMfe). */
#define RTM_LAYOUT_MGM_FUNCTIONS(P)                                         \
    P(MgmRegisterMProtocol, DWORD,                                          \
      (PROUTING_PROTOCOL_CONFIG, DWORD, DWORD, HANDLE *))                   \
    P(MgmDeRegisterMProtocol, DWORD, (HANDLE))                              \
    P(MgmTakeInterfaceOwnership, DWORD, (HANDLE, DWORD, DWORD))             \
    P(MgmReleaseInterfaceOwnership, DWORD, (HANDLE, DWORD, DWORD))          \
    P(MgmGetProtocolOnInterface, DWORD, (DWORD, DWORD, PDWORD, PDWORD))     \
    P(MgmAddGroupMembershipEntry, DWORD,                                    \
      (HANDLE, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD))            \
    P(MgmDeleteGroupMembershipEntry, DWORD,                                 \
      (HANDLE, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD))            \
    P(MgmGetMfe, DWORD, (PMIB_IPMCAST_MFE, PDWORD, PBYTE))                  \
    P(MgmGetFirstMfe, DWORD, (PDWORD, PBYTE, PDWORD))                       \
    P(MgmGetNextMfe, DWORD, (PMIB_IPMCAST_MFE, PDWORD, PBYTE, PDWORD))      \
    P(MgmGetMfeStats, DWORD, (PMIB_IPMCAST_MFE, PDWORD, PBYTE, DWORD))      \
    P(MgmGetFirstMfeStats, DWORD, (PDWORD, PBYTE, PDWORD, DWORD))           \
    P(MgmGetNextMfeStats, DWORD,                                            \
      (PMIB_IPMCAST_MFE, PDWORD, PBYTE, PDWORD, DWORD))                     \
    P(MgmGroupEnumerationStart, DWORD, (HANDLE, MGM_ENUM_TYPES, HANDLE *))  \
    P(MgmGroupEnumerationGetNext, DWORD, (HANDLE, PDWORD, PBYTE, PDWORD))   \
    P(MgmGroupEnumerationEnd, DWORD, (HANDLE))

/* What only our header declares (the later IPv6 helpers). */
#define RTM_LAYOUT_OURS_ONLY(S, P)                                          \
    RTM_LAYOUT_MGM_FUNCTIONS(P)                                             \
    S(IN6_ADDR)                                                             \
    P(RtmConvertNetAddressToIpv6AddressAndLength, DWORD,                    \
      (PRTM_NET_ADDRESS, IN6_ADDR *, ULONG *, ULONG))                       \
    P(RtmConvertIpv6AddressAndLengthToNetAddress, DWORD,                    \
      (PRTM_NET_ADDRESS, IN6_ADDR, ULONG, ULONG))

/* ---------------------------------------------------------------------- */
/* Turning the lists into table entries                                   */
/* ---------------------------------------------------------------------- */

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define RTM_LAYOUT_ALIGNOF(t) _Alignof(t)
#else
#define RTM_LAYOUT_ALIGNOF(t) __alignof__(t)
#endif

/* Nonzero if integer type t is signed: (t)-1 wraps above zero otherwise. */
#define RTM_LAYOUT_SIGNED(t) (!((t)((t)0 - 1) > (t)0))
#define RTM_LAYOUT_MEMBER_TYPE(t, m) __typeof__(((t *)0)->m)

/*
 * Each entry is RTM_LAYOUT_ENTRY(name, value), a constant expression: the
 * file that expands a list defines RTM_LAYOUT_ENTRY first, as one of
 *   RTM_LAYOUT_TABLE_ENTRY   an initialiser of a struct rtm_layout_entry;
 *   RTM_LAYOUT_SYMBOL_ENTRY  an absolute symbol of the object file, read
 *                            without running anything (see
 *                            RTM_LAYOUT_DEFINE_SYMBOLS).
 */
#define RTM_LAYOUT_E_S(t)                                                   \
    RTM_LAYOUT_ENTRY("sizeof(" #t ")", sizeof(t))                           \
    RTM_LAYOUT_ENTRY("alignof(" #t ")", RTM_LAYOUT_ALIGNOF(t))
#define RTM_LAYOUT_E_T(t)                                                   \
    RTM_LAYOUT_E_S(t)                                                       \
    RTM_LAYOUT_ENTRY("signed(" #t ")", RTM_LAYOUT_SIGNED(t))
#define RTM_LAYOUT_E_F(t, m)                                                \
    RTM_LAYOUT_ENTRY("offsetof(" #t ", " #m ")", offsetof(t, m))            \
    RTM_LAYOUT_ENTRY("sizeof(" #t "." #m ")", sizeof(((t *)0)->m))          \
    RTM_LAYOUT_ENTRY("class(" #t "." #m ")",                                \
                     __builtin_classify_type(((t *)0)->m))
#define RTM_LAYOUT_E_N(t, m)                                                \
    RTM_LAYOUT_E_F(t, m)                                                    \
    RTM_LAYOUT_ENTRY("signed(" #t "." #m ")",                               \
                     RTM_LAYOUT_SIGNED(RTM_LAYOUT_MEMBER_TYPE(t, m)))
/* A constant's signedness: (c) * 0 - 1 is negative only for signed types. */
#define RTM_LAYOUT_E_C(c)                                                   \
    RTM_LAYOUT_ENTRY(#c, (c))                                               \
    RTM_LAYOUT_ENTRY("sizeof(" #c ")", sizeof(c))                           \
    RTM_LAYOUT_ENTRY("signed(" #c ")", !((c) * 0 - 1 > 0))
#define RTM_LAYOUT_E_R(a, b)                                                \
    RTM_LAYOUT_ENTRY("compatible(" #a ", " #b ")",                          \
                     __builtin_types_compatible_p(a, b))
#define RTM_LAYOUT_E_P(fn, ret, args)                                       \
    RTM_LAYOUT_ENTRY("prototype(" #fn ")",                                  \
        __builtin_types_compatible_p(__typeof__(&fn), ret (WINAPI *) args))
/* An MGM prototype, with the convention the including file names (see
 * RTM_LAYOUT_MGM_FUNCTIONS). */
#define RTM_LAYOUT_E_M(fn, ret, args)                                       \
    RTM_LAYOUT_ENTRY("prototype(" #fn ")",                                  \
        __builtin_types_compatible_p(__typeof__(&fn),                       \
                                     ret (RTM_LAYOUT_MGM_CC *) args))

#define RTM_LAYOUT_TABLE_ENTRY(name, value) { name, (unsigned long long)(value) },

/*
 * "rtm_layout <name>" = the low 32 bits of the value, "rtm_layout <name>
 * >>32" = the high ones: absolute symbols, which nm lists as
 * "<value> A rtm_layout <name>" (tests/abi/CheckLayoutSymbols.cmake
 * compares the two headers' objects so, on any target, without running).
 */
#define RTM_LAYOUT_SYMBOL_ENTRY(name, value)                                \
    __asm__(".globl \"rtm_layout " name "\"\n\t"                            \
            ".set \"rtm_layout " name "\", %c0\n\t"                         \
            ".globl \"rtm_layout " name " >>32\"\n\t"                         \
            ".set \"rtm_layout " name " >>32\", %c1"                          \
            : : "n"((unsigned)(unsigned long long)(value)),                 \
                "n"((unsigned)((unsigned long long)(value) >> 32)));

/*
 * Defines a function, never called, whose body makes the symbols of every
 * entry of RTM_LAYOUT_ENTRIES (RTM_LAYOUT_ENTRY must be
 * RTM_LAYOUT_SYMBOL_ENTRY where this is used).
 */
#define RTM_LAYOUT_DEFINE_SYMBOLS(sfx)                                      \
    __attribute__((used)) static void rtm_layout_symbols_##sfx(void)       \
    {                                                                       \
        RTM_LAYOUT_ENTRIES                                                  \
    }

/* The initialiser of a full table: compare with rtm_layout_sdk[]. */
#define RTM_LAYOUT_ENTRIES                                                  \
    RTM_LAYOUT_TYPES(RTM_LAYOUT_E_S, RTM_LAYOUT_E_T, RTM_LAYOUT_E_R)        \
    RTM_LAYOUT_STRUCTS(RTM_LAYOUT_E_S, RTM_LAYOUT_E_F, RTM_LAYOUT_E_N)      \
    RTM_LAYOUT_CONSTANTS(RTM_LAYOUT_E_C)                                    \
    RTM_LAYOUT_FUNCTIONS(RTM_LAYOUT_E_P)                                    \
    RTM_LAYOUT_MGM_TYPES(RTM_LAYOUT_E_S, RTM_LAYOUT_E_T, RTM_LAYOUT_E_R)    \
    RTM_LAYOUT_MGM_STRUCTS(RTM_LAYOUT_E_S, RTM_LAYOUT_E_F, RTM_LAYOUT_E_N)  \
    RTM_LAYOUT_MGM_CONSTANTS(RTM_LAYOUT_E_C)                                \
    RTM_LAYOUT_MGM_FUNCTIONS(RTM_LAYOUT_E_M)                                \
    RTM_LAYOUT_V1_ENTRIES

/* The initialiser of rtm_layout_ours_extra[]. */
#define RTM_LAYOUT_OURS_ONLY_ENTRIES                                        \
    RTM_LAYOUT_OURS_ONLY(RTM_LAYOUT_E_S, RTM_LAYOUT_E_P)

/* ---------------------------------------------------------------------- */
/* The macro helpers, defined once for each header                        */
/* ---------------------------------------------------------------------- */

/*
 * Expands to the definitions of rtm_ipv4_macros_<sfx>(),
 * rtm_size_of_dest_info_<sfx>() and rtm_size_of_route_info_<sfx>(), using
 * whichever rtmv2.h the including file has. The macros are used as plain
 * statements ending in ';', which is how both headers' versions work.
 * Needs <string.h>.
 */
#define RTM_LAYOUT_DEFINE_HELPERS(sfx)                                      \
void rtm_ipv4_macros_##sfx(uint32_t addr, unsigned len,                     \
                           struct rtm_ipv4_result *out)                     \
{                                                                           \
    RTM_NET_ADDRESS na;                                                     \
    ULONG a, m;                                                             \
    UINT l;                                                                 \
    typedef char net_address_size_ok                                        \
        [sizeof(na) == RTM_LAYOUT_NET_ADDRESS_BYTES ? 1 : -1];              \
                                                                            \
    memset(out, 0, sizeof(*out));                                           \
                                                                            \
    memset(&na, 0xA5, sizeof(na));                                          \
    RTM_IPV4_MAKE_NET_ADDRESS(&na, addr, len);                              \
    memcpy(out->make, &na, sizeof(na));                                     \
                                                                            \
    memset(&na, 0x5A, sizeof(na));                                          \
    RTM_IPV4_SET_ADDR_AND_LEN(&na, addr, len);                              \
    memcpy(out->set_len, &na, sizeof(na));                                  \
    a = 0x12345678;                                                         \
    l = 999;                                                                \
    RTM_IPV4_GET_ADDR_AND_LEN(a, l, &na);                                   \
    out->get_len_addr = a;                                                  \
    out->get_len_len = l;                                                   \
                                                                            \
    m = RTM_IPV4_MASK_FROM_LEN(len);                                        \
    out->mask_from_len = m;                                                 \
    l = 999;                                                                \
    RTM_IPV4_LEN_FROM_MASK(l, m);                                           \
    out->len_from_mask = l;                                                 \
                                                                            \
    memset(&na, 0xC3, sizeof(na));                                          \
    RTM_IPV4_SET_ADDR_AND_MASK(&na, addr, m);                               \
    memcpy(out->set_mask, &na, sizeof(na));                                 \
    a = 0x12345678;                                                         \
    m = 0x9ABCDEF0;                                                         \
    RTM_IPV4_GET_ADDR_AND_MASK(a, m, &na);                                  \
    out->get_mask_addr = a;                                                 \
    out->get_mask_mask = m;                                                 \
    (void)sizeof(net_address_size_ok);                                      \
}                                                                           \
unsigned long long rtm_size_of_dest_info_##sfx(unsigned num_views)          \
{                                                                           \
    return RTM_SIZE_OF_DEST_INFO(num_views);                                \
}                                                                           \
unsigned long long rtm_size_of_route_info_##sfx(unsigned num_hops)          \
{                                                                           \
    return RTM_SIZE_OF_ROUTE_INFO(num_hops);                                \
}

/* rtm.h's lists (RTMv1). */
#include "layout_list_v1.h"

#endif /* RTM_ABI_LAYOUT_LIST_H */
