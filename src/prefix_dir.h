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

/**
 * Longest match of the full-width point q (canonical: zero past whatever
 * length the caller loaded) among all stored prefixes. The caller checks
 * the length of the answer against its own limit. t->dir must be set.
 */
pt_ref pt_dir_lpm(const rtm_prefix_table *t, const uint32_t *q);

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
