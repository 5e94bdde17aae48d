# RunSession.cmake - runs rtmctl once and compares what it prints with the
# expected text: a scripted-session test.
#
#   cmake -DPROGRAM=<rtmctl> [-DEMULATOR=<a|b|...>] [-DARGS=<a|b|...>]
#         [-DINPUT=<file for stdin>] -DWORKDIR=<dir> -DEXPECTED=<dir/name>
#         -DEXIT=<status> [-DTEARDOWN_RETRIES=<n>] [-DUPDATE=ON] -P RunSession.cmake
#
# Lists are passed with '|' between items. The program runs in WORKDIR;
# <name>.out is its expected stdout and <name>.err its expected stderr (an
# absent file: nothing). Carriage returns are removed (Windows programs
# print CRLF), and durations and memory sizes, which change from run to run,
# are masked: "0.42 s" reads "<t> s", "31.6 MiB" reads "<m> MiB".
# Lines that Wine or the emulator script print, not rtmctl, are dropped
# from stderr: Wine's "wine client error:<thread>: ..." (its client library
# prints one rarely, "sendmsg: Bad file descriptor", about 1 run in 100 just
# after the prefix's server started, with the right output and exit status)
# and cmake/wine32-run.sh's notice of a rerun; the exit status and stdout
# still show whether rtmctl did its work.
# With -DUPDATE=ON the expected files are written instead (check them!).
foreach(var PROGRAM WORKDIR EXPECTED EXIT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunSession.cmake: ${var} not set")
    endif()
endforeach()
string(REPLACE "|" ";" emulator "${EMULATOR}")
string(REPLACE "|" ";" args "${ARGS}")
set(input_args "")
if(INPUT)
    set(input_args INPUT_FILE ${INPUT})
endif()
function(normalise var)
    set(text "${${var}}")
    string(REPLACE "\r" "" text "${text}")
    string(REGEX REPLACE "[0-9]+\\.[0-9]+ s" "<t> s" text "${text}")
    string(REGEX REPLACE "[0-9]+\\.[0-9] MiB" "<m> MiB" text "${text}")
    set(${var} "${text}" PARENT_SCOPE)
endfunction()

set(expected_out "")
set(expected_err "")
if(NOT UPDATE)
    file(READ ${EXPECTED}.out expected_out)
    if(EXISTS ${EXPECTED}.err)
        file(READ ${EXPECTED}.err expected_err)
    endif()
endif()

# With TEARDOWN_RETRIES=N (i686: see cmake/wine32-run.sh), a run that ends
# in SIGSEGV (status 139) after printing exactly the expected output - the
# program finished, Wine crashed in its own teardown - is run again, up to
# N more times, for its exit status. Any other run is judged as it is.
if(NOT DEFINED TEARDOWN_RETRIES)
    set(TEARDOWN_RETRIES 0)
endif()
foreach(attempt RANGE ${TEARDOWN_RETRIES})
    execute_process(COMMAND ${emulator} ${PROGRAM} ${args}
        WORKING_DIRECTORY ${WORKDIR}
        ${input_args}
        RESULT_VARIABLE status
        OUTPUT_VARIABLE out
        ERROR_VARIABLE err)
    # No 32-bit Wine to run it with (cmake/wine32-run.sh): the test is skipped.
    if(out MATCHES "^wine32-run: skipped: ")
        message(FATAL_ERROR "${out}")
    endif()
    normalise(out)
    normalise(err)
    string(REGEX REPLACE "(^|\n)(wine client error:[0-9a-f]+|wine32-run): [^\n]*\n" "\\1" err "${err}")
    if(NOT status STREQUAL "139" OR NOT out STREQUAL expected_out OR NOT err STREQUAL expected_err)
        break()
    endif()
endforeach()

if(UPDATE)
    file(WRITE ${EXPECTED}.out "${out}")
    if(err STREQUAL "")
        file(REMOVE ${EXPECTED}.err)
    else()
        file(WRITE ${EXPECTED}.err "${err}")
    endif()
    message(STATUS "wrote ${EXPECTED}.out/.err (exit status ${status})")
    return()
endif()

set(failed "")
if(NOT status STREQUAL EXIT)
    string(APPEND failed "exit status ${status}, expected ${EXIT}\n")
endif()
if(NOT out STREQUAL expected_out)
    string(APPEND failed "stdout differs; it was:\n${out}\n--- expected (${EXPECTED}.out):\n"
        "${expected_out}\n")
endif()
if(NOT err STREQUAL expected_err)
    string(APPEND failed "stderr differs; it was:\n${err}\n--- expected (${EXPECTED}.err):\n"
        "${expected_err}\n")
endif()
if(failed)
    message(FATAL_ERROR "rtmctl ${args}:\n${failed}")
endif()
