/*
 * bench_workload.c - the prefix list and the random parts of the workload,
 * the same for every implementation measured: a fixed seed, so runs (and
 * the native and Windows builds) see the same addresses in the same order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define SEED 0x853c49e6748fea9bull

uint64_t bench_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

uint32_t bench_prefix_v4(const struct bench_prefix *p)
{
    return (uint32_t)p->addr[0] << 24 | (uint32_t)p->addr[1] << 16 | (uint32_t)p->addr[2] << 8 |
           p->addr[3];
}

void bench_v4_bytes(uint32_t a, uint8_t *out)
{
    out[0] = (uint8_t)(a >> 24);
    out[1] = (uint8_t)(a >> 16);
    out[2] = (uint8_t)(a >> 8);
    out[3] = (uint8_t)a;
}

/* Parses dotted-quad IPv4 into out[0..3]; returns the end, or NULL. */
static const char *parse_v4(const char *s, uint8_t *out)
{
    for (int i = 0; i < 4; i++) {
        char *end;
        unsigned long v;
        if (!isdigit((unsigned char)*s))
            return NULL;
        v = strtoul(s, &end, 10);
        if (v > 255 || (i < 3 && *end != '.'))
            return NULL;
        out[i] = (uint8_t)v;
        s = i < 3 ? end + 1 : end;
    }
    return s;
}

/* Parses an IPv6 address (with "::" and an optional dotted IPv4 tail) into
 * out[0..15]; returns the end, or NULL. */
static const char *parse_v6(const char *s, uint8_t *out)
{
    uint16_t groups[8];
    int n = 0, gap = -1;

    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    }
    while (n < 8 && isxdigit((unsigned char)*s)) {
        const char *start = s;
        unsigned v = 0;
        if (n <= 6 && strchr(s, '.') && (!strchr(s, ':') || strchr(s, '.') < strchr(s, ':'))) {
            uint8_t v4[4];
            s = parse_v4(s, v4);
            if (!s)
                return NULL;
            groups[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
            groups[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
            break;
        }
        while (isxdigit((unsigned char)*s) && s - start < 4) {
            v = v * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0' : (tolower(*s) - 'a' + 10));
            s++;
        }
        groups[n++] = (uint16_t)v;
        if (s[0] == ':' && s[1] == ':' && gap < 0) {
            gap = n;
            s += 2;
        } else if (s[0] == ':' && isxdigit((unsigned char)s[1])) {
            s++;
        } else {
            break;
        }
    }
    if (gap < 0 ? n != 8 : n > 7)
        return NULL;
    memset(out, 0, 16);
    for (int i = 0; i < n; i++) {
        int at = (gap >= 0 && i >= gap) ? 8 - n + i : i;
        out[2 * at] = (uint8_t)(groups[i] >> 8);
        out[2 * at + 1] = (uint8_t)groups[i];
    }
    return s;
}

/* Clears the bits past len (prefixes are canonical). */
static void canonicalize(struct bench_prefix *p)
{
    for (int bit = p->len; bit < 128; bit++)
        p->addr[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
}

/* Appends to a growing array of prefixes. */
static int push(struct bench_prefix **list, size_t *n, size_t *cap, const struct bench_prefix *p)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 4096;
        struct bench_prefix *l = realloc(*list, c * sizeof *l);
        if (!l)
            return -1;
        *list = l;
        *cap = c;
    }
    (*list)[(*n)++] = *p;
    return 0;
}

/* Parses one line; returns 4 or 6 for a prefix, 0 for a blank or comment
 * line, -1 for a bad line. */
static int parse_line(const char *line, struct bench_prefix *p)
{
    const char *s = line;
    int family;
    char *end;
    unsigned long len;

    while (isspace((unsigned char)*s))
        s++;
    if (!*s || *s == '#')
        return 0;
    memset(p, 0, sizeof *p);
    if (strchr(s, ':')) {
        s = parse_v6(s, p->addr);
        family = 6;
    } else {
        s = parse_v4(s, p->addr);
        family = 4;
    }
    if (!s || *s != '/' || !isdigit((unsigned char)s[1]))
        return -1;
    len = strtoul(s + 1, &end, 10);
    if (len > (family == 4 ? 32u : 128u))
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    if (*end)
        return -1;
    p->len = (uint8_t)len;
    canonicalize(p);
    return family;
}

static const struct bench_prefix *sort_base;

/* Orders indices of sort_base by prefix, then by index. */
static int compare_index(const void *a, const void *b)
{
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    int c = memcmp(sort_base[i].addr, sort_base[j].addr, sizeof sort_base[i].addr);
    if (!c)
        c = (int)sort_base[i].len - (int)sort_base[j].len;
    return c ? c : (i > j) - (i < j);
}

/* Drops the later copies of a prefix listed more than once, keeping the
 * list's order; returns the new count, or 0 on failure. */
static size_t drop_duplicates(struct bench_prefix *list, size_t n)
{
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
    uint8_t *dup = calloc(n ? n : 1, 1);
    size_t kept = 0;

    if (!idx || !dup) {
        free(idx);
        free(dup);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    sort_base = list;
    qsort(idx, n, sizeof *idx, compare_index);
    for (size_t i = 1; i < n; i++)
        if (list[idx[i]].len == list[idx[i - 1]].len &&
            memcmp(list[idx[i]].addr, list[idx[i - 1]].addr, 16) == 0)
            dup[idx[i]] = 1;
    for (size_t i = 0; i < n; i++)
        if (!dup[i])
            list[kept++] = list[i];
    free(idx);
    free(dup);
    return kept;
}

static int read_prefixes(struct bench_workload *w, const char *path)
{
    char line[256];
    size_t cap4 = 0, cap6 = 0;
    unsigned long lineno = 0;
    FILE *f = fopen(path, "r");

    if (!f) {
        fprintf(stderr, "rtm_bench: cannot open %s\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        struct bench_prefix p;
        int family = parse_line(line, &p);
        int failed = 0;

        lineno++;
        if (family < 0)
            fprintf(stderr, "rtm_bench: %s:%lu: not a PREFIX/LEN, skipped\n", path, lineno);
        else if (family == 4)
            failed = push(&w->v4, &w->n4, &cap4, &p);
        else if (family == 6)
            failed = push(&w->v6, &w->n6, &cap6, &p);
        if (failed) {
            fprintf(stderr, "rtm_bench: out of memory reading %s\n", path);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    if ((w->n4 && !(w->n4 = drop_duplicates(w->v4, w->n4))) ||
        (w->n6 && !(w->n6 = drop_duplicates(w->v6, w->n6)))) {
        fprintf(stderr, "rtm_bench: out of memory reading %s\n", path);
        return -1;
    }
    return 0;
}

/* A random permutation of 0..n-1 (Fisher-Yates). */
static uint32_t *permutation(size_t n, uint64_t *rng)
{
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(bench_random(rng) % i);
        uint32_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    return order;
}

/* IPv6 look-up addresses: three in four inside a random loaded prefix
 * (random bits past its length), the others random in 2000::/3. */
static void fill_lookup6(struct bench_workload *w, uint64_t *rng)
{
    for (size_t i = 0; i < w->n_lookup6; i++) {
        uint8_t *a = w->lookup6[i];
        uint64_t hi = bench_random(rng), lo = bench_random(rng);

        for (int b = 0; b < 8; b++) {
            a[b] = (uint8_t)(hi >> (56 - 8 * b));
            a[8 + b] = (uint8_t)(lo >> (56 - 8 * b));
        }
        if (w->n6 && bench_random(rng) % 4 != 0) {
            const struct bench_prefix *p = &w->v6[bench_random(rng) % w->n6];
            for (int bit = 0; bit < p->len; bit++) {
                uint8_t m = (uint8_t)(0x80u >> (bit % 8));
                a[bit / 8] = (uint8_t)((a[bit / 8] & ~m) | (p->addr[bit / 8] & m));
            }
        } else {
            a[0] = (uint8_t)(0x20 | (a[0] & 0x1f));
        }
    }
}

int bench_workload_load(struct bench_workload *w, const char *path, size_t n_lookup4,
                        size_t n_lookup6)
{
    uint64_t rng = SEED;

    memset(w, 0, sizeof *w);
    if (read_prefixes(w, path) != 0)
        return -1;
    w->n_lookup4 = n_lookup4;
    w->n_lookup6 = n_lookup6;
    w->v4_order = permutation(w->n4, &rng);
    w->v6_order = permutation(w->n6, &rng);
    w->lookup4 = malloc((n_lookup4 ? n_lookup4 : 1) * sizeof *w->lookup4);
    w->lookup6 = malloc((n_lookup6 ? n_lookup6 : 1) * sizeof *w->lookup6);
    if (!w->v4_order || !w->v6_order || !w->lookup4 || !w->lookup6) {
        fprintf(stderr, "rtm_bench: out of memory for the workload\n");
        return -1;
    }
    for (size_t i = 0; i < n_lookup4; i++)
        w->lookup4[i] = (uint32_t)(bench_random(&rng) >> 32);
    fill_lookup6(w, &rng);
    return 0;
}

void bench_workload_free(struct bench_workload *w)
{
    free(w->v4);
    free(w->v6);
    free(w->v4_order);
    free(w->v6_order);
    free(w->lookup4);
    free(w->lookup6);
    memset(w, 0, sizeof *w);
}
