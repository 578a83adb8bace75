/* SPDX-License-Identifier: MIT */
/* The flash plan shared by flash.c (erase, write, verify) and
 * flash_inspect.c (the read-first checks); not exported. */
#ifndef STM32DFU_FLASH_PLAN_H
#define STM32DFU_FLASH_PLAN_H

#include "device_private.h"

/* One touched sector and what the plan does with it. */
struct sector {
    uint32_t start;
    uint32_t size;
    bool erase;
    bool write;
    /* read-first results: the image's bytes already there; all of them 0xFF */
    bool same;
    bool blank;
};

struct plan {
    struct sector *sectors;
    size_t count;
};

/* Whether the options ask to read the flash before erasing it. */
bool s32dfu_flash_inspection_wanted(const stm32dfu_device *dev,
                                    const struct stm32dfu_flash_options *o);

/* Reads just enough of each touched sector to decide: a sector holding the
 * image's bytes needs neither erase nor write (skip_unchanged); one whose
 * every byte reads 0xFF needs no erase where the series has no ECC
 * (skip_blank_erase). */
int s32dfu_flash_inspect(stm32dfu_device *dev, struct plan *plan,
                         const struct stm32dfu_segment *segments, size_t count,
                         const struct stm32dfu_flash_options *o, struct stm32dfu_flash_report *rep);

#endif
