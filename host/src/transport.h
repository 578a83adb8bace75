/* SPDX-License-Identifier: MIT */
/* The operations below the library: USB enumeration, descriptors and
 * transfers, and the clock. The default is libusb and the system clock
 * (transport_libusb.c); the fuzz targets (tests/fuzz/) install their own so
 * that device replies they make up go through the library's real code path.
 * Calls return what libusb's do (a count, or a negative LIBUSB_ERROR_*, which
 * the caller translates with s32dfu_error_from_libusb()). Not exported. */
#ifndef STM32DFU_TRANSPORT_H
#define STM32DFU_TRANSPORT_H

#include <libusb.h>
#include <stdint.h>

struct transport {
    ssize_t (*get_device_list)(libusb_context *usb, libusb_device ***list);
    void (*free_device_list)(libusb_device **list);
    int (*get_device_descriptor)(libusb_device *d, struct libusb_device_descriptor *desc);
    /* the active configuration, else the first */
    int (*get_config_descriptor)(libusb_device *d, struct libusb_config_descriptor **config);
    void (*free_config_descriptor)(struct libusb_config_descriptor *config);
    uint8_t (*get_bus_number)(libusb_device *d);
    uint8_t (*get_device_address)(libusb_device *d);
    int (*get_port_numbers)(libusb_device *d, uint8_t *ports, int len);
    int (*open)(libusb_device *d, libusb_device_handle **h);
    void (*close)(libusb_device_handle *h);
    /* detaches a kernel driver first where the platform allows */
    int (*claim_interface)(libusb_device_handle *h, int interface_number);
    int (*release_interface)(libusb_device_handle *h, int interface_number);
    int (*set_interface_alt_setting)(libusb_device_handle *h, int interface_number, int alt);
    int (*reset_device)(libusb_device_handle *h);
    int (*control_transfer)(libusb_device_handle *h, uint8_t bmRequestType, uint8_t bRequest,
                            uint16_t wValue, uint16_t wIndex, unsigned char *data, uint16_t wLength,
                            unsigned int timeout_ms);
    int (*get_string_descriptor)(libusb_device_handle *h, uint8_t index, uint16_t langid,
                                 unsigned char *data, int length);
    /* a monotonic clock in ms, and a sleep on it */
    uint64_t (*now_ms)(void);
    void (*sleep_ms)(unsigned int ms);
};

extern const struct transport s32dfu_transport_libusb;

#endif
