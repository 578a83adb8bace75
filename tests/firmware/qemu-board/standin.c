/*
 * A stand-in for the STM32 ROM bootloader, placed at a spare address of the
 * test image with its own vector table (initial SP, odd reset vector). It
 * records the state it was entered with, checks it is the state a bootloader
 * may expect after a reset, reports over semihosting and ends the emulation
 * with status 0 (every check passed) or 1. In scenario 'f' it instead resets
 * the chip each time, as a ROM that misses its HSE detection does.
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
    semihost_puts(s->vtor == (uint32_t)standin_vectors ? "yes\n" : "no\n");
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
#if __ARM_FP
        .fpccr = FPCCR,
#else
        .fpccr = 0u, /* no FPU, so no lazy FP state */
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
    ok &= check_quiet_with_interrupts_on();
    semihost_puts(ok ? "standin: verdict pass\n" : "standin: verdict FAIL\n");
    if (ok && mailbox.scenario == 'f') {
        semihost_puts("standin: resetting the chip, as a ROM that gives up does\n");
        SCB_AIRCR = SCB_AIRCR_SYSRESETREQ;
        for (;;)
            ;
    }
    semihost_exit(ok ? 0u : 1u);
}
