/*
 * calls_mgm.c - the 16 Multicast Group Manager functions of the
 * toolchain's <mgm.h> (see callconv.h).
 *
 * mgm.h declares them without WINAPI, so a client compiled against it
 * calls them as __cdecl functions named _MgmName; Rtm.dll's are __stdcall,
 * as mingw-w64's own i686 librtm.a records (_MgmName@bytes). On i686 such
 * a client links only through the linker's stdcall fix-up (GNU ld applies
 * it by default, with a warning), and then pops the arguments a second
 * time after each call. So each function is called three ways:
 *   CC_IMPORT  through the import library's _MgmName@bytes, with mgm.h's
 *              parameter types and __stdcall;
 *   CC_PROC    through GetProcAddress, with the same corrected prototype;
 *   CC_PROC_AS_DECLARED  through GetProcAddress with mgm.h's prototype as
 *              it is: on i686 the stack pointer must come back moved by
 *              the argument size (the caller and the callee both popped),
 *              the header's mismatch measured (test_callconv.c checks it).
 * No prototype is copied: the corrected one is __typeof__ of mgm.h's with
 * the stdcall attribute added, and the import library symbol comes from
 * def/rtm.exports (cc_mgm.inc, generated). The arguments are bad ones
 * (NULL handles and structures, no flags) that change nothing; each row
 * expects the error rtm documents for them. In conformance mode the rows
 * record no expected result (what Microsoft's MGM does with them is not
 * documented), so they are not called.
 */
#include <windows.h>
#include <iprtrmib.h>
#include <mgm.h>

#include "callconv.h"

/* cc_type_Name: mgm.h's Name as __stdcall; cc_import_Name: the import
 * library's symbol for it. */
#define CC_MGM(name, symbol)                                                                 \
    typedef __typeof__(name) __attribute__((stdcall)) cc_type_##name;                     \
    extern cc_type_##name cc_import_##name __asm__(symbol);
#include "cc_mgm.inc"
#undef CC_MGM

#define CC_MGM_ROW(calls, name, expected, args)                                              \
    do {                                                                                   \
        if (cc_should_call(expected))                                                      \
            CC_PROBE(calls, #name, CC_IMPORT, expected, cc_import_##name args);            \
        else                                                                               \
            cc_record(calls, #name, CC_IMPORT, expected, 0, 0, 0);                         \
        CC_CALL_POINTER(calls, #name, CC_PROC, expected,                                   \
                        ((cc_type_##name *)cc_symbol(#name)), args);                       \
        CC_CALL_POINTER(calls, #name, CC_PROC_AS_DECLARED, expected,                       \
                        ((__typeof__(&name))cc_symbol(#name)), args);                      \
    } while (0)

#ifdef RTM_CONFORMANCE
#define EXPECT(status) CC_UNCHECKED
#else
#define EXPECT(status) (status)
#endif

void __cdecl cc_calls_mgm(struct cc_calls *calls)
{
    static DWORD size, number, id;
    static BYTE buffer[64];
    static MIB_IPMCAST_MFE mfe;
    static HANDLE handle;

    CC_MGM_ROW(calls, MgmRegisterMProtocol, EXPECT(ERROR_INVALID_PARAMETER), (NULL, 0, 0, &handle));
    CC_MGM_ROW(calls, MgmDeRegisterMProtocol, EXPECT(ERROR_INVALID_PARAMETER), (NULL));
    CC_MGM_ROW(calls, MgmTakeInterfaceOwnership, EXPECT(ERROR_INVALID_PARAMETER), (NULL, 0, 0));
    CC_MGM_ROW(calls, MgmReleaseInterfaceOwnership, EXPECT(ERROR_INVALID_PARAMETER), (NULL, 0, 0));
    CC_MGM_ROW(calls, MgmGetProtocolOnInterface, EXPECT(ERROR_NOT_FOUND), (0, 0, &id, &id));
    CC_MGM_ROW(calls, MgmAddGroupMembershipEntry, EXPECT(ERROR_INVALID_PARAMETER), (NULL, 0, 0, 0, 0, 0, 0, 0));
    CC_MGM_ROW(calls, MgmDeleteGroupMembershipEntry, EXPECT(ERROR_INVALID_PARAMETER), (NULL, 0, 0, 0, 0, 0, 0, 0));
    CC_MGM_ROW(calls, MgmGetMfe, EXPECT(ERROR_NOT_FOUND), (&mfe, &size, buffer));
    CC_MGM_ROW(calls, MgmGetFirstMfe, EXPECT(ERROR_NO_MORE_ITEMS), (&size, buffer, &number));
    CC_MGM_ROW(calls, MgmGetNextMfe, EXPECT(ERROR_NO_MORE_ITEMS), (&mfe, &size, buffer, &number));
    CC_MGM_ROW(calls, MgmGetMfeStats, EXPECT(ERROR_INVALID_PARAMETER), (&mfe, &size, buffer, 0));
    CC_MGM_ROW(calls, MgmGetFirstMfeStats, EXPECT(ERROR_INVALID_PARAMETER), (&size, buffer, &number, 0));
    CC_MGM_ROW(calls, MgmGetNextMfeStats, EXPECT(ERROR_INVALID_PARAMETER), (&mfe, &size, buffer, &number, 0));
    CC_MGM_ROW(calls, MgmGroupEnumerationStart, EXPECT(ERROR_INVALID_PARAMETER), (NULL, ANY_SOURCE, &handle));
    CC_MGM_ROW(calls, MgmGroupEnumerationGetNext, EXPECT(ERROR_INVALID_PARAMETER), (NULL, &size, buffer, &number));
    CC_MGM_ROW(calls, MgmGroupEnumerationEnd, EXPECT(ERROR_INVALID_PARAMETER), (NULL));
}
