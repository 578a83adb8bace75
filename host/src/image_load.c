/* SPDX-License-Identifier: MIT */
/* Loading an image: read the file, tell its format, run that format's parser. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image_private.h"

static bool is_hex_digit(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

/* A first line that is a whole record of hex digits after its lead characters. */
static bool first_line_is_record(const struct parse_input *in, const char *lead, size_t min_len)
{
    size_t lead_len = strlen(lead), i = 0;
    while (i < in->len && in->data[i] != '\n' && in->data[i] != '\r') {
        uint8_t c = in->data[i];
        bool ok = i < lead_len ? (lead[i] == '#' ? c >= '0' && c <= '9' : c == (uint8_t)lead[i])
                               : is_hex_digit(c);
        if (!ok)
            return false;
        i++;
    }
    return i >= min_len;
}

static int format_from_content(const struct parse_input *in)
{
    if (in->len >= 5 && memcmp(in->data, "DfuSe", 5) == 0)
        return STM32DFU_FORMAT_DFUSE;
    /* A DFU suffix that is not DfuSe's (bcdDFU 0x0100, as dfu-suffix -a makes)
     * and no DfuSe prefix: a plain DFU 1.1 file, a raw binary plus suffix
     * (DFU 1.1 Appendix B), whatever its extension. A DfuSe suffix without
     * the prefix stays a (broken) DfuSe file. */
    if (s32dfu_dfu_suffix_present(in) && !s32dfu_dfu_suffix_is_dfuse(in))
        return STM32DFU_FORMAT_BIN;
    if (in->len >= 4 && memcmp(in->data,
                               "\x7f"
                               "ELF",
                               4) == 0)
        return STM32DFU_FORMAT_ELF;
    /* The shortest records: ":00000001FF" and "S9030000FC". */
    if (first_line_is_record(in, ":", 11))
        return STM32DFU_FORMAT_IHEX;
    if (first_line_is_record(in, "S#", 10))
        return STM32DFU_FORMAT_SREC;
    return STM32DFU_FORMAT_AUTO;
}

static const struct {
    const char *extension;
    int format;
} extensions[] = {
    {"bin", STM32DFU_FORMAT_BIN},  {"hex", STM32DFU_FORMAT_IHEX},  {"ihex", STM32DFU_FORMAT_IHEX},
    {"ihx", STM32DFU_FORMAT_IHEX}, {"srec", STM32DFU_FORMAT_SREC}, {"s19", STM32DFU_FORMAT_SREC},
    {"s28", STM32DFU_FORMAT_SREC}, {"s37", STM32DFU_FORMAT_SREC},  {"mot", STM32DFU_FORMAT_SREC},
    {"elf", STM32DFU_FORMAT_ELF},  {"axf", STM32DFU_FORMAT_ELF},   {"dfu", STM32DFU_FORMAT_DFUSE},
};

static int format_from_name(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return STM32DFU_FORMAT_AUTO;
    for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
        if (strcasecmp(dot + 1, extensions[i].extension) == 0)
            return extensions[i].format;
    }
    return STM32DFU_FORMAT_AUTO;
}

static int choose_format(const struct parse_input *in, const char *path,
                         const struct stm32dfu_load_options *options, int *format,
                         struct stm32dfu_error_detail *detail)
{
    *format = options->format;
    if (*format == STM32DFU_FORMAT_AUTO)
        *format = format_from_content(in);
    if (*format == STM32DFU_FORMAT_AUTO)
        *format = format_from_name(path);
    if (*format == STM32DFU_FORMAT_AUTO && options->has_base_address)
        *format = STM32DFU_FORMAT_BIN;
    if (*format == STM32DFU_FORMAT_AUTO)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_FORMAT,
                                 "cannot tell the file's format from its content or name; name the "
                                 "format, or give an address to load it as a raw binary");
    if (*format < STM32DFU_FORMAT_BIN || *format > STM32DFU_FORMAT_DFUSE)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_INVALID_ARGUMENT, "unknown format %d",
                                 *format);
    if (*format == STM32DFU_FORMAT_BIN && !options->has_base_address)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_INVALID_ARGUMENT,
                                 "a raw binary holds no addresses; give its load address "
                                 "(e.g. --address 0x08000000)");
    if (*format != STM32DFU_FORMAT_BIN && options->has_base_address)
        return s32dfu_detail_set(
            detail, STM32DFU_ERROR_INVALID_ARGUMENT,
            "a %s file carries its own addresses; drop the address, or name the "
            "format bin to write its bytes as they are",
            stm32dfu_format_name(*format));
    return STM32DFU_SUCCESS;
}

static int parse(stm32dfu_image *image, int format, const struct parse_input *in, uint32_t base,
                 struct stm32dfu_error_detail *detail)
{
    switch (format) {
    case STM32DFU_FORMAT_BIN:
        return s32dfu_format_bin_parse(image, in, base, detail);
    case STM32DFU_FORMAT_IHEX:
        return s32dfu_format_ihex_parse(image, in, detail);
    case STM32DFU_FORMAT_SREC:
        return s32dfu_format_srec_parse(image, in, detail);
    case STM32DFU_FORMAT_ELF:
        return s32dfu_format_elf_parse(image, in, detail);
    default:
        return s32dfu_format_dfuse_parse(image, in, detail);
    }
}

/* One refusal for every format: an empty file, a HEX or S-record of only
 * its end record, an ELF without loadable bytes, a .dfu without elements. */
static int no_data(struct stm32dfu_error_detail *detail)
{
    return s32dfu_detail_set(detail, STM32DFU_ERROR_FORMAT,
                             "the image holds no data; check that the file is the build's output");
}

/* A .dfu target without elements is a target without bytes. */
static bool holds_data(const stm32dfu_image *image)
{
    const struct stm32dfu_image_target *targets;
    size_t n = stm32dfu_image_get_targets(image, &targets);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < targets[i].segment_count; k++) {
            if (targets[i].segments[k].len_bytes)
                return true;
        }
    }
    return false;
}

static int load(const struct parse_input *in, const char *path,
                const struct stm32dfu_load_options *options, stm32dfu_image **image,
                struct stm32dfu_error_detail *detail)
{
    static const struct stm32dfu_load_options defaults = {0};
    if (!options)
        options = &defaults;
    if (in->len == 0)
        return no_data(detail);
    int format;
    int rc = choose_format(in, path, options, &format, detail);
    if (rc)
        return rc;
    stm32dfu_image *created;
    rc = stm32dfu_new_image(&created);
    if (rc)
        return s32dfu_detail_set(detail, rc, "out of memory");
    created->format = format;
    rc = parse(created, format, in, options->base_address, detail);
    if (rc == 0 && !holds_data(created))
        rc = no_data(detail);
    if (rc) {
        stm32dfu_free_image(created);
        return rc;
    }
    *image = created;
    return STM32DFU_SUCCESS;
}

int stm32dfu_load_image_buffer(const uint8_t *data, size_t len_bytes,
                               const struct stm32dfu_load_options *options, stm32dfu_image **image,
                               struct stm32dfu_error_detail *detail)
{
    struct parse_input in = {data, len_bytes};
    *image = NULL;
    return load(&in, NULL, options, image, detail);
}

static int read_file(FILE *file, uint8_t **data, size_t *len)
{
    size_t capacity = 0, used = 0;
    uint8_t *buf = NULL;
    for (;;) {
        if (used == capacity) {
            capacity = capacity ? capacity * 2 : 65536;
            uint8_t *grown = realloc(buf, capacity);
            if (!grown) {
                free(buf);
                return STM32DFU_ERROR_NO_MEMORY;
            }
            buf = grown;
        }
        size_t got = fread(buf + used, 1, capacity - used, file);
        used += got;
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        free(buf);
        return STM32DFU_ERROR_FILE_READ;
    }
    *data = buf;
    *len = used;
    return STM32DFU_SUCCESS;
}

int stm32dfu_load_image_file(const char *path, const struct stm32dfu_load_options *options,
                             stm32dfu_image **image, struct stm32dfu_error_detail *detail)
{
    *image = NULL;
    FILE *file = fopen(path, "rb");
    if (!file)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_FILE_OPEN,
                                 "cannot open %s: %s; check the path", path, strerror(errno));
    uint8_t *data;
    size_t len;
    int rc = read_file(file, &data, &len);
    int saved_errno = errno;
    fclose(file);
    if (rc == STM32DFU_ERROR_FILE_READ)
        return s32dfu_detail_set(detail, rc, "cannot read %s: %s", path, strerror(saved_errno));
    if (rc)
        return s32dfu_detail_set(detail, rc, "out of memory reading %s", path);
    struct parse_input in = {data, len};
    rc = load(&in, path, options, image, detail);
    free(data);
    return rc;
}
