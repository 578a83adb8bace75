/* Page lookup in the DfuSe memory layout of the current alternate setting:
 * "@name/0xSTART/COUNT*SIZE<mult><type>,..." (ST UM0424 §4.3.2, as parsed by
 * dfu-util src/dfuse_mem.c; host_side.md §1.9). Several "/0x.../" groups may
 * follow one another (G474 option bytes). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "device_private.h"

/* Memory type letter 'a'..'g': bit 0 readable, bit 1 erasable, bit 2
 * writeable (host_side.md §1.9). */
static void set_access(struct layout_page *page, char type)
{
    unsigned int bits = (unsigned int)(type - 'a' + 1);
    page->readable = bits & 1u;
    page->erasable = bits & 2u;
    page->writeable = bits & 4u;
}

static unsigned long multiplier(char c)
{
    if (c == 'K')
        return 1024ul;
    if (c == 'M')
        return 1024ul * 1024ul;
    return 1ul;
}

/* Parses "COUNT*SIZE<mult><type>"; returns the position after it or NULL. */
static const char *parse_run(const char *s, unsigned long *count, unsigned long *size, char *type)
{
    char *end;
    *count = strtoul(s, &end, 10);
    if (end == s || *end != '*')
        return NULL;
    s = end + 1;
    *size = strtoul(s, &end, 10);
    if (end == s)
        return NULL;
    s = end;
    if (*s == 'B' || *s == 'K' || *s == 'M' || *s == ' ')
        *size *= multiplier(*s++);
    if (*s < 'a' || *s > 'g')
        return NULL;
    *type = *s++;
    return s;
}

/* Walks every run; calls visit(run) until it returns non-zero. */
static int walk_layout(const char *name,
                       int (*visit)(const struct layout_page *run, unsigned long count, void *arg),
                       void *arg)
{
    const char *s = strchr(name, '/');
    while (s && s[0] == '/' && s[1] == '0' && (s[2] == 'x' || s[2] == 'X')) {
        char *end;
        unsigned long start = strtoul(s + 3, &end, 16);
        if (*end != '/')
            return STM32DFU_ERROR_FORMAT;
        s = end + 1;
        for (;;) {
            unsigned long count, size;
            char type;
            s = parse_run(s, &count, &size, &type);
            if (!s)
                return STM32DFU_ERROR_FORMAT;
            struct layout_page run = {.start = (uint32_t)start, .size = (uint32_t)size};
            set_access(&run, type);
            int r = visit(&run, count, arg);
            if (r)
                return r;
            start += count * size;
            while (isspace((unsigned char)*s))
                s++;
            if (*s != ',')
                break;
            s++;
        }
    }
    return 0;
}

struct find_arg {
    uint32_t address;
    struct layout_page *page;
};

static int visit_find(const struct layout_page *run, unsigned long count, void *arg)
{
    struct find_arg *f = arg;
    uint64_t end = (uint64_t)run->start + (uint64_t)count * run->size;
    if (f->address < run->start || f->address >= end || run->size == 0)
        return 0;
    *f->page = *run;
    f->page->start = run->start + (f->address - run->start) / run->size * run->size;
    return 1;
}

int layout_find_page(const stm32dfu_device *dev, uint32_t address, struct layout_page *page)
{
    if (dev->alt >= dev->info.alt_count)
        return STM32DFU_ERROR_UNSUPPORTED;
    struct find_arg f = {.address = address, .page = page};
    int r = walk_layout(dev->info.alt_names[dev->alt], visit_find, &f);
    if (r < 0)
        return r;
    return r == 1 ? 0 : STM32DFU_ERROR_OUT_OF_RANGE;
}

struct extent_arg {
    uint32_t start;
    uint64_t end;
    bool found;
};

static int visit_extent(const struct layout_page *run, unsigned long count, void *arg)
{
    struct extent_arg *e = arg;
    if (!e->found)
        e->start = run->start;
    e->found = true;
    e->end = (uint64_t)run->start + (uint64_t)count * run->size;
    return 0;
}

int layout_find_alt(const stm32dfu_device *dev, const char *name_prefix, uint32_t *start,
                    uint32_t *size)
{
    size_t n = strlen(name_prefix);
    for (unsigned int alt = 0; alt < dev->info.alt_count; alt++) {
        const char *name = dev->info.alt_names[alt];
        if (name[0] != '@' || strncmp(name + 1, name_prefix, n) != 0)
            continue;
        struct extent_arg e = {0};
        if (walk_layout(name, visit_extent, &e) < 0 || !e.found)
            return STM32DFU_ERROR_FORMAT;
        *start = e.start;
        *size = (uint32_t)(e.end - e.start);
        return (int)alt;
    }
    return STM32DFU_ERROR_UNSUPPORTED;
}
