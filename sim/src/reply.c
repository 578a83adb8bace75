/* SPDX-License-Identifier: MIT */
/*
 * What every request handler does to a board: log, count device time, scale bwPollTimeout,
 * answer an IN request, and drop off the bus (re-enumeration or a disconnect fault). A leaf:
 * it calls no other file of the model.
 */
#include "sim_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sim_log(const stm32dfu_sim_board *b, enum stm32dfu_sim_log_level level, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (!b->log_cb)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    b->log_cb(level, line, b->log_user);
}

/* bwPollTimeout is 3 bytes (DFU 1.1 §6.1.2). */
uint32_t sim_scaled_poll(const stm32dfu_sim_board *b, uint32_t ms)
{
    double v = round((double)ms * b->scale);
    return v > 0xffffff ? 0xffffff : (uint32_t)v;
}

void sim_busy(stm32dfu_sim_board *b, uint64_t us)
{
    b->busy_us += us;
    b->op.work_us = us;
    b->op.busy_until_us = b->clock_us + (uint64_t)llround((double)us * b->scale);
    /* STALL_EARLY_POLL: the polls a host that waits the declared bwPollTimeout (0 taken as
     * 1 ms) sends before the work ends, counted in device time so that the count does not
     * depend on how the host is scheduled. */
    uint64_t poll_us = (b->op.poll_ms ? b->op.poll_ms : 1) * 1000ull;
    if ((b->quirks & STM32DFU_SIM_QUIRK_STALL_EARLY_POLL) && us > 0)
        b->op.early_polls = (unsigned)((us - 1) / poll_us);
}

/* Erasing or programming the flash: device work that also counts toward the physical limit. */
void sim_flash_busy(stm32dfu_sim_board *b, uint64_t us)
{
    b->physical_us += us;
    sim_busy(b, us);
}

/* Full-speed control transfer time. Measured: a 2048-byte DNLOAD takes about 5 ms on the STM32F745
 * ROM (fwupd#2696 timestamps, docs/research/host_side.md#s6). Model [assumption]: the SETUP and
 * status stages take one 1 ms frame, as hosts schedule about one control transfer per frame
 * (same table: Microchip's 64 kB/s control budget, the qi-hardware UHCI report), and each
 * 64-byte data packet (bMaxPacketSize0 64, descriptors.c) 125 µs, so that 32 packets and the
 * frame make the measured 5 ms. IN and OUT data cost the same [assumption]; the data stage is
 * taken as wLength bytes (a short IN reply ends sooner on the wire, a difference of a few
 * packets per session). */
#define BUS_FRAME_US  1000
#define BUS_PACKET_US 125
#define BUS_PACKET    64

void sim_bus_transfer(stm32dfu_sim_board *b, uint16_t data_len)
{
    if (!b->bus_time)
        return;
    uint64_t us = BUS_FRAME_US + BUS_PACKET_US * ((data_len + BUS_PACKET - 1u) / BUS_PACKET);
    b->bus_us += us;
    b->floor_us += us;
    b->clock_us += (uint64_t)llround((double)us * b->scale);
}

/* A reply that declares bwPollTimeout poll_ms: a host that honours it sends nothing before it
 * has passed, and the board answers nothing before the work_us it just started has ended. */
void sim_declared_wait(stm32dfu_sim_board *b, uint32_t poll_ms, uint64_t work_us)
{
    uint64_t poll_us = (uint64_t)poll_ms * 1000;
    b->floor_us += poll_us > work_us ? poll_us : work_us;
}

void sim_reenumerate(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r,
                     enum stm32dfu_sim_mode mode, uint64_t busy_us, const char *reason)
{
    uint64_t total_us = busy_us + (uint64_t)SIM_REBOOT_MS * 1000;
    b->busy_us += total_us;
    b->attached = false;
    r->event.kind = STM32DFU_SIM_EVENT_REENUMERATE;
    r->event.mode = mode;
    r->event.after_ms = (uint32_t)llround((double)total_us / 1000.0 * b->scale);
    r->event.reason = reason;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "%s: disconnect, back as %s after %u ms", reason,
            mode == STM32DFU_SIM_MODE_ROM ? "ROM" : "application", (unsigned)r->event.after_ms);
}

/* A fault cuts the board off: no reply, and it stays off the bus. */
void sim_fault_disconnect(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    r->kind = STM32DFU_SIM_REPLY_NONE;
    r->event.kind = STM32DFU_SIM_EVENT_DISCONNECT;
    r->event.reason = "fault";
    b->attached = false;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "fault: disconnect");
}

size_t sim_reply_in(struct stm32dfu_sim_reply *r, uint8_t *data, uint16_t wLength, const void *src,
                    size_t len)
{
    size_t n = len < wLength ? len : wLength;
    memcpy(data, src, n);
    r->len = n;
    return n;
}
