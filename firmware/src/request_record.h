/* SPDX-License-Identifier: MIT */
/*
 * Private: the request record that carries "enter the ROM bootloader" across a
 * system reset, and its pure logic (host-tested in tests/firmware/unit/).
 *
 * Layout: 16 bytes, two 64-bit words, each written by one 64-bit store in
 * inline assembly: STRD on ARMv7-M/ARMv8-M Mainline, because STM32H7 ECC RAM
 * commits a 32-bit write only when the rest of its 64-bit word is written
 * (MicroPython c99ed8d6fa; docs/research/device_side.md#p2); two back-to-back STRs on ARMv6-M,
 * which has no STRD and no STM32 with doubleword-ECC SRAM. The Unicorn test
 * request/record-and-reset checks the stores on every core.
 *   word 0: magic  (a 64-bit constant)
 *   word 1: attempts (low 32 bits) | check (high 32 bits)
 * check = STM32DFU_RECORD_KEY ^ (attempts * odd constant) ties the counter to
 * the key, so power-on RAM must match 96 bits at once to be taken as a request.
 */
#ifndef STM32DFU_REQUEST_RECORD_H
#define STM32DFU_REQUEST_RECORD_H

#include <stdbool.h>
#include <stdint.h>

/** The record in its RAM slot. */
struct stm32dfu_record {
    uint64_t magic;
    uint64_t state; /* attempts | (uint64_t)check << 32 */
};

#define STM32DFU_RECORD_MAGIC 0x55464432334D5453ull /* "STM32DFU" little-endian */
#define STM32DFU_RECORD_KEY   0xB007D0F1u

/** Writes a fresh request with no attempt counted yet. */
void stm32dfu_record_arm(volatile struct stm32dfu_record *record);

/** Wipes the record so that it is no request. */
void stm32dfu_record_clear(volatile struct stm32dfu_record *record);

/** True if the record holds a well-formed request (magic and check match). */
bool stm32dfu_record_valid(const volatile struct stm32dfu_record *record);

/** Attempts already counted for a valid record. */
uint32_t stm32dfu_record_attempts(const volatile struct stm32dfu_record *record);

/**
 * Counts one more attempt if the record is a valid request whose attempts are
 * below \p budget, and returns true: the caller may hand over. Otherwise clears
 * the record and returns false: a stale, corrupt or spent request never enters.
 */
bool stm32dfu_record_take_attempt(volatile struct stm32dfu_record *record, uint32_t budget);

#endif /* STM32DFU_REQUEST_RECORD_H */
