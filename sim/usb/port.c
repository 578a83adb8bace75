/* SPDX-License-Identifier: MIT */
/*
 * What the usbfs handler and the URB bookkeeping need from the bus: the boards' clock, the
 * verbose log, a signal to the command under test, and handing a bus event (disconnect,
 * re-enumeration) to the main thread. A leaf: the event is carried out by the handler bus.c
 * registered (struct sim_bus event_cb), so calls run from bus.c down to urb.c and usbfs.c and
 * from those to here, never back up.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>

void sim_port_log(struct sim_port *port, const char *fmt, ...)
{
    va_list ap;

    if (!port->bus->verbose)
        return;
    va_start(ap, fmt);
    fprintf(stderr, "[stm32dfu-sim] board %u: ", port->index);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char *reply_name(enum stm32dfu_sim_reply_kind kind)
{
    switch (kind) {
    case STM32DFU_SIM_REPLY_ACK:
        return "ok";
    case STM32DFU_SIM_REPLY_STALL:
        return "STALL";
    case STM32DFU_SIM_REPLY_HANG:
        return "no reply";
    default:
        return "off the bus";
    }
}

void sim_port_log_control(struct sim_port *port, const struct stm32dfu_sim_setup *setup,
                          const struct stm32dfu_sim_reply *reply)
{
    struct stm32dfu_sim_stats stats;

    if (!port->bus->verbose)
        return;
    /* The request's number is what --fault KIND@req=N counts. */
    stm32dfu_sim_board_stats(port->board, &stats);
    sim_port_log(
        port, "control %02x %02x %04x %04x %04x -> %s%s, %zu bytes, hold %llu us, request %llu",
        setup->bmRequestType, setup->bRequest, setup->wValue, setup->wIndex, setup->wLength,
        reply_name(reply->kind), reply->event.kind ? " + bus event" : "", reply->len,
        (unsigned long long)reply->hold_us, (unsigned long long)stats.control_requests);
}

uint64_t sim_bus_now_us(const struct sim_bus *bus)
{
    return (uint64_t)(g_get_monotonic_time() - bus->epoch_us);
}

void sim_port_signal_client(struct sim_port *port, int signal)
{
    sim_port_log(port, "fault: signal %d to the command", signal);
    if (port->bus->client > 0)
        kill(port->bus->client, signal);
}

void sim_port_schedule_event(struct sim_port *port, const struct stm32dfu_sim_event *event,
                             struct sim_urb *reply)
{
    struct sim_pending_event *pe = g_new(struct sim_pending_event, 1);

    pe->port = port;
    pe->event = *event;
    pe->reply = reply;
    /* the testbed is changed on the main thread only */
    g_idle_add_full(G_PRIORITY_DEFAULT, port->bus->event_cb, pe, g_free);
}
