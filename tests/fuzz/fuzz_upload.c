/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for UPLOAD replies of any length: the F405 ROM answers
 * every request from the input (fuzz_device.h) while the library reads a
 * range whose length the first two bytes give, then verifies it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_device.h"

#define APP 0x08000000u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t len = ((size_t)data[0] | (size_t)data[1] << 8) % 8192 + 1;
    fuzz_device_start(data + 2, size - 2, FUZZ_FIXED_ROM, false, NULL);
    stm32dfu_context *ctx = fuzz_device_context();
    stm32dfu_device *dev = fuzz_device_open(ctx);
    uint8_t *buf = malloc(len);
    if (dev && buf && stm32dfu_read(dev, APP, buf, len, NULL, NULL) == 0) {
        struct stm32dfu_segment segment = {APP, len, buf};
        stm32dfu_verify(dev, &segment, 1, NULL, NULL);
    }
    free(buf);
    stm32dfu_close(dev);
    stm32dfu_free_context(ctx);
    return 0;
}
