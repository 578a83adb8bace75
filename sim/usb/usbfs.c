/* SPDX-License-Identifier: MIT */
/*
 * The usbfs ioctls of a simulated device node, as Linux drivers/usb/core/devio.c answers them
 * and as libusb 1.0.26 (os/linux_usbfs.c) uses them. Control transfers go to the model; the
 * rest (claim, capabilities, speed) is answered here. The ioctls libusb needs are listed in
 * docs/research/usb_emulation.md#s4.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <errno.h>
#include <string.h>

#include <sys/ioctl.h>

#include <linux/usb/ch9.h>
#include <linux/usbdevice_fs.h>

/* The largest data stage of a USBDEVFS_CONTROL (devio.c proc_control: PAGE_SIZE on x86). */
#define USBFS_PAGE_SIZE 4096

/* Resolves the ioctl argument as a block of len bytes in the handler's memory. */
static UMockdevIoctlData *resolve_arg(UMockdevIoctlClient *client, size_t len)
{
    g_autoptr(GError) err = NULL;

    return umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, len, &err);
}

/* Copies the ioctl's argument block of len bytes from the client (in) or into it (out).
 * Returns 0, or EFAULT if the client's memory cannot be reached. */
static int copy_arg(UMockdevIoctlClient *client, void *buf, size_t len, bool in)
{
    UMockdevIoctlData *d = resolve_arg(client, len);

    if (!d)
        return EFAULT;
    if (in)
        memcpy(buf, d->data, len);
    else
        memcpy(d->data, buf, len);
    g_object_unref(d);
    return 0;
}

static void complete_errno(UMockdevIoctlClient *client, int err)
{
    umockdev_ioctl_client_complete(client, err ? -1 : 0, err);
}

static void get_capabilities(UMockdevIoctlClient *client)
{
    uint32_t caps = USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_BULK_CONTINUATION |
                    USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_REAP_AFTER_DISCONNECT;

    complete_errno(client, copy_arg(client, &caps, sizeof(caps), false));
}

/* CLAIMINTERFACE, RELEASEINTERFACE, DISCONNECT_CLAIM: devio.c gives ENOENT for an interface
 * the active configuration does not have. */
static void claim(struct sim_port *port, UMockdevIoctlClient *client)
{
    struct stm32dfu_sim_identity id;
    uint32_t intf = 0;
    int rc = copy_arg(client, &intf, sizeof(intf), true);

    stm32dfu_sim_board_identity(port->board, &id);
    if (rc == 0 && intf >= id.num_interfaces)
        rc = ENOENT;
    complete_errno(client, rc);
}

/* Standard requests the kernel sends on the host's behalf (usb_set_interface,
 * usb_set_configuration): the device sees them on EP0 like any other. Returns the errno of the
 * ioctl, or -1 when the reply comes with a bus event: sim_urb_standard_event completes the
 * ioctl once the event is carried out. */
static int standard_request(struct sim_port *port, UMockdevIoctlClient *client, uint8_t type,
                            uint8_t request, uint16_t value, uint16_t index)
{
    struct stm32dfu_sim_setup setup = {type, request, value, index, 0};
    struct stm32dfu_sim_reply reply;
    uint8_t none[1];

    stm32dfu_sim_board_control(port->board, sim_bus_now_us(port->bus), &setup, none, &reply);
    sim_port_log_control(port, &setup, &reply);
    if (reply.event.kind == STM32DFU_SIM_EVENT_SIGNAL) {
        sim_port_signal_client(port, reply.event.signal);
    } else if (reply.event.kind != STM32DFU_SIM_EVENT_NONE &&
               (reply.kind == STM32DFU_SIM_REPLY_ACK || reply.kind == STM32DFU_SIM_REPLY_NONE)) {
        sim_urb_standard_event(port, client, &reply.event, reply.kind == STM32DFU_SIM_REPLY_ACK);
        return -1;
    } else if (reply.event.kind != STM32DFU_SIM_EVENT_NONE) {
        sim_port_schedule_event(port, &reply.event, NULL);
    }
    switch (reply.kind) {
    case STM32DFU_SIM_REPLY_ACK:
        return 0;
    case STM32DFU_SIM_REPLY_STALL:
        return EINVAL; /* devio.c: no such alternate setting or configuration */
    case STM32DFU_SIM_REPLY_HANG:
        return ETIMEDOUT; /* usb_control_msg gave up (USB_CTRL_SET_TIMEOUT) */
    default:
        return ENODEV;
    }
}

static void set_interface(struct sim_port *port, UMockdevIoctlClient *client)
{
    struct usbdevfs_setinterface si;
    int rc = copy_arg(client, &si, sizeof(si), true);

    if (rc == 0)
        rc = standard_request(port, client, USB_RECIP_INTERFACE, USB_REQ_SET_INTERFACE,
                              (uint16_t)si.altsetting, (uint16_t)si.interface);
    if (rc >= 0)
        complete_errno(client, rc);
}

static void set_configuration(struct sim_port *port, UMockdevIoctlClient *client)
{
    int value;
    int rc = copy_arg(client, &value, sizeof(value), true);

    if (rc == 0)
        rc = standard_request(port, client, USB_RECIP_DEVICE, USB_REQ_SET_CONFIGURATION,
                              (uint16_t)value, 0);
    if (rc >= 0)
        complete_errno(client, rc);
}

static void connect_info(struct sim_port *port, UMockdevIoctlClient *client)
{
    struct usbdevfs_connectinfo ci = {.devnum = port->devnum, .slow = 0};

    complete_errno(client, copy_arg(client, &ci, sizeof(ci), false));
}

/* USBDEVFS_RESET: a bus reset; the board stays on the bus as the same device, so the client's
 * handle stays valid. */
static void reset(struct sim_port *port, UMockdevIoctlClient *client)
{
    stm32dfu_sim_board_bus_reset(port->board, sim_bus_now_us(port->bus));
    complete_errno(client, 0);
}

/* USBDEVFS_CONTROL, a synchronous control transfer; libusb's Linux backend sends it to read
 * the active configuration of a device it has no sysfs directory for (libusb_wrap_sys_device).
 * devio.c proc_control refuses a data stage longer than a page. */
static void control(struct sim_port *port, UMockdevIoctlClient *client)
{
    g_autoptr(GError) err = NULL;
    UMockdevIoctlData *ctrl = resolve_arg(client, sizeof(struct usbdevfs_ctrltransfer));
    UMockdevIoctlData *stage = NULL;
    uint16_t len;

    if (!ctrl) {
        complete_errno(client, EFAULT);
        return;
    }
    len = ((struct usbdevfs_ctrltransfer *)ctrl->data)->wLength;
    if (len > USBFS_PAGE_SIZE) {
        complete_errno(client, EINVAL);
    } else if (len > 0 &&
               !(stage = umockdev_ioctl_data_resolve(
                     ctrl, G_STRUCT_OFFSET(struct usbdevfs_ctrltransfer, data), len, &err))) {
        complete_errno(client, EFAULT);
    } else {
        sim_urb_control(port, client, ctrl, stage);
    }
    g_clear_object(&stage);
    g_object_unref(ctrl);
}

static void submit(struct sim_port *port, UMockdevIoctlClient *client)
{
    g_autoptr(GError) err = NULL;
    UMockdevIoctlData *urb = resolve_arg(client, sizeof(struct usbdevfs_urb));
    UMockdevIoctlData *buffer = NULL;
    struct usbdevfs_urb *u;

    if (!urb) {
        complete_errno(client, EFAULT);
        return;
    }
    u = (struct usbdevfs_urb *)urb->data;
    /* a DFU device has only endpoint 0 (DFU 1.1 §4.2.3: bNumEndpoints 0); the CDC-ACM
     * application also has its data endpoints */
    if ((u->type == USBDEVFS_URB_TYPE_BULK || u->type == USBDEVFS_URB_TYPE_INTERRUPT) &&
        u->endpoint != 0 && u->buffer_length >= 0) {
        buffer = umockdev_ioctl_data_resolve(urb, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer),
                                             (gsize)u->buffer_length, &err);
        if (buffer)
            sim_urb_submit_data(port, client, urb, buffer);
        else
            complete_errno(client, EFAULT);
    } else if (u->type != USBDEVFS_URB_TYPE_CONTROL || u->endpoint != 0) {
        sim_port_log(port, "URB type %u on endpoint 0x%02x: no such endpoint", u->type,
                     u->endpoint);
        complete_errno(client, ENOENT);
    } else if (u->buffer_length < 8) {
        complete_errno(client, EINVAL); /* no room for the SETUP packet */
    } else {
        buffer = umockdev_ioctl_data_resolve(urb, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer),
                                             (gsize)u->buffer_length, &err);
        if (buffer)
            sim_urb_submit(port, client, urb, buffer);
        else
            complete_errno(client, EFAULT);
    }
    g_clear_object(&buffer);
    g_object_unref(urb);
}

static void discard(struct sim_port *port, UMockdevIoctlClient *client)
{
    /* the argument is the URB's address in the client, not a pointer to it */
    gulong addr = *(gulong *)umockdev_ioctl_client_get_arg(client)->data;

    complete_errno(client, -sim_urb_discard(port, client, addr));
}

static void dispatch(struct sim_port *port, UMockdevIoctlClient *client, gulong request)
{
    /* reaping completed URBs still works after a disconnect (USBDEVFS_CAP_REAP_AFTER_DISCONNECT) */
    if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) {
        sim_urb_reap(port, client, umockdev_ioctl_client_get_arg(client),
                     request == USBDEVFS_REAPURB);
        return;
    }
    if (request == USBDEVFS_DISCARDURB) {
        discard(port, client);
        return;
    }
    if (sim_port_client_stale(port, client)) {
        complete_errno(client, ENODEV);
        return;
    }
    switch (request) {
    case USBDEVFS_GET_CAPABILITIES:
        get_capabilities(client);
        break;
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_DISCONNECT_CLAIM:
        claim(port, client);
        break;
    case USBDEVFS_SETINTERFACE:
        set_interface(port, client);
        break;
    case USBDEVFS_SETCONFIGURATION:
        set_configuration(port, client);
        break;
    case USBDEVFS_CONNECTINFO:
        connect_info(port, client);
        break;
    case USBDEVFS_GET_SPEED:
        umockdev_ioctl_client_complete(client, USB_SPEED_FULL, 0);
        break;
    case USBDEVFS_GETDRIVER:
    case USBDEVFS_IOCTL:
        complete_errno(client, ENODATA); /* no kernel driver is bound */
        break;
    case USBDEVFS_RESET:
        reset(port, client);
        break;
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
        /* devio.c findintfep: no interface of a DFU device has an endpoint (DFU 1.1 §4.2.3) */
        complete_errno(client, ENOENT);
        break;
    case USBDEVFS_CONTROL:
        control(port, client);
        break;
    case USBDEVFS_SUBMITURB:
        submit(port, client);
        break;
    default:
        sim_port_log(port, "ioctl 0x%lx is not emulated: ENOTTY", request);
        complete_errno(client, ENOTTY);
        break;
    }
}

/* read() of the node gives the device descriptor and the raw configuration descriptors from
 * the file position on (devio.c usbdev_read), which libusb reads from a descriptor it did not
 * open itself (libusb_wrap_sys_device, os/linux_usbfs.c initialize_device). The node holds
 * those bytes (bus.c), so the read runs in the client at its own file position, lseek
 * included; a node of an earlier enumeration gives ENODEV. */
static void run_read(struct sim_port *port, UMockdevIoctlClient *client)
{
    g_autoptr(GError) err = NULL;
    bool stale;
    int res;
    int error = 0;

    g_mutex_lock(&port->lock);
    stale = sim_port_client_stale(port, client);
    g_mutex_unlock(&port->lock);
    if (stale) {
        complete_errno(client, ENODEV);
        return;
    }
    res = umockdev_ioctl_client_execute(client, &error, &err);
    if (err)
        complete_errno(client, EIO); /* the client went away during the read */
    else
        umockdev_ioctl_client_complete(client, res, res < 0 ? error : 0);
}

/* What the umockdev worker thread hands to the port's thread: requests of one client are
 * answered in the order they came, and its disappearance after them. */
enum task_kind { TASK_IOCTL, TASK_READ, TASK_VANISHED };

struct task {
    struct sim_port *port;
    UMockdevIoctlClient *client;
    enum task_kind kind;
};

static void task_free(gpointer p)
{
    struct task *t = p;

    g_object_unref(t->client);
    g_free(t);
}

static gboolean task_cb(gpointer p)
{
    struct task *t = p;
    struct sim_port *port = t->port;

    if (t->kind == TASK_READ) {
        run_read(port, t->client);
        return G_SOURCE_REMOVE;
    }
    g_mutex_lock(&port->lock);
    if (t->kind == TASK_IOCTL)
        /* the request arrives as an unsigned int (docs/research/usb_emulation.md#s3) */
        dispatch(port, t->client, (guint)umockdev_ioctl_client_get_request(t->client));
    else
        sim_urb_forget_client(port, t->client);
    g_mutex_unlock(&port->lock);
    return G_SOURCE_REMOVE;
}

/* Runs on the umockdev worker thread: hands the client over and returns at once, so that the
 * worker, shared by every board, never waits for one client's memory (each resolve of an ioctl
 * argument is a round trip to the client, umockdev-ioctl.vala IoctlData.load_data). The client
 * waits for its answer, so the worker does not touch its stream until it is completed
 * (IoctlClient.complete queues the answer back on the worker). */
static void post(struct sim_port *port, UMockdevIoctlClient *client, enum task_kind kind)
{
    struct task *t = g_new(struct task, 1);

    t->port = port;
    t->client = g_object_ref(client);
    t->kind = kind;
    sim_port_invoke(port, task_cb, t, task_free);
}

static gboolean handle_read_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                               gpointer user)
{
    (void)handler;
    post(user, client, TASK_READ);
    return TRUE;
}

/* usbfs has no write operation: write() gives EINVAL (fs/read_write.c vfs_write). */
static gboolean handle_write_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                                gpointer user)
{
    (void)handler;
    (void)user;
    complete_errno(client, EINVAL);
    return TRUE;
}

/* A reap with nothing to hand over (EAGAIN, or a wait) needs no round trip to the client, so
 * it is answered here when the port is free, saving two thread switches on the most frequent
 * ioctl; anything else goes to the port's thread. */
static bool answered_inline(struct sim_port *port, UMockdevIoctlClient *client)
{
    gulong request = (guint)umockdev_ioctl_client_get_request(client);
    bool done = false;

    if (request != USBDEVFS_REAPURBNDELAY || !g_mutex_trylock(&port->lock))
        return false;
    if (!sim_urb_reap_needs_client(client)) {
        sim_urb_reap(port, client, umockdev_ioctl_client_get_arg(client), false);
        done = true;
    }
    g_mutex_unlock(&port->lock);
    return done;
}

static gboolean handle_ioctl_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                                gpointer user)
{
    (void)handler;
    if (!answered_inline(user, client))
        post(user, client, TASK_IOCTL);
    return TRUE;
}

static void client_vanished_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                               gpointer user)
{
    (void)handler;
    post(user, client, TASK_VANISHED);
}

UMockdevIoctlBase *sim_usbfs_handler_new(struct sim_port *port)
{
    UMockdevIoctlBase *handler = umockdev_ioctl_base_new();

    g_signal_connect(handler, "handle-ioctl", G_CALLBACK(handle_ioctl_cb), port);
    g_signal_connect(handler, "handle-read", G_CALLBACK(handle_read_cb), port);
    g_signal_connect(handler, "handle-write", G_CALLBACK(handle_write_cb), port);
    g_signal_connect(handler, "client-vanished", G_CALLBACK(client_vanished_cb), port);
    return handler;
}
