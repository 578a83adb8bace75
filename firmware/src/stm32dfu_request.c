/* SPDX-License-Identifier: MIT */
/* stm32dfu_request_bootloader: the robust path's first half (docs/research/device_side.md#p1,
 * #p2). */
#include "fp_free.h"

#include "stm32dfu.h"

#include "cortexm_regs.h"
#include "internal.h"

void stm32dfu_request_bootloader(void)
{
    if (cm_unprivileged()) {
        /* AIRCR would fault after the record was written, and most fault
         * handlers reset: the stale record would then enter the ROM. Return
         * with nothing written; the caller goes through an SVC. */
        return;
    }
    stm32dfu_request_privileged();
}

void stm32dfu_request_privileged(void)
{
    cm_disable_irq();
    stm32dfu_record_arm(&stm32dfu_request_slot);
    /* A write-back D-cache (Cortex-M7) would lose the record at reset
     * (Klipper PR #5936); stm32dfu_system_reset() issues the DSB. */
    stm32dfu_dcache_clean_range(&stm32dfu_request_slot, sizeof stm32dfu_request_slot);
    stm32dfu_system_reset();
}
