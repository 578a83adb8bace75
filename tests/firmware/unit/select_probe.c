/* SPDX-License-Identifier: MIT */
/*
 * Compiled (not run) by the firmware/unit/select tests: selects a series the
 * way the firmware library does (stm32dfu_series_select.h) from the -D flags
 * given, and, with EXPECT_ROW=<row id>, fails to compile unless that row was
 * chosen. The refusal tests check the compiler's message instead.
 */
#include "stm32dfu_series_select.h"

#ifdef EXPECT_ROW
#define PROBE_INDEX(id)  STM32DFU_PASTE(STM32DFU_SERIES_INDEX_, id)
#define PROBE_STRING(x)  #x
#define PROBE_XSTRING(x) PROBE_STRING(x)
_Static_assert(STM32DFU_SELECTED_INDEX == PROBE_INDEX(EXPECT_ROW),
               "selected row is not " PROBE_XSTRING(EXPECT_ROW));
#endif

unsigned long probe_entry(void);

unsigned long probe_entry(void)
{
    return STM32DFU_SELECTED.entry;
}
