/* SPDX-License-Identifier: MIT */
/* stm32dfu_boot_check: the robust path's second half, first thing after reset. */
#include "fp_free.h"

#include "stm32dfu.h"

#include "internal.h"

void stm32dfu_boot_check(void)
{
    volatile struct stm32dfu_record *record = &stm32dfu_request_slot;
    if (!stm32dfu_record_valid(record) || !stm32dfu_reset_was_software() ||
        stm32dfu_rom_entry_blocked()) {
        /* Power-on noise, a stale request, or BFB2 set (the ROM would start a
         * flash bank at once, docs/research/device_side.md#p14). */
        stm32dfu_record_clear(record);
        return;
    }
    if (!stm32dfu_record_take_attempt(record, STM32DFU_BOOT_ATTEMPTS)) {
        return; /* budget spent: the ROM kept resetting; boot the application */
    }
    const uint32_t *table = stm32dfu_rom_vector_table();
    if (!stm32dfu_rom_table_valid(table)) {
        stm32dfu_record_clear(record);
        return;
    }
    /* Without the flags a later ':leave' jump from the ROM (no reset) reads as
     * a non-software reset and boots the application (docs/research/device_side.md#p15). */
    stm32dfu_clear_reset_flags();
    stm32dfu_map_rom();
    stm32dfu_handover(table);
}
