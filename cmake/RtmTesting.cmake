# RtmTesting.cmake - CMocka, the Wine emulator and test registration.
#
# Native variants use Debian's libcmocka-dev. Windows variants cross-build
# CMocka with MinGW from Debian's own source package, which the bootstrap
# unpacks into RTM_CMOCKA_SOURCE_DIR (never vendored in this repository).
#
# Windows tests run through CMAKE_CROSSCOMPILING_EMULATOR: Wine with a
# private prefix inside the build folder and WINEDEBUG=-all. x86_64 uses the
# system wine. i686 uses RTM_I686_WINE, the Wine that tools/bootstrap.sh set
# up and recorded in /opt/rtm-deps/wine-i686.cmake, never the system wine
# (which, in a 64-bit prefix without its 32-bit half, runs a 32-bit program
# as a silent success):
#   /opt/wine32/bin/wine32   a 32-bit Wine (setup-wine32.sh), win32 prefix,
#                            where the kernel runs 32-bit programs;
#   /opt/wine-qemu/bin/wine  WoW64 Wine whose 32-bit processes run under
#                            qemu-i386 (setup-wine-qemu.sh), win64 prefix,
#                            where the kernel runs none.
# The kind of prefix follows from the loader: a wineserver32 beside it means
# a 32-bit Wine. The i686 tests run through cmake/wine32-run.sh, which
# reports a test as skipped, with the reason, when there is no such Wine
# (RTM_I686_WINE empty, its loader gone, or RTM_I686_WINE_OFF set in the
# environment); the i686 checks that run nothing (export table, import
# library, ABI layout of the compiled headers) run all the same.
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
# The i686 tests' Wine: as given (-DRTM_I686_WINE=..., empty for none), or
# as the bootstrap recorded it.
if(NOT DEFINED RTM_I686_WINE)
    set(RTM_I686_WINE_RECORDED "")
    set(RTM_I686_WINE_NOTE "tools/bootstrap.sh has not recorded one (/opt/rtm-deps/wine-i686.cmake)")
    include(/opt/rtm-deps/wine-i686.cmake OPTIONAL)
    set(RTM_I686_WINE "${RTM_I686_WINE_RECORDED}")
endif()
if(NOT DEFINED RTM_I686_WINE_NOTE)
    set(RTM_I686_WINE_NOTE "")
endif()

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

    # i686: cmake/wine32-run.sh runs each program with the 32-bit Wine, or
    # reports the test as skipped when there is none; RTM_WINE_CHECK is the
    # same check alone, for the prefix fixture.
    set(_runner "")
    set(RTM_WINE_CHECK "")
    if(CMAKE_SYSTEM_PROCESSOR STREQUAL "i686")
        set(_runner sh ${CMAKE_SOURCE_DIR}/cmake/wine32-run.sh)
        if(RTM_I686_WINE)
            set(_wine ${RTM_I686_WINE})
            get_filename_component(_wine_dir ${RTM_I686_WINE} DIRECTORY)
            if(EXISTS ${_wine_dir}/wineserver32)
                set(_wineserver ${_wine_dir}/wineserver32)
                set(_arch win32)
            else()
                set(_wineserver ${_wine_dir}/wineserver)
                set(_arch win64)
            endif()
            message(STATUS "rtm i686: tests under ${RTM_I686_WINE}, ${_arch} prefix: "
                "${RTM_I686_WINE_NOTE}")
        else()
            set(_wine none)
            set(_wineserver none)
            set(_arch win32)
            message(STATUS "rtm i686: no 32-bit Wine (${RTM_I686_WINE_NOTE}): the tests "
                "that run programs will be reported as skipped")
        endif()
    else()
        find_program(_wine NAMES wine wine64)
        find_program(_wineserver NAMES wineserver)
        set(_arch win64)
    endif()
    if(RTM_CONFORMANCE)
        message(STATUS "rtm conformance build: run its tests on Windows (see docs/conformance.md)")
        set(RTM_RUN_TESTS OFF)
    elseif(_runner OR (_wine AND EXISTS ${_wine}))
        set(RTM_WINEPREFIX ${CMAKE_BINARY_DIR}/wineprefix)
        set(RTM_WINE_ENV WINEDEBUG=-all WINEPREFIX=${RTM_WINEPREFIX} WINEARCH=${_arch}
            WINEDLLOVERRIDES=mscoree,mshtml=)
        if(_runner)
            list(APPEND RTM_WINE_ENV "RTM_I686_WINE_NOTE=${RTM_I686_WINE_NOTE}")
            set(RTM_WINE_CHECK ${CMAKE_COMMAND} -E env ${RTM_WINE_ENV} ${_runner} --check ${_wine})
        endif()
        set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_COMMAND} -E env ${RTM_WINE_ENV} ${_runner} ${_wine})
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
# it. On i686 without a 32-bit Wine both are skipped, as the tests are.
# The marker a skipped test prints (cmake/wine32-run.sh, WinePrefix.cmake):
set(RTM_SKIP_MARK "wine32-run: skipped: ")
if(CMAKE_CROSSCOMPILING AND RTM_RUN_TESTS)
    string(REPLACE ";" "|" _check "${RTM_WINE_CHECK}")
    foreach(action start stop)
        add_test(NAME ${RTM_VARIANT}.wineserver_${action}
            COMMAND ${CMAKE_COMMAND} -DACTION=${action} -DWINE=${_wine}
                    -DWINESERVER=${_wineserver} "-DENV=${RTM_WINE_ENV}" "-DCHECK=${_check}"
                    -P ${CMAKE_SOURCE_DIR}/cmake/WinePrefix.cmake)
        set_tests_properties(${RTM_VARIANT}.wineserver_${action} PROPERTIES
            SKIP_REGULAR_EXPRESSION "${RTM_SKIP_MARK}" TIMEOUT 600)
    endforeach()
    set_tests_properties(${RTM_VARIANT}.wineserver_start PROPERTIES
        FIXTURES_SETUP ${RTM_VARIANT}_wine)
    set_tests_properties(${RTM_VARIANT}.wineserver_stop PROPERTIES
        FIXTURES_CLEANUP ${RTM_VARIANT}_wine)
endif()

# rtm_add_test(<name> COMMAND <target> [args...])
# Registers "<variant>.<name>"; a Windows target runs under the emulator
# (skipped, with the reason, where it cannot run: see above), with a time
# limit of 600 s: the slowest takes about 20 s under qemu-i386, so that
# leaves room for a loaded machine, and a program hung in Wine fails within
# CI's budget instead of at ctest's default 1500 s.
function(rtm_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 T "" "" "COMMAND")
    if(NOT RTM_RUN_TESTS)
        return()
    endif()
    add_test(NAME ${RTM_VARIANT}.${name} COMMAND ${T_COMMAND})
    if(CMAKE_CROSSCOMPILING)
        set_tests_properties(${RTM_VARIANT}.${name} PROPERTIES
            FIXTURES_REQUIRED ${RTM_VARIANT}_wine
            SKIP_REGULAR_EXPRESSION "${RTM_SKIP_MARK}"
            TIMEOUT 600)
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

# rtm_add_unit_test(<name> SOURCES <files> [INTERNAL [LAYER <library>]])
# A CMocka program. INTERNAL tests link the library's objects to test
# internal modules (they are left out in conformance mode): all of them
# (rtm_core), or only a lower layer and what it stands on (LAYER rtm_base,
# rtm_index: src/README.md); the others are clients of the shared library.
function(rtm_add_unit_test name)
    cmake_parse_arguments(PARSE_ARGV 1 T "INTERNAL" "LAYER" "SOURCES")
    if(NOT T_LAYER)
        set(T_LAYER rtm_core)
    endif()
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
        target_link_libraries(${name} PRIVATE ${T_LAYER})
    else()
        rtm_link_client(${name})
    endif()
    rtm_add_test(${name} COMMAND ${name})
    if(RTM_VALGRIND AND RTM_RUN_TESTS)
        add_test(NAME memcheck.${name}
            COMMAND ${RTM_VALGRIND} ${RTM_MEMCHECK_OPTIONS} $<TARGET_FILE:${name}>)
    endif()
endfunction()
