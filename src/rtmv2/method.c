/*
 * method.c - the methods an entity exports and their lock (method.h): the
 * state that every entity embeds. The exports that read, invoke and block
 * methods are in method_api.c.
 */
#include <string.h>

#include "method.h"

DWORD rtm_methods_check(const RTM_ENTITY_EXPORT_METHODS *exported)
{
    if (!exported)
        return NO_ERROR;
    if (exported->NumMethods > RTM_MAX_METHODS)
        return ERROR_INVALID_DATA;
    for (UINT i = 0; i < exported->NumMethods; i++)
        if (!exported->Methods[i])
            return ERROR_INVALID_DATA;
    return NO_ERROR;
}

DWORD rtm_methods_init(struct rtm_methods *m, const RTM_ENTITY_EXPORT_METHODS *exported)
{
    rtm_client_lock_init(&m->block);
    m->count = 0;
    m->list = NULL;
    if (!exported || !exported->NumMethods)
        return NO_ERROR;
    m->list = rtm_malloc(exported->NumMethods * sizeof *m->list);
    if (!m->list)
        return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(m->list, exported->Methods, exported->NumMethods * sizeof *m->list);
    m->count = exported->NumMethods;
    return NO_ERROR;
}

void rtm_methods_destroy(struct rtm_methods *m)
{
    rtm_free(m->list);
    rtm_client_lock_destroy(&m->block);
}

void rtm_methods_stop(struct rtm_methods *m)
{
    rtm_client_lock_release(&m->block, 1); /* fails harmlessly when not blocked */
    rtm_rwlock_lock_exclusive(&m->block.lock);
    rtm_rwlock_unlock_exclusive(&m->block.lock);
}
