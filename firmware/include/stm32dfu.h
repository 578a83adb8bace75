/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu firmware library: enter the STM32 ROM (system-memory) bootloader
 * from application code.
 *
 * Freestanding C11 for Cortex-M0/M0+/M3/M4/M7/M33; needs no CMSIS or HAL.
 *
 * Two ways in:
 *  - The robust default, "request, reset, jump early":
 *    stm32dfu_request_bootloader() from any context (interrupt handler, RTOS
 *    task, fault handler), and stm32dfu_boot_check() as the first call of
 *    Reset_Handler. The hand-over then happens straight after a system reset,
 *    before clocks, caches, .data/.bss or any peripheral is set up.
 *  - The seed's direct jump, vJumpToDFU(), made correct: it tears down
 *    SysTick, the NVIC, caches and the MPU, leaves handler mode and the
 *    process stack, and hands over in assembly.
 *
 * The series (and so the ROM address) is chosen at compile time from the
 * CMSIS device macro (e.g. STM32F405xx), from STM32DFU_SERIES=<row id>, or as
 * STM32DFU_SERIES_CUSTOM=1 for emulators and stand-in bootloaders; see
 * stm32dfu_series_select.h (selection) and stm32dfu_series.h (the table).
 */
#ifndef STM32DFU_H
#define STM32DFU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How many times stm32dfu_boot_check() hands over for one request before it
 *  gives up and boots the application (the ROM resets the part when its HSE
 *  detection misses, so a few attempts are needed; see docs/firmware.md). */
#ifndef STM32DFU_BOOT_ATTEMPTS
#define STM32DFU_BOOT_ATTEMPTS 3u
#endif

/** 1 (default): stm32dfu_boot_check() honours a request only after a software
 *  reset, where the series table names an RCC reset-flag register. Set to 0 for
 *  emulators whose RCC reads as zero; the attempt budget still ends loops, but
 *  a ':leave' from the ROM then counts as another attempt (see
 *  stm32dfu_boot_check()). */
#ifndef STM32DFU_CHECK_RESET_CAUSE
#define STM32DFU_CHECK_RESET_CAUSE 1
#endif

/** 1 (default): read the series' BFB2 option bit (stm32dfu_series.h) and
 *  refuse ROM entry while it is set; see stm32dfu_rom_entry_blocked(). Set to
 *  0 only if a part of the row reads its reserved bit as 1. */
#ifndef STM32DFU_CHECK_BFB2
#define STM32DFU_CHECK_BFB2 1
#endif

/*!
 * \brief Write the same value to all registers in a block.
 * \details Writes \p _data_ to every element of the register array \p _regs_.
 * The array must be a true array (not a pointer): its length is taken with
 * sizeof. Behaves as a single statement and needs a terminating semicolon.
 * \param _regs_ An array of registers of one type and size, contiguous in memory.
 * \param _data_ The value to write to each register.
 */
#define WR_ALL_REGS(_regs_, _data_)                                                                \
    do {                                                                                           \
        for (size_t wr_all_regs_index = 0;                                                         \
             wr_all_regs_index < sizeof(_regs_) / sizeof((_regs_)[0]); wr_all_regs_index++)        \
            (_regs_)[wr_all_regs_index] = (_data_);                                                \
    } while (0)

/*!
 * \brief Initiates Device Firmware Update (DFU) mode by branching straight to a
 * bootloader from the running application.
 * \param pulMSP_PC Pointer to a two-word {initial MSP, entry PC} pair: normally
 * the bootloader's own vector table, e.g. `vJumpToDFU((uint32_t *)0x1FFF0000)`
 * on an STM32F4.
 *
 * Callable from privileged thread mode on MSP or PSP, and from any interrupt
 * or fault handler. Before anything is torn down it checks the pair. When
 * \p pulMSP_PC is stm32dfu_rom_vector_table(), it applies the boot check's
 * full validation: initial SP 8-byte aligned inside the series' SRAM, reset
 * vector odd and inside its system memory. Any other pair (your own
 * bootloader) only needs an odd (Thumb) entry PC and a non-zero, 8-byte
 * aligned stack pointer.
 *
 * \note The seed's usage example passes {0x20020000, 0x08000000}. That is
 * wrong twice: 0x08000000 is the application's own vector table (an even
 * address, so the branch faults instead of executing), and the pair must be
 * read from the bootloader's vector table, not invented. Pass the address of
 * the ROM's table instead; stm32dfu_rom_vector_table() gives it for the
 * configured series.
 * \note Masks interrupts with PRIMASK for the whole tear-down, sets BASEPRI
 * to 0 (ARMv7-M/ARMv8-M Mainline), stops SysTick and clears its pending bit
 * (ICSR.PENDSTCLR) and PendSV's, writes all ones to every implemented
 * NVIC ICER/ICPR word (one on ARMv6-M, ICTR.INTLINESNUM + 1 on ARMv7-M and
 * ARMv8-M) and 0 to every implemented NVIC_IPRn.
 * \note Puts back the reset values of SCR (SLEEPONEXIT, SLEEPDEEP, SEVONPEND),
 * SHPR2 and SHPR3; on ARMv7-M/ARMv8-M Mainline also CCR (UNALIGN_TRP,
 * DIV_0_TRP, BFHFNMIGN, USERSETMPEND, NONBASETHRDENA or STKOFHFNMIGN),
 * SHPR1, SHCSR's fault enables and AIRCR.PRIGROUP. Clocks, peripherals and a
 * started watchdog stay as they are: only a reset puts those back.
 * \note When \p pulMSP_PC is stm32dfu_rom_vector_table(), makes the ROM the
 * vector table as stm32dfu_boot_check() does (SYSCFG remap with its clock, or
 * VTOR), since the ROM expects its own table after a BOOT0 boot; any other
 * pair leaves VTOR and the memory map as they are.
 * \note On Cortex-M7 cleans and disables the D-cache, disables and
 * invalidates the I-cache; on cores with an MPU disables it; on cores with an
 * enabled FPU clears FPCCR.LSPACT and sets CPACR back to 0 (FPU off, its reset
 * value).
 * \note From handler mode it first returns to thread mode through a crafted
 * exception return (EXC_RETURN 0xFFFFFFF9), so the bootloader does not start
 * inside an exception. From a handler that pre-empted another active
 * exception (ICSR.RETTOBASE = 0 on ARMv7-M/ARMv8-M Mainline), and from any
 * handler on ARMv6-M (which cannot tell whether it is nested), one exception
 * return may not reach thread mode; it then takes the request path
 * (stm32dfu_request_bootloader()) instead, so the boot check enters the
 * configured series' ROM (stm32dfu_rom_vector_table()), not \p pulMSP_PC,
 * and only if the linker fragment and the boot check are in place.
 * \note Sets CONTROL = 0 (MSP, privileged, FPCA clear), on ARMv8-M Mainline
 * MSPLIM = PSPLIM = 0, sets MSP from word 0 and branches to word 1 in
 * assembly, so no compiler-generated stack access follows the stack switch.
 * FAULTMASK and PRIMASK are cleared just before the branch, with nothing
 * enabled or pending in the NVIC, as after a reset.
 * \warning Needs privileged execution (CONTROL.nPRIV = 0 or handler mode): the
 * System Control Space is not writable from unprivileged code. Called from
 * unprivileged thread mode it returns at once, having changed nothing; call
 * it from your SVC handler instead (docs/firmware.md). On ARMv8-M it must run
 * in the Secure state (STM32 with TrustZone disabled).
 * \warning Prefer stm32dfu_request_bootloader(): a direct branch leaves clocks,
 * peripherals and a started watchdog running, which the ROM may not expect.
 * If the pair is invalid, or it is stm32dfu_rom_vector_table() while
 * stm32dfu_rom_entry_blocked() is true, this function does not branch; it
 * requests a system reset instead, so the application restarts normally.
 */
void vJumpToDFU(uint32_t *pulMSP_PC);

/*!
 * \brief Asks for the ROM bootloader: records the request and resets the chip.
 *
 * Callable from any privileged context: thread or handler mode, MSP or PSP,
 * an RTOS task, a fault handler. Called from unprivileged thread mode
 * (CONTROL.nPRIV = 1, as under an MPU RTOS), where AIRCR cannot be written, it
 * returns at once having written nothing (no record, no register): call it
 * from your SVC handler instead (docs/firmware.md). Masks interrupts (PRIMASK), writes a 16-byte
 * request record (64-bit magic, an attempt counter and a check word) to the
 * `.stm32dfu_noinit` RAM slot as two doublewords, cleans the record's D-cache
 * line on Cortex-M7, and requests a system reset (DSB, AIRCR.SYSRESETREQ).
 * stm32dfu_boot_check() then hands over early in the next boot.
 *
 * Each doubleword is one STRD (inline assembly, at any optimisation level) on ARMv7-M and ARMv8-M
 * Mainline (M3, M4, M7, M33), so STM32H7 ECC SRAM, which commits a write only once its whole 64-bit
 * word is written (MicroPython c99ed8d6fa), gets it whole. ARMv6-M (M0, M0+) has no STRD (DDI0419E
 * A6.7): there each doubleword is two back-to-back 32-bit STRs, which is enough because no ARMv6-M
 * STM32 has doubleword-ECC SRAM.
 *
 * \note Soft-disconnect USB first so the host sees the device leave before
 * it re-enumerates as the ROM (docs/research/device_side.md#p5), and let a pending control
 * transfer (e.g. DFU_DETACH) complete its status stage first (P6).
 * \note Needs the linker fragment firmware/ld/stm32dfu_noinit.ld and
 * stm32dfu_boot_check() at the start of Reset_Handler; without them the chip
 * just resets into the application.
 */
void stm32dfu_request_bootloader(void);

/*!
 * \brief Enters the ROM bootloader if a valid request is pending; call it first
 * thing in Reset_Handler, before .data/.bss initialisation, clocks and caches.
 *
 * Returns (and the application boots normally) when there is no valid request,
 * when the series' reset cause was not a software reset (where the series
 * table names the reset-flag register), when stm32dfu_rom_entry_blocked() is
 * true (BFB2 set on a dual-bank part), when the attempt budget
 * (STM32DFU_BOOT_ATTEMPTS) is spent, or when the ROM's vector table fails
 * validation (initial SP 8-byte aligned inside SRAM, reset vector odd and
 * inside system memory). In every such case the record is cleared. Otherwise
 * it counts the attempt, remaps system memory or sets VTOR as the series
 * needs, and hands over; it does not return.
 *
 * Needs only the stack the core loaded at reset (a few words) and no
 * initialised data (.data/.bss are not set up yet). Just before handing over
 * it clears the RCC reset flags, so that a later jump back from the ROM
 * without a reset (dfu-util ':leave') finds no software-reset flag and boots
 * the application. The record keeps its attempt count across the hand-over
 * (a ROM that resets retries, up to the budget); without the reset-cause gate
 * (STM32DFU_CHECK_RESET_CAUSE = 0, or a row with no reset-flag register) a
 * ':leave' therefore re-enters the ROM until the budget is spent.
 */
void stm32dfu_boot_check(void);

/*!
 * \brief Tells whether an option byte makes the ROM bootloader unreachable
 * from application code right now, so the application can report it.
 *
 * True when the series table names a BFB2 ("boot from bank 2") option bit for
 * the configured series (dual-bank STM32F42x/F43x/F469/F479, G47x/G48x,
 * L4/L4+, L0 category 5) and that bit is set: the ROM then starts a flash bank
 * at once instead of staying in the bootloader (docs/research/device_side.md#p14: QMK
 * stm32_dfu.c, barafael/g4-dual-bank-example #2). stm32dfu_boot_check() and
 * vJumpToDFU() (given the series' ROM table) refuse entry in that case. Clear
 * BFB2 (with BOOT0 held high at reset: `stm32dfu option-bytes --set BFB2=0`),
 * or enter with the BOOT0 pin. Reads one register, has no side effects,
 * callable from any context. Always false when STM32DFU_CHECK_BFB2 is 0 or the
 * series has no BFB2. nSWBOOT0/nBOOT0 option bytes are not checked (from
 * the host: `stm32dfu option-bytes`; `--set nSWBOOT0=1` gives the pin back).
 * \returns true if ROM entry is blocked, false otherwise.
 */
bool stm32dfu_rom_entry_blocked(void);

/*!
 * \brief The ROM bootloader's vector table for the configured series.
 * \returns The address of the two-word {initial SP, reset vector} table, as
 * the series table (stm32dfu_series.h) gives it, e.g. 0x1FFF0000 for the
 * STM32F4 and 0x1FF09800 for the STM32H74x/H75x. Pass it to vJumpToDFU().
 */
const uint32_t *stm32dfu_rom_vector_table(void);

#ifdef __cplusplus
}
#endif

#endif /* STM32DFU_H */
