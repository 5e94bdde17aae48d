/*
 * protocol.c - the MGM's clients as objects: IGMP's ids, handles to
 * protocols (protocol.h). Registration is in registration.c.
 */
#include "protocol.h"

int mgm_is_igmp_id(DWORD protocol_id)
{
    return protocol_id == MGM_PROTO_IP_IGMP || protocol_id == MGM_MS_IP_IGMP;
}

struct mgm_protocol *mgm_protocol_get(HANDLE h)
{
    struct mgm_protocol *p = (struct mgm_protocol *)rtm_handle_lookup(h, RTM_OBJ_MGM_PROTOCOL);

    if (p && !mgm_protocol_registered(p)) {
        mgm_protocol_put(p);
        p = NULL;
    }
    return p;
}

void mgm_protocol_put(struct mgm_protocol *p)
{
    rtm_object_unref(&p->obj);
}

int mgm_protocol_registered(struct mgm_protocol *p)
{
    return mgm_gate_is_open(&p->gate);
}

void mgm_protocol_destroy(struct rtm_object *obj)
{
    rtm_free(obj);
}
