/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu DFU runtime helper: the application side of USB DFU 1.1 ("run-time
 * mode"), independent of any USB stack. It answers DFU_DETACH, DFU_GETSTATUS
 * and DFU_GETSTATE, provides the run-time interface and functional
 * descriptors (with bitWillDetach), and after a DETACH, once the request's
 * status stage has completed, soft-disconnects USB through a callback and
 * enters the ROM bootloader (docs/research/device_side.md#p5, #p6: TinyUSB and others act before
 * the status stage has gone out).
 *
 * Spec: USB Device Firmware Upgrade Specification, Revision 1.1 (2004), cited
 * as "DFU 1.1". Pure C with no hardware access, so it is host-tested.
 *
 * Port glue, per control request on endpoint 0:
 *   1. on SETUP, call stm32dfu_runtime_setup(); send its data (DATA), a zero-
 *      length status (ACK) or a STALL, or pass the request on (IGNORED);
 *   2. when the status stage of that request has completed (the host has
 *      acknowledged it), call stm32dfu_runtime_status_done().
 */
#ifndef STM32DFU_RUNTIME_H
#define STM32DFU_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes written by stm32dfu_runtime_descriptors(): the run-time interface
 *  descriptor (9, DFU 1.1 §4.1.2 Table 4.1) and the DFU functional
 *  descriptor (9, §4.1.3 Table 4.2). */
#define STM32DFU_RUNTIME_DESCRIPTORS_SIZE 18u

/** The bcdDevice an application reports for its version major.minor.patch
 *  (major 0-15, minor 0-15, patch 0-255), which fwupd shows as "major.minor.patch"
 *  with the quirk VersionFormat = triplet (fwupd libfwupdplugin/fu-version-common.c
 *  fu_version_from_uint16; docs/fwupd.md). E.g. 1.1.0 is 0x1100. */
#define STM32DFU_RUNTIME_BCD_VERSION(major, minor, patch)                                          \
    ((uint16_t)((((major)&0xFu) << 12) | (((minor)&0xFu) << 8) | ((patch)&0xFFu)))

/** DFU 1.1 §6.1.2 states used in run-time mode: the values of the host's
 *  STM32DFU_STATE_APP_IDLE and STM32DFU_STATE_APP_DETACH, under the helper's
 *  own prefix because firmware and simulator include this header beside
 *  their own copies of the state names. */
enum stm32dfu_runtime_state {
    STM32DFU_RUNTIME_APP_IDLE = 0,   /**< appIDLE */
    STM32DFU_RUNTIME_APP_DETACH = 1, /**< appDETACH: DETACH received */
};

/** What the port must do with a SETUP packet. */
enum stm32dfu_runtime_action {
    STM32DFU_RUNTIME_IGNORED = 0, /**< not a DFU request for this interface: pass it on */
    STM32DFU_RUNTIME_ACK,         /**< no data stage: send the zero-length status */
    STM32DFU_RUNTIME_DATA,        /**< send the *data_len bytes written to data */
    STM32DFU_RUNTIME_STALL,       /**< stall endpoint 0 */
};

/** Configuration, owned by the caller and kept alive while the helper runs. */
struct stm32dfu_runtime_config {
    uint8_t interface_number;   /**< bInterfaceNumber of the run-time interface */
    uint16_t detach_timeout_ms; /**< wDetachTimeOut advertised, in ms */
    uint16_t transfer_size;     /**< wTransferSize advertised, in bytes */
    /** Soft-disconnects USB and waits until the host has noticed (>= 10 ms
     *  busy-wait, not SysTick-based; docs/research/device_side.md#p5). May be NULL. */
    void (*disconnect_cb)(void *ctx);
    /** Enters the ROM bootloader; normally stm32dfu_request_bootloader. */
    void (*enter_bootloader_cb)(void);
    void *ctx; /**< passed to disconnect_cb */
};

/** The helper's state; one per run-time interface. Members are private. */
struct stm32dfu_runtime {
    const struct stm32dfu_runtime_config *config;
    uint8_t state;
    bool detach_pending;
};

/**
 * \brief Starts the helper in appIDLE.
 * \param runtime Out: the state, written in full.
 * \param config In: borrowed; must outlive \p runtime.
 */
void stm32dfu_runtime_init(struct stm32dfu_runtime *runtime,
                           const struct stm32dfu_runtime_config *config);

/**
 * \brief Writes the run-time interface and functional descriptors for a
 * configuration descriptor.
 * \param config In: interface number, wDetachTimeOut, wTransferSize.
 * \param iInterface String index for the interface, 0 for none.
 * \param out Out: STM32DFU_RUNTIME_DESCRIPTORS_SIZE bytes. bmAttributes has
 * bitWillDetach, bitCanUpload and bitCanDnload set (0x0B, as ST's ROM
 * reports its DFU-mode capabilities), bcdDFUVersion 1.1.
 * \returns STM32DFU_RUNTIME_DESCRIPTORS_SIZE.
 */
size_t stm32dfu_runtime_descriptors(const struct stm32dfu_runtime_config *config,
                                    uint8_t iInterface, uint8_t *out);

/**
 * \brief Handles one SETUP packet. Does not block and sends nothing itself.
 * \param runtime In/out: the helper.
 * \param setup In: the 8-byte SETUP packet as received (little-endian fields).
 * \param data Out: the reply, written only for STM32DFU_RUNTIME_DATA.
 * \param data_cap Size of \p data in bytes.
 * \param data_len Out: reply length (wLength-limited), set for every action.
 * \returns STM32DFU_RUNTIME_IGNORED for requests that are not DFU class
 * requests to this interface; STM32DFU_RUNTIME_ACK for DFU_DETACH (the state
 * becomes appDETACH; the ROM is entered by stm32dfu_runtime_status_done());
 * STM32DFU_RUNTIME_DATA for DFU_GETSTATUS and DFU_GETSTATE;
 * STM32DFU_RUNTIME_STALL for every other DFU request, a wrong direction or
 * length, which run-time mode does not accept (DFU 1.1 Appendix A.1).
 */
enum stm32dfu_runtime_action stm32dfu_runtime_setup(struct stm32dfu_runtime *runtime,
                                                    const uint8_t setup[8], uint8_t *data,
                                                    size_t data_cap, size_t *data_len);

/**
 * \brief Tells the helper that the status stage of the last request has
 * completed. After an accepted DFU_DETACH it calls disconnect_cb, then
 * enter_bootloader_cb (which normally does not return); otherwise it does
 * nothing. Callable from the USB interrupt handler.
 */
void stm32dfu_runtime_status_done(struct stm32dfu_runtime *runtime);

#ifdef __cplusplus
}
#endif

#endif /* STM32DFU_RUNTIME_H */
