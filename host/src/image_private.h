/* SPDX-License-Identifier: MIT */
/* Internals shared by the image, format and memory-map files; not exported
 * (hidden in the shared library, s32dfu_ prefix as in device_private.h). */
#ifndef STM32DFU_IMAGE_PRIVATE_H
#define STM32DFU_IMAGE_PRIVATE_H

#include "stm32dfu_host.h"

/* A segment the image owns: the public view plus its buffer's capacity. */
struct image_segment_store {
    uint8_t *data;
    size_t capacity;
};

struct image_target {
    struct stm32dfu_image_target view;
    /* segments[i].data points into stores[i].data */
    struct stm32dfu_segment *segments;
    struct image_segment_store *stores;
    size_t capacity;
};

struct stm32dfu_image {
    struct stm32dfu_image_target *views;
    struct image_target *targets;
    size_t target_count;
    int format;
    bool has_start_address;
    uint32_t start_address;
    bool has_suffix;
    struct stm32dfu_dfu_suffix suffix;
};

/* The bytes of an input file and what a parser reports its errors against. */
struct parse_input {
    const uint8_t *data;
    size_t len;
};

/* image_error.c: fill a detail (NULL allowed); returns code. */
int s32dfu_detail_set(struct stm32dfu_error_detail *detail, int code, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int s32dfu_detail_set_line(struct stm32dfu_error_detail *detail, int code, unsigned long line,
                           const char *format, ...) __attribute__((format(printf, 4, 5)));
int s32dfu_detail_set_offset(struct stm32dfu_error_detail *detail, int code, uint64_t offset,
                             const char *format, ...) __attribute__((format(printf, 4, 5)));
/* For strings: column is 0-based, shown 1-based. */
int s32dfu_detail_set_column(struct stm32dfu_error_detail *detail, int code, size_t column,
                             const char *format, ...) __attribute__((format(printf, 4, 5)));
void s32dfu_detail_set_address(struct stm32dfu_error_detail *detail, uint32_t address);

/* image.c: add bytes; on overlap, *clash gets the first overlapping address
 * and the existing segment's bounds. */
struct image_clash {
    uint32_t address;
    uint32_t first;
    uint32_t last;
};
int s32dfu_image_add_bytes(stm32dfu_image *image, uint8_t alt, uint32_t address,
                           const uint8_t *data, size_t len, struct image_clash *clash);
int s32dfu_image_set_target_name(stm32dfu_image *image, uint8_t alt, const char *name,
                                 size_t max_len);

struct stm32dfu_memory_map {
    char *name;
    struct stm32dfu_memory_region *regions;
    size_t region_count;
};

/* image_text.c: helpers for the line-based formats (Intel HEX, S-record). */
struct text_line {
    const char *text; /* without the line ending */
    size_t len;
    unsigned long number; /* 1-based */
};
/* Next line from *pos; false at the end of input. */
bool s32dfu_text_next_line(const struct parse_input *in, size_t *pos, struct text_line *line);
/* Decode 2*count hex digits at line->text[column]; reports the bad digit. */
int s32dfu_text_hex_bytes(const struct text_line *line, size_t column, uint8_t *out, size_t count,
                          struct stm32dfu_error_detail *detail);
/* true when the line holds only blanks */
bool s32dfu_text_is_blank(const struct text_line *line);
/* true when the line holds only blanks from column on */
bool s32dfu_text_rest_is_blank(const struct text_line *line, size_t column);
/* Parses one line of a record format: 0 when done, 1 after the format's last
 * record, or a negative enum stm32dfu_error (detail filled). */
typedef int (*text_line_fn)(stm32dfu_image *image, const struct text_line *line, void *state,
                            struct stm32dfu_error_detail *detail);
/* Runs parse_line on every non-blank line; refuses text after the last
 * record and a file without one (end_record names it in messages). */
int s32dfu_text_parse_records(stm32dfu_image *image, const struct parse_input *in,
                              const char *end_record, text_line_fn parse_line, void *state,
                              struct stm32dfu_error_detail *detail);
int s32dfu_text_add_record(stm32dfu_image *image, const struct text_line *line, uint64_t address,
                           const uint8_t *data, size_t len, struct stm32dfu_error_detail *detail);

/* One parser per format; each fills an empty image. */
int s32dfu_format_bin_parse(stm32dfu_image *image, const struct parse_input *in, uint32_t base,
                            struct stm32dfu_error_detail *detail);
int s32dfu_format_ihex_parse(stm32dfu_image *image, const struct parse_input *in,
                             struct stm32dfu_error_detail *detail);
int s32dfu_format_srec_parse(stm32dfu_image *image, const struct parse_input *in,
                             struct stm32dfu_error_detail *detail);
int s32dfu_format_elf_parse(stm32dfu_image *image, const struct parse_input *in,
                            struct stm32dfu_error_detail *detail);
int s32dfu_format_dfuse_parse(stm32dfu_image *image, const struct parse_input *in,
                              struct stm32dfu_error_detail *detail);

/* format_dfu_suffix.c */
#define DFU_SUFFIX_LEN 16u
/* bcdDFU of a DfuSe file: DFU 1.1 with ST's extension, "1.1a" (docs/research/host_side.md#s2.1). */
#define DFU_SUFFIX_BCD_DFUSE 0x011Au
/* true when the last 16 bytes carry the "UFD" signature and bLength 16 */
bool s32dfu_dfu_suffix_present(const struct parse_input *in);
/* true when a suffix is present and its bcdDFU is DFU_SUFFIX_BCD_DFUSE */
bool s32dfu_dfu_suffix_is_dfuse(const struct parse_input *in);
/* Read and CRC-check the suffix; fills image->suffix. */
int s32dfu_dfu_suffix_parse(stm32dfu_image *image, const struct parse_input *in,
                            struct stm32dfu_error_detail *detail);
/* The DFU suffix CRC of data (DFU 1.1 Appendix B): zlib's CRC-32 without its final inversion. */
uint32_t s32dfu_dfu_suffix_crc(const uint8_t *data, size_t len);

/* Little-endian readers for file structures. */
static inline uint16_t get_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

#endif /* STM32DFU_IMAGE_PRIVATE_H */
