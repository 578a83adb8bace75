/* SPDX-License-Identifier: MIT */
/*
 * Private, included first by every library source: no floating-point or SIMD
 * register may be used, whatever -mfloat-abi/-mfpu the build passes.
 * stm32dfu_boot_check() runs before the application has enabled the FPU
 * (CPACR is 0 after reset, DDI0403E B3.2.20), and vJumpToDFU() switches the
 * FPU off before its last steps, so one VLDR/VSTR there is a NOCP UsageFault
 * (GCC 12 at -O2 with a hard-float ABI moves 64-bit constants through d7).
 * GCC: general-regs-only (GCC manual, ARM Options: "-mgeneral-regs-only",
 * also as a target pragma). Clang has no such switch for 32-bit Arm; its code
 * for this library is checked instead (tests/firmware/no-fp/).
 */
#ifndef STM32DFU_FP_FREE_H
#define STM32DFU_FP_FREE_H

#if defined(__arm__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC target("general-regs-only")
#endif

#endif /* STM32DFU_FP_FREE_H */
