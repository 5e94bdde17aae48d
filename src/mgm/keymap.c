/*
 * keymap.c - ordered maps of DWORD pairs on the prefix index (keymap.h).
 */
#include <string.h>

#include "keymap.h"

#define KEY_BITS 64

static void encode(uint8_t out[8], DWORD a, DWORD b)
{
    for (int i = 0; i < 4; i++) {
        out[i] = (uint8_t)(a >> (24 - 8 * i));
        out[4 + i] = (uint8_t)(b >> (24 - 8 * i));
    }
}

static DWORD decode(const uint8_t *in)
{
    return (DWORD)in[0] << 24 | (DWORD)in[1] << 16 | (DWORD)in[2] << 8 | in[3];
}

DWORD mgm_key_addr(DWORD network_order)
{
    uint8_t bytes[4];

    memcpy(bytes, &network_order, sizeof bytes);
    return decode(bytes);
}

DWORD mgm_addr_of_key(DWORD key)
{
    uint8_t bytes[8];
    DWORD address;

    encode(bytes, key, 0);
    memcpy(&address, bytes, sizeof address);
    return address;
}

int mgm_is_class_d(DWORD network_order)
{
    return (mgm_key_addr(network_order) & 0xF0000000u) == 0xE0000000u;
}

void *mgm_keymap_find(const struct mgm_keymap *m, DWORD a, DWORD b)
{
    uint8_t key[8];

    if (!m->table)
        return NULL;
    encode(key, a, b);
    return rtm_prefix_table_find(m->table, key, KEY_BITS);
}

DWORD mgm_keymap_insert(struct mgm_keymap *m, DWORD a, DWORD b, void *value)
{
    uint8_t key[8];

    if (!m->table) {
        m->table = rtm_prefix_table_create(KEY_BITS);
        if (!m->table)
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    encode(key, a, b);
    return rtm_prefix_table_insert(m->table, key, KEY_BITS, value, NULL) == RTM_PT_OK
               ? NO_ERROR
               : ERROR_NOT_ENOUGH_MEMORY;
}

void *mgm_keymap_remove(struct mgm_keymap *m, DWORD a, DWORD b)
{
    uint8_t key[8];

    if (!m->table)
        return NULL;
    encode(key, a, b);
    return rtm_prefix_table_remove(m->table, key, KEY_BITS);
}

void *mgm_keymap_next(const struct mgm_keymap *m, DWORD *a, DWORD *b, int inclusive)
{
    uint8_t key[RTM_PREFIX_MAX_BYTES];
    void *value;

    if (!m->table)
        return NULL;
    encode(key, *a, *b);
    value = rtm_prefix_table_next(m->table, key, KEY_BITS, inclusive, key, NULL);
    if (value) {
        *a = decode(key);
        *b = decode(key + 4);
    }
    return value;
}

size_t mgm_keymap_count(const struct mgm_keymap *m)
{
    return m->table ? rtm_prefix_table_count(m->table) : 0;
}

void mgm_keymap_destroy(struct mgm_keymap *m)
{
    rtm_prefix_table_destroy(m->table);
    m->table = NULL;
}
