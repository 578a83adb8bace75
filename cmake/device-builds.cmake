# SPDX-License-Identifier: MIT
# Configures and builds this same source tree once per Cortex-M core with the
# arm-none-eabi toolchain. The results land in ${STM32DFU_DEVICE_DIR}/<cpu>/;
# tests find their images there (see tests/firmware/).
include(ExternalProject)

set(STM32DFU_CPUS cortex-m0 cortex-m0plus cortex-m3 cortex-m4 cortex-m7 cortex-m33)
set(STM32DFU_DEVICE_DIR ${CMAKE_BINARY_DIR}/device)

foreach(cpu IN LISTS STM32DFU_CPUS)
    ExternalProject_Add(device-${cpu}
        SOURCE_DIR ${CMAKE_SOURCE_DIR}
        BINARY_DIR ${STM32DFU_DEVICE_DIR}/${cpu}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/arm-none-eabi.cmake
            -DCMAKE_BUILD_TYPE=MinSizeRel
            -DSTM32DFU_CPU=${cpu}
        BUILD_ALWAYS ON
        INSTALL_COMMAND ""
        USES_TERMINAL_BUILD ON)
endforeach()
