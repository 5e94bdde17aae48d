/*
 * ipv6.c - the IPv6 address helpers of later Rtm.dll versions: an
 * RTM_NET_ADDRESS to and from an IN6_ADDR and a prefix length. There is no
 * spec page; the contract is the one in include/rtmv2.h, detailed below.
 */
#include <string.h>

#include "debug_objects.h"

/* Longest IPv6 prefix, in bits. */
#define IPV6_BITS 128

/**
 * RtmConvertNetAddressToIpv6AddressAndLength - reads an IPv6 address and
 * prefix length out of an RTM_NET_ADDRESS (the IPv6 counterpart of
 * RTM_IPV4_GET_ADDR_AND_LEN; no spec page).
 *
 * @pNetAddress [in]   an address of family AF_INET6, NumBits 0..128.
 * @pAddress [out]     receives the 16 bytes of AddrBits as they are (bits
 *                     past NumBits included), in network byte order.
 * @pLength [out]      receives NumBits.
 * @dwAddressSize [in] the size of *pAddress: sizeof(IN6_ADDR), 16.
 *
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when a pointer is NULL,
 * dwAddressSize is not 16, the family is not AF_INET6 or NumBits exceeds 128
 * (nothing is written). Takes no lock; needs no registration.
 */
DWORD WINAPI RtmConvertNetAddressToIpv6AddressAndLength(PRTM_NET_ADDRESS pNetAddress,
                                                        IN6_ADDR *pAddress, ULONG *pLength,
                                                        ULONG dwAddressSize)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmConvertNetAddressToIpv6AddressAndLength,
                              (pNetAddress, pAddress, pLength, dwAddressSize),
                              "%s, size %u", rtm_debug_addr(pNetAddress),
                              RTM_DEBUG_U(dwAddressSize));
    if (!pNetAddress || !pAddress || !pLength || dwAddressSize != sizeof *pAddress)
        return ERROR_INVALID_PARAMETER;
    if (pNetAddress->AddressFamily != AF_INET6 || pNetAddress->NumBits > IPV6_BITS)
        return ERROR_INVALID_PARAMETER;
    memcpy(pAddress->u.Byte, pNetAddress->AddrBits, sizeof pAddress->u.Byte);
    *pLength = pNetAddress->NumBits;
    return NO_ERROR;
}

/**
 * RtmConvertIpv6AddressAndLengthToNetAddress - fills an RTM_NET_ADDRESS
 * from an IPv6 address and prefix length (the IPv6 counterpart of
 * RTM_IPV4_SET_ADDR_AND_LEN; no spec page).
 *
 * @pNetAddress [out]  receives AddressFamily AF_INET6, NumBits dwLength and
 *                     the 16 bytes of Address as they are (bits past
 *                     dwLength included) in AddrBits.
 * @Address [in]       the address, in network byte order.
 * @dwLength [in]      the prefix length, 0..128.
 * @dwAddressSize [in] the size of Address: sizeof(IN6_ADDR), 16.
 *
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when pNetAddress is NULL,
 * dwAddressSize is not 16 or dwLength exceeds 128 (nothing is written).
 * Takes no lock; needs no registration.
 */
DWORD WINAPI RtmConvertIpv6AddressAndLengthToNetAddress(PRTM_NET_ADDRESS pNetAddress,
                                                        IN6_ADDR Address, ULONG dwLength,
                                                        ULONG dwAddressSize)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmConvertIpv6AddressAndLengthToNetAddress,
                              (pNetAddress, Address, dwLength, dwAddressSize),
                              "length %u, size %u", RTM_DEBUG_U(dwLength),
                              RTM_DEBUG_U(dwAddressSize));
    if (!pNetAddress || dwAddressSize != sizeof Address || dwLength > IPV6_BITS)
        return ERROR_INVALID_PARAMETER;
    pNetAddress->AddressFamily = AF_INET6;
    pNetAddress->NumBits = (USHORT)dwLength;
    memcpy(pNetAddress->AddrBits, Address.u.Byte, sizeof Address.u.Byte);
    return NO_ERROR;
}
