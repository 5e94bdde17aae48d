# ReadmeTable.cmake - the README's compatibility table, from def/rtm.exports.
#   cmake -DREADME=README.md -P cmake/ReadmeTable.cmake            check (test)
#   cmake -DREADME=README.md -DUPDATE=ON -P cmake/ReadmeTable.cmake rewrite it
# The table stands between the lines "<!-- exports:begin -->" and
# "<!-- exports:end -->"; a check fails when it differs from the list.
include(${CMAKE_CURRENT_LIST_DIR}/RtmExports.cmake)
rtm_read_exports(${CMAKE_CURRENT_LIST_DIR}/../def/rtm.exports)

# Rows of origin "ext" are rtm's own extensions, not exports of Microsoft's
# Rtm.dll: counted apart and marked as such. Implemented rows of origin
# "inferred" (no public documentation) say that their meaning is rtm's. A
# stub kept on purpose says why (its "#why" line in def/rtm.exports).
set(implemented 0)
set(total 0)
set(extensions 0)
set(rows "")
foreach(name IN LISTS RTM_EXPORT_NAMES)
    if(RTM_EXPORT_${name}_ORIGIN STREQUAL "ext")
        set(status "rtm extension (not in Microsoft's Rtm.dll)")
        math(EXPR extensions "${extensions} + 1")
    elseif(RTM_EXPORT_${name}_STATUS STREQUAL "impl" AND RTM_EXPORT_${name}_ORIGIN STREQUAL "inferred")
        set(status "implemented (undocumented: rtm's reading)")
        math(EXPR implemented "${implemented} + 1")
        math(EXPR total "${total} + 1")
    elseif(RTM_EXPORT_${name}_STATUS STREQUAL "impl")
        set(status "implemented")
        math(EXPR implemented "${implemented} + 1")
        math(EXPR total "${total} + 1")
    elseif(DEFINED RTM_EXPORT_${name}_WHY)
        set(status "stub: ${RTM_EXPORT_${name}_WHY}")
        math(EXPR total "${total} + 1")
    else()
        set(status "not yet")
        math(EXPR total "${total} + 1")
    endif()
    string(APPEND rows "| ${RTM_EXPORT_${name}_API} | `${name}` | ${RTM_EXPORT_${name}_BYTES} | ${status} |\n")
endforeach()
set(table "<!-- exports:begin -->
${implemented} of the ${total} exports of Rtm.dll implemented, plus ${extensions} rtm extension(s)
(API `EXT`, include/rtm_diag.h and include/rtm_mgm_forwarder.h).

| API | Export | i686 argument bytes | Status |
|-----|--------|--------------------:|--------|
${rows}<!-- exports:end -->")

file(READ ${README} text)
string(FIND "${text}" "<!-- exports:begin -->" begin)
string(FIND "${text}" "<!-- exports:end -->" end)
if(begin EQUAL -1 OR end EQUAL -1)
    message(FATAL_ERROR "${README}: no exports:begin/exports:end markers")
endif()
math(EXPR end "${end} + 20")
math(EXPR length "${end} - ${begin}")
string(SUBSTRING "${text}" ${begin} ${length} current)
if(current STREQUAL table)
    message(STATUS "${README}: compatibility table matches def/rtm.exports")
elseif(UPDATE)
    string(SUBSTRING "${text}" 0 ${begin} head)
    string(SUBSTRING "${text}" ${end} -1 tail)
    file(WRITE ${README} "${head}${table}${tail}")
    message(STATUS "${README}: compatibility table rewritten")
else()
    message(FATAL_ERROR "${README}: the compatibility table differs from def/rtm.exports; "
        "run: cmake -DREADME=README.md -DUPDATE=ON -P cmake/ReadmeTable.cmake")
endif()
