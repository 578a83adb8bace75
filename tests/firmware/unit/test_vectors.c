/* SPDX-License-Identifier: MIT */
/* Plausibility checks on {SP, PC} pairs before any branch. */
#include "named_test.h"

#include "vector_check.h"

/* STM32F4: system memory 0x1FFF0000-0x1FFF77FF, SRAM from 0x20000000. */
static const struct stm32dfu_bounds f4 = {0x1FFF0000u, 0x1FFF7800u, 0x20000000u, 0x20050000u};

static void seed_usage_example_rejected(void **state)
{
    (void)state;
    /* The seed's {0x20020000, 0x08000000}: 0x08000000 is the application's
     * own vector table, an even address. */
    assert_false(stm32dfu_pair_plausible(0x20020000u, 0x08000000u));
}

static void thumb_entry_with_aligned_sp_plausible(void **state)
{
    (void)state;
    assert_true(stm32dfu_pair_plausible(0x20001000u, 0x1FFF0AB5u));
}

static void unaligned_sp_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_pair_plausible(0x20001004u, 0x1FFF0AB5u));
}

static void zero_sp_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_pair_plausible(0, 0x1FFF0AB5u));
}

static void erased_flash_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_rom_pair_valid(0xFFFFFFFFu, 0xFFFFFFFFu, &f4));
}

static void rom_pair_inside_bounds_accepted(void **state)
{
    (void)state;
    assert_true(stm32dfu_rom_pair_valid(0x20003000u, 0x1FFF0AB5u, &f4));
}

static void sp_at_sram_end_accepted(void **state)
{
    (void)state;
    assert_true(stm32dfu_rom_pair_valid(0x20050000u, 0x1FFF0AB5u, &f4));
}

static void sp_at_sram_base_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_rom_pair_valid(0x20000000u, 0x1FFF0AB5u, &f4));
}

static void sp_beyond_sram_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_rom_pair_valid(0x20050008u, 0x1FFF0AB5u, &f4));
}

static void pc_in_application_flash_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_rom_pair_valid(0x20003000u, 0x08000101u, &f4));
}

static void pc_at_sysmem_end_rejected(void **state)
{
    (void)state;
    assert_false(stm32dfu_rom_pair_valid(0x20003000u, 0x1FFF7801u, &f4));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("firmware/unit/vectors/seed-usage-example-rejected",
                   seed_usage_example_rejected),
        NAMED_TEST("firmware/unit/vectors/thumb-entry-aligned-sp-plausible",
                   thumb_entry_with_aligned_sp_plausible),
        NAMED_TEST("firmware/unit/vectors/unaligned-sp-rejected", unaligned_sp_rejected),
        NAMED_TEST("firmware/unit/vectors/zero-sp-rejected", zero_sp_rejected),
        NAMED_TEST("firmware/unit/vectors/erased-flash-rejected", erased_flash_rejected),
        NAMED_TEST("firmware/unit/vectors/rom-pair-inside-bounds-accepted",
                   rom_pair_inside_bounds_accepted),
        NAMED_TEST("firmware/unit/vectors/sp-at-sram-end-accepted", sp_at_sram_end_accepted),
        NAMED_TEST("firmware/unit/vectors/sp-at-sram-base-rejected", sp_at_sram_base_rejected),
        NAMED_TEST("firmware/unit/vectors/sp-beyond-sram-rejected", sp_beyond_sram_rejected),
        NAMED_TEST("firmware/unit/vectors/pc-in-application-flash-rejected",
                   pc_in_application_flash_rejected),
        NAMED_TEST("firmware/unit/vectors/pc-at-sysmem-end-rejected", pc_at_sysmem_end_rejected),
    };
    return named_test_main(argc, argv, "firmware/unit", tests, sizeof tests / sizeof tests[0]);
}
