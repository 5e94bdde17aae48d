# ManPage.cmake - writes rtmctl's manual page, rtmctl(1), from its --help
# and --version (help.c is the only source of the text): help2man does the
# work, this script gives it the NAME line and makes the page's headings
# sections.
#
#   cmake -DRTMCTL=<native rtmctl> -DHELP2MAN=<help2man> -DOUTPUT=<rtmctl.1>
#         -P ManPage.cmake
#
# The NAME line is the line of --help after its "Usage:" and "or:" lines
# (first letter in lower case, no final period). help2man makes "Options:",
# "Environment:" and "Examples:" sections of their own and the other
# headings of --help (Commands:, File formats:, ...) subsections of OPTIONS;
# they become sections here (COMMANDS, FILE FORMATS, ...), in --help's
# order, and a paragraph indented under one of them, its plain text. The
# date in the page is that of SOURCE_DATE_EPOCH when the environment has it
# (reproducible builds), else this month.
foreach(var RTMCTL HELP2MAN OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "ManPage.cmake: ${var} not set")
    endif()
endforeach()

execute_process(COMMAND ${RTMCTL} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "ManPage.cmake: ${RTMCTL} --help failed (${status})")
endif()
if(NOT help MATCHES "^Usage: [^\n]*\n(  or: [^\n]*\n)*([^\n ][^\n]*)\n")
    message(FATAL_ERROR "ManPage.cmake: no summary line after the usage in rtmctl --help")
endif()
set(summary "${CMAKE_MATCH_2}")
string(REGEX REPLACE "\\.$" "" summary "${summary}")
string(SUBSTRING "${summary}" 0 1 first)
string(SUBSTRING "${summary}" 1 -1 rest)
string(TOLOWER "${first}" first)
set(summary "${first}${rest}")

execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --name=${summary}
        --output=${OUTPUT}.tmp ${RTMCTL}
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    file(REMOVE ${OUTPUT}.tmp)
    message(FATAL_ERROR "ManPage.cmake: help2man failed (${status}): ${err}")
endif()
file(READ ${OUTPUT}.tmp page)
file(REMOVE ${OUTPUT}.tmp)

# .SS "File formats:" -> .SH "FILE FORMATS"; the paragraph indented under
# such a heading in --help (.IP) is the section's plain text.
string(REGEX MATCHALL "\n\\.SS \"[^\"\n]*:\"\n(\\.IP\n)?" headings "${page}")
foreach(heading IN LISTS headings)
    string(REGEX REPLACE "^\n\\.SS \"([^\"\n]*):\"\n.*$" "\\1" name "${heading}")
    string(TOUPPER "${name}" name)
    string(REPLACE "${heading}" "\n.SH \"${name}\"\n" page "${page}")
endforeach()
file(WRITE ${OUTPUT} "${page}")
