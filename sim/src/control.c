/* SPDX-License-Identifier: MIT */
/*
 * One control transfer: statistics, request-numbered faults, the busy hold (the ROM answers
 * nothing on EP0 while it erases or programs: docs/research/host_side.md#s1.5, fwupd#2696), then
 * dispatch to the standard requests or to the class requests of the current mode.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <signal.h>
#include <stdio.h>

static const char *const request_names[STM32DFU_SIM_REQ_COUNT] = {
    [STM32DFU_SIM_REQ_GET_STATUS] = "GET_STATUS",
    [STM32DFU_SIM_REQ_CLEAR_FEATURE] = "CLEAR_FEATURE",
    [STM32DFU_SIM_REQ_SET_FEATURE] = "SET_FEATURE",
    [STM32DFU_SIM_REQ_SET_ADDRESS] = "SET_ADDRESS",
    [STM32DFU_SIM_REQ_GET_DESCRIPTOR] = "GET_DESCRIPTOR",
    [STM32DFU_SIM_REQ_SET_DESCRIPTOR] = "SET_DESCRIPTOR",
    [STM32DFU_SIM_REQ_GET_CONFIGURATION] = "GET_CONFIGURATION",
    [STM32DFU_SIM_REQ_SET_CONFIGURATION] = "SET_CONFIGURATION",
    [STM32DFU_SIM_REQ_GET_INTERFACE] = "GET_INTERFACE",
    [STM32DFU_SIM_REQ_SET_INTERFACE] = "SET_INTERFACE",
    [STM32DFU_SIM_REQ_SYNCH_FRAME] = "SYNCH_FRAME",
    [STM32DFU_SIM_REQ_DETACH] = "DETACH",
    [STM32DFU_SIM_REQ_DNLOAD] = "DNLOAD",
    [STM32DFU_SIM_REQ_UPLOAD] = "UPLOAD",
    [STM32DFU_SIM_REQ_GETSTATUS] = "GETSTATUS",
    [STM32DFU_SIM_REQ_CLRSTATUS] = "CLRSTATUS",
    [STM32DFU_SIM_REQ_GETSTATE] = "GETSTATE",
    [STM32DFU_SIM_REQ_ABORT] = "ABORT",
    [STM32DFU_SIM_REQ_OTHER] = "OTHER",
};

const char *stm32dfu_sim_request_name(enum stm32dfu_sim_request request)
{
    return (unsigned)request < STM32DFU_SIM_REQ_COUNT ? request_names[request] : "?";
}

/* Standard codes 0..12 (USB 2.0 Table 9-4) map in order, skipping the reserved 2 and 4;
 * class codes 0..6 are DFU 1.1 Table 3.2. */
static enum stm32dfu_sim_request classify(const struct stm32dfu_sim_setup *s)
{
    static const signed char standard[] = {STM32DFU_SIM_REQ_GET_STATUS,
                                           STM32DFU_SIM_REQ_CLEAR_FEATURE,
                                           -1,
                                           STM32DFU_SIM_REQ_SET_FEATURE,
                                           -1,
                                           STM32DFU_SIM_REQ_SET_ADDRESS,
                                           STM32DFU_SIM_REQ_GET_DESCRIPTOR,
                                           STM32DFU_SIM_REQ_SET_DESCRIPTOR,
                                           STM32DFU_SIM_REQ_GET_CONFIGURATION,
                                           STM32DFU_SIM_REQ_SET_CONFIGURATION,
                                           STM32DFU_SIM_REQ_GET_INTERFACE,
                                           STM32DFU_SIM_REQ_SET_INTERFACE,
                                           STM32DFU_SIM_REQ_SYNCH_FRAME};
    uint8_t type = s->bmRequestType & USB_TYPE_MASK;
    if (type == USB_TYPE_STANDARD && s->bRequest < sizeof(standard) && standard[s->bRequest] >= 0)
        return (enum stm32dfu_sim_request)standard[s->bRequest];
    if (type == USB_TYPE_CLASS && s->bRequest <= DFU_ABORT)
        return (enum stm32dfu_sim_request)(STM32DFU_SIM_REQ_DETACH + s->bRequest);
    return STM32DFU_SIM_REQ_OTHER;
}

/* One line for the SETUP packet, then the OUT data in full, 32 bytes per line. */
static void log_unexpected(const stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s,
                           const uint8_t *data)
{
    bool out = !(s->bmRequestType & USB_DIR_IN);
    sim_log(b, STM32DFU_SIM_LOG_UNEXPECTED,
            "STALL %s: bmRequestType=0x%02x bRequest=0x%02x wValue=0x%04x wIndex=0x%04x "
            "wLength=%u, DFU state %u status %u%s",
            stm32dfu_sim_request_name(classify(s)), s->bmRequestType, s->bRequest, s->wValue,
            s->wIndex, s->wLength, b->state, b->status, out && s->wLength ? ", data:" : "");
    for (size_t off = 0; out && off < s->wLength; off += 32) {
        char hex[3 * 32 + 1] = "";
        for (size_t i = off; i < s->wLength && i < off + 32; i++)
            snprintf(hex + 3 * (i - off), sizeof(hex) - 3 * (i - off), " %02x", data[i]);
        sim_log(b, STM32DFU_SIM_LOG_UNEXPECTED, "  +0x%04zx:%s", off, hex);
    }
}

/* Request-numbered faults; true if one decided the reply. */
static bool apply_request_fault(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    struct sim_fault *f = sim_fault_request(b, b->stats.control_requests);
    if (!f)
        return false;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "fault fired at request %llu",
            (unsigned long long)b->stats.control_requests);
    switch (f->kind) {
    case SIM_FAULT_STALL:
        r->kind = STM32DFU_SIM_REPLY_STALL;
        break;
    case SIM_FAULT_HOLD_STATUS:
        r->kind = STM32DFU_SIM_REPLY_HANG;
        break;
    case SIM_FAULT_SIGINT:
    case SIM_FAULT_SIGTERM:
        r->kind = STM32DFU_SIM_REPLY_HANG;
        r->event.kind = STM32DFU_SIM_EVENT_SIGNAL;
        r->event.reason = "fault";
        r->event.signal = f->kind == SIM_FAULT_SIGINT ? SIGINT : SIGTERM;
        break;
    default:
        sim_fault_disconnect(b, r);
        break;
    }
    return true;
}

/* While busy the request waits for the operation to end, except a GETSTATUS that a chip with
 * STM32DFU_SIM_QUIRK_STALL_EARLY_POLL takes as early (see sim_busy). Returns false to STALL now. */
static bool wait_while_busy(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s)
{
    if (b->state != STM32DFU_STATE_DFU_DNBUSY || b->op.stuck)
        return true;
    if (classify(s) == STM32DFU_SIM_REQ_GETSTATUS && b->clock_us < b->op.poll_due_us)
        b->stats.early_getstatus++;
    if (b->op.early_polls > 0 && classify(s) == STM32DFU_SIM_REQ_GETSTATUS) {
        b->op.early_polls--;
        sim_log(b, STM32DFU_SIM_LOG_INFO, "early GETSTATUS stalled (quirk)");
        return false;
    }
    if (b->clock_us < b->op.busy_until_us)
        b->clock_us = b->op.busy_until_us;
    return true;
}

static bool dispatch(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r)
{
    uint8_t type = s->bmRequestType & USB_TYPE_MASK;
    uint8_t recipient = s->bmRequestType & USB_RECIP_MASK;
    if (type == USB_TYPE_STANDARD)
        return sim_standard_request(b, s, data, r);
    if (type != USB_TYPE_CLASS || recipient != USB_RECIP_INTERFACE || b->configuration == 0)
        return false;
    if (b->mode == STM32DFU_SIM_MODE_ROM)
        return s->wIndex == 0 && sim_dfu_request(b, s, data, r);
    return sim_app_request(b, s, data, r);
}

int stm32dfu_sim_board_control(stm32dfu_sim_board *board, uint64_t now_us,
                               const struct stm32dfu_sim_setup *setup, uint8_t *data,
                               struct stm32dfu_sim_reply *reply)
{
    if (!board || !setup || !reply || (!data && setup->wLength))
        return STM32DFU_SIM_ERROR_INVALID;
    *reply = (struct stm32dfu_sim_reply){.kind = STM32DFU_SIM_REPLY_ACK};
    if (now_us > board->clock_us)
        board->clock_us = now_us;
    uint64_t start_us = board->clock_us;
    if (!board->attached) {
        reply->kind = STM32DFU_SIM_REPLY_NONE;
    } else {
        board->stats.control_requests++;
        board->stats.by_request[classify(setup)]++;
        enum stm32dfu_sim_request request = classify(setup);
        if (!apply_request_fault(board, reply) &&
            !sim_fault_hung_status(board, request, data, setup->wLength, reply)) {
            bool ok = wait_while_busy(board, setup);
            sim_settle(board);
            sim_bus_transfer(board, setup->wLength);
            if (ok) {
                ok = dispatch(board, setup, data, reply);
                if (!ok)
                    log_unexpected(board, setup, data);
            }
            if (!ok) {
                reply->kind = STM32DFU_SIM_REPLY_STALL;
                reply->len = 0;
            }
            sim_fault_mangle_reply(board, request, data, setup->wLength, reply);
        }
    }
    reply->hold_us = board->clock_us - start_us;
    reply->done_us = board->clock_us;
    return STM32DFU_SIM_OK;
}

void stm32dfu_sim_board_bus_reset(stm32dfu_sim_board *board, uint64_t now_us)
{
    if (now_us > board->clock_us)
        board->clock_us = now_us;
    /* The ROM restarts DFU mode; the application (bitWillDetach, it never waits in appDETACH
     * for a reset) just re-enumerates as itself. */
    if (board->attached && board->mode == STM32DFU_SIM_MODE_ROM)
        sim_dfu_reset(board);
}
