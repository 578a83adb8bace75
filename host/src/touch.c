/* SPDX-License-Identifier: MIT */
/* The 1200-baud touch over libusb: the two CDC-ACM class requests a host's
 * cdc-acm driver sends when a program opens the port at 1200 baud, drops DTR
 * and closes it (arduino-cli arduino/serialutils/serialutils.go
 * TouchSerialPortAt1200bps; Klipper scripts/flash_usb.py enter_bootloader).
 * Codes and layouts: USB CDC PSTN subclass 1.2, Table 13 and §6.3.10-§6.3.12. */
#include "device_private.h"

#define CDC_OUT                     (LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)
#define CDC_SET_LINE_CODING         0x20
#define CDC_SET_CONTROL_LINE_STATE  0x22
#define LINE_CODING_LEN             7
#define LINE_CODING_ONE_STOP_BIT    0
#define LINE_CODING_NO_PARITY       0
#define LINE_CODING_8_DATA_BITS     8
#define CONTROL_LINES_DTR_RTS_CLEAR 0x0000
#define CDC_REQUEST_TIMEOUT_MS      1000u

static int cdc_request(stm32dfu_device *dev, uint8_t request, uint16_t wValue, uint8_t *data,
                       uint16_t len, const char *name)
{
    s32dfu_log(dev->ctx, STM32DFU_LOG_INFO, "%s wValue=0x%04x len=%u to interface %u", name, wValue,
               len, dev->info.cdc_interface_number);
    int r = dev->ctx->transport->control_transfer(dev->usb, CDC_OUT, request, wValue,
                                                  dev->info.cdc_interface_number, data, len,
                                                  CDC_REQUEST_TIMEOUT_MS);
    r = s32dfu_error_from_libusb(dev->ctx, r, name);
    if (r < 0)
        s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "%s -> %s", name, stm32dfu_error_name(r));
    return r < 0 ? r : 0;
}

static int send_touch(stm32dfu_device *dev)
{
    uint8_t coding[LINE_CODING_LEN] = {(uint8_t)STM32DFU_TOUCH_BAUD,
                                       (uint8_t)(STM32DFU_TOUCH_BAUD >> 8),
                                       (uint8_t)(STM32DFU_TOUCH_BAUD >> 16),
                                       (uint8_t)(STM32DFU_TOUCH_BAUD >> 24),
                                       LINE_CODING_ONE_STOP_BIT,
                                       LINE_CODING_NO_PARITY,
                                       LINE_CODING_8_DATA_BITS};
    int r = cdc_request(dev, CDC_SET_LINE_CODING, 0, coding, LINE_CODING_LEN, "SET_LINE_CODING");
    if (r < 0)
        return r;
    r = cdc_request(dev, CDC_SET_CONTROL_LINE_STATE, CONTROL_LINES_DTR_RTS_CLEAR, NULL, 0,
                    "SET_CONTROL_LINE_STATE");
    /* A firmware that resets before the status stage of the DTR request leaves
     * it unanswered: the request reached it, and the bootloader wait decides. */
    if (r == STM32DFU_ERROR_DISCONNECTED || r == STM32DFU_ERROR_USB_IO ||
        r == STM32DFU_ERROR_TIMEOUT)
        return 0;
    return r;
}

int stm32dfu_touch(stm32dfu_device *dev)
{
    if (!(dev->info.detach_methods & STM32DFU_DETACH_TOUCH))
        return STM32DFU_ERROR_UNSUPPORTED;
    const struct transport *t = dev->ctx->transport;
    int port = dev->info.cdc_interface_number;
    /* The handle holds its DFU runtime interface; the port is claimed for
     * the requests only (usbfs would otherwise claim it implicitly, or refuse
     * it while the kernel's cdc-acm driver holds it). */
    bool own = port != dev->info.interface_number;
    int r = own ? s32dfu_error_from_libusb(dev->ctx, t->claim_interface(dev->usb, port),
                                           "claim_interface")
                : 0;
    if (r < 0)
        return r;
    r = send_touch(dev);
    if (own)
        t->release_interface(dev->usb, port);
    return r;
}
