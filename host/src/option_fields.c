/* SPDX-License-Identifier: MIT */
/* Reading and writing the named fields of option bytes: a field's value, what
 * it means, and setting it with its copy (the series table, series.c, says
 * where the fields and their copies are). */
#include <string.h>

#include "device_private.h"

bool stm32dfu_option_field_value(const struct stm32dfu_option_field *field, const uint8_t *bytes,
                                 size_t count, unsigned int *value)
{
    if (field->mask == 0 || count < 2 || field->offset > count - 2)
        return false;
    unsigned int word = bytes[field->offset] | (unsigned int)bytes[field->offset + 1] << 8;
    unsigned int shift = 0;
    while (!(field->mask >> shift & 1u))
        shift++;
    *value = (word & field->mask) >> shift;
    return true;
}

const char *stm32dfu_option_field_meaning(const struct stm32dfu_device_info *info,
                                          const struct stm32dfu_option_field *field,
                                          unsigned int value)
{
    static const char *const rdp_levels[] = {"level 0", "level 1", "level 2 (permanent)"};
    if (strcmp(field->name, "RDP") == 0 && value <= 0xFFu)
        return rdp_levels[stm32dfu_rdp_level(info, (uint8_t)value)];
    return value <= 1u ? field->meaning[value] : NULL;
}

/* The bits of mask in the little-endian word at offset, as far as the bytes
 * that mask covers are inside count: false when one is not. */
static bool bits_reachable(size_t offset, unsigned int mask, size_t count)
{
    return (!(mask & 0x00FFu) || offset < count) && (!(mask & 0xFF00u) || offset + 1 < count);
}

static void put_bits(uint8_t *bytes, size_t offset, unsigned int mask, unsigned int bits)
{
    if (mask & 0x00FFu)
        bytes[offset] = (uint8_t)((bytes[offset] & ~mask) | (bits & mask));
    if (mask & 0xFF00u)
        bytes[offset + 1] = (uint8_t)((bytes[offset + 1] & ~(mask >> 8)) | ((bits & mask) >> 8));
}

int stm32dfu_option_field_set(const struct stm32dfu_device_info *info,
                              const struct stm32dfu_option_field *field, uint8_t *bytes,
                              size_t count, unsigned int value)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    if (!s || !s->field_count)
        return STM32DFU_ERROR_UNSUPPORTED;
    if (field->complement_of || field->mask == 0)
        return STM32DFU_ERROR_INVALID_ARGUMENT;
    unsigned int shift = 0;
    while (!(field->mask >> shift & 1u))
        shift++;
    if (value > (unsigned int)field->mask >> shift)
        return STM32DFU_ERROR_OUT_OF_RANGE;
    size_t copy = (size_t)field->offset + s->copy_distance;
    if (!bits_reachable(field->offset, field->mask, count) ||
        (s->copy_distance && !bits_reachable(copy, field->mask, count)))
        return STM32DFU_ERROR_INVALID_ARGUMENT;
    unsigned int bits = value << shift;
    put_bits(bytes, field->offset, field->mask, bits);
    if (s->copy_distance)
        put_bits(bytes, copy, field->mask, s->copy_inverted ? ~bits : bits);
    return 0;
}
