/*
 * range.c - ranges to prefixes (range.h).
 *
 * Addresses are handled as 128-bit numbers, left-aligned (an IPv4 address
 * is the top 32 bits), in two 64-bit halves: no __int128, which 32-bit
 * targets lack. A prefix of length L covers [v, v | ones below bit L].
 */
#include "range.h"

#include <stdint.h>
#include <string.h>

struct u128 {
    uint64_t hi, lo;
};

static struct u128 from_address(const RTM_NET_ADDRESS *addr)
{
    struct u128 v = { 0, 0 };

    for (int i = 0; i < 8; i++) {
        v.hi = v.hi << 8 | addr->AddrBits[i];
        v.lo = v.lo << 8 | addr->AddrBits[i + 8];
    }
    return v;
}

static void to_address(struct u128 v, USHORT family, unsigned len, RTM_NET_ADDRESS *out)
{
    memset(out, 0, sizeof *out);
    out->AddressFamily = family;
    out->NumBits = (USHORT)len;
    for (int i = 7; i >= 0; i--) {
        out->AddrBits[i] = (UCHAR)v.hi;
        out->AddrBits[i + 8] = (UCHAR)v.lo;
        v.hi >>= 8;
        v.lo >>= 8;
    }
}

/* v with every bit after the first len set. */
static struct u128 fill_after(struct u128 v, unsigned len)
{
    if (len < 64) {
        v.hi |= len == 0 ? UINT64_MAX : UINT64_MAX >> len;
        v.lo = UINT64_MAX;
    } else if (len < 128) {
        v.lo |= len == 64 ? UINT64_MAX : UINT64_MAX >> (len - 64);
    }
    return v;
}

static int compare(struct u128 a, struct u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

/* The shortest length at which v is a prefix: 128 minus its trailing zero
 * bits (0 for 0). */
static unsigned aligned_length(struct u128 v)
{
    unsigned zeros = 0;

    while (zeros < 128 && !((zeros < 64 ? v.lo >> zeros : v.hi >> (zeros - 64)) & 1))
        zeros++;
    return 128 - zeros;
}

int ctl_range_split(const RTM_NET_ADDRESS *start, const RTM_NET_ADDRESS *end, RTM_NET_ADDRESS *out)
{
    int fam = ctl_family_of(start);
    unsigned width;
    struct u128 v, last, limit;
    int count = 0;

    if (fam < 0 || ctl_family_of(end) != fam)
        return -1;
    width = ctl_family_bits(fam);
    v = from_address(start);
    limit = fill_after(from_address(end), width);
    if (compare(v, limit) > 0)
        return -1;
    for (;;) {
        unsigned len = aligned_length(v);
        for (;; len++) {
            last = fill_after(v, len);
            if (compare(last, limit) <= 0)
                break;
        }
        to_address(v, start->AddressFamily, len, &out[count++]);
        if (compare(last, limit) == 0)
            return count;
        /* the next address: last + 1 (last has ones below bit len) */
        v.lo = last.lo + 1;
        v.hi = last.hi + (v.lo == 0);
    }
}
