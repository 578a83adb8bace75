/* SPDX-License-Identifier: MIT */
/* Filling struct stm32dfu_error_detail: the location and the reason of a refusal. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "image_private.h"

/* Clears detail, then fills in code and the message: prefix (the location),
 * then format. */
static void detail_vset(struct stm32dfu_error_detail *detail, int code, const char *prefix,
                        const char *format, va_list args)
{
    memset(detail, 0, sizeof(*detail));
    detail->code = code;
    size_t used = (size_t)snprintf(detail->message, sizeof(detail->message), "%s", prefix);
    if (used < sizeof(detail->message))
        vsnprintf(detail->message + used, sizeof(detail->message) - used, format, args);
}

/* What every setter does with its variable arguments; a macro, because only
 * the variadic function itself can start its va_list. */
#define DETAIL_VSET(detail, code, prefix, format)                                                  \
    do {                                                                                           \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        detail_vset(detail, code, prefix, format, args);                                           \
        va_end(args);                                                                              \
    } while (0)

int s32dfu_detail_set(struct stm32dfu_error_detail *detail, int code, const char *format, ...)
{
    if (detail)
        DETAIL_VSET(detail, code, "", format);
    return code;
}

int s32dfu_detail_set_line(struct stm32dfu_error_detail *detail, int code, unsigned long line,
                           const char *format, ...)
{
    if (!detail)
        return code;
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "line %lu: ", line);
    DETAIL_VSET(detail, code, prefix, format);
    detail->line = line;
    return code;
}

int s32dfu_detail_set_offset(struct stm32dfu_error_detail *detail, int code, uint64_t offset,
                             const char *format, ...)
{
    if (!detail)
        return code;
    char prefix[40];
    snprintf(prefix, sizeof(prefix), "offset %llu (0x%llX): ", (unsigned long long)offset,
             (unsigned long long)offset);
    DETAIL_VSET(detail, code, prefix, format);
    detail->has_offset = true;
    detail->offset = offset;
    return code;
}

int s32dfu_detail_set_column(struct stm32dfu_error_detail *detail, int code, size_t column,
                             const char *format, ...)
{
    if (!detail)
        return code;
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "column %zu: ", column + 1);
    DETAIL_VSET(detail, code, prefix, format);
    detail->has_offset = true;
    detail->offset = column;
    return code;
}

void s32dfu_detail_set_address(struct stm32dfu_error_detail *detail, uint32_t address)
{
    if (!detail)
        return;
    detail->has_address = true;
    detail->address = address;
}

const char *stm32dfu_format_name(int format)
{
    switch (format) {
    case STM32DFU_FORMAT_AUTO:
        return "automatic";
    case STM32DFU_FORMAT_BIN:
        return "raw binary";
    case STM32DFU_FORMAT_IHEX:
        return "Intel HEX";
    case STM32DFU_FORMAT_SREC:
        return "Motorola S-record";
    case STM32DFU_FORMAT_ELF:
        return "ELF";
    case STM32DFU_FORMAT_DFUSE:
        return "DfuSe";
    default:
        return "unknown format";
    }
}
