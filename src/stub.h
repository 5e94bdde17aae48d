/*
 * stub.h - what the generated stubs (rtm_stubs.c, see cmake/RtmExports.cmake)
 * need. Deliberately does not include rtmv2.h: a stub only has to match its
 * export's calling convention and argument size, not the SDK prototype.
 */
#ifndef RTM_STUB_H
#define RTM_STUB_H

#include <stdint.h>

#ifdef _WIN32
#include <windows.h>
#else
#include "rtm_compat.h"
#endif

/* One stack slot of a stdcall argument list: 4 bytes on i686, 8 on x64. */
typedef uintptr_t RTM_STUB_ARG;

/*
 * Sets the calling thread's last error to ERROR_CALL_NOT_IMPLEMENTED and
 * returns failure, the value the stub hands back to its caller. name is the
 * export's, for the RTM_DEBUG "api" channel.
 */
RTM_STUB_ARG rtm_stub_not_implemented(const char *name, RTM_STUB_ARG failure);

#endif /* RTM_STUB_H */
