/*
 * map.h - an intrusive hash map of records that start with their key.
 *
 * Every record the map holds begins with key_len bytes of key (zero any
 * padding in it before inserting); the map stores pointers to the records,
 * which stay the caller's memory: it never allocates or frees a record.
 * Open addressing with linear probing; it grows at 3/4 full.
 */
#ifndef RTMCTL_MAP_H
#define RTMCTL_MAP_H

#include <stddef.h>

struct ctl_map {
    void **slots;    /* capacity pointers, NULL when empty */
    size_t capacity; /* a power of two, or 0 */
    size_t count;
    size_t key_len;
};

/* An empty map of records whose first key_len bytes are their key. */
void ctl_map_init(struct ctl_map *map, size_t key_len);

/* The record with this key, or NULL. */
void *ctl_map_find(const struct ctl_map *map, const void *key);

/* Adds a record whose key is not in the map yet. Returns 0, or -1 when out
 * of memory (the map is unchanged). */
int ctl_map_insert(struct ctl_map *map, void *record);

/* Removes the record with this key and returns it (NULL if none). */
void *ctl_map_remove(struct ctl_map *map, const void *key);

/* Slot i (0 <= i < capacity) for iteration: a record or NULL. */
static inline void *ctl_map_slot(const struct ctl_map *map, size_t i)
{
    return map->slots[i];
}

/* Empties the map, calling free_record (may be NULL) on every record. */
void ctl_map_clear(struct ctl_map *map, void (*free_record)(void *));

#endif /* RTMCTL_MAP_H */
