/* SPDX-License-Identifier: MIT */
/*
 * The few CMSIS names the seed's vJumpToDFU uses, defined here so its
 * transcription compiles unchanged without CMSIS. Layouts: ARMv7-M ARM
 * (DDI0403E.e) B3.3.2 (SysTick at 0xE000E010) and B3.4.2 (NVIC at 0xE000E100;
 * a Cortex-M4 CMSIS header declares ICER and ICPR as 8-word arrays).
 */
#ifndef SEED_CMSIS_NAMES_H
#define SEED_CMSIS_NAMES_H

#include <stdint.h>

typedef struct {
    volatile uint32_t CTRL, LOAD, VAL, CALIB;
} SysTick_Type;

typedef struct {
    volatile uint32_t ISER[8];
    uint32_t reserved0[24];
    volatile uint32_t ICER[8];
    uint32_t reserved1[24];
    volatile uint32_t ISPR[8];
    uint32_t reserved2[24];
    volatile uint32_t ICPR[8];
} NVIC_Type;

#define SysTick ((SysTick_Type *)0xE000E010u)
#define NVIC    ((NVIC_Type *)0xE000E100u)

static inline void __disable_irq(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}

static inline void __enable_irq(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

static inline void __set_MSP(uint32_t top_of_main_stack)
{
    __asm__ volatile("msr msp, %0" : : "r"(top_of_main_stack));
}

#endif /* SEED_CMSIS_NAMES_H */
