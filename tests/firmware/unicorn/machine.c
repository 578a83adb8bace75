/* SPDX-License-Identifier: MIT */
/* The emulated STM32 of the Unicorn harness; see machine.h. */
#include "machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLASH_BASE     0x08000000u
#define FLASH_SIZE     0x00100000u
#define SRAM_SIZE      0x00100000u /* covers the SRAM of every modelled part */
#define PPB_BASE       0xE0000000u /* Private Peripheral Bus (DDI0403E B3.1) */
#define PPB_SIZE       0x00100000u
#define PERIPH_BASE    0x40000000u /* STM32 peripherals incl. H7 D3 and U5/H5 */
#define PERIPH_SIZE    0x20000000u
#define ROM_PAGE       0x1000u
#define ROM_HANDLER    0x100u      /* fake ROM reset handler, past its table */
#define RUN_LIMIT      1000000u    /* instructions per run */
#define SCRATCH_BASE   0x00F00000u /* unused by the STM32 maps: probe instructions */
#define SCRATCH_SIZE   0x1000u
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSVCLR (1u << 27)

static void stop(struct machine *m, enum stop_reason reason)
{
    m->stop = reason;
    uc_emu_stop(m->uc);
}

static struct mmio_reg *find_reg(struct machine *m, uint32_t addr, bool create)
{
    for (size_t i = 0; i < m->nregs; i++) {
        if (m->regs[i].addr == addr) {
            return &m->regs[i];
        }
    }
    if (!create) {
        return NULL;
    }
    if (m->nregs == MACHINE_MAX_REGS) {
        fprintf(stderr, "harness: more than %d modelled registers\n", MACHINE_MAX_REGS);
        abort();
    }
    m->regs[m->nregs] = (struct mmio_reg){addr, 0};
    return &m->regs[m->nregs++];
}

uint32_t machine_reg(const struct machine *m, uint32_t addr)
{
    for (size_t i = 0; i < m->nregs; i++) {
        if (m->regs[i].addr == addr) {
            return m->regs[i].value;
        }
    }
    return 0;
}

void machine_set_reg(struct machine *m, uint32_t addr, uint32_t value)
{
    find_reg(m, addr, true)->value = value;
}

/* Side effects of a register write, as the hardware behaves (DDI0403E B3.2.4
 * ICSR, B3.4.5/B3.4.7 ICER/ICPR, B3.2.6 AIRCR; RCC RMVF per the series' RM). */
static void write_reg(struct machine *m, uint32_t addr, uint32_t value)
{
    const struct series_model *s = m->series;
    if (addr == SCB_ICSR) {
        uint32_t icsr = machine_reg(m, SCB_ICSR);
        if (value & ICSR_PENDSTCLR) {
            icsr &= ~ICSR_PENDSTSET;
        }
        if (value & ICSR_PENDSVCLR) {
            icsr &= ~ICSR_PENDSVSET;
        }
        machine_set_reg(m, SCB_ICSR, icsr);
    } else if (addr >= NVIC_ICER0 && addr < NVIC_ICER0 + 64) {
        uint32_t iser = addr - NVIC_ICER0 + NVIC_ISER0;
        machine_set_reg(m, iser, machine_reg(m, iser) & ~value);
    } else if (addr >= NVIC_ICPR0 && addr < NVIC_ICPR0 + 64) {
        uint32_t ispr = addr - NVIC_ICPR0 + NVIC_ISPR0;
        machine_set_reg(m, ispr, machine_reg(m, ispr) & ~value);
    } else if (addr == SCB_AIRCR) {
        /* Without VECTKEY the write is ignored; PRIGROUP (and on ARMv8-M the
         * Secure-only BFHFNMINS, PRIS, SYSRESETREQS) are kept. */
        if ((value >> 16) == (AIRCR_VECTKEY >> 16)) {
            machine_set_reg(m, SCB_AIRCR, 0xFA050000u | (value & 0x6708u));
            if (value & AIRCR_SYSRESETREQ) {
                stop(m, STOP_RESET);
            }
        }
    } else if (addr == s->rst_reg) {
        uint32_t flags = machine_reg(m, addr) & s->rst_flags;
        if (value & s->rst_rmvf) {
            flags = 0;
        }
        machine_set_reg(m, addr, flags | (value & ~s->rst_flags & ~s->rst_rmvf));
    } else {
        machine_set_reg(m, addr, value);
    }
}

static uint64_t mmio_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
    (void)uc;
    const struct mmio_region *r = user;
    uint32_t addr = r->base + (uint32_t)offset;
    uint32_t word = machine_reg(r->m, addr & ~3u) >> (8u * (addr & 3u));
    return size >= 4 ? word : word & ((1u << (8u * size)) - 1u);
}

static void mmio_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
    (void)uc;
    const struct mmio_region *r = user;
    uint32_t addr = r->base + (uint32_t)offset;
    uint32_t word = (uint32_t)value;
    if (size < 4) {
        uint32_t shift = 8u * (addr & 3u);
        uint32_t mask = ((1u << (8u * size)) - 1u) << shift;
        addr &= ~3u;
        word = (machine_reg(r->m, addr) & ~mask) | ((word << shift) & mask);
    }
    write_reg(r->m, addr, word);
}

static void on_store(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
                     void *user)
{
    (void)type;
    struct machine *m = user;
    if (m->nstores == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 1024;
        m->stores = realloc(m->stores, m->cap * sizeof *m->stores);
        if (m->stores == NULL) {
            abort();
        }
    }
    uint32_t pc, primask;
    uc_reg_read(uc, UC_ARM_REG_PC, &pc);
    uc_reg_read(uc, UC_ARM_REG_PRIMASK, &primask);
    m->stores[m->nstores++] = (struct store){
        (uint32_t)addr, (uint32_t)value, pc, (uint32_t)size, m->run, m->msp_set, primask != 0};
}

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
    (void)size;
    struct machine *m = user;
    uint32_t pc = (uint32_t)addr;
    m->instructions++;
    if (!m->msp_set) {
        uint32_t msp;
        uc_reg_read(uc, UC_ARM_REG_MSP, &msp);
        if (msp == m->rom_sp) {
            m->msp_set = true;
            m->msp_set_pc = pc;
        }
    }
    if (m->watch_pc != 0 && pc == m->watch_pc) {
        m->watch_hit = true;
    }
    if (pc == (m->rom_pc & ~1u)) {
        stop(m, STOP_ROM_ENTERED);
    } else if (pc == m->app_main) {
        stop(m, STOP_APP_MAIN);
    }
}

static void on_exception(uc_engine *uc, uint32_t intno, void *user)
{
    (void)uc;
    struct machine *m = user;
    m->exception = intno;
    stop(m, STOP_EXCEPTION);
}

static bool map(struct machine *m, uint32_t base, uint32_t size, const char *what)
{
    uc_err err = uc_mem_map(m->uc, base, size, UC_PROT_ALL);
    if (err != UC_ERR_OK) {
        fprintf(stderr, "harness: cannot map %s at 0x%08x: %s\n", what, base, uc_strerror(err));
        return false;
    }
    return true;
}

static bool map_mmio(struct machine *m, struct mmio_region *region, uint32_t base, uint32_t size)
{
    *region = (struct mmio_region){m, base};
    uc_err err = uc_mmio_map(m->uc, region->base, size, mmio_read, region, mmio_write, region);
    if (err != UC_ERR_OK) {
        fprintf(stderr, "harness: cannot map MMIO at 0x%08x: %s\n", region->base, uc_strerror(err));
        return false;
    }
    return true;
}

static bool build(struct machine *m)
{
    uc_hook hook;
    uc_err err = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &m->uc);
    if (err == UC_ERR_OK) {
        err = uc_ctl_set_cpu_model(m->uc, m->core->uc_model);
    }
    if (err != UC_ERR_OK) {
        fprintf(stderr, "harness: Unicorn cannot model %s: %s (libunicorn-dev >= 2.0)\n",
                m->core->name, uc_strerror(err));
        return false;
    }
    uint32_t rom_page = m->series->rom_entry & ~(ROM_PAGE - 1u);
    if (!map(m, FLASH_BASE, FLASH_SIZE, "flash") ||
        !map(m, m->series->sram_base, SRAM_SIZE, "SRAM") ||
        !map(m, rom_page, ROM_PAGE, "system memory") ||
        !map(m, SCRATCH_BASE, SCRATCH_SIZE, "probe page") ||
        !map_mmio(m, &m->ppb, PPB_BASE, PPB_SIZE) ||
        !map_mmio(m, &m->periph, PERIPH_BASE, PERIPH_SIZE)) {
        return false;
    }
    return uc_hook_add(m->uc, &hook, UC_HOOK_MEM_WRITE, on_store, m, 1, 0) == UC_ERR_OK &&
           uc_hook_add(m->uc, &hook, UC_HOOK_CODE, on_code, m, 1, 0) == UC_ERR_OK &&
           uc_hook_add(m->uc, &hook, UC_HOOK_INTR, on_exception, m, 1, 0) == UC_ERR_OK;
}

bool machine_open(struct machine *m, const char *cpu, const char *series, const char *elf_path)
{
    memset(m, 0, sizeof *m);
    m->core = core_model_find(cpu);
    m->series = series_model_find(series);
    if (m->core == NULL || m->series == NULL || strcmp(m->series->cpu, cpu) != 0) {
        fprintf(stderr, "harness: no model for core '%s' with series '%s' (see models.c)\n", cpu,
                series);
        return false;
    }
    if (!build(m) || (m->image = elf_image_open(elf_path)) == NULL ||
        !elf_image_load(m->image, m->uc)) {
        return false;
    }
    m->app_main = machine_symbol(m, "unicorn_app_main") & ~1u;
    machine_set_rom(m, m->series->sram_base + 0x1000u, (m->series->rom_entry + ROM_HANDLER) | 1u);
    return true;
}

void machine_close(struct machine *m)
{
    elf_image_close(m->image);
    if (m->uc != NULL) {
        uc_close(m->uc);
    }
    free(m->stores);
}

void machine_set_rom(struct machine *m, uint32_t sp, uint32_t pc)
{
    uint32_t table[2] = {sp, pc};
    /* Thumb "b ." at the handler, so nothing but the hook can leave it. */
    static const uint8_t loop[2] = {0xFE, 0xE7};
    uc_mem_write(m->uc, m->series->rom_entry, table, sizeof table);
    uc_mem_write(m->uc, m->series->rom_entry + ROM_HANDLER, loop, sizeof loop);
    m->rom_sp = sp;
    m->rom_pc = pc;
}

uint32_t machine_symbol(const struct machine *m, const char *name)
{
    uint32_t addr;
    if (!elf_image_symbol(m->image, name, &addr)) {
        fprintf(stderr, "harness: the test application has no symbol '%s'\n", name);
        abort();
    }
    return addr;
}

/* Executes one 32-bit Thumb instruction {hw1, hw2} with r0 = \p r0 from the
 * probe page and returns r0; PC, the instruction count and r0's caller value
 * are put back. */
static uint32_t exec_one(struct machine *m, uint16_t hw1, uint16_t hw2, uint32_t r0)
{
    const uint16_t code[3] = {hw1, hw2, 0xE7FEu}; /* insn; b . */
    uint32_t pc = machine_core_reg(m, UC_ARM_REG_PC);
    uint32_t saved_r0 = machine_core_reg(m, UC_ARM_REG_R0);
    uint32_t instructions = m->instructions;
    uc_mem_write(m->uc, SCRATCH_BASE, code, sizeof code);
    machine_set_core_reg(m, UC_ARM_REG_R0, r0);
    uc_err err = uc_emu_start(m->uc, SCRATCH_BASE | 1u, SCRATCH_BASE + 4u, 0, 1);
    if (err != UC_ERR_OK) {
        fprintf(stderr, "harness: probe instruction %04x %04x failed: %s\n", hw1, hw2,
                uc_strerror(err));
        abort();
    }
    uint32_t result = machine_core_reg(m, UC_ARM_REG_R0);
    machine_set_core_reg(m, UC_ARM_REG_R0, saved_r0);
    machine_set_core_reg(m, UC_ARM_REG_PC, pc);
    m->instructions = instructions;
    return result;
}

/* MRS Rd=r0 (T1: F3EF 8000|Rd<<8|SYSm) and MSR Rn=r0 with mask 0b10 (T1:
 * F380|Rn 8800|SYSm): DDI0553B C2.4 MRS and MSR (register). */
uint32_t machine_mrs(struct machine *m, uint32_t sysm)
{
    return exec_one(m, 0xF3EFu, (uint16_t)(0x8000u | sysm), 0);
}

void machine_msr(struct machine *m, uint32_t sysm, uint32_t value)
{
    exec_one(m, 0xF380u, (uint16_t)(0x8800u | sysm), value);
}

uint32_t machine_core_reg(const struct machine *m, int reg)
{
    uint32_t value = 0;
    uc_reg_read(m->uc, reg, &value);
    return value;
}

void machine_set_core_reg(struct machine *m, int reg, uint32_t value)
{
    uc_reg_write(m->uc, reg, &value);
}

/* Reset values of the modelled SCS registers (DDI0403E B3.2.2 Table B3-4:
 * VTOR, ICSR, CCR caches off, AIRCR reads VECTKEYSTAT 0xFA05; B3.4 NVIC and
 * B3.3 SysTick all zero; B3.5 MPU_CTRL 0) plus the core's ID registers. */
static void reset_scs(struct machine *m)
{
    const struct series_model *s = m->series;
    uint32_t rst = machine_reg(m, s->rst_reg);  /* RCC flags survive */
    uint32_t opt = machine_reg(m, s->bfb2_reg); /* so do option bytes (reloaded) */
    m->nregs = 0;
    machine_set_reg(m, s->rst_reg, rst);
    if (s->bfb2_reg != 0) {
        machine_set_reg(m, s->bfb2_reg, opt);
    }
    machine_set_reg(m, SCB_CPUID, m->core->cpuid);
    machine_set_reg(m, SCB_AIRCR, 0xFA050000u);
    machine_set_reg(m, MPU_TYPE, m->core->mpu_type);
    if (!m->core->armv6m) {
        machine_set_reg(m, SCS_ICTR, m->core->ictr);
    }
    if (m->core->ccsidr != 0) {
        machine_set_reg(m, SCB_CCSIDR, m->core->ccsidr);
    }
}

void machine_reset(struct machine *m, uint32_t rst_flags)
{
    reset_scs(m);
    machine_set_reg(m, m->series->rst_reg, machine_reg(m, m->series->rst_reg) | rst_flags);
    uint32_t vector[2];
    uc_mem_read(m->uc, FLASH_BASE, vector, sizeof vector);
    static const int zeroed[] = {UC_ARM_REG_CONTROL, UC_ARM_REG_PRIMASK, UC_ARM_REG_R0,
                                 UC_ARM_REG_R1,      UC_ARM_REG_R2,      UC_ARM_REG_R3,
                                 UC_ARM_REG_R12,     UC_ARM_REG_LR,      UC_ARM_REG_PSP};
    for (size_t i = 0; i < sizeof zeroed / sizeof zeroed[0]; i++) {
        machine_set_core_reg(m, zeroed[i], 0);
    }
    if (!m->core->armv6m) {
        machine_set_core_reg(m, UC_ARM_REG_BASEPRI, 0);
        machine_set_core_reg(m, UC_ARM_REG_FAULTMASK, 0);
    }
    if (m->core->stack_limits) {
        machine_msr(m, SYSM_MSPLIM, 0);
        machine_msr(m, SYSM_PSPLIM, 0);
    }
    machine_set_core_reg(m, UC_ARM_REG_MSP, vector[0]);
    machine_set_core_reg(m, UC_ARM_REG_PC, vector[1]);
}

uint32_t machine_ipr_words(const struct machine *m)
{
    return m->core->armv6m ? 8u : 8u * (m->core->ictr + 1u);
}

/* What an application typically configures in the System Control Block:
 * sleep-on-exit and deep sleep, handler and interrupt priorities, and on
 * ARMv7-M/ARMv8-M the fault traps, the fault handlers and a priority
 * grouping (an RTOS's PRIGROUP 5, say). */
static void make_scb_configured(struct machine *m)
{
    const struct core_model *c = m->core;
    machine_set_reg(m, SCB_SCR, 0x16u); /* SEVONPEND | SLEEPDEEP | SLEEPONEXIT */
    machine_set_reg(m, SCB_SHPR2, 0x80000000u);
    machine_set_reg(m, SCB_SHPR3, 0xF0F00000u);
    for (uint32_t i = 0; i < machine_ipr_words(m); i++) {
        machine_set_reg(m, NVIC_IPR0 + 4u * i, 0x80808080u);
    }
    if (c->armv6m) {
        return;
    }
    uint32_t traps = c->stack_limits ? CCR_RESET_ZERO_V8 : CCR_RESET_ZERO_V7;
    machine_set_reg(m, SCB_CCR, machine_reg(m, SCB_CCR) | traps | CCR_STKALIGN);
    machine_set_reg(m, SCB_SHPR1, 0x00404040u);
    machine_set_reg(m, SCB_SHCSR, c->stack_limits ? SHCSR_ENABLES_V8 : SHCSR_ENABLES_V7);
    machine_set_reg(m, SCB_AIRCR, 0xFA050500u);
}

void machine_make_app_running(struct machine *m)
{
    const struct core_model *c = m->core;
    uint32_t words = c->armv6m ? 1u : c->ictr + 1u;
    make_scb_configured(m);
    machine_set_reg(m, SYST_CSR, 7u); /* ENABLE | TICKINT | CLKSOURCE */
    machine_set_reg(m, SCB_ICSR, ICSR_PENDSTSET);
    for (uint32_t i = 0; i < words; i++) {
        machine_set_reg(m, NVIC_ISER0 + 4u * i, 0xFFFFFFFFu);
        machine_set_reg(m, NVIC_ISPR0 + 4u * i, 0xFFFFFFFFu);
    }
    if (c->mpu_type != 0) {
        machine_set_reg(m, MPU_CTRL, 1u);
    }
    if (!c->armv6m) {
        machine_set_core_reg(m, UC_ARM_REG_BASEPRI, 0x40u);
    }
    if (c->stack_limits) {
        /* The application's stack limits, above the ROM's stack: left in
         * place, they would fault the ROM's first push (DDI0553B B3.3). */
        machine_msr(m, SYSM_MSPLIM, m->series->sram_base + 0x2000u);
        machine_msr(m, SYSM_PSPLIM, m->series->sram_base + 0x2000u);
    }
    if (c->fpu) {
        machine_set_reg(m, SCB_CPACR, 0xFu << 20);       /* CP10/CP11 full access */
        machine_set_reg(m, FPU_FPCCR, 0xC0000001u);      /* ASPEN | LSPEN | LSPACT */
        machine_set_core_reg(m, UC_ARM_REG_CONTROL, 4u); /* FPCA */
    }
    if (c->ccsidr != 0) {
        machine_set_reg(m, SCB_CCR, machine_reg(m, SCB_CCR) | CCR_DC | CCR_IC);
    }
}

enum stop_reason machine_run(struct machine *m)
{
    uint32_t pc = machine_core_reg(m, UC_ARM_REG_PC);
    m->run++;
    m->instructions = 0;
    m->msp_set = false;
    m->watch_hit = false;
    m->stop = STOP_LIMIT;
    uc_err err = uc_emu_start(m->uc, pc | 1u, 0, 0, RUN_LIMIT);
    if (err != UC_ERR_OK && m->stop == STOP_LIMIT) {
        m->stop = STOP_ERROR;
        m->error = err;
    }
    return m->stop;
}

enum stop_reason machine_call(struct machine *m, const char *entry, uint32_t arg)
{
    machine_set_core_reg(m, UC_ARM_REG_R0, arg);
    machine_set_core_reg(m, UC_ARM_REG_LR, 0); /* entries never return */
    machine_set_core_reg(m, UC_ARM_REG_PC, machine_symbol(m, entry) & ~1u);
    return machine_run(m);
}

const char *machine_stop_name(enum stop_reason reason)
{
    static const char *const names[] = {"instruction limit", "ROM entered", "system reset",
                                        "application main",  "exception",   "emulation error"};
    return names[reason];
}
