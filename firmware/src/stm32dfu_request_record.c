/* SPDX-License-Identifier: MIT */
/* The request record's pure logic; see request_record.h. */
#include "fp_free.h"

#include "request_record.h"

/* Golden-ratio multiplier: every attempt count gives a different check. */
#define CHECK_MULTIPLIER 0x9E3779B1u

/* One 64-bit store of the record: STRD on ARMv7-M and ARMv8-M Mainline, so
 * STM32H7 ECC SRAM gets the doubleword whole (MicroPython c99ed8d6fa); two
 * back-to-back STRs on ARMv6-M, which has no STRD (DDI0419E A6.7). In
 * assembly, so that no optimisation level or float ABI changes the
 * instructions (GCC 12 at -O2 hard-float used VSTR). C on the host. */
static void store_doubleword(volatile uint64_t *dst, uint64_t value)
{
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__)
    __asm volatile("strd %Q1, %R1, [%0]" : : "r"(dst), "r"(value) : "memory");
#elif defined(__arm__)
    __asm volatile("str %Q1, [%0]\n\tstr %R1, [%0, #4]" : : "l"(dst), "l"(value) : "memory");
#else
    *dst = value;
#endif
}

static uint64_t state_word(uint32_t attempts)
{
    uint32_t check = STM32DFU_RECORD_KEY ^ (attempts * CHECK_MULTIPLIER);
    return (uint64_t)attempts | ((uint64_t)check << 32);
}

void stm32dfu_record_arm(volatile struct stm32dfu_record *record)
{
    store_doubleword(&record->magic, STM32DFU_RECORD_MAGIC);
    store_doubleword(&record->state, state_word(0));
}

void stm32dfu_record_clear(volatile struct stm32dfu_record *record)
{
    store_doubleword(&record->magic, 0);
    store_doubleword(&record->state, 0);
}

bool stm32dfu_record_valid(const volatile struct stm32dfu_record *record)
{
    uint64_t state = record->state;
    return record->magic == STM32DFU_RECORD_MAGIC && state == state_word((uint32_t)state);
}

uint32_t stm32dfu_record_attempts(const volatile struct stm32dfu_record *record)
{
    return (uint32_t)record->state;
}

bool stm32dfu_record_take_attempt(volatile struct stm32dfu_record *record, uint32_t budget)
{
    if (!stm32dfu_record_valid(record) || stm32dfu_record_attempts(record) >= budget) {
        stm32dfu_record_clear(record);
        return false;
    }
    store_doubleword(&record->state, state_word(stm32dfu_record_attempts(record) + 1u));
    return true;
}
