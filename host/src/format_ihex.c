/* SPDX-License-Identifier: MIT */
/*
 * Intel HEX reader. Record layout, types 00-05 and the checksum follow the
 * Intel "Hexadecimal Object File Format Specification", Rev A (1988-01-06):
 * ':' LL AAAA TT data CC, where CC makes the byte sum of LL..CC zero.
 */
#include <string.h>

#include "image_private.h"

enum ihex_type {
    IHEX_DATA = 0x00,
    IHEX_END_OF_FILE = 0x01,
    IHEX_EXTENDED_SEGMENT_ADDRESS = 0x02,
    IHEX_START_SEGMENT_ADDRESS = 0x03,
    IHEX_EXTENDED_LINEAR_ADDRESS = 0x04,
    IHEX_START_LINEAR_ADDRESS = 0x05,
};

/* ':' + LL + AAAA + TT + CC */
#define IHEX_MIN_CHARS 11u

struct ihex_record {
    uint8_t count;
    uint16_t offset;
    uint8_t type;
    uint8_t data[255];
};

struct ihex_state {
    uint32_t base;
    /* after a type 02 record, data must stay within its 64 KiB segment */
    bool segment_mode;
};

static int read_record(const struct text_line *line, struct ihex_record *rec,
                       struct stm32dfu_error_detail *detail)
{
    if (line->text[0] != ':')
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "expected ':' at column 1; this is not an Intel HEX record");
    uint8_t head[4];
    int rc = s32dfu_text_hex_bytes(line, 1, head, 4, detail);
    if (rc)
        return rc;
    rec->count = head[0];
    rec->offset = (uint16_t)(head[1] << 8 | head[2]);
    rec->type = head[3];
    size_t want = IHEX_MIN_CHARS + 2u * rec->count;
    rc = s32dfu_text_hex_bytes(line, 9, rec->data, rec->count, detail);
    if (rc)
        return rc;
    uint8_t checksum;
    rc = s32dfu_text_hex_bytes(line, 9 + 2u * rec->count, &checksum, 1, detail);
    if (rc)
        return rc;
    if (!s32dfu_text_rest_is_blank(line, want))
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "%zu characters after the checksum; the byte count 0x%02X "
                                      "gives a %zu-character record",
                                      line->len - want, rec->count, want);
    uint8_t sum = 0;
    for (size_t i = 0; i < 4; i++)
        sum = (uint8_t)(sum + head[i]);
    for (size_t i = 0; i < rec->count; i++)
        sum = (uint8_t)(sum + rec->data[i]);
    uint8_t expected = (uint8_t)(0x100 - sum);
    if (checksum != expected)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_CRC, line->number,
                                      "checksum 0x%02X, expected 0x%02X", checksum, expected);
    return STM32DFU_SUCCESS;
}

static int need_count(const struct text_line *line, const struct ihex_record *rec, uint8_t count,
                      struct stm32dfu_error_detail *detail)
{
    if (rec->count == count)
        return STM32DFU_SUCCESS;
    return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                  "record type %02X must carry %u data bytes, not %u", rec->type,
                                  count, rec->count);
}

static int add_data(stm32dfu_image *image, struct ihex_state *state, const struct text_line *line,
                    const struct ihex_record *rec, struct stm32dfu_error_detail *detail)
{
    if (state->segment_mode && (uint32_t)rec->offset + rec->count > 0x10000u)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "data at offset 0x%04X + %u bytes wraps around its 64 KiB "
                                      "segment; split the record at the segment end",
                                      rec->offset, rec->count);
    return s32dfu_text_add_record(image, line, (uint64_t)state->base + rec->offset, rec->data,
                                  rec->count, detail);
}

static int apply_record(stm32dfu_image *image, struct ihex_state *state,
                        const struct text_line *line, const struct ihex_record *rec,
                        struct stm32dfu_error_detail *detail)
{
    int rc;
    switch (rec->type) {
    case IHEX_DATA:
        return add_data(image, state, line, rec, detail);
    case IHEX_END_OF_FILE:
        return need_count(line, rec, 0, detail);
    case IHEX_EXTENDED_SEGMENT_ADDRESS:
        rc = need_count(line, rec, 2, detail);
        state->base = (uint32_t)(rec->data[0] << 8 | rec->data[1]) << 4;
        state->segment_mode = true;
        return rc;
    case IHEX_EXTENDED_LINEAR_ADDRESS:
        rc = need_count(line, rec, 2, detail);
        state->base = (uint32_t)(rec->data[0] << 8 | rec->data[1]) << 16;
        state->segment_mode = false;
        return rc;
    case IHEX_START_SEGMENT_ADDRESS:
        rc = need_count(line, rec, 4, detail);
        /* CS:IP, a real-mode start address: CS * 16 + IP. */
        image->start_address = ((uint32_t)(rec->data[0] << 8 | rec->data[1]) << 4) +
                               (uint32_t)(rec->data[2] << 8 | rec->data[3]);
        image->has_start_address = true;
        return rc;
    case IHEX_START_LINEAR_ADDRESS:
        rc = need_count(line, rec, 4, detail);
        image->start_address = (uint32_t)rec->data[0] << 24 | (uint32_t)rec->data[1] << 16 |
                               (uint32_t)rec->data[2] << 8 | rec->data[3];
        image->has_start_address = true;
        return rc;
    default:
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "unknown record type %02X (Intel HEX has types 00 to 05)",
                                      rec->type);
    }
}

/* One line: read its record and apply it; 1 after the end-of-file record. */
static int ihex_line(stm32dfu_image *image, const struct text_line *line, void *state,
                     struct stm32dfu_error_detail *detail)
{
    struct ihex_record rec;
    int rc = read_record(line, &rec, detail);
    if (!rc)
        rc = apply_record(image, state, line, &rec, detail);
    return rc ? rc : rec.type == IHEX_END_OF_FILE;
}

int s32dfu_format_ihex_parse(stm32dfu_image *image, const struct parse_input *in,
                             struct stm32dfu_error_detail *detail)
{
    struct ihex_state state = {0};
    return s32dfu_text_parse_records(image, in, "end-of-file record (type 01)", ihex_line, &state,
                                     detail);
}
