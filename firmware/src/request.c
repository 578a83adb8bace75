/* stm32dfu_request_bootloader: the robust path's first half (research P1-P2). */
#include "stm32dfu.h"

#include "cortexm_regs.h"
#include "internal.h"

void stm32dfu_request_bootloader(void)
{
    cm_disable_irq();
    stm32dfu_record_arm(&stm32dfu_request_slot);
    /* A write-back D-cache (Cortex-M7) would lose the record at reset
     * (Klipper PR #5936); stm32dfu_system_reset() issues the DSB. */
    stm32dfu_dcache_clean_range(&stm32dfu_request_slot, sizeof stm32dfu_request_slot);
    stm32dfu_system_reset();
}
