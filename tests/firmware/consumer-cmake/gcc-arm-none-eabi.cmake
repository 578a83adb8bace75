# SPDX-License-Identifier: MIT
# The consumer project's own toolchain file, in the shape STM32CubeMX writes
# for its CMake projects: the Cortex-M4F flags in CMAKE_C_FLAGS, -O0 -g3 for
# Debug. stm32dfu must build with exactly these (tests/firmware/consumer/
# checks its compile commands).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -Wall -fdata-sections -ffunction-sections")
set(CMAKE_C_FLAGS_DEBUG "-O0 -g3")
set(CMAKE_EXE_LINKER_FLAGS "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -nostdlib -nostartfiles -Wl,--gc-sections")
