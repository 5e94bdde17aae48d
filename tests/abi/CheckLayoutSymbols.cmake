# CheckLayoutSymbols.cmake - the ABI layout of our header against the SDK's,
# from the compiled objects alone: nothing is run, so the check holds on
# every Windows variant, also where no Wine can run its programs.
#
#   cmake -DNM=<nm> -DSDK=<layout_sdk object> -DOURS=<layout_ours object>
#         -P CheckLayoutSymbols.cmake
#
# Each object has one absolute symbol pair per entry of layout_list.h
# ("rtm_layout <entry>" and "rtm_layout <entry> >>32": the value's low and
# high 32 bits; see RTM_LAYOUT_SYMBOL_ENTRY). The two objects must have the
# same entries with the same values, and every type check ("compatible(...)",
# "prototype(...)") must hold.
foreach(var NM SDK OURS)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckLayoutSymbols.cmake: ${var} not set")
    endif()
endforeach()

# read_layout(<object> <prefix>): <prefix>_NAMES, and <prefix>_<name> = its
# value as nm prints it (hex).
function(read_layout object prefix)
    execute_process(COMMAND ${NM} ${object} RESULT_VARIABLE rc
        OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${NM} ${object} failed: ${err}")
    endif()
    string(REPLACE ";" "\\;" out "${out}")
    string(REPLACE "\n" ";" lines "${out}")
    set(names "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^([0-9a-f]+) A rtm_layout (.*)$")
            list(APPEND names "${CMAKE_MATCH_2}")
            set(${prefix}_${CMAKE_MATCH_2} ${CMAKE_MATCH_1} PARENT_SCOPE)
        endif()
    endforeach()
    set(${prefix}_NAMES "${names}" PARENT_SCOPE)
endfunction()

read_layout(${SDK} sdk)
read_layout(${OURS} ours)
list(LENGTH sdk_NAMES symbols)
math(EXPR entries "${symbols} / 2")
# 14 structures, ~100 members, ~90 constants, 55 functions...
if(entries LESS 500)
    message(FATAL_ERROR "${SDK}: only ${entries} layout entries")
endif()

set(problems "")
set(checks 0)
foreach(name IN LISTS sdk_NAMES)
    if(NOT DEFINED ours_${name})
        string(APPEND problems "  ${name}: in the SDK header's object only\n")
    elseif(NOT sdk_${name} STREQUAL ours_${name})
        string(APPEND problems "  ${name}: 0x${sdk_${name}} in the SDK header, 0x${ours_${name}} in ours\n")
    endif()
    if(name MATCHES "^(compatible|prototype)\\(.*\\)$")
        math(EXPR checks "${checks} + 1")
        if(NOT sdk_${name} MATCHES "^0*1$")
            string(APPEND problems "  ${name} does not hold in the SDK header\n")
        endif()
    endif()
endforeach()
foreach(name IN LISTS ours_NAMES)
    if(NOT DEFINED sdk_${name})
        string(APPEND problems "  ${name}: in our header's object only\n")
    endif()
endforeach()
if(checks LESS 110)
    string(APPEND problems "  only ${checks} type checks, expected at least 110\n")
endif()
if(problems)
    message(FATAL_ERROR "include/rtmv2.h or rtm.h differs from the SDK's:\n${problems}")
endif()
message(STATUS "${entries} layout entries equal in both headers, ${checks} type checks hold")
