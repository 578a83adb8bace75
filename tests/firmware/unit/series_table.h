/* SPDX-License-Identifier: MIT */
/*
 * Every row of stm32dfu_series.h as an array, for the series table test
 * (test_series.c), its only user; the firmware picks its one row at compile
 * time (stm32dfu_series_select.h).
 */
#ifndef STM32DFU_SERIES_TABLE_H
#define STM32DFU_SERIES_TABLE_H

#include <stddef.h>

#include "stm32dfu_series.h"

/** Every row, in table order. */
extern const struct stm32dfu_series_row stm32dfu_series_rows[];
/** Number of rows in stm32dfu_series_rows. */
extern const size_t stm32dfu_series_row_count;

#endif /* STM32DFU_SERIES_TABLE_H */
