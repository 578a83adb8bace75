/* SPDX-License-Identifier: MIT */
/* The memory map of the current alternate setting, parsed by the image part's
 * stm32dfu_memory_map (ST UM0424 §4.3.2 grammar, host_side.md §1.9), and the
 * page lookups the flash planner needs. */
#include <string.h>

#include "device_private.h"

#define OPTION_BYTES_NAME "Option Bytes"

int s32dfu_layout_load(stm32dfu_device *dev)
{
    stm32dfu_free_memory_map(dev->map);
    dev->map = NULL;
    int r = stm32dfu_parse_memory_map(dev->info.alt_names[dev->alt], &dev->map, NULL);
    if (r < 0)
        s32dfu_log(dev->ctx, STM32DFU_LOG_WARNING, "alt %u: no usable memory layout in '%s'",
                   dev->alt, dev->info.alt_names[dev->alt]);
    return r;
}

bool s32dfu_layout_is_option_bytes(const stm32dfu_device *dev)
{
    return dev->map && strcmp(stm32dfu_memory_map_name(dev->map), OPTION_BYTES_NAME) == 0;
}

int s32dfu_layout_find_page(const stm32dfu_device *dev, uint32_t address, struct layout_page *page)
{
    if (!dev->map)
        return STM32DFU_ERROR_UNSUPPORTED;
    struct stm32dfu_memory_sector s;
    int r = stm32dfu_memory_map_find_sector(dev->map, address, &s);
    if (r < 0)
        return r;
    *page = (struct layout_page){.start = s.start,
                                 .size = s.size,
                                 .readable = s.readable,
                                 .erasable = s.erasable,
                                 .writeable = s.writeable};
    return 0;
}

int s32dfu_layout_option_bytes(const struct stm32dfu_device_info *info,
                               struct layout_region *region)
{
    for (unsigned int alt = 0; alt < info->alt_count; alt++) {
        stm32dfu_memory_map *map;
        if (stm32dfu_parse_memory_map(info->alt_names[alt], &map, NULL) < 0)
            continue;
        const struct stm32dfu_memory_region *regions;
        bool found = strcmp(stm32dfu_memory_map_name(map), OPTION_BYTES_NAME) == 0 &&
                     stm32dfu_memory_map_get_regions(map, &regions) > 0;
        if (found)
            *region =
                (struct layout_region){.alt = alt,
                                       .start = regions[0].start,
                                       .size = regions[0].sector_size * regions[0].sector_count};
        stm32dfu_free_memory_map(map);
        if (found)
            return 0;
    }
    return STM32DFU_ERROR_UNSUPPORTED;
}
