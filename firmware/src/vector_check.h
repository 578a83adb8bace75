/* SPDX-License-Identifier: MIT */
/*
 * Private: plausibility checks on a {initial SP, reset vector} pair before any
 * branch to it (docs/research/device_side.md#p4). Pure logic, host-tested.
 */
#ifndef STM32DFU_VECTOR_CHECK_H
#define STM32DFU_VECTOR_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/** Where a ROM's initial SP and reset vector may point. */
struct stm32dfu_bounds {
    uint32_t sysmem_base; /**< lowest address of the ROM code */
    uint32_t sysmem_end;  /**< first address past the ROM code */
    uint32_t sram_base;   /**< an initial SP must lie above this */
    uint32_t sram_end;    /**< ... and at or below this (a full-descending stack) */
};

/**
 * The minimum any pair must meet to be branched to: a Thumb (odd) entry
 * point (DDI0403E B1.5.3: the reset vector's bit 0 must be 1) and a non-zero,
 * 8-byte-aligned stack pointer (AAPCS stack alignment at a public interface).
 */
bool stm32dfu_pair_plausible(uint32_t sp, uint32_t pc);

/** stm32dfu_pair_plausible() plus: SP inside SRAM, PC inside system memory. */
bool stm32dfu_rom_pair_valid(uint32_t sp, uint32_t pc, const struct stm32dfu_bounds *bounds);

#endif /* STM32DFU_VECTOR_CHECK_H */
