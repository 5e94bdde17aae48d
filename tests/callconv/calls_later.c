/*
 * calls_later.c - the two IPv6 address helpers that later versions of
 * Rtm.dll export and later SDKs declare; the toolchain's <rtmv2.h> does
 * not, so this file is compiled against our include/rtmv2.h (see
 * callconv.h). RtmConvertIpv6AddressAndLengthToNetAddress takes an
 * IN6_ADDR by value (16 bytes on the i686 stack: 28 bytes in all), the
 * one export whose argument size is not a multiple of pointer-sized
 * arguments. Both are called with valid arguments, a round trip.
 *
 * CC_LATER_NOT_IMPORTED (conformance mode, when the system's import
 * library predates them) leaves out the calls through the import library.
 *
 * Also rtm's own extension RtmDiagGetObjectCounts (include/rtm_diag.h),
 * with a NULL structure (ERROR_INVALID_PARAMETER); Microsoft's DLL does
 * not have it, so conformance mode leaves it out.
 */
#include "rtmv2.h"
#include "rtm_diag.h"

#include <string.h>

#include "callconv.h"

#ifdef CC_LATER_NOT_IMPORTED
#define CC_LATER_ROW(calls, name, expected, args)                                            \
    do {                                                                                   \
        cc_record(calls, #name, CC_IMPORT, expected, 0, 0, 0);                             \
        CC_CALL_POINTER(calls, #name, CC_PROC, expected,                                   \
                        ((__typeof__(&name))cc_symbol(#name)), args);                      \
    } while (0)
#else
#define CC_LATER_ROW CC_ROW
#endif

int __cdecl cc_calls_later(struct cc_calls *calls)
{
    static const IN6_ADDR address = {{{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
    static RTM_NET_ADDRESS net;
    static IN6_ADDR back;
    static ULONG length;

    memset(&net, 0, sizeof net);
    CC_LATER_ROW(calls, RtmConvertIpv6AddressAndLengthToNetAddress, NO_ERROR,
                 (&net, address, 64, sizeof(IN6_ADDR)));
    CC_LATER_ROW(calls, RtmConvertNetAddressToIpv6AddressAndLength, NO_ERROR,
                 (&net, &back, &length, sizeof(IN6_ADDR)));
#ifndef RTM_CONFORMANCE
    CC_ROW(calls, RtmDiagGetObjectCounts, ERROR_INVALID_PARAMETER, (NULL));
#endif
    return net.AddressFamily == AF_INET6 && net.NumBits == 64 &&
           memcmp(net.AddrBits, &address, sizeof address) == 0 &&
           memcmp(&back, &address, sizeof address) == 0 && length == 64;
}
