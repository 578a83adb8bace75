/* SPDX-License-Identifier: MIT */
/* The DFU 1.1 class requests, one function each (DFU 1.1 §3 table 3.2 and
 * §6). All go to the claimed interface as class requests; bmRequestType is
 * 0x21 host-to-device and 0xA1 device-to-host (DFU 1.1 §3). */
#include <string.h>

#include "device_private.h"

#define DFU_OUT (LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)
#define DFU_IN  (LIBUSB_ENDPOINT_IN | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)

/* Generous for requests that do no flash work; busy waits pass their own. */
#define DFU_REQUEST_TIMEOUT_MS 5000u
/* DFU_GETSTATUS reply length (DFU 1.1 §6.1.2). */
#define DFU_STATUS_LEN 6

static const char *const request_names[] = {
    "DFU_DETACH",    "DFU_DNLOAD",   "DFU_UPLOAD", "DFU_GETSTATUS",
    "DFU_CLRSTATUS", "DFU_GETSTATE", "DFU_ABORT",
};

/* Every DFU request goes through here: logged at INFO (one -v), its result
 * at DEBUG (-vv; a GETSTATUS reply is logged decoded instead). wValue is
 * named as DFU 1.1 §6 names it for the request. */
static int control(stm32dfu_device *dev, uint8_t type, enum dfu_request request, uint16_t wValue,
                   uint8_t *data, uint16_t len, unsigned int timeout_ms)
{
    const char *name = request_names[request];
    s32dfu_log(dev->ctx, STM32DFU_LOG_INFO, "%s %s=%u len=%u", name,
               request == DFU_DNLOAD || request == DFU_UPLOAD ? "wBlockNum"
               : request == DFU_DETACH                        ? "wTimeout"
                                                              : "wValue",
               wValue, len);
    int r =
        dev->ctx->transport->control_transfer(dev->usb, type, (uint8_t)request, wValue,
                                              dev->info.interface_number, data, len, timeout_ms);
    r = s32dfu_error_from_libusb(dev->ctx, r, name);
    if (r < 0)
        s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "%s -> %s", name, stm32dfu_error_name(r));
    else if (request != DFU_GETSTATUS)
        s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "%s -> %d bytes", name, r);
    return r;
}

int s32dfu_dfu_detach(stm32dfu_device *dev, uint16_t timeout_ms)
{
    return control(dev, DFU_OUT, DFU_DETACH, timeout_ms, NULL, 0, DFU_REQUEST_TIMEOUT_MS);
}

int s32dfu_dfu_dnload(stm32dfu_device *dev, uint16_t wBlockNum, const uint8_t *data, uint16_t len)
{
    dev->idle = false;
    /* libusb takes a non-const buffer for both directions; it only reads an OUT one. */
    int r = control(dev, DFU_OUT, DFU_DNLOAD, wBlockNum, (uint8_t *)(uintptr_t)data, len,
                    DFU_REQUEST_TIMEOUT_MS);
    return r < 0 ? r : 0;
}

int s32dfu_dfu_upload(stm32dfu_device *dev, uint16_t wBlockNum, uint8_t *data, uint16_t len)
{
    dev->idle = false;
    return control(dev, DFU_IN, DFU_UPLOAD, wBlockNum, data, len, DFU_REQUEST_TIMEOUT_MS);
}

int s32dfu_dfu_get_status(stm32dfu_device *dev, unsigned int timeout_ms,
                          struct stm32dfu_dfu_status *status)
{
    uint8_t reply[DFU_STATUS_LEN];
    int r = control(dev, DFU_IN, DFU_GETSTATUS, 0, reply, sizeof(reply), timeout_ms);
    if (r < 0)
        return r;
    if (r != DFU_STATUS_LEN)
        return STM32DFU_ERROR_PROTOCOL;
    /* bStatus, bwPollTimeout (3 bytes, little-endian), bState, iString. */
    status->bStatus = reply[0];
    status->bwPollTimeout = (uint32_t)reply[1] | (uint32_t)reply[2] << 8 | (uint32_t)reply[3] << 16;
    status->bState = reply[4];
    status->iString = reply[5];
    dev->last_status = *status;
    dev->status_text[0] = '\0';
    /* A device may name its error in a string descriptor (DFU 1.1 §6.1.2). */
    if (status->bStatus != STM32DFU_STATUS_OK && status->iString != 0) {
        const struct transport *t = dev->ctx->transport;
        s32dfu_usb_read_string(t, dev->usb, s32dfu_usb_read_langid(t, dev->usb), status->iString,
                               dev->status_text, sizeof(dev->status_text));
    }
    s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "GETSTATUS -> %s %s poll %u ms",
               stm32dfu_state_name(status->bState), stm32dfu_status_name(status->bStatus),
               (unsigned int)status->bwPollTimeout);
    return 0;
}

int s32dfu_dfu_clear_status(stm32dfu_device *dev)
{
    int r = control(dev, DFU_OUT, DFU_CLRSTATUS, 0, NULL, 0, DFU_REQUEST_TIMEOUT_MS);
    return r < 0 ? r : 0;
}

int s32dfu_dfu_get_state(stm32dfu_device *dev, uint8_t *bState)
{
    int r = control(dev, DFU_IN, DFU_GETSTATE, 0, bState, 1, DFU_REQUEST_TIMEOUT_MS);
    if (r < 0)
        return r;
    if (r != 1)
        return STM32DFU_ERROR_PROTOCOL;
    s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "GETSTATE -> %s", stm32dfu_state_name(*bState));
    return 0;
}

int s32dfu_dfu_abort(stm32dfu_device *dev)
{
    int r = control(dev, DFU_OUT, DFU_ABORT, 0, NULL, 0, DFU_REQUEST_TIMEOUT_MS);
    return r < 0 ? r : 0;
}
