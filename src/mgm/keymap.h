/*
 * keymap.h - an ordered map from pairs of DWORDs to pointers, on the
 * prefix index (index/prefix_table.h) with full-length 64-bit keys: the
 * MGM's interfaces (index, next hop), group memberships and MFEs (group,
 * source).
 *
 * Keys are ordered by their first DWORD, then their second, as unsigned
 * numbers in host order: a key (a, b) is stored as the 8 bytes of a then b
 * in network order, whose byte order is that numeric order. A caller that
 * holds addresses in network order converts them to host order for keys
 * (mgm_key_addr), so that 224.0.0.2 comes after 224.0.0.1.
 *
 * No lock inside: the MGM lock (state.h) serialises changes and reads.
 * The index is created by the first insertion and freed by
 * mgm_keymap_destroy.
 */
#ifndef RTM_MGM_KEYMAP_H
#define RTM_MGM_KEYMAP_H

#include "base/platform.h"
#include "index/prefix_table.h"

struct mgm_keymap {
    rtm_prefix_table *table; /* NULL until the first insertion */
};

/* The key of an IPv4 address held in network order: its host-order value. */
DWORD mgm_key_addr(DWORD network_order);
/* The network-order address of a key made with mgm_key_addr. */
DWORD mgm_addr_of_key(DWORD key);

/* Nonzero for a class D (multicast) address held in network order. */
int mgm_is_class_d(DWORD network_order);

/* The value stored at (a, b), or NULL. */
void *mgm_keymap_find(const struct mgm_keymap *m, DWORD a, DWORD b);

/* Stores value (non-NULL) at (a, b), which must be free. Returns NO_ERROR
 * or ERROR_NOT_ENOUGH_MEMORY (nothing changed). */
DWORD mgm_keymap_insert(struct mgm_keymap *m, DWORD a, DWORD b, void *value);

/* Removes (a, b); returns its value or NULL. Never fails. */
void *mgm_keymap_remove(struct mgm_keymap *m, DWORD a, DWORD b);

/* The first value at or after (*a, *b) (inclusive) or strictly after it,
 * with its key in *a, *b; NULL at the end (*a, *b untouched). */
void *mgm_keymap_next(const struct mgm_keymap *m, DWORD *a, DWORD *b, int inclusive);

/* The number of values stored. */
size_t mgm_keymap_count(const struct mgm_keymap *m);

/* Frees the index (the values are the caller's); the map is empty again. */
void mgm_keymap_destroy(struct mgm_keymap *m);

#endif /* RTM_MGM_KEYMAP_H */
