/*
 * prefix_table.c - ordered prefix index: a path-compressed binary trie in
 * a node pool, with a longest-match directory (prefix_dir.c) on top.
 *
 * Structure
 * ---------
 * A binary trie over the key bits (most significant first) in which chains
 * of single-child nodes are collapsed: a node exists only where a prefix is
 * stored or where two subtrees branch. Each node carries its whole key
 * (struct pt_node in prefix_trie.h: value, two 32-bit child references,
 * length, key words): 24 bytes for IPv4 tables and 40 for IPv6 ones on
 * 64-bit targets. Nodes come from a pool of blocks of 256 (prefix_trie.h),
 * so there is no allocation per node and no allocator overhead per node.
 *
 * Invariants (checked by rtm_prefix_table_validate):
 *   I1  key is canonical: every bit at position >= len is zero.
 *   I2  for c = n->child[b]: c->len > n->len, c's first n->len bits equal
 *       n's, and bit n->len of c's key is b.
 *   I3  a node with value == NULL has two children (path compression):
 *       leaves always hold a value, branch points always branch.
 *   I4  count = number of nodes with a value; nodes in use + free nodes =
 *       pool capacity; mem = header + block array + blocks + directory.
 *   I5  the directory, when present, agrees with the trie (prefix_dir.c).
 * From I2, lengths strictly grow downwards, so any root-to-leaf path has at
 * most max_bits + 1 nodes: every walk is O(max_bits) and fixed-size stacks
 * of RTM_PREFIX_MAX_BITS + 2 entries suffice for the iterative traversals
 * (nothing here recurses). Pre-order (node, child[0] subtree, child[1]
 * subtree) is exactly the table order of prefix_table.h.
 *
 * Changes make every allocation they need first (directory chunk, pool
 * block) and only then touch the trie, so RTM_PT_NOMEM leaves the table
 * exactly as it was. Look-ups only read; all writes happen in
 * insert/remove/destroy (and in rtm_prefix_table_set_dir_min).
 */
#include "prefix_table.h"

#include <string.h>

#include "platform.h"
#include "prefix_dir.h"

/* Deepest path is max_bits + 1 nodes; DFS stacks hold at most depth + 1. */
#define PT_STACK (RTM_PREFIX_MAX_BITS + 2)
/* Refs stay below 2^31 (the directory stores them shifted left by one). */
#define PT_MAX_BLOCKS (1u << (31 - PT_BLOCK_SHIFT))

/* ------------------------------------------------------------------ */
/* Word-level key operations                                            */
/* ------------------------------------------------------------------ */

/*
 * Loads address bytes into canonical key words: the first len bits of addr,
 * zeros after. Reads ceil(len / 8) bytes. len <= nw * 32.
 */
PT_INLINE void key_load(uint32_t *k, unsigned nw, const uint8_t *addr, unsigned len)
{
    unsigned nbytes = (len + 7) >> 3;
    for (unsigned w = 0; w < nw; w++) {
        uint32_t v = 0;
        unsigned base = w * 4;
        for (unsigned i = 0; i < 4; i++) {
            if (base + i < nbytes)
                v |= (uint32_t)addr[base + i] << (24 - 8 * i);
        }
        unsigned lo = w * 32;
        if (len <= lo)
            v = 0;
        else if (len - lo < 32)
            v &= pt_head_mask(len - lo);
        k[w] = v;
    }
}

/* Writes the first nbytes bytes of key k to out (network order). */
static void key_store(uint8_t *out, unsigned nbytes, const uint32_t *k)
{
    for (unsigned i = 0; i < nbytes; i++)
        out[i] = (uint8_t)(k[i >> 2] >> (24 - 8 * (i & 3)));
}

/* Length of the common head of a and b, at most cap. */
PT_INLINE unsigned key_lcp(const uint32_t *a, const uint32_t *b, unsigned cap, unsigned nw)
{
    for (unsigned w = 0; w < nw && w * 32 < cap; w++) {
        uint32_t x = a[w] ^ b[w];
        if (x) {
            unsigned d = w * 32 + pt_clz32(x);
            return d < cap ? d : cap;
        }
    }
    return cap;
}

/* Mask of the bits of word w that a canonical key of length len may set. */
PT_INLINE uint32_t word_keep(unsigned len, unsigned w)
{
    unsigned lo = w * 32;
    return len <= lo ? 0 : len - lo >= 32 ? ~0u : pt_head_mask(len - lo);
}

/* ------------------------------------------------------------------ */
/* Node pool                                                            */
/* ------------------------------------------------------------------ */

static size_t block_bytes(const rtm_prefix_table *t)
{
    return (size_t)PT_BLOCK_NODES * t->node_size;
}

/*
 * Makes sure `need` (0..2) free nodes exist: at most two allocations (a
 * larger block array, one block), installed only when both succeeded.
 * @return 0, or -1 when out of memory (nothing changed).
 */
static int pool_reserve(rtm_prefix_table *t, unsigned need)
{
    if (t->nfree >= need)
        return 0;
    if (t->nblocks == PT_MAX_BLOCKS)
        return -1;
    unsigned char **blocks = t->blocks;
    uint32_t cap = t->blocks_cap;
    if (t->nblocks == cap) {
        cap = cap ? cap * 2 : 4;
        blocks = rtm_malloc(cap * sizeof(*blocks));
        if (!blocks)
            return -1;
    }
    unsigned char *b = rtm_malloc(block_bytes(t));
    if (!b) {
        if (blocks != t->blocks)
            rtm_free(blocks);
        return -1;
    }
    if (blocks != t->blocks) {
        if (t->nblocks)
            memcpy(blocks, t->blocks, t->nblocks * sizeof(*blocks));
        rtm_free(t->blocks);
        t->mem += (cap - t->blocks_cap) * sizeof(*blocks);
        t->blocks = blocks;
        t->blocks_cap = cap;
    }
    t->blocks[t->nblocks] = b;
    t->mem += block_bytes(t);
    pt_ref base = t->nblocks << PT_BLOCK_SHIFT;
    t->nblocks++;
    /* Pushed from the top so that the lowest refs are handed out first. */
    for (pt_ref r = base + PT_BLOCK_NODES; r-- > base;) {
        if (r == PT_NIL)
            continue;
        pt_at(t, r)->child[0] = t->free_list;
        t->free_list = r;
        t->nfree++;
    }
    return 0;
}

/* Frees every block (all nodes must be free). */
static void pool_release(rtm_prefix_table *t)
{
    for (uint32_t b = 0; b < t->nblocks; b++)
        rtm_free(t->blocks[b]);
    rtm_free(t->blocks);
    t->mem -= t->nblocks * block_bytes(t) + t->blocks_cap * sizeof(*t->blocks);
    t->blocks = NULL;
    t->nblocks = t->blocks_cap = 0;
    t->free_list = PT_NIL;
    t->nfree = 0;
}

/* New node with key k cut to len bits, from the reserved free nodes. */
static pt_ref node_new(rtm_prefix_table *t, const uint32_t *k, unsigned len, void *value)
{
    pt_ref r = t->free_list;
    pt_node *n = pt_at(t, r);
    t->free_list = n->child[0];
    t->nfree--;
    t->nodes++;
    n->child[0] = n->child[1] = PT_NIL;
    n->value = value;
    n->len = len;
    for (unsigned w = 0; w < t->nwords; w++)
        n->key[w] = k[w] & word_keep(len, w);
    return r;
}

static void node_free(rtm_prefix_table *t, pt_ref r)
{
    pt_node *n = pt_at(t, r);
    n->value = NULL;
    n->child[0] = t->free_list;
    t->free_list = r;
    t->nfree++;
    t->nodes--;
}

/* First node holding a value in pre-order of subtree r (PT_NIL if r is). */
PT_INLINE const pt_node *subtree_first(const rtm_prefix_table *t, pt_ref r)
{
    while (r) {
        const pt_node *n = pt_at(t, r);
        if (n->value)
            return n;
        r = n->child[0] ? n->child[0] : n->child[1];
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                           */
/* ------------------------------------------------------------------ */

rtm_prefix_table *rtm_prefix_table_create(unsigned max_bits)
{
    if (max_bits == 0 || max_bits > RTM_PREFIX_MAX_BITS)
        return NULL;
    rtm_prefix_table *t = rtm_malloc(sizeof(*t));
    if (!t)
        return NULL;
    memset(t, 0, sizeof(*t));
    t->root = PT_NIL;
    t->max_bits = max_bits;
    t->nwords = (max_bits + 31) / 32;
    t->key_bytes = (max_bits + 7) / 8;
    size_t align = sizeof(void *);
    t->node_size = offsetof(pt_node, key) + t->nwords * sizeof(uint32_t);
    t->node_size = (t->node_size + align - 1) / align * align;
    t->mem = sizeof(*t);
    t->dir_min = PT_DIR_DEFAULT_MIN;
    return t;
}

void rtm_prefix_table_destroy(rtm_prefix_table *t)
{
    if (!t)
        return;
    pt_dir_free(t);
    pool_release(t);
    rtm_free(t);
}

unsigned rtm_prefix_table_max_bits(const rtm_prefix_table *t)
{
    return t->max_bits;
}

unsigned rtm_prefix_table_key_bytes(const rtm_prefix_table *t)
{
    return t->key_bytes;
}

size_t rtm_prefix_table_count(const rtm_prefix_table *t)
{
    return t->count;
}

size_t rtm_prefix_table_memory_bytes(const rtm_prefix_table *t)
{
    return t->mem;
}

int rtm_prefix_table_set_dir_min(rtm_prefix_table *t, size_t min)
{
    t->dir_min = min;
    if (!t->dir && t->count && t->count >= min)
        return pt_dir_build(t);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Changes                                                              */
/* ------------------------------------------------------------------ */

/* Every allocation inserting q/len with `nodes` new nodes needs. */
static int reserve(rtm_prefix_table *t, const uint32_t *q, unsigned len, unsigned nodes,
                   struct pt_dir_txn *x)
{
    if (pt_dir_prepare(t, q, len, x) != 0)
        return -1;
    if (pool_reserve(t, nodes) != 0) {
        pt_dir_abort(t, x);
        return -1;
    }
    return 0;
}

/* Completes an insert whose prefix is now node r. */
static int inserted(rtm_prefix_table *t, const uint32_t *q, unsigned len, pt_ref r,
                    struct pt_dir_txn *x)
{
    t->count++;
    pt_dir_insert(t, q, len, r, x);
    if (!t->dir && t->count >= t->dir_min)
        (void)pt_dir_build(t); /* out of memory: retried at the next insert */
    return RTM_PT_OK;
}

int rtm_prefix_table_insert(rtm_prefix_table *t, const uint8_t *addr, unsigned len, void *value,
                            void **existing)
{
    if (len > t->max_bits || !value || (!addr && len))
        return RTM_PT_INVALID;

    const unsigned nw = t->nwords;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);
    struct pt_dir_txn x;

    /* Node memory never moves, so link stays valid across reserve(). */
    pt_ref *link = &t->root;
    pt_ref r;
    while ((r = *link) != PT_NIL) {
        pt_node *n = pt_at(t, r);
        unsigned cap = n->len < len ? n->len : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* Diverge at bit c: new branch point of length c over n and
             * the new leaf. */
            if (reserve(t, q, len, 2, &x) != 0)
                return RTM_PT_NOMEM;
            pt_ref leaf = node_new(t, q, len, value);
            pt_ref branch = node_new(t, q, c, NULL);
            unsigned b = pt_key_bit(q, c);
            pt_at(t, branch)->child[b] = leaf;
            pt_at(t, branch)->child[!b] = r;
            *link = branch;
            return inserted(t, q, len, leaf, &x);
        }
        if (n->len == len) {
            if (n->value) {
                if (existing)
                    *existing = n->value;
                return RTM_PT_EXISTS;
            }
            if (reserve(t, q, len, 0, &x) != 0)
                return RTM_PT_NOMEM;
            n->value = value; /* a branch point becomes a prefix */
            return inserted(t, q, len, r, &x);
        }
        if (n->len > len) {
            /* The new prefix is a strict head of n: insert above n. */
            if (reserve(t, q, len, 1, &x) != 0)
                return RTM_PT_NOMEM;
            pt_ref m = node_new(t, q, len, value);
            pt_at(t, m)->child[pt_key_bit(n->key, len)] = r;
            *link = m;
            return inserted(t, q, len, m, &x);
        }
        link = &n->child[pt_key_bit(q, n->len)];
    }
    if (reserve(t, q, len, 1, &x) != 0)
        return RTM_PT_NOMEM;
    r = node_new(t, q, len, value);
    *link = r;
    return inserted(t, q, len, r, &x);
}

void *rtm_prefix_table_remove(rtm_prefix_table *t, const uint8_t *addr, unsigned len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;

    const unsigned nw = t->nwords;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    pt_ref *plink = NULL; /* link to the parent of n */
    pt_ref *link = &t->root;
    pt_ref r, cover = PT_NIL; /* cover: the longest stored prefix above n */
    pt_node *n = NULL;
    while ((r = *link) != PT_NIL && (n = pt_at(t, r))->len < len) {
        if (!pt_key_prefix_eq(n->key, q, n->len, nw))
            return NULL;
        if (n->value)
            cover = r;
        plink = link;
        link = &n->child[pt_key_bit(q, n->len)];
    }
    if (!r || n->len != len || !n->value || !pt_key_prefix_eq(n->key, q, len, nw))
        return NULL;

    void *value = n->value;
    n->value = NULL;
    t->count--;

    if (!n->child[0] || !n->child[1]) {
        /* Not a branch point (I3): splice n out. */
        pt_ref only = n->child[0] ? n->child[0] : n->child[1];
        *link = only;
        node_free(t, r);
        /* n was a leaf: its parent lost a child. A parent without a value
         * was a branch point and now has one child left: splice it out. */
        pt_node *p = plink ? pt_at(t, *plink) : NULL;
        if (!only && p && !p->value) {
            pt_ref pr = *plink;
            *plink = p->child[0] ? p->child[0] : p->child[1];
            node_free(t, pr);
        }
    }
    pt_dir_remove(t, q, len, r, cover);
    if (t->count == 0) {
        pt_dir_free(t);
        pool_release(t);
    }
    return value;
}

/* ------------------------------------------------------------------ */
/* Look-ups                                                             */
/* ------------------------------------------------------------------ */

/*
 * Longest node with a value of length <= limit covering q, on the path from
 * node r. nw is a constant at each call site so that the word loops unroll.
 */
PT_INLINE pt_ref lpm_walk(const rtm_prefix_table *t, pt_ref r, const uint32_t *q, unsigned limit,
                          unsigned nw)
{
    pt_ref best = PT_NIL;
    while (r) {
        const pt_node *n = pt_at(t, r);
        if (n->len > limit || !pt_key_prefix_eq(n->key, q, n->len, nw))
            break;
        if (n->value)
            best = r;
        if (n->len == limit)
            break;
        r = n->child[pt_key_bit(q, n->len)];
    }
    return best;
}

pt_ref pt_trie_lpm(const rtm_prefix_table *t, pt_ref from, const uint32_t *q, unsigned limit)
{
    if (PT_LIKELY(t->nwords == 1))
        return lpm_walk(t, from, q, limit, 1);
    return lpm_walk(t, from, q, limit, t->nwords);
}

pt_ref pt_trie_region(const rtm_prefix_table *t, const uint32_t *q, unsigned bits)
{
    pt_ref r = t->root;
    while (r) {
        const pt_node *n = pt_at(t, r);
        if (n->len >= bits)
            return pt_key_prefix_eq(n->key, q, bits, t->nwords) ? r : PT_NIL;
        r = n->child[pt_key_bit(q, n->len)];
    }
    return PT_NIL;
}

/* Longest match of q (canonical to limit bits) among lengths <= limit:
 * the directory's answer for the point q when it is short enough (it then
 * is the answer), else the trie's. */
static const pt_node *table_lpm(const rtm_prefix_table *t, const uint32_t *q, unsigned limit)
{
    pt_ref r;
    if (PT_LIKELY(t->dir != NULL)) {
        r = pt_dir_lpm(t, q);
        if (r == PT_NIL)
            return NULL;
        const pt_node *n = pt_at(t, r);
        if (PT_LIKELY(n->len <= limit))
            return n;
    }
    r = pt_trie_lpm(t, t->root, q, limit);
    return r ? pt_at(t, r) : NULL;
}

void *rtm_prefix_table_find(const rtm_prefix_table *t, const uint8_t *addr, unsigned len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    const unsigned nw = t->nwords;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    pt_ref r;
    const pt_node *n = NULL;
    if (PT_LIKELY(t->dir != NULL)) {
        /* The longest match A of the prefix's first point: shorter, and the
         * prefix is not stored (it would match longer); as long, and A is
         * the prefix; longer: ask the trie. */
        r = pt_dir_lpm(t, q);
        if (r == PT_NIL)
            return NULL;
        n = pt_at(t, r);
        if (n->len < len)
            return NULL;
        if (n->len == len)
            return n->value;
    }
    r = t->root;
    while (r && (n = pt_at(t, r))->len < len)
        r = n->child[pt_key_bit(q, n->len)];
    if (r && n->len == len && pt_key_prefix_eq(n->key, q, len, nw))
        return n->value;
    return NULL;
}

void *rtm_prefix_table_longest_match(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                                     unsigned *match_len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, t->nwords, addr, len);
    const pt_node *n = table_lpm(t, q, len);
    if (!n)
        return NULL;
    if (match_len)
        *match_len = n->len;
    return n->value;
}

void *rtm_prefix_table_less_specific(const rtm_prefix_table *t, const uint8_t *addr,
                                     unsigned len, unsigned *match_len)
{
    if (len == 0 || len > t->max_bits || !addr)
        return NULL;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, t->nwords, addr, len - 1);
    const pt_node *n = table_lpm(t, q, len - 1);
    if (!n)
        return NULL;
    if (match_len)
        *match_len = n->len;
    return n->value;
}

void *rtm_prefix_table_next(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                            int inclusive, uint8_t *out_addr, unsigned *out_len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    const unsigned nw = t->nwords;
    uint32_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    /* cand: the smallest subtree seen so far lying wholly after the key. */
    pt_ref cand = PT_NIL, r = t->root;
    const pt_node *found = NULL;
    for (;;) {
        if (!r) {
            found = subtree_first(t, cand);
            break;
        }
        const pt_node *n = pt_at(t, r);
        unsigned cap = n->len < len ? n->len : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* n and the key part at bit c: n's subtree is wholly before
             * (n has 0 there) or wholly after (n has 1) the key. */
            found = subtree_first(t, pt_key_bit(n->key, c) ? r : cand);
            break;
        }
        if (n->len > len) {
            /* The key is a strict head of n: n and below are after it. */
            found = subtree_first(t, r);
            break;
        }
        if (n->len == len) {
            if (inclusive && n->value)
                found = n;
            else if (n->child[0])
                found = subtree_first(t, n->child[0]);
            else if (n->child[1])
                found = subtree_first(t, n->child[1]);
            else
                found = subtree_first(t, cand);
            break;
        }
        /* n is a strict head of the key, so n itself is before it. */
        unsigned b = pt_key_bit(q, n->len);
        if (b == 0 && n->child[1])
            cand = n->child[1];
        r = n->child[b];
    }
    if (!found)
        return NULL;
    if (out_addr)
        key_store(out_addr, t->key_bytes, found->key);
    if (out_len)
        *out_len = found->len;
    return found->value;
}

int rtm_prefix_table_validate(const rtm_prefix_table *t)
{
    const unsigned nw = t->nwords;
    pt_ref stack[PT_STACK];
    unsigned sp = 0;
    size_t values = 0, nodes = 0;

    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        const pt_node *n = pt_at(t, stack[--sp]);
        nodes++;
        if (n->len > t->max_bits)
            return -1;
        /* I1: canonical key */
        for (unsigned w = 0; w < nw; w++) {
            if (n->key[w] & ~word_keep(n->len, w))
                return -1;
        }
        /* I3: no useless nodes */
        if (n->value)
            values++;
        else if (!n->child[0] || !n->child[1])
            return -1;
        /* I2: children extend this node on the right side */
        for (unsigned b = 0; b < 2; b++) {
            if (!n->child[b])
                continue;
            const pt_node *c = pt_at(t, n->child[b]);
            if (c->len <= n->len || !pt_key_prefix_eq(c->key, n->key, n->len, nw) ||
                pt_key_bit(c->key, n->len) != b)
                return -1;
            if (sp >= PT_STACK)
                return -1;
            stack[sp++] = n->child[b];
        }
    }
    /* I4 */
    size_t free_nodes = 0;
    for (pt_ref r = t->free_list; r && free_nodes <= t->nfree; r = pt_at(t, r)->child[0])
        free_nodes++;
    size_t capacity = t->nblocks ? (size_t)t->nblocks * PT_BLOCK_NODES - 1 : 0;
    size_t mem = sizeof(*t) + t->blocks_cap * sizeof(*t->blocks) + t->nblocks * block_bytes(t);
    if (values != t->count || nodes != t->nodes || free_nodes != t->nfree ||
        nodes + free_nodes != capacity)
        return -1;
    /* I5 */
    if (t->dir) {
        size_t dir_mem;
        if (pt_dir_validate(t, &dir_mem) != 0)
            return -1;
        mem += dir_mem;
    }
    return t->mem == mem ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Key helpers                                                          */
/* ------------------------------------------------------------------ */

/* Byte i of the canonical form of a/len (0 past the length). */
static uint8_t canon_byte(const uint8_t *a, unsigned len, unsigned i)
{
    if (i * 8 >= len)
        return 0;
    unsigned bits = len - i * 8;
    return bits >= 8 ? a[i] : (uint8_t)(a[i] & (0xFFu << (8 - bits)));
}

void rtm_prefix_canonicalize(uint8_t *out, const uint8_t *addr, unsigned len, size_t out_bytes)
{
    if (len > out_bytes * 8)
        len = (unsigned)(out_bytes * 8);
    for (size_t i = 0; i < out_bytes; i++)
        out[i] = canon_byte(addr, len, (unsigned)i);
}

int rtm_prefix_covers(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen)
{
    if (alen > blen)
        return 0;
    unsigned full = alen / 8, rem = alen % 8;
    if (full && memcmp(a, b, full) != 0)
        return 0;
    if (rem) {
        unsigned m = 0xFFu << (8 - rem);
        if ((a[full] ^ b[full]) & m)
            return 0;
    }
    return 1;
}

int rtm_prefix_compare(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen)
{
    unsigned maxlen = alen > blen ? alen : blen;
    unsigned nbytes = (maxlen + 7) / 8;
    for (unsigned i = 0; i < nbytes; i++) {
        uint8_t x = canon_byte(a, alen, i), y = canon_byte(b, blen, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}
