/*
 * table.c - the two route tables and their networks (table.h).
 */
#include "table.h"

static struct rtmv1_table tables[] = {
    { &rtmv1_ipx, RTM_RWLOCK_INIT, NULL, NULL, 0 },
    { &rtmv1_ip, RTM_RWLOCK_INIT, NULL, NULL, 0 },
};
_Static_assert(RTM_PROTOCOL_FAMILY_IPX == 0 && RTM_PROTOCOL_FAMILY_IP == 1,
               "tables[] is indexed by family");

struct rtmv1_table *rtmv1_table_of(DWORD family)
{
    return family < sizeof tables / sizeof *tables ? &tables[family] : NULL;
}

struct rtmv1_net *rtmv1_net_find(const struct rtmv1_table *table, const struct rtmv1_key *key)
{
    if (!table->nets)
        return NULL;
    return rtm_prefix_table_find(table->nets, key->bytes, key->len);
}

struct rtmv1_net *rtmv1_net_next(const struct rtmv1_table *table, const struct rtmv1_key *key,
                                 int inclusive)
{
    if (!table->nets)
        return NULL;
    if (!key)
        return rtm_prefix_table_next(table->nets, NULL, 0, 1, NULL, NULL);
    return rtm_prefix_table_next(table->nets, key->bytes, key->len, inclusive, NULL, NULL);
}

struct rtmv1_net *rtmv1_net_longest(const struct rtmv1_table *table, DWORD address)
{
    uint8_t bytes[4];

    if (!table->nets)
        return NULL;
    rtmv1_key_bytes(address, bytes);
    return rtm_prefix_table_longest_match(table->nets, bytes, 32, NULL);
}

size_t rtmv1_net_count(const struct rtmv1_table *table)
{
    return table->nets ? rtm_prefix_table_count(table->nets) : 0;
}

DWORD rtmv1_net_create(struct rtmv1_table *table, const struct rtmv1_key *key,
                       struct rtmv1_net **out)
{
    int new_index = !table->nets;
    struct rtmv1_net *net;

    if (new_index) {
        table->nets = rtm_prefix_table_create(32);
        if (!table->nets)
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    net = rtm_calloc(1, sizeof *net);
    if (net) {
        net->key = *key;
        if (rtm_prefix_table_insert(table->nets, key->bytes, key->len, net, NULL) == RTM_PT_OK) {
            *out = net;
            return NO_ERROR;
        }
        rtm_free(net);
    }
    if (new_index) { /* as it was */
        rtm_prefix_table_destroy(table->nets);
        table->nets = NULL;
    }
    return ERROR_NOT_ENOUGH_MEMORY;
}

void rtmv1_net_remove(struct rtmv1_table *table, struct rtmv1_net *net)
{
    rtm_prefix_table_remove(table->nets, net->key.bytes, net->key.len);
    rtm_free(net);
}

void rtmv1_tables_shutdown(void)
{
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        struct rtmv1_table *t = &tables[i];
        struct rtmv1_net *net;

        while ((net = rtmv1_net_next(t, NULL, 1)) != NULL)
            rtmv1_net_remove(t, net);
        rtm_prefix_table_destroy(t->nets);
        t->nets = NULL;
        t->clients = NULL;
        t->sequence = 0;
    }
}
