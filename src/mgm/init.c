/*
 * init.c - MgmInitialize and MgmDeInitialize, the two exports of Rtm.dll
 * that no public document describes. On Windows the router manager
 * connects the MGM to the kernel's forwarder through them, with
 * structures that are not public. Here the MGM needs no start (everything
 * starts empty, state.h) and a forwarder connects through
 * rtm_mgm_forwarder.h, so they mean what rtm_mgm_forwarder.h says.
 */
#include "rtm_mgm_forwarder.h"
#include "base/debug.h"
#include "state.h"

/**
 * MgmInitialize - checks that the MGM can start (an undocumented export
 * of Rtm.dll; its meaning is rtm's, include/rtm_mgm_forwarder.h).
 *
 * @Reserved1, @Reserved2 [in] must be NULL: Windows' router manager passes
 *                        structures that are not public, which rtm cannot
 *                        read (a forwarder registers with
 *                        RtmMgmForwarderRegister instead).
 *
 * The MGM starts on first use: calling this is never needed. Returns
 * NO_ERROR; ERROR_NOT_SUPPORTED when an argument is not NULL. Changes
 * nothing and takes no lock.
 */
DWORD WINAPI MgmInitialize(PVOID Reserved1, PVOID Reserved2)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmInitialize, (Reserved1, Reserved2), "%#llx, %#llx",
                              RTM_DEBUG_H(Reserved1), RTM_DEBUG_H(Reserved2));

    return Reserved1 || Reserved2 ? ERROR_NOT_SUPPORTED : NO_ERROR;
}

/**
 * MgmDeInitialize - frees what the MGM keeps when nothing uses it (an
 * undocumented export of Rtm.dll; its meaning is rtm's,
 * include/rtm_mgm_forwarder.h): the indexes of its interfaces, groups and
 * MFEs, which are empty once no protocol and no forwarder is registered.
 * The MGM starts again on the next call.
 *
 * Returns NO_ERROR; ERROR_CAN_NOT_COMPLETE while a protocol or a
 * forwarder is registered (nothing changes). Takes the MGM lock.
 */
DWORD WINAPI MgmDeInitialize(VOID)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmDeInitialize, (), "%s", "");
    DWORD status = NO_ERROR;

    mgm_lock();
    if (mgm_unused()) {
        mgm_keymap_destroy(&mgm.interfaces);
        mgm_keymap_destroy(&mgm.groups);
        mgm_keymap_destroy(&mgm.mfes);
    } else {
        status = ERROR_CAN_NOT_COMPLETE;
    }
    mgm_unlock();
    return status;
}
