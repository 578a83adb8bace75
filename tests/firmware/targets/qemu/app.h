/*
 * The test application: brings up SysTick and a software-pended IRQ, then
 * runs one hand-over scenario chosen on the semihosting command line.
 */
#ifndef QEMU_APP_H
#define QEMU_APP_H

#include <stdint.h>

#include "board.h"

/* Makes the spare IRQ run action (once per pend) from its handler. */
void app_on_spare_irq(void (*action)(void));

/* Makes the SysTick handler run action on its next run. */
void app_on_systick(void (*action)(void));

/* Prints "app: FAIL <why>" and ends the emulation with status 1. */
void app_fail(const char *why) __attribute__((noreturn));

/* Scenarios (scenarios_jump.c, scenarios_reset.c). */
void scenario_thread_msp(void);
void scenario_task_psp(void);
void scenario_irq_handler(void);
void scenario_systick_handler(void);
#if !__ARM_ARCH_6M__
void scenario_nested_handler(void);
#endif
void scenario_systick_pending(void);
void scenario_seed_usage_example(void);
void scenario_request_reset(void);
void scenario_request_from_fault(void);
void scenario_hardfault_handler(void);
/* The application boots again after a reset (scenarios e, f, g, i and j). */
void scenario_after_reset(void) __attribute__((noreturn));

#endif /* QEMU_APP_H */
