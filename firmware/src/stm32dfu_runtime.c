/* SPDX-License-Identifier: MIT */
/* The DFU run-time helper; see stm32dfu_runtime.h. */
#include "fp_free.h"

#include "stm32dfu_runtime.h"

/* DFU 1.1 §3 Table 3.2: class requests to the interface. The request, status and descriptor
 * names are the host's and the simulator's (host/src/device_private.h, sim/src/dfu_spec.h);
 * the firmware keeps its own few values because it builds alone, without the host's headers. */
#define REQTYPE_CLASS_INTERFACE_OUT 0x21u
#define REQTYPE_CLASS_INTERFACE_IN  0xA1u
#define REQTYPE_TYPE_RECIPIENT_MASK 0x7Fu /* everything but the direction */
#define DFU_DETACH                  0u
#define DFU_GETSTATUS               3u
#define DFU_GETSTATE                5u
#define STM32DFU_STATUS_OK          0u /* DFU 1.1 §6.1.2 bStatus */
#define GETSTATUS_LENGTH            6u

/* DFU 1.1 §4.1.2 Table 4.1 and §4.1.3 Table 4.2. */
#define USB_DT_INTERFACE       0x04u
#define USB_DT_DFU_FUNCTIONAL  0x21u
#define DFU_INTERFACE_CLASS    0xFEu /* application specific */
#define DFU_INTERFACE_SUBCLASS 0x01u
#define DFU_PROTOCOL_RUNTIME   0x01u
#define DFU_ATTR_CAN_DNLOAD    0x01u
#define DFU_ATTR_CAN_UPLOAD    0x02u
#define DFU_ATTR_WILL_DETACH   0x08u
#define DFU_VERSION_1_1        0x0110u

struct setup_fields {
    uint8_t bmRequestType;
    uint8_t bRequest;
    uint16_t wValue;
    uint16_t wIndex;
    uint16_t wLength;
};

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void stm32dfu_runtime_init(struct stm32dfu_runtime *runtime,
                           const struct stm32dfu_runtime_config *config)
{
    runtime->config = config;
    runtime->state = STM32DFU_RUNTIME_APP_IDLE;
    runtime->detach_pending = false;
}

size_t stm32dfu_runtime_descriptors(const struct stm32dfu_runtime_config *config,
                                    uint8_t iInterface, uint8_t *out)
{
    const uint8_t interface[9] = {9,
                                  USB_DT_INTERFACE,
                                  config->interface_number,
                                  0, /* bAlternateSetting */
                                  0, /* bNumEndpoints: endpoint 0 only */
                                  DFU_INTERFACE_CLASS,
                                  DFU_INTERFACE_SUBCLASS,
                                  DFU_PROTOCOL_RUNTIME,
                                  iInterface};
    for (size_t i = 0; i < sizeof interface; i++) {
        out[i] = interface[i];
    }
    uint8_t *functional = out + sizeof interface;
    functional[0] = 9;
    functional[1] = USB_DT_DFU_FUNCTIONAL;
    functional[2] = DFU_ATTR_WILL_DETACH | DFU_ATTR_CAN_UPLOAD | DFU_ATTR_CAN_DNLOAD;
    put_le16(functional + 3, config->detach_timeout_ms);
    put_le16(functional + 5, config->transfer_size);
    put_le16(functional + 7, DFU_VERSION_1_1);
    return STM32DFU_RUNTIME_DESCRIPTORS_SIZE;
}

/* Copies up to wLength and data_cap bytes of a reply. */
static enum stm32dfu_runtime_action reply(const uint8_t *bytes, size_t len, uint16_t wLength,
                                          uint8_t *data, size_t data_cap, size_t *data_len)
{
    size_t n = len < wLength ? len : wLength;
    n = n < data_cap ? n : data_cap;
    for (size_t i = 0; i < n; i++) {
        data[i] = bytes[i];
    }
    *data_len = n;
    return STM32DFU_RUNTIME_DATA;
}

static enum stm32dfu_runtime_action dispatch(struct stm32dfu_runtime *runtime,
                                             const struct setup_fields *s, uint8_t *data,
                                             size_t data_cap, size_t *data_len)
{
    if (s->bmRequestType == REQTYPE_CLASS_INTERFACE_OUT && s->bRequest == DFU_DETACH &&
        s->wLength == 0) {
        /* DFU 1.1 §5.1: wValue is the host's detach timeout; with bitWillDetach
         * the device detaches by itself, so it is not needed. */
        runtime->state = STM32DFU_RUNTIME_APP_DETACH;
        runtime->detach_pending = true;
        return STM32DFU_RUNTIME_ACK;
    }
    if (s->bmRequestType == REQTYPE_CLASS_INTERFACE_IN && s->bRequest == DFU_GETSTATUS) {
        const uint8_t status[GETSTATUS_LENGTH] = {STM32DFU_STATUS_OK, 0, 0, 0, runtime->state, 0};
        return reply(status, sizeof status, s->wLength, data, data_cap, data_len);
    }
    if (s->bmRequestType == REQTYPE_CLASS_INTERFACE_IN && s->bRequest == DFU_GETSTATE) {
        return reply(&runtime->state, 1, s->wLength, data, data_cap, data_len);
    }
    return STM32DFU_RUNTIME_STALL;
}

enum stm32dfu_runtime_action stm32dfu_runtime_setup(struct stm32dfu_runtime *runtime,
                                                    const uint8_t setup[8], uint8_t *data,
                                                    size_t data_cap, size_t *data_len)
{
    const struct setup_fields s = {setup[0], setup[1], le16(setup + 2), le16(setup + 4),
                                   le16(setup + 6)};
    *data_len = 0;
    if ((s.bmRequestType & REQTYPE_TYPE_RECIPIENT_MASK) !=
            (REQTYPE_CLASS_INTERFACE_OUT & REQTYPE_TYPE_RECIPIENT_MASK) ||
        (s.wIndex & 0xFFu) != runtime->config->interface_number) {
        return STM32DFU_RUNTIME_IGNORED;
    }
    return dispatch(runtime, &s, data, data_cap, data_len);
}

void stm32dfu_runtime_status_done(struct stm32dfu_runtime *runtime)
{
    if (!runtime->detach_pending) {
        return;
    }
    runtime->detach_pending = false;
    const struct stm32dfu_runtime_config *config = runtime->config;
    if (config->disconnect_cb != NULL) {
        config->disconnect_cb(config->ctx);
    }
    config->enter_bootloader_cb();
}
