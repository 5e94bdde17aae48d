/*
 * calls_inferred.c - the exports that no public header declares (origin
 * "inferred" in def/rtm.exports: the instance and configuration functions,
 * RtmDereferenceHandles, the undocumented RTMv1 and MGM ones, the table
 * helpers). cc_inferred.inc, generated from def/rtm.exports, declares each
 * as a WINAPI function of as many pointer-sized arguments as its i686
 * argument size says, and calls it with zeros (see callconv.h). Nothing
 * public says what they take, so these calls prove only that our export
 * table, import library and stubs agree with def/rtm.exports; in
 * conformance mode this file is not built.
 */
#include <windows.h>

#include <string.h>

#include "callconv.h"

#define CC_INFERRED(name, params, args) DWORD WINAPI name params;
#include "cc_inferred.inc"
#undef CC_INFERRED

/* What the implemented ones return for the zero arguments. */
static uintptr_t expected_result(const char *name)
{
    if (strcmp(name, "RtmDereferenceHandles") == 0)
        return ERROR_INVALID_HANDLE; /* NULL registration handle */
    if (strcmp(name, "MgmInitialize") == 0 || strcmp(name, "MgmDeInitialize") == 0)
        return NO_ERROR; /* rtm's meaning (rtm_mgm_forwarder.h): nothing registered */
    return CC_UNCHECKED;
}

void __cdecl cc_calls_inferred(struct cc_calls *calls)
{
#define CC_INFERRED(name, params, args) CC_ROW(calls, name, expected_result(#name), args);
#include "cc_inferred.inc"
#undef CC_INFERRED
}
