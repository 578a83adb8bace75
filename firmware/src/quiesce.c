/*
 * Tear-down for the direct jump: bring the core's interrupt, memory-protection
 * and FPU state back to what the ROM finds after a reset (research P7-P9).
 */
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

void stm32dfu_quiesce_core(void)
{
    stm32dfu_caches_disable();
    mpu_disable();
    fpu_reset();
    cm_dsb();
    cm_isb();
}
