/* SPDX-License-Identifier: MIT */
/* Checking an image against a memory map, and the sectors (erase units) it touches. */
#include <stdlib.h>

#include "image_private.h"

static uint64_t region_end(const struct stm32dfu_memory_region *region)
{
    return region->start + (uint64_t)region->sector_size * region->sector_count;
}

static const struct stm32dfu_memory_region *find_region(const stm32dfu_memory_map *map,
                                                        uint64_t address, size_t *index)
{
    for (size_t i = 0; i < map->region_count; i++) {
        if (address >= map->regions[i].start && address < region_end(&map->regions[i])) {
            *index = i;
            return &map->regions[i];
        }
    }
    return NULL;
}

int stm32dfu_memory_map_find_sector(const stm32dfu_memory_map *map, uint32_t address,
                                    struct stm32dfu_memory_sector *sector)
{
    size_t index;
    const struct stm32dfu_memory_region *region = find_region(map, address, &index);
    if (!region)
        return STM32DFU_ERROR_OUT_OF_RANGE;
    uint32_t k = (address - region->start) / region->sector_size;
    *sector = (struct stm32dfu_memory_sector){
        .start = region->start + k * region->sector_size,
        .size = region->sector_size,
        .region = (unsigned int)index,
        .readable = region->readable,
        .erasable = region->erasable,
        .writeable = region->writeable,
    };
    return STM32DFU_SUCCESS;
}

static uint64_t distance(const struct stm32dfu_memory_region *region, uint64_t address)
{
    if (address < region->start)
        return region->start - address;
    return address - (region_end(region) - 1);
}

static int outside(const stm32dfu_memory_map *map, const struct stm32dfu_segment *segment,
                   uint32_t address, struct stm32dfu_error_detail *detail)
{
    const struct stm32dfu_memory_region *nearest = NULL;
    for (size_t i = 0; i < map->region_count; i++) {
        if (!nearest || distance(&map->regions[i], address) < distance(nearest, address))
            nearest = &map->regions[i];
    }
    uint32_t last = (uint32_t)(segment->address + (uint64_t)segment->len_bytes - 1);
    if (!nearest)
        s32dfu_detail_set(detail, STM32DFU_ERROR_OUT_OF_RANGE, "0x%08X: %s has no regions",
                          (unsigned)address, map->name);
    else
        s32dfu_detail_set(detail, STM32DFU_ERROR_OUT_OF_RANGE,
                          "0x%08X (image data 0x%08X-0x%08X) is outside %s; the nearest region is "
                          "0x%08X-0x%08X; check the link address or the load address",
                          (unsigned)address, (unsigned)segment->address, (unsigned)last, map->name,
                          (unsigned)nearest->start, (unsigned)(region_end(nearest) - 1));
    s32dfu_detail_set_address(detail, address);
    return STM32DFU_ERROR_OUT_OF_RANGE;
}

static int not_writeable(const stm32dfu_memory_map *map,
                         const struct stm32dfu_memory_region *region, uint32_t address,
                         struct stm32dfu_error_detail *detail)
{
    s32dfu_detail_set(
        detail, STM32DFU_ERROR_OUT_OF_RANGE,
        "0x%08X lies in 0x%08X-0x%08X of %s, which is not writeable (type '%c'); check "
        "the link address or the load address",
        (unsigned)address, (unsigned)region->start, (unsigned)(region_end(region) - 1), map->name,
        region->type);
    s32dfu_detail_set_address(detail, address);
    return STM32DFU_ERROR_OUT_OF_RANGE;
}

int stm32dfu_memory_map_check(const stm32dfu_memory_map *map,
                              const struct stm32dfu_segment *segments, size_t count,
                              struct stm32dfu_error_detail *detail)
{
    for (size_t s = 0; s < count; s++) {
        uint64_t address = segments[s].address;
        uint64_t end = address + segments[s].len_bytes;
        while (address < end) {
            size_t index;
            const struct stm32dfu_memory_region *region = find_region(map, address, &index);
            if (!region)
                return outside(map, &segments[s], (uint32_t)address, detail);
            if (!region->writeable)
                return not_writeable(map, region, (uint32_t)address, detail);
            address = region_end(region);
        }
    }
    return STM32DFU_SUCCESS;
}

int stm32dfu_memory_map_get_sectors(const stm32dfu_memory_map *map,
                                    const struct stm32dfu_segment *segments, size_t count,
                                    struct stm32dfu_memory_sector **sectors)
{
    *sectors = NULL;
    struct stm32dfu_memory_sector *list = NULL;
    size_t used = 0, capacity = 0;
    for (size_t s = 0; s < count; s++) {
        uint64_t address = segments[s].address;
        uint64_t end = address + segments[s].len_bytes;
        while (address < end) {
            struct stm32dfu_memory_sector sector;
            if (stm32dfu_memory_map_find_sector(map, (uint32_t)address, &sector)) {
                free(list);
                return STM32DFU_ERROR_OUT_OF_RANGE;
            }
            address = (uint64_t)sector.start + sector.size;
            if (used && list[used - 1].start == sector.start)
                continue;
            if (used == capacity) {
                capacity = capacity ? capacity * 2 : 16;
                struct stm32dfu_memory_sector *grown = realloc(list, capacity * sizeof(*list));
                if (!grown) {
                    free(list);
                    return STM32DFU_ERROR_NO_MEMORY;
                }
                list = grown;
            }
            list[used++] = sector;
        }
    }
    *sectors = list;
    return (int)used;
}

void stm32dfu_free_sectors(struct stm32dfu_memory_sector *sectors)
{
    free(sectors);
}
