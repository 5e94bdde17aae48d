# CheckLayers.cmake - the library's dependencies point one way (src/README.md):
# every #include "..." of a source in src/ names a header its folder may
# use. A file includes a header of its own folder by its name and any
# other by its path from src/.
#
#   cmake -DSRC=<src/> -DINCLUDE=<include/> -P CheckLayers.cmake
#
#   base/   its own headers, and include/rtm_compat.h (Win32 vocabulary)
#   index/  its own, base/
#   rtmv2/  its own, index/, base/, the public headers of include/
#   mgm/    its own, index/, base/, the public headers of include/ (RTMv2
#           through rtmv2.h only: the MGM is a client of RTMv2)
#   rtmv1/  its own, index/, base/, include/rtm.h (and rtm_compat.h,
#           rtm_diag.h for its counts)
#   .       everything
cmake_policy(VERSION 3.20)
foreach(var SRC INCLUDE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckLayers.cmake: ${var} not set")
    endif()
endforeach()

set(allowed_base "rtm_compat.h")
set(allowed_index "base")
set(allowed_rtmv2 "index;base;rtmv2.h;rtm_diag.h;rtm_compat.h")
set(allowed_mgm "index;base;mgm.h;rtm_mgm_forwarder.h;rtmv2.h;rtm_diag.h;rtm_compat.h")
set(allowed_rtmv1 "index;base;rtm.h;rtm_diag.h;rtm_compat.h")
set(allowed_top "base;index;rtmv2;mgm;rtmv1;rtmv2.h;rtm.h;rtm_diag.h;rtm_compat.h")

file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/*.c ${SRC}/*.h)
set(problems "")
set(count 0)
foreach(file IN LISTS files)
    get_filename_component(dir ${file} DIRECTORY)
    if(dir STREQUAL "")
        set(layer top)
    else()
        set(layer ${dir})
    endif()
    if(NOT DEFINED allowed_${layer})
        string(APPEND problems "  ${file}: in ${dir}/, a folder this check does not know\n")
        continue()
    endif()
    file(STRINGS ${SRC}/${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
        math(EXPR count "${count} + 1")
        if(header MATCHES "^([a-z0-9_]+)/")
            set(target ${CMAKE_MATCH_1})
            if(NOT EXISTS ${SRC}/${header})
                string(APPEND problems "  ${file}: \"${header}\" does not exist\n")
            elseif(target STREQUAL layer)
                get_filename_component(name ${header} NAME)
                string(APPEND problems "  ${file}: \"${header}\" is of its own folder: name it \"${name}\"\n")
            elseif(NOT target IN_LIST allowed_${layer})
                string(APPEND problems "  ${file}: includes \"${header}\": ${layer} may not use ${target}/\n")
            endif()
        elseif(EXISTS ${SRC}/${dir}/${header})
            # a header of its own folder
        elseif(EXISTS ${INCLUDE}/${header})
            if(NOT header IN_LIST allowed_${layer})
                string(APPEND problems "  ${file}: includes the public \"${header}\", which ${layer} may not use\n")
            endif()
        else()
            string(APPEND problems "  ${file}: \"${header}\" is neither in its folder nor in include/ (name another folder's header by its path from src/)\n")
        endif()
    endforeach()
endforeach()
if(problems)
    message(FATAL_ERROR "src/ includes against its layers (src/README.md):\n${problems}")
endif()
list(LENGTH files n)
message(STATUS "${count} includes of ${n} files follow the layers")
