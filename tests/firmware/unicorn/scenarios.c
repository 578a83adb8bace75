/* SPDX-License-Identifier: MIT */
/*
 * The Unicorn scenarios: each runs the real library code of one test
 * application through one user story and asserts its end state.
 */
#include "scenarios.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "expect.h"

/* The seed's usage example (R. Ratcliffe, "Device Firmware Update (DFU) on STM32", §1.3): {SP, PC}
 * = {0x20020000, 0x08000000}, PC even and pointing at the application's own vector table. */
#define SEED_SP 0x20020000u
#define SEED_PC 0x08000000u

/* An application-owned stack for a task (thread mode on PSP), and a RAM word
 * for the pair the application passes, both inside the smallest SRAM (16 KiB). */
#define TASK_STACK_OFFSET 0x3000u
#define PAIR_OFFSET       0x2000u

/* STM32DFU_BOOT_ATTEMPTS default (firmware/include/stm32dfu.h). */
#define BOOT_ATTEMPTS 3u

/* Puts the running application on a task stack (thread mode on PSP), as an
 * RTOS task runs. */
static void enter_task(struct machine *m)
{
    uint32_t control = machine_core_reg(m, UC_ARM_REG_CONTROL);
    machine_set_core_reg(m, UC_ARM_REG_PSP, m->series->sram_base + TASK_STACK_OFFSET);
    machine_set_core_reg(m, UC_ARM_REG_CONTROL, control | 2u); /* SPSEL */
}

/* Power-on, the application running, then vJumpToDFU(ROM table) called from
 * thread mode; \p psp puts the caller on a task stack first. */
static void jump_from_thread(struct machine *m, bool psp)
{
    machine_reset(m, m->series->rst_power_on);
    machine_make_app_running(m);
    if (psp) {
        enter_task(m);
    }
    machine_call(m, "unicorn_app_jump", m->series->rom_entry);
    expect_handover(m);
    expect_teardown(m);
    expect_rom_mapped(m);
}

static void vjump_thread_msp(struct machine *m)
{
    jump_from_thread(m, false);
}

static void vjump_thread_psp(struct machine *m)
{
    jump_from_thread(m, true);
}

/* The seed's pair: no branch, a system reset instead. */
static void vjump_invalid_pair(struct machine *m)
{
    uint32_t pair[2] = {SEED_SP, SEED_PC};
    uint32_t pair_addr = m->series->sram_base + PAIR_OFFSET;
    uc_mem_write(m->uc, pair_addr, pair, sizeof pair);
    machine_reset(m, m->series->rst_power_on);
    machine_make_app_running(m);
    m->watch_pc = SEED_PC;
    machine_call(m, "unicorn_app_jump", pair_addr);
    expect_stop(m, STOP_RESET);
    CHECK(!m->watch_hit, "the even PC of the pair must never execute");
    CHECK(machine_core_reg(m, UC_ARM_REG_MSP) != SEED_SP, "the pair's SP must not be loaded");
    expect_nothing_mapped(m);
}

/* vJumpToDFU(the series' ROM table) with a table the boot check would refuse:
 * the direct path validates it the same way (issue 8 item 3), so it resets
 * instead of branching. */
static void vjump_bad_rom(struct machine *m, uint32_t sp, uint32_t pc)
{
    machine_set_rom(m, sp, pc);
    machine_reset(m, m->series->rst_power_on);
    machine_make_app_running(m);
    m->watch_pc = pc & ~1u;
    machine_call(m, "unicorn_app_jump", m->series->rom_entry);
    expect_stop(m, STOP_RESET);
    CHECK(!m->watch_hit, "the invalid ROM entry must never execute");
    CHECK(!m->msp_set, "the invalid ROM SP must never be loaded");
    expect_nothing_mapped(m);
}

/* Reset vector odd but in the application's flash, not system memory. */
static void vjump_rom_reset_outside_sysmem(struct machine *m)
{
    vjump_bad_rom(m, m->rom_sp, 0x0800FF01u); /* top of the 64 KiB flash, never run */
}

/* Initial SP 8-byte aligned but in flash, not SRAM. */
static void vjump_rom_sp_outside_sram(struct machine *m)
{
    vjump_bad_rom(m, 0x08001000u, m->rom_pc);
}

/* Erased: both words all ones. */
static void vjump_rom_erased(struct machine *m)
{
    vjump_bad_rom(m, 0xFFFFFFFFu, 0xFFFFFFFFu);
}

/* Unprivileged thread mode (CONTROL.nPRIV = 1, as an MPU RTOS runs its
 * tasks): the call returns to the application having written nothing: no
 * request record, no System Control Space register (issue 8 item 4). */
static void unprivileged_call(struct machine *m, const char *entry, uint32_t arg)
{
    uint32_t slot, size;
    CHECK(elf_image_section(m->image, ".stm32dfu_noinit", &slot, &size), "the slot must exist");
    machine_reset(m, m->series->rst_power_on);
    machine_make_app_running(m);
    machine_set_core_reg(m, UC_ARM_REG_CONTROL, machine_core_reg(m, UC_ARM_REG_CONTROL) | 1u);
    uint32_t msp = machine_core_reg(m, UC_ARM_REG_MSP);
    machine_call(m, entry, arg);
    expect_stop(m, STOP_APP_MAIN);
    for (size_t i = 0; i < m->nstores; i++) {
        const struct store *s = &m->stores[i];
        if (s->run != m->run) {
            continue;
        }
        bool scs = s->addr >= 0xE000E000u && s->addr < 0xE000F000u;
        bool record = s->addr >= slot && s->addr < slot + size;
        if (scs || record) {
            fprintf(stderr, "store of 0x%08x to 0x%08x at pc 0x%08x from unprivileged code\n",
                    s->value, s->addr, s->pc);
        }
        CHECK(!scs, "nothing may be written to the System Control Space");
        CHECK(!record, "no request record may be written");
    }
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_MSP), msp);
    CHECK_EQ(machine_reg(m, SYST_CSR), 7u); /* SysTick still running */
}

static void request_unprivileged(struct machine *m)
{
    unprivileged_call(m, "unicorn_app_request", 0);
}

static void vjump_unprivileged(struct machine *m)
{
    unprivileged_call(m, "unicorn_app_jump", m->series->rom_entry);
}

/* Power-on, then stm32dfu_request_bootloader() from the running application
 * (from a task if \p psp). */
static void request_from(struct machine *m, bool psp)
{
    machine_reset(m, m->series->rst_power_on);
    machine_make_app_running(m);
    if (psp) {
        enter_task(m);
    }
    machine_call(m, "unicorn_app_request", 0);
    expect_stop(m, STOP_RESET);
}

static void request(struct machine *m)
{
    request_from(m, false);
}

static void request_records(struct machine *m)
{
    request(m);
    expect_request_recorded(m);
}

static void request_records_from_task(struct machine *m)
{
    request_from(m, true);
    expect_request_recorded(m);
}

/* The core's software reset, then Reset_Handler -> stm32dfu_boot_check(). */
static enum stop_reason boot_after_software_reset(struct machine *m)
{
    machine_reset(m, m->series->rst_software);
    return machine_run(m);
}

static void boot_no_record(struct machine *m)
{
    /* Power-on SRAM is noise, not zeros: fill the slot with a fixed pattern. */
    uint32_t slot, size;
    CHECK(elf_image_section(m->image, ".stm32dfu_noinit", &slot, &size), "the slot must exist");
    uint32_t x = 0x2545F491u;
    for (uint32_t a = slot; a < slot + size; a += 4) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uc_mem_write(m->uc, a, &x, sizeof x);
    }
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    expect_nothing_mapped(m);
}

static void boot_requested(struct machine *m)
{
    request(m);
    boot_after_software_reset(m);
    expect_handover(m);
    expect_rom_mapped(m);
}

/* The ROM resets on every attempt (its HSE detection missing, docs/research/device_side.md#p3):
 * the budget ends the loop, and the request is gone afterwards. */
static void boot_budget_spent(struct machine *m)
{
    request(m);
    for (uint32_t attempt = 1; attempt <= BOOT_ATTEMPTS; attempt++) {
        boot_after_software_reset(m);
        expect_handover(m);
    }
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    expect_nothing_mapped(m);
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
}

/* A valid request, but the ROM's vector table fails validation: the
 * application boots, and the request is cleared (it stays cleared once the
 * ROM table is good again). */
static void boot_bad_rom(struct machine *m, uint32_t sp, uint32_t pc)
{
    uint32_t good_sp = m->rom_sp, good_pc = m->rom_pc;
    request(m);
    machine_set_rom(m, sp, pc);
    m->watch_pc = pc & ~1u;
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    CHECK(!m->watch_hit, "the invalid ROM entry must never execute");
    CHECK(!m->msp_set, "the invalid ROM SP must never be loaded");
    machine_set_rom(m, good_sp, good_pc);
    m->watch_pc = 0;
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
}

static void boot_rom_sp_outside_sram(struct machine *m)
{
    boot_bad_rom(m, 0x08001000u, m->rom_pc); /* SP in flash */
}

static void boot_rom_reset_even(struct machine *m)
{
    boot_bad_rom(m, m->rom_sp, m->rom_pc & ~1u);
}

/* A request, then a pin reset instead of the software reset (the reset flags
 * cleared by the application earlier, then NRST), and the boot check. */
static void boot_after_pin_reset(struct machine *m)
{
    request(m);
    machine_set_reg(m, m->series->rst_reg, 0);
    machine_reset(m, m->series->rst_power_on);
    machine_run(m);
}

/* The reset-cause gate refuses such a stale request. */
static void boot_not_software_reset(struct machine *m)
{
    boot_after_pin_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    expect_nothing_mapped(m);
}

/* Built with STM32DFU_CHECK_RESET_CAUSE=0 (for emulators whose RCC reads as
 * zero): the same request after a pin reset is honoured. */
static void boot_gate_disabled(struct machine *m)
{
    boot_after_pin_reset(m);
    expect_handover(m);
    expect_rom_mapped(m);
}

/* The series' flash option register with every bit set except BFB2, or with
 * BFB2 alone added (the guard must read that one bit only). */
static void set_bfb2(struct machine *m, bool set)
{
    const struct series_model *s = m->series;
    CHECK(s->bfb2_reg != 0, "the scenario needs a series with a modelled BFB2 bit");
    machine_set_reg(m, s->bfb2_reg, set ? ~0u : ~s->bfb2_bit);
}

/* BFB2 set: the ROM would start a flash bank at once (docs/research/device_side.md#p14), so the
 * boot check refuses: no hand-over, the application boots, and the request
 * is gone (a boot with BFB2 cleared again does not enter the ROM either). */
static void boot_bfb2_set(struct machine *m)
{
    request(m);
    set_bfb2(m, true);
    m->watch_pc = m->rom_pc & ~1u;
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    CHECK(!m->watch_hit, "the ROM must not be entered while BFB2 is set");
    CHECK(!m->msp_set, "the ROM's SP must not be loaded while BFB2 is set");
    expect_nothing_mapped(m);
    set_bfb2(m, false);
    boot_after_software_reset(m);
    expect_stop(m, STOP_APP_MAIN);
    CHECK(!m->watch_hit, "the refused request must have been cleared");
}

/* BFB2 clear (every other option bit set): the hand-over happens as before. */
static void boot_bfb2_clear(struct machine *m)
{
    request(m);
    set_bfb2(m, false);
    boot_after_software_reset(m);
    expect_handover(m);
    expect_rom_mapped(m);
}

/* vJumpToDFU(ROM table) with BFB2 set takes the invalid-pair path: a system
 * reset, no branch, nothing mapped. */
static void vjump_bfb2_set(struct machine *m)
{
    machine_reset(m, m->series->rst_power_on);
    set_bfb2(m, true);
    machine_make_app_running(m);
    m->watch_pc = m->rom_pc & ~1u;
    machine_call(m, "unicorn_app_jump", m->series->rom_entry);
    expect_stop(m, STOP_RESET);
    CHECK(!m->watch_hit, "the ROM must not be entered while BFB2 is set");
    CHECK(!m->msp_set, "the ROM's SP must not be loaded while BFB2 is set");
    expect_nothing_mapped(m);
}

/* stm32dfu_rom_entry_blocked() as the application's diagnostic: with BFB2
 * set it answers true (the application carries on, nothing requested). */
static void query_bfb2(struct machine *m, bool set)
{
    machine_reset(m, m->series->rst_power_on);
    set_bfb2(m, set);
    machine_make_app_running(m);
    machine_call(m, "unicorn_app_request_unless_blocked", 0);
    expect_stop(m, set ? STOP_APP_MAIN : STOP_RESET);
    CHECK((first_store(m, SCB_AIRCR) < m->nstores) == !set,
          "a reset is requested only when ROM entry is not blocked");
}

static void query_bfb2_set(struct machine *m)
{
    query_bfb2(m, true);
}

/* With BFB2 clear it answers false, and the request goes ahead. */
static void query_bfb2_clear(struct machine *m)
{
    query_bfb2(m, false);
    expect_request_recorded(m);
}

static const struct scenario scenarios[] = {
    {"vjumptodfu/thread-msp", vjump_thread_msp},
    {"vjumptodfu/thread-psp", vjump_thread_psp},
    {"vjumptodfu/invalid-pair", vjump_invalid_pair},
    {"vjumptodfu/rom-reset-outside-sysmem", vjump_rom_reset_outside_sysmem},
    {"vjumptodfu/rom-sp-outside-sram", vjump_rom_sp_outside_sram},
    {"vjumptodfu/rom-erased", vjump_rom_erased},
    {"vjumptodfu/unprivileged", vjump_unprivileged},
    {"request/unprivileged", request_unprivileged},
    {"request/record-and-reset", request_records},
    {"request/from-task", request_records_from_task},
    {"boot-check/no-record", boot_no_record},
    {"boot-check/requested", boot_requested},
    {"boot-check/budget-spent", boot_budget_spent},
    {"boot-check/rom-sp-outside-sram", boot_rom_sp_outside_sram},
    {"boot-check/rom-reset-even", boot_rom_reset_even},
    {"boot-check/not-software-reset", boot_not_software_reset},
    {"boot-check/gate-disabled", boot_gate_disabled},
    {"boot-check/bfb2-set", boot_bfb2_set},
    {"boot-check/bfb2-clear", boot_bfb2_clear},
    {"vjumptodfu/bfb2-set", vjump_bfb2_set},
    {"query/bfb2-set", query_bfb2_set},
    {"query/bfb2-clear", query_bfb2_clear},
};

const struct scenario *scenario_find(const char *name)
{
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        if (strcmp(scenarios[i].name, name) == 0) {
            return &scenarios[i];
        }
    }
    return NULL;
}
