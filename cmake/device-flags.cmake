# SPDX-License-Identifier: MIT
# Per-core compiler flags for the device builds. Included only when cross-compiling.
set(STM32DFU_CPU "cortex-m4" CACHE STRING "Cortex-M core of this device build")
set_property(CACHE STM32DFU_CPU PROPERTY STRINGS cortex-m0 cortex-m0plus cortex-m3 cortex-m4 cortex-m7 cortex-m33)

set(cpu_flags -mcpu=${STM32DFU_CPU} -mthumb)
if(STM32DFU_CPU STREQUAL "cortex-m4")
    list(APPEND cpu_flags -mfloat-abi=hard -mfpu=fpv4-sp-d16)
elseif(STM32DFU_CPU STREQUAL "cortex-m7")
    list(APPEND cpu_flags -mfloat-abi=hard -mfpu=fpv5-d16)
elseif(STM32DFU_CPU STREQUAL "cortex-m33")
    list(APPEND cpu_flags -mfloat-abi=hard -mfpu=fpv5-sp-d16)
endif()

add_compile_options(${cpu_flags} -Os -g -ffreestanding -ffunction-sections -fdata-sections)
add_link_options(${cpu_flags} -nostdlib -nostartfiles -Wl,--gc-sections)
