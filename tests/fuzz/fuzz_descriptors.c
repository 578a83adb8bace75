/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the descriptors a device gives: device, configuration,
 * interface and DFU functional descriptors, then its strings, all from the
 * input (fuzz_device.h). A device the library lists is opened and read as
 * far as the input's replies go.
 */
#include <stdlib.h>

#include "fuzz_device.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_device_start(data, size, FUZZ_INPUT, true, NULL);
    stm32dfu_context *ctx = fuzz_device_context();
    stm32dfu_device *dev = fuzz_device_open(ctx);
    if (dev) {
        const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
        if (info->alt_count > STM32DFU_MAX_ALTS || (!info->runtime && info->transfer_size == 0))
            abort();
        uint8_t buf[512];
        stm32dfu_read(dev, 0x08000000, buf, sizeof(buf), NULL, NULL);
        stm32dfu_close(dev);
    }
    stm32dfu_free_context(ctx);
    return 0;
}
