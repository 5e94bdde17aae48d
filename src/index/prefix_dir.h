/*
 * prefix_dir.h - the longest-match directory of a prefix table (internal to
 * prefix_table.c; see prefix_dir.c for the structure and its invariants).
 *
 * The directory is a pure accelerator: it is derived from the trie, holds
 * node references only, and answers a longest-prefix match in one slot
 * read, one binary search over a few cache lines and one node read. It is
 * built when the table reaches dir_min prefixes and dropped when the table
 * becomes empty. Every change of the trie is mirrored by the calls below,
 * under the same exclusive lock; the look-up only reads.
 *
 * Changes are two-phase so that an allocation failure changes nothing:
 * pt_dir_prepare() makes every allocation the insert will need (nothing is
 * installed), then either pt_dir_insert() (after the trie insert) or
 * pt_dir_abort() (when a later allocation failed).
 */
#ifndef RTM_PREFIX_DIR_H
#define RTM_PREFIX_DIR_H

#include "prefix_trie.h"

/** Prefix count at which a table builds its directory by default. */
#define PT_DIR_DEFAULT_MIN 8192

/** An allocation made by pt_dir_prepare(), not yet installed. */
struct pt_dir_txn {
    void *fresh;   /* replacement chunk for the slot (NULL: none needed) */
};

/**
 * Makes the allocations inserting q/len will need (a chunk for its slot,
 * or a larger one). Nothing is installed. No-op without a directory.
 * @return 0, or -1 when out of memory (nothing allocated).
 */
int pt_dir_prepare(rtm_prefix_table *t, const uint32_t *q, unsigned len, struct pt_dir_txn *x);

/** Frees what pt_dir_prepare() allocated. */
void pt_dir_abort(rtm_prefix_table *t, struct pt_dir_txn *x);

/**
 * Mirrors the insert of prefix q/len, now node r of the trie, using the
 * allocations of pt_dir_prepare(). Cannot fail.
 */
void pt_dir_insert(rtm_prefix_table *t, const uint32_t *q, unsigned len, pt_ref r,
                   struct pt_dir_txn *x);

/**
 * Mirrors the removal of prefix q/len, which was node r (the trie no
 * longer holds it); parent is the longest stored prefix covering it
 * (PT_NIL: none). Never allocates; frees a chunk left without purpose.
 */
void pt_dir_remove(rtm_prefix_table *t, const uint32_t *q, unsigned len, pt_ref r, pt_ref parent);

/* The directory's layout (prefix_dir.c describes it); here so that the
 * look-up below inlines into its callers. */
#define PT_DIR_SLOTS 65536u

/* The starts share the header's cache line; best (and cont) follow them,
 * so a look-up reads two or three neighbouring lines of one block. */
typedef struct pt_chunk {
    pt_ref dflt, root;
    uint32_t n, cap; /* cap is even, so that best is aligned */
    uint16_t start[]; /* start[cap], then pt_ref best[cap], then cont[cap] if wide */
} pt_chunk;

struct pt_dir {
    uintptr_t ent[PT_DIR_SLOTS];
};

PT_INLINE unsigned pt_dir_wide(const rtm_prefix_table *t)
{
    return t->max_bits > 32;
}

PT_INLINE pt_ref *pt_chunk_best(pt_chunk *c)
{
    return (pt_ref *)(c->start + c->cap);
}

PT_INLINE pt_ref *pt_chunk_cont(pt_chunk *c)
{
    return pt_chunk_best(c) + c->cap;
}

PT_INLINE pt_chunk *pt_slot_chunk(const struct pt_dir *d, uint32_t s)
{
    return (d->ent[s] & 1) ? NULL : (pt_chunk *)d->ent[s];
}

/* Index of the interval holding x: the last start <= x (start[0] = 0). */
PT_INLINE uint32_t pt_chunk_find(const uint16_t *start, uint32_t n, uint32_t x)
{
    uint32_t base = 0;
    while (n > 1) {
        uint32_t half = n >> 1;
        base = start[base + half] <= x ? base + half : base;
        n -= half;
    }
    return base;
}

/**
 * Longest match of the full-width point q (canonical: zero past whatever
 * length the caller loaded) among all stored prefixes. The caller checks
 * the length of the answer against its own limit. t->dir must be set.
 */
PT_INLINE pt_ref pt_dir_lpm(const rtm_prefix_table *t, const uint32_t *q)
{
    uintptr_t e = t->dir->ent[q[0] >> 16];
    if (e & 1)
        return (pt_ref)(e >> 1);
    pt_chunk *c = (pt_chunk *)e;
    pt_ref *best = pt_chunk_best(c);
    /* The best line is needed right after the search: fetch it meanwhile. */
    PT_PREFETCH(best + (c->n >> 1));
    uint32_t i = pt_chunk_find(c->start, c->n, q[0] & 0xFFFFu);
    if (pt_dir_wide(t) && pt_chunk_cont(c)[i] != PT_NIL) {
        pt_ref deep = pt_trie_lpm(t, pt_chunk_cont(c)[i], q, t->max_bits);
        if (deep != PT_NIL)
            return deep;
    }
    return best[i] != PT_NIL ? best[i] : c->dflt;
}

/**
 * Longest match of q (canonical to limit bits) among lengths <= limit: the
 * directory's answer for the point q when short enough, else the trie's
 * from the slot's root. t->dir must be set.
 */
pt_ref pt_dir_lpm_upto(const rtm_prefix_table *t, const uint32_t *q, unsigned limit);

/**
 * Where a trie descent for the key q/len may start: the root of q's slot
 * when len >= 16 and the slot has a chunk, else the trie's root. t->dir
 * must be set.
 */
pt_ref pt_dir_start(const rtm_prefix_table *t, const uint32_t *q, unsigned len);

/**
 * Builds the directory from the trie (t->dir must be NULL).
 * @return 0, or -1 when out of memory (t->dir stays NULL, nothing leaks).
 */
int pt_dir_build(rtm_prefix_table *t);

/** Frees the directory, if any, and sets t->dir to NULL. */
void pt_dir_free(rtm_prefix_table *t);

/**
 * Checks the directory (t->dir set) against the trie and stores the bytes
 * it holds in *bytes. @return 0 if consistent, else -1. O(65536 * depth).
 */
int pt_dir_validate(const rtm_prefix_table *t, size_t *bytes);

/**
 * Sets the prefix count at which table t builds its directory (default
 * PT_DIR_DEFAULT_MIN; 0 or 1: from the first prefix on). If the table is
 * already that big the directory is built now. For tests and tuning.
 * @return 0, or -1 when the build ran out of memory (the table then works
 *         without directory and retries at its next insert).
 */
int rtm_prefix_table_set_dir_min(rtm_prefix_table *t, size_t min);

#endif /* RTM_PREFIX_DIR_H */
