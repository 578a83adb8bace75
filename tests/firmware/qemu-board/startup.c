/* SPDX-License-Identifier: MIT */
/*
 * Vector table and Reset_Handler of the QEMU test images. The library image
 * calls stm32dfu_boot_check() first thing, before .data/.bss are set up, as
 * the library asks; the seed image (QEMU_SEED_IMAGE) has no boot check. The
 * demo (QEMU_NARRATE_BOOT) says so on the console.
 */
#include <stdint.h>

#include "board.h"
#include "cortexm.h"
#include "semihost.h"
#ifndef QEMU_SEED_IMAGE
#include "stm32dfu.h"
#endif

typedef void (*vector)(void);

/* Linker-script symbols (image.ld.in). */
extern uint32_t app_stack_top[];
extern uint32_t data_start[], data_end[], data_load[], bss_start[], bss_end[];

void Reset_Handler(void);
static void unexpected_exception(void);
static void irq_dispatch(void);
static void hardfault_dispatch(void);
static void nmi_dispatch(void);
static void svc_dispatch(void);

/* ARMv7-M ARM (DDI0403E.e) B1.5.3 Table B1-4; ARMv6-M uses the same slots. */
const vector app_vectors[16 + QEMU_BOARD_IRQS] __attribute__((section(".vectors"), used)) = {
    [0] = (vector)app_stack_top,
    [1] = Reset_Handler,
    [2] = nmi_dispatch,
    [3] = hardfault_dispatch,
    [4 ... 10] = unexpected_exception,
    [11] = svc_dispatch,
    [12 ... 14] = unexpected_exception,
    [15] = app_systick_handler,
    [16 ... 15 + QEMU_BOARD_IRQS] = irq_dispatch,
};

static void unexpected_exception(void)
{
    semihost_puts("app: FAIL unexpected exception, ipsr=");
    semihost_put_hex(cortexm_ipsr());
    semihost_puts("\n");
    semihost_exit(1);
}

/* A HardFault, NMI or SVC is expected only where a scenario installed an
 * action. */
static void hardfault_dispatch(void)
{
    if (board_hardfault_action)
        board_hardfault_action();
    unexpected_exception();
}

static void nmi_dispatch(void)
{
    if (board_nmi_action)
        board_nmi_action();
    unexpected_exception();
}

static void svc_dispatch(void)
{
    if (board_svc_action)
        board_svc_action();
    unexpected_exception();
}

/* Only the spare IRQ, which nothing but software pends, is expected. */
static void irq_dispatch(void)
{
    if (cortexm_ipsr() == 16u + QEMU_SPARE_IRQ)
        app_spare_irq_handler();
    else
        unexpected_exception();
}

static void init_memory(void)
{
    for (uint32_t *src = data_load, *dst = data_start; dst < data_end;)
        *dst++ = *src++;
    for (uint32_t *dst = bss_start; dst < bss_end;)
        *dst++ = 0;
}

void Reset_Handler(void)
{
#ifdef QEMU_NARRATE_BOOT
    semihost_puts("boot: Reset_Handler calls stm32dfu_boot_check() before .data/.bss, clocks "
                  "and caches\n");
#endif
#ifndef QEMU_SEED_IMAGE
    stm32dfu_boot_check();
#endif
#if __ARM_FP
    /* The FPU is disabled after reset; the PSP task uses it so that
     * CONTROL.FPCA is set when it hands over. */
    SCB_CPACR |= SCB_CPACR_FPU_FULL;
    cortexm_barrier();
#endif
    init_memory();
    app_main();
}
