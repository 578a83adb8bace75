/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for DfuSe memory-layout strings. A parsed map is then asked
 * for the sector of each region's first and last byte, checked against one
 * segment per region and listed by sector; any inconsistency aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "stm32dfu_host.h"

static void exercise(const stm32dfu_memory_map *map)
{
    const struct stm32dfu_memory_region *regions;
    size_t count = stm32dfu_memory_map_get_regions(map, &regions);
    static const uint8_t bytes[16];
    for (size_t i = 0; i < count; i++) {
        const struct stm32dfu_memory_region *r = &regions[i];
        uint32_t last = (uint32_t)(r->start + (uint64_t)r->sector_size * r->sector_count - 1);
        struct stm32dfu_memory_sector sector;
        if (stm32dfu_memory_map_find_sector(map, last, &sector) != 0 || sector.start > last ||
            last - sector.start >= sector.size)
            abort();
        struct stm32dfu_segment segment = {r->start, r->sector_size < 16 ? r->sector_size : 16,
                                           bytes};
        int rc = stm32dfu_memory_map_check(map, &segment, 1, NULL);
        if ((rc == 0) != r->writeable)
            abort();
        struct stm32dfu_memory_sector *sectors = NULL;
        if (stm32dfu_memory_map_get_sectors(map, &segment, 1, &sectors) != 1 ||
            sectors[0].start != r->start)
            abort();
        stm32dfu_free_sectors(sectors);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *layout = malloc(size + 1);
    if (!layout)
        return 0;
    memcpy(layout, data, size);
    layout[size] = '\0';
    stm32dfu_memory_map *map = NULL;
    struct stm32dfu_error_detail detail;
    int rc = stm32dfu_parse_memory_map(layout, &map, &detail);
    if (rc == 0) {
        exercise(map);
        stm32dfu_free_memory_map(map);
    } else if (map || detail.code != rc) {
        abort();
    }
    free(layout);
    return 0;
}
