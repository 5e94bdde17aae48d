/*
 * calls_forwarder.c - rtm's MGM forwarder extension
 * (include/rtm_mgm_forwarder.h), compiled against our include/ (see
 * callconv.h), each function with bad arguments that change nothing and
 * the error it documents for them. Microsoft's DLL does not have them, so
 * conformance mode leaves this file out.
 */
#include "rtm_mgm_forwarder.h"

#include "callconv.h"

void __cdecl cc_calls_forwarder(struct cc_calls *calls)
{
    static HANDLE handle;

    CC_ROW(calls, RtmMgmForwarderRegister, ERROR_INVALID_PARAMETER, (NULL, &handle));
    CC_ROW(calls, RtmMgmForwarderDeregister, ERROR_INVALID_HANDLE, (NULL));
    CC_ROW(calls, RtmMgmForwarderReportPacket, ERROR_INVALID_PARAMETER,
           (NULL, 0, 0, 0, 0, 0, NULL));
    CC_ROW(calls, RtmMgmForwarderReportCounters, ERROR_INVALID_PARAMETER, (NULL, NULL, 0));
}
