/* SPDX-License-Identifier: MIT */
/* Plausibility checks on a vector pair; see vector_check.h. */
#include "fp_free.h"

#include "vector_check.h"

bool stm32dfu_pair_plausible(uint32_t sp, uint32_t pc)
{
    return (pc & 1u) != 0 && sp != 0 && (sp & 7u) == 0;
}

bool stm32dfu_rom_pair_valid(uint32_t sp, uint32_t pc, const struct stm32dfu_bounds *bounds)
{
    uint32_t code = pc & ~1u;
    return stm32dfu_pair_plausible(sp, pc) && sp > bounds->sram_base && sp <= bounds->sram_end &&
           code >= bounds->sysmem_base && code < bounds->sysmem_end;
}
