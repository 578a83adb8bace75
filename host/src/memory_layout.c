/* SPDX-License-Identifier: MIT */
/*
 * DfuSe memory-layout strings, the iInterface string of each alternate setting:
 *   "@" name ( "/0x" start "/" count "*" size multiplier type ( "," ... )* )+
 * e.g. "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg". Grammar from
 * ST UM0424 §4.3.2 as parsed by dfu-util 0.11 dfuse_mem.c (docs/research/host_side.md#s1.9):
 * multiplier 'B', 'K' (1024), 'M' (1024*1024) or ' ' (bytes, seen on option
 * bytes); type 'a'..'g' whose bits 0/1/2 mean readable/erasable/writeable.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_private.h"

struct layout_cursor {
    const char *text;
    size_t pos;
};

static char peek(const struct layout_cursor *cur)
{
    return cur->text[cur->pos];
}

static bool is_end(const struct layout_cursor *cur)
{
    size_t i = cur->pos;
    while (cur->text[i] == ' ')
        i++;
    return cur->text[i] == '\0';
}

static void describe(char c, char *out, size_t size)
{
    if (c == '\0')
        snprintf(out, size, "the end of the string");
    else if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7F)
        snprintf(out, size, "'%c'", c);
    else
        snprintf(out, size, "byte 0x%02X", (unsigned char)c);
}

static int expect(struct layout_cursor *cur, char want, const char *why,
                  struct stm32dfu_error_detail *detail)
{
    if (peek(cur) == want) {
        cur->pos++;
        return STM32DFU_SUCCESS;
    }
    char got[32];
    describe(peek(cur), got, sizeof(got));
    return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, cur->pos,
                                    "expected '%c' %s, got %s", want, why, got);
}

/* A number of up to 32 bits in base 10 or 16; at least one digit. */
static int number(struct layout_cursor *cur, unsigned int base, uint32_t *value, const char *what,
                  struct stm32dfu_error_detail *detail)
{
    size_t start = cur->pos;
    uint64_t v = 0;
    for (;;) {
        char c = peek(cur);
        int d = c >= '0' && c <= '9'                 ? c - '0'
                : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : base == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
        if (d < 0)
            break;
        v = v * base + (unsigned int)d;
        if (v > UINT32_MAX)
            return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, start,
                                            "the %s does not fit in 32 bits", what);
        cur->pos++;
    }
    if (cur->pos == start) {
        char got[32];
        describe(peek(cur), got, sizeof(got));
        return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, start,
                                        "expected the %s, got %s", what, got);
    }
    *value = (uint32_t)v;
    return STM32DFU_SUCCESS;
}

static int multiplier(struct layout_cursor *cur, uint32_t *scale,
                      struct stm32dfu_error_detail *detail)
{
    switch (peek(cur)) {
    case 'B':
    case ' ':
        *scale = 1;
        break;
    case 'K':
        *scale = 1024;
        break;
    case 'M':
        *scale = 1024 * 1024;
        break;
    default: {
        char got[32];
        describe(peek(cur), got, sizeof(got));
        return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, cur->pos,
                                        "expected a size unit ('B', 'K', 'M' or ' '), got %s", got);
    }
    }
    cur->pos++;
    return STM32DFU_SUCCESS;
}

static int add_region(stm32dfu_memory_map *map, const struct stm32dfu_memory_region *region)
{
    struct stm32dfu_memory_region *regions =
        realloc(map->regions, (map->region_count + 1) * sizeof(*regions));
    if (!regions)
        return STM32DFU_ERROR_NO_MEMORY;
    map->regions = regions;
    map->regions[map->region_count++] = *region;
    return STM32DFU_SUCCESS;
}

/* One "count*size<unit><type>" run starting at *next; advances *next past it. */
static int sector_run(stm32dfu_memory_map *map, struct layout_cursor *cur, uint64_t *next,
                      struct stm32dfu_error_detail *detail)
{
    size_t start = cur->pos;
    struct stm32dfu_memory_region region = {.start = (uint32_t)*next};
    uint32_t size = 0, scale = 1;
    int rc = number(cur, 10, &region.sector_count, "sector count", detail);
    if (!rc)
        rc = expect(cur, '*', "after the sector count", detail);
    if (!rc)
        rc = number(cur, 10, &size, "sector size", detail);
    if (!rc)
        rc = multiplier(cur, &scale, detail);
    if (rc)
        return rc;
    char type = peek(cur);
    if (type < 'a' || type > 'g') {
        char got[32];
        describe(type, got, sizeof(got));
        return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, cur->pos,
                                        "expected a sector type 'a'..'g', got %s", got);
    }
    cur->pos++;
    uint64_t bytes = (uint64_t)size * scale * region.sector_count;
    if (region.sector_count == 0 || size == 0 || *next + bytes > 0x100000000ull)
        return s32dfu_detail_set_column(
            detail, STM32DFU_ERROR_FORMAT, start,
            "%lu sectors of %llu bytes at 0x%08llX: empty or past 4 GiB",
            (unsigned long)region.sector_count, (unsigned long long)size * scale,
            (unsigned long long)*next);
    region.sector_size = size * scale;
    region.type = type;
    region.readable = (type - 'a' + 1) & 1;
    region.erasable = (type - 'a' + 1) & 2;
    region.writeable = (type - 'a' + 1) & 4;
    *next += bytes;
    if (add_region(map, &region))
        return s32dfu_detail_set(detail, STM32DFU_ERROR_NO_MEMORY, "out of memory");
    return STM32DFU_SUCCESS;
}

/* "/0x<start>/" and its comma-separated runs. */
static int group(stm32dfu_memory_map *map, struct layout_cursor *cur,
                 struct stm32dfu_error_detail *detail)
{
    int rc = expect(cur, '/', "before the start address", detail);
    if (!rc)
        rc = expect(cur, '0', "(a start address \"0x...\")", detail);
    if (rc)
        return rc;
    if (peek(cur) == 'X')
        cur->pos++;
    else if ((rc = expect(cur, 'x', "(a start address \"0x...\")", detail)))
        return rc;
    uint32_t start = 0;
    rc = number(cur, 16, &start, "start address", detail);
    if (!rc)
        rc = expect(cur, '/', "after the start address", detail);
    uint64_t next = start;
    while (!rc) {
        rc = sector_run(map, cur, &next, detail);
        if (rc || peek(cur) != ',')
            break;
        cur->pos++;
    }
    return rc;
}

static int check_overlaps(const stm32dfu_memory_map *map, struct stm32dfu_error_detail *detail)
{
    for (size_t i = 0; i < map->region_count; i++) {
        const struct stm32dfu_memory_region *a = &map->regions[i];
        uint64_t a_end = a->start + (uint64_t)a->sector_size * a->sector_count;
        for (size_t j = i + 1; j < map->region_count; j++) {
            const struct stm32dfu_memory_region *b = &map->regions[j];
            uint64_t b_end = b->start + (uint64_t)b->sector_size * b->sector_count;
            if (a->start < b_end && b->start < a_end)
                return s32dfu_detail_set(detail, STM32DFU_ERROR_OVERLAP,
                                         "regions %zu (0x%08X) and %zu (0x%08X) overlap", i,
                                         (unsigned)a->start, j, (unsigned)b->start);
        }
    }
    return STM32DFU_SUCCESS;
}

static int parse_into(stm32dfu_memory_map *map, const char *layout,
                      struct stm32dfu_error_detail *detail)
{
    struct layout_cursor cur = {layout, 0};
    int rc = expect(&cur, '@', "at the start of a DfuSe memory layout", detail);
    if (rc)
        return rc;
    const char *slash = strchr(layout, '/');
    if (!slash)
        return s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, strlen(layout),
                                        "no \"/0x<start>/<sectors>\" after the name");
    size_t name_len = (size_t)(slash - layout) - 1;
    while (name_len && layout[name_len] == ' ')
        name_len--;
    map->name = strndup(layout + 1, name_len);
    if (!map->name)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_NO_MEMORY, "out of memory");
    cur.pos = (size_t)(slash - layout);
    do {
        rc = group(map, &cur, detail);
    } while (!rc && peek(&cur) == '/');
    if (!rc && !is_end(&cur)) {
        char got[32];
        describe(peek(&cur), got, sizeof(got));
        rc = s32dfu_detail_set_column(detail, STM32DFU_ERROR_FORMAT, cur.pos,
                                      "expected ',' or '/' or the end, got %s", got);
    }
    return rc ? rc : check_overlaps(map, detail);
}

int stm32dfu_parse_memory_map(const char *layout, stm32dfu_memory_map **map,
                              struct stm32dfu_error_detail *detail)
{
    *map = NULL;
    stm32dfu_memory_map *created = calloc(1, sizeof(*created));
    if (!created)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_NO_MEMORY, "out of memory");
    int rc = parse_into(created, layout, detail);
    if (rc) {
        stm32dfu_free_memory_map(created);
        return rc;
    }
    *map = created;
    return STM32DFU_SUCCESS;
}

void stm32dfu_free_memory_map(stm32dfu_memory_map *map)
{
    if (!map)
        return;
    free(map->name);
    free(map->regions);
    free(map);
}

const char *stm32dfu_memory_map_name(const stm32dfu_memory_map *map)
{
    return map->name;
}

size_t stm32dfu_memory_map_get_regions(const stm32dfu_memory_map *map,
                                       const struct stm32dfu_memory_region **regions)
{
    *regions = map->regions;
    return map->region_count;
}
