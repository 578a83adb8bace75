/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu 1200-baud touch helper: the application side of the convention by
 * which a host sends a CDC-ACM (virtual serial port) application into its
 * bootloader. The host opens the port, sets the line coding to 1200 baud and
 * drops DTR (arduino-cli arduino/serialutils/serialutils.go
 * TouchSerialPortAt1200bps; Klipper scripts/flash_usb.py enter_bootloader); the
 * firmware takes a SET_CONTROL_LINE_STATE with DTR clear, while the line coding
 * is 1200 baud, as the request (ArduinoCore-avr cores/arduino/CDC.cpp
 * CDC_Setup; Klipper src/generic/usb_cdc.c check_reboot). It is independent
 * of any USB stack and does no allocation: the port calls it with what the two
 * CDC requests carry (USB CDC PSTN subclass 1.2, §6.3.10 SET_LINE_CODING,
 * dwDTERate; §6.3.12 SET_CONTROL_LINE_STATE, wValue bit 0 = DTR).
 *
 * What triggers it: SET_CONTROL_LINE_STATE with DTR clear while the last
 * SET_LINE_CODING said 1200 baud. What does not: opening at 1200 baud (DTR
 * set), dropping DTR at any other rate, a SET_LINE_CODING to 1200 baud while
 * DTR is already clear (the order is coding, then DTR), a DTR drop before any
 * SET_LINE_CODING, and data bytes (the helper never sees them).
 *
 * Port glue, per request on endpoint 0 of the CDC communication interface:
 *   1. SET_LINE_CODING: once its data stage is in, call
 *      stm32dfu_cdc_touch_line_coding() with dwDTERate;
 *      SET_CONTROL_LINE_STATE: call stm32dfu_cdc_touch_line_state() with DTR;
 *   2. when that request's status stage has completed (the host has
 *      acknowledged it), call stm32dfu_cdc_touch_status_done(). After a touch
 *      it calls disconnect_cb, then enter_bootloader_cb; otherwise nothing.
 * Entering only after the status stage lets the host see its request succeed
 * before the device leaves the bus (as stm32dfu_runtime.h does for DETACH).
 * docs/firmware.md shows the calls for TinyUSB and ST's USB device library.
 */
#ifndef STM32DFU_CDC_TOUCH_H
#define STM32DFU_CDC_TOUCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The line coding's dwDTERate, in baud, that arms the touch (the Arduino convention). */
#define STM32DFU_CDC_TOUCH_BAUD 1200u

/** Configuration, owned by the caller and kept alive while the helper runs. */
struct stm32dfu_cdc_touch_config {
    /** Soft-disconnects USB and waits until the host has noticed (>= 10 ms
     *  busy-wait, not SysTick-based). May be NULL. */
    void (*disconnect_cb)(void *ctx);
    /** Enters the ROM bootloader; normally stm32dfu_request_bootloader. */
    void (*enter_bootloader_cb)(void);
    void *ctx; /**< passed to disconnect_cb */
};

/** The helper's state; one per CDC-ACM function. Members are private. */
struct stm32dfu_cdc_touch {
    const struct stm32dfu_cdc_touch_config *config;
    uint32_t dwDTERate; /* last SET_LINE_CODING; 0 before the first */
    bool touched;       /* DTR dropped at 1200 baud; enter at the status stage */
};

/**
 * \brief Starts the helper: no line coding seen yet, nothing pending.
 * \param touch Out: the state, written in full.
 * \param config In: borrowed; must outlive \p touch.
 */
void stm32dfu_cdc_touch_init(struct stm32dfu_cdc_touch *touch,
                             const struct stm32dfu_cdc_touch_config *config);

/**
 * \brief Records a SET_LINE_CODING. Never arms the touch by itself. Does not
 * block and sends nothing.
 * \param touch In/out: the helper.
 * \param dwDTERate The line coding's data terminal rate, in baud (the first
 * four bytes of the 7-byte data stage, little-endian).
 */
void stm32dfu_cdc_touch_line_coding(struct stm32dfu_cdc_touch *touch, uint32_t dwDTERate);

/**
 * \brief Records a SET_CONTROL_LINE_STATE. Does not block and sends nothing.
 * \param touch In/out: the helper.
 * \param dtr wValue bit 0: true when the host asserts DTR.
 * \returns true when this request is the touch (DTR clear at 1200 baud): the
 * ROM is entered by the next stm32dfu_cdc_touch_status_done(); false
 * otherwise (and a touch still pending from an earlier request is cancelled).
 */
bool stm32dfu_cdc_touch_line_state(struct stm32dfu_cdc_touch *touch, bool dtr);

/**
 * \brief Tells the helper that the status stage of the last request has
 * completed. After a touch it calls disconnect_cb, then enter_bootloader_cb
 * (which normally does not return); otherwise it does nothing. Callable from
 * the USB interrupt handler, and after any request (it only acts once).
 */
void stm32dfu_cdc_touch_status_done(struct stm32dfu_cdc_touch *touch);

#ifdef __cplusplus
}
#endif

#endif /* STM32DFU_CDC_TOUCH_H */
