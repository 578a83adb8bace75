/* SPDX-License-Identifier: MIT */
/*
 * What the usbfs handler and the URB bookkeeping need from the bus: the boards' clock, the
 * verbose log, a signal to the command under test, work and timers on the port's thread, and
 * handing a bus event (disconnect, re-enumeration) to the main thread. A leaf: the event is carried
 * out by the handler bus.c registered (struct sim_bus event_cb), so calls run from bus.c down to
 * urb.c and usbfs.c and from those to here, never back up.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <unistd.h>

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

void sim_port_invoke(struct sim_port *port, GSourceFunc fn, gpointer data, GDestroyNotify destroy)
{
    GSource *source = g_idle_source_new();

    g_source_set_priority(source, G_PRIORITY_DEFAULT);
    g_source_set_callback(source, fn, data, destroy);
    g_source_attach(source, port->ctx);
    g_source_unref(source);
}

struct timer_source {
    GSource source;
    int fd;
};

static gboolean timer_dispatch(GSource *source, GSourceFunc fn, gpointer data)
{
    uint64_t expirations;

    /* one-shot: the count does not matter, only that the fd is no longer readable */
    (void)!read(((struct timer_source *)source)->fd, &expirations, sizeof(expirations));
    fn(data);
    return G_SOURCE_REMOVE;
}

static void timer_finalize(GSource *source)
{
    close(((struct timer_source *)source)->fd);
}

static GSourceFuncs timer_funcs = {.dispatch = timer_dispatch, .finalize = timer_finalize};

GSource *sim_port_add_timer(struct sim_port *port, uint64_t at_us, GSourceFunc fn, gpointer data,
                            GDestroyNotify destroy)
{
    GSource *source = g_source_new(&timer_funcs, sizeof(struct timer_source));
    struct timer_source *t = (struct timer_source *)source;
    /* g_get_monotonic_time() is CLOCK_MONOTONIC; an it_value of 0 would disarm the timer */
    uint64_t ns = ((uint64_t)port->bus->epoch_us + at_us) * 1000u + 1u;
    struct itimerspec when = {
        .it_value = {.tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u)}};

    t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (t->fd < 0 || timerfd_settime(t->fd, TFD_TIMER_ABSTIME, &when, NULL) < 0)
        g_error("stm32dfu-sim: timerfd: %s", g_strerror(errno));
    g_source_add_unix_fd(source, t->fd, G_IO_IN);
    g_source_set_callback(source, fn, data, destroy);
    g_source_attach(source, port->ctx);
    return source;
}

void sim_port_cancel_timer(GSource **timer)
{
    if (!*timer)
        return;
    g_source_destroy(*timer);
    g_source_unref(*timer);
    *timer = NULL;
}
