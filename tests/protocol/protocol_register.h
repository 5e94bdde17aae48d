/*
 * protocol_register.h - what the test protocol DLLs (riplike.dll,
 * ipxriplike.dll, mcastlike.dll) share: the work of their RegisterProtocol export
 * (spec/routprot/nc-routprot-pregister_protocol.md).
 */
#ifndef PROTOCOL_REGISTER_H
#define PROTOCOL_REGISTER_H

#include <windows.h>
#include <routprot.h>

/* Fills the characteristics of one protocol with its entry points. */
typedef void (*protocol_fill_fn)(MPR_ROUTING_CHARACTERISTICS *chars);

/*
 * RegisterProtocol of a DLL that implements count protocols: ids[i], whose
 * entry points fill[i] gives, each with the functionality given (RF_ROUTING,
 * with RF_MULTICAST for a multicast protocol).
 *
 * @routing  [in, out] in: dwVersion (the router's: at least
 *           MS_ROUTER_VERSION), dwProtocolId (one of ids),
 *           fSupportedFunctionality (must offer every flag of
 *           functionality); out: dwVersion MS_ROUTER_VERSION,
 *           fSupportedFunctionality functionality, the protocol's entry
 *           points (the others NULL).
 * @services [in, out] out: fSupportedFunctionality 0 (no services).
 *
 * May be called again for a protocol (for instance after StopProtocol):
 * the same entry points come back. Returns NO_ERROR, or
 * ERROR_NOT_SUPPORTED (nothing written) when a pointer is NULL, the id is
 * not one of ids, the router is older or does not offer the functionality.
 */
DWORD protocol_register(const DWORD *ids, const protocol_fill_fn *fill, DWORD count,
                        DWORD functionality,
                        PMPR_ROUTING_CHARACTERISTICS routing,
                        PMPR_SERVICE_CHARACTERISTICS services);

#endif /* PROTOCOL_REGISTER_H */
