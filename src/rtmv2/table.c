/*
 * table.c - the registry of route tables (see table.h).
 */
#include "table.h"

static rtm_rwlock registry_lock = RTM_RWLOCK_INIT;
static struct rtm_table *tables;
static uint32_t last_table_id; /* registry lock */

unsigned rtm_family_bits(unsigned family)
{
    if (family == AF_INET)
        return 32;
    if (family == AF_INET6)
        return 128;
    return 0;
}

DWORD rtm_table_get(USHORT instance_id, USHORT family, struct rtm_table **table)
{
    unsigned bits = rtm_family_bits(family);
    struct rtm_table *t;

    if (bits == 0)
        return ERROR_INVALID_PARAMETER;
    rtm_rwlock_lock_exclusive(&registry_lock);
    for (t = tables; t; t = t->next)
        if (t->instance_id == instance_id && t->family == family)
            break;
    if (!t) {
        t = rtm_calloc(1, sizeof *t);
        if (t)
            t->dests = rtm_prefix_table_create(bits);
        if (!t || !t->dests) {
            rtm_free(t);
            rtm_rwlock_unlock_exclusive(&registry_lock);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        t->instance_id = instance_id;
        t->family = family;
        t->address_bits = bits;
        rtm_striped_lock_init(&t->lock);
        t->id = ++last_table_id;
        t->next = tables;
        tables = t;
    }
    rtm_rwlock_unlock_exclusive(&registry_lock);
    *table = t;
    return NO_ERROR;
}

int rtm_table_address_ok(const struct rtm_table *table, const RTM_NET_ADDRESS *addr)
{
    return addr->AddressFamily == table->family && addr->NumBits <= table->address_bits;
}

void rtm_tables_shutdown(void)
{
    while (tables) {
        struct rtm_table *t = tables;
        tables = t->next;
        rtm_prefix_table_destroy(t->dests);
        rtm_striped_lock_destroy(&t->lock);
        rtm_free(t);
    }
    last_table_id = 0;
}
