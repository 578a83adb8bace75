/* SPDX-License-Identifier: MIT */
/* String descriptors (USB 2.0 §9.6.7) as ASCII, for discovery and for the
 * iString of a DFU status. The language is read once per device, not once
 * per string as libusb_get_string_descriptor_ascii() does. */
#include "device_private.h"

uint16_t s32dfu_usb_read_langid(const struct transport *t, libusb_device_handle *h)
{
    unsigned char raw[4];
    if (t->get_string_descriptor(h, 0, 0, raw, sizeof(raw)) < 4 || raw[0] < 4 ||
        raw[1] != LIBUSB_DT_STRING)
        return 0;
    return (uint16_t)(raw[2] | raw[3] << 8);
}

void s32dfu_usb_read_string(const struct transport *t, libusb_device_handle *h, uint16_t langid,
                            uint8_t index, char *out, size_t size)
{
    unsigned char raw[256];
    out[0] = '\0';
    if (index == 0 || langid == 0)
        return;
    int r = t->get_string_descriptor(h, index, langid, raw, sizeof(raw));
    if (r < 2 || raw[1] != LIBUSB_DT_STRING)
        return;
    /* bLength may claim more than arrived, or less: trust the smaller. */
    int len = raw[0] < r ? raw[0] : r;
    size_t n = 0;
    for (int i = 2; i + 1 < len && n + 1 < size; i += 2)
        out[n++] = raw[i + 1] == 0 && raw[i] >= 0x20 && raw[i] < 0x7F ? (char)raw[i] : '?';
    out[n] = '\0';
}
