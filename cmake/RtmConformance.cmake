# RtmConformance.cmake - conformance mode (-DRTM_CONFORMANCE=ON): the tests
# that use only the public API (tests/unit without the INTERNAL ones,
# tests/callconv, tests/protocol) built against the SYSTEM's rtm import
# library instead of ours, so that they run on Windows against Microsoft's
# Rtm.dll, the way Wine's conformance tests run on Windows. Nothing of ours
# is built that a test could load instead (no rtm.dll next to the tests).
# See docs/conformance.md.
#
#   RTM_SYSTEM_IMPORT_LIBRARY  what to link: a name the linker finds ("rtm":
#                              MinGW-w64's librtm.a, the Windows SDK's
#                              Rtm.lib) or the path of an import library
# Sets RTM_SYSTEM_HAS_IPV6_HELPERS when that library has the IPv6 helpers of
# later Windows versions (tests that need them are left out otherwise).
option(RTM_CONFORMANCE
    "Build the public-API tests against the system's rtm import library, to run them on Windows against its Rtm.dll"
    OFF)
if(NOT RTM_CONFORMANCE)
    return()
endif()
if(NOT WIN32)
    message(FATAL_ERROR "RTM_CONFORMANCE is for Windows builds (MinGW-w64 or MSVC): "
        "configure with a Windows compiler or a toolchain file from cmake/")
endif()
set(RTM_SYSTEM_IMPORT_LIBRARY rtm CACHE STRING
    "Conformance mode: the system's rtm import library (a library name or a path)")
add_compile_definitions(RTM_CONFORMANCE)

include(CheckCSourceCompiles)
# Checked again at every configure: the library may have changed.
unset(RTM_SYSTEM_HAS_RTMV2 CACHE)
unset(RTM_SYSTEM_HAS_IPV6_HELPERS CACHE)
set(CMAKE_REQUIRED_LIBRARIES ${RTM_SYSTEM_IMPORT_LIBRARY} ws2_32)
set(CMAKE_REQUIRED_QUIET ON)
# The SDK's own header: RtmRegisterEntity as a client references it
# (_RtmRegisterEntity@24 on i686).
check_c_source_compiles("
#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>
int main(void) { return (int)RtmRegisterEntity(NULL, NULL, NULL, FALSE, NULL, NULL); }
" RTM_SYSTEM_HAS_RTMV2)
if(NOT RTM_SYSTEM_HAS_RTMV2)
    message(FATAL_ERROR "RTM_CONFORMANCE: '${RTM_SYSTEM_IMPORT_LIBRARY}' does not provide the "
        "RTMv2 functions. (MinGW-w64's i686 librtm.a has only the MGM ones.) Make an import "
        "library from Windows' own rtm.dll - gendef rtm.dll && dlltool -k -d rtm.def -l "
        "librtm-system.a - and pass -DRTM_SYSTEM_IMPORT_LIBRARY=<its path>.")
endif()
set(CMAKE_REQUIRED_INCLUDES ${CMAKE_SOURCE_DIR}/include)
check_c_source_compiles("
#include \"rtmv2.h\"
int main(void)
{
    static IN6_ADDR address;
    return (int)RtmConvertIpv6AddressAndLengthToNetAddress(NULL, address, 0, 0);
}
" RTM_SYSTEM_HAS_IPV6_HELPERS)
unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_LIBRARIES)
unset(CMAKE_REQUIRED_QUIET)
if(NOT RTM_SYSTEM_HAS_IPV6_HELPERS)
    message(STATUS "rtm conformance: '${RTM_SYSTEM_IMPORT_LIBRARY}' has no IPv6 helpers; "
        "test_ipv6 is left out and test_callconv calls them through GetProcAddress only")
endif()
message(STATUS "rtm conformance build against '${RTM_SYSTEM_IMPORT_LIBRARY}'")
