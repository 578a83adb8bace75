/* SPDX-License-Identifier: MIT */
/* Output shared by list, info, option-bytes and flash: JSON strings, the
 * parsed DfuSe memory layout of an alternate setting (one line per region, or
 * JSON fields), and option bytes decoded into their named fields. */
#include "cli.h"

/* Sizes as the layout strings write them: KiB or MiB when whole. */
static void print_size(uint32_t bytes)
{
    if (bytes >= 1024u * 1024u && bytes % (1024u * 1024u) == 0)
        printf("%u MiB", (unsigned int)(bytes / (1024u * 1024u)));
    else if (bytes >= 1024u && bytes % 1024u == 0)
        printf("%u KiB", (unsigned int)(bytes / 1024u));
    else
        printf("%u bytes", (unsigned int)bytes);
}

void cli_print_memory_map(const char *layout, const char *indent)
{
    stm32dfu_memory_map *map;
    if (stm32dfu_parse_memory_map(layout, &map, NULL) < 0) {
        printf("%s(no DfuSe memory layout)\n", indent);
        return;
    }
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(map, &regions);
    for (size_t i = 0; i < n; i++) {
        const struct stm32dfu_memory_region *r = &regions[i];
        uint64_t last = r->start + (uint64_t)r->sector_size * r->sector_count - 1;
        printf("%s0x%08X-0x%08X  %u x ", indent, (unsigned int)r->start, (unsigned int)last,
               (unsigned int)r->sector_count);
        print_size(r->sector_size);
        printf(" %s%s%s\n", r->readable ? " readable" : "", r->erasable ? " erasable" : "",
               r->writeable ? " writeable" : "");
    }
    stm32dfu_free_memory_map(map);
}

void cli_json_memory_map(const char *layout)
{
    stm32dfu_memory_map *map;
    if (stm32dfu_parse_memory_map(layout, &map, NULL) < 0) {
        printf("\"memory\":null,\"regions\":[]");
        return;
    }
    printf("\"memory\":");
    cli_json_string(stdout, stm32dfu_memory_map_name(map));
    printf(",\"regions\":[");
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(map, &regions);
    for (size_t i = 0; i < n; i++) {
        const struct stm32dfu_memory_region *r = &regions[i];
        printf("%s{\"start\":%u,\"sector_size\":%u,\"sectors\":%u,\"readable\":%s,"
               "\"erasable\":%s,\"writeable\":%s}",
               i ? "," : "", (unsigned int)r->start, (unsigned int)r->sector_size,
               (unsigned int)r->sector_count, r->readable ? "true" : "false",
               r->erasable ? "true" : "false", r->writeable ? "true" : "false");
    }
    printf("]");
    stm32dfu_free_memory_map(map);
}

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

void cli_json_device_fields(const struct stm32dfu_device_info *d)
{
    printf("\"path\":");
    cli_json_string(stdout, d->path);
    printf(",\"vid\":%u,\"pid\":%u,\"bcd_device\":%u,\"serial\":", d->vid, d->pid, d->bcd_device);
    cli_json_string(stdout, d->serial);
    printf(",\"product\":");
    cli_json_string(stdout, d->product);
    printf(",\"mode\":\"%s\",\"detach\":[%s%s%s],\"series\":",
           d->runtime ? "application" : "bootloader",
           (d->detach_methods & STM32DFU_DETACH_DFU) ? "\"dfu\"" : "",
           (d->detach_methods & STM32DFU_DETACH_DFU) && (d->detach_methods & STM32DFU_DETACH_TOUCH)
               ? ","
               : "",
           (d->detach_methods & STM32DFU_DETACH_TOUCH) ? "\"touch\"" : "");
    cli_json_string(stdout, stm32dfu_series_name(d));
    printf(",\"accessible\":%s,\"transfer_size\":%u,\"alts\":[", d->readable ? "true" : "false",
           d->transfer_size);
    for (unsigned int a = 0; a < d->alt_count; a++) {
        printf("%s{\"alt\":%u,\"name\":", a ? "," : "", a);
        cli_json_string(stdout, d->alt_names[a]);
        printf(",");
        cli_json_memory_map(d->alt_names[a]);
        printf("}");
    }
    printf("]");
}

/* A field's value as info shows it: hex when wider than 4 bits. */
static void print_field_value(const struct stm32dfu_option_field *f, unsigned int v)
{
    unsigned int mask = f->mask;
    bool wide = mask / (mask & (0u - mask)) > 0xFu;
    printf(wide ? "0x%X" : "%u", v);
}

void cli_print_option_fields(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                             size_t count)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    const char *sep = "option bytes decoded: ";
    for (size_t i = 0; i < n; i++) {
        unsigned int v;
        if (!stm32dfu_option_field_value(&fields[i], bytes, count, &v))
            continue;
        printf("%s%s ", sep, fields[i].name);
        print_field_value(&fields[i], v);
        const char *meaning = stm32dfu_option_field_meaning(info, &fields[i], v);
        if (meaning)
            printf(" (%s)", meaning);
        sep = ", ";
    }
    if (sep[0] == ',')
        printf("\n");
}

void cli_json_option_fields(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                            size_t count, bool meanings)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    const char *sep = "";
    printf("{");
    for (size_t i = 0; i < n; i++) {
        unsigned int v;
        if (!stm32dfu_option_field_value(&fields[i], bytes, count, &v))
            continue;
        const char *meaning = stm32dfu_option_field_meaning(info, &fields[i], v);
        if (meanings && !meaning)
            continue;
        printf("%s\"%s\":", sep, fields[i].name);
        if (meanings)
            cli_json_string(stdout, meaning);
        else
            printf("%u", v);
        sep = ",";
    }
    printf("}");
}

void cli_json_option_bytes(const struct stm32dfu_device_info *info, uint32_t address,
                           const uint8_t *bytes, size_t count)
{
    printf("{\"address\":%u,\"bytes\":\"", (unsigned int)address);
    for (size_t i = 0; i < count; i++)
        printf("%02X", bytes[i]);
    printf("\",\"fields\":");
    cli_json_option_fields(info, bytes, count, false);
    printf(",\"meanings\":");
    cli_json_option_fields(info, bytes, count, true);
    printf("}");
}
