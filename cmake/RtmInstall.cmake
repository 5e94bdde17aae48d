# RtmInstall.cmake - what `cmake --install <build> [--prefix <dir>]` installs,
# and the install test (tests/install/). Included by the top-level
# CMakeLists.txt after its add_subdirectory calls, for every variant but the
# conformance and fuzz builds; it works on the targets rtm and rtmctl by
# name, wherever they are defined.
#
# Natively (native, asan, tsan), under the prefix (default /usr/local):
#   lib/librtm.so.<version>, librtm.so.<soversion> (the SONAME), librtm.so
#   include/rtm/rtmv2.h, rtm.h, mgm.h, rtm_diag.h, rtm_mgm_forwarder.h,
#                       rtm_compat.h (Cflags: -I.../include/rtm, so sources
#                       write #include <rtmv2.h>, <rtm.h> or <mgm.h>, as on
#                       Windows)
#   lib/pkgconfig/rtm.pc                 pkg-config; written at install time,
#                                        so it names the prefix installed to
#   lib/cmake/rtm/rtmConfig.cmake, rtmConfigVersion.cmake, rtmTargets*.cmake
#                                        find_package(rtm CONFIG): rtm::rtm
#   bin/rtmctl                           RUNPATH $ORIGIN/../lib
#   share/man/man1/rtmctl.1              when a target rtmctl_man exists: it
#                                        must have made <build>/rtmctl.1
# (lib is CMAKE_INSTALL_LIBDIR: lib/<multiarch> for the prefix /usr.)
#
# A Windows variant (x86_64, i686) under a prefix of its own, by default
# /opt/rtm/<triplet> (x86_64-w64-mingw32, i686-w64-mingw32):
#   bin/rtm.dll, bin/rtmctl.exe
#   lib/librtm.a                         the import library (rtm.lib); on i686
#                                        the decorated one dlltool makes
#                                        (RTM_IMPORT_LIBRARY, src/CMakeLists.txt)
#   include/rtm/rtmv2.h, rtm.h, mgm.h, rtm_diag.h, rtm_mgm_forwarder.h
#   lib/pkgconfig/rtm.pc, lib/cmake/rtm/... as natively; rtm::rtm is rtm.dll
#                                        (IMPORTED_LOCATION) through librtm.a
#                                        (IMPORTED_IMPLIB)
# Never into the toolchain's own prefix (/usr/<triplet>, the directory of
# the librtm.a the compiler finds): mingw-w64 ships a librtm.a of its own
# there (the MGM functions), which ours would overwrite. Installing there,
# or over any librtm.a that an rtm install did not put there, fails with a
# message saying so, before anything is copied.
include(CMakePackageConfigHelpers)

# The SONAME's number: bump it when librtm.so's ABI changes incompatibly
# (the RTMv2 and MGM parts are fixed by Windows' Rtm.dll; the extensions,
# rtm_diag.h and rtm_mgm_forwarder.h, may change).
set(RTM_SOVERSION 0)

if(WIN32)
    set(RTM_TRIPLET ${CMAKE_SYSTEM_PROCESSOR}-w64-mingw32)
    if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
        set(CMAKE_INSTALL_PREFIX /opt/rtm/${RTM_TRIPLET} CACHE PATH
            "Install prefix (a Windows variant: one of its own, never the toolchain's)" FORCE)
    endif()
endif()
# After the prefix is settled: GNUInstallDirs' defaults depend on it.
include(GNUInstallDirs)
set(RTM_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/rtm)
set(RTM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rtm)
set(_rtm_stage ${CMAKE_BINARY_DIR}/rtm-install)

# The library's include directory is the source tree's: only while building.
# The installed rtm::rtm gets include/rtm (INCLUDES DESTINATION below).
get_target_property(_dirs rtm INTERFACE_INCLUDE_DIRECTORIES)
if(_dirs)
    set(_build_dirs "")
    foreach(dir IN LISTS _dirs)
        if(dir MATCHES "^\\$<")
            list(APPEND _build_dirs "${dir}")
        else()
            list(APPEND _build_dirs "$<BUILD_INTERFACE:${dir}>")
        endif()
    endforeach()
    set_property(TARGET rtm PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${_build_dirs}")
endif()

set(_headers ${CMAKE_SOURCE_DIR}/include/rtmv2.h ${CMAKE_SOURCE_DIR}/include/rtm.h
    ${CMAKE_SOURCE_DIR}/include/rtm_diag.h ${CMAKE_SOURCE_DIR}/include/mgm.h
    ${CMAKE_SOURCE_DIR}/include/rtm_mgm_forwarder.h)

if(WIN32)
    # The guard, first of the install rules: the install-time prefix
    # (--prefix may differ from the configured one) must not be the
    # toolchain's, nor hold a librtm.a that is not rtm's.
    set(_refused /usr/${RTM_TRIPLET})
    if(CMAKE_SYSROOT)
        list(APPEND _refused ${CMAKE_SYSROOT})
    endif()
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=librtm.a
        OUTPUT_VARIABLE _toolchain_implib OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _rc ERROR_QUIET)
    if(_rc EQUAL 0 AND IS_ABSOLUTE "${_toolchain_implib}" AND EXISTS "${_toolchain_implib}")
        get_filename_component(_toolchain_implib "${_toolchain_implib}" REALPATH)
        get_filename_component(_dir "${_toolchain_implib}" DIRECTORY)
        get_filename_component(_dir "${_dir}" DIRECTORY)
        list(APPEND _refused ${_dir})
    endif()
    set(_real "")
    foreach(dir IN LISTS _refused)
        get_filename_component(dir "${dir}" REALPATH)
        list(APPEND _real "${dir}")
    endforeach()
    list(REMOVE_DUPLICATES _real)
    set(RTM_REFUSED_PREFIXES "${_real}")
    get_filename_component(_prefix "${CMAKE_INSTALL_PREFIX}" REALPATH)
    if(_prefix IN_LIST RTM_REFUSED_PREFIXES)
        message(WARNING "rtm ${RTM_VARIANT}: CMAKE_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX} is the "
            "MinGW-w64 toolchain's own prefix: cmake --install will refuse it (its lib/librtm.a "
            "is the toolchain's). Choose another, such as /opt/rtm/${RTM_TRIPLET}.")
    endif()
    install(CODE "set(RTM_REFUSED_PREFIXES \"${RTM_REFUSED_PREFIXES}\")
set(RTM_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
set(RTM_CMAKEDIR \"${RTM_INSTALL_CMAKEDIR}\")
set(RTM_TRIPLET \"${RTM_TRIPLET}\")")
    install(CODE [[
get_filename_component(_rtm_prefix "${CMAKE_INSTALL_PREFIX}" REALPATH)
foreach(_rtm_refused IN LISTS RTM_REFUSED_PREFIXES)
    if(_rtm_prefix STREQUAL _rtm_refused)
        message(FATAL_ERROR "rtm: refusing to install into ${CMAKE_INSTALL_PREFIX}: it is the "
            "MinGW-w64 toolchain's own prefix, and its lib/librtm.a (mingw-w64's import library "
            "for the MGM functions) would be overwritten by rtm's. Install under a prefix of "
            "rtm's own: cmake --install <build> --prefix /opt/rtm/${RTM_TRIPLET} (the default), "
            "and give clients -DCMAKE_PREFIX_PATH=/opt/rtm/${RTM_TRIPLET} or "
            "-L/opt/rtm/${RTM_TRIPLET}/lib.")
    endif()
endforeach()
if(IS_ABSOLUTE "${RTM_LIBDIR}")
    set(_rtm_libdir "$ENV{DESTDIR}${RTM_LIBDIR}")
else()
    set(_rtm_libdir "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${RTM_LIBDIR}")
endif()
if(IS_ABSOLUTE "${RTM_CMAKEDIR}")
    set(_rtm_cmakedir "$ENV{DESTDIR}${RTM_CMAKEDIR}")
else()
    set(_rtm_cmakedir "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${RTM_CMAKEDIR}")
endif()
if(EXISTS "${_rtm_libdir}/librtm.a" AND NOT EXISTS "${_rtm_cmakedir}/rtmConfig.cmake")
    message(FATAL_ERROR "rtm: refusing to install into ${CMAKE_INSTALL_PREFIX}: "
        "${_rtm_libdir}/librtm.a is there and is not rtm's (no ${_rtm_cmakedir}/rtmConfig.cmake "
        "beside it; the toolchain's own?). Install under a prefix of rtm's own, such as "
        "/opt/rtm/${RTM_TRIPLET}.")
endif()
]])

    if(CMAKE_SIZEOF_VOID_P EQUAL 4)
        # i686: the linker's import library (librtm.undecorated.a) has the
        # undecorated names no stdcall client references; the one to
        # install is dlltool's. install(EXPORT) would name the linker's, so
        # the package's targets file is written here.
        install(PROGRAMS $<TARGET_FILE:rtm> DESTINATION ${CMAKE_INSTALL_BINDIR})
        install(FILES ${RTM_IMPORT_LIBRARY} DESTINATION ${CMAKE_INSTALL_LIBDIR})
        get_filename_component(_implib_name ${RTM_IMPORT_LIBRARY} NAME)
        file(RELATIVE_PATH _up /prefix/${RTM_INSTALL_CMAKEDIR} /prefix)
        string(REGEX REPLACE "/$" "" _up "${_up}")
        file(WRITE ${_rtm_stage}/rtmTargets.cmake
"# rtmTargets.cmake - the imported target rtm::rtm of an installed i686 rtm:
# rtm.dll through its import library with the decorated stdcall names
# (written by cmake/RtmInstall.cmake).
get_filename_component(_rtm_prefix \"\${CMAKE_CURRENT_LIST_DIR}/${_up}\" ABSOLUTE)
if(NOT TARGET rtm::rtm)
    add_library(rtm::rtm SHARED IMPORTED)
    set_target_properties(rtm::rtm PROPERTIES
        IMPORTED_LOCATION \"\${_rtm_prefix}/${CMAKE_INSTALL_BINDIR}/rtm.dll\"
        IMPORTED_IMPLIB \"\${_rtm_prefix}/${CMAKE_INSTALL_LIBDIR}/${_implib_name}\"
        INTERFACE_INCLUDE_DIRECTORIES \"\${_rtm_prefix}/${RTM_INSTALL_INCLUDEDIR}\")
endif()
foreach(_rtm_file IN ITEMS \"\${_rtm_prefix}/${CMAKE_INSTALL_BINDIR}/rtm.dll\"
        \"\${_rtm_prefix}/${CMAKE_INSTALL_LIBDIR}/${_implib_name}\")
    if(NOT EXISTS \"\${_rtm_file}\")
        message(FATAL_ERROR \"rtm::rtm: \${_rtm_file} is missing from the installed rtm\")
    endif()
endforeach()
unset(_rtm_file)
unset(_rtm_prefix)
")
        install(FILES ${_rtm_stage}/rtmTargets.cmake DESTINATION ${RTM_INSTALL_CMAKEDIR})
    else()
        install(TARGETS rtm EXPORT rtmTargets
            RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
            INCLUDES DESTINATION ${RTM_INSTALL_INCLUDEDIR})
    endif()
else()
    list(APPEND _headers ${CMAKE_SOURCE_DIR}/include/rtm_compat.h)
    set_target_properties(rtm PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${RTM_SOVERSION})
    # rtmctl finds the librtm.so installed with it, wherever the prefix is
    # (-DCMAKE_SKIP_INSTALL_RPATH=ON leaves that to the system's loader).
    file(RELATIVE_PATH _rel ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
    set_target_properties(rtmctl PROPERTIES INSTALL_RPATH "$ORIGIN/${_rel}")
    install(TARGETS rtm EXPORT rtmTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${RTM_INSTALL_INCLUDEDIR})
endif()
if(NOT (WIN32 AND CMAKE_SIZEOF_VOID_P EQUAL 4))
    install(EXPORT rtmTargets NAMESPACE rtm:: DESTINATION ${RTM_INSTALL_CMAKEDIR}
        FILE rtmTargets.cmake)
endif()

install(FILES ${_headers} DESTINATION ${RTM_INSTALL_INCLUDEDIR})
install(TARGETS rtmctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The manual page, made by the target rtmctl_man (natively) as
# <build>/rtmctl.1.
if(NOT WIN32 AND TARGET rtmctl_man)
    install(FILES ${CMAKE_BINARY_DIR}/rtmctl.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# The CMake package.
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/rtmConfig.cmake.in
    ${_rtm_stage}/rtmConfig.cmake INSTALL_DESTINATION ${RTM_INSTALL_CMAKEDIR})
write_basic_package_version_file(${_rtm_stage}/rtmConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${_rtm_stage}/rtmConfig.cmake ${_rtm_stage}/rtmConfigVersion.cmake
    DESTINATION ${RTM_INSTALL_CMAKEDIR})

# rtm.pc: everything but the prefix now; the prefix when installing, so that
# `cmake --install --prefix <dir>` gets a file that names <dir>.
foreach(kind LIBDIR INCLUDEDIR)
    if(kind STREQUAL "INCLUDEDIR")
        set(_dir ${RTM_INSTALL_INCLUDEDIR})
    else()
        set(_dir ${CMAKE_INSTALL_${kind}})
    endif()
    if(IS_ABSOLUTE "${_dir}")
        set(RTM_PC_${kind} "${_dir}")
    else()
        set(RTM_PC_${kind} "\${prefix}/${_dir}")
    endif()
endforeach()
set(RTM_PC_PREFIX "@RTM_PC_PREFIX@")
configure_file(${CMAKE_SOURCE_DIR}/cmake/rtm.pc.in ${_rtm_stage}/rtm.pc.in @ONLY)
install(CODE "set(RTM_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
configure_file(\"${_rtm_stage}/rtm.pc.in\" \"${_rtm_stage}/rtm.pc\" @ONLY)")
install(FILES ${_rtm_stage}/rtm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The install test, <variant>.install (tests/install/InstallTest.cmake): an
# install into a fresh prefix under the build tree, a client built against
# it only (pkg-config and find_package natively, find_package with the
# MinGW-w64 toolchain file for Windows) and run (Windows: under Wine).
if(RTM_VARIANT MATCHES "^(native|x86_64|i686)$")
    set(_args -DBUILD_DIR=${CMAKE_BINARY_DIR} -DWORK_DIR=${CMAKE_BINARY_DIR}/install-test
        -DVARIANT=${RTM_VARIANT} -DCLIENT_DIR=${CMAKE_SOURCE_DIR}/tests/install
        -DC_COMPILER=${CMAKE_C_COMPILER} "-DGENERATOR=${CMAKE_GENERATOR}"
        -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM} -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
        -DLIBDIR=${CMAKE_INSTALL_LIBDIR} -DBINDIR=${CMAKE_INSTALL_BINDIR}
        -DINCLUDEDIR=${RTM_INSTALL_INCLUDEDIR} -DCMAKEDIR=${RTM_INSTALL_CMAKEDIR}
        -DMANDIR=${CMAKE_INSTALL_MANDIR} -DVERSION=${PROJECT_VERSION})
    if(WIN32)
        string(REPLACE ";" "|" _emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
        set(_retries 0)
        if(RTM_WINE_CHECK)
            set(_retries 3)
        endif()
        list(APPEND _args
            -DTOOLCHAIN=${CMAKE_SOURCE_DIR}/cmake/toolchain-${CMAKE_SYSTEM_PROCESSOR}-w64-mingw32.cmake
            "-DEMULATOR=${_emulator}" "-DSKIP_MARK=${RTM_SKIP_MARK}" -DRETRIES=${_retries}
            -DREFUSED=/usr/${RTM_TRIPLET})
    else()
        find_program(RTM_PKG_CONFIG NAMES pkg-config pkgconf)
        if(NOT RTM_PKG_CONFIG)
            message(STATUS "rtm: no pkg-config: ${RTM_VARIANT}.install will fail "
                "(run tools/bootstrap.sh)")
        endif()
        set(_rpath ON)
        if(CMAKE_SKIP_INSTALL_RPATH OR CMAKE_SKIP_RPATH)
            set(_rpath OFF)
        endif()
        set(_man OFF)
        if(TARGET rtmctl_man)
            set(_man ON)
        endif()
        list(APPEND _args -DSOVERSION=${RTM_SOVERSION} -DPKG_CONFIG=${RTM_PKG_CONFIG}
            -DOBJDUMP=${CMAKE_OBJDUMP} -DRPATH=${_rpath} -DMANPAGE=${_man})
    endif()
    rtm_add_test(install COMMAND ${CMAKE_COMMAND} ${_args}
        -P ${CMAKE_SOURCE_DIR}/tests/install/InstallTest.cmake)
endif()
