# SPDX-License-Identifier: MIT
# The QEMU boards the firmware scenarios run on, shared by the device build
# (tests/firmware/targets/qemu/, examples/demo/, through qemu-image.cmake) and
# the host tests (tests/firmware/qemu/). Memory maps were read with `info mtree` on
# qemu-system-arm 7.2 and agree with each board's documentation:
#   netduinoplus2: STM32F405, RM0090 Rev 19 §2.3 Table 1 (flash 0x08000000,
#     SRAM 0x20000000); IRQ 81 is the FPU interrupt (RM0090 Table 61), which
#     QEMU never raises.
#   mps2-an385 / mps2-an500: AN385 / AN500 memory maps (ZBT SSRAM1 at 0,
#     SSRAM2/3 at 0x20000000); QEMU implements 32 IRQs (ICTR = 0).
#   mps2-an505: AN505 (IoT Kit, Cortex-M33) secure aliases: code 0x10000000,
#     SRAM 0x38000000; the core starts in Secure state with VTOR_S =
#     0x10000000. QEMU reports ICTR = 2 (3 NVIC words) although the NVIC has
#     124 lines, so the spare IRQ is kept below 96.
#   microbit: nRF51822, nRF51 Series Reference Manual v3.0 §5 (flash 0,
#     RAM 0x20000000, 16 KiB on the micro:bit); ID 31 has no peripheral.
# The STANDIN area is spare code memory holding the stand-in bootloader.
# Features: what the scenario table (tests/firmware/targets/qemu/scenarios.h)
# may need of the core: MAINLINE (ARMv7-M/ARMv8-M Mainline: BASEPRI,
# FAULTMASK, CCR traps), MPU (QEMU gives the M3/M4/M7/M33 models 8 regions;
# the nRF51's Cortex-M0 has none), UNPRIV (CONTROL.nPRIV; the Cortex-M0 has no
# unprivileged mode), FPU (the M4/M7/M33 models' FPv4/FPv5); "-" for none.
#
#  board            cpu        code base  size    standin    size    ram base   size     irqs spare features
set(STM32DFU_QEMU_BOARD_TABLE
  "netduinoplus2    cortex-m4  0x08000000 0x80000 0x08080000 0x10000 0x20000000 0x20000  96   81    MAINLINE,MPU,UNPRIV,FPU"
  "mps2-an385       cortex-m3  0x00000000 0x80000 0x00300000 0x10000 0x20000000 0x40000  32   31    MAINLINE,MPU,UNPRIV"
  "mps2-an500       cortex-m7  0x00000000 0x80000 0x00300000 0x10000 0x20000000 0x40000  32   31    MAINLINE,MPU,UNPRIV,FPU"
  "mps2-an505       cortex-m33 0x10000000 0x80000 0x10300000 0x10000 0x38000000 0x40000  124  95    MAINLINE,MPU,UNPRIV,FPU"
  "microbit         cortex-m0  0x00000000 0x30000 0x00030000 0x08000 0x20000000 0x04000  32   31    -"
)

# Sets STM32DFU_QEMU_BOARDS (every board) and, for each board b,
# STM32DFU_QEMU_<b>_{CPU,CODE_BASE,CODE_SIZE,STANDIN_BASE,STANDIN_SIZE,
# RAM_BASE,RAM_SIZE,IRQS,SPARE_IRQ,FEATURES} in the caller's scope (FEATURES
# as a list).
macro(stm32dfu_qemu_load_boards)
  set(STM32DFU_QEMU_BOARDS "")
  foreach(row IN LISTS STM32DFU_QEMU_BOARD_TABLE)
    string(REGEX REPLACE " +" ";" fields "${row}")
    list(GET fields 0 qemu_board_name)
    list(APPEND STM32DFU_QEMU_BOARDS ${qemu_board_name})
    set(qemu_field_index 1)
    foreach(key CPU CODE_BASE CODE_SIZE STANDIN_BASE STANDIN_SIZE RAM_BASE RAM_SIZE IRQS SPARE_IRQ
            FEATURES)
      list(GET fields ${qemu_field_index} STM32DFU_QEMU_${qemu_board_name}_${key})
      math(EXPR qemu_field_index "${qemu_field_index} + 1")
    endforeach()
    string(REPLACE "," ";" STM32DFU_QEMU_${qemu_board_name}_FEATURES
      "${STM32DFU_QEMU_${qemu_board_name}_FEATURES}")
  endforeach()
endmacro()
stm32dfu_qemu_load_boards()

# Writes <out>, the linker script of a QEMU image for <board> (image.ld.in),
# with the stm32dfu request slot (INCLUDE stm32dfu_noinit.ld, found through
# the link's -L firmware/ld, and the application's stack just below it), or
# with SEED without it (the seed image links no library). Used by
# qemu-image.cmake and by the consumer projects' tests (tests/firmware/consumer/).
function(stm32dfu_qemu_linker_script out board)
  cmake_parse_arguments(arg "SEED" "" "" ${ARGN})
  foreach(key CODE_BASE CODE_SIZE STANDIN_BASE STANDIN_SIZE RAM_BASE RAM_SIZE)
    set(QEMU_${key} ${STM32DFU_QEMU_${board}_${key}})
  endforeach()
  set(QEMU_BOARD ${board})
  if(arg_SEED)
    set(QEMU_LIBRARY_SECTIONS "/* The seed image links no stm32dfu library. */")
    set(QEMU_APP_STACK_TOP "ORIGIN(RAM) + LENGTH(RAM)")
  else()
    set(QEMU_LIBRARY_SECTIONS "INCLUDE stm32dfu_noinit.ld")
    set(QEMU_APP_STACK_TOP "stm32dfu_noinit_start")
  endif()
  configure_file(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/image.ld.in ${out} @ONLY)
endfunction()
