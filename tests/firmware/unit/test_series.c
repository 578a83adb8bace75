/* SPDX-License-Identifier: MIT */
/* The per-series table: every row pinned to its ROM address, DFU flag and
 * blocker (docs/research/device_side.md#p17: addresses get "corrected" wrongly), and every row
 * self-consistent and cited. */
#include "named_test.h"

#include <string.h>

#include "series_table.h"

struct pin {
    const char *id;
    unsigned long entry;
    int usb_dfu;
    int blocker;
};

/* The values of docs/research/device_side.md#s2, written out again here. */
static const struct pin pins[] = {
    {"F030_F05X", 0x1FFFEC00u, 0, STM32DFU_BLOCKER_NONE},
    {"F04X_F070X6", 0x1FFFC400u, 1, STM32DFU_BLOCKER_EMPTY_CHECK},
    {"F07X", 0x1FFFC800u, 1, STM32DFU_BLOCKER_NONE},
    {"F071", 0x1FFFC800u, 0, STM32DFU_BLOCKER_NONE},
    {"F09X", 0x1FFFD800u, 0, STM32DFU_BLOCKER_NONE},
    {"F1", 0x1FFFF000u, 0, STM32DFU_BLOCKER_NONE},
    {"F1_XL", 0x1FFFE000u, 0, STM32DFU_BLOCKER_NONE},
    {"F105_F107", 0x1FFFB000u, 1, STM32DFU_BLOCKER_NONE},
    {"F2", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"F3", 0x1FFFD800u, 1, STM32DFU_BLOCKER_NONE},
    {"F4", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"F410", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"F413_F423", 0x1FF00000u, 1, STM32DFU_BLOCKER_NONE},
    {"F7", 0x1FF00000u, 1, STM32DFU_BLOCKER_NONE},
    {"G0", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"G0B1_G0C1", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"G4", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"H503", 0x0BF87000u, 1, STM32DFU_BLOCKER_NONE},
    {"H56X_H57X", 0x0BF97000u, 1, STM32DFU_BLOCKER_NONE},
    {"H74X_H75X", 0x1FF09800u, 1, STM32DFU_BLOCKER_NONE},
    {"H745_H757", 0x1FF09800u, 1, STM32DFU_BLOCKER_NONE},
    {"H72X_H73X", 0x1FF09800u, 1, STM32DFU_BLOCKER_NONE},
    {"H7A3", 0x1FF0A800u, 1, STM32DFU_BLOCKER_NONE},
    {"H7B0_H7B3", 0x1FF0A000u, 1, STM32DFU_BLOCKER_NONE},
    {"L0", 0x1FF00000u, 1, STM32DFU_BLOCKER_NONE},
    {"L0_NOUSB", 0x1FF00000u, 0, STM32DFU_BLOCKER_NONE},
    {"L01X_L02X", 0x1FF00000u, 0, STM32DFU_BLOCKER_EMPTY_CHECK},
    {"L1", 0x1FF00000u, 1, STM32DFU_BLOCKER_NONE},
    {"L4", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"L4_NOUSB", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"L5", 0x0BF90000u, 1, STM32DFU_BLOCKER_NONE},
    {"U5", 0x0BF90000u, 1, STM32DFU_BLOCKER_NONE},
    {"U3", 0x0BF8F000u, 1, STM32DFU_BLOCKER_NONE},
    {"U0", 0x0u, 1, STM32DFU_BLOCKER_NO_ADDRESS},
    {"WB", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"WB_NOUSB", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"WBA", 0x0BF88000u, 1, STM32DFU_BLOCKER_NONE},
    {"WL", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"C0", 0x1FFF0000u, 1, STM32DFU_BLOCKER_NONE},
    {"C0_NOUSB", 0x1FFF0000u, 0, STM32DFU_BLOCKER_NONE},
    {"CUSTOM", 0x0u, 1, STM32DFU_BLOCKER_NONE},
};

#define PIN_COUNT (sizeof pins / sizeof pins[0])

static const struct pin *find_pin(const char *id)
{
    for (size_t i = 0; i < PIN_COUNT; i++) {
        if (strcmp(pins[i].id, id) == 0) {
            return &pins[i];
        }
    }
    return NULL;
}

/* True for the rows whose numbers come from the build or do not exist. */
static int has_no_fixed_address(const struct stm32dfu_series_row *row)
{
    return row->status == STM32DFU_STATUS_CUSTOM || row->blocker == STM32DFU_BLOCKER_NO_ADDRESS;
}

static void every_row_matches_its_pin(void **state)
{
    (void)state;
    assert_int_equal(stm32dfu_series_row_count, PIN_COUNT);
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        const struct pin *pin = find_pin(row->id);
        if (pin == NULL) {
            fail_msg("row %s has no pin", row->id);
        }
        if (row->entry != pin->entry || row->usb_dfu != pin->usb_dfu ||
            row->blocker != pin->blocker) {
            fail_msg("row %s: entry 0x%08lX usb %d blocker %d, pinned 0x%08lX %d %d", row->id,
                     row->entry, row->usb_dfu, row->blocker, pin->entry, pin->usb_dfu,
                     pin->blocker);
        }
    }
}

static void every_row_cites_a_source(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        if (row->source == NULL || strlen(row->source) < 10 || row->name == NULL) {
            fail_msg("row %s has no citation", row->id);
        }
        if (row->status != STM32DFU_STATUS_CUSTOM && strstr(row->source, "research §2") == NULL &&
            strstr(row->source, "AN3156") == NULL) {
            fail_msg("row %s cites neither research §2 nor AN3156: %s", row->id, row->source);
        }
    }
}

static void row_ids_are_unique(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        for (size_t j = i + 1; j < stm32dfu_series_row_count; j++) {
            if (strcmp(stm32dfu_series_rows[i].id, stm32dfu_series_rows[j].id) == 0) {
                fail_msg("row id %s appears twice", stm32dfu_series_rows[i].id);
            }
        }
    }
}

static void entry_lies_inside_system_memory(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        if (has_no_fixed_address(row)) {
            continue;
        }
        if (row->entry < row->sysmem_base || row->entry + 8u > row->sysmem_end) {
            fail_msg("row %s: entry 0x%08lX outside 0x%08lX-0x%08lX", row->id, row->entry,
                     row->sysmem_base, row->sysmem_end);
        }
    }
}

static void sram_bounds_are_ordered(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        if (row->status != STM32DFU_STATUS_CUSTOM && row->sram_base >= row->sram_end) {
            fail_msg("row %s: SRAM bounds 0x%08lX-0x%08lX", row->id, row->sram_base, row->sram_end);
        }
    }
}

static void reset_gate_names_distinct_bits(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        if (row->rst_reg != 0 &&
            (row->sftrst_mask == 0 || row->sftrst_mask > 0xFFFFFFFFul || row->rmvf_bit > 31 ||
             (row->sftrst_mask & (1ul << row->rmvf_bit)) != 0)) {
            fail_msg("row %s: reset flags 0x%lx/bit %u", row->id, row->sftrst_mask, row->rmvf_bit);
        }
    }
}

static void syscfg_remap_names_its_register(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        if (row->remap == STM32DFU_REMAP_SYSCFG && (row->remap_reg == 0 || row->remap_mask == 0)) {
            fail_msg("row %s remaps through SYSCFG but names no register", row->id);
        }
        if (row->remap != STM32DFU_REMAP_SYSCFG && row->remap != STM32DFU_REMAP_VTOR) {
            fail_msg("row %s has no remap method", row->id);
        }
    }
}

static const struct stm32dfu_series_row *row_named(const char *id)
{
    for (size_t r = 0; r < stm32dfu_series_row_count; r++) {
        if (strcmp(stm32dfu_series_rows[r].id, id) == 0) {
            return &stm32dfu_series_rows[r];
        }
    }
    fail_msg("no row %s", id);
    return NULL;
}

/* A system reset requested by either core of a dual-core H7 passes the gate
 * (RM0399 SFT1RSTF/SFT2RSTF; MicroPython reads SFT2RSTF on the H747); the
 * single-core H743 has SFTRSTF only (RM0433). */
static void dual_core_h7_gate_accepts_either_core(void **state)
{
    (void)state;
    assert_int_equal(row_named("H745_H757")->sftrst_mask, (1ul << 24) | (1ul << 25));
    assert_int_equal(row_named("H74X_H75X")->sftrst_mask, 1ul << 24);
}

/* The BFB2 option bit of every row with dual-bank parts, written out again
 * from the reference manual each cites (the register address is the FLASH
 * base plus the register's offset):
 *  - RM0090 (F42x/F43x; F469/F479 in RM0386): FLASH_OPTCR, 0x40023C00 + 0x14,
 *    BFB2 bit 4 (CMSIS stm32f429xx.h FLASH_OPTCR_BFB2_Pos 4);
 *  - RM0440 (G47x/G48x), RM0351 (L47x...), RM0392 (L471): FLASH_OPTR,
 *    0x40022000 + 0x20, BFB2 bit 20 (stm32g474xx.h, stm32l476xx.h,
 *    stm32l471xx.h FLASH_OPTR_BFB2_Pos 20);
 *  - RM0367/RM0376/RM0377 (L0 category 5): FLASH_OPTR, 0x40022000 + 0x1C,
 *    BFB2 bit 23 (stm32l073xx.h, stm32l071xx.h FLASH_OPTR_BFB2_Pos 23).
 * Every other row has none. */
struct bfb2_pin {
    const char *id;
    unsigned long reg;
    unsigned bit;
    const char *manual; /* the row's source must name it */
};

static const struct bfb2_pin bfb2_pins[] = {
    {"F4", 0x40023C14u, 4, "RM0090"},  {"G4", 0x40022020u, 20, "RM0440"},
    {"L4", 0x40022020u, 20, "RM0351"}, {"L4_NOUSB", 0x40022020u, 20, "RM0392"},
    {"L0", 0x4002201Cu, 23, "RM0367"}, {"L0_NOUSB", 0x4002201Cu, 23, "RM0377"},
};

static const struct bfb2_pin *find_bfb2_pin(const char *id)
{
    for (size_t i = 0; i < sizeof bfb2_pins / sizeof bfb2_pins[0]; i++) {
        if (strcmp(bfb2_pins[i].id, id) == 0) {
            return &bfb2_pins[i];
        }
    }
    return NULL;
}

static void bfb2_guard_pinned(void **state)
{
    (void)state;
    for (size_t i = 0; i < stm32dfu_series_row_count; i++) {
        const struct stm32dfu_series_row *row = &stm32dfu_series_rows[i];
        const struct bfb2_pin *pin = find_bfb2_pin(row->id);
        unsigned long reg = pin ? pin->reg : 0, mask = pin ? 1ul << pin->bit : 0;
        if (row->bfb2_reg != reg || row->bfb2_mask != mask) {
            fail_msg("row %s: BFB2 0x%08lX mask 0x%lx, pinned 0x%08lX mask 0x%lx", row->id,
                     row->bfb2_reg, row->bfb2_mask, reg, mask);
        }
        if (pin != NULL && strstr(row->source, pin->manual) == NULL) {
            fail_msg("row %s guards BFB2 but does not cite %s: %s", row->id, pin->manual,
                     row->source);
        }
    }
}

static void conflicting_rows_are_marked(void **state)
{
    (void)state;
    /* docs/research/device_side.md#s2 flags H74x/H75x, H7A3, F7, G0 and G4 as disputed. */
    const char *disputed[] = {"H74X_H75X", "H745_H757", "H7A3", "F7", "G0", "G0B1_G0C1", "G4"};
    for (size_t i = 0; i < sizeof disputed / sizeof disputed[0]; i++) {
        for (size_t r = 0; r < stm32dfu_series_row_count; r++) {
            if (strcmp(stm32dfu_series_rows[r].id, disputed[i]) == 0) {
                assert_int_equal(stm32dfu_series_rows[r].status, STM32DFU_STATUS_CONFLICT);
            }
        }
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("firmware/unit/series/rows-pinned", every_row_matches_its_pin),
        NAMED_TEST("firmware/unit/series/rows-cite-sources", every_row_cites_a_source),
        NAMED_TEST("firmware/unit/series/ids-unique", row_ids_are_unique),
        NAMED_TEST("firmware/unit/series/entry-inside-system-memory",
                   entry_lies_inside_system_memory),
        NAMED_TEST("firmware/unit/series/sram-bounds-ordered", sram_bounds_are_ordered),
        NAMED_TEST("firmware/unit/series/reset-gate-bits-distinct", reset_gate_names_distinct_bits),
        NAMED_TEST("firmware/unit/series/syscfg-remap-names-register",
                   syscfg_remap_names_its_register),
        NAMED_TEST("firmware/unit/series/dual-core-h7-gate-accepts-either-core",
                   dual_core_h7_gate_accepts_either_core),
        NAMED_TEST("firmware/unit/series/conflicting-rows-marked", conflicting_rows_are_marked),
        NAMED_TEST("firmware/unit/series/bfb2-guard-pinned", bfb2_guard_pinned),
    };
    return named_test_main(argc, argv, "firmware/unit", tests, sizeof tests / sizeof tests[0]);
}
