/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M system registers the QEMU test images touch, defined here so the
 * images need no CMSIS. The library under test defines its own copy; these
 * are the test's independent view of the same architectural registers.
 */
#ifndef QEMU_CORTEXM_H
#define QEMU_CORTEXM_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(addr))

/* Interrupt Controller Type Register: ARMv7-M ARM (DDI0403E.e) B3.4.3;
 * ARMv8-M ARM (DDI0553B.y) D1.2.110. ARMv6-M has none and one NVIC word. */
#define ICTR REG32(0xE000E004u)

/* SysTick: ARMv7-M ARM B3.3.2 Table B3-7; ARMv6-M ARM (DDI0419E) B3.3.2. */
#define SYST_CSR           REG32(0xE000E010u)
#define SYST_RVR           REG32(0xE000E014u)
#define SYST_CVR           REG32(0xE000E018u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)

/* NVIC: ARMv7-M ARM B3.4.2 Table B3-8 (ISER/ICER/ISPR/ICPR at 0x100/0x180/
 * 0x200/0x280 from 0xE000E000, one bit per IRQ, 32 IRQs per word). */
#define NVIC_ISER(n) REG32(0xE000E100u + 4u * (n))
#define NVIC_ICER(n) REG32(0xE000E180u + 4u * (n))
#define NVIC_ISPR(n) REG32(0xE000E200u + 4u * (n))
#define NVIC_ICPR(n) REG32(0xE000E280u + 4u * (n))
/* Interrupt priority words, four IRQs each (B3.4.9; word access only on
 * ARMv6-M, DDI0419E B3.4). */
#define NVIC_IPR(n) REG32(0xE000E400u + 4u * (n))

/* System Control Block: ARMv7-M ARM B3.2.2 Table B3-4. */
#define SCB_ICSR            REG32(0xE000ED04u)
#define SCB_VTOR            REG32(0xE000ED08u)
#define SCB_AIRCR           REG32(0xE000ED0Cu)
#define SCB_CPACR           REG32(0xE000ED88u)
#define SCB_SCR             REG32(0xE000ED10u)
#define SCB_CCR             REG32(0xE000ED14u)
#define SCB_SHPR1           REG32(0xE000ED18u)
#define SCB_SHPR2           REG32(0xE000ED1Cu)
#define SCB_SHPR3           REG32(0xE000ED20u)
#define SCB_SHCSR           REG32(0xE000ED24u)
#define SCB_ICSR_PENDSTSET  (1u << 26)
#define SCB_ICSR_PENDSVSET  (1u << 28)
#define SCB_ICSR_NMIPENDSET (1u << 31)
/* SCR SLEEPONEXIT | SLEEPDEEP | SEVONPEND (B3.2.7). */
#define SCB_SCR_ALL 0x16u
/* CCR (B3.2.8): NONBASETHRDENA 0 (ARMv7-M only; RES1 on ARMv8-M, DDI0553B
 * D1.2), USERSETMPEND 1, UNALIGN_TRP 3, DIV_0_TRP 4, BFHFNMIGN 8. */
#define SCB_CCR_NONBASETHRDENA (1u << 0)
#define SCB_CCR_USERSETMPEND   (1u << 1)
#define SCB_CCR_UNALIGN_TRP    (1u << 3)
#define SCB_CCR_DIV_0_TRP      (1u << 4)
#define SCB_CCR_BFHFNMIGN      (1u << 8)
#define SCB_CCR_TRAPS                                                                              \
    (SCB_CCR_USERSETMPEND | SCB_CCR_UNALIGN_TRP | SCB_CCR_DIV_0_TRP | SCB_CCR_BFHFNMIGN)
/* SHCSR MEMFAULTENA, BUSFAULTENA, USGFAULTENA (B3.2.12). */
#define SCB_SHCSR_ENABLES (7u << 16)
/* AIRCR.PRIGROUP (B3.2.6). */
#define SCB_AIRCR_PRIGROUP (7u << 8)
/* AIRCR writes need VECTKEY 0x05FA in bits 31:16; B3.2.6. */
#define SCB_AIRCR_SYSRESETREQ (0x05FA0000u | (1u << 2))
/* CPACR CP10/CP11 full access, B3.2.20; the FPU is off after reset. */
#define SCB_CPACR_FPU_FULL (0xFu << 20)
/* MPU: ARMv7-M ARM B3.5.5 (MPU_TYPE.DREGION, bits 15:8, 0 = no MPU) and
 * B3.5.6 (MPU_CTRL); ARMv8-M ARM D1.2.149/D1.2.147. ARMv6-M parts may have none. */
#define MPU_TYPE            REG32(0xE000ED90u)
#define MPU_CTRL            REG32(0xE000ED94u)
#define MPU_TYPE_DREGION    (0xFFu << 8)
#define MPU_CTRL_ENABLE     (1u << 0)
#define MPU_CTRL_HFNMIENA   (1u << 1)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
/* FPCCR.LSPACT: lazy FP state preservation pending, B3.2.23. */
#define FPCCR        REG32(0xE000EF34u)
#define FPCCR_LSPACT (1u << 0)

/* ARMv7-M/ARMv8-M Mainline: BASEPRI, FAULTMASK, the CCR traps, SHPR1,
 * SHCSR's fault enables, PRIGROUP. */
#define QEMU_MAINLINE (!__ARM_ARCH_6M__)

/* Number of 32-bit NVIC enable/pending words this core implements. */
static inline uint32_t cortexm_nvic_words(void)
{
#if __ARM_ARCH_6M__
    return 1u;
#else
    return (ICTR & 0xFu) + 1u;
#endif
}

/* MPU_CTRL, or 0 on a core without an MPU (its registers may fault). */
static inline uint32_t cortexm_mpu_ctrl(void)
{
    return (MPU_TYPE & MPU_TYPE_DREGION) != 0u ? MPU_CTRL : 0u;
}

static inline uint32_t cortexm_ipsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, ipsr" : "=r"(v));
    return v;
}

static inline uint32_t cortexm_control(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, control" : "=r"(v));
    return v;
}

static inline uint32_t cortexm_primask(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, primask" : "=r"(v));
    return v;
}

static inline void cortexm_irq_enable(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

static inline void cortexm_irq_disable(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}

/* UDF is undefined on every Cortex-M: a UsageFault, escalated to HardFault
 * while UsageFault is disabled as after reset (ARMv7-M ARM B1.5.8), or a
 * HardFault directly on ARMv6-M. */
static inline void cortexm_raise_hardfault(void)
{
    __asm__ volatile("udf #0" ::: "memory");
}

static inline uint32_t cortexm_basepri(void)
{
#if QEMU_MAINLINE
    uint32_t v;
    __asm__ volatile("mrs %0, basepri" : "=r"(v));
    return v;
#else
    return 0u; /* ARMv6-M has none */
#endif
}

static inline uint32_t cortexm_faultmask(void)
{
#if QEMU_MAINLINE
    uint32_t v;
    __asm__ volatile("mrs %0, faultmask" : "=r"(v));
    return v;
#else
    return 0u; /* ARMv6-M has none */
#endif
}

static inline void cortexm_barrier(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

#endif /* QEMU_CORTEXM_H */
