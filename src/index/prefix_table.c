/*
 * prefix_table.c - ordered prefix index: a path-compressed binary trie in
 * a node slab, with a longest-match directory (prefix_dir.c) on top.
 *
 * Structure
 * ---------
 * A binary trie over the key bits (most significant first) in which chains
 * of single-child nodes are collapsed: a node exists only where a prefix is
 * stored or where two subtrees branch. Each node carries its whole key and
 * is a branch point, a leaf or an inner prefix (struct pt_node in
 * prefix_trie.h): 16 bytes for IPv4 tables and 32 for IPv6 ones, plus a
 * pointer-sized cell for each prefix that has longer ones below it. Nodes
 * and cells come from slabs of blocks of 256, so there is no allocation
 * (and no allocator overhead) per node.
 *
 * Invariants (checked by rtm_prefix_table_validate):
 *   I1  key is canonical: every bit at position >= len is zero.
 *   I2  for c = child b of n: c->len > n->len, c's first n->len bits equal
 *       n's, and bit n->len of c's key is b.
 *   I3  a branch point has two children, a leaf none, an inner prefix one
 *       or two; leaves and inner prefixes hold a non-NULL value, an inner
 *       one in its own cell (path compression: no useless nodes).
 *   I4  count = leaves + inner prefixes; cells in use = inner prefixes;
 *       in each slab items in use + free items = capacity; mem = header +
 *       slabs + directory.
 *   I5  the directory, when present, agrees with the trie (prefix_dir.c).
 * From I2, lengths strictly grow downwards, so any root-to-leaf path has at
 * most max_bits + 1 nodes: every walk is O(max_bits) and fixed-size stacks
 * of RTM_PREFIX_MAX_BITS + 2 entries suffice for the iterative traversals
 * (nothing here recurses). Pre-order (node, child 0 subtree, child 1
 * subtree) is exactly the table order of prefix_table.h.
 *
 * Changes make every allocation they need first (directory chunk, slab
 * blocks) and only then touch the trie, so RTM_PT_NOMEM leaves the table
 * exactly as it was; a node keeps its reference when it changes kind, so
 * the directory's references stay valid. Look-ups only read; all writes
 * happen in insert/remove/destroy (and in rtm_prefix_table_set_dir_min).
 */
#include "prefix_table.h"

#include <string.h>

#include "base/platform.h"
#include "prefix_dir.h"

/* Deepest path is max_bits + 1 nodes; DFS stacks hold at most depth + 1. */
#define PT_STACK (RTM_PREFIX_MAX_BITS + 2)
/* Node refs stay below 2^31 (the directory stores them shifted left by one). */
#define PT_MAX_NODE_BLOCKS (1u << (31 - PT_BLOCK_SHIFT))

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
/* Slabs                                                                */
/* ------------------------------------------------------------------ */

/* What growing a slab by one block takes: a larger block array (or the
 * same) and the block, allocated but not yet installed. */
struct slab_growth {
    unsigned char **blocks;
    unsigned char *block;
    uint32_t cap;
};

static size_t slab_block_bytes(const struct pt_slab *s)
{
    return (size_t)PT_BLOCK_NODES * s->item_size;
}

/* Allocates what makes `need` free items available (nothing when they
 * already are). @return 0, or -1 when out of memory (nothing allocated). */
static int slab_prepare(const struct pt_slab *s, size_t need, struct slab_growth *g)
{
    g->blocks = s->blocks;
    g->block = NULL;
    g->cap = s->cap;
    if (s->nfree >= need)
        return 0;
    if (s->nblocks == s->max_blocks)
        return -1;
    if (s->nblocks == s->cap) {
        g->cap = s->cap ? s->cap * 2 : 4;
        g->blocks = rtm_malloc(g->cap * sizeof(*g->blocks));
        if (!g->blocks)
            return -1;
    }
    g->block = rtm_malloc(slab_block_bytes(s));
    if (!g->block) {
        if (g->blocks != s->blocks)
            rtm_free(g->blocks);
        return -1;
    }
    return 0;
}

static void slab_cancel(const struct pt_slab *s, struct slab_growth *g)
{
    if (g->blocks != s->blocks)
        rtm_free(g->blocks);
    rtm_free(g->block);
}

/* Installs a prepared growth: the block's items join the free list. */
static void slab_install(rtm_prefix_table *t, struct pt_slab *s, struct slab_growth *g)
{
    if (!g->block)
        return;
    if (g->blocks != s->blocks) {
        if (s->nblocks)
            memcpy(g->blocks, s->blocks, s->nblocks * sizeof(*s->blocks));
        rtm_free(s->blocks);
        t->mem += (g->cap - s->cap) * sizeof(*s->blocks);
        s->blocks = g->blocks;
        s->cap = g->cap;
    }
    s->blocks[s->nblocks] = g->block;
    t->mem += slab_block_bytes(s);
    uint32_t base = s->nblocks << PT_BLOCK_SHIFT;
    s->nblocks++;
    /* Pushed from the top so that the lowest items are handed out first. */
    for (uint32_t i = base + PT_BLOCK_NODES; i-- > base;) {
        if (i == 0)
            continue;
        *(uint32_t *)pt_slab_at(s, i) = s->free_list;
        s->free_list = i;
        s->nfree++;
    }
}

/* Takes a free item (one must be available). */
static uint32_t slab_get(struct pt_slab *s)
{
    uint32_t i = s->free_list;
    s->free_list = *(uint32_t *)pt_slab_at(s, i);
    s->nfree--;
    s->used++;
    return i;
}

static void slab_put(struct pt_slab *s, uint32_t i)
{
    *(uint32_t *)pt_slab_at(s, i) = s->free_list;
    s->free_list = i;
    s->nfree++;
    s->used--;
}

/* Frees every block (all items must be free). */
static void slab_release(rtm_prefix_table *t, struct pt_slab *s)
{
    for (uint32_t b = 0; b < s->nblocks; b++)
        rtm_free(s->blocks[b]);
    rtm_free(s->blocks);
    t->mem -= s->nblocks * slab_block_bytes(s) + s->cap * sizeof(*s->blocks);
    s->blocks = NULL;
    s->nblocks = s->cap = 0;
    s->free_list = 0;
    s->nfree = 0;
}

/* Counts the free list (at most limit + 1 items). */
static size_t slab_count_free(const struct pt_slab *s, size_t limit)
{
    size_t n = 0;
    for (uint32_t i = s->free_list; i && n <= limit; i = *(const uint32_t *)pt_slab_at(s, i))
        n++;
    return n;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                                */
/* ------------------------------------------------------------------ */

PT_INLINE void set_meta(pt_node *n, unsigned len, unsigned kind, uint32_t cell)
{
    n->meta = len | kind << PT_KIND_SHIFT | cell << PT_CELL_SHIFT;
}

/* New node with key k cut to len bits, from the reserved free nodes: a
 * leaf holding value, or (value NULL) a branch point whose children the
 * caller sets. */
static pt_ref node_new(rtm_prefix_table *t, const uint32_t *k, unsigned len, void *value)
{
    pt_ref r = slab_get(&t->nodes);
    pt_node *n = pt_at(t, r);
    if (value) {
        n->u.value = value;
        set_meta(n, len, PT_LEAF, 0);
    } else {
        n->u.child[0] = n->u.child[1] = PT_NIL;
        set_meta(n, len, PT_BRANCH, 0);
    }
    for (unsigned w = 0; w < t->nwords; w++)
        n->key[w] = k[w] & word_keep(len, w);
    return r;
}

/* Gives n (a branch point or a leaf) the value v, making it an inner
 * prefix with a reserved cell; a leaf's value moves to the cell and its
 * children start empty. */
static void make_inner(rtm_prefix_table *t, pt_node *n, void *v)
{
    uint32_t cell = slab_get(&t->cells);
    if (pt_kind(n) == PT_LEAF) {
        *(void **)pt_slab_at(&t->cells, cell) = n->u.value;
        n->u.child[0] = n->u.child[1] = PT_NIL;
    } else {
        *(void **)pt_slab_at(&t->cells, cell) = v;
    }
    set_meta(n, pt_len(n), PT_INNER, cell);
}

/* Frees the cell of inner prefix n, which becomes a branch point (two
 * children) or a leaf holding its value again (no children). */
static void drop_cell(rtm_prefix_table *t, pt_node *n)
{
    uint32_t cell = n->meta >> PT_CELL_SHIFT;
    void *v = *(void **)pt_slab_at(&t->cells, cell);
    slab_put(&t->cells, cell);
    if (n->u.child[0] || n->u.child[1]) {
        set_meta(n, pt_len(n), PT_BRANCH, 0);
    } else {
        n->u.value = v;
        set_meta(n, pt_len(n), PT_LEAF, 0);
    }
}

/* First node holding a value in pre-order of subtree r (NULL if r is
 * PT_NIL). */
PT_INLINE const pt_node *subtree_first(const rtm_prefix_table *t, pt_ref r)
{
    while (r) {
        const pt_node *n = pt_at(t, r);
        if (pt_has_value(n))
            return n;
        r = n->u.child[0] ? n->u.child[0] : n->u.child[1];
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
    t->nodes.item_size = offsetof(pt_node, key) + t->nwords * sizeof(uint32_t);
    t->nodes.item_size = (t->nodes.item_size + align - 1) / align * align;
    t->nodes.max_blocks = PT_MAX_NODE_BLOCKS;
    t->cells.item_size = sizeof(void *);
    t->cells.max_blocks = PT_MAX_CELLS >> PT_BLOCK_SHIFT;
    t->mem = sizeof(*t);
    t->dir_min = PT_DIR_DEFAULT_MIN;
    return t;
}

void rtm_prefix_table_destroy(rtm_prefix_table *t)
{
    if (!t)
        return;
    pt_dir_free(t);
    slab_release(t, &t->nodes);
    slab_release(t, &t->cells);
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

/* Every allocation inserting q/len with `nodes` new nodes and `cells` new
 * cells needs, all or nothing. */
static int reserve(rtm_prefix_table *t, const uint32_t *q, unsigned len, unsigned nodes,
                   unsigned cells, struct pt_dir_txn *x)
{
    struct slab_growth gn, gc;
    if (pt_dir_prepare(t, q, len, x) != 0)
        return -1;
    if (slab_prepare(&t->nodes, nodes, &gn) != 0) {
        pt_dir_abort(t, x);
        return -1;
    }
    if (slab_prepare(&t->cells, cells, &gc) != 0) {
        slab_cancel(&t->nodes, &gn);
        pt_dir_abort(t, x);
        return -1;
    }
    slab_install(t, &t->nodes, &gn);
    slab_install(t, &t->cells, &gc);
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
        unsigned nlen = pt_len(n);
        unsigned cap = nlen < len ? nlen : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* Diverge at bit c: new branch point of length c over n and
             * the new leaf. */
            if (reserve(t, q, len, 2, 0, &x) != 0)
                return RTM_PT_NOMEM;
            pt_ref leaf = node_new(t, q, len, value);
            pt_ref branch = node_new(t, q, c, NULL);
            unsigned b = pt_key_bit(q, c);
            pt_at(t, branch)->u.child[b] = leaf;
            pt_at(t, branch)->u.child[!b] = r;
            *link = branch;
            return inserted(t, q, len, leaf, &x);
        }
        if (nlen == len) {
            if (pt_has_value(n)) {
                if (existing)
                    *existing = pt_value(t, n);
                return RTM_PT_EXISTS;
            }
            /* A branch point becomes an inner prefix. */
            if (reserve(t, q, len, 0, 1, &x) != 0)
                return RTM_PT_NOMEM;
            make_inner(t, n, value);
            return inserted(t, q, len, r, &x);
        }
        if (nlen > len) {
            /* The new prefix is a strict head of n: insert above n. */
            if (reserve(t, q, len, 1, 1, &x) != 0)
                return RTM_PT_NOMEM;
            pt_ref m = node_new(t, q, len, NULL);
            make_inner(t, pt_at(t, m), value);
            pt_at(t, m)->u.child[pt_key_bit(n->key, len)] = r;
            *link = m;
            return inserted(t, q, len, m, &x);
        }
        if (pt_kind(n) == PT_LEAF) {
            /* Below a leaf: it becomes an inner prefix with one child. */
            if (reserve(t, q, len, 1, 1, &x) != 0)
                return RTM_PT_NOMEM;
            make_inner(t, n, NULL);
            pt_ref leaf = node_new(t, q, len, value);
            n->u.child[pt_key_bit(q, nlen)] = leaf;
            return inserted(t, q, len, leaf, &x);
        }
        link = &n->u.child[pt_key_bit(q, nlen)];
    }
    if (reserve(t, q, len, 1, 0, &x) != 0)
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

    pt_node *p = NULL;    /* the parent of n */
    pt_ref *plink = NULL; /* the link to p */
    pt_ref *link = &t->root;
    pt_ref r, cover = PT_NIL; /* cover: the longest stored prefix above n */
    pt_node *n = NULL;
    while ((r = *link) != PT_NIL && pt_len(n = pt_at(t, r)) < len) {
        if (!pt_key_prefix_eq(n->key, q, pt_len(n), nw) || pt_kind(n) == PT_LEAF)
            return NULL;
        if (pt_has_value(n))
            cover = r;
        p = n;
        plink = link;
        link = &n->u.child[pt_key_bit(q, pt_len(n))];
    }
    if (!r || pt_len(n) != len || !pt_has_value(n) || !pt_key_prefix_eq(n->key, q, len, nw))
        return NULL;

    void *value = pt_value(t, n);
    t->count--;
    if (pt_kind(n) == PT_INNER) {
        drop_cell(t, n); /* it has children: a branch point now */
        if (!n->u.child[0] || !n->u.child[1]) {
            /* With one child it has no purpose left (I3): splice it out. */
            *link = n->u.child[0] ? n->u.child[0] : n->u.child[1];
            slab_put(&t->nodes, r);
        }
    } else {
        /* A leaf: its parent loses a child. A branch point left with one
         * child is spliced out; an inner prefix left with none is a leaf
         * again. */
        *link = PT_NIL;
        slab_put(&t->nodes, r);
        if (p && pt_kind(p) == PT_BRANCH) {
            pt_ref pr = *plink;
            *plink = p->u.child[0] ? p->u.child[0] : p->u.child[1];
            slab_put(&t->nodes, pr);
        } else if (p && !p->u.child[0] && !p->u.child[1]) {
            drop_cell(t, p);
        }
    }
    pt_dir_remove(t, q, len, r, cover);
    if (t->count == 0) {
        pt_dir_free(t);
        slab_release(t, &t->nodes);
        slab_release(t, &t->cells);
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
        unsigned len = pt_len(n);
        if (len > limit || !pt_key_prefix_eq(n->key, q, len, nw))
            break;
        if (pt_has_value(n))
            best = r;
        if (len == limit)
            break;
        r = pt_child(n, pt_key_bit(q, len));
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
        if (pt_len(n) >= bits)
            return pt_key_prefix_eq(n->key, q, bits, t->nwords) ? r : PT_NIL;
        r = pt_child(n, pt_key_bit(q, pt_len(n)));
    }
    return PT_NIL;
}

/* Longest match of q (canonical to limit bits) among lengths <= limit:
 * the directory's answer for the point q when it is short enough (it then
 * is the answer), else the trie's. The common case is inline. */
PT_INLINE const pt_node *table_lpm(const rtm_prefix_table *t, const uint32_t *q, unsigned limit)
{
    pt_ref r;
    if (PT_LIKELY(t->dir != NULL)) {
        r = pt_dir_lpm(t, q);
        if (r == PT_NIL)
            return NULL;
        const pt_node *n = pt_at(t, r);
        if (PT_LIKELY(pt_len(n) <= limit))
            return n;
        r = pt_dir_lpm_upto(t, q, limit);
    } else {
        r = pt_trie_lpm(t, t->root, q, limit);
    }
    return r ? pt_at(t, r) : NULL;
}

/* key_load with the word count a constant for IPv4 tables. */
PT_INLINE void table_key(const rtm_prefix_table *t, uint32_t *q, const uint8_t *addr, unsigned len)
{
    if (PT_LIKELY(t->nwords == 1))
        key_load(q, 1, addr, len);
    else
        key_load(q, t->nwords, addr, len);
}

void *rtm_prefix_table_find(const rtm_prefix_table *t, const uint8_t *addr, unsigned len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    const unsigned nw = t->nwords;
    uint32_t q[PT_MAX_WORDS];
    table_key(t, q, addr, len);

    pt_ref r = t->root;
    const pt_node *n = NULL;
    if (PT_LIKELY(t->dir != NULL)) {
        /* The longest match A of the prefix's first point: shorter, and the
         * prefix is not stored (it would match longer); as long, and A is
         * the prefix; longer: ask the trie, from the slot's root. */
        r = pt_dir_lpm(t, q);
        if (r == PT_NIL)
            return NULL;
        n = pt_at(t, r);
        if (pt_len(n) < len)
            return NULL;
        if (pt_len(n) == len)
            return pt_value(t, n);
        r = pt_dir_start(t, q, len);
    }
    while (r && pt_len(n = pt_at(t, r)) < len)
        r = pt_child(n, pt_key_bit(q, pt_len(n)));
    if (r && pt_len(n) == len && pt_key_prefix_eq(n->key, q, len, nw))
        return pt_value(t, n);
    return NULL;
}

void *rtm_prefix_table_longest_match(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                                     unsigned *match_len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    uint32_t q[PT_MAX_WORDS];
    table_key(t, q, addr, len);
    const pt_node *n = table_lpm(t, q, len);
    if (!n)
        return NULL;
    if (match_len)
        *match_len = pt_len(n);
    return pt_value(t, n);
}

void *rtm_prefix_table_less_specific(const rtm_prefix_table *t, const uint8_t *addr,
                                     unsigned len, unsigned *match_len)
{
    if (len == 0 || len > t->max_bits || !addr)
        return NULL;
    uint32_t q[PT_MAX_WORDS];
    table_key(t, q, addr, len - 1);
    const pt_node *n = table_lpm(t, q, len - 1);
    if (!n)
        return NULL;
    if (match_len)
        *match_len = pt_len(n);
    return pt_value(t, n);
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
        unsigned nlen = pt_len(n);
        unsigned cap = nlen < len ? nlen : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* n and the key part at bit c: n's subtree is wholly before
             * (n has 0 there) or wholly after (n has 1) the key. */
            found = subtree_first(t, pt_key_bit(n->key, c) ? r : cand);
            break;
        }
        if (nlen > len) {
            /* The key is a strict head of n: n and below are after it. */
            found = subtree_first(t, r);
            break;
        }
        if (nlen == len) {
            if (inclusive && pt_has_value(n))
                found = n;
            else if (pt_child(n, 0))
                found = subtree_first(t, pt_child(n, 0));
            else if (pt_child(n, 1))
                found = subtree_first(t, pt_child(n, 1));
            else
                found = subtree_first(t, cand);
            break;
        }
        /* n is a strict head of the key, so n itself is before it. */
        unsigned b = pt_key_bit(q, nlen);
        if (b == 0 && pt_child(n, 1))
            cand = pt_child(n, 1);
        r = pt_child(n, b);
    }
    if (!found)
        return NULL;
    if (out_addr)
        key_store(out_addr, t->key_bytes, found->key);
    if (out_len)
        *out_len = pt_len(found);
    return pt_value(t, found);
}

/* I3 for one node; counts its value. */
static int check_kind(const rtm_prefix_table *t, const pt_node *n, size_t *values, size_t *inner)
{
    switch (pt_kind(n)) {
    case PT_BRANCH:
        return n->u.child[0] && n->u.child[1] ? 0 : -1;
    case PT_LEAF:
        ++*values;
        return n->u.value ? 0 : -1;
    case PT_INNER:
        ++*values;
        ++*inner;
        if (!n->u.child[0] && !n->u.child[1])
            return -1;
        uint32_t cell = n->meta >> PT_CELL_SHIFT;
        if (cell == 0 || cell >= t->cells.nblocks * PT_BLOCK_NODES)
            return -1;
        return pt_value(t, n) ? 0 : -1;
    default:
        return -1;
    }
}

/* I4 for one slab: its free list and capacity. */
static int check_slab(const struct pt_slab *s)
{
    size_t capacity = s->nblocks ? (size_t)s->nblocks * PT_BLOCK_NODES - 1 : 0;
    if (slab_count_free(s, s->nfree) != s->nfree || s->used + s->nfree != capacity)
        return -1;
    return 0;
}

int rtm_prefix_table_validate(const rtm_prefix_table *t)
{
    const unsigned nw = t->nwords;
    pt_ref stack[PT_STACK];
    unsigned sp = 0;
    size_t values = 0, inner = 0, nodes = 0;

    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        const pt_node *n = pt_at(t, stack[--sp]);
        unsigned len = pt_len(n);
        nodes++;
        if (len > t->max_bits)
            return -1;
        /* I1: canonical key */
        for (unsigned w = 0; w < nw; w++) {
            if (n->key[w] & ~word_keep(len, w))
                return -1;
        }
        /* I3: no useless nodes, values where they belong */
        if (check_kind(t, n, &values, &inner) != 0)
            return -1;
        /* I2: children extend this node on the right side */
        for (unsigned b = 0; b < 2; b++) {
            pt_ref cr = pt_child(n, b);
            if (!cr)
                continue;
            const pt_node *c = pt_at(t, cr);
            if (pt_len(c) <= len || !pt_key_prefix_eq(c->key, n->key, len, nw) ||
                pt_key_bit(c->key, len) != b)
                return -1;
            if (sp >= PT_STACK)
                return -1;
            stack[sp++] = cr;
        }
    }
    /* I4 */
    if (values != t->count || nodes != t->nodes.used || inner != t->cells.used ||
        check_slab(&t->nodes) != 0 || check_slab(&t->cells) != 0)
        return -1;
    size_t mem = sizeof(*t);
    mem += t->nodes.cap * sizeof(*t->nodes.blocks) + t->nodes.nblocks * slab_block_bytes(&t->nodes);
    mem += t->cells.cap * sizeof(*t->cells.blocks) + t->cells.nblocks * slab_block_bytes(&t->cells);
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
