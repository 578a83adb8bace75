/* SPDX-License-Identifier: MIT */
/*
 * Private: the Cortex-M architectural registers the library touches, defined
 * here so that no CMSIS header is needed.
 *
 * Sources (the same addresses on every profile unless noted), cited by
 * chapter and register name:
 *  - ARMv6-M ARM, DDI0419: B3.2 System Control Space, B3.3 SysTick, B3.4 NVIC.
 *  - ARMv7-M ARM, DDI0403E: B3.2 System Control Space (ICTR, ICSR, VTOR,
 *    AIRCR, CCR, CPACR, the cache maintenance and FP registers), B3.3 SysTick,
 *    B3.4 NVIC, B3.5 PMSAv7 (the MPU).
 *  - ARMv8-M ARM, DDI0553: D1.2, the alphabetical register list (same names).
 */
#ifndef STM32DFU_CORTEXM_REGS_H
#define STM32DFU_CORTEXM_REGS_H

#include <stdbool.h>
#include <stdint.h>

#define CM_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* Profile features, from the compiler's ACLE architecture macros. */
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__)
#define CM_MAINLINE 1 /* BASEPRI, FAULTMASK, ICTR, ICSR.RETTOBASE */
#else
#define CM_MAINLINE 0 /* ARMv6-M and ARMv8-M Baseline */
#endif
#if defined(__ARM_ARCH_8M_MAIN__)
#define CM_HAS_STACK_LIMIT 1 /* MSPLIM/PSPLIM: DDI0553 B3 stack limit registers */
#else
#define CM_HAS_STACK_LIMIT 0
#endif
/* Only ARMv7E-M (M4, M7) and ARMv8-M Mainline (M33) cores can carry an FPU
 * or, on ARMv7-M, caches; which ones are present is read at run time. */
#if defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__)
#define CM_MAY_HAVE_FPU 1
#else
#define CM_MAY_HAVE_FPU 0
#endif
#if defined(__ARM_ARCH_7EM__)
#define CM_MAY_HAVE_CACHES 1
#else
#define CM_MAY_HAVE_CACHES 0
#endif

/* Interrupt Controller Type Register: INTLINESNUM[3:0] + 1 = implemented
 * ICER/ICPR words (DDI0403E B3.2 ICTR; DDI0553 D1.2 ICTR). Not on ARMv6-M. */
#define CM_ICTR             CM_REG(0xE000E004u)
#define CM_ICTR_INTLINESNUM 0xFu

/* SysTick Control and Status Register (DDI0419 B3.3, DDI0403E B3.3 SYST_CSR). */
#define CM_SYST_CSR CM_REG(0xE000E010u)

/* NVIC Interrupt Clear-Enable and Clear-Pending words (DDI0419 B3.4, DDI0403E
 * B3.4 NVIC_ICERn/NVIC_ICPRn): ARMv6-M has one word, ARMv7-M up to 16. */
#define CM_NVIC_ICER(n)   CM_REG(0xE000E180u + 4u * (n))
#define CM_NVIC_ICPR(n)   CM_REG(0xE000E280u + 4u * (n))
#define CM_NVIC_MAX_WORDS 16u

/* Interrupt Control and State Register (DDI0403E B3.2.4 ICSR). */
#define CM_ICSR           CM_REG(0xE000ED04u)
#define CM_ICSR_PENDSTCLR (1u << 25)
#define CM_ICSR_PENDSVCLR (1u << 27)
#define CM_ICSR_RETTOBASE (1u << 11) /* ARMv7-M/ARMv8-M Mainline only */

/* Vector Table Offset Register (DDI0403E B3.2.5 VTOR; optional on ARMv6-M,
 * DDI0419 B3.2). */
#define CM_VTOR CM_REG(0xE000ED08u)

/* Application Interrupt and Reset Control Register (DDI0403E B3.2.6 AIRCR;
 * DDI0553 D1.2 AIRCR). Writes need VECTKEY in bits 31:16, which read back as
 * VECTKEYSTAT; bits 2:0 are actions. PRIGROUP resets to 0 and does not exist
 * on ARMv6-M (DDI0419E B3.2 AIRCR). */
#define CM_AIRCR               CM_REG(0xE000ED0Cu)
#define CM_AIRCR_VECTKEY       (0x05FAu << 16)
#define CM_AIRCR_KEY_MASK      (0xFFFFu << 16)
#define CM_AIRCR_PRIGROUP_MASK (7u << 8)
#define CM_AIRCR_ACTIONS       7u
#define CM_AIRCR_SYSRESETREQ   (1u << 2)

/* System Control Register: SLEEPONEXIT, SLEEPDEEP, SEVONPEND (and SLEEPDEEPS on
 * ARMv8-M); reset value 0 on every profile (DDI0419E B3.2 SCR; DDI0403E B3.2.7
 * SCR; DDI0553 D1.2 SCR). */
#define CM_SCR CM_REG(0xE000ED10u)

/* Configuration and Control Register (DDI0403E B3.2.8 CCR; DDI0553 D1.2 CCR).
 * Read-only on ARMv6-M, where UNALIGN_TRP and STKALIGN read as one (DDI0419E
 * B3.2 CCR). The trap and ignore bits below reset to 0; NONBASETHRDENA too on
 * ARMv7-M, but it is RES1 on ARMv8-M, as is STKALIGN; STKALIGN's reset value
 * is IMPLEMENTATION DEFINED on ARMv7-M and it is left alone. */
#define CM_CCR                CM_REG(0xE000ED14u)
#define CM_CCR_NONBASETHRDENA (1u << 0) /* ARMv7-M only */
#define CM_CCR_USERSETMPEND   (1u << 1)
#define CM_CCR_UNALIGN_TRP    (1u << 3)
#define CM_CCR_DIV_0_TRP      (1u << 4)
#define CM_CCR_BFHFNMIGN      (1u << 8)
#define CM_CCR_STKOFHFNMIGN   (1u << 10) /* ARMv8-M Mainline only */
#define CM_CCR_DC             (1u << 16)
#define CM_CCR_IC             (1u << 17)

/* System Handler Priority Registers, reset value 0: SHPR1 (MemManage, BusFault,
 * UsageFault, SecureFault) on ARMv7-M/ARMv8-M Mainline only, SHPR2 (SVCall)
 * and SHPR3 (PendSV, SysTick) everywhere (DDI0419E B3.2 SHPR2/SHPR3; DDI0403E
 * B3.2.9-B3.2.11; DDI0553 D1.2 SHPR1-SHPR3). */
#define CM_SHPR1 CM_REG(0xE000ED18u)
#define CM_SHPR2 CM_REG(0xE000ED1Cu)
#define CM_SHPR3 CM_REG(0xE000ED20u)

/* System Handler Control and State Register: the fault enables, reset value 0
 * (DDI0403E B3.2.12 SHCSR: MEMFAULTENA 16, BUSFAULTENA 17, USGFAULTENA 18;
 * DDI0553 D1.2 SHCSR adds SECUREFAULTENA 19). ARMv6-M has no fault enables. */
#define CM_SHCSR               CM_REG(0xE000ED24u)
#define CM_SHCSR_FAULT_ENABLES (0xFu << 16)

/* NVIC Interrupt Priority Registers, four IRQs a word, reset value 0: eight
 * words on ARMv6-M (DDI0419E B3.4 NVIC_IPRn), 8 * (INTLINESNUM + 1) up to 124
 * on ARMv7-M/ARMv8-M (DDI0403E B3.4.9 NVIC_IPRn; DDI0553 D1.2 NVIC_IPRn). */
#define CM_NVIC_IPR(n)        CM_REG(0xE000E400u + 4u * (n))
#define CM_NVIC_IPR_MAX_WORDS 124u

/* Coprocessor Access Control Register, reset value 0 (DDI0403E B3.2 CPACR). */
#define CM_CPACR           CM_REG(0xE000ED88u)
#define CM_CPACR_CP10_CP11 (0xFu << 20)

/* MPU Type and Control (DDI0403E B3.5 MPU_TYPE/MPU_CTRL; DDI0419 B3.5).
 * DREGION = 0 means no MPU, and then MPU_CTRL is not written. */
#define CM_MPU_TYPE         CM_REG(0xE000ED90u)
#define CM_MPU_TYPE_DREGION (0xFFu << 8)
#define CM_MPU_CTRL         CM_REG(0xE000ED94u)

/* Cache identification and maintenance (DDI0403E B3.2: CCSIDR, CSSELR and the
 * cache maintenance operations; implemented by the Cortex-M7). */
#define CM_CCSIDR  CM_REG(0xE000ED80u)
#define CM_CSSELR  CM_REG(0xE000ED84u)
#define CM_ICIALLU CM_REG(0xE000EF50u)
#define CM_DCCMVAC CM_REG(0xE000EF68u)
#define CM_DCCISW  CM_REG(0xE000EF74u)

/* Floating-point Context Control Register: LSPACT = bit 0 (DDI0403E B3.2 FPCCR). */
#define CM_FPCCR        CM_REG(0xE000EF34u)
#define CM_FPCCR_LSPACT 1u

/* Barriers (DDI0403E A7.7: DSB, ISB). */
static inline void cm_dsb(void)
{
    __asm volatile("dsb 0xF" ::: "memory");
}

static inline void cm_isb(void)
{
    __asm volatile("isb 0xF" ::: "memory");
}

/* PRIMASK (DDI0403E B1.4.3 special-purpose mask registers): CPSID i. */
static inline void cm_disable_irq(void)
{
    __asm volatile("cpsid i" ::: "memory");
}

/* IPSR: the active exception number, 0 in thread mode (DDI0403E B1.4.2 xPSR). */
static inline uint32_t cm_ipsr(void)
{
    uint32_t v;
    __asm volatile("mrs %0, ipsr" : "=r"(v));
    return v;
}

/* CONTROL.nPRIV (bit 0): thread mode runs unprivileged, and the System Control
 * Space faults on its accesses (DDI0403E B1.4.4 CONTROL, B3.2.1; DDI0553 B3
 * CONTROL). Reads as 0 where unprivileged execution is not implemented
 * (Cortex-M0). Handler mode is always privileged. */
static inline bool cm_unprivileged(void)
{
    uint32_t control;
    __asm volatile("mrs %0, control" : "=r"(control));
    return cm_ipsr() == 0 && (control & 1u) != 0;
}

#if CM_MAINLINE
/* BASEPRI = 0 masks nothing (DDI0403E B1.4.3). */
static inline void cm_clear_basepri(void)
{
    __asm volatile("msr basepri, %0" ::"r"(0u) : "memory");
}
#endif

#endif /* STM32DFU_CORTEXM_REGS_H */
