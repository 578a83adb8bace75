/* SPDX-License-Identifier: MIT */
/* Whether eight bytes look like a Cortex-M vector table on a device: word 0
 * the initial SP, word 1 the reset vector, whose bit 0 is 1 (Thumb) (Armv7-M
 * ARM DDI0403E B1.5.3). The same check the ROM-side code makes before it jumps
 * (docs/research/device_side.md#s3), here for an application before a leave. */
#include <stdio.h>
#include <string.h>

#include "device_private.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A full-descending stack: the top of a block is a valid initial SP. */
static bool in_sram(const struct sram_range *sram, uint32_t sp)
{
    for (size_t i = 0; i < SERIES_SRAM_RANGES; i++) {
        const struct sram_range *r = &sram[i];
        if (r->size && sp > r->base && sp - r->base <= r->size)
            return true;
    }
    return false;
}

static void describe_sram(const struct sram_range *sram, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < SERIES_SRAM_RANGES && used < len; i++) {
        const struct sram_range *r = &sram[i];
        if (r->size)
            used += (size_t)snprintf(out + used, len - used, "%s0x%08X-0x%08X", i ? ", " : "",
                                     (unsigned int)r->base, (unsigned int)(r->base + r->size - 1));
    }
}

static int refuse(struct stm32dfu_error_detail *detail, uint32_t address, const char *format,
                  uint32_t value, const char *extra)
{
    if (detail) {
        memset(detail, 0, sizeof(*detail));
        detail->code = STM32DFU_ERROR_FORMAT;
        detail->has_address = true;
        detail->address = address;
        snprintf(detail->message, sizeof(detail->message), format, (unsigned int)value, extra);
    }
    return STM32DFU_ERROR_FORMAT;
}

int stm32dfu_check_vector_table(const struct stm32dfu_device_info *info, uint32_t address,
                                const uint8_t table[8], struct stm32dfu_error_detail *detail)
{
    struct sram_range sram[SERIES_SRAM_RANGES];
    s32dfu_series_sram(info, sram);
    uint32_t sp = le32(table), pc = le32(table + 4);
    if (!in_sram(sram, sp)) {
        char ranges[96];
        describe_sram(sram, ranges, sizeof(ranges));
        return refuse(detail, address, "its initial SP 0x%08X is not inside the SRAM (%s)", sp,
                      ranges);
    }
    if (!(pc & 1u))
        return refuse(detail, address + 4, "its reset vector 0x%08X is even, not a Thumb address%s",
                      pc, "");
    /* The internal flash is alternate setting 0 ("@Internal Flash",
     * docs/research/host_side.md#s1.1). */
    stm32dfu_memory_map *map;
    if (info->alt_count == 0 || stm32dfu_parse_memory_map(info->alt_names[0], &map, NULL) < 0)
        return STM32DFU_ERROR_UNSUPPORTED;
    struct stm32dfu_memory_sector sector;
    bool in_flash = stm32dfu_memory_map_find_sector(map, pc & ~1u, &sector) == 0;
    stm32dfu_free_memory_map(map);
    if (!in_flash)
        return refuse(detail, address + 4, "its reset vector 0x%08X is not inside the flash%s", pc,
                      "");
    return 0;
}
