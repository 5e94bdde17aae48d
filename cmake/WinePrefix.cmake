# WinePrefix.cmake - creates (or updates) the private Wine prefix of a
# Windows variant before its tests run. Called by the "<variant>.wineprefix"
# test fixture: cmake -DWINE=<loader> -DENV=<VAR=value;...> -P WinePrefix.cmake
# Wine's first-run chatter (fonts, configuration) goes to a log file.
foreach(var WINE ENV)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "WinePrefix.cmake: ${var} not set")
    endif()
endforeach()
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${WINE} wineboot.exe --init
    RESULT_VARIABLE rc
    OUTPUT_FILE wineprefix.log ERROR_FILE wineprefix.log)
if(NOT rc EQUAL 0)
    file(READ wineprefix.log log)
    message(FATAL_ERROR "wineboot failed (${rc}):\n${log}")
endif()
