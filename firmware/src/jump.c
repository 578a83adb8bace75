/* vJumpToDFU: the seed's direct jump, made correct (research P7-P10). */
#include "stm32dfu.h"

#include "cortexm_regs.h"
#include "internal.h"
#include "vector_check.h"

/* True in a handler that pre-empted another active exception: one exception
 * return cannot reach thread mode then (DDI0403E B3.2.4 RETTOBASE). ARMv6-M
 * cannot tell, so there the caller must not be nested. */
static bool nested_handler(void)
{
#if CM_MAINLINE
    return (CM_ICSR & CM_ICSR_RETTOBASE) == 0;
#else
    return false;
#endif
}

void vJumpToDFU(uint32_t *pulMSP_PC)
{
    cm_disable_irq();
    if (!stm32dfu_pair_plausible(pulMSP_PC[0], pulMSP_PC[1])) {
        /* e.g. the seed's {0x20020000, 0x08000000}: PC even. Never branch. */
        stm32dfu_system_reset();
    }
    if (pulMSP_PC == stm32dfu_rom_vector_table() && stm32dfu_rom_entry_blocked()) {
        /* BFB2 set: the ROM would start a flash bank from this dirty state;
         * a reset reaches the same application cleanly (research P14). */
        stm32dfu_system_reset();
    }
    stm32dfu_quiesce_interrupts();
    stm32dfu_quiesce_core();
    if (pulMSP_PC == stm32dfu_rom_vector_table()) {
        /* The series' ROM relies on finding its own vector table, as after a
         * BOOT0 boot (research P16); the needs of any other pair are unknown. */
        stm32dfu_map_rom();
    }
    if (cm_ipsr() == 0) {
        stm32dfu_handover(pulMSP_PC);
    }
    if (nested_handler()) {
        /* Cannot leave every active exception: take the reset path instead. */
        stm32dfu_request_bootloader();
    }
    stm32dfu_handover_from_handler(pulMSP_PC);
}
