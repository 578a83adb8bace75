/* SPDX-License-Identifier: MIT */
/*
 * A minimal application around the stm32dfu library, for the Unicorn tests
 * (tests/firmware/unicorn/). The harness resets into Reset_Handler like the
 * core does (SP and PC from this vector table), or calls one of the
 * unicorn_app_* entry points on a running "application" stack. Reaching
 * unicorn_app_main means the application booted normally.
 */
#include <stdint.h>

#include "stm32dfu.h"

extern uint32_t stm32dfu_noinit_start; /* the linker fragment's slot; the stack ends below it */

void Reset_Handler(void) __attribute__((noreturn));
void unicorn_app_main(void) __attribute__((noreturn, noinline));
void unicorn_app_jump(uint32_t *pair) __attribute__((noreturn, noinline));
void unicorn_app_request(void) __attribute__((noreturn, noinline));
void unicorn_app_request_unless_blocked(void) __attribute__((noreturn, noinline));

/* Word 0: initial SP, word 1: reset vector (DDI0403E B1.5.3). At 0x08000000,
 * so the seed's pair {0x20020000, 0x08000000} points at this table. */
__attribute__((section(".isr_vector"), used)) static const void *const vector_table[2] = {
    &stm32dfu_noinit_start, (const void *)Reset_Handler};

/* The application's main: a normal boot ends here. */
void unicorn_app_main(void)
{
    for (;;) {
    }
}

/* The documented startup order: the boot check runs before anything else. */
void Reset_Handler(void)
{
    stm32dfu_boot_check();
    unicorn_app_main();
}

/* Callers with live data in their frame, so a stack access after the stack
 * switch would show up as a store. */
void unicorn_app_jump(uint32_t *pair)
{
    volatile uint32_t live[4] = {1u, 2u, 3u, 4u};
    (void)live[0];
    vJumpToDFU(pair);
    unicorn_app_main(); /* returns only when called unprivileged */
}

void unicorn_app_request(void)
{
    volatile uint32_t live[4] = {1u, 2u, 3u, 4u};
    (void)live[0];
    stm32dfu_request_bootloader();
    unicorn_app_main(); /* returns only when called unprivileged */
}

/* The diagnostic use docs/firmware.md shows: ask first; if entry is blocked,
 * carry on (here: back to main, where a real application would report it). */
void unicorn_app_request_unless_blocked(void)
{
    if (stm32dfu_rom_entry_blocked()) {
        unicorn_app_main();
    }
    stm32dfu_request_bootloader();
    unicorn_app_main(); /* returns only when called unprivileged */
}
