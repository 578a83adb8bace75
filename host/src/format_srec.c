/* SPDX-License-Identifier: MIT */
/*
 * Motorola S-record reader. Record types, address widths and the checksum
 * follow the M68000 Family Programmer's Reference Manual (M68000PM/AD Rev 1),
 * Appendix C: 'S' type LL address data CC, where LL counts the bytes after
 * itself and CC is the ones' complement of the low byte of the sum of LL..data.
 */
#include "image_private.h"

enum srec_kind {
    SREC_HEADER,
    SREC_DATA,
    SREC_COUNT,
    SREC_START,
};

/* Per type S0..S9: address bytes and role; S4 is reserved (width 0). */
static const struct {
    uint8_t address_bytes;
    uint8_t kind;
} srec_types[10] = {
    {2, SREC_HEADER}, {2, SREC_DATA},  {3, SREC_DATA},  {4, SREC_DATA},  {0, 0},
    {2, SREC_COUNT},  {3, SREC_COUNT}, {4, SREC_START}, {3, SREC_START}, {2, SREC_START},
};

struct srec_record {
    unsigned int type;
    uint32_t address;
    size_t data_len;
    uint8_t bytes[255];
    const uint8_t *data;
};

struct srec_state {
    unsigned long data_records;
};

static int read_type(const struct text_line *line, unsigned int *type,
                     struct stm32dfu_error_detail *detail)
{
    if (line->text[0] != 'S')
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "expected 'S' at column 1; this is not an S-record");
    if (line->len < 2)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "truncated: the record has no type digit");
    char digit = line->text[1];
    if (digit < '0' || digit > '9' || srec_types[digit - '0'].address_bytes == 0)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "unknown record type S%c (S-records have S0-S3 and S5-S9)",
                                      digit >= 0x21 && digit < 0x7F ? digit : '?');
    *type = (unsigned int)(digit - '0');
    return STM32DFU_SUCCESS;
}

static int read_record(const struct text_line *line, struct srec_record *rec,
                       struct stm32dfu_error_detail *detail)
{
    int rc = read_type(line, &rec->type, detail);
    if (rc)
        return rc;
    uint8_t count;
    rc = s32dfu_text_hex_bytes(line, 2, &count, 1, detail);
    if (rc)
        return rc;
    size_t address_bytes = srec_types[rec->type].address_bytes;
    if (count < address_bytes + 1)
        return s32dfu_detail_set_line(
            detail, STM32DFU_ERROR_FORMAT, line->number,
            "byte count 0x%02X is too small for an S%u record (at least %zu)", count, rec->type,
            address_bytes + 1);
    rc = s32dfu_text_hex_bytes(line, 4, rec->bytes, count, detail);
    if (rc)
        return rc;
    size_t want = 4 + 2u * count;
    if (!s32dfu_text_rest_is_blank(line, want))
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                      "%zu characters after the checksum; the byte count 0x%02X "
                                      "gives a %zu-character record",
                                      line->len - want, count, want);
    uint8_t sum = count;
    for (size_t i = 0; i + 1 < count; i++)
        sum = (uint8_t)(sum + rec->bytes[i]);
    uint8_t expected = (uint8_t)~sum;
    uint8_t checksum = rec->bytes[count - 1];
    if (checksum != expected)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_CRC, line->number,
                                      "checksum 0x%02X, expected 0x%02X", checksum, expected);
    rec->address = 0;
    for (size_t i = 0; i < address_bytes; i++)
        rec->address = rec->address << 8 | rec->bytes[i];
    rec->data = rec->bytes + address_bytes;
    rec->data_len = count - address_bytes - 1;
    return STM32DFU_SUCCESS;
}

static int apply_record(stm32dfu_image *image, struct srec_state *state,
                        const struct text_line *line, const struct srec_record *rec,
                        struct stm32dfu_error_detail *detail)
{
    switch (srec_types[rec->type].kind) {
    case SREC_DATA:
        state->data_records++;
        return s32dfu_text_add_record(image, line, rec->address, rec->data, rec->data_len, detail);
    case SREC_COUNT:
        if (rec->address != state->data_records)
            return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                          "record count says %lu data records, the file has %lu "
                                          "before it; records are missing or duplicated",
                                          (unsigned long)rec->address, state->data_records);
        return STM32DFU_SUCCESS;
    case SREC_START:
        image->start_address = rec->address;
        image->has_start_address = true;
        return STM32DFU_SUCCESS;
    default:
        /* S0 carries a free-form header (often the module name); nothing to keep. */
        return STM32DFU_SUCCESS;
    }
}

/* One line: read its record and apply it; 1 after a termination record. */
static int srec_line(stm32dfu_image *image, const struct text_line *line, void *state,
                     struct stm32dfu_error_detail *detail)
{
    struct srec_record rec;
    int rc = read_record(line, &rec, detail);
    if (!rc)
        rc = apply_record(image, state, line, &rec, detail);
    return rc ? rc : srec_types[rec.type].kind == SREC_START;
}

int s32dfu_format_srec_parse(stm32dfu_image *image, const struct parse_input *in,
                             struct stm32dfu_error_detail *detail)
{
    struct srec_state state = {0};
    return s32dfu_text_parse_records(image, in, "termination record (S7, S8 or S9)", srec_line,
                                     &state, detail);
}
