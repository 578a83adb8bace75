/* SPDX-License-Identifier: MIT */
/*
 * The simulated application's CDC-ACM function, as a USB stack presents it: the communication
 * interface (class 02/02/01, an interrupt IN endpoint) and the data interface (class 0A, bulk
 * OUT and IN), their class-specific descriptors, and the ACM class requests. SET_LINE_CODING and
 * SET_CONTROL_LINE_STATE go to the firmware library's own 1200-baud touch helper
 * (firmware/include/stm32dfu_cdc_touch.h), so the e2e tests exercise the trigger logic an
 * application ships; data bytes do not reach it. Descriptor layout as ST's CDC class
 * (STMicroelectronics/stm32-mw-usb-device Class/CDC/Src/usbd_cdc.c USBD_CDC_CfgFSDesc);
 * request codes and functional descriptors from USB CDC 1.2 and its PSTN subclass 1.2.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <string.h>

/* USB CDC 1.2 Table 4 (class codes), Table 12 (CS_INTERFACE), Table 13 (subtypes);
 * PSTN 1.2 Table 13 (ACM requests) and §5.3.2 (ACM bmCapabilities bit 1: line coding and
 * control line state supported). */
#define CDC_COMM_CLASS         0x02
#define CDC_ACM_SUBCLASS       0x02
#define CDC_PROTOCOL_AT        0x01 /* what ST's VCP reports */
#define CDC_DATA_CLASS         0x0a
#define CS_INTERFACE           0x24
#define CDC_HEADER             0x00
#define CDC_CALL_MANAGEMENT    0x01
#define CDC_ACM                0x02
#define CDC_UNION              0x06
#define ACM_CAP_LINE           0x02
#define CDC_SET_LINE_CODING    0x20
#define CDC_GET_LINE_CODING    0x21
#define CDC_SET_CONTROL_LINE   0x22
#define CDC_SEND_BREAK         0x23
#define LINE_CODING_LEN        7
#define CONTROL_LINE_DTR       0x0001
#define USB_DT_ENDPOINT        0x05
#define USB_DT_IAD             0x0b /* USB 2.0 ECN Interface Association Descriptor */
#define EP_INTERRUPT           0x03
#define EP_BULK                0x02
#define EP_NOTIFY_IN           0x82
#define EP_DATA_OUT            0x01
#define EP_DATA_IN             0x81
#define EP_NOTIFY_SIZE         8
#define EP_DATA_SIZE           64
#define NOTIFY_INTERVAL_FRAMES 16

/* The stack's line coding before the host sets one: 115200 baud 8N1 (the simulated stack's
 * choice; the touch helper keeps its own record, which starts empty). */
static const uint8_t initial_line_coding[LINE_CODING_LEN] = {0x00, 0xc2, 0x01, 0x00, 0, 0, 8};

static size_t put(uint8_t *d, const uint8_t *bytes, size_t n)
{
    memcpy(d, bytes, n);
    return n;
}

static size_t endpoint(uint8_t *d, uint8_t address, uint8_t type, uint8_t size, uint8_t interval)
{
    const uint8_t ep[7] = {7, USB_DT_ENDPOINT, address, type, size, 0, interval};
    return put(d, ep, sizeof(ep));
}

size_t sim_app_cdc_descriptors(uint8_t *d, bool with_iad)
{
    size_t n = 0;
    if (with_iad) {
        const uint8_t iad[8] = {8,
                                USB_DT_IAD,
                                SIM_APP_CDC_COMM_INTERFACE,
                                2,
                                CDC_COMM_CLASS,
                                CDC_ACM_SUBCLASS,
                                CDC_PROTOCOL_AT,
                                0};
        n += put(d + n, iad, sizeof(iad));
    }
    const uint8_t comm[9] = {9, USB_DT_INTERFACE, SIM_APP_CDC_COMM_INTERFACE, 0,
                             1, CDC_COMM_CLASS,   CDC_ACM_SUBCLASS,           CDC_PROTOCOL_AT,
                             0};
    const uint8_t functional[19] = {5,
                                    CS_INTERFACE,
                                    CDC_HEADER,
                                    0x10,
                                    0x01, /* bcdCDC 1.10 */
                                    5,
                                    CS_INTERFACE,
                                    CDC_CALL_MANAGEMENT,
                                    0,
                                    SIM_APP_CDC_DATA_INTERFACE,
                                    4,
                                    CS_INTERFACE,
                                    CDC_ACM,
                                    ACM_CAP_LINE,
                                    5,
                                    CS_INTERFACE,
                                    CDC_UNION,
                                    SIM_APP_CDC_COMM_INTERFACE,
                                    SIM_APP_CDC_DATA_INTERFACE};
    const uint8_t data[9] = {
        9, USB_DT_INTERFACE, SIM_APP_CDC_DATA_INTERFACE, 0, 2, CDC_DATA_CLASS, 0, 0, 0};
    n += put(d + n, comm, sizeof(comm));
    n += put(d + n, functional, sizeof(functional));
    n += endpoint(d + n, EP_NOTIFY_IN, EP_INTERRUPT, EP_NOTIFY_SIZE, NOTIFY_INTERVAL_FRAMES);
    n += put(d + n, data, sizeof(data));
    n += endpoint(d + n, EP_DATA_OUT, EP_BULK, EP_DATA_SIZE, 0);
    n += endpoint(d + n, EP_DATA_IN, EP_BULK, EP_DATA_SIZE, 0);
    return n;
}

/* The touch helper's disconnect callback: on a board, the ROM then enumerates. */
static void touch_disconnect(void *ctx)
{
    stm32dfu_sim_board *b = ctx;
    b->cdc_touched = true;
}

/* On a chip this is stm32dfu_request_bootloader(); here touch_disconnect has already told the
 * model to re-enumerate, as the reset the request path makes boots (sim_reboot: with BOOT0 low
 * and BFB2 set, the application again). */
static void touch_rom_takes_over(void)
{
}

void sim_app_cdc_start(stm32dfu_sim_board *b)
{
    b->touch_config = (struct stm32dfu_cdc_touch_config){
        .disconnect_cb = touch_disconnect,
        .enter_bootloader_cb = touch_rom_takes_over,
        .ctx = b,
    };
    stm32dfu_cdc_touch_init(&b->touch, &b->touch_config);
    b->cdc_touched = false;
    memcpy(b->line_coding, initial_line_coding, sizeof(b->line_coding));
    b->control_lines = 0;
}

bool sim_app_has_endpoint(const stm32dfu_sim_board *b, uint8_t ep)
{
    return b->mode == STM32DFU_SIM_MODE_APP && (b->app_interfaces & STM32DFU_SIM_APP_CDC) &&
           b->configuration != 0 && (ep == EP_NOTIFY_IN || ep == EP_DATA_OUT || ep == EP_DATA_IN);
}

int sim_app_cdc_bulk_out(stm32dfu_sim_board *b, uint8_t ep, const uint8_t *data, size_t len)
{
    if (ep != EP_DATA_OUT || !sim_app_has_endpoint(b, ep))
        return STM32DFU_SIM_ERROR_INVALID;
    b->stats.bulk_out_bytes += len;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "CDC data: %zu bytes received%s%.*s%s", len, len ? " \"" : "",
            (int)(len < 32 ? len : 32), (const char *)data, len ? "\"" : "");
    return STM32DFU_SIM_OK;
}

/* The stack has finished the request's status stage: the helper may act. */
static void status_done(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r, const char *what)
{
    if (b->app_touch_ignored)
        return;
    stm32dfu_cdc_touch_status_done(&b->touch);
    if (b->cdc_touched)
        sim_reboot(b, r, SIM_RESET_BY_REQUEST, 0, "touch");
    else
        sim_log(b, STM32DFU_SIM_LOG_INFO, "CDC %s: stays in the application", what);
}

bool sim_app_cdc_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                         struct stm32dfu_sim_reply *r)
{
    bool out = !(s->bmRequestType & USB_DIR_IN);
    switch (s->bRequest) {
    case CDC_SET_LINE_CODING:
        if (!out || s->wLength != LINE_CODING_LEN)
            return false;
        memcpy(b->line_coding, data, LINE_CODING_LEN);
        uint32_t baud = sim_le32(data);
        sim_log(b, STM32DFU_SIM_LOG_INFO, "CDC SET_LINE_CODING %u baud", (unsigned)baud);
        if (!b->app_touch_ignored)
            stm32dfu_cdc_touch_line_coding(&b->touch, baud);
        status_done(b, r, "line coding");
        return true;
    case CDC_GET_LINE_CODING:
        if (out)
            return false;
        sim_reply_in(r, data, s->wLength, b->line_coding, LINE_CODING_LEN);
        return true;
    case CDC_SET_CONTROL_LINE:
        if (!out || s->wLength != 0)
            return false;
        b->control_lines = s->wValue;
        sim_log(b, STM32DFU_SIM_LOG_INFO, "CDC SET_CONTROL_LINE_STATE DTR=%u RTS=%u",
                s->wValue & CONTROL_LINE_DTR, (s->wValue >> 1) & 1u);
        if (!b->app_touch_ignored)
            stm32dfu_cdc_touch_line_state(&b->touch, (s->wValue & CONTROL_LINE_DTR) != 0);
        status_done(b, r, "control line state");
        return true;
    case CDC_SEND_BREAK:
        return out && s->wLength == 0;
    default:
        return false;
    }
}
