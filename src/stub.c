/*
 * stub.c - the common body of every export not implemented yet.
 */
#include "stub.h"
#include "base/debug.h"

RTM_STUB_ARG rtm_stub_not_implemented(const char *name, RTM_STUB_ARG failure)
{
    if (RTM_DEBUG_ON(RTM_DEBUG_API))
        rtm_debug_line("api", "%s (not implemented) -> ERROR_CALL_NOT_IMPLEMENTED", name);
    rtm_set_last_error(ERROR_CALL_NOT_IMPLEMENTED);
    return failure;
}
