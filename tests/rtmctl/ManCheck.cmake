# ManCheck.cmake - checks the manual page rtmctl(1) against rtmctl --help:
# every command the help lists (its line in "Commands:", as "delete route
# PREFIX [--proto ID]") must be in the page's COMMANDS section, and every
# option (of "Options:", and the load options under "Commands:") in the
# page. The page's text is compared with its roff requests and font
# changes taken out, and all white space as single spaces.
#
#   cmake -DPROGRAM=<rtmctl> -DPAGE=<rtmctl.1> -P ManCheck.cmake
foreach(var PROGRAM PAGE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "ManCheck.cmake: ${var} not set")
    endif()
endforeach()
if(NOT EXISTS ${PAGE})
    message(FATAL_ERROR "${PAGE} does not exist (build the target rtmctl_man)")
endif()

execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} --help failed (${status})")
endif()

# The items of --help: entries of the Commands: and Options: sections.
string(REPLACE ";" "\\;" help "${help}")
string(REPLACE "\n" ";" lines "${help}")
set(section "")
set(commands "")
set(options "")
foreach(line IN LISTS lines)
    if(line MATCHES "^([A-Z][^:]*):$")
        set(section "${CMAKE_MATCH_1}")
    elseif(section STREQUAL "Commands" AND line MATCHES "^  ([a-z][^ ]*( [^ ]+)*)")
        list(APPEND commands "${CMAKE_MATCH_1}")
    elseif(section MATCHES "^(Commands|Options)$" AND line MATCHES "^  +(-[^ ]*( [^ ]+)*)")
        string(REPLACE ", " ";" names "${CMAKE_MATCH_1}")
        list(APPEND options ${names})
    endif()
endforeach()
list(LENGTH commands count)
if(count LESS 10)
    message(FATAL_ERROR "only ${count} commands found in rtmctl --help: ${commands}")
endif()

# The page as text: a request line gives its arguments, font changes and
# other escapes go, "\-" is "-".
file(READ ${PAGE} page)
string(REPLACE ";" "\\;" page "${page}")
string(REPLACE "\n" ";" page_lines "${page}")
set(text "")
foreach(line IN LISTS page_lines)
    if(line MATCHES "^\\.\\\\\"")
        continue() # a comment
    elseif(line MATCHES "^\\.SH +\"?([^\"]*)\"?$")
        string(APPEND text "\n@SECTION ${CMAKE_MATCH_1}@\n")
        continue()
    elseif(line MATCHES "^\\.[A-Za-z]+ *(.*)$")
        set(line "${CMAKE_MATCH_1}")
    endif()
    string(APPEND text " ${line}")
endforeach()
string(REGEX REPLACE "\\\\f(\\([A-Z][A-Z]|\\[[^]]*\\]|.)" "" text "${text}")
string(REGEX REPLACE "\\\\[,/&]" "" text "${text}")
string(REPLACE "\\-" "-" text "${text}")
string(REPLACE "\\(aq" "'" text "${text}")
string(REGEX REPLACE "[ \t]+" " " text "${text}")

function(section_text name out)
    if(NOT text MATCHES "@SECTION ${name}@\n([^@]*)")
        message(FATAL_ERROR "${PAGE} has no ${name} section")
    endif()
    set(${out} "${CMAKE_MATCH_1} " PARENT_SCOPE)
endfunction()
section_text(COMMANDS commands_text)
section_text(OPTIONS ignored) # the section must be there

set(missing "")
foreach(command IN LISTS commands)
    string(FIND "${commands_text}" " ${command} " at)
    if(at LESS 0)
        string(APPEND missing "  command: ${command}\n")
    endif()
endforeach()
string(REPLACE ", " " , " options_text "${text} ") # "-h, --help"
foreach(option IN LISTS options)
    string(FIND "${options_text}" " ${option} " at)
    if(at LESS 0)
        string(APPEND missing "  option: ${option}\n")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "${PAGE} lacks what rtmctl --help lists:\n${missing}")
endif()
list(LENGTH options option_count)
message(STATUS "${PAGE}: the ${count} commands and ${option_count} options of --help")
