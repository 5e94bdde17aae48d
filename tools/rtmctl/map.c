/*
 * map.c - the intrusive hash map (map.h).
 */
#include "map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a over the key bytes. */
static size_t hash_key(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

void ctl_map_init(struct ctl_map *map, size_t key_len)
{
    memset(map, 0, sizeof *map);
    map->key_len = key_len;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t probe(const struct ctl_map *map, const void *key)
{
    size_t mask = map->capacity - 1;
    size_t i = hash_key(key, map->key_len) & mask;

    while (map->slots[i] && memcmp(map->slots[i], key, map->key_len) != 0)
        i = (i + 1) & mask;
    return i;
}

void *ctl_map_find(const struct ctl_map *map, const void *key)
{
    return map->capacity ? map->slots[probe(map, key)] : NULL;
}

static int grow(struct ctl_map *map)
{
    struct ctl_map bigger = *map;

    bigger.capacity = map->capacity ? map->capacity * 2 : 64;
    bigger.slots = calloc(bigger.capacity, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < map->capacity; i++)
        if (map->slots[i])
            bigger.slots[probe(&bigger, map->slots[i])] = map->slots[i];
    free(map->slots);
    *map = bigger;
    return 0;
}

int ctl_map_insert(struct ctl_map *map, void *record)
{
    if ((map->count + 1) * 4 > map->capacity * 3 && grow(map) != 0)
        return -1;
    map->slots[probe(map, record)] = record;
    map->count++;
    return 0;
}

void *ctl_map_remove(struct ctl_map *map, const void *key)
{
    size_t mask, hole, i;
    void *record;

    if (!map->capacity)
        return NULL;
    mask = map->capacity - 1;
    hole = probe(map, key);
    record = map->slots[hole];
    if (!record)
        return NULL;
    map->slots[hole] = NULL;
    map->count--;
    /* Backward-shift: move later records of the run into the hole when their
     * home slot does not lie between the hole and them. */
    for (i = (hole + 1) & mask; map->slots[i]; i = (i + 1) & mask) {
        size_t home = hash_key(map->slots[i], map->key_len) & mask;
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            map->slots[hole] = map->slots[i];
            map->slots[i] = NULL;
            hole = i;
        }
    }
    return record;
}

void ctl_map_clear(struct ctl_map *map, void (*free_record)(void *))
{
    for (size_t i = 0; i < map->capacity; i++)
        if (map->slots[i] && free_record)
            free_record(map->slots[i]);
    free(map->slots);
    ctl_map_init(map, map->key_len);
}
