# RtmSuperbuild.cmake - the other variants of this project as sub-builds of
# the native build, so that one configure, one build and one ctest cover
# them all. Each is this same source tree configured again:
#   asan     native, with ASan + UBSan
#   tsan     native, with ThreadSanitizer
#   x86_64   MinGW-w64 64-bit; tests under the system Wine
#   i686     MinGW-w64 32-bit; tests under the 32-bit Wine (see RtmTesting.cmake)
#   fuzz     native with clang: the API fuzzer; its tests replay the
#            regressions and fuzz for a short while (fuzz/CMakeLists.txt)
# A Windows variant is skipped, with a message, when its compiler is missing.
# The native build's CTestTestfile includes each sub-build's tests.
include(ExternalProject)

option(RTM_WITH_ASAN "Build and test the ASan+UBSan variant" ON)
option(RTM_WITH_TSAN "Build and test the ThreadSanitizer variant" ON)
option(RTM_WITH_WINDOWS "Build and test the MinGW-w64 variants" ON)
option(RTM_WITH_FUZZ "Build the API fuzzer (clang) and run its short pass" ON)

set(_variants "")
if(RTM_WITH_ASAN)
    list(APPEND _variants asan)
endif()
if(RTM_WITH_TSAN)
    list(APPEND _variants tsan)
endif()
if(RTM_WITH_FUZZ)
    find_program(RTM_CLANG clang)
    if(RTM_CLANG)
        list(APPEND _variants fuzz)
    else()
        message(WARNING "rtm: clang not found; the fuzz variant is not built "
            "(run tools/bootstrap.sh)")
    endif()
endif()
if(RTM_WITH_WINDOWS)
    foreach(arch x86_64 i686)
        find_program(RTM_${arch}_CC ${arch}-w64-mingw32-gcc)
        if(RTM_${arch}_CC)
            list(APPEND _variants ${arch})
        else()
            message(WARNING "rtm: ${arch}-w64-mingw32-gcc not found; the ${arch} variant is "
                "not built (run tools/bootstrap.sh)")
        endif()
    endforeach()
endif()

set(_include_tests "")
foreach(variant IN LISTS _variants)
    set(_dir ${CMAKE_BINARY_DIR}/${variant})
    if(variant MATCHES "san$")
        set(_args -DRTM_VARIANT=${variant} -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER})
    elseif(variant STREQUAL "fuzz")
        set(_args -DRTM_VARIANT=fuzz -DCMAKE_C_COMPILER=${RTM_CLANG})
    else()
        set(_args -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-${variant}-w64-mingw32.cmake
                  -DRTM_CMOCKA_SOURCE_DIR=${RTM_CMOCKA_SOURCE_DIR})
        if(variant STREQUAL "i686")
            list(APPEND _args "-DRTM_I686_WINE=${RTM_I686_WINE}"
                              "-DRTM_I686_WINE_NOTE=${RTM_I686_WINE_NOTE}")
        endif()
    endif()
    ExternalProject_Add(rtm_${variant}
        SOURCE_DIR ${CMAKE_SOURCE_DIR}
        BINARY_DIR ${_dir}
        CMAKE_ARGS ${_args} -DRTM_SUPERBUILD=OFF -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
        BUILD_ALWAYS ON
        INSTALL_COMMAND ""
        USES_TERMINAL_BUILD ON)
    string(APPEND _include_tests
        "if(EXISTS \"${_dir}/CTestTestfile.cmake\")\n  subdirs(\"${_dir}\")\nendif()\n")
endforeach()

# The main job (tools/demo.sh) needs only the x86_64 rtm.dll and rtmctl.exe:
# "cmake --build <dir> --target demo" configures that variant and builds
# just those, not the other variants or any test.
if(TARGET rtm_x86_64)
    ExternalProject_Add_StepTargets(rtm_x86_64 configure)
    add_custom_target(demo
        COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR}/x86_64 --target rtmctl
        DEPENDS rtm_x86_64-configure
        USES_TERMINAL)
endif()

file(WRITE ${CMAKE_BINARY_DIR}/rtm-variant-tests.cmake
    "# generated: the tests of the sub-build variants\n${_include_tests}")
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES
    ${CMAKE_BINARY_DIR}/rtm-variant-tests.cmake)
