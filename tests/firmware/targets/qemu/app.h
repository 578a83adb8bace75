/* SPDX-License-Identifier: MIT */
/*
 * The test application: brings up SysTick and a software-pended IRQ, then
 * runs one scenario of the table (scenarios.h) on one path, both chosen on
 * the semihosting command line as "<scenario>/<jump|request>".
 */
#ifndef QEMU_APP_H
#define QEMU_APP_H

#include <stdint.h>

#include "board.h"

/* Makes the spare IRQ run action (once per pend) from its handler. */
void app_on_spare_irq(void (*action)(void));

/* Makes the SysTick handler run action on its next run. */
void app_on_systick(void (*action)(void));

/* Prints "app: FAIL <why>" and ends the emulation with status 1. */
void app_fail(const char *why) __attribute__((noreturn));

/* The table the application hands over to: "the series' ROM" of the
 * library build (the stand-in's vectors, copied to the RAM table where the
 * image has one, so that scenarios can corrupt it). */
uint32_t *app_rom_table(void);

/* The seed's entry point, implemented by the library or by the seed's
 * transcription (seed/). */
void vJumpToDFU(uint32_t *pulMSP_PC);

/* Enters the bootloader on the scenario's path: vJumpToDFU(app_rom_table())
 * or stm32dfu_request_bootloader(). */
void app_enter(void) __attribute__((noreturn));

/* The entry call of the scenario's path alone, which returns only when the
 * library refuses to act (unprivileged caller). */
void app_enter_call(void);

#endif /* QEMU_APP_H */
