/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for the STM32 ROM bootloader, placed at a spare address of the
 * test image with its own vector table (initial SP, odd reset vector). It
 * records the state it was entered with, checks it is the state a bootloader
 * may expect after a reset, reports over semihosting and ends the emulation
 * with status 0 (every check passed) or 1. When the mailbox asks for it
 * (scenario attempt-budget) it instead resets the chip each time, as a ROM
 * that misses its HSE detection does.
 */
#include <stdbool.h>
#include <stdint.h>

#include "cortexm.h"
#include "mailbox.h"
#include "semihost.h"
#include "standin.h"

#define STANDIN_TEXT __attribute__((section(".standin.text")))

/* Busy-wait iterations with interrupts enabled: long enough for a live
 * SysTick or a pending interrupt to be taken many times over. */
#define STANDIN_QUIET_WAIT 200000u

extern uint32_t standin_stack_top[];
void standin_entry(void);
static void standin_fault(void);
static void standin_stray(void);

/* Vector table layout: ARMv7-M ARM (DDI0403E.e) B1.5.3 Table B1-4. */
const standin_vector standin_vectors[16 + QEMU_BOARD_IRQS]
    __attribute__((section(".standin.vectors"), used)) = {
        [0] = (standin_vector)standin_stack_top,
        [1] = standin_entry,
        [2 ... 10] = standin_fault,
        [11 ... 15 + QEMU_BOARD_IRQS] = standin_stray,
};

/* Captures IPSR, CONTROL, MSP and the active SP before any compiled code can
 * change them, then continues in C on whatever stack is active. */
__attribute__((naked, section(".standin.text"))) void standin_entry(void)
{
    __asm__ volatile("mrs r0, ipsr\n\t"
                     "mrs r1, control\n\t"
                     "mrs r2, msp\n\t"
                     "mov r3, sp\n\t"
                     "b standin_main\n\t");
}

STANDIN_TEXT static void standin_fault(void)
{
    semihost_puts("standin: FAIL fault in the stand-in, ipsr=");
    semihost_put_hex(cortexm_ipsr());
    semihost_puts("\n");
    semihost_exit(1);
}

STANDIN_TEXT static void standin_stray(void)
{
    mailbox.standin_stray_interrupts++;
    /* Keep a stray SysTick or IRQ from firing again, so the wait ends and
     * the report shows the count (ARMv7-M ARM B3.4.4, ICER). */
    SYST_CSR = 0;
    uint32_t ipsr = cortexm_ipsr();
    if (ipsr >= 16u)
        NVIC_ICER((ipsr - 16u) / 32u) = 1u << ((ipsr - 16u) % 32u);
}

struct standin_state {
    uint32_t ipsr, control, msp, sp, primask, vtor, systick_csr, icsr, iser, ispr, fpccr, mpu_ctrl;
    uint32_t basepri, faultmask, scr, ccr, shpr, shcsr, ipr, aircr;
};

STANDIN_TEXT static uint32_t nvic_or(volatile uint32_t *word0)
{
    uint32_t all = 0;
    for (uint32_t i = 0; i < cortexm_nvic_words(); i++)
        all |= word0[i];
    return all;
}

STANDIN_TEXT static bool check(const char *name, bool ok, uint32_t seen)
{
    semihost_puts("standin: check ");
    semihost_puts(name);
    if (ok) {
        semihost_puts(" ok\n");
    } else {
        semihost_puts(" FAIL (saw ");
        semihost_put_hex(seen);
        semihost_puts(")\n");
    }
    return ok;
}

/* Where the library under test was told the ROM's table is: the stand-in's
 * own vectors, or their copy in the image's RAM table (QEMU_ROM_TABLE). */
STANDIN_TEXT static uint32_t standin_rom_table(void)
{
#ifdef QEMU_ROM_TABLE
    return QEMU_ROM_TABLE;
#else
    return (uint32_t)standin_vectors;
#endif
}

STANDIN_TEXT static void report_state(const struct standin_state *s)
{
    static const char *const names[] = {"ipsr",    "control", "msp",         "sp",
                                        "primask", "vtor",    "systick-csr", "icsr",
                                        "iser",    "ispr",    "fpccr",       "mpu-ctrl"};
    const uint32_t values[] = {s->ipsr,    s->control, s->msp,         s->sp,
                               s->primask, s->vtor,    s->systick_csr, s->icsr,
                               s->iser,    s->ispr,    s->fpccr,       s->mpu_ctrl};
    semihost_puts("standin: state");
    for (uint32_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        semihost_puts(" ");
        semihost_puts(names[i]);
        semihost_puts("=");
        semihost_put_hex(values[i]);
    }
    semihost_puts("\nstandin: info vtor-own-table ");
    semihost_puts(s->vtor == standin_rom_table() ? "yes\n" : "no\n");
}

/* OR of every implemented NVIC_IPRn word (8 per ISER word, B3.4.9). */
STANDIN_TEXT static uint32_t ipr_or(void)
{
    uint32_t all = 0;
    for (uint32_t i = 0; i < 8u * cortexm_nvic_words(); i++)
        all |= NVIC_IPR(i);
    return all;
}

/* The System Control Block registers a bootloader finds at their reset
 * values after a reset (issue 8 item 2; DDI0403E B3.2.6-B3.2.12, B3.4.9):
 * SCR 0, SHPR2/3 0, every NVIC priority 0; on ARMv7-M/ARMv8-M Mainline also
 * BASEPRI and FAULTMASK 0, CCR's trap and ignore bits 0, SHPR1 0, no fault
 * handler enabled in SHCSR, PRIGROUP 0. ARMv6-M has none of the latter (its
 * CCR is read-only). */
STANDIN_TEXT static bool check_scb_state(const struct standin_state *s)
{
    bool ok = check("scr-zero", s->scr == 0u, s->scr);
    ok &= check("shpr-zero", s->shpr == 0u, s->shpr);
    ok &= check("nvic-priorities-zero", s->ipr == 0u, s->ipr);
#if QEMU_MAINLINE
    uint32_t traps = SCB_CCR_TRAPS;
#if !__ARM_ARCH_8M_MAIN__
    traps |= SCB_CCR_NONBASETHRDENA;
#endif
    ok &= check("basepri-zero", s->basepri == 0u, s->basepri);
    ok &= check("faultmask-zero", s->faultmask == 0u, s->faultmask);
    ok &= check("ccr-traps-clear", (s->ccr & traps) == 0u, s->ccr);
    ok &= check("shcsr-faults-disabled", (s->shcsr & SCB_SHCSR_ENABLES) == 0u, s->shcsr);
    ok &= check("prigroup-zero", (s->aircr & SCB_AIRCR_PRIGROUP) == 0u, s->aircr);
#endif
    return ok;
}

/* A bootloader may load a word from any address (the ROM's own code did,
 * with UNALIGN_TRP left set by an application, and locked up): with the trap
 * set this faults into standin_fault. ARMv6-M always traps (DDI0419E A3.2),
 * so its ROM never does it. */
STANDIN_TEXT static bool check_unaligned_load(void)
{
#if QEMU_MAINLINE
    static const volatile uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint32_t word;
    __asm__ volatile("ldr %0, [%1]" : "=r"(word) : "r"(&bytes[1]) : "memory");
    return check("unaligned-load", word == 0x05040302u, word);
#else
    return true;
#endif
}

STANDIN_TEXT static bool check_entry_state(const struct standin_state *s)
{
    const uint32_t initial_sp = (uint32_t)standin_stack_top;
    bool ok = true;
    ok &= check("thread-mode", s->ipsr == 0u, s->ipsr);
    ok &= check("msp-active", (s->control & 2u) == 0u, s->control);
    ok &= check("sp-is-initial-sp", s->msp == initial_sp && s->sp == initial_sp, s->sp);
    ok &= check("control-zero", s->control == 0u, s->control);
    ok &= check("systick-off", (s->systick_csr & SYST_CSR_ENABLE) == 0u, s->systick_csr);
    ok &= check("systick-not-pending", (s->icsr & SCB_ICSR_PENDSTSET) == 0u, s->icsr);
    ok &= check("nvic-none-enabled", s->iser == 0u, s->iser);
    ok &= check("nvic-none-pending", s->ispr == 0u, s->ispr);
    ok &= check("fp-lazy-state-clear", (s->fpccr & FPCCR_LSPACT) == 0u, s->fpccr);
    ok &= check("mpu-off", (s->mpu_ctrl & MPU_CTRL_ENABLE) == 0u, s->mpu_ctrl);
    return ok;
}

/* Enables interrupts as a bootloader does and waits: anything the
 * application left enabled or pending fires now. */
STANDIN_TEXT static bool check_quiet_with_interrupts_on(void)
{
    cortexm_irq_enable();
    for (volatile uint32_t i = 0; i < STANDIN_QUIET_WAIT; i++)
        ;
    bool ok = check("no-app-handler-after-teardown", mailbox.app_runs_after_teardown == 0u,
                    mailbox.app_runs_after_teardown);
    ok &= check("no-interrupt-after-cpsie", mailbox.standin_stray_interrupts == 0u,
                mailbox.standin_stray_interrupts);
    return ok;
}

STANDIN_TEXT __attribute__((used, noreturn)) void standin_main(uint32_t ipsr, uint32_t control,
                                                               uint32_t msp, uint32_t sp)
{
    const struct standin_state s = {
        .ipsr = ipsr,
        .control = control,
        .msp = msp,
        .sp = sp,
        .primask = cortexm_primask(),
        .vtor = SCB_VTOR,
        .systick_csr = SYST_CSR,
        .icsr = SCB_ICSR,
        .iser = nvic_or(&NVIC_ISER(0)),
        .ispr = nvic_or(&NVIC_ISPR(0)),
        .mpu_ctrl = cortexm_mpu_ctrl(),
        .basepri = cortexm_basepri(),
        .faultmask = cortexm_faultmask(),
        .scr = SCB_SCR,
        .ccr = SCB_CCR,
#if QEMU_MAINLINE
        .shpr = SCB_SHPR1 | SCB_SHPR2 | SCB_SHPR3,
#else
        .shpr = SCB_SHPR2 | SCB_SHPR3, /* no SHPR1 on ARMv6-M */
#endif
        .shcsr = SCB_SHCSR,
        .ipr = ipr_or(),
        .aircr = SCB_AIRCR,
#if __ARM_FP
        .fpccr = FPCCR,
#else
        .fpccr = 0u,                   /* no FPU, so no lazy FP state */
#endif
    };
    mailbox.handovers++;
    semihost_puts("standin: bootloader at ");
    semihost_put_hex((uint32_t)standin_vectors);
    semihost_puts(" entered, hand-over ");
    semihost_put_dec(mailbox.handovers);
    semihost_puts("\n");
    report_state(&s);
    bool ok = check_entry_state(&s);
    ok &= check_scb_state(&s);
    ok &= check_unaligned_load();
    ok &= check_quiet_with_interrupts_on();
    semihost_puts(ok ? "standin: verdict pass\n" : "standin: verdict FAIL\n");
    if (ok && mailbox.standin_resets) {
        semihost_puts("standin: resetting the chip, as a ROM that gives up does\n");
        SCB_AIRCR = SCB_AIRCR_SYSRESETREQ;
        for (;;)
            ;
    }
    semihost_exit(ok ? 0u : 1u);
}
