# SPDX-License-Identifier: MIT
# The firmware library's sources, in firmware/src/: the one list that
# firmware/CMakeLists.txt (stm32dfu::firmware, the host tests) and
# firmware/stm32dfu.mk (Make projects) both read. A new source is one more
# line in one of the two lists. Keep the form: "NAME := \", then one file per
# line; CMake reads it with a regular expression.
#
# Every name starts with stm32dfu_: STM32CubeMX's Makefiles put all objects
# in one folder under their base names, so a project's own request.c or
# cache.c must not meet one of ours there.

# Plain C without register access: also built on the host, for the unit tests
# (tests/firmware/unit/) and the simulator's application mode.
STM32DFU_PORTABLE_SOURCES := \
	stm32dfu_cdc_touch.c \
	stm32dfu_request_record.c \
	stm32dfu_runtime.c \
	stm32dfu_vector_check.c

# Cortex-M only.
STM32DFU_DEVICE_SOURCES := \
	stm32dfu_boot_check.c \
	stm32dfu_cache.c \
	stm32dfu_handover.c \
	stm32dfu_jump.c \
	stm32dfu_quiesce.c \
	stm32dfu_request.c \
	stm32dfu_request_slot.c \
	stm32dfu_reset.c \
	stm32dfu_series.c
