/* SPDX-License-Identifier: MIT */
/* Line handling shared by the text formats (Intel HEX, Motorola S-record). */
#include <stdio.h>
#include <string.h>

#include "image_private.h"

bool s32dfu_text_next_line(const struct parse_input *in, size_t *pos, struct text_line *line)
{
    if (*pos >= in->len)
        return false;
    const char *start = (const char *)in->data + *pos;
    const char *newline = memchr(start, '\n', in->len - *pos);
    size_t len = newline ? (size_t)(newline - start) : in->len - *pos;
    *pos += newline ? len + 1 : len;
    /* Files written on Windows end lines with CR LF. */
    if (len && start[len - 1] == '\r')
        len--;
    line->text = start;
    line->len = len;
    line->number++;
    return true;
}

bool s32dfu_text_is_blank(const struct text_line *line)
{
    return s32dfu_text_rest_is_blank(line, 0);
}

bool s32dfu_text_rest_is_blank(const struct text_line *line, size_t column)
{
    for (size_t i = column; i < line->len; i++) {
        if (line->text[i] != ' ' && line->text[i] != '\t' && line->text[i] != '\r')
            return false;
    }
    return true;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static void describe_char(char c, char *out, size_t size)
{
    unsigned char u = (unsigned char)c;
    if (u >= 0x21 && u < 0x7F)
        snprintf(out, size, "'%c'", c);
    else
        snprintf(out, size, "byte 0x%02X", u);
}

int s32dfu_text_hex_bytes(const struct text_line *line, size_t column, uint8_t *out, size_t count,
                          struct stm32dfu_error_detail *detail)
{
    for (size_t i = 0; i < 2 * count; i++) {
        size_t at = column + i;
        if (at >= line->len)
            return s32dfu_detail_set_line(
                detail, STM32DFU_ERROR_FORMAT, line->number,
                "truncated: the record ends at column %zu; the file is cut "
                "short or was edited",
                line->len + 1);
        int v = hex_value(line->text[at]);
        if (v < 0) {
            char what[16];
            describe_char(line->text[at], what, sizeof(what));
            return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                          "%s at column %zu is not a hex digit", what, at + 1);
        }
        if (i % 2 == 0)
            out[i / 2] = (uint8_t)(v << 4);
        else
            out[i / 2] |= (uint8_t)v;
    }
    return STM32DFU_SUCCESS;
}

int s32dfu_text_add_record(stm32dfu_image *image, const struct text_line *line, uint64_t address,
                           const uint8_t *data, size_t len, struct stm32dfu_error_detail *detail)
{
    if (address + len > 0x100000000ull) {
        int rc = s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line->number,
                                        "record at 0x%llX + %zu bytes runs past the 4 GiB address "
                                        "space; check the file's address records",
                                        (unsigned long long)address, len);
        s32dfu_detail_set_address(detail, (uint32_t)(address > UINT32_MAX ? UINT32_MAX : address));
        return rc;
    }
    struct image_clash clash;
    int rc = s32dfu_image_add_bytes(image, 0, (uint32_t)address, data, len, &clash);
    if (rc == STM32DFU_ERROR_OVERLAP) {
        s32dfu_detail_set_line(
            detail, rc, line->number,
            "data at 0x%08X-0x%08X overlaps data given earlier at 0x%08X-0x%08X; "
            "remove the duplicate record",
            (unsigned)address, (unsigned)(address + len - 1), (unsigned)clash.first,
            (unsigned)clash.last);
        s32dfu_detail_set_address(detail, clash.address);
    } else if (rc) {
        s32dfu_detail_set_line(detail, rc, line->number, "out of memory");
    }
    return rc;
}

int s32dfu_text_parse_records(stm32dfu_image *image, const struct parse_input *in,
                              const char *end_record, text_line_fn parse_line, void *state,
                              struct stm32dfu_error_detail *detail)
{
    struct text_line line = {0};
    size_t pos = 0;
    bool ended = false;
    while (s32dfu_text_next_line(in, &pos, &line)) {
        if (s32dfu_text_is_blank(&line))
            continue;
        if (ended)
            return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line.number,
                                          "text after the %s; remove it", end_record);
        int rc = parse_line(image, &line, state, detail);
        if (rc < 0)
            return rc;
        ended = rc == 1;
    }
    if (!ended)
        return s32dfu_detail_set_line(detail, STM32DFU_ERROR_FORMAT, line.number,
                                      "no %s: the file is truncated", end_record);
    return STM32DFU_SUCCESS;
}
