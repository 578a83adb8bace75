/* SPDX-License-Identifier: MIT */
/* The request record's logic: encoding, validation, the attempt budget, and
 * that power-on RAM is never taken for a request. */
#include "named_test.h"

#include <string.h>

#include "request_record.h"

#define BUDGET 3u

static void armed_record_has_pinned_layout(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    /* "STM32DFU", attempts 0, check = key (little-endian, as on Cortex-M). */
    const uint8_t expected[16] = {'S', 'T', 'M', '3', '2',  'D',  'F',  'U',
                                  0,   0,   0,   0,   0xF1, 0xD0, 0x07, 0xB0};
    assert_int_equal(sizeof record, 16);
    assert_memory_equal(&record, expected, sizeof expected);
}

static void armed_record_is_valid(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    assert_true(stm32dfu_record_valid(&record));
    assert_int_equal(stm32dfu_record_attempts(&record), 0);
}

static void cleared_record_is_invalid(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    stm32dfu_record_clear(&record);
    assert_false(stm32dfu_record_valid(&record));
}

static void budget_allows_exactly_that_many_entries(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    for (uint32_t i = 1; i <= BUDGET; i++) {
        assert_true(stm32dfu_record_take_attempt(&record, BUDGET));
        assert_true(stm32dfu_record_valid(&record));
        assert_int_equal(stm32dfu_record_attempts(&record), i);
    }
    assert_false(stm32dfu_record_take_attempt(&record, BUDGET));
}

static void spent_budget_clears_record(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    for (uint32_t i = 0; i <= BUDGET; i++) {
        (void)stm32dfu_record_take_attempt(&record, BUDGET);
    }
    assert_false(stm32dfu_record_valid(&record));
    assert_false(stm32dfu_record_take_attempt(&record, BUDGET));
}

static void zero_budget_never_enters(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    assert_false(stm32dfu_record_take_attempt(&record, 0));
    assert_false(stm32dfu_record_valid(&record));
}

static void invalid_record_is_cleared_by_take(void **state)
{
    (void)state;
    struct stm32dfu_record record;
    memset(&record, 0xA5, sizeof record);
    assert_false(stm32dfu_record_take_attempt(&record, BUDGET));
    const uint8_t zeros[16] = {0};
    assert_memory_equal(&record, zeros, sizeof zeros);
}

static void every_single_bit_flip_is_rejected(void **state)
{
    (void)state;
    for (unsigned bit = 0; bit < 128; bit++) {
        struct stm32dfu_record record;
        stm32dfu_record_arm(&record);
        ((uint8_t *)&record)[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        assert_false(stm32dfu_record_valid(&record));
    }
}

static void forged_attempt_count_is_rejected(void **state)
{
    (void)state;
    /* A record whose counter was rewritten without its check (e.g. by an
     * older layout) is no request. */
    struct stm32dfu_record record;
    stm32dfu_record_arm(&record);
    record.state = (record.state & 0xFFFFFFFF00000000ull) | 1u;
    assert_false(stm32dfu_record_valid(&record));
}

/* SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): a seeded, deterministic PRNG. */
static uint64_t splitmix64(uint64_t *seed)
{
    uint64_t z = (*seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void random_ram_never_accepted(void **state)
{
    (void)state;
    uint64_t seed = 20261124;
    for (unsigned i = 0; i < 1000000; i++) {
        struct stm32dfu_record record = {splitmix64(&seed), splitmix64(&seed)};
        if (stm32dfu_record_valid(&record) || stm32dfu_record_take_attempt(&record, BUDGET)) {
            fail_msg("random pattern %u accepted as a request", i);
        }
    }
}

static void uniform_ram_patterns_never_accepted(void **state)
{
    (void)state;
    /* Power-on and erased-RAM patterns: every repeated byte value. */
    for (unsigned value = 0; value < 256; value++) {
        struct stm32dfu_record record;
        memset(&record, (int)value, sizeof record);
        assert_false(stm32dfu_record_valid(&record));
    }
}

static void magic_with_random_state_never_accepted(void **state)
{
    (void)state;
    /* The check word alone must reject a correct magic left with junk beside it. */
    uint64_t seed = 42;
    for (unsigned i = 0; i < 1000000; i++) {
        struct stm32dfu_record record = {STM32DFU_RECORD_MAGIC, splitmix64(&seed)};
        if (stm32dfu_record_valid(&record)) {
            fail_msg("magic with random state %u accepted", i);
        }
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("firmware/unit/record/layout-pinned", armed_record_has_pinned_layout),
        NAMED_TEST("firmware/unit/record/armed-is-valid", armed_record_is_valid),
        NAMED_TEST("firmware/unit/record/cleared-is-invalid", cleared_record_is_invalid),
        NAMED_TEST("firmware/unit/record/budget-allows-that-many-entries",
                   budget_allows_exactly_that_many_entries),
        NAMED_TEST("firmware/unit/record/spent-budget-clears", spent_budget_clears_record),
        NAMED_TEST("firmware/unit/record/zero-budget-never-enters", zero_budget_never_enters),
        NAMED_TEST("firmware/unit/record/invalid-cleared-by-take",
                   invalid_record_is_cleared_by_take),
        NAMED_TEST("firmware/unit/record/bit-flip-rejected", every_single_bit_flip_is_rejected),
        NAMED_TEST("firmware/unit/record/forged-attempt-count-rejected",
                   forged_attempt_count_is_rejected),
        NAMED_TEST("firmware/unit/record/random-ram-never-accepted", random_ram_never_accepted),
        NAMED_TEST("firmware/unit/record/uniform-ram-never-accepted",
                   uniform_ram_patterns_never_accepted),
        NAMED_TEST("firmware/unit/record/magic-with-random-state-never-accepted",
                   magic_with_random_state_never_accepted),
    };
    return named_test_main(argc, argv, "firmware/unit", tests, sizeof tests / sizeof tests[0]);
}
