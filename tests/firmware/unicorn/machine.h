/* SPDX-License-Identifier: MIT */
/*
 * The emulated STM32: a Unicorn Cortex-M running the test application, with
 * flash, SRAM, a fake system-memory ROM, and the System Control Space and
 * peripheral space as recorded MMIO.
 *
 * Handler mode is not emulated, because Unicorn 2.0.1 (the Debian
 * libunicorn-dev 2.0.1.post1) cannot take or return from an M-profile
 * exception faithfully:
 *  - it has no NVIC: its qemu/hw/ holds only core, i386, ppc and s390x (no
 *    hw/intc/armv7m_nvic.c), and qemu/target/arm/m_helper.c stubs
 *    armv7m_nvic_set_pending() to do nothing, so no exception ever becomes
 *    pending or active;
 *  - qemu/accel/tcg/cpu-exec.c cpu_handle_exception() passes every exception
 *    to the UC_HOOK_INTR callbacks and never calls arm_v7m_cpu_do_interrupt().
 *    A branch to EXC_RETURN 0xFFFFFFF9 in handler mode raises
 *    EXCP_EXCEPTION_EXIT (8), which then unstacks nothing: PC stays at
 *    0xFFFFFFF8 (checked with a probe program on the Cortex-M4 model).
 * Writing IPSR with uc_reg_write() would fake the mode without an active
 * exception, so vJumpToDFU's handler-mode escape is tested under QEMU
 * instead (tests/firmware/qemu/, scenario irq-handler), where the NVIC is real.
 */
#ifndef UNICORN_MACHINE_H
#define UNICORN_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "elf_image.h"
#include "models.h"

/** Architectural addresses the tests look at (DDI0403E B3.2 Table B3-4,
 *  B3.3, B3.4, B3.5, B4.8; DDI0419E B3; DDI0553B D1.2). */
#define SCS_ICTR          0xE000E004u
#define SYST_CSR          0xE000E010u
#define NVIC_ISER0        0xE000E100u
#define NVIC_ICER0        0xE000E180u
#define NVIC_ISPR0        0xE000E200u
#define NVIC_ICPR0        0xE000E280u
#define SCB_CPUID         0xE000ED00u
#define SCB_ICSR          0xE000ED04u
#define SCB_VTOR          0xE000ED08u
#define SCB_AIRCR         0xE000ED0Cu
#define SCB_SCR           0xE000ED10u
#define SCB_CCR           0xE000ED14u
#define SCB_SHPR1         0xE000ED18u
#define SCB_SHPR2         0xE000ED1Cu
#define SCB_SHPR3         0xE000ED20u
#define SCB_SHCSR         0xE000ED24u
#define NVIC_IPR0         0xE000E400u
#define SCB_CCSIDR        0xE000ED80u
#define SCB_CPACR         0xE000ED88u
#define MPU_TYPE          0xE000ED90u
#define MPU_CTRL          0xE000ED94u
#define FPU_FPCCR         0xE000EF34u
#define CM_ICIALLU        0xE000EF50u
#define CM_DCCMVAC        0xE000EF68u
#define CM_DCCSW          0xE000EF6Cu
#define CM_DCCIMVAC       0xE000EF70u
#define CM_DCCISW         0xE000EF74u
#define ICSR_PENDSTCLR    (1u << 25)
#define ICSR_PENDSTSET    (1u << 26)
#define AIRCR_VECTKEY     (0x05FAu << 16)
#define AIRCR_SYSRESETREQ (1u << 2)
#define AIRCR_PRIGROUP    (7u << 8)
/* CCR bits that reset to 0 (DDI0403E B3.2.8): NONBASETHRDENA (ARMv7-M; RES1
 * on ARMv8-M, DDI0553B D1.2 CCR), USERSETMPEND, UNALIGN_TRP, DIV_0_TRP,
 * BFHFNMIGN, and STKOFHFNMIGN (ARMv8-M). STKALIGN is bit 9. */
#define CCR_NONBASETHRDENA (1u << 0)
#define CCR_RESET_ZERO_V7  0x11Bu
#define CCR_RESET_ZERO_V8  0x51Au
#define CCR_STKALIGN       (1u << 9)
/* SHCSR fault enables (DDI0403E B3.2.12; SECUREFAULTENA, DDI0553B D1.2). */
#define SHCSR_ENABLES_V7 (7u << 16)
#define SHCSR_ENABLES_V8 (0xFu << 16)
#define CCR_DC           (1u << 16)
#define CCR_IC           (1u << 17)
/* SYSm numbers of MRS/MSR (DDI0553B, MRS/MSR special register encodings). */
#define SYSM_MSPLIM 10u
#define SYSM_PSPLIM 11u

/** Why the last run stopped. */
enum stop_reason {
    STOP_LIMIT,       /**< instruction budget used up */
    STOP_ROM_ENTERED, /**< PC reached the fake ROM's reset handler */
    STOP_RESET,       /**< AIRCR written with VECTKEY | SYSRESETREQ */
    STOP_APP_MAIN,    /**< the application booted normally */
    STOP_EXCEPTION,   /**< the core raised an exception (a fault) */
    STOP_ERROR,       /**< Unicorn stopped on an error (unmapped access ...) */
};

/** One store, in program order. */
struct store {
    uint32_t addr, value, pc;
    uint32_t size;
    uint32_t run;       /**< the run (machine_run call) it happened in, from 1 */
    bool after_msp_set; /**< after the MSP took the ROM's initial SP */
    bool primask;       /**< interrupts masked (PRIMASK) when it happened */
};

/** A sparse register, its value as software reads it back. */
struct mmio_reg {
    uint32_t addr, value;
};

#define MACHINE_MAX_REGS 256

/** An MMIO window: Unicorn passes offsets, the model wants addresses. */
struct mmio_region {
    struct machine *m;
    uint32_t base;
};

struct machine {
    uc_engine *uc;
    const struct core_model *core;
    const struct series_model *series;
    struct elf_image *image;
    uint32_t rom_sp, rom_pc; /**< what the fake ROM's vector table holds */
    uint32_t app_main;       /**< unicorn_app_main */
    uint32_t watch_pc;       /**< an address that must never execute (0: none) */
    bool watch_hit;
    struct mmio_region ppb, periph; /**< System Control Space, STM32 peripherals */
    struct mmio_reg regs[MACHINE_MAX_REGS];
    size_t nregs;
    struct store *stores;
    size_t nstores, cap;
    uint32_t run;
    uint32_t instructions; /**< executed in the last run */
    bool msp_set;          /**< the MSP took rom_sp during this run */
    uint32_t msp_set_pc;
    enum stop_reason stop;
    uint32_t exception; /**< QEMU exception number for STOP_EXCEPTION */
    uc_err error;       /**< for STOP_ERROR */
};

/** Builds the machine for \p core / \p series with the ELF at \p elf_path
 *  loaded; false (with a message) on any failure. */
bool machine_open(struct machine *m, const char *cpu, const char *series, const char *elf_path);

/** Frees everything machine_open() made. */
void machine_close(struct machine *m);

/** Writes the fake ROM's vector table {sp, pc}. */
void machine_set_rom(struct machine *m, uint32_t sp, uint32_t pc);

/** Implemented NVIC_IPRn words: 8 on ARMv6-M, 8 * (ICTR + 1) otherwise. */
uint32_t machine_ipr_words(const struct machine *m);

/** Register value as software reads it. */
uint32_t machine_reg(const struct machine *m, uint32_t addr);

/** Presets a register's value. */
void machine_set_reg(struct machine *m, uint32_t addr, uint32_t value);

/** A system reset as the core performs it: core registers and the System
 *  Control Space back to reset values, SRAM and the flash option register
 *  kept, the reset-flag register given \p rst_flags (added to what is there,
 *  as RCC does until RMVF), SP and PC loaded from the application's vector
 *  table. */
void machine_reset(struct machine *m, uint32_t rst_flags);

/** Puts the state of a running application in place: SysTick on and pending,
 *  interrupts enabled, pending and prioritised in every implemented NVIC
 *  word, BASEPRI set, SCR, CCR traps, SHPR1-3, SHCSR fault enables and
 *  AIRCR.PRIGROUP set, the MPU on, the FPU on with a lazy frame pending,
 *  caches on. */
void machine_make_app_running(struct machine *m);

/** Runs from \p entry (a symbol of the application) with r0 = \p arg until
 *  one of the stop reasons; returns the reason. */
enum stop_reason machine_call(struct machine *m, const char *entry, uint32_t arg);

/** Runs from the current PC (after machine_reset()). */
enum stop_reason machine_run(struct machine *m);

/** MRS of special register \p sysm, executed on the core (Unicorn 2.0.1 has no
 *  register id for MSPLIM/PSPLIM); the state is otherwise left as it was. */
uint32_t machine_mrs(struct machine *m, uint32_t sysm);

/** MSR of \p value to special register \p sysm, executed on the core. */
void machine_msr(struct machine *m, uint32_t sysm, uint32_t value);

/** A core register (UC_ARM_REG_*). */
uint32_t machine_core_reg(const struct machine *m, int reg);

/** Writes a core register (UC_ARM_REG_*). */
void machine_set_core_reg(struct machine *m, int reg, uint32_t value);

/** Address of an application symbol; aborts with a message if absent. */
uint32_t machine_symbol(const struct machine *m, const char *name);

/** Name of a stop reason, for messages. */
const char *machine_stop_name(enum stop_reason reason);

#endif /* UNICORN_MACHINE_H */
