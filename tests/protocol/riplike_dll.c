/*
 * riplike_dll.c - riplike.dll's one export, RegisterProtocol
 * (spec/routprot/nc-routprot-pregister_protocol.md), and the entry points
 * it hands out (see riplike.h, riplike_proto.h).
 *
 * The routing protocol interface passes no context to a protocol's entry
 * points, so each of the RIPLIKE_PROTOCOL_COUNT protocols gets entry points
 * of its own (RIPLIKE_ENTRY_POINTS below) that forward to the shared code
 * with its state. The DLL routes (RF_ROUTING) and offers no services; it
 * fills the entry points it implements and leaves the others NULL: it
 * keeps no per-interface state (its routes name their interfaces), has no
 * power management, demand-dial clients, multicast or MIB tables to walk.
 */
#include "riplike_proto.h"
#include "protocol_register.h"

static struct riplike_protocol protocols[RIPLIKE_PROTOCOL_COUNT];

#define RIPLIKE_ENTRY_POINTS(n)                                                              \
    static DWORD WINAPI start_##n(HANDLE event, PSUPPORT_FUNCTIONS support, LPVOID info,      \
                                  ULONG version, ULONG size, ULONG count)                  \
    {                                                                                      \
        (void)support;                                                                     \
        return riplike_start(&protocols[n], event, info, version, size, count);            \
    }                                                                                      \
    static DWORD WINAPI start_complete_##n(VOID)                                           \
    {                                                                                      \
        return NO_ERROR;                                                                   \
    }                                                                                      \
    static DWORD WINAPI stop_##n(VOID)                                                     \
    {                                                                                      \
        return riplike_stop(&protocols[n]);                                                \
    }                                                                                      \
    static DWORD WINAPI get_global_info_##n(PVOID info, PULONG buffer_size, PULONG version,  \
                                            PULONG size, PULONG count)                     \
    {                                                                                      \
        return riplike_get_global_info(&protocols[n], info, buffer_size, version, size,    \
                                       count);                                             \
    }                                                                                      \
    static DWORD WINAPI set_global_info_##n(PVOID info, ULONG version, ULONG size,           \
                                            ULONG count)                                   \
    {                                                                                      \
        return riplike_set_global_info(&protocols[n], info, version, size, count);         \
    }                                                                                      \
    static DWORD WINAPI get_event_message_##n(ROUTING_PROTOCOL_EVENTS *event,              \
                                              MESSAGE *result)                             \
    {                                                                                      \
        return riplike_get_event_message(&protocols[n], event, result);                    \
    }                                                                                      \
    static DWORD WINAPI mib_set_##n(ULONG size, PVOID data)                                \
    {                                                                                      \
        return riplike_mib_set(&protocols[n], size, data);                                 \
    }                                                                                      \
    static DWORD WINAPI mib_get_##n(ULONG in_size, PVOID in, PULONG out_size, PVOID out)   \
    {                                                                                      \
        return riplike_mib_get(&protocols[n], in_size, in, out_size, out);                 \
    }                                                                                      \
    static DWORD WINAPI rtm_event_##n(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type,          \
                                      PVOID context1, PVOID context2)                      \
    {                                                                                      \
        return riplike_event(&protocols[n], reg, type, context1, context2);                \
    }                                                                                      \
    static void fill_entry_points_##n(MPR_ROUTING_CHARACTERISTICS *c)                      \
    {                                                                                      \
        c->pfnStartProtocol = start_##n;                                                   \
        c->pfnStartComplete = start_complete_##n;                                          \
        c->pfnStopProtocol = stop_##n;                                                     \
        c->pfnGetGlobalInfo = get_global_info_##n;                                         \
        c->pfnSetGlobalInfo = set_global_info_##n;                                         \
        c->pfnGetEventMessage = get_event_message_##n;                                     \
        c->pfnMibSetEntry = mib_set_##n;                                                   \
        c->pfnMibGetEntry = mib_get_##n;                                                   \
    }

RIPLIKE_ENTRY_POINTS(0)
RIPLIKE_ENTRY_POINTS(1)

static const DWORD ids[RIPLIKE_PROTOCOL_COUNT] = {RIPLIKE_PROTOCOL_ID(0), RIPLIKE_PROTOCOL_ID(1)};
static const protocol_fill_fn fill_entry_points[RIPLIKE_PROTOCOL_COUNT] = {fill_entry_points_0,
                                                                      fill_entry_points_1};
static const RTM_EVENT_CALLBACK rtm_events[RIPLIKE_PROTOCOL_COUNT] = {rtm_event_0, rtm_event_1};

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        for (DWORD i = 0; i < RIPLIKE_PROTOCOL_COUNT; i++) {
            protocols[i].protocol_id = ids[i];
            protocols[i].callback = rtm_events[i];
            InitializeCriticalSection(&protocols[i].lock);
            InitializeCriticalSection(&protocols[i].reading);
        }
    } else if (reason == DLL_PROCESS_DETACH && !reserved) {
        /* FreeLibrary (at process exit nothing needs freeing). */
        for (DWORD i = 0; i < RIPLIKE_PROTOCOL_COUNT; i++) {
            DeleteCriticalSection(&protocols[i].reading);
            DeleteCriticalSection(&protocols[i].lock);
        }
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
    return protocol_register(ids, fill_entry_points, RIPLIKE_PROTOCOL_COUNT, RF_ROUTING,
                             pRoutingChar, pServiceChar);
}

_Static_assert(__builtin_types_compatible_p(__typeof__(&REGISTER_PROTOCOL_ENTRY_POINT),
                                            PREGISTER_PROTOCOL),
               "RegisterProtocol must have routprot.h's PREGISTER_PROTOCOL type");
