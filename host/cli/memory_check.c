/* SPDX-License-Identifier: MIT */
/* Checking the range of read and erase against the device's memory map
 * before any request, and naming what lies at an address the current
 * alternate setting does not hold. */
#include <string.h>

#include "cli.h"

static uint64_t region_end(const struct stm32dfu_memory_region *r)
{
    return r->start + (uint64_t)r->sector_size * r->sector_count;
}

static const struct stm32dfu_memory_region *
find_region(const struct stm32dfu_memory_region *regions, size_t n, uint64_t address)
{
    for (size_t i = 0; i < n; i++) {
        if (address >= regions[i].start && address < region_end(&regions[i]))
            return &regions[i];
    }
    return NULL;
}

/* The first region's start to the last region's end, for messages. */
static void extent(const struct stm32dfu_memory_region *regions, int n, uint32_t *first,
                   uint32_t *last)
{
    *first = n ? regions[0].start : 0;
    *last = n ? (uint32_t)(region_end(&regions[n - 1]) - 1) : 0;
}

/* Another alternate setting whose map holds address, or -1; its name in *name. */
static int other_alt_holding(const struct stm32dfu_device_info *info, unsigned int alt,
                             uint32_t address, char *name, size_t name_size)
{
    for (unsigned int a = 0; a < info->alt_count; a++) {
        stm32dfu_memory_map *map;
        if (a == alt || stm32dfu_parse_memory_map(info->alt_names[a], &map, NULL) < 0)
            continue;
        const struct stm32dfu_memory_region *regions;
        size_t n = stm32dfu_memory_map_get_regions(map, &regions);
        bool found = find_region(regions, n, address) != NULL;
        if (found)
            snprintf(name, name_size, "%s", stm32dfu_memory_map_name(map));
        stm32dfu_free_memory_map(map);
        if (found)
            return (int)a;
    }
    return -1;
}

/* address lies outside the map of alt: say where it is instead. */
static int report_outside(const struct cli_common *c, const struct stm32dfu_device_info *info,
                          unsigned int alt, const stm32dfu_memory_map *map, uint32_t address,
                          bool erase)
{
    char name[64];
    int other = other_alt_holding(info, alt, address, name, sizeof(name));
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(map, &regions);
    uint32_t first, last;
    extent(regions, n, &first, &last);
    if (other >= 0 && erase && strcmp(name, "Option Bytes") == 0)
        cli_error(c,
                  "0x%08X is in the option bytes (alternate setting %d), which are not erased "
                  "but rewritten whole: flash a DfuSe .dfu file whose target is alternate "
                  "setting %d with the new option bytes; 'stm32dfu info' shows the current ones; "
                  "nothing was erased",
                  (unsigned int)address, other, other);
    else if (other >= 0 && erase)
        cli_error(c,
                  "0x%08X is in %s (alternate setting %d), which cannot be erased; nothing "
                  "was erased",
                  (unsigned int)address, name, other);
    else if (other >= 0)
        cli_error(c, "0x%08X is in %s, alternate setting %d: add --alt %d", (unsigned int)address,
                  name, other, other);
    else
        cli_error(c,
                  "0x%08X is outside %s (0x%08X-0x%08X) and every other memory of the device; "
                  "check the address against 'stm32dfu info'",
                  (unsigned int)address, stm32dfu_memory_map_name(map), (unsigned int)first,
                  (unsigned int)last);
    return cli_exit_code(STM32DFU_ERROR_OUT_OF_RANGE);
}

static int check_map(const struct cli_common *c, const struct stm32dfu_device_info *info,
                     unsigned int alt, const stm32dfu_memory_map *map, uint32_t address,
                     uint32_t length, bool erase)
{
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(map, &regions);
    const char *verb = erase ? "erase" : "read";
    uint64_t end = (uint64_t)address + length;
    for (uint64_t at = address; at < end;) {
        const struct stm32dfu_memory_region *r = find_region(regions, n, at);
        if (!r && at == address)
            return report_outside(c, info, alt, map, address, erase);
        if (!r) {
            cli_error(c,
                      "0x%08X-0x%08X runs past the end of %s, which ends at 0x%08X; %s at most "
                      "%llu bytes "
                      "(--length 0x%llX) from 0x%08X; nothing was %s",
                      (unsigned int)address, (unsigned int)(end - 1), stm32dfu_memory_map_name(map),
                      (unsigned int)(at - 1), verb, (unsigned long long)(at - address),
                      (unsigned long long)(at - address), (unsigned int)address,
                      erase ? "erased" : "read");
            return cli_exit_code(STM32DFU_ERROR_OUT_OF_RANGE);
        }
        if (erase ? !r->erasable : !r->readable) {
            cli_error(c, "0x%08X-0x%08X of %s cannot be %s (type '%c'); nothing was %s",
                      (unsigned int)r->start, (unsigned int)(region_end(r) - 1),
                      stm32dfu_memory_map_name(map), erase ? "erased" : "read", r->type,
                      erase ? "erased" : "read");
            return cli_exit_code(STM32DFU_ERROR_OUT_OF_RANGE);
        }
        at = region_end(r);
    }
    return 0;
}

int cli_check_range(const struct cli_common *c, stm32dfu_device *dev, unsigned int alt,
                    uint32_t address, uint32_t length, bool erase)
{
    const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
    stm32dfu_memory_map *map;
    /* Without a layout the device is the judge, as for any other request. */
    if (alt >= info->alt_count || stm32dfu_parse_memory_map(info->alt_names[alt], &map, NULL) < 0)
        return 0;
    int r = check_map(c, info, alt, map, address, length, erase);
    stm32dfu_free_memory_map(map);
    return r;
}
