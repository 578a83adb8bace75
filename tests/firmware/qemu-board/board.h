/* SPDX-License-Identifier: MIT */
/*
 * Board support shared by the QEMU test application and the demo: what the
 * startup code expects the application to define, and small helpers around
 * SysTick, the spare IRQ (one nothing but software pends) and failing.
 */
#ifndef QEMU_BOARD_H
#define QEMU_BOARD_H

#include <stdbool.h>
#include <stdint.h>

/* Defined by the application. Called by Reset_Handler once memory is set up. */
void app_main(void) __attribute__((noreturn));
/* Defined by the application: its SysTick and spare IRQ handlers. */
void app_systick_handler(void);
void app_spare_irq_handler(void);

/* Starts SysTick on the core clock with an interrupt every reload_cycles. */
void board_start_systick(uint32_t reload_cycles);

/* Enables the MPU, if the core has one, with the default memory map as the
 * background for privileged code (PRIVDEFENA), as an application that
 * protects a stack would. Returns true if there is an MPU. */
bool board_enable_mpu(void);

/* Enables the spare IRQ in the NVIC (ARMv7-M ARM B3.4.4, ISER). */
void board_enable_spare_irq(void);

/* Sets the spare IRQ's pending bit (ARMv7-M ARM B3.4.6, ISPR). */
void board_pend_spare_irq(void);

/* Run by the HardFault, NMI and SVCall handlers when set; unset, the
 * exception fails the run. */
extern void (*volatile board_hardfault_action)(void);
extern void (*volatile board_nmi_action)(void);
extern void (*volatile board_svc_action)(void);

/* Prints "<who>: FAIL <why>" and ends the emulation with status 1. */
void board_fail(const char *who, const char *why) __attribute__((noreturn));

#endif /* QEMU_BOARD_H */
