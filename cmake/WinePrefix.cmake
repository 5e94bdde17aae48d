# WinePrefix.cmake - starts the wineserver of the private Wine prefix of a
# Windows variant, persistent until "wineserver -k" (the fixture's cleanup),
# and creates (or updates) the prefix, before the variant's tests run.
# Called by the "<variant>.wineprefix" test fixture:
#   cmake -DWINE=<loader> -DWINESERVER=<server> -DENV=<VAR=value;...> -P WinePrefix.cmake
# Wine's first-run chatter (fonts, configuration) goes to a log file.
foreach(var WINE WINESERVER ENV)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "WinePrefix.cmake: ${var} not set")
    endif()
endforeach()
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
