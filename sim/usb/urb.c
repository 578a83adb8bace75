/* SPDX-License-Identifier: MIT */
/*
 * URB bookkeeping of the usbfs emulation: a submitted control URB is completed at once, later
 * (the board is busy and holds the reply) or never (until discarded), and handed back to the
 * client only when it reaps it, as the kernel does (Linux drivers/usb/core/devio.c,
 * proc_submiturb / proc_reapurb). libusb 1.0.26 reaps with REAPURBNDELAY after poll() says the
 * node is ready; a umockdev node is a plain file and always ready, so a reap that finds nothing
 * while a URB of that client is still in flight is parked for a few milliseconds instead of
 * answering EAGAIN at once (docs/research/usb_emulation.md#s5, pitfall 1). A client that drives
 * several boards from one libusb context reaps them all from one thread, one node after the
 * other (libusb 1.0.26 os/linux_usbfs.c op_handle_events), and its threads waiting for a
 * transfer wake only when that round ends, so a park never holds such a round up while there
 * is work elsewhere: it does not start while a completed URB waits anywhere on the bus or after
 * a URB was reaped since the client's previous reap, and it ends when any URB completes. A
 * synchronous USBDEVFS_CONTROL travels the same way, but its ioctl itself completes with the reply
 * (devio.c proc_control), and nothing is reaped.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <errno.h>
#include <string.h>

#include <linux/usbdevice_fs.h>

/* How long a REAPURBNDELAY with nothing to reap waits for a URB in flight. */
#define PARK_MS 5

struct sim_urb {
    gint refs;
    struct sim_port *port;
    UMockdevIoctlClient *client; /* reference held while the URB is in flight */
    UMockdevIoctlData *data;     /* the resolved struct usbdevfs_urb or usbdevfs_ctrltransfer */
    gulong client_addr;
    bool flying;
    bool sync;     /* a USBDEVFS_CONTROL: its ioctl completes with the reply, nothing is reaped */
    bool standard; /* sync, a standard request usbfs.c answered (sim_urb_standard_event) */
    UMockdevIoctlData *sync_stage; /* USBDEVFS_CONTROL: the client's data stage, or NULL */
    int status;
    unsigned actual;
    uint8_t *in;                /* IN data stage, copied into the client's buffer on reap */
    struct sim_timer *timer;    /* completion while the board holds the reply */
    struct sim_timer *deadline; /* USBDEVFS_CONTROL: its timeout, or NULL */
    struct stm32dfu_sim_event event;
};

/* Per client (one open file descriptor of the device node). */
struct client_state {
    GQueue done;               /* completed URBs waiting to be reaped */
    unsigned flying;           /* URBs of this client in port->flying */
    UMockdevIoctlData *parked; /* argument of a waiting reap */
    bool parked_block;
    struct sim_timer *park_timer;
    gint seen_deliveries; /* bus deliveries when this client's last reap returned */
};

static struct sim_urb *urb_ref(struct sim_urb *urb)
{
    g_atomic_int_inc(&urb->refs);
    return urb;
}

static void urb_unref(gpointer p)
{
    struct sim_urb *urb = p;

    if (!g_atomic_int_dec_and_test(&urb->refs))
        return;
    if (urb->client)
        g_object_unref(urb->client);
    g_object_unref(urb->data);
    g_clear_object(&urb->sync_stage);
    g_free(urb->in);
    g_free(urb);
}

/* Drops the completed URBs nobody will reap. */
static void clear_done(struct sim_bus *bus, struct client_state *cs)
{
    g_atomic_int_add(&bus->undelivered, -(gint)g_queue_get_length(&cs->done));
    g_queue_clear_full(&cs->done, urb_unref);
}

static void client_state_free(gpointer p)
{
    struct client_state *cs = p;

    g_queue_clear_full(&cs->done, urb_unref); /* counted out by sim_urb_forget_client */
    if (cs->parked)
        g_object_unref(cs->parked);
    g_free(cs);
}

static struct client_state *client_state(UMockdevIoctlClient *client)
{
    struct client_state *cs = g_object_get_data(G_OBJECT(client), "stm32dfu-sim-client");

    if (!cs) {
        cs = g_new0(struct client_state, 1);
        g_queue_init(&cs->done);
        g_object_set_data_full(G_OBJECT(client), "stm32dfu-sim-client", cs, client_state_free);
    }
    return cs;
}

/* A client whose node belongs to an earlier enumeration, or to an unplugged device, is dead
 * for good, as a usbfs file descriptor is after a disconnect. */
bool sim_port_client_stale(const struct sim_port *port, UMockdevIoctlClient *client)
{
    return !port->plugged || strcmp(umockdev_ioctl_client_get_devnode(client), port->devnode);
}

/* Hands the oldest completed URB to a reap waiting with argument arg. */
static void deliver(struct client_state *cs, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
    struct sim_urb *urb = g_queue_pop_head(&cs->done);
    struct usbdevfs_urb *u = (struct usbdevfs_urb *)urb->data->data;
    g_autoptr(GError) err = NULL;
    UMockdevIoctlData *ptr;

    g_atomic_int_add(&urb->port->bus->undelivered, -1);
    g_atomic_int_inc(&urb->port->bus->deliveries);
    u->status = urb->status;
    u->actual_length = (int)urb->actual;
    if (urb->in && urb->actual)
        memcpy((uint8_t *)u->buffer + 8, urb->in, urb->actual);
    /* the reap argument is a struct usbdevfs_urb ** in the client: point it at the URB */
    ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), &err);
    if (!ptr) {
        urb_unref(urb);
        umockdev_ioctl_client_complete(client, -1, EFAULT);
        return;
    }
    umockdev_ioctl_data_set_ptr(ptr, 0, urb->data);
    g_object_unref(ptr);
    urb_unref(urb);
    umockdev_ioctl_client_complete(client, 0, 0);
}

static void unpark(struct sim_port *port, UMockdevIoctlClient *client)
{
    if (g_queue_remove(&port->parked, client)) {
        g_atomic_int_add(&port->parked_count, -1);
        g_object_unref(client);
    }
}

/* Answers a parked reap if it can be answered now; with expired, a non-blocking one gets
 * EAGAIN. Returns true if the reap was answered. */
static bool answer_parked(struct sim_port *port, UMockdevIoctlClient *client, bool expired)
{
    struct client_state *cs = client_state(client);
    UMockdevIoctlData *arg = cs->parked;

    if (!arg)
        return true;
    if (!g_queue_is_empty(&cs->done))
        deliver(cs, client, arg);
    else if (sim_port_client_stale(port, client))
        umockdev_ioctl_client_complete(client, -1, ENODEV);
    else if (expired && !cs->parked_block)
        umockdev_ioctl_client_complete(client, -1, EAGAIN);
    else
        return false;
    cs->parked = NULL;
    g_object_unref(arg);
    sim_port_cancel_timer(&cs->park_timer);
    unpark(port, client);
    return true;
}

/* A URB completed somewhere: every reap parked on this port that has nothing of its own
 * returns (EAGAIN), so its client goes on to reap the others. */
static gboolean release_parked_cb(gpointer p)
{
    struct sim_port *port = p;
    GList *clients;

    g_mutex_lock(&port->lock);
    g_atomic_int_set(&port->release_pending, 0);
    clients = g_list_copy_deep(port->parked.head, (GCopyFunc)(void (*)(void))g_object_ref, NULL);
    for (GList *l = clients; l; l = l->next)
        answer_parked(port, l->data, true);
    g_list_free_full(clients, g_object_unref);
    g_mutex_unlock(&port->lock);
    return G_SOURCE_REMOVE;
}

static void release_parked_everywhere(struct sim_bus *bus)
{
    for (unsigned i = 0; i < bus->port_count; i++) {
        struct sim_port *p = &bus->ports[i];

        /* a reap parked after this look is released by the next completion, or in 5 ms */
        if (g_atomic_int_get(&p->parked_count) > 0 &&
            g_atomic_int_compare_and_exchange(&p->release_pending, 0, 1))
            sim_port_invoke(p, release_parked_cb, p, NULL);
    }
}

struct park_ctx {
    struct sim_port *port;
    UMockdevIoctlClient *client;
};

static void park_ctx_free(gpointer p)
{
    struct park_ctx *pc = p;

    g_object_unref(pc->client);
    g_free(pc);
}

static void start_park_timer(struct sim_port *port, UMockdevIoctlClient *client,
                             struct client_state *cs);

static gboolean park_expired_cb(gpointer p)
{
    struct park_ctx *pc = p;
    struct client_state *cs;

    g_mutex_lock(&pc->port->lock);
    cs = client_state(pc->client);
    sim_port_cancel_timer(&cs->park_timer);
    if (!answer_parked(pc->port, pc->client, true))
        start_park_timer(pc->port, pc->client, cs); /* a blocking reap keeps waiting */
    g_mutex_unlock(&pc->port->lock);
    return G_SOURCE_REMOVE;
}

static void start_park_timer(struct sim_port *port, UMockdevIoctlClient *client,
                             struct client_state *cs)
{
    struct park_ctx *pc = g_new(struct park_ctx, 1);

    pc->port = port;
    pc->client = g_object_ref(client);
    cs->park_timer = sim_port_add_timer(port, sim_bus_now_us(port->bus) + PARK_MS * 1000u,
                                        park_expired_cb, pc, park_ctx_free);
}

bool sim_urb_reap_needs_client(UMockdevIoctlClient *client)
{
    return !g_queue_is_empty(&client_state(client)->done);
}

void sim_urb_reap(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *arg,
                  bool block)
{
    struct sim_bus *bus = port->bus;
    struct client_state *cs = client_state(client);
    gint seen = cs->seen_deliveries;

    cs->seen_deliveries = g_atomic_int_get(&bus->deliveries);
    if (!g_queue_is_empty(&cs->done)) {
        deliver(cs, client, arg);
        cs->seen_deliveries = g_atomic_int_get(&bus->deliveries);
        return;
    }
    if (sim_port_client_stale(port, client)) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return;
    }
    if (!block && (cs->flying == 0 || g_atomic_int_get(&bus->undelivered) > 0 ||
                   seen != cs->seen_deliveries)) {
        umockdev_ioctl_client_complete(client, -1, EAGAIN);
        return;
    }
    cs->parked = g_object_ref(arg);
    cs->parked_block = block;
    g_queue_push_tail(&port->parked, g_object_ref(client));
    g_atomic_int_inc(&port->parked_count);
    start_park_timer(port, client, cs);
}

/* Ends a USBDEVFS_CONTROL ioctl as devio.c proc_control does: the number of bytes
 * transferred, or the transfer's error. */
static void complete_sync(struct sim_urb *urb, UMockdevIoctlClient *client)
{
    if (urb->status < 0) {
        umockdev_ioctl_client_complete(client, -1, -urb->status);
        return;
    }
    if (urb->in && urb->actual)
        memcpy(urb->sync_stage->data, urb->in, urb->actual);
    umockdev_ioctl_client_complete(client, (glong)urb->actual, 0);
}

/* Moves an in-flight URB to its client's completed queue, or ends its USBDEVFS_CONTROL. */
static void finish(struct sim_urb *urb)
{
    struct sim_port *port = urb->port;
    UMockdevIoctlClient *client = urb->client;
    struct client_state *cs = client_state(client);

    g_queue_remove(&port->flying, urb);
    urb->flying = false;
    cs->flying--;
    sim_port_cancel_timer(&urb->timer);
    sim_port_cancel_timer(&urb->deadline);
    urb->client = NULL;
    if (urb->sync) {
        complete_sync(urb, client);
        urb_unref(urb); /* the reference port->flying held */
    } else {
        g_queue_push_tail(&cs->done, urb); /* the reference port->flying held */
        g_atomic_int_inc(&port->bus->undelivered);
        answer_parked(port, client, false);
        release_parked_everywhere(port->bus);
    }
    g_object_unref(client);
}

/* The board answers. A reply followed by a bus event reaches the client only once the main
 * thread has carried the event out (sim_urb_answer_late), so a client never finds the old
 * device in sysfs after it has read the reply that ends it. */
static void answer(struct sim_urb *urb)
{
    if (urb->event.kind != STM32DFU_SIM_EVENT_NONE)
        sim_port_schedule_event(urb->port, &urb->event, urb_ref(urb));
    else
        finish(urb);
}

void sim_urb_answer_late(struct sim_urb *urb)
{
    g_mutex_lock(&urb->port->lock);
    if (urb->flying)
        finish(urb);
    g_mutex_unlock(&urb->port->lock);
    urb_unref(urb);
}

static gboolean hold_expired_cb(gpointer p)
{
    struct sim_urb *urb = p;
    struct sim_port *port = urb->port;

    g_mutex_lock(&port->lock);
    sim_port_cancel_timer(&urb->timer);
    /* not while the device is being unplugged: the unplug fails it (bus.c port_unplug) */
    if (urb->flying && !port->unplugging)
        answer(urb);
    g_mutex_unlock(&port->lock);
    return G_SOURCE_REMOVE;
}

/* Runs the model on a SETUP packet (wLength capped to room) and its data stage (room bytes,
 * or NULL when room is 0). Returns the data stage (IN data filled in), to free with g_free. */
static uint8_t *ask_model(struct sim_port *port, struct stm32dfu_sim_setup *setup,
                          const uint8_t *data, size_t room, struct stm32dfu_sim_reply *reply)
{
    uint8_t *stage;

    if (setup->wLength > room)
        setup->wLength = (uint16_t)room;
    stage = g_malloc0(setup->wLength + 1u);
    if (setup->wLength)
        memcpy(stage, data, setup->wLength);
    stm32dfu_sim_board_control(port->board, sim_bus_now_us(port->bus), setup, stage, reply);
    sim_port_log_control(port, setup, reply);
    return stage;
}

/* A URB of client in flight on port, with data its resolved argument. */
static struct sim_urb *urb_alloc(struct sim_port *port, UMockdevIoctlClient *client,
                                 UMockdevIoctlData *data)
{
    struct sim_urb *urb = g_new0(struct sim_urb, 1);

    urb->refs = 1;
    urb->port = port;
    urb->client = g_object_ref(client);
    urb->data = g_object_ref(data);
    urb->client_addr = data->client_addr;
    urb->flying = true;
    g_queue_push_tail(&port->flying, urb);
    client_state(client)->flying++;
    return urb;
}

/* A URB in flight for the reply: status and length as devio.c reports them. Takes stage. */
static struct sim_urb *urb_new(struct sim_port *port, UMockdevIoctlClient *client,
                               UMockdevIoctlData *data, const struct stm32dfu_sim_setup *setup,
                               const struct stm32dfu_sim_reply *reply, uint8_t *stage)
{
    struct sim_urb *urb = urb_alloc(port, client, data);

    urb->event = reply->event;
    if (reply->kind == STM32DFU_SIM_REPLY_STALL) {
        urb->status = -EPIPE; /* devio.c reports a STALLed control transfer as -EPIPE */
    } else if (setup->bmRequestType & 0x80) {
        /* babble: the host controller gives up on the transfer, devio.c reports -EOVERFLOW */
        if (reply->overflow)
            urb->status = -EOVERFLOW;
        urb->actual = (unsigned)(reply->len < setup->wLength ? reply->len : setup->wLength);
        urb->in = stage;
        stage = NULL;
    } else {
        urb->actual = setup->wLength;
    }
    g_free(stage);
    return urb;
}

/* Runs the model on a transfer and puts it in flight: answered now, later, or never (until
 * discarded, timed out or unplugged). Returns it, or NULL if the board is already off the bus;
 * the caller's reference is not counted. */
static struct sim_urb *start(struct sim_port *port, UMockdevIoctlClient *client,
                             UMockdevIoctlData *data, struct stm32dfu_sim_setup *setup,
                             const uint8_t *out, size_t room, bool sync, bool *now)
{
    struct stm32dfu_sim_reply reply;
    uint8_t *stage = ask_model(port, setup, out, room, &reply);
    struct sim_urb *urb;

    if (reply.kind == STM32DFU_SIM_REPLY_NONE && reply.event.kind == STM32DFU_SIM_EVENT_NONE) {
        g_free(stage);
        return NULL;
    }
    urb = urb_new(port, client, data, setup, &reply, stage);
    urb->sync = sync;
    *now = false;
    /* Before the submit returns, so the command has the signal while it waits for this reply. */
    if (reply.event.kind == STM32DFU_SIM_EVENT_SIGNAL)
        sim_port_signal_client(port, reply.event.signal);
    if (reply.kind == STM32DFU_SIM_REPLY_NONE) {
        /* the board drops off the bus instead of answering: the unplug fails the URB */
        sim_port_schedule_event(port, &reply.event, NULL);
    } else if (reply.kind == STM32DFU_SIM_REPLY_HANG) {
        /* stays in flight until discarded, timed out or the device goes */
    } else if (reply.hold_us > 0 && reply.done_us > sim_bus_now_us(port->bus)) {
        /* at the board's time the reply goes out, so late timers do not add up */
        urb->timer =
            sim_port_add_timer(port, reply.done_us, hold_expired_cb, urb_ref(urb), urb_unref);
    } else {
        *now = true;
    }
    return urb;
}

void sim_urb_submit(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *data,
                    UMockdevIoctlData *buffer)
{
    const uint8_t *b = buffer->data;
    struct stm32dfu_sim_setup setup = {b[0], b[1], (uint16_t)(b[2] | b[3] << 8),
                                       (uint16_t)(b[4] | b[5] << 8), (uint16_t)(b[6] | b[7] << 8)};
    bool now;
    struct sim_urb *urb =
        start(port, client, data, &setup, b + 8, buffer->data_len - 8, false, &now);

    if (!urb) {
        umockdev_ioctl_client_complete(client, -1, ENODEV); /* the board is off the bus */
        return;
    }
    umockdev_ioctl_client_complete(client, 0, 0);
    if (now)
        answer(urb);
}

/* A bulk or interrupt URB (the CDC-ACM application's endpoints): OUT data goes to the board and
 * completes at once; IN stays in flight, as the application sends nothing, until discarded or
 * the device goes (devio.c proc_do_submiturb; ENOENT for an endpoint the device lacks). */
void sim_urb_submit_data(struct sim_port *port, UMockdevIoctlClient *client,
                         UMockdevIoctlData *data, UMockdevIoctlData *buffer)
{
    const struct usbdevfs_urb *u = (const struct usbdevfs_urb *)data->data;
    bool in = (u->endpoint & 0x80) != 0;
    struct sim_urb *urb;

    if (!stm32dfu_sim_board_has_endpoint(port->board, u->endpoint) ||
        (!in && stm32dfu_sim_board_bulk_out(port->board, u->endpoint, buffer->data,
                                            (size_t)u->buffer_length) != STM32DFU_SIM_OK)) {
        sim_port_log(port, "URB type %u on endpoint 0x%02x: no such endpoint", u->type,
                     u->endpoint);
        umockdev_ioctl_client_complete(client, -1, ENOENT);
        return;
    }
    sim_port_log(port, "%s URB on endpoint 0x%02x, %d bytes%s", in ? "IN" : "OUT", u->endpoint,
                 u->buffer_length, in ? ": pending, the application sends nothing" : "");
    urb = urb_alloc(port, client, data);
    urb->actual = in ? 0 : (unsigned)u->buffer_length;
    umockdev_ioctl_client_complete(client, 0, 0);
    if (!in)
        finish(urb);
}

static gboolean deadline_cb(gpointer p)
{
    struct sim_urb *urb = p;
    struct sim_port *port = urb->port;

    g_mutex_lock(&port->lock);
    sim_port_cancel_timer(&urb->deadline);
    if (urb->flying && !port->unplugging) {
        /* usb_start_wait_urb kills the URB and reports -ETIMEDOUT (drivers/usb/core/message.c) */
        urb->status = -ETIMEDOUT;
        urb->actual = 0;
        finish(urb);
    }
    g_mutex_unlock(&port->lock);
    return G_SOURCE_REMOVE;
}

void sim_urb_control(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *ctrl,
                     UMockdevIoctlData *stage)
{
    const struct usbdevfs_ctrltransfer *c = (const struct usbdevfs_ctrltransfer *)ctrl->data;
    struct stm32dfu_sim_setup setup = {c->bRequestType, c->bRequest, c->wValue, c->wIndex,
                                       c->wLength};
    unsigned timeout_ms = c->timeout;
    bool now;
    struct sim_urb *urb = start(port, client, ctrl, &setup, stage ? stage->data : NULL,
                                stage ? stage->data_len : 0, true, &now);

    if (!urb) {
        umockdev_ioctl_client_complete(client, -1, ENODEV); /* the board is off the bus */
        return;
    }
    if (stage)
        urb->sync_stage = g_object_ref(stage);
    if (now) {
        answer(urb);
        return;
    }
    /* devio.c proc_control waits for the reply up to the timeout; 0 waits for ever */
    if (timeout_ms)
        urb->deadline = sim_port_add_timer(port, sim_bus_now_us(port->bus) + timeout_ms * 1000ull,
                                           deadline_cb, urb_ref(urb), urb_unref);
}

void sim_urb_standard_event(struct sim_port *port, UMockdevIoctlClient *client,
                            const struct stm32dfu_sim_event *event, bool answered)
{
    struct sim_urb *urb = urb_alloc(port, client, umockdev_ioctl_client_get_arg(client));

    urb->sync = true;
    urb->standard = true;
    /* answered: complete once the event is carried out (sim_urb_answer_late); otherwise the
     * unplug fails it (sim_urb_fail_all), after the "remove" */
    sim_port_schedule_event(port, event, answered ? urb_ref(urb) : NULL);
}

int sim_urb_discard(struct sim_port *port, UMockdevIoctlClient *client, gulong client_addr)
{
    for (GList *l = port->flying.head; l; l = l->next) {
        struct sim_urb *urb = l->data;

        if (!urb->sync && urb->client == client && urb->client_addr == client_addr) {
            urb->status = -ENOENT; /* what devio.c reports for a killed URB */
            urb->actual = 0;
            finish(urb);
            return 0;
        }
    }
    return -EINVAL; /* already completed, or never submitted */
}

void sim_urb_fail_all(struct sim_port *port, struct sim_urb *survivor)
{
    GList *clients = NULL;
    GList *l = port->flying.head;

    while (l) {
        struct sim_urb *urb = l->data;

        l = l->next;
        if (urb == survivor)
            continue;
        /* host controllers give back the URBs of a vanished device with -ESHUTDOWN
         * (drivers/usb/core/hcd.c usb_hcd_flush_endpoint); the SETINTERFACE or
         * SETCONFIGURATION ioctl of a device that is gone fails with ENODEV (devio.c) */
        urb->status = urb->standard ? -ENODEV : -ESHUTDOWN;
        urb->actual = 0;
        clients = g_list_prepend(clients, g_object_ref(urb->client));
        finish(urb);
    }
    g_list_free_full(clients, g_object_unref);
}

void sim_urb_forget_client(struct sim_port *port, UMockdevIoctlClient *client)
{
    struct client_state *cs = client_state(client);
    GList *l = port->flying.head;

    while (l) {
        GList *next = l->next;
        struct sim_urb *urb = l->data;

        if (urb->client == client) {
            sim_port_cancel_timer(&urb->timer);
            sim_port_cancel_timer(&urb->deadline);
            urb->flying = false;
            g_queue_delete_link(&port->flying, l);
            cs->flying--;
            urb_unref(urb);
        }
        l = next;
    }
    sim_port_cancel_timer(&cs->park_timer);
    g_clear_object(&cs->parked);
    unpark(port, client);
    clear_done(port->bus, cs);
}
