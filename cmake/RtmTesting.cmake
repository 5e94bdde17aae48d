# RtmTesting.cmake - CMocka, the Wine emulator and test registration.
#
# Native variants use Debian's libcmocka-dev. Windows variants cross-build
# CMocka with MinGW from Debian's own source package, which the bootstrap
# unpacks into RTM_CMOCKA_SOURCE_DIR (never vendored in this repository).
#
# Windows tests run through CMAKE_CROSSCOMPILING_EMULATOR: Wine with a
# private prefix inside the build folder and WINEDEBUG=-all. x86_64 uses the
# system wine; i686 uses the private 32-bit Wine that
# /work/shared/tools/setup-wine32.sh (run by the bootstrap) installs under
# /opt/wine32, never the system wine (which, in a 64-bit prefix, runs a
# 32-bit program as a silent success).
#
# Test names are "<variant>.<name>", so one ctest over the superbuild shows
# every variant's result.
#
# memcheck: the native variant also runs each CMocka program under valgrind
# memcheck, as "memcheck.<name>", failing on any memory error and on any
# definite or indirect leak (-DRTM_WITH_MEMCHECK=OFF, or no valgrind, leaves
# them out). No suppression is needed. Memory still reachable at exit (the
# library's tables and handle segments, freed only when it is unloaded)
# and "possibly lost" blocks are not errors.

set(RTM_CMOCKA_SOURCE_DIR /opt/rtm-deps/cmocka CACHE PATH
    "CMocka source tree (apt-get source cmocka), cross-built for Windows variants")
set(RTM_WINE32 /opt/wine32/bin/wine32 CACHE FILEPATH "32-bit Wine loader for i686 tests")

if(CMAKE_CROSSCOMPILING)
    include(ExternalProject)
    set(_cmocka_prefix ${CMAKE_BINARY_DIR}/cmocka)
    set(_cmocka_lib ${_cmocka_prefix}/lib/libcmocka-static.a)
    if(NOT EXISTS ${RTM_CMOCKA_SOURCE_DIR}/include/cmocka.h)
        message(FATAL_ERROR "CMocka source not found in ${RTM_CMOCKA_SOURCE_DIR}: "
            "run tools/bootstrap.sh (or set RTM_CMOCKA_SOURCE_DIR)")
    endif()
    ExternalProject_Add(cmocka_build
        SOURCE_DIR ${RTM_CMOCKA_SOURCE_DIR}
        BINARY_DIR ${CMAKE_BINARY_DIR}/cmocka-build
        INSTALL_DIR ${_cmocka_prefix}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
            -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
            -DCMAKE_INSTALL_LIBDIR=lib
            -DCMAKE_BUILD_TYPE=Release
            -DWITH_STATIC_LIB=ON
            -DWITH_EXAMPLES=OFF
            -DUNIT_TESTING=OFF
        BUILD_BYPRODUCTS ${_cmocka_lib}
        LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON)
    file(MAKE_DIRECTORY ${_cmocka_prefix}/include)
    add_library(rtm_cmocka STATIC IMPORTED GLOBAL)
    set_target_properties(rtm_cmocka PROPERTIES
        IMPORTED_LOCATION ${_cmocka_lib}
        INTERFACE_INCLUDE_DIRECTORIES ${_cmocka_prefix}/include)
    add_dependencies(rtm_cmocka cmocka_build)

    if(CMAKE_SYSTEM_PROCESSOR STREQUAL "i686")
        set(_wine ${RTM_WINE32})
        get_filename_component(_wine_dir ${RTM_WINE32} DIRECTORY)
        set(_wineserver ${_wine_dir}/wineserver32)
        set(_arch win32)
    else()
        find_program(_wine NAMES wine wine64)
        find_program(_wineserver NAMES wineserver)
        set(_arch win64)
    endif()
    if(RTM_CONFORMANCE)
        message(STATUS "rtm conformance build: run its tests on Windows (see README.md)")
        set(RTM_RUN_TESTS OFF)
    elseif(_wine AND EXISTS ${_wine})
        set(RTM_WINEPREFIX ${CMAKE_BINARY_DIR}/wineprefix)
        set(RTM_WINE_ENV WINEDEBUG=-all WINEPREFIX=${RTM_WINEPREFIX} WINEARCH=${_arch}
            WINEDLLOVERRIDES=mscoree,mshtml=)
        if(_arch STREQUAL "win32")
            # Repeats a run the 32-bit Wine crashed in its own teardown
            # (see the script).
            set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_COMMAND} -E env ${RTM_WINE_ENV}
                sh ${CMAKE_SOURCE_DIR}/cmake/wine32-run.sh ${_wine})
        else()
            set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_COMMAND} -E env ${RTM_WINE_ENV} ${_wine})
        endif()
        set(RTM_RUN_TESTS ON)
    else()
        message(STATUS "rtm ${RTM_VARIANT}: no Wine to run tests with; building them only")
        set(RTM_RUN_TESTS OFF)
    endif()
else()
    find_path(RTM_CMOCKA_INCLUDE cmocka.h REQUIRED)
    find_library(RTM_CMOCKA_LIBRARY cmocka REQUIRED)
    add_library(rtm_cmocka UNKNOWN IMPORTED GLOBAL)
    set_target_properties(rtm_cmocka PROPERTIES
        IMPORTED_LOCATION ${RTM_CMOCKA_LIBRARY}
        INTERFACE_INCLUDE_DIRECTORIES ${RTM_CMOCKA_INCLUDE})
    set(RTM_RUN_TESTS ON)
endif()

option(RTM_WITH_MEMCHECK "Run the native unit tests under valgrind memcheck too" ON)
if(RTM_WITH_MEMCHECK AND RTM_VARIANT STREQUAL "native" AND NOT CMAKE_CROSSCOMPILING)
    find_program(RTM_VALGRIND valgrind)
    if(NOT RTM_VALGRIND)
        message(STATUS "rtm: no valgrind: the memcheck tests are left out")
    endif()
endif()
set(RTM_MEMCHECK_OPTIONS --error-exitcode=1 --leak-check=full
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --quiet)

# A fixture that creates the Wine prefix once, before the first Windows test,
# so that parallel tests do not race to create it, and starts its wineserver
# for the whole run: a server that quits when idle races with the next test
# connecting to it ("recvmsg: Connection reset by peer"). The cleanup stops
# it.
if(CMAKE_CROSSCOMPILING AND RTM_RUN_TESTS)
    add_test(NAME ${RTM_VARIANT}.wineprefix
        COMMAND ${CMAKE_COMMAND} -DWINE=${_wine} -DWINESERVER=${_wineserver}
                "-DENV=${RTM_WINE_ENV}" -P ${CMAKE_SOURCE_DIR}/cmake/WinePrefix.cmake)
    add_test(NAME ${RTM_VARIANT}.wineserver_stop
        COMMAND ${CMAKE_COMMAND} -E env ${RTM_WINE_ENV} ${_wineserver} -k)
    set_tests_properties(${RTM_VARIANT}.wineprefix PROPERTIES
        FIXTURES_SETUP ${RTM_VARIANT}_wine)
    set_tests_properties(${RTM_VARIANT}.wineserver_stop PROPERTIES
        FIXTURES_CLEANUP ${RTM_VARIANT}_wine)
endif()

# rtm_add_test(<name> COMMAND <target> [args...])
# Registers "<variant>.<name>"; a Windows target runs under the emulator.
function(rtm_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 T "" "" "COMMAND")
    if(NOT RTM_RUN_TESTS)
        return()
    endif()
    add_test(NAME ${RTM_VARIANT}.${name} COMMAND ${T_COMMAND})
    if(CMAKE_CROSSCOMPILING)
        set_tests_properties(${RTM_VARIANT}.${name} PROPERTIES
            FIXTURES_REQUIRED ${RTM_VARIANT}_wine)
    endif()
endfunction()

# rtm_link_import_library(<target>): link a program against the library the
# way a client does, through the import library (librtm.a; on i686 the
# decorated one made by dlltool) - in conformance mode the system's
# (RTM_SYSTEM_IMPORT_LIBRARY, see RtmConformance.cmake) - without our
# headers.
function(rtm_link_import_library target)
    if(RTM_CONFORMANCE)
        target_link_libraries(${target} PRIVATE ${RTM_SYSTEM_IMPORT_LIBRARY})
    elseif(WIN32)
        add_dependencies(${target} rtm)
        target_link_libraries(${target} PRIVATE ${RTM_IMPORT_LIBRARY})
    else()
        target_link_libraries(${target} PRIVATE rtm)
    endif()
endfunction()

# rtm_link_client(<target>): rtm_link_import_library with the public headers.
function(rtm_link_client target)
    target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/include)
    rtm_link_import_library(${target})
endfunction()

# rtm_add_unit_test(<name> SOURCES <files> [INTERNAL])
# A CMocka program. INTERNAL tests link the library's objects (rtm_core) to
# test internal modules (they are left out in conformance mode); the others
# are clients of the shared library.
function(rtm_add_unit_test name)
    cmake_parse_arguments(PARSE_ARGV 1 T "INTERNAL" "" "SOURCES")
    if(T_INTERNAL AND RTM_CONFORMANCE)
        return()
    endif()
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE rtm_cmocka)
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
    if(WIN32)
        target_link_libraries(${name} PRIVATE ws2_32)
    endif()
    if(T_INTERNAL)
        target_link_libraries(${name} PRIVATE rtm_core)
        target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
    else()
        rtm_link_client(${name})
    endif()
    rtm_add_test(${name} COMMAND ${name})
    if(RTM_VALGRIND AND RTM_RUN_TESTS)
        add_test(NAME memcheck.${name}
            COMMAND ${RTM_VALGRIND} ${RTM_MEMCHECK_OPTIONS} $<TARGET_FILE:${name}>)
    endif()
endfunction()
