# SPDX-License-Identifier: MIT
# stm32dfu_qemu_add_image(<target> <board> [SEED] [ROM_TABLE_IN_RAM] [OPT <flag>]
#                         SOURCES <app sources...>)
#
# Builds <target>.elf for a QEMU board of boards.cmake: the application
# sources plus this folder's board support (startup, the stand-in bootloader,
# the mailbox, semihosting), linked with the board's memory map. The
# image links the stm32dfu library configured as the CUSTOM series whose
# "system memory" is the stand-in; SEED links neither the library nor the
# boot check (the seed's own vJumpToDFU is among the sources).
# ROM_TABLE_IN_RAM: the library's ROM table (STM32DFU_CUSTOM_ENTRY) is the
# first KiB of RAM, which the application fills from the stand-in's vectors
# and which survives resets, so that tests can corrupt it. OPT: the
# optimisation flag of the image and its library (default: the build's -Os).
include(${CMAKE_CURRENT_LIST_DIR}/boards.cmake)
set(STM32DFU_QEMU_IMAGE_DIR ${CMAKE_CURRENT_LIST_DIR})

function(stm32dfu_qemu_add_image target board)
  cmake_parse_arguments(arg "SEED;ROM_TABLE_IN_RAM" "OPT" "SOURCES" ${ARGN})
  set(dir ${STM32DFU_QEMU_IMAGE_DIR})
  foreach(key STANDIN_BASE STANDIN_SIZE RAM_BASE RAM_SIZE IRQS SPARE_IRQ)
    set(QEMU_${key} ${STM32DFU_QEMU_${board}_${key}})
  endforeach()
  set(seed)
  if(arg_SEED)
    set(seed SEED)
  endif()
  set(ld ${CMAKE_CURRENT_BINARY_DIR}/${target}.ld)
  stm32dfu_qemu_linker_script(${ld} ${board} ${seed})

  add_executable(${target} ${arg_SOURCES}
    ${dir}/startup.c ${dir}/board.c ${dir}/semihost.c ${dir}/standin.c ${dir}/mailbox.c)
  set_target_properties(${target} PROPERTIES SUFFIX ".elf" LINK_DEPENDS ${ld})
  target_include_directories(${target} PRIVATE ${dir} ${PROJECT_SOURCE_DIR}/firmware/include)
  target_compile_definitions(${target} PRIVATE
    QEMU_BOARD_NAME="${board}" QEMU_BOARD_IRQS=${QEMU_IRQS} QEMU_SPARE_IRQ=${QEMU_SPARE_IRQ})
  set(entry ${QEMU_STANDIN_BASE})
  set(lib stm32dfu-qemu-${board})
  if(arg_ROM_TABLE_IN_RAM)
    set(entry ${QEMU_RAM_BASE})
    target_compile_definitions(${target} PRIVATE QEMU_ROM_TABLE=${QEMU_RAM_BASE})
    set(lib ${lib}-ramtable)
  endif()
  if(arg_OPT)
    # After the build's -Os, so this one wins.
    target_compile_options(${target} PRIVATE ${arg_OPT})
    set(lib ${lib}${arg_OPT})
  endif()
  target_link_options(${target} PRIVATE
    -T ${ld} -L${STM32DFU_FIRMWARE_LD_DIR})
  # Division helpers for semihost_put_dec on cores without a divide instruction.
  target_link_libraries(${target} PRIVATE gcc)

  if(arg_SEED)
    target_compile_definitions(${target} PRIVATE QEMU_SEED_IMAGE)
  else()
    if(NOT TARGET ${lib})
      stm32dfu_firmware_library(${lib}
        STM32DFU_SERIES_CUSTOM=1
        STM32DFU_CUSTOM_ENTRY=${entry}
        STM32DFU_CUSTOM_SYSMEM_BASE=${QEMU_STANDIN_BASE}
        STM32DFU_CUSTOM_SYSMEM_SIZE=${QEMU_STANDIN_SIZE}
        STM32DFU_CUSTOM_SRAM_BASE=${QEMU_RAM_BASE}
        STM32DFU_CUSTOM_SRAM_SIZE=${QEMU_RAM_SIZE})
      if(arg_OPT)
        target_compile_options(${lib} PRIVATE ${arg_OPT})
      endif()
    endif()
    target_link_libraries(${target} PRIVATE ${lib})
  endif()
endfunction()
