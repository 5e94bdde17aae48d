/*
 * mcastlike_dll.c - mcastlike.dll's one export, RegisterProtocol
 * (spec/routprot/nc-routprot-pregister_protocol.md), the entry points it
 * hands out, and each component's MGM callbacks (see mcastlike.h).
 *
 * Neither the routing protocol interface nor the MGM passes a context to
 * its calls, so each component gets entry points and callbacks of its own
 * (MCASTLIKE_COMPONENT below) that forward to the shared code with its
 * state. The DLL offers routing with multicast (RF_ROUTING | RF_MULTICAST)
 * and no services.
 */
#include "mcastlike_proto.h"
#include "protocol_register.h"

#define IGMP 1
#define COMPONENTS 2

static struct mcastlike components[COMPONENTS];

#define MCASTLIKE_COMPONENT_POINTS(n)                                                        \
    static DWORD WINAPI start_##n(HANDLE event, PSUPPORT_FUNCTIONS support, LPVOID info,      \
                                  ULONG version, ULONG size, ULONG count)                  \
    {                                                                                      \
        (void)event;                                                                       \
        (void)support;                                                                     \
        return mcastlike_start(&components[n], info, version, size, count);                \
    }                                                                                      \
    static DWORD WINAPI start_complete_##n(VOID)                                           \
    {                                                                                      \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD WINAPI stop_##n(VOID)                                                     \
    {                                                                                      \
        return mcastlike_stop(&components[n]);                                             \
    }                                                                                      \
    static DWORD WINAPI add_interface_##n(LPWSTR name, ULONG index, NET_INTERFACE_TYPE type, \
                                          DWORD media, WORD access, WORD connection,       \
                                          PVOID info, ULONG version, ULONG size,           \
                                          ULONG count)                                     \
    {                                                                                      \
        (void)name, (void)type, (void)media, (void)access, (void)connection, (void)info;   \
        (void)version, (void)size, (void)count;                                            \
        return mcastlike_add_interface(&components[n], index);                             \
    }                                                                                      \
    static DWORD WINAPI delete_interface_##n(ULONG index)                                  \
    {                                                                                      \
        return mcastlike_delete_interface(&components[n], index);                          \
    }                                                                                      \
    static DWORD WINAPI mib_set_##n(ULONG size, PVOID data)                                \
    {                                                                                      \
        return mcastlike_mib_set(&components[n], size, data);                              \
    }                                                                                      \
    static DWORD WINAPI mib_get_##n(ULONG in_size, PVOID in, PULONG out_size, PVOID out)   \
    {                                                                                      \
        (void)in_size;                                                                     \
        (void)in;                                                                          \
        return mcastlike_mib_get(&components[n], out_size, out);                           \
    }                                                                                      \
    static DWORD rpf_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, PDWORD index,                \
                         PDWORD nexthop, PDWORD upstream, DWORD hdr_size, PBYTE hdr,       \
                         PBYTE route)                                                      \
    {                                                                                      \
        (void)hdr_size, (void)hdr, (void)route;                                            \
        mcastlike_log(&components[n], MCASTLIKE_RPF, s, sm, g, gm, *index, *nexthop, 0,     \
                      *upstream);                                                          \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD creation_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index,            \
                              DWORD nexthop, DWORD count, PMGM_IF_ENTRY list)              \
    {                                                                                      \
        (void)list;                                                                        \
        mcastlike_log(&components[n], MCASTLIKE_CREATION, s, sm, g, gm, index, nexthop, 0,  \
                      count);                                                              \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD prune_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop, \
                           WINBOOL member, PDWORD timeout)                                 \
    {                                                                                      \
        (void)timeout;                                                                     \
        mcastlike_log(&components[n], MCASTLIKE_PRUNE_ALERT, s, sm, g, gm, index, nexthop,  \
                      (DWORD)member, 0);                                                   \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD join_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)             \
    {                                                                                      \
        mcastlike_log(&components[n], MCASTLIKE_JOIN_ALERT, s, sm, g, gm, 0, 0,            \
                      (DWORD)member, 0);                                                   \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD wrong_if_##n(DWORD s, DWORD g, DWORD index, DWORD nexthop, DWORD hdr_size,  \
                              PBYTE hdr)                                                   \
    {                                                                                      \
        (void)hdr;                                                                         \
        mcastlike_log(&components[n], MCASTLIKE_WRONG_IF, s, 0, g, 0, index, nexthop, 0,    \
                      hdr_size);                                                           \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD local_join_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index,          \
                                DWORD nexthop)                                             \
    {                                                                                      \
        mcastlike_log(&components[n], MCASTLIKE_LOCAL_JOIN, s, sm, g, gm, index, nexthop, 0, \
                      0);                                                                  \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD local_leave_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index,         \
                                 DWORD nexthop)                                            \
    {                                                                                      \
        mcastlike_log(&components[n], MCASTLIKE_LOCAL_LEAVE, s, sm, g, gm, index, nexthop,  \
                      0, 0);                                                               \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD disable_##n(DWORD index, DWORD nexthop)                                   \
    {                                                                                      \
        mcastlike_log(&components[n], MCASTLIKE_DISABLE, 0, 0, 0, 0, index, nexthop, 0, 0); \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD enable_##n(DWORD index, DWORD nexthop)                                    \
    {                                                                                      \
        mcastlike_log(&components[n], MCASTLIKE_ENABLE, 0, 0, 0, 0, index, nexthop, 0, 0);  \
        mcastlike_enabled(&components[n], index);                                          \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static void fill_##n(MPR_ROUTING_CHARACTERISTICS *c)                                   \
    {                                                                                      \
        c->pfnStartProtocol = start_##n;                                                   \
        c->pfnStartComplete = start_complete_##n;                                          \
        c->pfnStopProtocol = stop_##n;                                                     \
        c->pfnAddInterface = add_interface_##n;                                            \
        c->pfnDeleteInterface = delete_interface_##n;                                      \
        c->pfnMibSetEntry = mib_set_##n;                                                   \
        c->pfnMibGetEntry = mib_get_##n;                                                   \
    }                                                                                      \
    static void callbacks_##n(ROUTING_PROTOCOL_CONFIG *cb)                                 \
    {                                                                                      \
        cb->pfnRpfCallback = rpf_##n;                                                      \
        cb->pfnCreationAlertCallback = creation_##n;                                       \
        cb->pfnPruneAlertCallback = prune_##n;                                             \
        cb->pfnJoinAlertCallback = join_##n;                                               \
        cb->pfnWrongIfCallback = wrong_if_##n;                                             \
        cb->pfnLocalJoinCallback = local_join_##n;                                         \
        cb->pfnLocalLeaveCallback = local_leave_##n;                                       \
        cb->pfnDisableIgmpCallback = disable_##n;                                          \
        cb->pfnEnableIgmpCallback = enable_##n;                                            \
    }

MCASTLIKE_COMPONENT_POINTS(0)
MCASTLIKE_COMPONENT_POINTS(1)

static const protocol_fill_fn fill[COMPONENTS] = { fill_0, fill_1 };
static void (*const callbacks[COMPONENTS])(ROUTING_PROTOCOL_CONFIG *) = { callbacks_0,
                                                                         callbacks_1 };
static const DWORD ids[COMPONENTS] = { MCASTLIKE_ROUTER_ID, MCASTLIKE_IGMP_ID };

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        for (int n = 0; n < COMPONENTS; n++) {
            components[n].id = ids[n];
            components[n].is_igmp = n == IGMP;
            callbacks[n](&components[n].callbacks);
            InitializeCriticalSection(&components[n].lock);
        }
    } else if (reason == DLL_PROCESS_DETACH && !reserved) {
        for (int n = 0; n < COMPONENTS; n++)
            DeleteCriticalSection(&components[n].lock);
    }
    return TRUE;
}

/**
 * RegisterProtocol - registers one of the DLL's components with the router
 * manager (spec/routprot/nc-routprot-pregister_protocol.md).
 *
 * @pRoutingChar [in, out] in: dwVersion (at least MS_ROUTER_VERSION),
 *                dwProtocolId (MCASTLIKE_ROUTER_ID or MCASTLIKE_IGMP_ID),
 *                fSupportedFunctionality (must offer RF_ROUTING and
 *                RF_MULTICAST); out: dwVersion MS_ROUTER_VERSION,
 *                fSupportedFunctionality RF_ROUTING | RF_MULTICAST, the
 *                component's entry points (the others NULL).
 * @pServiceChar [in, out] out: fSupportedFunctionality 0 (no services).
 *
 * Returns NO_ERROR, or ERROR_NOT_SUPPORTED (nothing written) when a
 * pointer is NULL, the id is not one of the DLL's, the router is older or
 * does not offer routing with multicast.
 */
__declspec(dllexport) DWORD WINAPI REGISTER_PROTOCOL_ENTRY_POINT(
    PMPR_ROUTING_CHARACTERISTICS pRoutingChar, PMPR_SERVICE_CHARACTERISTICS pServiceChar)
{
    return protocol_register(ids, fill, COMPONENTS, RF_ROUTING | RF_MULTICAST, pRoutingChar,
                             pServiceChar);
}

_Static_assert(__builtin_types_compatible_p(__typeof__(&REGISTER_PROTOCOL_ENTRY_POINT),
                                            PREGISTER_PROTOCOL),
               "RegisterProtocol must have routprot.h's PREGISTER_PROTOCOL type");
