/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu per-series facts: where each STM32 series keeps its ROM
 * (system-memory) bootloader, whether that ROM speaks USB DFU, what blocks an
 * entry from application code, and how to map the ROM and read the reset cause.
 *
 * One X-macro table, STM32DFU_SERIES_TABLE(X), one row per series or line
 * group. Device code uses the one row selected at compile time (see
 * stm32dfu_series_select.h); host tests walk every row.
 *
 * Sources, by the short names used in the rows:
 *  - "AN3156r17 T1": ST AN3156 Rev 17 (Feb 2025) Table 1, series whose ROM
 *    bootloader implements USB DFU.
 *  - "research §2": the project research notes, docs/research/device_side.md#s2
 *    (the ROM entry address per series), which compares the addresses used by
 *    MicroPython, Betaflight, INAV, Klipper, QMK, RIOT, mynewt, stm32duino,
 *    Opentrons and ST's KB articles and resolves conflicts. Each row names the
 *    projects that agree.
 *  - "RMxxxx": the ST reference manual of the series (register names given);
 *    each RCC/SYSCFG address and bit was cross-checked against ST's CMSIS
 *    device header for a part of the row (STMicroelectronics/cmsis_device_<series>,
 *    Include/stm32<part>.h, the RCC_TypeDef offsets and *_Pos macros).
 *
 * Bounds: sysmem_base..sysmem_end and sram_base..sram_end are plausibility
 * bounds for validating the ROM's vector table (reset vector inside system
 * memory, initial SP inside SRAM): the system-memory region and the SRAM of
 * the largest part of the series, rounded out. They reject erased flash,
 * zeros and application addresses; they are not exact per-part sizes.
 */
#ifndef STM32DFU_SERIES_H
#define STM32DFU_SERIES_H

/** \name Blockers: why an entry from application code may fail. */
/**@{*/
/** Nothing known blocks an entry from application code. */
#define STM32DFU_BLOCKER_NONE 0
/** Empty-check part: the ROM jumps straight back to user flash when the
 *  first flash word is programmed (AN2606 note quoted in Klipper PR #6959;
 *  docs/research/device_side.md#p13). Refused at compile time. */
#define STM32DFU_BLOCKER_EMPTY_CHECK 1
/** No ROM entry address is known. Always refused. */
#define STM32DFU_BLOCKER_NO_ADDRESS 2
/**@}*/

/** \name How the ROM is made visible before the hand-over (docs/research/device_side.md#p16). */
/**@{*/
/** Write MEM_MODE = 01 (system flash at 0x0) in SYSCFG_MEMRMP or _CFGR1. */
#define STM32DFU_REMAP_SYSCFG 1
/** The series has no system-flash remap: write VTOR = ROM vector table. */
#define STM32DFU_REMAP_VTOR 2
/**@}*/

/** MEM_MODE value for "system flash at 0x0" in SYSCFG_MEMRMP / SYSCFG_CFGR1 (RM0090,
 *  RM0091, RM0351 ...; SYSCFG_MEMRMP_MEM_MODE_0 in the CMSIS headers). */
#define STM32DFU_MEM_MODE_SYSTEM_FLASH 1u

/** \name Verification status of a row. */
/**@{*/
/** Three or more independent sources agree, or a hardware report exists. */
#define STM32DFU_STATUS_VERIFIED 0
/** Two sources agree; no hardware report seen. */
#define STM32DFU_STATUS_TWO_SOURCES 1
/** One source only. */
#define STM32DFU_STATUS_ONE_SOURCE 2
/** Sources disagree; the row holds the value docs/research/device_side.md#s2 prefers. */
#define STM32DFU_STATUS_CONFLICT 3
/** Nothing found. */
#define STM32DFU_STATUS_UNKNOWN 4
/** Supplied by the build (STM32DFU_SERIES_CUSTOM): emulators, stand-ins. */
#define STM32DFU_STATUS_CUSTOM 5
/**@}*/

/** \name The CUSTOM row's bounds, from the build: system memory and SRAM base
 *  and size. 0 means "not given", rejected when CUSTOM is selected
 *  (stm32dfu_series_select.h). STM32DFU_CUSTOM_ENTRY, the ROM vector table,
 *  defaults to the system-memory base; set it where the table lies elsewhere
 *  (as on the H5 rows). */
/**@{*/
#ifndef STM32DFU_CUSTOM_SYSMEM_BASE
#define STM32DFU_CUSTOM_SYSMEM_BASE 0
#endif
#ifndef STM32DFU_CUSTOM_SYSMEM_SIZE
#define STM32DFU_CUSTOM_SYSMEM_SIZE 0
#endif
#ifndef STM32DFU_CUSTOM_SRAM_BASE
#define STM32DFU_CUSTOM_SRAM_BASE 0
#endif
#ifndef STM32DFU_CUSTOM_SRAM_SIZE
#define STM32DFU_CUSTOM_SRAM_SIZE 0
#endif
#ifndef STM32DFU_CUSTOM_ENTRY
#define STM32DFU_CUSTOM_ENTRY STM32DFU_CUSTOM_SYSMEM_BASE
#endif
/**@}*/

/** \name Row field groups that repeat. Register addresses and bits: the
 *  reference manual named, cross-checked with the CMSIS device header named
 *  (STMicroelectronics/cmsis_device_<series>) unless the comment says not. */
/**@{*/
/** A register address and a bit or mask: absent. */
#define STM32DFU_NO_REG 0u, 0u
/** Bit \p n as a mask. */
#define STM32DFU_BIT(n) (1ul << (n))
/** SYSCFG_CFGR1.MEM_MODE, RCC_APB2ENR.SYSCFGCOMPEN/SYSCFGEN: RM0091, RM0316;
 * stm32f072xb.h, stm32f303xc.h */
#define STM32DFU_F0_F3_SYSCFG STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x3u, 0x40021018u, 0u
/** RCC_CSR.SFTRSTF/RMVF: RM0091, RM0008, RM0316; stm32f072xb.h, stm32f107xc.h,
 * stm32f303xc.h */
#define STM32DFU_F0_F1_F3_RESET 0x40021024u, STM32DFU_BIT(28), 24u
/** RCC_CSR.SFTRSTF/RMVF: RM0033, RM0090, RM0385; stm32f207xx.h, stm32f405xx.h,
 * stm32f746xx.h */
#define STM32DFU_F2_F4_F7_RESET 0x40023874u, STM32DFU_BIT(28), 24u
/** SYSCFG_MEMRMP.MEM_MODE, RCC_APB2ENR.SYSCFGEN: RM0033, RM0090; stm32f405xx.h */
#define STM32DFU_F2_F4_SYSCFG STM32DFU_REMAP_SYSCFG, 0x40013800u, 0x3u, 0x40023844u, 14u
/** SYSCFG_CFGR1.MEM_MODE, RCC_APBENR2.SYSCFGEN: RM0444, RM0490; stm32g0b1xx.h,
 * stm32c071xx.h */
#define STM32DFU_G0_C0_SYSCFG STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x3u, 0x40021040u, 0u
/** RCC_CSR (G0) / RCC_CSR2 (C0) .SFTRSTF/RMVF: RM0444, RM0490; stm32g0b1xx.h,
 * stm32c071xx.h */
#define STM32DFU_G0_C0_RESET 0x40021060u, STM32DFU_BIT(28), 23u
/** SYSCFG_MEMRMP.MEM_MODE, RCC_APB2ENR.SYSCFGEN: RM0440, RM0351; stm32g474xx.h,
 * stm32l476xx.h */
#define STM32DFU_G4_L4_SYSCFG STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x7u, 0x40021060u, 0u
/** RCC_CSR.SFTRSTF/RMVF: RM0440, RM0351, RM0438; stm32g474xx.h, stm32l476xx.h,
 * stm32l552xx.h */
#define STM32DFU_G4_L4_L5_RESET 0x40021094u, STM32DFU_BIT(28), 23u
/** SYSCFG_CFGR1.MEM_MODE, RCC_APB2ENR.SYSCFGEN: RM0367; stm32l073xx.h */
#define STM32DFU_L0_SYSCFG STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x3u, 0x40021034u, 0u
/** RCC_CSR.SFTRSTF/RMVF: RM0367, RM0377; stm32l073xx.h */
#define STM32DFU_L0_RESET 0x40021050u, STM32DFU_BIT(28), 23u
/** RCC_RSR.SFTRSTF/RMVF: RM0481, RM0492; stm32h563xx.h */
#define STM32DFU_H5_RESET 0x44020CF4u, STM32DFU_BIT(28), 23u
/** SYSCFG_MEMRMP.MEM_MODE (SYSCFG always clocked), RCC_CSR.SFTRSTF/RMVF:
 * RM0434, RM0473; stm32wb55xx.h */
#define STM32DFU_WB_SYSCFG_RESET                                                                   \
    STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x7u, 0u, 0u, 0x58000094u, STM32DFU_BIT(28), 23u
/** No SYSCFG remap: VTOR = the ROM table. */
#define STM32DFU_VTOR_ONLY STM32DFU_REMAP_VTOR, 0u, 0u, 0u, 0u
/** RCC_RSR.SFTRSTF/RMVF: RM0433, RM0468, RM0455; stm32h743xx.h */
#define STM32DFU_H7_RESET 0x580244D0u, STM32DFU_BIT(24), 16u
/** Dual-core H7 (RM0399 RCC_RSR): SFT1RSTF (system reset requested by the
 * Cortex-M7) at bit 24 where the H743 has SFTRSTF, SFT2RSTF (by the Cortex-M4)
 * at bit 25, RMVF at 16; not cross-checked against stm32h747xx.h. Either bit
 * passes, because MicroPython's powerctrl.c reads SFT2RSTF on the H747
 * (docs/research/device_side.md#p2) while RM0399 names SFT1RSTF for the M7. */
#define STM32DFU_H7_DUAL_RESET 0x580244D0u, STM32DFU_BIT(24) | STM32DFU_BIT(25), 16u
/** FLASH_OPTCR.BFB2 (FLASH 0x40023C00 + 0x14, bit 4): RM0090 (F42x/F43x), RM0386
 * (F469/F479); stm32f429xx.h, stm32f469xx.h. */
#define STM32DFU_F4_BFB2 0x40023C14u, STM32DFU_BIT(4)
/** FLASH_OPTR.BFB2 (FLASH 0x40022000 + 0x20, bit 20): RM0440 (G47x/G48x), RM0351
 * (L47x/L48x/L49x/L4Ax), RM0392 (L471), RM0432 (L4+); stm32g474xx.h,
 * stm32l476xx.h, stm32l471xx.h, stm32l4r5xx.h. */
#define STM32DFU_G4_L4_BFB2 0x40022020u, STM32DFU_BIT(20)
/** FLASH_OPTR.BFB2 (FLASH 0x40022000 + 0x1C, bit 23) of the L0 category 5 parts
 * (L07x/L08x): RM0367, RM0376, RM0377; stm32l073xx.h, stm32l072xx.h, stm32l071xx.h. */
#define STM32DFU_L0_BFB2 0x4002201Cu, STM32DFU_BIT(23)
/**@}*/

/**
 * The table: one X(...) per row, in this field order:
 * X(id, name, entry, sysmem_base, sysmem_end, sram_base, sram_end, usb_dfu,
 *   blocker, remap, remap_reg, remap_mask, clk_reg, clk_bit,
 *   rst_reg, sftrst_mask, rmvf_bit, bfb2_reg, bfb2_mask, source, status)
 *
 * entry        ROM vector table: word 0 = initial SP, word 1 = reset vector.
 * usb_dfu      1 if the ROM offers USB DFU on this line (AN3156r17 T1 lists
 *              series; lines without a USB peripheral are 0).
 * remap_*      remap method, SYSCFG register, MEM_MODE field mask; clk_reg /
 *              clk_bit enable the SYSCFG clock (0 = always clocked).
 * rst_*        reset-flag register, its software-reset flag(s) as a mask (any
 *              set one passes) and its "remove flags" (RMVF) bit; rst_reg 0 =
 *              no reset-cause gate.
 * bfb2_*       the option register and its BFB2 ("boot from bank 2") bit, on
 *              rows with dual-bank parts: with BFB2 set, the ROM starts a
 *              flash bank instead of staying in the bootloader (docs/research/device_side.md#p14:
 *              QMK stm32_dfu.c; barafael/g4-dual-bank-example #2, #3), so
 *              entry is refused at run time (stm32dfu_rom_entry_blocked()).
 *              On the row's single-bank parts the bit is reserved: their CMSIS
 *              headers (e.g. stm32f405xx.h, stm32g431xx.h, stm32l432xx.h,
 *              stm32l053xx.h) define no BFB2, and it is taken to read 0.
 *              0 = no BFB2. Left out: L1 (RM0038 FLASH_OBR bit 23, named
 *              FLASH_OBR_nRST_BFB2 in stm32l152xe.h: its polarity was not
 *              confirmed) and F1 XL density (no USB DFU).
 */
#define STM32DFU_SERIES_TABLE(X)                                                                   \
    X(F030_F05X, "STM32F030x4/x6/x8, F031, F038, F051, F058", 0x1FFFEC00u, 0x1FFFEC00u,            \
      0x1FFFF800u, 0x20000000u, 0x20008000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_F0_F3_SYSCFG,      \
      STM32DFU_F0_F1_F3_RESET, STM32DFU_NO_REG,                                                    \
      "research §2 (mynewt, RIOT periph/f0, ST-table); no USB peripheral; RM0091",                 \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F04X_F070X6, "STM32F042, F048, F070x6", 0x1FFFC400u, 0x1FFFC400u, 0x1FFFF800u, 0x20000000u,  \
      0x20008000u, 1, STM32DFU_BLOCKER_EMPTY_CHECK, STM32DFU_F0_F3_SYSCFG,                         \
      STM32DFU_F0_F1_F3_RESET, STM32DFU_NO_REG,                                                    \
      "research §2 (QMK, Klipper, mynewt, RIOT); empty check: AN2606 via Klipper PR #6959",        \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F07X, "STM32F070xB, F072, F078", 0x1FFFC800u, 0x1FFFC800u, 0x1FFFF800u, 0x20000000u,         \
      0x20008000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_F0_F3_SYSCFG, STM32DFU_F0_F1_F3_RESET,       \
      STM32DFU_NO_REG, "research §2 (QMK F072, Klipper, mynewt, RIOT); AN3156r17 T1; RM0091",      \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F071, "STM32F071 (no USB peripheral)", 0x1FFFC800u, 0x1FFFC800u, 0x1FFFF800u, 0x20000000u,   \
      0x20008000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_F0_F3_SYSCFG, STM32DFU_F0_F1_F3_RESET,       \
      STM32DFU_NO_REG, "research §2 (same address as F072); F071 lacks USB (RM0091)",              \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F09X, "STM32F030xC, F091, F098", 0x1FFFD800u, 0x1FFFD800u, 0x1FFFF800u, 0x20000000u,         \
      0x20008000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_F0_F3_SYSCFG, STM32DFU_F0_F1_F3_RESET,       \
      STM32DFU_NO_REG, "research §2 (mynewt, RIOT, ST-table); no USB peripheral",                  \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F1, "STM32F100/F101/F102/F103 x6-xE", 0x1FFFF000u, 0x1FFFF000u, 0x1FFFF800u, 0x20000000u,    \
      0x20018000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_F0_F1_F3_RESET,          \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (mynewt, RIOT, stm32duino PR #710); ROM has no USB DFU (QMK, HID2AMI #7)",      \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F1_XL, "STM32F101xG, F103xG", 0x1FFFE000u, 0x1FFFE000u, 0x1FFFF800u, 0x20000000u,            \
      0x20018000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_F0_F1_F3_RESET,          \
      STM32DFU_NO_REG, "research §2 (mynewt, stm32duino PR #710, ST-table); ROM has no USB DFU",   \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F105_F107, "STM32F105, F107", 0x1FFFB000u, 0x1FFFB000u, 0x1FFFF800u, 0x20000000u,            \
      0x20010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_F0_F1_F3_RESET,          \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (mynewt, stm32duino PR #710, glegrain gist tested on F107); AN3156r17 T1",      \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F2, "STM32F2", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7800u, 0x20000000u, 0x20020000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_F2_F4_SYSCFG, STM32DFU_F2_F4_F7_RESET, STM32DFU_NO_REG,      \
      "research §2 (RIOT periph/f2, ST-table); AN3156r17 T1; RM0033 Rev 9",                        \
      STM32DFU_STATUS_TWO_SOURCES)                                                                 \
    X(F3, "STM32F302xB-xE, F303xB-xE, F373", 0x1FFFD800u, 0x1FFFD800u, 0x1FFFF800u, 0x20000000u,   \
      0x20010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_F0_F3_SYSCFG, STM32DFU_F0_F1_F3_RESET,       \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (QMK F303 PR #21447, RIOT, mynewt, Opentrons); AN3156r17 T1; RM0316 Rev 8",     \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F4, "STM32F401/405/407/411/412/415/417/427/429/437/439/446/469/479", 0x1FFF0000u,            \
      0x1FFF0000u, 0x1FFF7800u, 0x20000000u, 0x20050000u, 1, STM32DFU_BLOCKER_NONE,                \
      STM32DFU_F2_F4_SYSCFG, STM32DFU_F2_F4_F7_RESET, STM32DFU_F4_BFB2,                            \
      "research §2 (Betaflight, QMK, Klipper, RIOT, mynewt, CircuitPython, MicroPython); RM0090",  \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(F410, "STM32F410 (no USB peripheral)", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7800u, 0x20000000u,   \
      0x20008000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_F2_F4_SYSCFG, STM32DFU_F2_F4_F7_RESET,       \
      STM32DFU_NO_REG, "research §2 (F4 row: F410 has no USB)", STM32DFU_STATUS_VERIFIED)          \
    X(F413_F423, "STM32F413, F423", 0x1FF00000u, 0x1FF00000u, 0x1FF10000u, 0x20000000u,            \
      0x20050000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_F2_F4_SYSCFG, STM32DFU_F2_F4_F7_RESET,       \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (mynewt F413+F423, RIOT F423); issue 8: no third source found, AN2606's "      \
      "F413/F423 table not reachable; stm32f413xx.h (FLASH_OTP_BASE 0x1FFF7800 as on the F405) "   \
      "does not place the ROM",                                                                    \
      STM32DFU_STATUS_TWO_SOURCES)                                                                 \
    X(F7, "STM32F7", 0x1FF00000u, 0x1FF00000u, 0x1FF10000u, 0x20000000u, 0x20080000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_F2_F4_F7_RESET, STM32DFU_NO_REG,         \
      "research §2 (MicroPython, Betaflight, INAV, RIOT, mynewt, CubeF7 example; Klipper's "      \
      "0x1FFF0000 treated as a bug); RM0385 Rev 8",                                                \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(G0, "STM32G030-G081 (no USB peripheral)", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u,             \
      0x20000000u, 0x20024000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_G0_C0_SYSCFG,                   \
      STM32DFU_G0_C0_RESET, STM32DFU_NO_REG,                                                       \
      "research §2 (RIOT periph/g0, Klipper, ST-table; mynewt's 0x0BF90000 rejected); RM0444",     \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(G0B1_G0C1, "STM32G0B1, G0C1", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u, 0x20000000u,            \
      0x20024000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_G0_C0_SYSCFG, STM32DFU_G0_C0_RESET,          \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (RIOT, Klipper PR #5596, ST-table; mynewt's 0x0BF90000 rejected); RM0444",      \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(G4, "STM32G4", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u, 0x20000000u, 0x20020000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_G4_L4_SYSCFG, STM32DFU_G4_L4_L5_RESET, STM32DFU_G4_L4_BFB2,  \
      "research §2 (Betaflight, QMK PR #22138, Klipper, RIOT, Opentrons; mynewt rejected); "      \
      "RM0440 Rev 8",                                                                              \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(H503, "STM32H503", 0x0BF87000u, 0x0BF80000u, 0x0BF90000u, 0x20000000u, 0x20008000u, 1,       \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H5_RESET, STM32DFU_NO_REG,               \
      "research §2 (Betaflight, mynewt, ST-table); RCC_RSR per RM0492, stm32h563xx.h",             \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(H56X_H57X, "STM32H562, H563, H573", 0x0BF97000u, 0x0BF80000u, 0x0BFA0000u, 0x20000000u,      \
      0x200A0000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H5_RESET,                \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (Betaflight 3d31f628e6, MicroPython, mynewt, ST-table; not 0x0BF80000); "      \
      "RCC_RSR per RM0481, stm32h563xx.h",                                                         \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(H74X_H75X, "STM32H742/743/750/753", 0x1FF09800u, 0x1FF00000u, 0x1FF20000u, 0x20000000u,      \
      0x38010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H7_RESET,                \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (ST KB H7 article, Betaflight, INAV, Klipper, ArduPilot PR #31770; "           \
      "MicroPython/RIOT/mynewt 0x1FF00000 rejected); RM0433 Rev 8",                                \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(H745_H757, "STM32H745/747/755/757 (dual core, Cortex-M7 side)", 0x1FF09800u, 0x1FF00000u,    \
      0x1FF20000u, 0x20000000u, 0x38010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY,         \
      STM32DFU_H7_DUAL_RESET, STM32DFU_NO_REG,                                                     \
      "research §2 (ST KB H7 article, Betaflight, INAV, Klipper, ArduPilot PR #31770; "           \
      "MicroPython/RIOT/mynewt 0x1FF00000 rejected); RM0399",                                      \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(H72X_H73X, "STM32H723/725/730/733/735", 0x1FF09800u, 0x1FF00000u, 0x1FF20000u, 0x20000000u,  \
      0x38010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H7_RESET,                \
      STM32DFU_NO_REG,                                                                             \
      "research §2 (Betaflight, Klipper H723 PR #5936 on hardware, ST article); RM0468 Rev 3; "   \
      "issue 8: ST KB 'How to jump to system bootloader' (H723ZG entry is not the system-memory "  \
      "base, AN2606 table) and ST KB H7 article give 0x1FF09800; 0x1FF09000 is only a comment "    \
      "in one unrelated application, rejected; stm32h723xx.h D1_AXIICP_BASE 0x1FF00000 bounds",    \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(H7A3, "STM32H7A3", 0x1FF0A800u, 0x1FF00000u, 0x1FF20000u, 0x20000000u, 0x38010000u, 1,       \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H7_RESET, STM32DFU_NO_REG,               \
      "research §2 (ST-table; Betaflight 0x1FF0A000 and INAV 0x1FF09800 disagree); RM0455",        \
      STM32DFU_STATUS_CONFLICT)                                                                    \
    X(H7B0_H7B3, "STM32H7B0, H7B3", 0x1FF0A000u, 0x1FF00000u, 0x1FF20000u, 0x20000000u,            \
      0x38010000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_H7_RESET,                \
      STM32DFU_NO_REG, "research §2 (ST-table only); RM0455", STM32DFU_STATUS_ONE_SOURCE)          \
    X(L0, "STM32L052/053/062/063/072/073/082/083", 0x1FF00000u, 0x1FF00000u, 0x1FF02000u,          \
      0x20000000u, 0x20005000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_L0_SYSCFG, STM32DFU_L0_RESET,   \
      STM32DFU_L0_BFB2,                                                                            \
      "research §2 (RIOT, mynewt, ST-table, MicroPython 06661890de); RM0367 Rev 7",                \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(L0_NOUSB, "STM32L031/041/051/071/081 (no USB peripheral)", 0x1FF00000u, 0x1FF00000u,         \
      0x1FF02000u, 0x20000000u, 0x20005000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_L0_SYSCFG,         \
      STM32DFU_L0_RESET, STM32DFU_L0_BFB2, "research §2 (L0 row); RM0377 (L0x1)",                  \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(L01X_L02X, "STM32L010, L011, L021", 0x1FF00000u, 0x1FF00000u, 0x1FF02000u, 0x20000000u,      \
      0x20005000u, 0, STM32DFU_BLOCKER_EMPTY_CHECK, STM32DFU_L0_SYSCFG, STM32DFU_L0_RESET,         \
      STM32DFU_NO_REG, "research §2 and P13 (AN2606 empty check via Klipper PR #6959); RM0377",    \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(L1, "STM32L1", 0x1FF00000u, 0x1FF00000u, 0x1FF02000u, 0x20000000u, 0x20014000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_REMAP_SYSCFG, 0x40010000u, 0x3u, 0x40023820u, 0u,            \
      0x40023834u, STM32DFU_BIT(28), 24u, STM32DFU_NO_REG,                                         \
      "research §2 (RIOT, mynewt, ST-table); SYSCFG_MEMRMP, RCC_CSR: RM0038, stm32l152xe.h",       \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(L4, "STM32L4/L4+ with USB", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u, 0x20000000u, 0x200A0000u, \
      1, STM32DFU_BLOCKER_NONE, STM32DFU_G4_L4_SYSCFG, STM32DFU_G4_L4_L5_RESET,                    \
      STM32DFU_G4_L4_BFB2,                                                                         \
      "research §2 (QMK L432/L433, Klipper, RIOT, mynewt, stm32duino PR #710); RM0351 Rev 9",      \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(L4_NOUSB, "STM32L431, L451, L471 (no USB peripheral)", 0x1FFF0000u, 0x1FFF0000u,             \
      0x1FFF7000u, 0x20000000u, 0x200A0000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_G4_L4_SYSCFG,      \
      STM32DFU_G4_L4_L5_RESET, STM32DFU_G4_L4_BFB2,                                                \
      "research §2 (L4 row); RM0394 Rev 4; BFB2 (L471): RM0392", STM32DFU_STATUS_VERIFIED)         \
    X(L5, "STM32L5", 0x0BF90000u, 0x0BF90000u, 0x0BF98000u, 0x20000000u, 0x20040000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_G4_L4_L5_RESET, STM32DFU_NO_REG,         \
      "research §2 (RIOT periph/l5, ST-table); RCC_CSR per RM0438, stm32l552xx.h",                 \
      STM32DFU_STATUS_TWO_SOURCES)                                                                 \
    X(U5, "STM32U5", 0x0BF90000u, 0x0BF90000u, 0x0BFA0000u, 0x20000000u, 0x20300000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, 0x46020CF4u, STM32DFU_BIT(28), 23u,               \
      STM32DFU_NO_REG, "research §2 (RIOT, mynewt, ST-table); RCC_CSR per RM0456, stm32u575xx.h",  \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(U3, "STM32U3", 0x0BF8F000u, 0x0BF80000u, 0x0BFA0000u, 0x20000000u, 0x20040000u, 1,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_NO_REG, 0u, STM32DFU_NO_REG,             \
      "research §2 (RIOT periph/u3 only); AN3156r17 T1; issue 8: stm32u375xx.h "                  \
      "SYSTEM_FLASH_BASE_NS 0x0BF80000, OTP at +0x20000, so the entry lies in system flash; "      \
      "AN2606's U3 table not reachable",                                                           \
      STM32DFU_STATUS_ONE_SOURCE)                                                                  \
    X(U0, "STM32U0", 0x0u, 0x0u, 0x0u, 0x20000000u, 0x20010000u, 1, STM32DFU_BLOCKER_NO_ADDRESS,   \
      STM32DFU_VTOR_ONLY, STM32DFU_NO_REG, 0u, STM32DFU_NO_REG,                                    \
      "AN3156r17 T1 lists U0; research §2 found no entry address", STM32DFU_STATUS_UNKNOWN)        \
    X(WB, "STM32WB35, WB55, WB5M", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u, 0x20000000u,             \
      0x20040000u, 1, STM32DFU_BLOCKER_NONE, STM32DFU_WB_SYSCFG_RESET, STM32DFU_NO_REG,            \
      "research §2 (stm32duino PR #710 on WB55, RIOT, mynewt, ST-table, MicroPython); RM0434",     \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(WB_NOUSB, "STM32WB10, WB15, WB1M (no USB peripheral)", 0x1FFF0000u, 0x1FFF0000u,             \
      0x1FFF7000u, 0x20000000u, 0x20040000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_WB_SYSCFG_RESET,   \
      STM32DFU_NO_REG, "research §2 (WB row); RM0473", STM32DFU_STATUS_VERIFIED)                   \
    X(WBA, "STM32WBA", 0x0BF88000u, 0x0BF80000u, 0x0BF90000u, 0x20000000u, 0x20080000u, 1,         \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_NO_REG, 0u, STM32DFU_NO_REG,             \
      "research §2 (ST-table only); AN3156r17 T1", STM32DFU_STATUS_ONE_SOURCE)                     \
    X(WL, "STM32WL", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7000u, 0x20000000u, 0x20010000u, 0,           \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_NO_REG, 0u, STM32DFU_NO_REG,             \
      "research §2 (RIOT periph/wl, meshtastic PR #10158); no USB, not in AN3156r17 T1",           \
      STM32DFU_STATUS_VERIFIED)                                                                    \
    X(C0, "STM32C071", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7800u, 0x20000000u, 0x20009000u, 1,         \
      STM32DFU_BLOCKER_NONE, STM32DFU_G0_C0_SYSCFG, STM32DFU_G0_C0_RESET, STM32DFU_NO_REG,         \
      "research §2 (RIOT periph/c0, ST-table); AN3156r17 T1; RCC_CSR2 per RM0490, stm32c071xx.h",  \
      STM32DFU_STATUS_TWO_SOURCES)                                                                 \
    X(C0_NOUSB, "STM32C011, C031 (no USB peripheral)", 0x1FFF0000u, 0x1FFF0000u, 0x1FFF7800u,      \
      0x20000000u, 0x20009000u, 0, STM32DFU_BLOCKER_NONE, STM32DFU_G0_C0_SYSCFG,                   \
      STM32DFU_G0_C0_RESET, STM32DFU_NO_REG, "research §2 (C0 row); RM0490 Rev 3",                 \
      STM32DFU_STATUS_TWO_SOURCES)                                                                 \
    X(CUSTOM, "custom (emulator or stand-in bootloader)", STM32DFU_CUSTOM_ENTRY,                   \
      STM32DFU_CUSTOM_SYSMEM_BASE, STM32DFU_CUSTOM_SYSMEM_BASE + STM32DFU_CUSTOM_SYSMEM_SIZE,      \
      STM32DFU_CUSTOM_SRAM_BASE, STM32DFU_CUSTOM_SRAM_BASE + STM32DFU_CUSTOM_SRAM_SIZE, 1,         \
      STM32DFU_BLOCKER_NONE, STM32DFU_VTOR_ONLY, STM32DFU_NO_REG, 0u, STM32DFU_NO_REG,             \
      "the build: STM32DFU_CUSTOM_ENTRY, _SYSMEM_BASE/SIZE, _SRAM_BASE/SIZE",                      \
      STM32DFU_STATUS_CUSTOM)

/** One row of the table, as data (host tools and tests). */
struct stm32dfu_series_row {
    const char *id;            /**< row id, e.g. "F4" (the STM32DFU_SERIES value) */
    const char *name;          /**< the lines the row covers */
    unsigned long entry;       /**< ROM vector table address */
    unsigned long sysmem_base; /**< system memory plausibility bound, inclusive */
    unsigned long sysmem_end;  /**< system memory plausibility bound, exclusive */
    unsigned long sram_base;   /**< SRAM plausibility bound, inclusive */
    unsigned long sram_end;    /**< SRAM plausibility bound, inclusive for an SP */
    int usb_dfu;               /**< 1 if the ROM offers USB DFU on this line */
    int blocker;               /**< STM32DFU_BLOCKER_* */
    int remap;                 /**< STM32DFU_REMAP_* */
    unsigned long remap_reg;   /**< SYSCFG_MEMRMP/CFGR1 address, 0 if none */
    unsigned long remap_mask;  /**< MEM_MODE field mask */
    unsigned long clk_reg;     /**< SYSCFG clock-enable register, 0 if none */
    unsigned clk_bit;          /**< SYSCFG clock-enable bit */
    unsigned long rst_reg;     /**< reset-flag register, 0 = no reset-cause gate */
    unsigned long sftrst_mask; /**< software-reset flag(s) in rst_reg; any set passes */
    unsigned rmvf_bit;         /**< remove-flags bit in rst_reg */
    unsigned long bfb2_reg;    /**< option register holding BFB2, 0 if none */
    unsigned long bfb2_mask;   /**< the BFB2 bit in bfb2_reg */
    const char *source;        /**< citation */
    int status;                /**< STM32DFU_STATUS_* */
};

/** Expands one table row into a struct stm32dfu_series_row initialiser. The
 *  outer macro lets the shared field groups (which hold commas) expand first. */
#define STM32DFU_SERIES_ROW_INIT(...) STM32DFU_SERIES_ROW_FIELDS(__VA_ARGS__)
/** The inner half of STM32DFU_SERIES_ROW_INIT: the fields, named. */
#define STM32DFU_SERIES_ROW_FIELDS(id, name, entry, sb, se, rb, re, usb, blk, remap, rreg, rmask,  \
                                   creg, cbit, sreg, smask, rbit, breg, bmask, src, st)            \
    {#id,   name, entry, sb,   se,    rb,   re,   usb,   blk, remap, rreg,                         \
     rmask, creg, cbit,  sreg, smask, rbit, breg, bmask, src, st},

#endif /* STM32DFU_SERIES_H */
