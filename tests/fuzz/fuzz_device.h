/* SPDX-License-Identifier: MIT */
/*
 * A scripted USB device for the device-input fuzz targets: a transport
 * (host/src/transport.h) under the real library whose replies come from the
 * fuzz input, on a virtual clock (sleeps take no time). One device on bus 1,
 * address 1. Every reply to a control transfer or string request starts with
 * one byte:
 *   0x00-0xEF  the reply has that many bytes (taken from the input; more than
 *              wLength is babble, LIBUSB_ERROR_OVERFLOW); an OUT request succeeds
 *   0xF0-0xF4  STALL, timeout, no device, I/O error, overflow
 *   0xF5-0xFF  the reply fills wLength (bytes taken from the input)
 * An input that runs out is a device that left the bus.
 */
#ifndef STM32DFU_FUZZ_DEVICE_H
#define STM32DFU_FUZZ_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "device_private.h"

/* Where the device's descriptors and strings come from. */
enum fuzz_source {
    /* an STM32F405 ROM bootloader (as the simulator's profile) */
    FUZZ_FIXED_ROM,
    /* an application with a DFU runtime interface */
    FUZZ_FIXED_RUNTIME,
    /* the input: device descriptor (18 bytes), then the configuration */
    FUZZ_INPUT,
};

/* Starts a run on data; descriptors as source says, strings from the input
 * when strings_from_input, else the fixed device's, with option_layout as the
 * ROM's option-byte alternate setting (NULL: the F405's). */
void fuzz_device_start(const uint8_t *data, size_t size, enum fuzz_source source,
                       bool strings_from_input, const char *option_layout);

/* One byte of the input, 0 when it has run out. */
uint8_t fuzz_device_byte(void);

/* A context on the fuzz transport; never NULL (aborts). */
stm32dfu_context *fuzz_device_context(void);

/* The device, listed and opened as the CLI does; NULL when the library
 * refused it. */
stm32dfu_device *fuzz_device_open(stm32dfu_context *ctx);

#endif
