/* SPDX-License-Identifier: MIT */
/*
 * The board's memory map, built by parsing the profile's DfuSe layout strings (the iInterface
 * strings, UM0424 §4.3.2 as summarised in docs/research/host_side.md#s1.9), so the map and what the
 * host reads can never disagree; and the look-ups into it.
 */
#include "sim_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum sim_memory_kind kind_from_name(const char *name, size_t len)
{
    static const struct {
        const char *word;
        enum sim_memory_kind kind;
    } words[] = {{"Flash", SIM_MEM_FLASH},
                 {"Option", SIM_MEM_OPTION_BYTES},
                 {"OTP", SIM_MEM_OTP},
                 {"Feature", SIM_MEM_FEATURE}};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t wl = strlen(words[i].word);
        for (size_t j = 0; j + wl <= len; j++) {
            if (memcmp(name + j, words[i].word, wl) == 0)
                return words[i].kind;
        }
    }
    return SIM_MEM_FEATURE;
}

/* "<count>*<size><mult><type>", e.g. "04*016Kg"; returns the characters consumed or 0. */
static size_t parse_segment(const char *s, struct sim_segment *seg)
{
    char *end;
    unsigned long count = strtoul(s, &end, 10);
    if (end == s || *end != '*')
        return 0;
    const char *p = end + 1;
    unsigned long size = strtoul(p, &end, 10);
    if (end == p || count == 0 || size == 0)
        return 0;
    switch (*end) {
    case 'K':
        size *= 1024;
        break;
    case 'M':
        size *= 1024 * 1024;
        break;
    case 'B':
    case ' ':
        break;
    default:
        return 0;
    }
    if (end[1] < 'a' || end[1] > 'g')
        return 0;
    seg->type = (uint8_t)(end[1] - 'a' + 1);
    seg->count = (uint32_t)count;
    seg->page_size = (uint32_t)size;
    return (size_t)(end + 2 - s);
}

/* One "/0x<start>/<seg>,<seg>..." group; returns the characters consumed or 0. */
static size_t parse_group(const char *s, struct sim_memory *m)
{
    char *end;
    if (strncmp(s, "/0x", 3) != 0)
        return 0;
    unsigned long start = strtoul(s + 3, &end, 16);
    if (end == s + 3 || *end != '/')
        return 0;
    const char *p = end + 1;
    uint32_t addr = (uint32_t)start;
    m->base = addr;
    m->seg_count = 0;
    for (;;) {
        if (m->seg_count == SIM_MAX_SEGMENTS)
            return 0;
        struct sim_segment *seg = &m->seg[m->seg_count];
        size_t n = parse_segment(p, seg);
        if (n == 0)
            return 0;
        seg->start = addr;
        addr += seg->count * seg->page_size;
        m->seg_count++;
        p += n;
        if (*p != ',')
            break;
        p++;
    }
    m->size = addr - m->base;
    return (size_t)(p - s);
}

static int add_memory(stm32dfu_sim_board *b, const struct sim_memory *tmpl)
{
    if (b->mem_count == SIM_MAX_MEMORIES)
        return STM32DFU_SIM_ERROR_INVALID;
    struct sim_memory *m = &b->mem[b->mem_count];
    *m = *tmpl;
    m->bytes = malloc(m->size);
    if (!m->bytes)
        return STM32DFU_SIM_ERROR_NO_MEMORY;
    /* Erased flash and OTP read 0xFF (RM0090 Rev 19 §3.5); RAM content is arbitrary. */
    memset(m->bytes, m->kind == SIM_MEM_RAM ? 0x00 : 0xff, m->size);
    b->mem_count++;
    return STM32DFU_SIM_OK;
}

static int parse_layout(stm32dfu_sim_board *b, const char *layout, char *msg, size_t msg_len)
{
    const char *slash = strchr(layout, '/');
    if (layout[0] != '@' || !slash)
        goto bad;
    struct sim_memory m = {.kind = kind_from_name(layout + 1, (size_t)(slash - layout - 1))};
    for (const char *p = slash; *p;) {
        size_t n = parse_group(p, &m);
        if (n == 0)
            goto bad;
        int rc = add_memory(b, &m);
        if (rc)
            return rc;
        p += n;
    }
    return STM32DFU_SIM_OK;
bad:
    if (msg)
        snprintf(msg, msg_len, "profile %s: bad layout string \"%s\"", b->profile->name, layout);
    return STM32DFU_SIM_ERROR_INVALID;
}

int sim_memory_build(stm32dfu_sim_board *b, char *msg, size_t msg_len)
{
    const struct sim_profile *p = b->profile;
    for (size_t i = 0; i < SIM_MAX_ALTS && p->alt_strings[i]; i++) {
        int rc = parse_layout(b, p->alt_strings[i], msg, msg_len);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < SIM_MAX_RAMS && p->ram[i].size; i++) {
        struct sim_memory ram = {
            .kind = SIM_MEM_RAM, .base = p->ram[i].base, .size = p->ram[i].size};
        int rc = add_memory(b, &ram);
        if (rc)
            return rc;
    }
    const struct sim_memory *flash = sim_memory_flash(b);
    if (!flash || flash->kind != SIM_MEM_FLASH) {
        if (msg)
            snprintf(msg, msg_len, "profile %s: alt 0 is not the internal flash", p->name);
        return STM32DFU_SIM_ERROR_INVALID;
    }
    return STM32DFU_SIM_OK;
}

void sim_memory_free(stm32dfu_sim_board *b)
{
    for (size_t i = 0; i < b->mem_count; i++)
        free(b->mem[i].bytes);
    b->mem_count = 0;
}

struct sim_memory *sim_memory_flash(const stm32dfu_sim_board *b)
{
    return b->mem_count ? (struct sim_memory *)&b->mem[0] : NULL;
}

struct sim_memory *sim_memory_find(const stm32dfu_sim_board *b, uint32_t addr, uint32_t len)
{
    for (size_t i = 0; i < b->mem_count; i++) {
        const struct sim_memory *m = &b->mem[i];
        if (addr >= m->base && (uint64_t)addr - m->base + len <= m->size)
            return (struct sim_memory *)m;
    }
    return NULL;
}

const struct sim_segment *sim_memory_page(const struct sim_memory *m, uint32_t addr,
                                          uint32_t *page_base)
{
    for (size_t i = 0; i < m->seg_count; i++) {
        const struct sim_segment *s = &m->seg[i];
        uint64_t end = (uint64_t)s->start + (uint64_t)s->count * s->page_size;
        if (addr >= s->start && addr < end) {
            *page_base = s->start + (addr - s->start) / s->page_size * s->page_size;
            return s;
        }
    }
    return NULL;
}

/* What the layout string declares for every byte of [addr, addr+len). RAM, which no string
 * describes, is read and written but never erased (AN2662 Rev 1 §4.5.3). */
bool sim_memory_allows(const stm32dfu_sim_board *b, uint32_t addr, uint32_t len, uint8_t type)
{
    const struct sim_memory *m = sim_memory_find(b, addr, len);
    if (!m)
        return false;
    if (m->kind == SIM_MEM_RAM)
        return (type & SIM_SEG_ERASABLE) == 0;
    for (uint64_t a = addr; a < (uint64_t)addr + (len ? len : 1);) {
        uint32_t base;
        const struct sim_segment *s = sim_memory_page(m, (uint32_t)a, &base);
        if (!s || (s->type & type) != type)
            return false;
        a = (uint64_t)s->start + (uint64_t)s->count * s->page_size;
    }
    return true;
}

size_t sim_memory_page_index(const struct sim_memory *m, uint32_t addr)
{
    size_t index = 0;
    for (size_t i = 0; i < m->seg_count; i++) {
        const struct sim_segment *s = &m->seg[i];
        if (addr < s->start + s->count * s->page_size)
            return index + (addr - s->start) / s->page_size;
        index += s->count;
    }
    return index;
}
