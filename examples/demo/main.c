/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu demo: an application asks for the ROM bootloader from an
 * interrupt handler, as a USB stack does when the host sends DFU_DETACH.
 * stm32dfu_request_bootloader() records the request and resets the chip;
 * Reset_Handler's first call, stm32dfu_boot_check(), finds the request and
 * hands over to the bootloader before anything else runs.
 *
 * Runs on QEMU's netduinoplus2 (STM32F405) through scripts/demo.sh; it
 * prints over semihosting, and the stand-in bootloader at the end of the
 * image plays the ROM's part.
 */
#include <stdint.h>

#include "board.h"
#include "cortexm.h"
#include "mailbox.h"
#include "semihost.h"
#include "stm32dfu.h"

#ifndef DEMO_APP_VERSION
#define DEMO_APP_VERSION "1.1.0"
#endif

/* Early in flash (the image's first 4 KiB) so the simulated board's
 * application mode can report the running version, as stm32dfu-sim does. */
static const char app_version[] = "APPVERSION=" DEMO_APP_VERSION;

/* SysTick period in core clock cycles. */
#define SYSTICK_RELOAD 16800u

static volatile uint32_t ticks;

void app_systick_handler(void)
{
    mailbox_note_app_handler();
    ticks++;
}

/* Stands in for the USB interrupt that receives DFU_DETACH. */
void app_spare_irq_handler(void)
{
    mailbox_note_app_handler();
    semihost_puts("demo: [USB IRQ] DFU_DETACH received: requesting the ROM bootloader;\n"
                  "demo: [USB IRQ] stm32dfu_request_bootloader() records the request and resets "
                  "the chip\n");
    mailbox.teardown_began = 1;
    stm32dfu_request_bootloader();
}

static void start_systick(void)
{
    board_start_systick(SYSTICK_RELOAD);
    cortexm_irq_enable();
    while (ticks < 10u)
        ;
    semihost_puts("demo: SysTick live, ");
    semihost_put_dec(ticks);
    semihost_puts(" ticks so far\n");
}

void app_main(void)
{
    if (mailbox.magic == MAILBOX_MAGIC && mailbox.reset_requested)
        board_fail("demo", "the application booted again: stm32dfu_boot_check() did not hand over");
    mailbox_start('D');
    mailbox.reset_requested = 1;

    semihost_puts("demo: application ");
    semihost_puts(app_version + sizeof("APPVERSION=") - 1);
    semihost_puts(" running on " QEMU_BOARD_NAME " (STM32F405, Cortex-M4)\n");
    start_systick();
    semihost_puts("demo: the ROM bootloader for this build is at ");
    semihost_put_hex((uint32_t)stm32dfu_rom_vector_table());
    semihost_puts("\n");
    board_enable_spare_irq();
    board_pend_spare_irq();
    board_fail("demo", "stm32dfu_request_bootloader() returned");
}
