# SPDX-License-Identifier: MIT
# The STM32 series the Unicorn tests run on, per core (shared by the device
# build in tests/firmware/targets/unicorn/ and the host tests here). Each entry:
# <id> <CMSIS device macro> <contiguous SRAM at 0x20000000, KiB>, the SRAM from
# the part's reference manual memory map: STM32F072xB 16 KiB (RM0091 Rev 10),
# STM32G0B1xx 144 KiB (RM0444 Rev 5), STM32F107xC 64 KiB (RM0008 Rev 21),
# STM32F405xx 128 KiB (RM0090 Rev 19), STM32L476xx SRAM1 96 KiB (RM0351 Rev 9),
# STM32H743xx DTCM 128 KiB (RM0433 Rev 8), STM32F746xx 320 KiB (RM0385 Rev 8),
# STM32U575xx 768 KiB (RM0456 Rev 4), STM32H563xx 640 KiB (RM0481 Rev 2).
# The first series of a core also carries the core-level tests (vJumpToDFU,
# the request path).
set(STM32DFU_UNICORN_SERIES_cortex-m0 f072)
set(STM32DFU_UNICORN_SERIES_cortex-m0plus g0b1)
set(STM32DFU_UNICORN_SERIES_cortex-m3 f107)
set(STM32DFU_UNICORN_SERIES_cortex-m4 f405 l476)
set(STM32DFU_UNICORN_SERIES_cortex-m7 h743 f746)
set(STM32DFU_UNICORN_SERIES_cortex-m33 u575 h563)

# The series whose model has the BFB2 option bit (models.c): dual-bank parts
# whose ROM would boot a flash bank with BFB2 set (docs/research/device_side.md#p14).
set(STM32DFU_UNICORN_BFB2_SERIES l476)

set(STM32DFU_UNICORN_f072 STM32F072xB 16)
set(STM32DFU_UNICORN_g0b1 STM32G0B1xx 144)
set(STM32DFU_UNICORN_f107 STM32F107xC 64)
set(STM32DFU_UNICORN_f405 STM32F405xx 128)
set(STM32DFU_UNICORN_l476 STM32L476xx 96)
set(STM32DFU_UNICORN_h743 STM32H743xx 128)
set(STM32DFU_UNICORN_f746 STM32F746xx 320)
set(STM32DFU_UNICORN_u575 STM32U575xx 768)
set(STM32DFU_UNICORN_h563 STM32H563xx 640)
