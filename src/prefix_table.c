/*
 * prefix_table.c - ordered prefix index: a path-compressed binary trie.
 *
 * Structure
 * ---------
 * A binary trie over the key bits (most significant first) in which chains
 * of single-child nodes are collapsed: a node exists only where a prefix is
 * stored or where two subtrees branch. Each node carries its whole key:
 *
 *     struct pt_node {
 *         pt_node *child[2];   subtrees whose next bit is 0 / 1
 *         void    *value;      stored value; NULL for a pure branch point
 *         unsigned len;        prefix length of this node, 0..max_bits
 *         uint64_t key[nw];    canonical key bits, nw = ceil(max_bits / 64)
 *     };
 *
 * Keys are kept as host-order 64-bit words, word 0 holding bits 0..63 (bit
 * 0 = the most significant bit of AddrBits[0]), so that prefix comparisons
 * are a XOR and a count-leading-zeros per word instead of a bit loop. The
 * node is 40 bytes for IPv4 tables and 48 for IPv6 ones on 64-bit targets.
 *
 * Invariants (checked by rtm_prefix_table_validate):
 *   I1  key is canonical: every bit at position >= len is zero.
 *   I2  for c = n->child[b]: c->len > n->len, c's first n->len bits equal
 *       n's, and bit n->len of c's key is b.
 *   I3  a node with value == NULL has two children (path compression):
 *       leaves always hold a value, branch points always branch.
 *   I4  count = number of nodes with a value; mem = header + nodes * size.
 * From I2, lengths strictly grow downwards, so any root-to-leaf path has at
 * most max_bits + 1 nodes: every walk is O(max_bits) and fixed-size stacks
 * of RTM_PREFIX_MAX_BITS + 2 entries suffice for the iterative traversals
 * (nothing here recurses). Pre-order (node, child[0] subtree, child[1]
 * subtree) is exactly the table order of prefix_table.h.
 *
 * Look-ups only read; all writes happen in insert/remove/destroy.
 */
#include "prefix_table.h"

#include <string.h>

#include "platform.h"

#if defined(__GNUC__) || defined(__clang__)
#define PT_INLINE static inline __attribute__((always_inline))
#define PT_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define PT_INLINE static inline
#define PT_LIKELY(x) (x)
#endif

#define PT_MAX_WORDS (RTM_PREFIX_MAX_BITS / 64)
/* Deepest path is max_bits + 1 nodes; DFS stacks hold at most depth + 1. */
#define PT_STACK (RTM_PREFIX_MAX_BITS + 2)

typedef struct pt_node {
    struct pt_node *child[2];
    void *value;
    unsigned len;
    uint64_t key[]; /* table->nwords words */
} pt_node;

struct rtm_prefix_table {
    pt_node *root;
    unsigned max_bits;
    unsigned nwords;    /* ceil(max_bits / 64): 1 or 2 */
    unsigned key_bytes; /* ceil(max_bits / 8) */
    size_t node_size;   /* bytes of one node */
    size_t count;       /* stored prefixes */
    size_t nodes;       /* allocated nodes (prefixes + branch points) */
    size_t mem;         /* bytes allocated: header + nodes * node_size */
};

/* ------------------------------------------------------------------ */
/* Word-level key operations                                            */
/* ------------------------------------------------------------------ */

/* Number of leading zero bits of a nonzero word. */
PT_INLINE unsigned clz64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_clzll(x);
#else
    unsigned n = 0;
    while (!(x & 0x8000000000000000ull)) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

/* Mask keeping the first n (0..64) bits of a word. */
PT_INLINE uint64_t head_mask(unsigned n)
{
    return n ? ~0ull << (64 - n) : 0;
}

/* Bit pos (0 = most significant of word 0) of key k; pos < nw * 64. */
PT_INLINE unsigned key_bit(const uint64_t *k, unsigned pos)
{
    return (unsigned)(k[pos >> 6] >> (63 - (pos & 63))) & 1u;
}

/*
 * Loads address bytes into canonical key words: the first len bits of addr,
 * zeros after. Reads ceil(len / 8) bytes. len <= nw * 64.
 */
PT_INLINE void key_load(uint64_t *k, unsigned nw, const uint8_t *addr, unsigned len)
{
    unsigned nbytes = (len + 7) >> 3;
    for (unsigned w = 0; w < nw; w++) {
        uint64_t v = 0;
        unsigned base = w * 8;
        for (unsigned i = 0; i < 8; i++) {
            if (base + i < nbytes)
                v |= (uint64_t)addr[base + i] << (56 - 8 * i);
        }
        unsigned lo = w * 64;
        if (len <= lo)
            v = 0;
        else if (len - lo < 64)
            v &= head_mask(len - lo);
        k[w] = v;
    }
}

/* Writes the first nbytes bytes of key k to out (network order). */
static void key_store(uint8_t *out, unsigned nbytes, const uint64_t *k)
{
    for (unsigned i = 0; i < nbytes; i++)
        out[i] = (uint8_t)(k[i >> 3] >> (56 - 8 * (i & 7)));
}

/* Nonzero if a and b agree on their first len bits. */
PT_INLINE int key_prefix_eq(const uint64_t *a, const uint64_t *b, unsigned len, unsigned nw)
{
    for (unsigned w = 0; w < nw; w++) {
        unsigned lo = w * 64;
        if (len <= lo)
            return 1;
        uint64_t x = a[w] ^ b[w];
        if (len - lo < 64)
            return (x & head_mask(len - lo)) == 0;
        if (x)
            return 0;
    }
    return 1;
}

/* Length of the common head of a and b, at most cap. */
PT_INLINE unsigned key_lcp(const uint64_t *a, const uint64_t *b, unsigned cap, unsigned nw)
{
    for (unsigned w = 0; w < nw && w * 64 < cap; w++) {
        uint64_t x = a[w] ^ b[w];
        if (x) {
            unsigned d = w * 64 + clz64(x);
            return d < cap ? d : cap;
        }
    }
    return cap;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                                */
/* ------------------------------------------------------------------ */

/* New node with key k cut to len bits. NULL when out of memory. */
static pt_node *node_new(rtm_prefix_table *t, const uint64_t *k, unsigned len, void *value)
{
    pt_node *n = rtm_malloc(t->node_size);
    if (!n)
        return NULL;
    n->child[0] = n->child[1] = NULL;
    n->value = value;
    n->len = len;
    for (unsigned w = 0; w < t->nwords; w++) {
        unsigned lo = w * 64;
        n->key[w] = len <= lo ? 0 : len - lo >= 64 ? k[w] : k[w] & head_mask(len - lo);
    }
    t->nodes++;
    t->mem += t->node_size;
    return n;
}

static void node_free(rtm_prefix_table *t, pt_node *n)
{
    t->nodes--;
    t->mem -= t->node_size;
    rtm_free(n);
}

/* First node holding a value in pre-order of subtree n (NULL if n is). */
PT_INLINE const pt_node *subtree_first(const pt_node *n)
{
    while (n && !n->value)
        n = n->child[0] ? n->child[0] : n->child[1];
    return n;
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
    t->root = NULL;
    t->max_bits = max_bits;
    t->nwords = (max_bits + 63) / 64;
    t->key_bytes = (max_bits + 7) / 8;
    t->node_size = offsetof(pt_node, key) + t->nwords * sizeof(uint64_t);
    t->count = 0;
    t->nodes = 0;
    t->mem = sizeof(*t);
    return t;
}

void rtm_prefix_table_destroy(rtm_prefix_table *t)
{
    if (!t)
        return;
    pt_node *stack[PT_STACK];
    unsigned sp = 0;
    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        pt_node *n = stack[--sp];
        /* sp <= depth - 1 here, so two pushes stay within depth + 1. */
        if (n->child[0])
            stack[sp++] = n->child[0];
        if (n->child[1])
            stack[sp++] = n->child[1];
        rtm_free(n);
    }
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

/* ------------------------------------------------------------------ */
/* Changes                                                              */
/* ------------------------------------------------------------------ */

int rtm_prefix_table_insert(rtm_prefix_table *t, const uint8_t *addr, unsigned len, void *value,
                            void **existing)
{
    if (len > t->max_bits || !value || (!addr && len))
        return RTM_PT_INVALID;

    const unsigned nw = t->nwords;
    uint64_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    pt_node **link = &t->root;
    pt_node *n;
    while ((n = *link) != NULL) {
        unsigned cap = n->len < len ? n->len : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* Diverge at bit c: new branch point of length c over n and
             * the new leaf. */
            pt_node *leaf = node_new(t, q, len, value);
            if (!leaf)
                return RTM_PT_NOMEM;
            pt_node *branch = node_new(t, q, c, NULL);
            if (!branch) {
                node_free(t, leaf);
                return RTM_PT_NOMEM;
            }
            unsigned b = key_bit(q, c);
            branch->child[b] = leaf;
            branch->child[!b] = n;
            *link = branch;
            t->count++;
            return RTM_PT_OK;
        }
        if (n->len == len) {
            if (n->value) {
                if (existing)
                    *existing = n->value;
                return RTM_PT_EXISTS;
            }
            n->value = value; /* a branch point becomes a prefix */
            t->count++;
            return RTM_PT_OK;
        }
        if (n->len > len) {
            /* The new prefix is a strict head of n: insert above n. */
            pt_node *m = node_new(t, q, len, value);
            if (!m)
                return RTM_PT_NOMEM;
            m->child[key_bit(n->key, len)] = n;
            *link = m;
            t->count++;
            return RTM_PT_OK;
        }
        link = &n->child[key_bit(q, n->len)];
    }
    n = node_new(t, q, len, value);
    if (!n)
        return RTM_PT_NOMEM;
    *link = n;
    t->count++;
    return RTM_PT_OK;
}

void *rtm_prefix_table_remove(rtm_prefix_table *t, const uint8_t *addr, unsigned len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;

    const unsigned nw = t->nwords;
    uint64_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    pt_node **plink = NULL; /* link to the parent of n */
    pt_node **link = &t->root;
    pt_node *n;
    while ((n = *link) != NULL && n->len < len) {
        if (!key_prefix_eq(n->key, q, n->len, nw))
            return NULL;
        plink = link;
        link = &n->child[key_bit(q, n->len)];
    }
    if (!n || n->len != len || !n->value || !key_prefix_eq(n->key, q, len, nw))
        return NULL;

    void *value = n->value;
    n->value = NULL;
    t->count--;

    if (n->child[0] && n->child[1])
        return value; /* still a branch point (I3 holds) */

    pt_node *only = n->child[0] ? n->child[0] : n->child[1];
    *link = only;
    node_free(t, n);
    if (only || !plink)
        return value;

    /* n was a leaf: its parent lost a child. A parent without a value was
     * a branch point and now has one child left: splice it out. */
    pt_node *p = *plink;
    if (!p->value) {
        *plink = p->child[0] ? p->child[0] : p->child[1];
        node_free(t, p);
    }
    return value;
}

/* ------------------------------------------------------------------ */
/* Look-ups                                                             */
/* ------------------------------------------------------------------ */

/*
 * Longest stored prefix of length <= limit covering q (q canonical to at
 * least limit bits). nw is a constant at each call site so that the word
 * loops unroll.
 */
PT_INLINE const pt_node *lpm(const pt_node *n, const uint64_t *q, unsigned limit, unsigned nw)
{
    const pt_node *best = NULL;
    while (n && n->len <= limit) {
        if (!key_prefix_eq(n->key, q, n->len, nw))
            break;
        if (n->value)
            best = n;
        if (n->len == limit)
            break;
        n = n->child[key_bit(q, n->len)];
    }
    return best;
}

static const pt_node *lpm_dispatch(const rtm_prefix_table *t, const uint64_t *q, unsigned limit)
{
    if (PT_LIKELY(t->nwords == 1))
        return lpm(t->root, q, limit, 1);
    return lpm(t->root, q, limit, 2);
}

void *rtm_prefix_table_find(const rtm_prefix_table *t, const uint8_t *addr, unsigned len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    const unsigned nw = t->nwords;
    uint64_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    const pt_node *n = t->root;
    while (n && n->len < len)
        n = n->child[key_bit(q, n->len)];
    if (n && n->len == len && key_prefix_eq(n->key, q, len, nw))
        return n->value;
    return NULL;
}

void *rtm_prefix_table_longest_match(const rtm_prefix_table *t, const uint8_t *addr, unsigned len,
                                     unsigned *match_len)
{
    if (len > t->max_bits || (!addr && len))
        return NULL;
    uint64_t q[PT_MAX_WORDS];
    key_load(q, t->nwords, addr, len);
    const pt_node *n = lpm_dispatch(t, q, len);
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
    uint64_t q[PT_MAX_WORDS];
    key_load(q, t->nwords, addr, len - 1);
    const pt_node *n = lpm_dispatch(t, q, len - 1);
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
    uint64_t q[PT_MAX_WORDS];
    key_load(q, nw, addr, len);

    /* cand: the smallest subtree seen so far lying wholly after the key. */
    const pt_node *cand = NULL, *found = NULL, *n = t->root;
    for (;;) {
        if (!n) {
            found = subtree_first(cand);
            break;
        }
        unsigned cap = n->len < len ? n->len : len;
        unsigned c = key_lcp(n->key, q, cap, nw);
        if (c < cap) {
            /* n and the key part at bit c: n's subtree is wholly before
             * (n has 0 there) or wholly after (n has 1) the key. */
            found = subtree_first(key_bit(n->key, c) ? n : cand);
            break;
        }
        if (n->len > len) {
            /* The key is a strict head of n: n and below are after it. */
            found = subtree_first(n);
            break;
        }
        if (n->len == len) {
            if (inclusive && n->value)
                found = n;
            else if (n->child[0])
                found = subtree_first(n->child[0]);
            else if (n->child[1])
                found = subtree_first(n->child[1]);
            else
                found = subtree_first(cand);
            break;
        }
        /* n is a strict head of the key, so n itself is before it. */
        unsigned b = key_bit(q, n->len);
        if (b == 0 && n->child[1])
            cand = n->child[1];
        n = n->child[b];
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
    const pt_node *stack[PT_STACK];
    unsigned sp = 0;
    size_t values = 0, nodes = 0;

    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        const pt_node *n = stack[--sp];
        nodes++;
        if (n->len > t->max_bits)
            return -1;
        /* I1: canonical key */
        for (unsigned w = 0; w < nw; w++) {
            unsigned lo = w * 64;
            uint64_t keep = n->len <= lo ? 0 : n->len - lo >= 64 ? ~0ull : head_mask(n->len - lo);
            if (n->key[w] & ~keep)
                return -1;
        }
        /* I3: no useless nodes */
        if (n->value)
            values++;
        else if (!n->child[0] || !n->child[1])
            return -1;
        /* I2: children extend this node on the right side */
        for (unsigned b = 0; b < 2; b++) {
            const pt_node *c = n->child[b];
            if (!c)
                continue;
            if (c->len <= n->len || !key_prefix_eq(c->key, n->key, n->len, nw) ||
                key_bit(c->key, n->len) != b)
                return -1;
            if (sp >= PT_STACK)
                return -1;
            stack[sp++] = c;
        }
    }
    /* I4 */
    if (values != t->count || nodes != t->nodes || t->mem != sizeof(*t) + nodes * t->node_size)
        return -1;
    return 0;
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
