/*
 * ipxriplike_dll.c - ipxriplike.dll's one export, RegisterProtocol
 * (spec/routprot/nc-routprot-pregister_protocol.md), and the entry points
 * it hands out (see ipxriplike.h, ipxriplike_proto.h).
 *
 * As in riplike.dll, each of the IPXRIPLIKE_PROTOCOL_COUNT protocols gets
 * entry points of its own (IPXRIPLIKE_ENTRY_POINTS below) that forward to
 * the shared code with its state. The DLL routes (RF_ROUTING) and offers
 * no services; the entry points it does not implement are NULL.
 */
#include "ipxriplike_proto.h"
#include "protocol_register.h"

static struct ipxriplike_protocol protocols[IPXRIPLIKE_PROTOCOL_COUNT];

#define IPXRIPLIKE_ENTRY_POINTS(n)                                                           \
    static DWORD WINAPI start_##n(HANDLE event, PSUPPORT_FUNCTIONS support, LPVOID info,      \
                                  ULONG version, ULONG size, ULONG count)                  \
    {                                                                                      \
        (void)event;                                                                       \
        (void)support;                                                                     \
        return ipxriplike_start(&protocols[n], info, version, size, count);                \
    }                                                                                      \
    static DWORD WINAPI start_complete_##n(VOID)                                           \
    {                                                                                      \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD WINAPI stop_##n(VOID)                                                     \
    {                                                                                      \
        return ipxriplike_stop(&protocols[n]);                                             \
    }                                                                                      \
    static DWORD WINAPI set_global_info_##n(PVOID info, ULONG version, ULONG size,           \
                                            ULONG count)                                   \
    {                                                                                      \
        return ipxriplike_set_global_info(&protocols[n], info, version, size, count);      \
    }                                                                                      \
    static DWORD WINAPI mib_set_##n(ULONG size, PVOID data)                                \
    {                                                                                      \
        return ipxriplike_mib_set(&protocols[n], size, data);                              \
    }                                                                                      \
    static DWORD WINAPI mib_get_##n(ULONG in_size, PVOID in, PULONG out_size, PVOID out)   \
    {                                                                                      \
        return ipxriplike_mib_get(&protocols[n], in_size, in, out_size, out);              \
    }                                                                                      \
    static void fill_entry_points_##n(MPR_ROUTING_CHARACTERISTICS *c)                      \
    {                                                                                      \
        c->pfnStartProtocol = start_##n;                                                   \
        c->pfnStartComplete = start_complete_##n;                                          \
        c->pfnStopProtocol = stop_##n;                                                     \
        c->pfnSetGlobalInfo = set_global_info_##n;                                         \
        c->pfnMibSetEntry = mib_set_##n;                                                   \
        c->pfnMibGetEntry = mib_get_##n;                                                   \
    }

IPXRIPLIKE_ENTRY_POINTS(0)
IPXRIPLIKE_ENTRY_POINTS(1)

static const DWORD ids[IPXRIPLIKE_PROTOCOL_COUNT] = {IPXRIPLIKE_PROTOCOL_ID(0),
                                                     IPXRIPLIKE_PROTOCOL_ID(1)};
static const protocol_fill_fn fill_entry_points[IPXRIPLIKE_PROTOCOL_COUNT] = {
    fill_entry_points_0, fill_entry_points_1};

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        for (DWORD i = 0; i < IPXRIPLIKE_PROTOCOL_COUNT; i++) {
            protocols[i].protocol_id = ids[i];
            InitializeCriticalSection(&protocols[i].lock);
        }
    } else if (reason == DLL_PROCESS_DETACH && !reserved) {
        for (DWORD i = 0; i < IPXRIPLIKE_PROTOCOL_COUNT; i++)
            DeleteCriticalSection(&protocols[i].lock);
    }
    return TRUE;
}

/**
 * RegisterProtocol - registers one of the DLL's protocols with the router
 * manager (spec/routprot/nc-routprot-pregister_protocol.md): protocol_register
 * (protocol_register.h) with the DLL's protocol ids and entry points.
 */
__declspec(dllexport) DWORD WINAPI REGISTER_PROTOCOL_ENTRY_POINT(
    PMPR_ROUTING_CHARACTERISTICS pRoutingChar, PMPR_SERVICE_CHARACTERISTICS pServiceChar)
{
    return protocol_register(ids, fill_entry_points, IPXRIPLIKE_PROTOCOL_COUNT, RF_ROUTING,
                             pRoutingChar, pServiceChar);
}

_Static_assert(__builtin_types_compatible_p(__typeof__(&REGISTER_PROTOCOL_ENTRY_POINT),
                                            PREGISTER_PROTOCOL),
               "RegisterProtocol must have routprot.h's PREGISTER_PROTOCOL type");
