/*
 * protocol_register.c - RegisterProtocol's work for the test protocol DLLs
 * (protocol_register.h).
 */
#include <string.h>

#include "protocol_register.h"

DWORD protocol_register(const DWORD *ids, const protocol_fill_fn *fill, DWORD count,
                        DWORD functionality,
                        PMPR_ROUTING_CHARACTERISTICS routing,
                        PMPR_SERVICE_CHARACTERISTICS services)
{
    DWORD n = 0;

    if (!routing || !services)
        return ERROR_NOT_SUPPORTED;
    while (n < count && ids[n] != routing->dwProtocolId)
        n++;
    if (n == count || routing->dwVersion < MS_ROUTER_VERSION ||
        (routing->fSupportedFunctionality & functionality) != functionality)
        return ERROR_NOT_SUPPORTED;
    memset(routing, 0, sizeof *routing);
    routing->dwVersion = MS_ROUTER_VERSION;
    routing->dwProtocolId = ids[n];
    routing->fSupportedFunctionality = functionality;
    fill[n](routing);
    services->fSupportedFunctionality = 0;
    return NO_ERROR;
}
