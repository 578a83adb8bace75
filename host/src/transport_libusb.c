/* SPDX-License-Identifier: MIT */
/* The default transport: libusb and the system's monotonic clock. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <time.h>

#include "transport.h"

static void free_device_list(libusb_device **list)
{
    libusb_free_device_list(list, 1);
}

static int get_config_descriptor(libusb_device *d, struct libusb_config_descriptor **config)
{
    int r = libusb_get_active_config_descriptor(d, config);
    return r < 0 ? libusb_get_config_descriptor(d, 0, config) : r;
}

static int claim_interface(libusb_device_handle *h, int interface_number)
{
    libusb_set_auto_detach_kernel_driver(h, 1);
    return libusb_claim_interface(h, interface_number);
}

static int get_string_descriptor(libusb_device_handle *h, uint8_t index, uint16_t langid,
                                 unsigned char *data, int length)
{
    return libusb_get_string_descriptor(h, index, langid, data, length);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

const struct transport s32dfu_transport_libusb = {
    .get_device_list = libusb_get_device_list,
    .free_device_list = free_device_list,
    .get_device_descriptor = libusb_get_device_descriptor,
    .get_config_descriptor = get_config_descriptor,
    .free_config_descriptor = libusb_free_config_descriptor,
    .get_bus_number = libusb_get_bus_number,
    .get_device_address = libusb_get_device_address,
    .get_port_numbers = libusb_get_port_numbers,
    .open = libusb_open,
    .close = libusb_close,
    .claim_interface = claim_interface,
    .release_interface = libusb_release_interface,
    .set_interface_alt_setting = libusb_set_interface_alt_setting,
    .reset_device = libusb_reset_device,
    .control_transfer = libusb_control_transfer,
    .get_string_descriptor = get_string_descriptor,
    .now_ms = now_ms,
    .sleep_ms = sleep_ms,
};
