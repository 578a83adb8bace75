/* SPDX-License-Identifier: MIT */
/* End-state assertions for the Unicorn scenarios; see expect.h. */
#include "expect.h"

#include <stdio.h>
#include <stdlib.h>

#include "check.h"

static bool in_last_run(const struct machine *m, size_t i)
{
    return m->stores[i].run == m->run;
}

size_t first_store(const struct machine *m, uint32_t addr)
{
    for (size_t i = 0; i < m->nstores; i++) {
        if (in_last_run(m, i) && m->stores[i].addr == addr) {
            return i;
        }
    }
    return m->nstores;
}

/* True if the last run stored \p value to \p addr (all bits of \p mask). */
static bool stored(const struct machine *m, uint32_t addr, uint32_t mask, uint32_t value)
{
    for (size_t i = 0; i < m->nstores; i++) {
        if (in_last_run(m, i) && m->stores[i].addr == addr &&
            (m->stores[i].value & mask) == value) {
            return true;
        }
    }
    return false;
}

void expect_stop(const struct machine *m, enum stop_reason reason)
{
    if (m->stop != reason) {
        fprintf(stderr, "run stopped at pc 0x%08x by '%s' (exception %u, %s); expected '%s'\n",
                machine_core_reg(m, UC_ARM_REG_PC), machine_stop_name(m->stop), m->exception,
                uc_strerror(m->error), machine_stop_name(reason));
    }
    CHECK(m->stop == reason, "the run must stop where the scenario expects");
}

void expect_handover(struct machine *m)
{
    expect_stop(m, STOP_ROM_ENTERED);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_PC), m->rom_pc & ~1u);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_MSP), m->rom_sp);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_SP), m->rom_sp);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_CONTROL), 0);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_IPSR), 0);
    CHECK_EQ(machine_core_reg(m, UC_ARM_REG_PRIMASK), 0);
    if (!m->core->armv6m) {
        CHECK_EQ(machine_core_reg(m, UC_ARM_REG_BASEPRI), 0);
        CHECK_EQ(machine_core_reg(m, UC_ARM_REG_FAULTMASK), 0);
    }
    if (m->core->stack_limits) {
        CHECK_EQ(machine_mrs(m, SYSM_MSPLIM), 0);
        CHECK_EQ(machine_mrs(m, SYSM_PSPLIM), 0);
    }
    for (size_t i = 0; i < m->nstores; i++) {
        const struct store *s = &m->stores[i];
        if (in_last_run(m, i) && s->after_msp_set) {
            fprintf(stderr, "store of 0x%08x to 0x%08x at pc 0x%08x after the MSP write (0x%08x)\n",
                    s->value, s->addr, s->pc, m->msp_set_pc);
            CHECK(!s->after_msp_set, "no store may follow the stack switch");
        }
    }
}

/* From the store that turns the D-cache off to the last set/way clean, a
 * store to memory would go to RAM under a still-dirty line and be undone by
 * the clean (CMSIS_5 issue #620): only the maintenance registers may be
 * written in between. */
static void expect_no_store_while_dirty(const struct machine *m)
{
    size_t off = m->nstores, last_clean = m->nstores;
    for (size_t i = 0; i < m->nstores; i++) {
        const struct store *s = &m->stores[i];
        if (!in_last_run(m, i)) {
            continue;
        }
        if (off == m->nstores && s->addr == SCB_CCR && (s->value & CCR_DC) == 0) {
            off = i;
        }
        if (s->addr == CM_DCCISW) {
            last_clean = i;
        }
    }
    CHECK(off < last_clean && last_clean < m->nstores, "the D-cache is turned off, then cleaned");
    for (size_t i = off + 1; i < last_clean && last_clean < m->nstores; i++) {
        const struct store *s = &m->stores[i];
        if (s->addr != CM_DCCISW) {
            fprintf(stderr,
                    "store of 0x%08x to 0x%08x at pc 0x%08x between the D-cache disable "
                    "and its last set/way clean\n",
                    s->value, s->addr, s->pc);
            CHECK(s->addr == CM_DCCISW, "nothing but DCCISW between the disable and the clean");
        }
    }
}

/* The set/way operand of every line of a D-cache described by \p ccsidr
 * (DDI0403E B4.8.6 DCISW/DCCSW/DCCISW: way in the top bits, set above the
 * line offset; the field widths from B4.8.3 CCSIDR). */
static void expect_dcache_cleaned(const struct machine *m, uint32_t ccsidr)
{
    uint32_t line_shift = (ccsidr & 7u) + 4u;
    uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1u;
    uint32_t sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
    uint32_t way_bits = 0;
    while ((1u << way_bits) < ways) {
        way_bits++;
    }
    uint32_t missing = 0;
    for (uint32_t way = 0; way < ways; way++) {
        for (uint32_t set = 0; set < sets; set++) {
            uint32_t op = (way_bits ? way << (32u - way_bits) : 0u) | (set << line_shift);
            if (!stored(m, CM_DCCISW, ~0u, op) && !stored(m, CM_DCCSW, ~0u, op)) {
                missing++;
            }
        }
    }
    CHECK_EQ(missing, 0); /* lines never cleaned by set/way */
    expect_no_store_while_dirty(m);
    CHECK_EQ(machine_reg(m, SCB_CCR) & (CCR_DC | CCR_IC), 0);
    CHECK(first_store(m, CM_ICIALLU) < m->nstores, "the I-cache must be invalidated");
}

/* True if \p addr is an NVIC ICER/ICPR word or SysTick/ICSR: tear-down. */
static bool teardown_register(uint32_t addr)
{
    return addr == SYST_CSR || addr == SCB_ICSR || (addr >= NVIC_ICER0 && addr < NVIC_ICER0 + 64) ||
           (addr >= NVIC_ICPR0 && addr < NVIC_ICPR0 + 64);
}

/* No interrupt may be taken half-way through the tear-down (an application
 * handler would run against a half-dismantled system): PRIMASK is set at
 * every tear-down store. ARMv6-M implements only NVIC word 0; the other
 * addresses are reserved (DDI0419E B3.4, Table B3-9). */
static void expect_teardown_stores(const struct machine *m)
{
    for (size_t i = 0; i < m->nstores; i++) {
        const struct store *s = &m->stores[i];
        if (!in_last_run(m, i) || !teardown_register(s->addr)) {
            continue;
        }
        if (!s->primask) {
            fprintf(stderr, "store to 0x%08x at pc 0x%08x with interrupts unmasked\n", s->addr,
                    s->pc);
        }
        CHECK(s->primask, "interrupts must stay masked during the tear-down");
        if (m->core->armv6m && s->addr != SYST_CSR && s->addr != SCB_ICSR) {
            CHECK(s->addr == NVIC_ICER0 || s->addr == NVIC_ICPR0,
                  "ARMv6-M has only NVIC word 0; the others are reserved");
        }
    }
}

/* The System Control Block back to its reset values (DDI0419E B3.2, B3.4;
 * DDI0403E B3.2.6-B3.2.12, B3.4.9; DDI0553B D1.2): SCR, SHPR2/3 and every
 * NVIC_IPRn 0; on ARMv7-M/ARMv8-M also SHPR1 0, no fault enabled in SHCSR,
 * CCR's trap/ignore bits 0 (STKALIGN kept), PRIGROUP 0 written with VECTKEY. */
static void expect_scb_reset(const struct machine *m)
{
    CHECK_EQ(machine_reg(m, SCB_SCR), 0);
    CHECK_EQ(machine_reg(m, SCB_SHPR2), 0);
    CHECK_EQ(machine_reg(m, SCB_SHPR3), 0);
    for (uint32_t i = 0; i < machine_ipr_words(m); i++) {
        CHECK_EQ(machine_reg(m, NVIC_IPR0 + 4u * i), 0);
    }
    if (m->core->armv6m) {
        /* CCR is read-only, SHPR1, SHCSR's enables and PRIGROUP do not exist. */
        CHECK(first_store(m, SCB_CCR) == m->nstores, "ARMv6-M CCR is read-only");
        CHECK(first_store(m, SCB_SHPR1) == m->nstores, "ARMv6-M has no SHPR1");
        return;
    }
    uint32_t traps = m->core->stack_limits ? CCR_RESET_ZERO_V8 : CCR_RESET_ZERO_V7;
    CHECK_EQ(machine_reg(m, SCB_CCR) & traps, 0);
    CHECK_EQ(machine_reg(m, SCB_CCR) & CCR_STKALIGN, CCR_STKALIGN);
    CHECK_EQ(machine_reg(m, SCB_SHPR1), 0);
    CHECK_EQ(machine_reg(m, SCB_SHCSR) & SHCSR_ENABLES_V8, 0);
    CHECK_EQ(machine_reg(m, SCB_AIRCR) & AIRCR_PRIGROUP, 0);
}

void expect_teardown(const struct machine *m)
{
    expect_scb_reset(m);
    expect_teardown_stores(m);
    CHECK(stored(m, SYST_CSR, ~0u, 0), "SysTick CTRL must be written 0");
    CHECK(stored(m, SCB_ICSR, ICSR_PENDSTCLR, ICSR_PENDSTCLR), "ICSR.PENDSTCLR must be written");
    CHECK_EQ(machine_reg(m, SCB_ICSR) & ICSR_PENDSTSET, 0);
    uint32_t words = m->core->armv6m ? 1u : m->core->ictr + 1u;
    for (uint32_t i = 0; i < words; i++) {
        CHECK(stored(m, NVIC_ICER0 + 4u * i, ~0u, ~0u), "every ICER word must be written all ones");
        CHECK(stored(m, NVIC_ICPR0 + 4u * i, ~0u, ~0u), "every ICPR word must be written all ones");
        CHECK_EQ(machine_reg(m, NVIC_ISER0 + 4u * i), 0);
        CHECK_EQ(machine_reg(m, NVIC_ISPR0 + 4u * i), 0);
    }
    if (m->core->mpu_type != 0) {
        CHECK(stored(m, MPU_CTRL, ~0u, 0), "MPU_CTRL must be written 0");
        CHECK_EQ(machine_reg(m, MPU_CTRL), 0);
    }
    if (m->core->fpu) {
        /* Reset values: CPACR 0 (DDI0403E B3.2.20), no lazy FP frame pending
         * (FPCCR.LSPACT, B3.2.23; docs/research/device_side.md#p8). */
        CHECK_EQ(machine_reg(m, SCB_CPACR), 0);
        CHECK_EQ(machine_reg(m, FPU_FPCCR) & 1u, 0);
    }
    if (m->core->ccsidr != 0) {
        expect_dcache_cleaned(m, m->core->ccsidr);
    }
}

void expect_rom_mapped(const struct machine *m)
{
    const struct series_model *s = m->series;
    if (s->remap == REMAP_SYSCFG) {
        CHECK_EQ(machine_reg(m, s->clk_reg) & s->clk_bit, s->clk_bit);
        CHECK_EQ(machine_reg(m, s->remap_reg) & s->remap_mask, s->remap_value);
        CHECK(first_store(m, s->clk_reg) < first_store(m, s->remap_reg),
              "the SYSCFG clock must be on before SYSCFG is written");
    } else {
        CHECK_EQ(machine_reg(m, SCB_VTOR), s->rom_entry);
    }
}

void expect_nothing_mapped(const struct machine *m)
{
    const struct series_model *s = m->series;
    CHECK(first_store(m, SCB_VTOR) == m->nstores, "VTOR must not be written");
    if (s->remap == REMAP_SYSCFG) {
        CHECK(first_store(m, s->remap_reg) == m->nstores, "SYSCFG must not be remapped");
    }
}

/* The last store of the last run to the word at \p addr, or NULL. */
static const struct store *last_store(const struct machine *m, uint32_t addr, size_t *index)
{
    for (size_t i = m->nstores; i-- > 0;) {
        if (in_last_run(m, i) && m->stores[i].addr == addr && m->stores[i].size == 4) {
            *index = i;
            return &m->stores[i];
        }
    }
    return NULL;
}

void expect_request_recorded(const struct machine *m)
{
    uint32_t slot, size;
    if (!elf_image_section(m->image, ".stm32dfu_noinit", &slot, &size)) {
        CHECK(false, "the application must have a .stm32dfu_noinit section");
        return;
    }
    CHECK_EQ(size, 16);
    CHECK_EQ(slot & 7u, 0);
    size_t reset = first_store(m, SCB_AIRCR);
    size_t last = 0;
    for (uint32_t dw = slot; dw < slot + size; dw += 8) {
        size_t lo_i = 0, hi_i = 0;
        const struct store *lo = last_store(m, dw, &lo_i);
        const struct store *hi = last_store(m, dw + 4, &hi_i);
        CHECK(lo != NULL && hi != NULL, "both words of each record doubleword must be stored");
        if (lo == NULL || hi == NULL) {
            continue;
        }
        /* Back to back, and on cores with STRD (ARMv7-M, ARMv8-M Mainline) by
         * one instruction: H7 ECC RAM commits a doubleword only when it is
         * written whole (MicroPython c99ed8d6fa). ARMv6-M has no STRD
         * (DDI0419E A6.7), and the doubleword-ECC constraint is the H7's. */
        CHECK(lo_i + 1 == hi_i || hi_i + 1 == lo_i, "the two halves must be stored back to back");
        if (!m->core->armv6m) {
            CHECK_EQ(lo->pc, hi->pc);
        }
        last = lo_i > last ? lo_i : last;
        last = hi_i > last ? hi_i : last;
    }
    CHECK(last < reset, "the record must be stored before the reset request");
    if (m->core->ccsidr != 0) {
        bool cleaned = false;
        for (size_t i = last + 1; i < reset && i < m->nstores; i++) {
            const struct store *s = &m->stores[i];
            if ((s->addr == CM_DCCMVAC || s->addr == CM_DCCIMVAC) &&
                (s->value & ~31u) == (slot & ~31u)) {
                cleaned = true;
            }
        }
        CHECK(cleaned, "the record's D-cache line must be cleaned between the store and the reset");
    }
}
