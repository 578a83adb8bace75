/* SPDX-License-Identifier: MIT */
/* The single-step operations: read, leave, detach, read unprotect and the
 * option-byte read. */
#include <string.h>

#include "device_private.h"

/* bitWillDetach of the functional descriptor's bmAttributes (DFU 1.1 §4.1.3). */
#define DFU_ATTR_WILL_DETACH 0x08u
/* wValue of DFU_DETACH when the descriptor gives no timeout (dfu-util sends 1000). */
#define DEFAULT_DETACH_TIMEOUT_MS 1000u

static int require_dfu_mode(const stm32dfu_device *dev)
{
    return dev->info.runtime ? STM32DFU_ERROR_UNSUPPORTED : 0;
}

int stm32dfu_read(stm32dfu_device *dev, uint32_t address, uint8_t *buf, size_t len_bytes,
                  stm32dfu_progress_cb progress_cb, void *user_data)
{
    uint64_t done = 0;
    int r = require_dfu_mode(dev);
    dev->failed_address = UINT32_MAX;
    if (r < 0)
        return r;
    return s32dfu_dfuse_read_region(dev, address, buf, len_bytes, progress_cb, user_data,
                                    STM32DFU_PHASE_READ, &done, len_bytes);
}

int stm32dfu_leave(stm32dfu_device *dev, uint32_t address)
{
    int r = require_dfu_mode(dev);
    dev->failed_address = UINT32_MAX;
    if (r == 0)
        r = s32dfu_dfuse_set_address(dev, address);
    if (r == 0)
        r = s32dfu_dfuse_leave(dev);
    if (r < 0 && dev->failed_address == UINT32_MAX)
        dev->failed_address = address;
    return r;
}

int stm32dfu_detach(stm32dfu_device *dev)
{
    if (!(dev->info.detach_methods & STM32DFU_DETACH_DFU))
        return STM32DFU_ERROR_UNSUPPORTED;
    /* DETACH goes out in appIDLE or appDETACH only; a runtime that STALLs
     * the state request is taken as appIDLE, as dfu-util does (host_side.md
     * §3.2, DFU 1.1 §5.1). */
    uint8_t state = STM32DFU_STATE_APP_IDLE;
    int r = s32dfu_dfu_get_state(dev, &state);
    if (r < 0 && r != STM32DFU_ERROR_STALL)
        return r;
    if (state != STM32DFU_STATE_APP_IDLE && state != STM32DFU_STATE_APP_DETACH)
        return STM32DFU_ERROR_PROTOCOL;
    uint16_t timeout =
        dev->info.detach_timeout_ms ? dev->info.detach_timeout_ms : DEFAULT_DETACH_TIMEOUT_MS;
    r = s32dfu_dfu_detach(dev, timeout);
    /* A device that re-enumerates at once may drop the status stage. */
    if (r == STM32DFU_ERROR_DISCONNECTED || r == STM32DFU_ERROR_USB_IO)
        return 0;
    if (r < 0 || (dev->info.attributes & DFU_ATTR_WILL_DETACH))
        return r;
    /* Without bitWillDetach the host must reset the bus (DFU 1.1 §5.1). */
    r = s32dfu_error_from_libusb(dev->ctx, dev->ctx->transport->reset_device(dev->usb),
                                 "reset_device");
    return r == STM32DFU_ERROR_NO_DEVICE || r == STM32DFU_ERROR_DISCONNECTED ? 0 : r;
}

int stm32dfu_read_unprotect(stm32dfu_device *dev)
{
    int r = require_dfu_mode(dev);
    return r < 0 ? r : s32dfu_dfuse_read_unprotect(dev);
}

int stm32dfu_read_option_bytes(stm32dfu_device *dev, uint8_t *bytes, size_t max_bytes,
                               uint32_t *address)
{
    struct layout_region ob;
    int r = require_dfu_mode(dev);
    if (r == 0)
        r = s32dfu_layout_option_bytes(&dev->info, &ob);
    if (r < 0)
        return r;
    unsigned int previous = dev->alt;
    r = stm32dfu_set_alt(dev, ob.alt);
    size_t n = ob.size < max_bytes ? ob.size : max_bytes;
    uint64_t done = 0;
    if (r == 0)
        r = s32dfu_dfuse_read_region(dev, ob.start, bytes, n, NULL, NULL, STM32DFU_PHASE_READ,
                                     &done, n);
    /* Keep the device's report of a refused read while restoring the alt. */
    struct stm32dfu_dfu_status kept = dev->last_status;
    uint32_t kept_address = dev->failed_address;
    int restore = stm32dfu_set_alt(dev, previous);
    if (r < 0) {
        dev->last_status = kept;
        dev->failed_address = kept_address;
        return r;
    }
    if (restore < 0)
        return restore;
    *address = ob.start;
    return (int)n;
}

/* Large enough for every option-byte area the quirk table knows (G4: 48). */
#define RDP_READ_MAX_BYTES 128u

int stm32dfu_read_protection_level(stm32dfu_device *dev, uint8_t *rdp)
{
    uint8_t bytes[RDP_READ_MAX_BYTES];
    uint32_t base;
    int n = stm32dfu_read_option_bytes(dev, bytes, sizeof(bytes), &base);
    for (unsigned int alt = 0; n > 0 && alt < dev->info.alt_count; alt++) {
        uint32_t at;
        if (stm32dfu_rdp_byte_address(&dev->info, alt, &at) && at >= base &&
            at - base < (uint32_t)n) {
            *rdp = bytes[at - base];
            return stm32dfu_rdp_level(&dev->info, *rdp);
        }
    }
    return n < 0 ? n : STM32DFU_ERROR_UNSUPPORTED;
}
