/*
 * registration.c - MgmRegisterMProtocol and MgmDeRegisterMProtocol: a
 * client's life in the MGM, from registration to the end of its
 * enumerations and of the callbacks in flight to it.
 */
#include "base/debug.h"
#include "call.h"
#include "group_enum.h"
#include "state.h"

/* The registered protocol of (protocol_id, component_id), or NULL (MGM
 * lock held). */
static struct mgm_protocol *find_registered(DWORD protocol_id, DWORD component_id)
{
    for (struct mgm_protocol *p = mgm.protocols; p; p = p->next)
        if (p->protocol_id == protocol_id && p->component_id == component_id)
            return p;
    return NULL;
}

/**
 * MgmRegisterMProtocol - registers a client (a routing protocol, or IGMP)
 * with the multicast group manager
 * (spec/mgm/nf-mgm-mgmregistermprotocol.md).
 *
 * @prpiInfo      [in]  its callbacks (copied; any may be NULL: that
 *                      callback is not made). dwCallbackFlags is ignored.
 * @dwProtocolId  [in]  its protocol id; PROTO_IP_IGMP (10) or MS_IP_IGMP
 *                      (routprot.h) makes it IGMP, which may share
 *                      interfaces with a routing protocol.
 * @dwComponentId [in] its component id (instance).
 * @phProtocol    [out] its handle for the other calls, valid until
 *                      MgmDeRegisterMProtocol.
 *
 * The MGM needs no start (MgmInitialize is optional). Returns NO_ERROR;
 * ERROR_ALREADY_EXISTS when a client with the same protocol and component
 * ids is registered; ERROR_INVALID_PARAMETER when prpiInfo or phProtocol
 * is NULL (nothing written); ERROR_NOT_ENOUGH_MEMORY.
 * ERROR_CAN_NOT_COMPLETE is not returned.
 * Takes the MGM lock (state.h).
 */
DWORD WINAPI MgmRegisterMProtocol(PROUTING_PROTOCOL_CONFIG prpiInfo, DWORD dwProtocolId,
                                  DWORD dwComponentId, HANDLE *phProtocol)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmRegisterMProtocol, (prpiInfo, dwProtocolId, dwComponentId,
                              phProtocol), "protocol %u, component %u",
                              RTM_DEBUG_U(dwProtocolId), RTM_DEBUG_U(dwComponentId));
    struct mgm_protocol *p;
    DWORD status = NO_ERROR;

    if (!prpiInfo || !phProtocol)
        return ERROR_INVALID_PARAMETER;
    if (mgm_calls_ready() != NO_ERROR)
        return ERROR_NOT_ENOUGH_MEMORY;
    p = rtm_calloc(1, sizeof *p);
    if (!p)
        return ERROR_NOT_ENOUGH_MEMORY;
    p->protocol_id = dwProtocolId;
    p->component_id = dwComponentId;
    p->igmp = mgm_is_igmp_id(dwProtocolId);
    p->config = *prpiInfo;
    mgm_gate_init(&p->gate);

    mgm_lock();
    if (find_registered(dwProtocolId, dwComponentId))
        status = ERROR_ALREADY_EXISTS;
    else if (rtm_object_init(&p->obj, RTM_OBJ_MGM_PROTOCOL, mgm_protocol_destroy) !=
             RTM_HANDLE_OK)
        status = ERROR_NOT_ENOUGH_MEMORY;
    if (status == NO_ERROR) {
        /* The creator's internal reference becomes the registration's. */
        p->next = mgm.protocols;
        mgm.protocols = p;
    }
    mgm_unlock();
    if (status != NO_ERROR) {
        rtm_free(p);
        return status;
    }
    *phProtocol = rtm_object_handle(&p->obj);
    return NO_ERROR;
}

/**
 * MgmDeRegisterMProtocol - deregisters a client
 * (spec/mgm/nf-mgm-mgmderegistermprotocol.md).
 *
 * @hProtocol [in] the handle from MgmRegisterMProtocol.
 *
 * Refused while the client is on an interface (it must release them all
 * first): it then stays registered. Otherwise its group enumerations end
 * (their handles become invalid), no callback to it starts any more (those
 * queued are dropped), and the call waits for those in progress (but the
 * one it is called from); its handle is refused from then on. When no
 * client and no forwarder is left, the MGM's own RTMv2 registration ends.
 * Returns NO_ERROR; ERROR_CAN_NOT_COMPLETE when the client is on an
 * interface; ERROR_INVALID_PARAMETER when hProtocol is not the handle of a
 * registered client (a second deregistration, say).
 * Takes the MGM lock; must not be called while holding a lock that a
 * callback of this client takes.
 */
DWORD WINAPI MgmDeRegisterMProtocol(HANDLE hProtocol)
{
    RTM_DEBUG_API_ENTRY(MgmDeRegisterMProtocol, hProtocol, (hProtocol), "%s", "");
    struct mgm_protocol *p = mgm_protocol_get(hProtocol);
    struct mgm_group_enum *enums = NULL;
    DWORD status = NO_ERROR;

    if (!p)
        return ERROR_INVALID_PARAMETER;
    mgm_lock();
    if (!mgm_protocol_registered(p)) {
        status = ERROR_INVALID_PARAMETER; /* deregistered by another thread */
    } else if (p->interfaces > 0) {
        status = ERROR_CAN_NOT_COMPLETE;
    } else {
        for (struct mgm_protocol **q = &mgm.protocols; *q; q = &(*q)->next) {
            if (*q == p) {
                *q = p->next;
                break;
            }
        }
        mgm_gate_close(&p->gate);
        enums = mgm_group_enums_end_all(p);
    }
    mgm_unlock();
    if (status == NO_ERROR) {
        mgm_gate_wait(&p->gate);
        mgm_group_enums_release(enums);
        if (RTM_DEBUG_ON(RTM_DEBUG_LEAKS))
            rtm_debug_leak_report(&p->obj, "deregistered");
        rtm_object_unref(&p->obj); /* the registration's reference */
        mgm_after_deregistration();
    }
    mgm_protocol_put(p);
    return status;
}
