/* SPDX-License-Identifier: MIT */
/*
 * The serial port node (/dev/ttyACM<k>) of a board's CDC-ACM application, as the kernel's
 * cdc-acm driver presents it to a program: an open raises DTR and RTS, TCSETS sends
 * SET_LINE_CODING when the line changes (and a rate of B0 drops DTR), TIOCMBIS/TIOCMBIC/TIOCMSET
 * send SET_CONTROL_LINE_STATE when the lines change, write() goes to the bulk OUT endpoint, and
 * the last close with HUPCL drops DTR and RTS (Linux drivers/usb/class/cdc-acm.c
 * acm_tty_set_termios, acm_tty_tiocmset, acm_port_dtr_rts; drivers/tty/tty_port.c
 * tty_port_block_til_ready, tty_port_shutdown). The driver's line starts at 9600 8N1 and the
 * port's termios at B9600 | CS8 | CREAD | HUPCL | CLOCAL (cdc-acm.c acm_init, acm_probe).
 *
 * umockdev forwards ioctl(), read() and write() of an emulated node to this handler, but not the
 * ioctl system calls glibc's tcsetattr() and tcgetattr() make directly: a program reaches this
 * port through ioctl(2) (TCGETS, TCSETS, TIOCM*), as stm32dfu detach --tty does, not through
 * <termios.h>'s functions. A pty, which umockdev makes for tty nodes it creates itself, has no
 * modem lines at all (TIOCMBIC fails with ENOTTY), hence this handler.
 */
#define _DEFAULT_SOURCE

#include "sim_usb.h"

#include <errno.h>
#include <string.h>

#include <sys/ioctl.h>
#include <termios.h>

G_STATIC_ASSERT(sizeof(struct sim_termios) == 36);

#define ACM_CTRL_DTR 0x01 /* SET_CONTROL_LINE_STATE wValue bits (USB CDC PSTN 1.2 §6.3.12) */
#define ACM_CTRL_RTS 0x02

/* Standard rates by their Bnnn code (termbits.h order, as cdc-acm's tty_get_baud_rate reads). */
static uint32_t rate_of(uint32_t cflag)
{
    static const struct {
        uint32_t code, rate;
    } rates[] = {{B0, 0},         {B50, 50},         {B75, 75},         {B110, 110},
                 {B134, 134},     {B150, 150},       {B200, 200},       {B300, 300},
                 {B600, 600},     {B1200, 1200},     {B1800, 1800},     {B2400, 2400},
                 {B4800, 4800},   {B9600, 9600},     {B19200, 19200},   {B38400, 38400},
                 {B57600, 57600}, {B115200, 115200}, {B230400, 230400}, {B460800, 460800}};
    for (size_t i = 0; i < G_N_ELEMENTS(rates); i++) {
        if ((cflag & CBAUD) == rates[i].code)
            return rates[i].rate;
    }
    return 9600;
}

/* One class request to the board's communication interface, as the driver sends it. */
static int acm_request(struct sim_port *port, uint8_t request, uint16_t value, uint8_t *data,
                       uint16_t len)
{
    struct stm32dfu_sim_setup setup = {0x21, request, value, 0, len};
    struct stm32dfu_sim_reply reply;
    uint8_t none[1];

    stm32dfu_sim_board_control(port->board, sim_bus_now_us(port->bus), &setup, data ? data : none,
                               &reply);
    sim_port_log(port, "tty: control 21 %02x %04x -> %s", request, value,
                 reply.kind == STM32DFU_SIM_REPLY_ACK ? "ok" : "failed");
    if (reply.event.kind != STM32DFU_SIM_EVENT_NONE &&
        reply.event.kind != STM32DFU_SIM_EVENT_SIGNAL)
        sim_port_schedule_event(port, &reply.event, NULL);
    return reply.kind == STM32DFU_SIM_REPLY_ACK     ? 0
           : reply.kind == STM32DFU_SIM_REPLY_STALL ? EPIPE
                                                    : ENODEV;
}

/* acm_set_control: only when the lines change. */
static int set_lines(struct sim_port *port, uint16_t lines)
{
    if (lines == port->tty.lines)
        return 0;
    port->tty.lines = lines;
    return acm_request(port, 0x22, lines, NULL, 0);
}

static int set_termios(struct sim_port *port, const struct sim_termios *t)
{
    uint32_t rate = rate_of(t->c_cflag);
    static const uint8_t sizes[4] = {5, 6, 7, 8};
    uint8_t line[7] = {0,
                       0,
                       0,
                       0,
                       (t->c_cflag & CSTOPB) ? 2 : 0,
                       (t->c_cflag & PARENB) ? ((t->c_cflag & PARODD) ? 1 : 2) : 0,
                       sizes[(t->c_cflag & CSIZE) >> 4]};
    uint16_t lines = port->tty.lines;
    bool was_b0 = (port->tty.termios.c_cflag & CBAUD) == B0;
    int rc = 0;

    port->tty.termios = *t;
    if ((t->c_cflag & CBAUD) == B0) {
        memcpy(line, port->tty.line, 4);
        lines &= (uint16_t)~ACM_CTRL_DTR;
    } else {
        line[0] = (uint8_t)rate;
        line[1] = (uint8_t)(rate >> 8);
        line[2] = (uint8_t)(rate >> 16);
        line[3] = (uint8_t)(rate >> 24);
        if (was_b0)
            lines |= ACM_CTRL_DTR;
    }
    rc = set_lines(port, lines);
    if (memcmp(line, port->tty.line, sizeof(line)) != 0) {
        memcpy(port->tty.line, line, sizeof(line));
        rc = acm_request(port, 0x20, 0, line, sizeof(line));
    }
    return rc;
}

/* tty_port_block_til_ready: an open raises DTR and RTS unless the rate is B0. */
static void open_once(struct sim_port *port, UMockdevIoctlClient *client)
{
    if (g_object_get_data(G_OBJECT(client), "stm32dfu-sim-tty-open"))
        return;
    g_object_set_data(G_OBJECT(client), "stm32dfu-sim-tty-open", GUINT_TO_POINTER(1));
    port->tty.opens++;
    if ((port->tty.termios.c_cflag & CBAUD) != B0)
        set_lines(port, port->tty.lines | ACM_CTRL_DTR | ACM_CTRL_RTS);
}

static void complete(UMockdevIoctlClient *client, int err)
{
    umockdev_ioctl_client_complete(client, err ? -1 : 0, err);
}

/* Copies the argument block from (in) or to the client. */
static int copy_arg(UMockdevIoctlClient *client, void *buf, size_t len, bool in)
{
    g_autoptr(GError) err = NULL;
    UMockdevIoctlData *d =
        umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, len, &err);

    if (!d)
        return EFAULT;
    if (in)
        memcpy(buf, d->data, len);
    else
        memcpy(d->data, buf, len);
    g_object_unref(d);
    return 0;
}

static int modem_lines(struct sim_port *port, UMockdevIoctlClient *client, gulong request)
{
    int bits = 0;
    int rc = copy_arg(client, &bits, sizeof(bits), request != TIOCMGET);
    uint16_t set = (uint16_t)(((bits & TIOCM_DTR) ? ACM_CTRL_DTR : 0) |
                              ((bits & TIOCM_RTS) ? ACM_CTRL_RTS : 0));

    if (rc)
        return rc;
    switch (request) {
    case TIOCMGET:
        bits = ((port->tty.lines & ACM_CTRL_DTR) ? TIOCM_DTR : 0) |
               ((port->tty.lines & ACM_CTRL_RTS) ? TIOCM_RTS : 0);
        return copy_arg(client, &bits, sizeof(bits), false);
    case TIOCMBIS:
        return set_lines(port, port->tty.lines | set);
    case TIOCMBIC:
        return set_lines(port, port->tty.lines & (uint16_t)~set);
    default:
        return set_lines(port, set);
    }
}

/* A node of an earlier enumeration, or of a board that has no CDC-ACM port now, is hung up:
 * the kernel answers EIO (tty_io.c hung_up_tty_*). */
static bool stale(struct sim_port *port, UMockdevIoctlClient *client)
{
    guint gen = GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(client), "stm32dfu-sim-tty-gen"));

    if (!gen)
        g_object_set_data(G_OBJECT(client), "stm32dfu-sim-tty-gen",
                          GUINT_TO_POINTER(port->tty.generation));
    return !port->tty.present || (gen && gen != port->tty.generation);
}

static gboolean handle_ioctl_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                                gpointer user)
{
    struct sim_port *port = user;
    gulong request = (guint)umockdev_ioctl_client_get_request(client);
    struct sim_termios t;
    int rc;

    (void)handler;
    g_mutex_lock(&port->lock);
    if (stale(port, client)) {
        rc = EIO;
    } else {
        open_once(port, client);
        switch (request) {
        case TCGETS:
            rc = copy_arg(client, &port->tty.termios, sizeof(t), false);
            break;
        case TCSETS:
        case TCSETSW:
        case TCSETSF:
            rc = copy_arg(client, &t, sizeof(t), true);
            if (rc == 0)
                rc = set_termios(port, &t);
            break;
        case TIOCMGET:
        case TIOCMBIS:
        case TIOCMBIC:
        case TIOCMSET:
            rc = modem_lines(port, client, request);
            break;
        case TCFLSH:
        case TIOCEXCL:
        case TIOCNXCL:
            rc = 0;
            break;
        default:
            sim_port_log(port, "tty: ioctl 0x%lx is not emulated: ENOTTY", request);
            rc = ENOTTY;
            break;
        }
    }
    g_mutex_unlock(&port->lock);
    complete(client, rc);
    return TRUE;
}

/* The application sends nothing: a read finds no data (the node is opened non-blocking by
 * programs that touch the port; a blocking read is not emulated). */
static gboolean handle_read_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                               gpointer user)
{
    struct sim_port *port = user;
    bool dead;

    (void)handler;
    g_mutex_lock(&port->lock);
    dead = stale(port, client);
    if (!dead)
        open_once(port, client);
    g_mutex_unlock(&port->lock);
    complete(client, dead ? EIO : EAGAIN);
    return TRUE;
}

static gboolean handle_write_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                                gpointer user)
{
    struct sim_port *port = user;
    UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
    int rc = 0;

    (void)handler;
    g_mutex_lock(&port->lock);
    if (stale(port, client)) {
        rc = EIO;
    } else {
        open_once(port, client);
        if (stm32dfu_sim_board_bulk_out(port->board, 0x01, arg->data, arg->data_len) !=
            STM32DFU_SIM_OK)
            rc = EIO;
    }
    g_mutex_unlock(&port->lock);
    if (rc)
        complete(client, rc);
    else
        umockdev_ioctl_client_complete(client, (glong)arg->data_len, 0);
    return TRUE;
}

/* The close: the last one, with HUPCL, drops DTR and RTS (tty_port_shutdown). */
static void client_vanished_cb(UMockdevIoctlBase *handler, UMockdevIoctlClient *client,
                               gpointer user)
{
    struct sim_port *port = user;

    (void)handler;
    g_mutex_lock(&port->lock);
    if (!stale(port, client)) {
        open_once(port, client);
        if (--port->tty.opens == 0 && (port->tty.termios.c_cflag & HUPCL))
            set_lines(port, 0);
    }
    g_mutex_unlock(&port->lock);
}

void sim_tty_reset(struct sim_port *port)
{
    memset(&port->tty.termios, 0, sizeof(port->tty.termios));
    port->tty.termios.c_cflag = B9600 | CS8 | CREAD | HUPCL | CLOCAL;
    static const uint8_t line_9600_8n1[7] = {0x80, 0x25, 0, 0, 0, 0, 8};
    memcpy(port->tty.line, line_9600_8n1, sizeof(port->tty.line));
    port->tty.lines = 0;
    port->tty.opens = 0;
    port->tty.generation++;
}

UMockdevIoctlBase *sim_tty_handler_new(struct sim_port *port)
{
    UMockdevIoctlBase *handler = umockdev_ioctl_base_new();

    g_signal_connect(handler, "handle-ioctl", G_CALLBACK(handle_ioctl_cb), port);
    g_signal_connect(handler, "handle-read", G_CALLBACK(handle_read_cb), port);
    g_signal_connect(handler, "handle-write", G_CALLBACK(handle_write_cb), port);
    g_signal_connect(handler, "client-vanished", G_CALLBACK(client_vanished_cb), port);
    return handler;
}
