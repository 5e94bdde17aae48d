/*
 * prefix_table.h - the ordered prefix index of a route table.
 *
 * One rtm_prefix_table per (instance, address family) route table. It maps
 * prefixes - (address bits, length) - to an opaque non-NULL value (the
 * destination object) and answers the questions the destination API asks:
 *
 *   exact match         RtmGetExactMatchDestination    rtm_prefix_table_find
 *   longest match       RtmGetMostSpecificDestination  rtm_prefix_table_longest_match
 *   next shorter match  RtmGetLessSpecificDestination  rtm_prefix_table_less_specific
 *   ordered walk        RtmCreateDestEnum/GetEnumDests rtm_prefix_table_next
 *
 * Addresses are byte strings in network order, most significant bit first,
 * exactly like RTM_NET_ADDRESS.AddrBits. Only the first ceil(len / 8) bytes
 * of an address are ever read, so addr may be NULL when len is 0. Bits past
 * the length are ignored: 10.1.2.3/8 and 10.0.0.0/8 are the same key.
 *
 * Order. Prefixes are ordered by their canonical address bits (bits past the
 * length taken as zero), and for equal bits the shorter prefix first - the
 * pre-order of a binary trie:
 *
 *   0.0.0.0/0 < 10.0.0.0/8 < 10.0.0.0/16 < 10.0.0.0/24 < 10.1.0.0/16 < 11.0.0.0/8
 *
 * All prefixes covered by a prefix R (R itself included) form one contiguous
 * run of that order starting at R, so a range enumeration (RTM_ENUM_RANGE)
 * is:
 *
 *   v = rtm_prefix_table_next(t, r, rlen, 1, key, &klen);
 *   while (v && rtm_prefix_covers(r, rlen, key, klen)) {
 *       ... use v ...
 *       v = rtm_prefix_table_next(t, key, klen, 0, key, &klen);
 *   }
 *
 * and it may be resumed from the last key returned even if that prefix was
 * removed in between (next() does not need the key to be stored).
 *
 * Concurrency: none inside. The caller serialises writers against everyone
 * (the table's SRW lock, exclusive); read-only functions (const table) never
 * write to the table, so any number of them may run at once under the
 * shared lock.
 *
 * Memory: every byte comes from rtm_malloc (base/platform.h). Values are never
 * touched, copied or freed by the table.
 *
 * Implementation: a path-compressed binary trie in a node slab
 * (prefix_table.c) answers everything; from 8192 prefixes on,
 * a directory over the first 16 bits with sorted ranges of the next 16
 * (prefix_dir.c) answers longest and exact matches in a few cache lines.
 */
#ifndef RTM_PREFIX_TABLE_H
#define RTM_PREFIX_TABLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest supported key width in bits (RTM_MAX_ADDRESS_SIZE * 8). */
#define RTM_PREFIX_MAX_BITS 128
/** Largest key in bytes; a buffer this big fits any table's keys. */
#define RTM_PREFIX_MAX_BYTES 16

/** Results of rtm_prefix_table_insert(). */
enum rtm_prefix_result {
    RTM_PT_OK = 0,       /**< inserted */
    RTM_PT_EXISTS = 1,   /**< prefix already present; nothing changed */
    RTM_PT_NOMEM = -1,   /**< out of memory; nothing changed */
    RTM_PT_INVALID = -2  /**< bad argument (length, NULL value/address) */
};

typedef struct rtm_prefix_table rtm_prefix_table;

/* ------------------------------------------------------------------ */
/* Life cycle and statistics                                            */
/* ------------------------------------------------------------------ */

/**
 * Creates an empty table for keys of up to max_bits bits.
 *
 * @param max_bits  address width: 32 for IPv4, 128 for IPv6; any value in
 *                  1..RTM_PREFIX_MAX_BITS is accepted.
 * @return the table, or NULL if max_bits is out of range or memory is
 *         short. O(1).
 */
rtm_prefix_table *rtm_prefix_table_create(unsigned max_bits);

/**
 * Frees the table and all its nodes. The stored values are not touched:
 * the caller owns (and must have dealt with) them. NULL is a no-op.
 * O(n), no recursion.
 */
void rtm_prefix_table_destroy(rtm_prefix_table *t);

/** @return the max_bits the table was created with. O(1). */
unsigned rtm_prefix_table_max_bits(const rtm_prefix_table *t);

/**
 * @return the number of bytes of a key of this table, ceil(max_bits / 8):
 *         the size of the out_addr buffer rtm_prefix_table_next() fills.
 *         O(1).
 */
unsigned rtm_prefix_table_key_bytes(const rtm_prefix_table *t);

/** @return the number of stored prefixes. O(1). */
size_t rtm_prefix_table_count(const rtm_prefix_table *t);

/**
 * @return the bytes the table has requested from rtm_malloc and not yet
 *         freed: table header, node and cell slabs (their capacity, kept
 *         until the table is empty), directory. Allocator overhead not
 *         included. O(1).
 */
size_t rtm_prefix_table_memory_bytes(const rtm_prefix_table *t);

/* ------------------------------------------------------------------ */
/* Changes (exclusive lock)                                             */
/* ------------------------------------------------------------------ */

/**
 * Adds prefix addr/len with the given value.
 *
 * @param t         the table.
 * @param addr      address bytes (network order); bits past len ignored.
 *                  May be NULL if len is 0.
 * @param len       prefix length, 0..max_bits.
 * @param value     the value to store; must not be NULL.
 * @param existing  optional; when the prefix is already stored receives
 *                  its current value.
 * @return RTM_PT_OK when added; RTM_PT_EXISTS when the prefix was already
 *         stored (table and value unchanged, *existing set);
 *         RTM_PT_NOMEM when an allocation failed (table unchanged, its
 *         memory too);
 *         RTM_PT_INVALID for len > max_bits, a NULL value, or a NULL addr
 *         with len > 0.
 * Complexity O(depth) <= O(max_bits), plus the directory's share: up to
 * 2^(16 - len) slots for len <= 16, else O(ranges in the prefix's 16-bit
 * slot). At most five allocations (a directory chunk, a block and a block
 * array for nodes and for cells), usually none; the insert that brings the
 * table to 8192 prefixes (PT_DIR_DEFAULT_MIN) builds the directory (O(n);
 * if that runs out of memory the insert still succeeds and the next one
 * retries).
 */
int rtm_prefix_table_insert(rtm_prefix_table *t, const uint8_t *addr, unsigned len, void *value,
                            void **existing);

/**
 * Removes prefix addr/len. Nodes left without a purpose (a branch point
 * with a single child, or a leaf without a value) are freed, so the trie
 * stays path-compressed.
 *
 * @return the value the prefix had, or NULL if it was not stored (or the
 *         arguments are invalid). O(depth) plus the directory's share (as
 *         for insert); frees at most two nodes and never allocates, so it
 *         cannot fail. Removing the last prefix releases all memory but the
 *         header.
 */
void *rtm_prefix_table_remove(rtm_prefix_table *t, const uint8_t *addr, unsigned len);

/* ------------------------------------------------------------------ */
/* Look-ups (shared lock; they never write to the table)                */
/* ------------------------------------------------------------------ */

/**
 * Exact match.
 * @return the value of prefix addr/len, or NULL if it is not stored or
 *         len > max_bits. O(depth).
 */
void *rtm_prefix_table_find(const rtm_prefix_table *t, const uint8_t *addr, unsigned len);

/**
 * Longest-prefix match: the stored prefix P with P.len <= len whose first
 * P.len bits equal those of addr, the longest such. With len == max_bits
 * this is the route look-up of a host address; with a shorter len it is
 * "the exact prefix if stored, else its best cover"
 * (RtmGetMostSpecificDestination).
 *
 * @param match_len  optional; receives the matched prefix's length.
 * @return the matched value, or NULL if none (or len > max_bits).
 *         With the directory and len == max_bits (IPv4): O(log ranges in
 *         the slot), a few cache lines; else O(depth). No allocation, no
 *         recursion.
 */
void *rtm_prefix_table_longest_match(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                                     unsigned *match_len);

/**
 * Less-specific match: the longest stored prefix strictly shorter than len
 * that covers addr/len - its parent in the prefix hierarchy
 * (RtmGetLessSpecificDestination). addr/len itself need not be stored.
 *
 * @param match_len  optional; receives the matched prefix's length.
 * @return the value, or NULL if none (always NULL for len 0 or
 *         len > max_bits). O(depth).
 */
void *rtm_prefix_table_less_specific(const rtm_prefix_table *t, const uint8_t *addr,
                                     unsigned len, unsigned *match_len);

/**
 * Ordered iteration: the first stored prefix at or after (inclusive != 0)
 * or strictly after (inclusive == 0) the key addr/len, in the order
 * described at the top of this file. The key need not be stored, so an
 * enumeration can resume after its last prefix was removed. Start an
 * enumeration with (NULL, 0, inclusive=1).
 *
 * @param out_addr  optional; receives the found prefix's canonical address,
 *                  rtm_prefix_table_key_bytes(t) bytes (zero past its
 *                  length). May be the same buffer as addr.
 * @param out_len   optional; receives the found prefix's length.
 * @return the found value, or NULL at the end (outputs then untouched) or
 *         for len > max_bits. O(depth).
 */
void *rtm_prefix_table_next(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                            int inclusive, uint8_t *out_addr, unsigned *out_len);

/**
 * Checks every structural invariant (see prefix_table.c) and the count and
 * memory statistics. Meant for tests and debug builds.
 * @return 0 if the table is consistent, -1 otherwise. O(n).
 */
int rtm_prefix_table_validate(const rtm_prefix_table *t);

/* ------------------------------------------------------------------ */
/* Key helpers (no table needed)                                        */
/* ------------------------------------------------------------------ */

/**
 * Writes the canonical form of addr/len into out: the first len bits of
 * addr followed by zeros, out_bytes bytes in all. out may equal addr.
 * Requires len <= out_bytes * 8 (else len is clamped to it). Reads
 * ceil(len / 8) bytes of addr (none when len is 0, so addr may then be
 * NULL). O(out_bytes).
 */
void rtm_prefix_canonicalize(uint8_t *out, const uint8_t *addr, unsigned len, size_t out_bytes);

/**
 * @return nonzero if prefix a/alen covers b/blen: alen <= blen and the
 *         first alen bits of both are equal (a prefix covers itself).
 *         RTM_ENUM_RANGE membership test. O(alen / 8).
 */
int rtm_prefix_covers(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen);

/**
 * Compares two prefixes in table order (canonical bits, then length).
 * @return <0, 0 or >0 as a/alen sorts before, equal to, or after b/blen.
 *         O(max(alen, blen) / 8).
 */
int rtm_prefix_compare(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen);

#ifdef __cplusplus
}
#endif

#endif /* RTM_PREFIX_TABLE_H */
