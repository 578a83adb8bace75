# SPDX-License-Identifier: MIT
# Script mode (cmake -P): prints the .text size of each size probe and the
# RAM of the request record, and writes them to OUT. PROBES is the path
# prefix of the probe ELFs (size-report.cmake).
set(report "stm32dfu code size, ${CPU}, -Os, series ${SERIES} (bytes of .text per entry point):\n")
foreach(name vJumpToDFU stm32dfu_request_bootloader stm32dfu_boot_check)
    set(elf ${PROBES}${name}.elf)
    execute_process(COMMAND ${SIZE_TOOL} -A ${elf} OUTPUT_VARIABLE sections
                    COMMAND_ERROR_IS_FATAL ANY)
    string(REGEX MATCH "\n\\.text +([0-9]+)" _ "${sections}")
    set(text ${CMAKE_MATCH_1})
    string(REGEX MATCH "\n\\.stm32dfu_noinit +([0-9]+)" _ "${sections}")
    if(CMAKE_MATCH_1)
        set(record ${CMAKE_MATCH_1})
    endif()
    string(APPEND report "  ${name}: ${text}\n")
endforeach()
string(APPEND report "  request record RAM (.stm32dfu_noinit): ${record}\n")
message("${report}")
file(WRITE ${OUT} "${report}")
