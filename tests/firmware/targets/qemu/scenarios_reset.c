/*
 * Scenarios e, f and j: the robust path. An IRQ handler (the HardFault handler
 * in j) calls stm32dfu_request_bootloader(), the chip resets (QEMU: a machine
 * reset, RAM kept), and stm32dfu_boot_check() in Reset_Handler hands over. In
 * f the stand-in resets every time; the attempt budget must end the loop.
 * After scenario g (scenarios_jump.c) the application boots again by design.
 */
#include <stdint.h>

#include "app.h"
#include "cortexm.h"
#include "mailbox.h"
#include "semihost.h"
#include "stm32dfu.h"

static void request_from_handler(void)
{
    mailbox.teardown_began = 1;
    stm32dfu_request_bootloader();
}

void scenario_request_reset(void)
{
    mailbox.reset_requested = 1;
    app_on_spare_irq(request_from_handler);
    board_pend_spare_irq();
}

void scenario_request_from_fault(void)
{
    mailbox.reset_requested = 1;
    board_hardfault_action = request_from_handler;
    cortexm_raise_hardfault();
}

void scenario_after_reset(void)
{
    if (mailbox.scenario == 'g') {
        semihost_puts("app: restarted: vJumpToDFU refused the pair and reset the chip\n");
        semihost_exit(mailbox.handovers == 0u ? 0u : 1u);
    }
    if (mailbox.scenario != 'f')
        app_fail("the application booted again after the request: the boot check did not hand "
                 "over (was the request record lost in the reset?)");
    semihost_puts("app: booted normally after ");
    semihost_put_dec(mailbox.handovers);
    semihost_puts(" hand-overs, attempt budget ");
    semihost_put_dec(STM32DFU_BOOT_ATTEMPTS);
    semihost_puts("\n");
    semihost_exit(mailbox.handovers == STM32DFU_BOOT_ATTEMPTS ? 0u : 1u);
}
