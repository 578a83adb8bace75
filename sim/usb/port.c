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

/* A one-shot timer (sim_port_add_timer): in port->timers until it fires or is cancelled. Two
 * references: the caller's handle and the queue's. */
struct sim_timer {
    gint refs;
    struct sim_port *port;
    uint64_t at_us;
    GSourceFunc fn;
    gpointer data;
    GDestroyNotify destroy;
    bool queued;
};

struct timer_source {
    GSource source;
    struct sim_port *port;
};

static void timer_unref(struct sim_timer *t)
{
    if (g_atomic_int_dec_and_test(&t->refs))
        g_free(t);
}

/* Arms the port's timerfd for its earliest timer, or disarms it; either way the fd is no
 * longer readable for an expiry already dispatched. Called with timer_lock held. */
static void arm(struct sim_port *port)
{
    struct sim_timer *head = g_queue_peek_head(&port->timers);
    struct itimerspec when = {0};

    if (head) {
        /* g_get_monotonic_time() is CLOCK_MONOTONIC; an it_value of 0 would disarm the timer */
        uint64_t ns = ((uint64_t)port->bus->epoch_us + head->at_us) * 1000u + 1u;

        when.it_value.tv_sec = (time_t)(ns / 1000000000u);
        when.it_value.tv_nsec = (long)(ns % 1000000000u);
    }
    if (timerfd_settime(port->timer_fd, TFD_TIMER_ABSTIME, &when, NULL) < 0)
        g_error("stm32dfu-sim: timerfd: %s", g_strerror(errno));
}

/* Takes the earliest timer off the queue if it is due. */
static struct sim_timer *pop_due(struct sim_port *port)
{
    struct sim_timer *t;

    g_mutex_lock(&port->timer_lock);
    t = g_queue_peek_head(&port->timers);
    if (t && t->at_us <= sim_bus_now_us(port->bus)) {
        g_queue_pop_head(&port->timers);
        t->queued = false;
    } else {
        t = NULL;
    }
    g_mutex_unlock(&port->timer_lock);
    return t;
}

static gboolean timers_dispatch(GSource *source, GSourceFunc fn, gpointer data)
{
    struct sim_port *port = ((struct timer_source *)source)->port;
    struct sim_timer *t;

    (void)fn;
    (void)data;
    while ((t = pop_due(port))) {
        t->fn(t->data);
        if (t->destroy)
            t->destroy(t->data);
        timer_unref(t);
    }
    g_mutex_lock(&port->timer_lock);
    arm(port);
    g_mutex_unlock(&port->timer_lock);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timers_funcs = {.dispatch = timers_dispatch};

/* One timerfd per port, re-armed for the earliest timer: a timer costs one timerfd_settime, and
 * one added from another thread wakes the port's thread only when it is due. */
void sim_port_timers_init(struct sim_port *port)
{
    GSource *source = g_source_new(&timers_funcs, sizeof(struct timer_source));

    g_mutex_init(&port->timer_lock);
    g_queue_init(&port->timers);
    port->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (port->timer_fd < 0)
        g_error("stm32dfu-sim: timerfd: %s", g_strerror(errno));
    ((struct timer_source *)source)->port = port;
    g_source_add_unix_fd(source, port->timer_fd, G_IO_IN);
    g_source_attach(source, port->ctx);
    g_source_unref(source);
}

void sim_port_timers_clear(struct sim_port *port)
{
    struct sim_timer *t;

    while ((t = g_queue_pop_head(&port->timers))) {
        t->queued = false;
        if (t->destroy)
            t->destroy(t->data);
        timer_unref(t);
    }
    close(port->timer_fd);
    g_mutex_clear(&port->timer_lock);
}

static gint earlier(gconstpointer a, gconstpointer b, gpointer user)
{
    uint64_t x = ((const struct sim_timer *)a)->at_us, y = ((const struct sim_timer *)b)->at_us;

    (void)user;
    return x < y ? -1 : x > y;
}

struct sim_timer *sim_port_add_timer(struct sim_port *port, uint64_t at_us, GSourceFunc fn,
                                     gpointer data, GDestroyNotify destroy)
{
    struct sim_timer *t = g_new(struct sim_timer, 1);

    t->refs = 2;
    t->port = port;
    t->at_us = at_us;
    t->fn = fn;
    t->data = data;
    t->destroy = destroy;
    t->queued = true;
    g_mutex_lock(&port->timer_lock);
    g_queue_insert_sorted(&port->timers, t, earlier, NULL);
    if (g_queue_peek_head(&port->timers) == t)
        arm(port);
    g_mutex_unlock(&port->timer_lock);
    return t;
}

void sim_port_cancel_timer(struct sim_timer **timer)
{
    struct sim_timer *t = *timer;
    struct sim_port *port;
    bool dequeued = false;

    if (!t)
        return;
    port = t->port;
    *timer = NULL;
    g_mutex_lock(&port->timer_lock);
    if (t->queued) {
        bool was_head = g_queue_peek_head(&port->timers) == t;

        g_queue_remove(&port->timers, t);
        t->queued = false;
        dequeued = true;
        if (was_head)
            arm(port);
    }
    g_mutex_unlock(&port->timer_lock);
    if (dequeued) {
        if (t->destroy)
            t->destroy(t->data);
        timer_unref(t); /* the queue's reference */
    }
    timer_unref(t);
}
