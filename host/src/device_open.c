/* SPDX-License-Identifier: MIT */
/* Opening and closing a DFU device, the alternate setting, and the status
 * kept on the handle for error messages. */
#include <stdlib.h>
#include <string.h>

#include "device_private.h"

static int find_usb_device(stm32dfu_context *ctx, const struct stm32dfu_device_info *info,
                           libusb_device_handle **h)
{
    const struct transport *t = ctx->transport;
    libusb_device **devs;
    ssize_t n = t->get_device_list(ctx->usb, &devs);
    if (n < 0)
        return s32dfu_error_from_libusb(ctx, (int)n, "get_device_list");
    int r = STM32DFU_ERROR_NO_DEVICE;
    for (ssize_t i = 0; i < n; i++) {
        if (t->get_bus_number(devs[i]) == info->bus &&
            t->get_device_address(devs[i]) == info->address) {
            r = s32dfu_error_from_libusb(ctx, t->open(devs[i], h), "open");
            break;
        }
    }
    t->free_device_list(devs);
    return r;
}

int stm32dfu_open(stm32dfu_context *ctx, const struct stm32dfu_device_info *info,
                  stm32dfu_device **dev)
{
    *dev = NULL;
    /* DFU data moves in blocks of wTransferSize (DFU 1.1 §4.1.3): a DFU-mode
     * interface that declares 0 cannot carry any. */
    if (!info->runtime && info->transfer_size == 0)
        return STM32DFU_ERROR_PROTOCOL;
    stm32dfu_device *d = calloc(1, sizeof(*d));
    if (!d)
        return STM32DFU_ERROR_NO_MEMORY;
    d->ctx = ctx;
    d->info = *info;
    d->failed_address = UINT32_MAX;
    d->current_address = UINT32_MAX;
    s32dfu_dfu_quirks_lookup(info, &d->quirks);
    int r = find_usb_device(ctx, info, &d->usb);
    if (r < 0) {
        free(d);
        return r;
    }
    r = s32dfu_error_from_libusb(
        ctx, ctx->transport->claim_interface(d->usb, info->interface_number), "claim_interface");
    /* An application with only a CDC-ACM port has no alternate setting to select. */
    if (r == 0 && info->alt_count > 0)
        r = stm32dfu_set_alt(d, 0);
    if (r < 0) {
        stm32dfu_close(d);
        return r;
    }
    *dev = d;
    return 0;
}

void stm32dfu_close(stm32dfu_device *dev)
{
    if (!dev)
        return;
    /* After leave or detach the device is gone; errors here change nothing. */
    dev->ctx->transport->release_interface(dev->usb, dev->info.interface_number);
    dev->ctx->transport->close(dev->usb);
    stm32dfu_free_memory_map(dev->map);
    free(dev);
}

const struct stm32dfu_device_info *stm32dfu_get_device_info(const stm32dfu_device *dev)
{
    return &dev->info;
}

int stm32dfu_set_alt(stm32dfu_device *dev, unsigned int alt)
{
    if (alt >= dev->info.alt_count)
        return STM32DFU_ERROR_INVALID_ARGUMENT;
    if (alt == dev->alt && dev->idle)
        return 0;
    s32dfu_log(dev->ctx, STM32DFU_LOG_INFO, "SET_INTERFACE alt %u", alt);
    int r = dev->ctx->transport->set_interface_alt_setting(dev->usb, dev->info.interface_number,
                                                           (int)alt);
    r = s32dfu_error_from_libusb(dev->ctx, r, "SET_INTERFACE");
    /* The descriptors declare alt, so a refusal is the device's: usbfs gives
     * EPIPE (STALL) or ETIMEDOUT, which libusb reports as OTHER, or EINVAL
     * (NOT_FOUND); none of them is a missing device or a bug. */
    if (r == STM32DFU_ERROR_NO_DEVICE || r == STM32DFU_ERROR_OTHER)
        r = STM32DFU_ERROR_USB_IO;
    if (r < 0)
        return r;
    dev->alt = alt;
    if (dev->info.runtime)
        return 0;
    s32dfu_layout_load(dev);
    return s32dfu_dfuse_go_idle(dev);
}

void stm32dfu_get_last_status(const stm32dfu_device *dev, struct stm32dfu_dfu_status *status,
                              uint32_t *failed_address)
{
    *status = dev->last_status;
    if (failed_address)
        *failed_address = dev->failed_address;
}

/* Read from signal handlers: only a lock-free atomic is safe there (C11
 * §7.14.1.1), and current_address holds 32 bits. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2 && sizeof(unsigned int) == sizeof(uint32_t),
               "current_address must be a lock-free 32-bit atomic");

uint32_t stm32dfu_get_current_address(const stm32dfu_device *dev)
{
    return atomic_load(&dev->current_address);
}

const char *stm32dfu_get_status_text(const stm32dfu_device *dev)
{
    return dev->status_text;
}
