/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu: the series row chosen for this build, and the compile-time refusal
 * of series whose ROM cannot be entered over USB DFU from application code.
 *
 * The row comes from, in order:
 *  1. -DSTM32DFU_SERIES_CUSTOM=1 with STM32DFU_CUSTOM_SYSMEM_BASE/SIZE and
 *     STM32DFU_CUSTOM_SRAM_BASE/SIZE (emulators, stand-in bootloaders);
 *  2. an explicit -DSTM32DFU_SERIES=<row id> (a row id of stm32dfu_series.h);
 *  3. the CMSIS device macro, e.g. -DSTM32F405xx (stm32dfu_series_map.h).
 * Anything else is a compile error: there is no default series.
 */
#ifndef STM32DFU_SERIES_SELECT_H
#define STM32DFU_SERIES_SELECT_H

#include "stm32dfu_series.h"

/** Set to 1 to build for a series without USB DFU in ROM or with a known
 *  blocker (the empty check). The series with no known address stays refused. */
#ifndef STM32DFU_ALLOW_UNSUPPORTED_SERIES
#define STM32DFU_ALLOW_UNSUPPORTED_SERIES 0
#endif

#if defined(STM32DFU_SERIES_CUSTOM) && STM32DFU_SERIES_CUSTOM
#if defined(STM32DFU_SERIES)
#error "stm32dfu: STM32DFU_SERIES_CUSTOM=1 and STM32DFU_SERIES are both set; keep one of them"
#endif
#if STM32DFU_CUSTOM_SYSMEM_SIZE == 0 || STM32DFU_CUSTOM_SRAM_SIZE == 0
#error                                                                                             \
    "stm32dfu: STM32DFU_SERIES_CUSTOM=1 needs STM32DFU_CUSTOM_SYSMEM_BASE/_SIZE and STM32DFU_CUSTOM_SRAM_BASE/_SIZE (non-zero sizes)"
#endif
#define STM32DFU_SERIES CUSTOM
#elif !defined(STM32DFU_SERIES)
#include "stm32dfu_series_map.h"
#if defined(STM32DFU_SERIES_FROM_CMSIS)
#define STM32DFU_SERIES STM32DFU_SERIES_FROM_CMSIS
#else
#error                                                                                             \
    "stm32dfu: no STM32 series selected: define the CMSIS device macro (e.g. -DSTM32F405xx), or -DSTM32DFU_SERIES=<row id of stm32dfu_series.h>, or -DSTM32DFU_SERIES_CUSTOM=1"
#endif
#endif

/** Expands a row into its STM32DFU_SERIES_INDEX_<id> constant. */
#define STM32DFU_SERIES_INDEX_ENUM(id, ...) STM32DFU_SERIES_INDEX_##id,
/** Row numbers, so a row can be picked by its id token. An unknown
 *  -DSTM32DFU_SERIES=<id> fails here as "STM32DFU_SERIES_INDEX_<id> undeclared". */
enum stm32dfu_series_index { STM32DFU_SERIES_TABLE(STM32DFU_SERIES_INDEX_ENUM) };

/** Expands a row into its STM32DFU_SERIES_USB_DFU_<id> and
 *  STM32DFU_SERIES_BLOCKER_<id> constants. */
#define STM32DFU_SERIES_GATE_ENUM(id, name, entry, sb, se, rb, re, usb, blk, ...)                  \
    STM32DFU_SERIES_USB_DFU_##id = (usb), STM32DFU_SERIES_BLOCKER_##id = (blk),
/** The two fields the compile-time refusal needs, as integer constants. */
enum stm32dfu_series_gate { STM32DFU_SERIES_TABLE(STM32DFU_SERIES_GATE_ENUM) };

/** Token pasting, \p a then \p b, unexpanded. */
#define STM32DFU_PASTE(a, b) a##b
/** Token pasting after macro expansion of \p a and \p b. */
#define STM32DFU_XPASTE(a, b) STM32DFU_PASTE(a, b)
/** Index of the selected row. */
#define STM32DFU_SELECTED_INDEX STM32DFU_XPASTE(STM32DFU_SERIES_INDEX_, STM32DFU_SERIES)
/** 1 if the selected row's ROM offers USB DFU. */
#define STM32DFU_SELECTED_USB_DFU STM32DFU_XPASTE(STM32DFU_SERIES_USB_DFU_, STM32DFU_SERIES)
/** The selected row's STM32DFU_BLOCKER_*. */
#define STM32DFU_SELECTED_BLOCKER STM32DFU_XPASTE(STM32DFU_SERIES_BLOCKER_, STM32DFU_SERIES)

_Static_assert(STM32DFU_SELECTED_BLOCKER != STM32DFU_BLOCKER_NO_ADDRESS,
               "stm32dfu: no ROM bootloader entry address is known for this series (STM32U0: "
               "AN3156 Rev 17 lists it, but no source gives the address). Enter with BOOT0, or "
               "use -DSTM32DFU_SERIES_CUSTOM=1 with the address from AN2606.");
_Static_assert(STM32DFU_ALLOW_UNSUPPORTED_SERIES || STM32DFU_SELECTED_USB_DFU,
               "stm32dfu: the ROM bootloader of this series/line offers no USB DFU (not in AN3156 "
               "Rev 17 Table 1, or the part has no USB peripheral; see stm32dfu_series.h). Use the "
               "UART bootloader, or build with -DSTM32DFU_ALLOW_UNSUPPORTED_SERIES=1.");
_Static_assert(STM32DFU_ALLOW_UNSUPPORTED_SERIES ||
                   STM32DFU_SELECTED_BLOCKER != STM32DFU_BLOCKER_EMPTY_CHECK,
               "stm32dfu: this line has the ROM 'empty check' (F04x, F070x6, L01x, L02x): entered "
               "from user code, its ROM jumps straight back to the application (AN2606 note, see "
               "Klipper PR #6959). Enter with BOOT0, or build with "
               "-DSTM32DFU_ALLOW_UNSUPPORTED_SERIES=1 if you erase flash page 0 first.");

/** Every row as data, for STM32DFU_SELECTED; unused rows are dropped at -Os. */
__attribute__((unused)) static const struct stm32dfu_series_row stm32dfu_selected_series_rows[] = {
    STM32DFU_SERIES_TABLE(STM32DFU_SERIES_ROW_INIT)};
/** The selected row as data; every field read at -Os folds to a constant. */
#define STM32DFU_SELECTED (stm32dfu_selected_series_rows[STM32DFU_SELECTED_INDEX])

#endif /* STM32DFU_SERIES_SELECT_H */
