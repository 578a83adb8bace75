/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for GETSTATUS and GETSTATE replies (and the status stages
 * of the other requests): the F405 ROM, or an application with a DFU runtime
 * interface, answers every request from the input (fuzz_device.h) while the
 * library opens it and runs the operation the first byte picks.
 */
#include <stdlib.h>

#include "fuzz_device.h"

#define APP 0x08000000u

static void run_operation(stm32dfu_device *dev, uint8_t op)
{
    static uint8_t image[4096];
    struct stm32dfu_segment segment = {APP, sizeof(image), image};
    struct stm32dfu_flash_options o = {
        .no_verify = op & 0x10, .skip_unchanged = op & 0x20, .skip_blank_erase = op & 0x40};
    struct stm32dfu_flash_report report;
    switch (op & 0x07) {
    case 0:
        stm32dfu_flash(dev, &segment, 1, &o, &report);
        break;
    case 1:
        stm32dfu_erase(dev, APP, 0x8000, NULL, NULL);
        break;
    case 2:
        stm32dfu_mass_erase(dev);
        break;
    case 3:
        stm32dfu_leave(dev, APP);
        break;
    case 4:
        stm32dfu_read_unprotect(dev);
        break;
    default:
        stm32dfu_verify(dev, &segment, 1, NULL, NULL);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool runtime = data[0] & 0x80;
    fuzz_device_start(data + 1, size - 1, runtime ? FUZZ_FIXED_RUNTIME : FUZZ_FIXED_ROM, false,
                      NULL);
    stm32dfu_context *ctx = fuzz_device_context();
    stm32dfu_device *dev = fuzz_device_open(ctx);
    if (dev && runtime)
        stm32dfu_detach(dev);
    else if (dev)
        run_operation(dev, data[0]);
    if (dev) {
        struct stm32dfu_dfu_status st;
        stm32dfu_get_last_status(dev, &st, NULL);
        stm32dfu_state_name(st.bState);
        stm32dfu_status_name(st.bStatus);
        stm32dfu_get_status_text(dev);
    }
    stm32dfu_close(dev);
    stm32dfu_free_context(ctx);
    return 0;
}
