# RtmExports.cmake - turns def/rtm.exports (the single export list) into
# what each build needs. Usable from a project (include()) and in script
# mode (cmake -P, see ReadmeTable.cmake).
#
#   rtm_read_exports(<file>)      sets RTM_EXPORT_NAMES and, per name N,
#                                 RTM_EXPORT_<N>_{API,BYTES,RETURNS,FAILURE,STATUS,ORIGIN},
#                                 and RTM_EXPORT_<N>_WHY from a "#why N text" line
#   rtm_generate_exports(<dir>)   writes into <dir>:
#       rtm.def           x86_64 module definition (undecorated names)
#       rtm-i686.def      i686 module definition (Name@bytes; linked with --kill-at)
#       rtm.map           native linker version script (and natively
#                         rtm_get_last_error, rtm_set_last_error: rtm_compat.h)
#       rtm_stubs.c       a stub for every export whose status is 'stub'
#       rtm_exports.inc   RTM_EXPORT(api, name, bytes, returns, failure, status) rows
#                         for C programs (failure: what the stub returns)
#       rtm_sdk_functions.inc  RTM_SDK_FUNCTION(name) for every RTMv2/RTMv1
#                         export the toolchain's rtmv2.h / rtm.h declare
# Files are rewritten only when their content changes.

function(rtm_read_exports file)
    file(STRINGS "${file}" lines)
    set(names "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^#why[ \t]+([A-Za-z0-9_]+)[ \t]+(.*)$")
            set(RTM_EXPORT_${CMAKE_MATCH_1}_WHY "${CMAKE_MATCH_2}" PARENT_SCOPE)
            continue()
        endif()
        if(line MATCHES "^[ \t]*(#|$)")
            continue()
        endif()
        string(REGEX REPLACE "[ \t]+" ";" cols "${line}")
        list(LENGTH cols n)
        if(NOT n EQUAL 7)
            message(FATAL_ERROR "${file}: expected 7 columns: ${line}")
        endif()
        list(GET cols 1 name)
        list(APPEND names ${name})
        set(i 0)
        foreach(field API NAME BYTES RETURNS FAILURE STATUS ORIGIN)
            list(GET cols ${i} value)
            set(RTM_EXPORT_${name}_${field} "${value}" PARENT_SCOPE)
            math(EXPR i "${i} + 1")
        endforeach()
    endforeach()
    set(RTM_EXPORT_NAMES "${names}" PARENT_SCOPE)
endfunction()

function(_rtm_write_if_changed path content)
    set(old "")
    if(EXISTS "${path}")
        file(READ "${path}" old)
    endif()
    if(NOT old STREQUAL content)
        file(WRITE "${path}" "${content}")
    endif()
endfunction()

function(rtm_generate_exports dir)
    set(head "; generated from def/rtm.exports - do not edit\nLIBRARY rtm.dll\nEXPORTS\n")
    set(def64 "${head}")
    set(def32 "${head}")
    set(map "/* generated from def/rtm.exports - do not edit */\n{\n  global:\n")
    set(inc "/* generated from def/rtm.exports - do not edit */\n")
    set(sdk "${inc}")
    set(stubs "/*
 * rtm_stubs.c - generated from def/rtm.exports, do not edit.
 *
 * One stub per export not implemented yet. A stub touches none of its
 * arguments: it sets the thread's last error to ERROR_CALL_NOT_IMPLEMENTED
 * and returns ERROR_CALL_NOT_IMPLEMENTED, or the documented failure value
 * when the function does not return a status (NULL, FALSE, 0, INFINITE).
 * Each takes as many pointer-sized arguments as its stdcall argument size
 * needs, so that on i686 it pops exactly what the caller pushed.
 */
#include \"stub.h\"
")
    foreach(name IN LISTS RTM_EXPORT_NAMES)
        set(bytes ${RTM_EXPORT_${name}_BYTES})
        set(status ${RTM_EXPORT_${name}_STATUS})
        string(APPEND def64 "    ${name}\n")
        string(APPEND def32 "    ${name}@${bytes}\n")
        string(APPEND map "    ${name};\n")
        set(ret ${RTM_EXPORT_${name}_RETURNS})
        set(fail ${RTM_EXPORT_${name}_FAILURE})
        if(ret STREQUAL "DWORD")
            set(fail "ERROR_CALL_NOT_IMPLEMENTED")
        endif()
        string(APPEND inc "RTM_EXPORT(${RTM_EXPORT_${name}_API}, ${name}, ${bytes}, ${ret}, ${fail}, ${status})\n")
        if(RTM_EXPORT_${name}_ORIGIN STREQUAL "sdk" AND RTM_EXPORT_${name}_API MATCHES "^RTMv[12]$")
            string(APPEND sdk "RTM_SDK_FUNCTION(${name})\n")
        endif()
        if(status STREQUAL "stub")
            math(EXPR nargs "${bytes} / 4")
            set(params "")
            set(voids "")
            if(nargs EQUAL 0)
                set(params "void")
            else()
                math(EXPR last "${nargs} - 1")
                foreach(i RANGE ${last})
                    if(i GREATER 0)
                        string(APPEND params ", ")
                    endif()
                    string(APPEND params "RTM_STUB_ARG a${i}")
                    string(APPEND voids "    (void)a${i};\n")
                endforeach()
            endif()
            string(APPEND stubs "\n${ret} WINAPI ${name}(${params});\n${ret} WINAPI ${name}(${params})\n{\n${voids}    return (${ret})rtm_stub_not_implemented(\"${name}\", (RTM_STUB_ARG)(${fail}));\n}\n")
        elseif(NOT status STREQUAL "impl")
            message(FATAL_ERROR "def/rtm.exports: ${name}: status must be impl or stub, not '${status}'")
        endif()
    endforeach()
    # Natively, the thread's last error (rtm_compat.h: no Win32 name).
    string(APPEND map "    rtm_get_last_error;\n    rtm_set_last_error;\n  local:\n    *;\n};\n")
    _rtm_write_if_changed("${dir}/rtm.def" "${def64}")
    _rtm_write_if_changed("${dir}/rtm-i686.def" "${def32}")
    _rtm_write_if_changed("${dir}/rtm.map" "${map}")
    _rtm_write_if_changed("${dir}/rtm_exports.inc" "${inc}")
    _rtm_write_if_changed("${dir}/rtm_sdk_functions.inc" "${sdk}")
    _rtm_write_if_changed("${dir}/rtm_stubs.c" "${stubs}")
endfunction()
