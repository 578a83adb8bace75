/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for option-byte decoding: a ROM whose option-byte area is
 * one of the simulator profiles' (the first byte picks it) answers every
 * request from the input (fuzz_device.h); the library reads the option bytes
 * and the protection level, and decodes every field of the bytes it got.
 */
#include <stdlib.h>

#include "fuzz_device.h"

/* The "@Option Bytes" strings of the simulator's profiles (sim/src/profiles.c). */
static const char *const layouts[] = {
    "@Option Bytes  /0x1FFFC000/01*016 g",
    "@Option Bytes  /0x1FFFF800/01*016 g",
    "@Option Bytes  /0x1FFF0000/01*032 g",
    "@Option Bytes   /0x5200201C/01*128 e",
    "@Option Bytes  /0x1FFF7800/01*040 e",
    "@Option Bytes   /0x1FFF7800/01*048 e/0x1FFFF800/01*048 e",
};

static void decode(const struct stm32dfu_device_info *info, const uint8_t *bytes, int count)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    for (size_t i = 0; i < n; i++) {
        unsigned int value;
        if (stm32dfu_option_field_value(&fields[i], bytes, count, &value))
            stm32dfu_option_field_meaning(info, &fields[i], value);
        else if (fields[i].offset + 2 <= count)
            abort(); /* the bytes reach the field's word */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *layout = layouts[data[0] % (sizeof(layouts) / sizeof(layouts[0]))];
    fuzz_device_start(data + 1, size - 1, FUZZ_FIXED_ROM, false, layout);
    stm32dfu_context *ctx = fuzz_device_context();
    stm32dfu_device *dev = fuzz_device_open(ctx);
    if (dev) {
        uint8_t bytes[128];
        uint32_t address;
        int count = stm32dfu_read_option_bytes(dev, bytes, sizeof(bytes), &address);
        if (count > (int)sizeof(bytes))
            abort();
        if (count > 0)
            decode(stm32dfu_get_device_info(dev), bytes, count);
        uint8_t rdp;
        if (stm32dfu_read_protection_level(dev, &rdp) >= 0)
            stm32dfu_rdp_level(stm32dfu_get_device_info(dev), rdp);
    }
    stm32dfu_close(dev);
    stm32dfu_free_context(ctx);
    return 0;
}
