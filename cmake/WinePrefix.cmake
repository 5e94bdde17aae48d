# WinePrefix.cmake - starts or stops the wineserver of a Windows variant's
# private Wine prefix: the "<variant>.wineserver_start" test fixture starts
# it, persistent until the "<variant>.wineserver_stop" cleanup, and creates
# (or updates) the prefix, before the variant's tests run.
#   cmake -DACTION=start|stop -DWINE=<loader> -DWINESERVER=<server>
#         -DENV=<VAR=value;...> [-DCHECK=<command|args...>] -P WinePrefix.cmake
# CHECK (i686: cmake/wine32-run.sh --check) exits 77 and prints why when
# this Wine cannot run here: then nothing is done and the output is repeated,
# which the fixture's SKIP_REGULAR_EXPRESSION reports as a skip.
# Wine's first-run chatter (fonts, configuration) goes to a log file.
foreach(var ACTION WINE WINESERVER ENV)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "WinePrefix.cmake: ${var} not set")
    endif()
endforeach()
if(CHECK)
    string(REPLACE "|" ";" check "${CHECK}")
    execute_process(COMMAND ${check} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${out}")
    endif()
endif()
if(ACTION STREQUAL "stop")
    execute_process(COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${WINESERVER} -k
        OUTPUT_QUIET ERROR_QUIET)
    return()
endif()
# Wine's services start with the prefix and live as long as its server, with
# the output files of the process that started them: started here, they
# write to the log, not to a test's output that ctest would wait on.
string(REGEX MATCH "WINEPREFIX=[^;]*" prefix "${ENV}")
string(REPLACE "WINEPREFIX=" "" prefix "${prefix}")
file(MAKE_DIRECTORY ${prefix})
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${WINESERVER} -k
    OUTPUT_FILE wineserver.log ERROR_FILE wineserver.log)
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${WINESERVER} -p
    RESULT_VARIABLE rc
    OUTPUT_FILE wineserver.log ERROR_FILE wineserver.log)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wineserver -p failed (${rc})")
endif()
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${WINE} wineboot.exe --init
    RESULT_VARIABLE rc
    OUTPUT_FILE wineprefix.log ERROR_FILE wineprefix.log)
if(NOT rc EQUAL 0)
    file(READ wineprefix.log log)
    message(FATAL_ERROR "wineboot failed (${rc}):\n${log}")
endif()
