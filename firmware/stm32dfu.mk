# SPDX-License-Identifier: MIT
# The stm32dfu firmware library for Make-based firmware projects, such as the
# Makefiles STM32CubeMX generates. Include it once C_SOURCES, C_INCLUDES and
# LIBDIR are defined and before the rules (in a CubeMX Makefile: right after
# the LDFLAGS line):
#
#     include path/to/stm32dfu/firmware/stm32dfu.mk
#
# It appends the library's sources (sources.mk) to C_SOURCES, its public
# include folder to C_INCLUDES, and the folder of the linker fragment to
# LIBDIR, so that the project's linker script can `INCLUDE stm32dfu_noinit.ld`.
# The series comes from the CMSIS device macro CubeMX already puts in C_DEFS
# (e.g. -DSTM32F405xx). STM32DFU_NOINIT_LD names the fragment, for a
# prerequisite. docs/integration.md has the whole recipe;
# tests/firmware/consumer-make/ is a project that uses it.
STM32DFU_FIRMWARE_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(STM32DFU_FIRMWARE_DIR)/sources.mk

C_SOURCES += $(addprefix $(STM32DFU_FIRMWARE_DIR)/src/,$(STM32DFU_PORTABLE_SOURCES) \
	$(STM32DFU_DEVICE_SOURCES))
C_INCLUDES += -I$(STM32DFU_FIRMWARE_DIR)/include
LIBDIR += -L$(STM32DFU_FIRMWARE_DIR)/ld
STM32DFU_NOINIT_LD := $(STM32DFU_FIRMWARE_DIR)/ld/stm32dfu_noinit.ld
