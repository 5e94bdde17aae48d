/*
 * platform.c - the out-of-line part of the platform layer (platform.h).
 */
#include "platform.h"

#ifdef _WIN32
void rtm_set_last_error(uint32_t code)
{
    SetLastError(code);
}

uint32_t rtm_get_last_error(void)
{
    return GetLastError();
}
#else
static _Thread_local uint32_t last_error;

void rtm_set_last_error(uint32_t code)
{
    last_error = code;
}

uint32_t rtm_get_last_error(void)
{
    return last_error;
}
#endif
