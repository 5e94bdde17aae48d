/*
 * family.c - the families by id and the byte order of keys (family.h).
 */
#include "family.h"

const struct rtmv1_family *rtmv1_family_of(DWORD id)
{
    switch (id) {
    case RTM_PROTOCOL_FAMILY_IP:
        return &rtmv1_ip;
    case RTM_PROTOCOL_FAMILY_IPX:
        return &rtmv1_ipx;
    default:
        return NULL;
    }
}

void rtmv1_key_bytes(DWORD value, uint8_t *out)
{
    out[0] = (uint8_t)(value >> 24);
    out[1] = (uint8_t)(value >> 16);
    out[2] = (uint8_t)(value >> 8);
    out[3] = (uint8_t)value;
}

DWORD rtmv1_key_value(const uint8_t *bytes)
{
    return (DWORD)bytes[0] << 24 | (DWORD)bytes[1] << 16 | (DWORD)bytes[2] << 8 | bytes[3];
}
