/* SPDX-License-Identifier: MIT */
/* The selected series' ROM address, remap, reset-cause gate and BFB2 guard
 * (stm32dfu_series.h, docs/research/device_side.md#p2, #p14, #p16). */
#include "fp_free.h"

#include "stm32dfu.h"
#include "stm32dfu_series_select.h"

#include "cortexm_regs.h"
#include "internal.h"
#include "vector_check.h"

#define ROW STM32DFU_SELECTED

const uint32_t *stm32dfu_rom_vector_table(void)
{
    return (const uint32_t *)(uintptr_t)ROW.entry;
}

bool stm32dfu_rom_table_valid(const uint32_t *table)
{
    const struct stm32dfu_bounds bounds = {(uint32_t)ROW.sysmem_base, (uint32_t)ROW.sysmem_end,
                                           (uint32_t)ROW.sram_base, (uint32_t)ROW.sram_end};
    return stm32dfu_rom_pair_valid(table[0], table[1], &bounds);
}

bool stm32dfu_reset_was_software(void)
{
    if (!STM32DFU_CHECK_RESET_CAUSE || ROW.rst_reg == 0) {
        return true;
    }
    return (CM_REG(ROW.rst_reg) & ROW.sftrst_mask) != 0;
}

bool stm32dfu_rom_entry_blocked(void)
{
    return STM32DFU_CHECK_BFB2 && ROW.bfb2_reg != 0 && (CM_REG(ROW.bfb2_reg) & ROW.bfb2_mask) != 0;
}

void stm32dfu_clear_reset_flags(void)
{
    if (STM32DFU_CHECK_RESET_CAUSE && ROW.rst_reg != 0) {
        CM_REG(ROW.rst_reg) |= 1u << ROW.rmvf_bit;
    }
}

void stm32dfu_map_rom(void)
{
    if (ROW.remap == STM32DFU_REMAP_SYSCFG) {
        if (ROW.clk_reg != 0) {
            CM_REG(ROW.clk_reg) |= 1u << ROW.clk_bit;
            (void)CM_REG(ROW.clk_reg); /* read back: the clock is on before SYSCFG is written */
        }
        uint32_t memrmp = CM_REG(ROW.remap_reg) & ~(uint32_t)ROW.remap_mask;
        CM_REG(ROW.remap_reg) = memrmp | STM32DFU_MEM_MODE_SYSTEM_FLASH;
    } else {
        CM_VTOR = (uint32_t)ROW.entry;
    }
    cm_dsb();
    cm_isb();
}
