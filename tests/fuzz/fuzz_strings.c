/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for string descriptors: the F405 ROM's descriptors with
 * every string from the input (the language list, serial, product and the
 * memory layouts of the alternate settings, fuzz_device.h). A device the
 * library lists is opened, an image is checked against its map, and one
 * sector is erased as far as the input's replies go.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_device.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_device_start(data, size, FUZZ_FIXED_ROM, true, NULL);
    stm32dfu_context *ctx = fuzz_device_context();
    stm32dfu_device *dev = fuzz_device_open(ctx);
    if (dev) {
        const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
        for (unsigned int a = 0; a < info->alt_count; a++) {
            uint32_t rdp;
            if (strlen(info->alt_names[a]) >= sizeof(info->alt_names[a]))
                abort();
            stm32dfu_rdp_byte_address(info, a, &rdp);
        }
        stm32dfu_series_name(info);
        static const uint8_t bytes[64];
        struct stm32dfu_segment segment = {0x08000000, sizeof(bytes), bytes};
        if (stm32dfu_check_segments(dev, &segment, 1, NULL) == 0)
            stm32dfu_erase(dev, 0x08000000, 1, NULL, NULL);
        stm32dfu_close(dev);
    }
    stm32dfu_free_context(ctx);
    return 0;
}
