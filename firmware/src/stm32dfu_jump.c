/* SPDX-License-Identifier: MIT */
/* vJumpToDFU: the seed's direct jump, made correct (docs/research/device_side.md#p7 to #p10). */
#include "fp_free.h"

#include "stm32dfu.h"

#include "cortexm_regs.h"
#include "internal.h"
#include "vector_check.h"

/* In handler mode: true if one exception return reaches thread mode, i.e. no
 * other exception is active (DDI0403E B3.2.4 ICSR.RETTOBASE). ARMv6-M cannot
 * tell (DDI0419E has no RETTOBASE), so there a handler never takes the
 * exception-return escape. */
static bool handler_can_return_to_thread(void)
{
#if CM_MAINLINE
    return (CM_ICSR & CM_ICSR_RETTOBASE) != 0;
#else
    return false;
#endif
}

/* The configured series' ROM table gets the boot check's full validation;
 * any other pair (your own bootloader) only the minimum. */
static bool pair_valid(const uint32_t *pair, bool rom)
{
    return rom ? stm32dfu_rom_table_valid(pair) : stm32dfu_pair_plausible(pair[0], pair[1]);
}

void vJumpToDFU(uint32_t *pulMSP_PC)
{
    if (cm_unprivileged()) {
        return; /* the System Control Space would fault: change nothing */
    }
    cm_disable_irq();
    bool rom = pulMSP_PC == stm32dfu_rom_vector_table();
    if (!pair_valid(pulMSP_PC, rom) || (rom && stm32dfu_rom_entry_blocked())) {
        /* An invalid pair (e.g. the seed's {0x20020000, 0x08000000}, PC even)
         * is never branched to; with BFB2 set the ROM would start a flash bank
         * from this dirty state (docs/research/device_side.md#p14). A reset restarts the
         * application cleanly. */
        stm32dfu_system_reset();
    }
    if (cm_ipsr() != 0 && !handler_can_return_to_thread()) {
        /* Cannot leave every active exception: take the reset path instead. */
        stm32dfu_request_privileged();
    }
    stm32dfu_quiesce_interrupts();
    stm32dfu_quiesce_core();
    if (rom) {
        /* The series' ROM relies on finding its own vector table, as after a
         * BOOT0 boot (docs/research/device_side.md#p16); the needs of any other pair are unknown.
         */
        stm32dfu_map_rom();
    }
    if (cm_ipsr() == 0) {
        stm32dfu_handover(pulMSP_PC);
    }
    stm32dfu_handover_from_handler(pulMSP_PC);
}
