/* SPDX-License-Identifier: MIT */
/*
 * Tear-down for the direct jump: bring the core's interrupt, memory-protection
 * and FPU state back to what the ROM finds after a reset (docs/research/device_side.md#p7 to #p9).
 */
#include "fp_free.h"

#include "cortexm_regs.h"
#include "internal.h"

/* ARMv6-M has exactly one ICER/ICPR word (DDI0419E B3.4); ARMv7-M and ARMv8-M
 * implement INTLINESNUM + 1 of them (DDI0403E B3.2 ICTR, DDI0553 D1.2 ICTR). */
static uint32_t nvic_words(void)
{
#if CM_MAINLINE || defined(__ARM_ARCH_8M_BASE__)
    return (CM_ICTR & CM_ICTR_INTLINESNUM) + 1u;
#else
    return 1u;
#endif
}

/* Every implemented NVIC_IPRn word: four interrupts each. */
static uint32_t ipr_words(void)
{
    uint32_t words = 8u * nvic_words();
    return words < CM_NVIC_IPR_MAX_WORDS ? words : CM_NVIC_IPR_MAX_WORDS;
}

void stm32dfu_quiesce_interrupts(void)
{
#if CM_MAINLINE
    cm_clear_basepri();
#endif
    /* Stopping SysTick does not clear an already pending SysTick exception:
     * only ICSR.PENDSTCLR does (DDI0403E B3.2.4). */
    CM_SYST_CSR = 0;
    CM_ICSR = CM_ICSR_PENDSTCLR | CM_ICSR_PENDSVCLR;
    uint32_t words = nvic_words();
    for (uint32_t i = 0; i < words; i++) {
        CM_NVIC_ICER(i) = 0xFFFFFFFFu;
        CM_NVIC_ICPR(i) = 0xFFFFFFFFu;
    }
    uint32_t priorities = ipr_words();
    for (uint32_t i = 0; i < priorities; i++) {
        CM_NVIC_IPR(i) = 0;
    }
    cm_dsb();
    cm_isb();
}

static void mpu_disable(void)
{
    /* MPU_TYPE.DREGION = 0: no MPU, and MPU_CTRL is not implemented. */
    if ((CM_MPU_TYPE & CM_MPU_TYPE_DREGION) != 0) {
        CM_MPU_CTRL = 0;
    }
}

static void fpu_reset(void)
{
#if CM_MAY_HAVE_FPU
    /* CPACR.CP10/CP11 read as zero without an FPU (DDI0403E B3.2 CPACR); then
     * FPCCR does not exist either. A set LSPACT would make the ROM's first
     * exception stack FP state the ROM never enabled (trezor PR #4221). */
    if ((CM_CPACR & CM_CPACR_CP10_CP11) != 0) {
        CM_FPCCR &= ~CM_FPCCR_LSPACT;
        CM_CPACR = 0;
    }
#endif
}

/* The System Control Block registers an application configures, back to
 * their reset values (cortexm_regs.h cites the Arm ARM section of each):
 * with CCR.UNALIGN_TRP left set, one unaligned load in the ROM faults; with
 * SCR.SLEEPONEXIT set, the exception return out of a handler would sleep. */
static void scb_reset(void)
{
    CM_SCR = 0;
    CM_SHPR2 = 0;
    CM_SHPR3 = 0;
#if CM_MAINLINE
    uint32_t ccr_reset_bits =
        CM_CCR_USERSETMPEND | CM_CCR_UNALIGN_TRP | CM_CCR_DIV_0_TRP | CM_CCR_BFHFNMIGN;
#if CM_HAS_STACK_LIMIT
    ccr_reset_bits |= CM_CCR_STKOFHFNMIGN;
#else
    ccr_reset_bits |= CM_CCR_NONBASETHRDENA;
#endif
    CM_CCR &= ~ccr_reset_bits;
    CM_SHPR1 = 0;
    /* Read-modify-write: the active and pending bits must stay as they are. */
    CM_SHCSR &= ~CM_SHCSR_FAULT_ENABLES;
    uint32_t aircr = CM_AIRCR & ~(CM_AIRCR_KEY_MASK | CM_AIRCR_PRIGROUP_MASK | CM_AIRCR_ACTIONS);
    CM_AIRCR = CM_AIRCR_VECTKEY | aircr;
#endif
}

void stm32dfu_quiesce_core(void)
{
    scb_reset();
    stm32dfu_caches_disable();
    mpu_disable();
    fpu_reset();
    cm_dsb();
    cm_isb();
}
