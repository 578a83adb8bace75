/* SPDX-License-Identifier: MIT */
/*
 * Groups of assertions on the end state of a run, shared by the scenarios.
 * Each looks only at what the hardware would see: core registers, the stores
 * in program order, and the modelled registers.
 */
#ifndef UNICORN_EXPECT_H
#define UNICORN_EXPECT_H

#include "machine.h"

/** The run stopped for \p reason. */
void expect_stop(const struct machine *m, enum stop_reason reason);

/** The ROM was entered as after a reset: PC at its reset handler, MSP = its
 *  initial SP, CONTROL = 0, thread mode, interrupts unmasked, no stack limit
 *  (ARMv8-M), and no store at all after the MSP took the ROM's SP. */
void expect_handover(struct machine *m);

/** The direct path's tear-down: SysTick stopped and its pending bit cleared,
 *  every implemented ICER/ICPR word written with all ones (nothing left
 *  enabled or pending), SCR, CCR traps, SHPR1-3, SHCSR fault enables, every
 *  NVIC priority and AIRCR.PRIGROUP at their reset values, the MPU off, on
 *  Cortex-M7 every D-cache line cleaned by set/way and both caches off. */
void expect_teardown(const struct machine *m);

/** The ROM is the vector table the way the series needs (SYSCFG remap with
 *  its clock on, or VTOR). */
void expect_rom_mapped(const struct machine *m);

/** Nothing was remapped and VTOR not written in the last run. */
void expect_nothing_mapped(const struct machine *m);

/** A request record was stored in the 16-byte slot with 64-bit-capable
 *  stores (each doubleword by one instruction), cleaned from the D-cache on
 *  Cortex-M7, before the reset request. */
void expect_request_recorded(const struct machine *m);

/** Index of the first store of the last run to \p addr, or m->nstores. */
size_t first_store(const struct machine *m, uint32_t addr);

#endif /* UNICORN_EXPECT_H */
