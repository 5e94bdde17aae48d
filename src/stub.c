/*
 * stub.c - the common body of every export not implemented yet.
 */
#include "stub.h"
#include "platform.h"

RTM_STUB_ARG rtm_stub_not_implemented(RTM_STUB_ARG failure)
{
    rtm_set_last_error(ERROR_CALL_NOT_IMPLEMENTED);
    return failure;
}
