/* SPDX-License-Identifier: MIT */
/*
 * Private: functions shared between the firmware library's files.
 */
#ifndef STM32DFU_INTERNAL_H
#define STM32DFU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "request_record.h"

/** The request record's RAM slot (section .stm32dfu_noinit, see
 *  firmware/ld/stm32dfu_noinit.ld). */
extern volatile struct stm32dfu_record stm32dfu_request_slot;

/** DSB, AIRCR.SYSRESETREQ, wait: never returns (stm32dfu_reset.c). */
void stm32dfu_system_reset(void) __attribute__((noreturn));

/** The request path from privileged code: record, D-cache clean, system
 *  reset (stm32dfu_request.c). */
void stm32dfu_request_privileged(void) __attribute__((noreturn));

/** Thread mode: CONTROL = 0, MSP and PC from \p table[0..1], PRIMASK clear,
 *  branch (stm32dfu_handover.c). */
void stm32dfu_handover(const uint32_t *table) __attribute__((noreturn));

/** Handler mode: exception-return to thread mode on MSP, continuing in
 *  stm32dfu_handover(table) (stm32dfu_handover.c). */
void stm32dfu_handover_from_handler(const uint32_t *table) __attribute__((noreturn));

/** SysTick off and its pending bit cleared, PendSV cleared, every implemented
 *  NVIC interrupt disabled, un-pended and at priority 0 (stm32dfu_quiesce.c). */
void stm32dfu_quiesce_interrupts(void);

/** SCR, CCR, SHPR1-3, SHCSR fault enables, AIRCR.PRIGROUP, MPU, FPU lazy
 *  state and CPACR back to reset values, caches cleaned and off (stm32dfu_quiesce.c,
 *  stm32dfu_cache.c). */
void stm32dfu_quiesce_core(void);

/** Cleans the D-cache lines covering [addr, addr + len) if the D-cache is on
 *  (stm32dfu_cache.c). */
void stm32dfu_dcache_clean_range(const volatile void *addr, uint32_t len);

/** Cleans and disables the D-cache, disables and invalidates the I-cache, on
 *  cores that have them enabled (stm32dfu_cache.c). */
void stm32dfu_caches_disable(void);

/** The reset-cause gate: true if the series has no reset-flag register or
 *  the last reset was a software reset (stm32dfu_series.c). */
bool stm32dfu_reset_was_software(void);

/** Clears the series' RCC reset flags (RMVF), if it has them (stm32dfu_series.c). */
void stm32dfu_clear_reset_flags(void);

/** Makes the ROM the vector table: SYSCFG remap or VTOR, then DSB/ISB
 *  (stm32dfu_series.c). */
void stm32dfu_map_rom(void);

/** True if the ROM's {SP, PC} pair lies inside the series' bounds (stm32dfu_series.c). */
bool stm32dfu_rom_table_valid(const uint32_t *table);

#endif /* STM32DFU_INTERNAL_H */
