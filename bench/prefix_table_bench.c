/*
 * prefix_table_bench.c - quick timing of the prefix index (not a test).
 *
 * Builds a full-table-sized IPv4 (565 000 prefixes) and IPv6 (168 000)
 * index with a BGP-like length distribution, then times inserts, longest
 * matches, exact finds, less-specific look-ups, an ordered walk and the
 * removal of everything. Prints ns per operation (CPU time of the thread)
 * and bytes per prefix: those the table counts, and (glibc) the heap
 * growth including the allocator's overhead.
 *
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc bench/prefix_table_bench.c \
 *       src/index/prefix_table.c src/index/prefix_dir.c src/base/memory.c -o pt_bench
 *   ./pt_bench [lookups [ipv4-prefixes [ipv6-prefixes [ipv4-file ipv6-file]]]]
 *                                (defaults 10 000 000, 565 000, 168 000)
 *
 * With the files, the prefixes are read from them instead, in file order,
 * one per line as hex address bytes, '/', length (e.g. 0a000000/8); the
 * counts then cap how many are read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "index/prefix_table.h"

static uint64_t rng = 0x853c49e6748fea9bull;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Dull;
}

static double now_ns(void)
{
#ifdef _WIN32
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart * 1e9 / (double)f.QuadPart;
#else
    /* CPU time of this thread: the machine is shared, wall time is not
     * ours. */
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
#endif
}

/* Roughly the shape of today's global tables. */
static unsigned len_v4(void)
{
    unsigned p = (unsigned)(rnd() % 1000);
    if (p < 590)
        return 24;
    if (p < 670)
        return 23;
    if (p < 760)
        return 22;
    if (p < 800)
        return 21;
    if (p < 830)
        return 20;
    if (p < 900)
        return 16 + (unsigned)(rnd() % 4);
    if (p < 990)
        return 8 + (unsigned)(rnd() % 8);
    return 25 + (unsigned)(rnd() % 8);
}

static unsigned len_v6(void)
{
    unsigned p = (unsigned)(rnd() % 1000);
    if (p < 450)
        return 48;
    if (p < 600)
        return 44 + (unsigned)(rnd() % 4);
    if (p < 700)
        return 40 + (unsigned)(rnd() % 4);
    if (p < 800)
        return 32;
    if (p < 880)
        return 29 + (unsigned)(rnd() % 3);
    if (p < 960)
        return 33 + (unsigned)(rnd() % 7);
    if (p < 990)
        return 19 + (unsigned)(rnd() % 10);
    return 49 + (unsigned)(rnd() % 80);
}

/* Bytes the heap has handed out, allocator overhead included (0: unknown). */
static size_t heap_bytes(void)
{
#ifdef __GLIBC__
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#else
    return 0;
#endif
}

/* Reads up to max prefixes "hexbytes/len" from path into keys/lens. */
static size_t read_prefixes(const char *path, uint8_t *keys, unsigned *lens, size_t max)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[128];
    size_t n = 0;
    while (n < max && fgets(line, sizeof(line), f)) {
        uint8_t *a = keys + n * 16;
        unsigned i = 0, len;
        memset(a, 0, 16);
        for (char *c = line; i < 32 && c[0] && c[0] != '/'; c++, i++) {
            unsigned d = c[0] <= '9' ? (unsigned)(c[0] - '0')
                                     : (unsigned)((c[0] | 0x20) - 'a' + 10);
            a[i / 2] = (uint8_t)(a[i / 2] | d << (i % 2 ? 0 : 4));
        }
        if (sscanf(line + i, "/%u", &len) == 1 && len <= 128)
            lens[n++] = len;
    }
    fclose(f);
    return n;
}

static void fill_random(uint8_t *a, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        a[i] = (uint8_t)rnd();
}

static void run(unsigned bits, size_t nprefix, size_t nlookups, const char *file)
{
    uint8_t *keys = malloc(nprefix * 16);
    unsigned *lens = malloc(nprefix * sizeof(*lens));
    if (!keys || !lens) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    size_t nfile = file ? read_prefixes(file, keys, lens, nprefix) : 0;
    size_t heap0 = heap_bytes();
    rtm_prefix_table *t = rtm_prefix_table_create(bits);
    if (!t)
        exit(1);

    /* Prefixes: from the file; or IPv4 anywhere in 1.0.0.0-223.255.255.255
     * and IPv6 in 2000::/4 with a few hundred "allocations" so heads are
     * shared. */
    size_t n = 0;
    double t0 = now_ns();
    for (size_t i = 0; i < nfile; i++) {
        if (rtm_prefix_table_insert(t, keys + i * 16, lens[i], (void *)(uintptr_t)(i + 1), NULL) ==
            RTM_PT_OK) {
            memmove(keys + n * 16, keys + i * 16, 16);
            lens[n++] = lens[i];
        }
    }
    while (!file && n < nprefix) {
        uint8_t *a = keys + n * 16;
        unsigned len = bits == 32 ? len_v4() : len_v6();
        fill_random(a, 16);
        if (bits == 32) {
            a[0] = (uint8_t)(1 + rnd() % 223);
        } else {
            uint64_t alloc = rnd() % 600;
            a[0] = (uint8_t)(0x20 | (alloc & 0x0f));
            a[1] = (uint8_t)(alloc >> 4);
        }
        rtm_prefix_canonicalize(a, a, len, 16);
        if (rtm_prefix_table_insert(t, a, len, (void *)(uintptr_t)(n + 1), NULL) == RTM_PT_OK) {
            lens[n] = len;
            n++;
        }
    }
    double t_ins = now_ns() - t0;
    size_t mem = rtm_prefix_table_memory_bytes(t);
    size_t heap = heap_bytes() - heap0;

    /* Look-up addresses: uniform over the routed range, and inside stored
     * prefixes (a random host of a random prefix). */
    enum { NADDR = 1 << 20 };
    uint8_t *uni = malloc((size_t)NADDR * 16), *hit = malloc((size_t)NADDR * 16);
    if (!uni || !hit)
        exit(1);
    for (size_t i = 0; i < NADDR; i++) {
        uint8_t *u = uni + i * 16, *h = hit + i * 16;
        fill_random(u, 16);
        if (bits == 32)
            u[0] = (uint8_t)(1 + rnd() % 223);
        else
            u[0] = (uint8_t)(0x20 | (u[0] & 0x0f));
        size_t k = (size_t)(rnd() % n);
        fill_random(h, 16);
        for (unsigned b = 0; b < lens[k]; b++) {
            uint8_t m = (uint8_t)(0x80 >> (b % 8));
            h[b / 8] = (uint8_t)((h[b / 8] & ~m) | (keys[k * 16 + b / 8] & m));
        }
    }

    uintptr_t sink = 0;
    size_t found = 0;
    const uint8_t *sets[2] = { uni, hit };
    const char *names[2] = { "uniform addrs", "in-prefix addrs" };
    double lpm_ns[2];
    for (int s = 0; s < 2; s++) {
        found = 0;
        t0 = now_ns();
        for (size_t i = 0; i < nlookups; i++) {
            unsigned ml;
            void *v = rtm_prefix_table_longest_match(t, sets[s] + (i & (NADDR - 1)) * 16, bits,
                                                     &ml);
            sink += (uintptr_t)v + ml;
            found += v != NULL;
        }
        lpm_ns[s] = (now_ns() - t0) / (double)nlookups;
        printf("IPv%u  longest_match (%s): %.1f ns/lookup, %.1f%% matched\n", bits == 32 ? 4 : 6,
               names[s], lpm_ns[s], 100.0 * (double)found / (double)nlookups);
    }

    size_t nq = nlookups / 4;
    t0 = now_ns();
    for (size_t i = 0; i < nq; i++) {
        size_t k = (size_t)(rnd() % n);
        sink += (uintptr_t)rtm_prefix_table_find(t, keys + k * 16, lens[k]);
    }
    double find_ns = (now_ns() - t0) / (double)nq;

    t0 = now_ns();
    for (size_t i = 0; i < nq; i++) {
        size_t k = (size_t)(rnd() % n);
        sink += (uintptr_t)rtm_prefix_table_less_specific(t, keys + k * 16, lens[k], NULL);
    }
    double less_ns = (now_ns() - t0) / (double)nq;

    uint8_t key[16] = { 0 };
    unsigned kl = 0;
    size_t walked = 0;
    t0 = now_ns();
    for (void *v = rtm_prefix_table_next(t, NULL, 0, 1, key, &kl); v;
         v = rtm_prefix_table_next(t, key, kl, 0, key, &kl))
        walked++;
    double walk_ns = (now_ns() - t0) / (double)walked;

    t0 = now_ns();
    for (size_t i = 0; i < n; i++)
        sink += (uintptr_t)rtm_prefix_table_remove(t, keys + i * 16, lens[i]);
    double rm_ns = (now_ns() - t0) / (double)n;

    printf("IPv%u  %zu prefixes: %.1f bytes/prefix (%zu bytes; heap %.1f bytes/prefix), "
           "insert %.0f ns, find %.0f ns, less_specific %.0f ns, walk %.0f ns/step (%zu), "
           "remove %.0f ns\n",
           bits == 32 ? 4 : 6, n, (double)mem / (double)n, mem, (double)heap / (double)n,
           t_ins / (double)n, find_ns, less_ns, walk_ns, walked, rm_ns);
    if (rtm_prefix_table_count(t) != 0 || walked != n)
        printf("  inconsistent! count %zu walked %zu\n", rtm_prefix_table_count(t), walked);
    fprintf(stderr, "(sink %lx)\n", (unsigned long)sink);
    rtm_prefix_table_destroy(t);
    free(uni);
    free(hit);
    free(keys);
    free(lens);
}

int main(int argc, char **argv)
{
    size_t nlookups = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000u;
    size_t n4 = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 565000u;
    size_t n6 = argc > 3 ? (size_t)strtoull(argv[3], NULL, 10) : 168000u;
    const char *f4 = argc > 5 ? argv[4] : NULL, *f6 = argc > 5 ? argv[5] : NULL;
    if (n4)
        run(32, n4, nlookups, f4);
    if (n6)
        run(128, n6, nlookups, f6);
    return 0;
}
