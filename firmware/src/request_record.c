/* The request record's pure logic; see request_record.h. */
#include "request_record.h"

/* Golden-ratio multiplier: every attempt count gives a different check. */
#define CHECK_MULTIPLIER 0x9E3779B1u

static uint64_t state_word(uint32_t attempts)
{
    uint32_t check = STM32DFU_RECORD_KEY ^ (attempts * CHECK_MULTIPLIER);
    return (uint64_t)attempts | ((uint64_t)check << 32);
}

void stm32dfu_record_arm(volatile struct stm32dfu_record *record)
{
    record->magic = STM32DFU_RECORD_MAGIC;
    record->state = state_word(0);
}

void stm32dfu_record_clear(volatile struct stm32dfu_record *record)
{
    record->magic = 0;
    record->state = 0;
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
    record->state = state_word(stm32dfu_record_attempts(record) + 1u);
    return true;
}
