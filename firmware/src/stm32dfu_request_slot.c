/* SPDX-License-Identifier: MIT */
/* The request record's RAM slot: 16 bytes in .stm32dfu_noinit, which the
 * linker fragment firmware/ld/stm32dfu_noinit.ld places at the top of RAM,
 * NOLOAD, so neither startup code nor the ROM initialises it. */
#include "fp_free.h"

#include "internal.h"

__attribute__((section(".stm32dfu_noinit"),
               aligned(8))) volatile struct stm32dfu_record stm32dfu_request_slot;

_Static_assert(sizeof(struct stm32dfu_record) == 16, "the record must fit its 16-byte slot");
