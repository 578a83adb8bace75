/* SPDX-License-Identifier: MIT */
/*
 * The hand-over itself, in assembly. Both functions are naked: once MSP has
 * changed, any stack access the compiler might generate (a spill, a frame
 * pointer, a call) would use the wrong stack (docs/research/device_side.md#p10: MicroPython
 * e1e3704aa1, am32 PR #68).
 */
#include "fp_free.h"

#include "cortexm_regs.h"
#include "internal.h"

/* r0 = table. CONTROL = 0 selects MSP, privileged, FPCA clear (DDI0403E
 * B1.4.4); ISB makes the stack switch visible (B3.2 note on CONTROL writes).
 * On ARMv8-M Mainline the stack limits go too, or the ROM's stack could trip
 * MSPLIM (DDI0553 B3, stack limit checks). Interrupts are re-enabled only here, after all
 * tear-down: the ROM starts as after a reset, with PRIMASK clear. */
__attribute__((naked, noreturn)) void stm32dfu_handover(__attribute__((unused))
                                                        const uint32_t *table)
{
    __asm volatile(".syntax unified\n\t"
                   "movs r1, #0\n\t"
                   "msr control, r1\n\t"
                   "isb\n\t"
#if CM_HAS_STACK_LIMIT
                   "msr msplim, r1\n\t"
                   "msr psplim, r1\n\t"
#endif
                   "ldr r1, [r0, #0]\n\t"
                   "ldr r2, [r0, #4]\n\t"
                   "msr msp, r1\n\t"
                   "isb\n\t"
#if CM_MAINLINE
                   "cpsie f\n\t"
#endif
                   "cpsie i\n\t"
                   "bx r2\n\t");
}

/* r0 = table. Builds an 8-word exception frame (DDI0403E B1.5.6, Figure B1-3)
 * on an 8-byte-aligned MSP: stacked r0 = table, return address =
 * stm32dfu_handover with bit 0 clear, xPSR = T bit only (0x01000000, IPSR 0).
 * EXC_RETURN 0xFFFFFFF9 then returns to thread mode on MSP with a basic frame
 * (DDI0403E Table B1-8; on ARMv8-M, DDI0553 EXC_RETURN, the same value returns to
 * the Secure state the STM32 runs in when TrustZone is off). The exception
 * that called us is thereby deactivated, so the ROM does not start inside it.
 * CONTROL = 0 first, in handler mode where it is writable: a handler
 * entered from an unprivileged task (an SVC) would otherwise return to
 * unprivileged thread mode (CONTROL.nPRIV survives the exception return,
 * DDI0403E B1.4.4), and the ROM could not touch the System Control Space.
 * On ARMv8-M Mainline MSPLIM goes first: the frame lies below the handler's
 * stack, which may already be near the application's limit. */
__attribute__((naked, noreturn)) void stm32dfu_handover_from_handler(__attribute__((unused))
                                                                     const uint32_t *table)
{
    __asm volatile(".syntax unified\n\t"
                   "movs r1, #0\n\t"
                   "msr control, r1\n\t"
                   "isb\n\t"
#if CM_HAS_STACK_LIMIT
                   "msr msplim, r1\n\t"
#endif
                   "mov r1, sp\n\t"
                   "lsrs r1, r1, #3\n\t"
                   "lsls r1, r1, #3\n\t"
                   "subs r1, #32\n\t"
                   "mov sp, r1\n\t"
                   "str r0, [r1, #0]\n\t"
                   "ldr r2, =stm32dfu_handover\n\t"
                   "movs r3, #1\n\t"
                   "bics r2, r3\n\t"
                   "str r2, [r1, #24]\n\t"
                   "ldr r2, =0x01000000\n\t"
                   "str r2, [r1, #28]\n\t"
                   "ldr r2, =0xFFFFFFF9\n\t"
                   "bx r2\n\t"
                   ".ltorg\n\t");
}
