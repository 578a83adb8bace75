# SPDX-License-Identifier: MIT
# Code-size report of the default library of this core: each entry point is
# linked alone with --gc-sections, so its .text is exactly the code that path
# pulls in. Output: ${CMAKE_CURRENT_BINARY_DIR}/size-report.txt (docs/firmware.md).
set(stm32dfu_size_probes vJumpToDFU stm32dfu_request_bootloader stm32dfu_boot_check)
# (size-print.cmake lists the same three names.)
set(stm32dfu_size_elfs)
foreach(sym IN LISTS stm32dfu_size_probes)
    set(elf ${CMAKE_CURRENT_BINARY_DIR}/size-${sym}.elf)
    add_custom_command(OUTPUT ${elf}
        COMMAND ${CMAKE_C_COMPILER} ${cpu_flags} -nostdlib -nostartfiles -Wl,--gc-sections
                -Wl,-e,${sym} -Wl,-u,${sym} $<TARGET_FILE:stm32dfu_firmware> -o ${elf}
        DEPENDS stm32dfu_firmware
        COMMENT "Linking the ${sym} size probe (${STM32DFU_CPU})"
        VERBATIM)
    list(APPEND stm32dfu_size_elfs ${elf})
endforeach()
add_custom_target(stm32dfu_size_report ALL
    COMMAND ${CMAKE_COMMAND} -DSIZE_TOOL=${CMAKE_SIZE} -DCPU=${STM32DFU_CPU}
            -DSERIES=${stm32dfu_default_series_${STM32DFU_CPU}}
            -DOUT=${CMAKE_CURRENT_BINARY_DIR}/size-report.txt
            -DPROBES=${CMAKE_CURRENT_BINARY_DIR}/size-
            -P ${CMAKE_CURRENT_SOURCE_DIR}/size-print.cmake
    DEPENDS ${stm32dfu_size_elfs}
    VERBATIM)
