/* SPDX-License-Identifier: MIT */
/*
 * Example startup code: where stm32dfu_boot_check() goes. It runs first in
 * Reset_Handler, before .data/.bss initialisation, clocks, caches, the MPU or
 * an RTOS, so the ROM bootloader is entered from a state as close to reset as
 * possible (docs/research/device_side.md P1).
 */
#include <stdint.h>

#include "stm32dfu.h"

/* Linker symbols (stm32f405.ld and firmware/ld/stm32dfu_noinit.ld). */
extern uint32_t data_load[], data_start[], data_end[], bss_start[], bss_end[];
extern uint32_t stm32dfu_noinit_start[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);

void Reset_Handler(void)
{
    /* Enters the ROM (and does not return) if a request is pending. It needs
     * no initialised data: only the stack, which starts below the slot. */
    stm32dfu_boot_check();

    /* volatile: keeps the compiler from turning these loops into memcpy and
     * memset calls, which a -nostdlib image does not have. */
    volatile uint32_t *dst = data_start;
    for (const uint32_t *src = data_load; dst < data_end;) {
        *dst++ = *src++;
    }
    for (dst = bss_start; dst < bss_end;) {
        *dst++ = 0;
    }
    (void)main();
    for (;;) {
    }
}

void Default_Handler(void)
{
    for (;;) {
    }
}

void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

/* ARMv7-M vector table (DDI0403E B1.5.3): initial SP, then the handlers. */
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))stm32dfu_noinit_start, /* initial SP: just below the request slot */
    Reset_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    0,
    0,
    0,
    0,
    Default_Handler,
    Default_Handler,
    0,
    Default_Handler,
    SysTick_Handler,
};
