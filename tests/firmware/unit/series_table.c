/* SPDX-License-Identifier: MIT */
/* The whole series table as data, for test_series.c. */
#include "series_table.h"

const struct stm32dfu_series_row stm32dfu_series_rows[] = {
    STM32DFU_SERIES_TABLE(STM32DFU_SERIES_ROW_INIT)};

const size_t stm32dfu_series_row_count =
    sizeof stm32dfu_series_rows / sizeof stm32dfu_series_rows[0];
