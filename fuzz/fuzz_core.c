/*
 * fuzz_core.c - input decoding, failure reports, tables, addresses and
 * callers (fuzz.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

struct fz_state fz;

uint8_t fz_u8(struct fz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

uint32_t fz_u32(struct fz_in *in)
{
    uint32_t v = 0;

    for (int i = 0; i < 4; i++)
        v = v << 8 | fz_u8(in);
    return v;
}

unsigned fz_below(struct fz_in *in, unsigned n)
{
    return fz_u8(in) % n;
}

void fz_fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "rtm_api_fuzz: invariant broken in %s: ", fz.op ? fz.op : "?");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (getenv("RTM_FUZZ_TRACE")) {
        for (int i = 0; i < fz.nroutes; i++) {
            const struct fz_route *r = &fz.route[i];
            fprintf(stderr, "  model route %d: live %d table %d %02x%02x%02x%02x/%u owner %d "
                    "neighbour %p views %#lx flags %#x pref %lu metric %lu\n", i, r->live, r->table,
                    r->key[0], r->key[1], r->key[2], r->key[3], r->len, r->owner, r->neighbour,
                    (unsigned long)r->views, r->flags, (unsigned long)r->pref,
                    (unsigned long)r->metric);
        }
    }
    abort();
}

void fz_check_documented(const char *fn, DWORD code, const DWORD *documented)
{
    if (code == documented[0])
        return;
    for (const DWORD *d = documented + 1; *d; d++)
        if (*d == code)
            return;
    fz_fail("%s returned %lu, not a documented code", fn, (unsigned long)code);
}

void fz_expect(const char *fn, DWORD code, DWORD expected, const HANDLE *tolerated, int n)
{
    if (code == expected)
        return;
    if (code == ERROR_INVALID_HANDLE)
        for (int i = 0; i < n; i++)
            if (tolerated[i] && fz_unheld(tolerated[i]) && !fz_alive(tolerated[i], RTM_OBJ_ANY))
                return;
    fz_fail("%s returned %lu, expected %lu", fn, (unsigned long)code, (unsigned long)expected);
}

/* ---- tables and addresses --------------------------------------------- */

int fz_table_of(USHORT instance, USHORT family)
{
    int f = family == AF_INET ? 0 : family == AF_INET6 ? 1 : -1;

    if (f < 0 || instance > 1)
        return -1;
    return instance * 2 + f;
}

USHORT fz_table_family(int table)
{
    return table % 2 ? AF_INET6 : AF_INET;
}

unsigned fz_table_bits(int table)
{
    return table % 2 ? 128 : 32;
}

int fz_address_ok(int table, const RTM_NET_ADDRESS *a)
{
    return a->AddressFamily == fz_table_family(table) && a->NumBits <= fz_table_bits(table);
}

void fz_canon(uint8_t *out, const uint8_t *bits, unsigned len)
{
    memcpy(out, bits, RTM_MAX_ADDRESS_SIZE);
    for (unsigned i = 0; i < RTM_MAX_ADDRESS_SIZE * 8; i++)
        if (i >= len)
            out[i / 8] &= (uint8_t)~(0x80u >> (i % 8));
}

int fz_covers(const uint8_t *k1, unsigned l1, const uint8_t *k2, unsigned l2)
{
    if (l1 > l2)
        return 0;
    for (unsigned i = 0; i < l1; i++) {
        unsigned b = 0x80u >> (i % 8);
        if ((k1[i / 8] & b) != (k2[i / 8] & b))
            return 0;
    }
    return 1;
}

int fz_prefix_cmp(const uint8_t *k1, unsigned l1, const uint8_t *k2, unsigned l2)
{
    int c = memcmp(k1, k2, RTM_MAX_ADDRESS_SIZE);

    if (c)
        return c;
    return l1 < l2 ? -1 : l1 > l2;
}

/* Addresses that nest and collide, so that look-ups have work to do. */
static const uint8_t palette[8][4] = {
    { 10, 0, 0, 0 }, { 10, 1, 0, 0 }, { 10, 1, 2, 3 }, { 192, 168, 1, 0 },
    { 0, 0, 0, 0 }, { 255, 255, 255, 255 }, { 172, 16, 0, 0 }, { 10, 128, 0, 0 },
};

void fz_gen_address(struct fz_in *in, int table, RTM_NET_ADDRESS *a)
{
    unsigned mode = fz_u8(in), width, sel;

    memset(a, 0, sizeof *a);
    a->AddressFamily = fz_table_family(table < 0 ? 0 : table);
    if (mode >= 240)
        a->AddressFamily = mode >= 250 ? (USHORT)(mode == 255 ? 0xFFFF : 0) :
                           (a->AddressFamily == AF_INET ? AF_INET6 : AF_INET);
    width = a->AddressFamily == AF_INET6 ? 128 : 32;
    if ((mode & 7) == 7) {
        for (int i = 0; i < RTM_MAX_ADDRESS_SIZE; i++)
            a->AddrBits[i] = fz_u8(in);
    } else {
        memcpy(a->AddrBits, palette[mode & 7], 4);
        if (mode & 8) {
            unsigned bit = fz_u8(in) % width;
            a->AddrBits[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
        }
    }
    sel = fz_u8(in);
    if (sel < 232)
        a->NumBits = (USHORT)(sel % (width + 1));
    else if (sel < 248)
        a->NumBits = (USHORT)(width + 1 + (sel & 7));
    else
        a->NumBits = sel == 255 ? 0xFFFF : (USHORT)(width - (sel & 3));
}

/* Mostly times that never run out within an input: a route that may
 * expire makes its table's model inexact for the rest of the input. */
ULONG fz_gen_ttl(struct fz_in *in)
{
    unsigned s = fz_below(in, 32);

    return s < 20 ? INFINITE : s < 30 ? FZ_TTL_LONG : s - 30;
}

UINT fz_view_count(RTM_VIEW_SET views)
{
    return (views & 1) + ((views >> 1) & 1);
}

/* ---- callers ------------------------------------------------------------ */

int fz_registered(int slot)
{
    return slot >= 0 && slot < FZ_ENTITIES && fz.ent[slot].state == FZ_REGISTERED;
}

int fz_any_caller(int table)
{
    for (int i = 0; i < FZ_ENTITIES; i++)
        if (fz_registered(i) && fz.ent[i].table == table)
            return i;
    return -1;
}

int fz_ent_of_handle(HANDLE h)
{
    for (int i = 0; i < FZ_ENTITIES; i++)
        if (fz.ent[i].state != FZ_FREE && fz.ent[i].h == h)
            return i;
    return -1;
}

HANDLE fz_pick_caller(struct fz_in *in, int *slot)
{
    unsigned s = fz_u8(in);
    int i = (int)(s % FZ_ENTITIES);

    *slot = -1;
    if (s >= 248) {
        if (s == 255)
            return NULL;
        for (int k = 0; k < FZ_ENTITIES; k++)
            if (fz.ent[(i + k) % FZ_ENTITIES].state == FZ_GONE)
                return fz.ent[(i + k) % FZ_ENTITIES].h;
        return (HANDLE)(uintptr_t)(s & 3);
    }
    for (int k = 0; k < FZ_ENTITIES; k++) {
        int j = (i + k) % FZ_ENTITIES;
        if (fz_registered(j)) {
            *slot = j;
            return fz.ent[j].h;
        }
    }
    return NULL;
}
