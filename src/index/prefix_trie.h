/*
 * prefix_trie.h - internals of the prefix table shared by its two files:
 * the path-compressed binary trie with its node pool (prefix_table.c) and
 * the longest-match directory over it (prefix_dir.c). Not a public header:
 * callers use prefix_table.h.
 *
 * Nodes live in a slab of fixed-size blocks of PT_BLOCK_NODES nodes each
 * and are named by 32-bit references: ref r is node r % PT_BLOCK_NODES of
 * block r / PT_BLOCK_NODES; ref 0 (PT_NIL) is never handed out and means
 * "no node". A node is one of three kinds:
 *
 *   PT_BRANCH  no value, exactly two children;
 *   PT_LEAF    a value (kept in the node, where a branch keeps its
 *              children), no children;
 *   PT_INNER   a value and one or two children: the value is kept in a
 *              cell of a second slab (cells of one pointer), named in meta.
 *
 * so a node is 16 bytes in IPv4 tables and 32 in IPv6 ones, and only
 * prefixes with longer prefixes below them cost a cell more. Free items
 * of a slab form a list through their first 32 bits. The slabs only grow
 * while the table holds prefixes and are released when it becomes empty.
 *
 * Keys are host-order 32-bit words, word 0 holding bits 0..31 (bit 0 = the
 * most significant bit of AddrBits[0]), so that prefix comparisons are a
 * XOR and a count-leading-zeros per word.
 */
#ifndef RTM_PREFIX_TRIE_H
#define RTM_PREFIX_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "prefix_table.h"

#if defined(__GNUC__) || defined(__clang__)
#define PT_INLINE static inline __attribute__((always_inline))
#define PT_LIKELY(x) __builtin_expect(!!(x), 1)
#define PT_PREFETCH(p) __builtin_prefetch(p)
#else
#define PT_INLINE static inline
#define PT_LIKELY(x) (x)
#define PT_PREFETCH(p) ((void)(p))
#endif

#define PT_MAX_WORDS (RTM_PREFIX_MAX_BITS / 32)
#define PT_BLOCK_SHIFT 8
#define PT_BLOCK_NODES (1u << PT_BLOCK_SHIFT)

typedef uint32_t pt_ref;
#define PT_NIL 0u

enum pt_kind { PT_BRANCH = 0, PT_LEAF = 1, PT_INNER = 2 };

/* meta: length in bits 0..7, kind in bits 8..9, cell (PT_INNER) above. */
#define PT_KIND_SHIFT 8
#define PT_CELL_SHIFT 10
#define PT_MAX_CELLS (1u << (32 - PT_CELL_SHIFT))

typedef struct pt_node {
    union {
        pt_ref child[2]; /* PT_BRANCH, PT_INNER: subtrees whose next bit is 0 / 1 */
        void *value;     /* PT_LEAF */
    } u;
    uint32_t meta;
    uint32_t key[]; /* canonical key, table->nwords words */
} pt_node;

/* A pool of fixed-size items in blocks of PT_BLOCK_NODES; item 0 unused. */
struct pt_slab {
    unsigned char **blocks;
    uint32_t nblocks, cap, max_blocks;
    size_t item_size;
    uint32_t free_list; /* linked through the first 32 bits of free items */
    size_t nfree, used;
};

struct pt_dir;

struct rtm_prefix_table {
    pt_ref root;
    unsigned max_bits;
    unsigned nwords;      /* ceil(max_bits / 32): 1..4 */
    unsigned key_bytes;   /* ceil(max_bits / 8) */
    size_t count;         /* stored prefixes */
    size_t mem;           /* bytes held from rtm_malloc */
    struct pt_slab nodes; /* item: a node, a multiple of the pointer alignment */
    struct pt_slab cells; /* item: the value (void *) of a PT_INNER node */
    /* longest-match directory (prefix_dir.c); NULL while count < dir_min */
    struct pt_dir *dir;
    size_t dir_min;
};

PT_INLINE void *pt_slab_at(const struct pt_slab *s, uint32_t i)
{
    return s->blocks[i >> PT_BLOCK_SHIFT] + (i & (PT_BLOCK_NODES - 1)) * s->item_size;
}

PT_INLINE pt_node *pt_at(const rtm_prefix_table *t, pt_ref r)
{
    return (pt_node *)pt_slab_at(&t->nodes, r);
}

PT_INLINE unsigned pt_len(const pt_node *n)
{
    return n->meta & 0xFFu;
}

PT_INLINE unsigned pt_kind(const pt_node *n)
{
    return (n->meta >> PT_KIND_SHIFT) & 3u;
}

/* Child b of n (PT_NIL for a leaf). */
PT_INLINE pt_ref pt_child(const pt_node *n, unsigned b)
{
    return pt_kind(n) == PT_LEAF ? PT_NIL : n->u.child[b];
}

PT_INLINE int pt_has_value(const pt_node *n)
{
    return pt_kind(n) != PT_BRANCH;
}

/* The value of n; NULL for a branch point. */
PT_INLINE void *pt_value(const rtm_prefix_table *t, const pt_node *n)
{
    switch (pt_kind(n)) {
    case PT_LEAF:
        return n->u.value;
    case PT_INNER:
        return *(void **)pt_slab_at(&t->cells, n->meta >> PT_CELL_SHIFT);
    default:
        return NULL;
    }
}

/* Number of leading zero bits of a nonzero word. */
PT_INLINE unsigned pt_clz32(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_clz(x);
#else
    unsigned n = 0;
    while (!(x & 0x80000000u)) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

/* Mask keeping the first n (0..32) bits of a word. */
PT_INLINE uint32_t pt_head_mask(unsigned n)
{
    return n ? ~0u << (32 - n) : 0;
}

/* Bit pos (0 = most significant of word 0) of key k; pos < nw * 32. */
PT_INLINE unsigned pt_key_bit(const uint32_t *k, unsigned pos)
{
    return (k[pos >> 5] >> (31 - (pos & 31))) & 1u;
}

/* Nonzero if a and b agree on their first len bits. */
PT_INLINE int pt_key_prefix_eq(const uint32_t *a, const uint32_t *b, unsigned len, unsigned nw)
{
    for (unsigned w = 0; w < nw; w++) {
        unsigned lo = w * 32;
        if (len <= lo)
            return 1;
        uint32_t x = a[w] ^ b[w];
        if (len - lo < 32)
            return (x & pt_head_mask(len - lo)) == 0;
        if (x)
            return 0;
    }
    return 1;
}

/*
 * Longest node holding a value with length <= limit on the path of q that
 * starts at node `from` (PT_NIL: none). q must be canonical to at least
 * limit bits. Read only.
 */
pt_ref pt_trie_lpm(const rtm_prefix_table *t, pt_ref from, const uint32_t *q, unsigned limit);

/*
 * The topmost node of length >= bits whose first `bits` bits are those of
 * q, i.e. the root of the subtrie of the region q/bits; PT_NIL if the
 * region holds no node that long. Read only, O(depth).
 */
pt_ref pt_trie_region(const rtm_prefix_table *t, const uint32_t *q, unsigned bits);

#endif /* RTM_PREFIX_TRIE_H */
