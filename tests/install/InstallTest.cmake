# InstallTest.cmake - the install test (<variant>.install, registered by
# cmake/RtmInstall.cmake): installs a build into a fresh prefix, checks what
# is there, builds client.c against the installed files only and runs it,
# and runs the installed rtmctl.
#
#   cmake -DBUILD_DIR=<rtm build> -DWORK_DIR=<scratch dir, emptied first>
#         -DVARIANT=native|x86_64|i686 -DCLIENT_DIR=<tests/install>
#         -DC_COMPILER=<cc> -DGENERATOR=<cmake generator> [-DMAKE_PROGRAM=<make>]
#         -DLIBDIR=<lib> -DBINDIR=<bin> -DINCLUDEDIR=<include/rtm> -DCMAKEDIR=<lib/cmake/rtm>
#         -DMANDIR=<share/man> -DMANPAGE=ON|OFF -DVERSION=<x.y.z> -DBUILD_TYPE=<type>
#   natively:   -DSOVERSION=<n> -DPKG_CONFIG=<pkg-config> -DOBJDUMP=<objdump> -DRPATH=ON|OFF
#   Windows:    -DTOOLCHAIN=<toolchain file> -DEMULATOR=<a|b|...> -DSKIP_MARK=<text>
#               -DRETRIES=<n> -DREFUSED=<the toolchain's prefix>
#               -P InstallTest.cmake
#
# Natively the client is compiled with `pkg-config --cflags --libs rtm`
# (PKG_CONFIG_PATH: the prefix's only) and run with LD_LIBRARY_PATH set to
# the prefix's library directory; it is also built as a CMake project
# (CMakeLists.txt here) with find_package(rtm CONFIG) and
# CMAKE_PREFIX_PATH=<prefix>. For Windows that project is configured with
# the MinGW-w64 toolchain file, and the client runs under the emulator
# (Wine) with WINEPATH=<prefix>/bin, where the installed rtm.dll is. Before
# installing, the Windows test checks the guard: an install into the
# toolchain's prefix (under a DESTDIR, so that a broken guard harms
# nothing) and one over a librtm.a that is not rtm's must fail, copying
# nothing. A run the emulator skips (no 32-bit Wine: SKIP_MARK in its
# output) ends the test there, reported as skipped; a run that ends in
# SIGSEGV after printing its whole result (a 32-bit Wine dying in its own
# teardown, see cmake/wine32-run.sh) is repeated up to RETRIES more times.
cmake_minimum_required(VERSION 3.20)
foreach(var BUILD_DIR WORK_DIR VARIANT CLIENT_DIR C_COMPILER GENERATOR LIBDIR BINDIR INCLUDEDIR
        CMAKEDIR MANDIR VERSION)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "InstallTest.cmake: ${var} not set")
    endif()
endforeach()
if(NOT DEFINED RETRIES)
    set(RETRIES 0)
endif()
string(REPLACE "|" ";" emulator "${EMULATOR}")
set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# run(<what> <regex the output must match> COMMAND <command>...): runs it;
# fails the test unless it exits 0 with matching output. Sets "skipped" in
# the caller when the emulator said it skips.
function(run what expect)
    set(attempt 0)
    set(skipped OFF PARENT_SCOPE)
    while(TRUE)
        execute_process(${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
        string(REPLACE "\r" "" out "${out}")
        if(SKIP_MARK)
            string(FIND "${out}" "${SKIP_MARK}" at)
            if(at GREATER -1)
                # As the emulator printed it (tools/test.sh lists the reasons).
                message(NOTICE "${out}")
                set(skipped ON PARENT_SCOPE)
                return()
            endif()
        endif()
        if(rc EQUAL 0 AND "${out}" MATCHES "${expect}")
            return()
        endif()
        if(rc EQUAL 139 AND "${out}" MATCHES "${expect}" AND attempt LESS RETRIES)
            math(EXPR attempt "${attempt} + 1")
            continue()
        endif()
        message(FATAL_ERROR "${what}: exit status ${rc}, output:\n${out}\n${err}")
    endwhile()
endfunction()
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" prefix_re "${prefix}")

set(install_cmd ${CMAKE_COMMAND} --install ${BUILD_DIR})

# What the prefix must hold, exactly.
set(expected
    ${INCLUDEDIR}/rtmv2.h ${INCLUDEDIR}/rtm.h ${INCLUDEDIR}/rtm_diag.h
    ${INCLUDEDIR}/mgm.h ${INCLUDEDIR}/rtm_mgm_forwarder.h
    ${LIBDIR}/pkgconfig/rtm.pc
    ${CMAKEDIR}/rtmConfig.cmake ${CMAKEDIR}/rtmConfigVersion.cmake ${CMAKEDIR}/rtmTargets.cmake)
if(VARIANT STREQUAL "native")
    if(BUILD_TYPE)
        string(TOLOWER "${BUILD_TYPE}" config)
    else()
        set(config noconfig)
    endif()
    list(APPEND expected ${INCLUDEDIR}/rtm_compat.h ${CMAKEDIR}/rtmTargets-${config}.cmake
        ${LIBDIR}/librtm.so ${LIBDIR}/librtm.so.${SOVERSION} ${LIBDIR}/librtm.so.${VERSION}
        ${BINDIR}/rtmctl)
    if(MANPAGE)
        list(APPEND expected ${MANDIR}/man1/rtmctl.1)
    endif()
else()
    list(APPEND expected ${BINDIR}/rtm.dll ${BINDIR}/rtmctl.exe ${LIBDIR}/librtm.a)
    if(VARIANT STREQUAL "x86_64")
        string(TOLOWER "${BUILD_TYPE}" config)
        list(APPEND expected ${CMAKEDIR}/rtmTargets-${config}.cmake)
    endif()

    # The guard, before anything is installed.
    set(destdir ${WORK_DIR}/destdir)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${destdir}
                            ${install_cmd} --prefix ${REFUSED}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0 OR NOT err MATCHES "refusing to install into" OR EXISTS ${destdir})
        message(FATAL_ERROR "an install into the toolchain's prefix ${REFUSED} was not refused "
            "(status ${rc}):\n${out}\n${err}")
    endif()
    set(foreign ${WORK_DIR}/foreign)
    file(WRITE ${foreign}/${LIBDIR}/librtm.a "not rtm's\n")
    execute_process(COMMAND ${install_cmd} --prefix ${foreign}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    file(GLOB_RECURSE files RELATIVE ${foreign} ${foreign}/*)
    file(READ ${foreign}/${LIBDIR}/librtm.a content)
    if(rc EQUAL 0 OR NOT err MATCHES "refusing to install into"
       OR NOT files STREQUAL "${LIBDIR}/librtm.a" OR NOT content STREQUAL "not rtm's\n")
        message(FATAL_ERROR "an install over a librtm.a that is not rtm's was not refused "
            "(status ${rc}; ${foreign} holds: ${files}):\n${out}\n${err}")
    endif()
endif()

execute_process(COMMAND ${install_cmd} --prefix ${prefix}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${prefix} failed:\n${out}\n${err}")
endif()
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${prefix} ${prefix}/*)
list(SORT files)
list(SORT expected)
string(REPLACE ";" "\n  " tree "${files}")
message(STATUS "installed into ${prefix}:\n  ${tree}")
if(NOT files STREQUAL expected)
    set(missing ${expected})
    list(REMOVE_ITEM missing ${files})
    set(extra ${files})
    list(REMOVE_ITEM extra ${expected})
    message(FATAL_ERROR "the install is not as expected: missing [${missing}], "
        "unexpected [${extra}]")
endif()

set(client_args -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
if(MAKE_PROGRAM)
    list(APPEND client_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
set(ok "rtm install client: ok")

# The find_package client (tests/install/CMakeLists.txt) in ${build},
# configured with client_args and the given arguments, and built.
set(build ${WORK_DIR}/cmake-client)
function(build_find_package_client)
    run("configuring the find_package client" "^"
        COMMAND ${CMAKE_COMMAND} -S ${CLIENT_DIR} -B ${build} ${client_args} ${ARGN})
    run("building the find_package client" "^" COMMAND ${CMAKE_COMMAND} --build ${build})
endfunction()

if(VARIANT STREQUAL "native")
    execute_process(COMMAND ${OBJDUMP} -p ${prefix}/${LIBDIR}/librtm.so.${VERSION}
        OUTPUT_VARIABLE out RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "SONAME +librtm\\.so\\.${SOVERSION}\n")
        message(FATAL_ERROR "librtm.so.${VERSION} has not the SONAME librtm.so.${SOVERSION}:\n${out}")
    endif()

    # pkg-config, with the prefix's rtm.pc only.
    if(NOT PKG_CONFIG)
        message(FATAL_ERROR "no pkg-config (run tools/bootstrap.sh)")
    endif()
    set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
    execute_process(COMMAND ${PKG_CONFIG} --modversion rtm OUTPUT_VARIABLE out
        OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT out STREQUAL VERSION)
        message(FATAL_ERROR "pkg-config --modversion rtm: '${out}', not ${VERSION}")
    endif()
    execute_process(COMMAND ${PKG_CONFIG} --cflags --libs rtm OUTPUT_VARIABLE flags
        OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "pkg-config --cflags --libs rtm failed")
    endif()
    separate_arguments(flags UNIX_COMMAND "${flags}")
    set(client ${WORK_DIR}/pkgconfig-client)
    run("compiling the client with pkg-config's flags (${flags})" "^"
        COMMAND ${C_COMPILER} -Wall -Werror ${CLIENT_DIR}/client.c -o ${client} ${flags})
    set(with_lib ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${prefix}/${LIBDIR})
    run("the pkg-config client's libraries" "librtm\\.so\\.${SOVERSION} => ${prefix_re}/${LIBDIR}/"
        COMMAND ${with_lib} LD_TRACE_LOADED_OBJECTS=1 ${client})
    run("the pkg-config client" "${ok}" COMMAND ${with_lib} ${client})

    # find_package; the CMake-built client has the library's directory in
    # its RUNPATH.
    build_find_package_client(-DCMAKE_C_COMPILER=${C_COMPILER})
    file(STRINGS ${build}/rtm-files.txt located REGEX "^location=")
    if(NOT located MATCHES "^location=${prefix_re}/${LIBDIR}/librtm\\.so")
        message(FATAL_ERROR "rtm::rtm is not the installed library: ${located}")
    endif()
    run("the find_package client" "${ok}" COMMAND ${build}/client)

    # rtmctl, with the library installed beside it.
    set(rtmctl ${prefix}/${BINDIR}/rtmctl)
    if(NOT RPATH)
        set(rtmctl ${with_lib} ${rtmctl})
    endif()
    run("the installed rtmctl" "10\\.1\\.2\\.3 +ucast +10\\.0\\.0\\.0/8"
        COMMAND ${rtmctl} -e "add route --proto 1 10.0.0.0/8 via 192.0.2.1" -e "lookup 10.1.2.3")
else()
    build_find_package_client(-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN})
    file(STRINGS ${build}/rtm-files.txt located REGEX "^(location|linker_file)=")
    if(NOT located STREQUAL "location=${prefix}/${BINDIR}/rtm.dll;linker_file=${prefix}/${LIBDIR}/librtm.a")
        message(FATAL_ERROR "rtm::rtm is not the installed rtm.dll through librtm.a: ${located}")
    endif()

    set(ENV{WINEPATH} ${prefix}/${BINDIR})
    run("the find_package client under the emulator" "${ok}"
        COMMAND ${emulator} ${build}/client.exe)
    if(skipped)
        return()
    endif()
    run("the installed rtmctl.exe" "10\\.1\\.2\\.3 +ucast +10\\.0\\.0\\.0/8"
        COMMAND ${emulator} ${prefix}/${BINDIR}/rtmctl.exe
                -e "add route --proto 1 10.0.0.0/8 via 192.0.2.1" -e "lookup 10.1.2.3")
endif()
message(STATUS "${VARIANT}: installed, built a client against the install and ran it")
