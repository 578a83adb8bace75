/* SPDX-License-Identifier: MIT */
/*
 * The simulated USB bus: a umockdev testbed with one device per board, described in sysfs the
 * way libusb 1.0.26 and libudev read it (docs/research/usb_emulation.md#s4: busnum, devnum, speed,
 * bConfigurationValue, descriptors; SUBSYSTEM, DEVTYPE, DEVNAME). Plugging, unplugging and
 * re-enumerating a board send the udev "add" and "remove" uevents libusb's hotplug monitor
 * listens to. Every enumeration gets a new device number, as a real hub port does, so a file
 * descriptor opened before a disconnect stays dead.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* All boards sit on bus 1 behind an xHCI root port, one hub port per board. */
#define BUSNUM       1
#define FIRST_DEVNUM 2 /* 1 is the root hub */
#define LAST_DEVNUM  127
#define HOST_PATH    "/devices/pci0000:00/0000:00:14.0/usb1"

static void model_log_cb(enum stm32dfu_sim_log_level level, const char *message, void *user_data)
{
    sim_port_log(user_data, "%s%s", level == STM32DFU_SIM_LOG_UNEXPECTED ? "unexpected: " : "",
                 message);
}

/* An ASCII attribute line of the umockdev-record format: backslash and newline escaped. */
static void append_attr(GString *s, const char *name, const char *value)
{
    g_string_append_printf(s, "A: %s=", name);
    for (const char *p = value; *p; p++) {
        if (*p == '\\')
            g_string_append(s, "\\\\");
        else if (*p == '\n')
            g_string_append(s, "\\n");
        else
            g_string_append_c(s, *p);
    }
    g_string_append(s, "\\n\n"); /* sysfs attributes end with a newline */
}

static void append_attr_fmt(GString *s, const char *name, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void append_attr_fmt(GString *s, const char *name, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *value = NULL;

    va_start(ap, fmt);
    value = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    append_attr(s, name, value);
}

/* The device's sysfs directory and udev properties for its current identity. */
static char *describe(struct sim_port *port)
{
    struct stm32dfu_sim_identity id;
    GString *s = g_string_new(NULL);
    size_t len = stm32dfu_sim_board_descriptors(port->board, NULL, 0);
    g_autofree uint8_t *desc = g_malloc(len);

    stm32dfu_sim_board_identity(port->board, &id);
    stm32dfu_sim_board_descriptors(port->board, desc, len);
    g_string_append_printf(s, "P: %s\n", port->syspath + strlen("/sys"));
    /* the node's content is what read() of a usbfs node gives (usbfs.c handle_read_cb) */
    g_string_append_printf(s, "N: %s=", port->devnode + strlen("/dev/"));
    for (size_t i = 0; i < len; i++)
        g_string_append_printf(s, "%02X", desc[i]);
    g_string_append_c(s, '\n');
    g_string_append(s, "E: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\nE: DRIVER=usb\n");
    g_string_append_printf(s, "E: PRODUCT=%x/%x/%x\n", id.vid, id.pid, id.bcd_device);
    g_string_append_printf(s, "E: BUSNUM=%03u\nE: DEVNUM=%03u\nE: DEVNAME=%s\n", BUSNUM,
                           port->devnum, port->devnode);
    append_attr_fmt(s, "idVendor", "%04x", id.vid);
    append_attr_fmt(s, "idProduct", "%04x", id.pid);
    append_attr_fmt(s, "bcdDevice", "%04x", id.bcd_device);
    append_attr_fmt(s, "busnum", "%u", BUSNUM);
    append_attr_fmt(s, "devnum", "%u", port->devnum);
    append_attr_fmt(s, "devpath", "%u", port->index + 1);
    append_attr_fmt(s, "speed", "%u", id.speed_mbps);
    append_attr_fmt(s, "bConfigurationValue", "%u", id.configuration_value);
    append_attr(s, "bNumConfigurations", "1");
    append_attr_fmt(s, "bNumInterfaces", "%2u", id.num_interfaces);
    append_attr_fmt(s, "bMaxPower", "%umA", id.max_power_ma);
    append_attr(s, "manufacturer", id.manufacturer);
    append_attr(s, "product", id.product);
    append_attr(s, "serial", id.serial);
    g_string_append(s, "H: descriptors=");
    for (size_t i = 0; i < len; i++)
        g_string_append_printf(s, "%02X", desc[i]);
    g_string_append_c(s, '\n');
    return g_string_free(s, FALSE);
}

static unsigned next_devnum(struct sim_bus *bus)
{
    unsigned devnum = bus->next_devnum;

    bus->next_devnum = devnum == LAST_DEVNUM ? FIRST_DEVNUM : devnum + 1;
    return devnum;
}

/* A CDC-ACM application's communication interface with the cdc-acm driver bound, and its
 * serial port node /dev/ttyACM<k> (tty.c): sysfs as the kernel lays it out
 * (BUS-PORT:CONFIG.INTERFACE/tty/ttyACM<k>, /sys/class/tty/ttyACM<k>/device), so a program
 * finds the port's USB device as it would on a real system. umockdev would make a pty of a tty
 * node it creates itself, which has no modem lines, so the node is a plain file whose ioctls,
 * reads and writes reach the handler. */
static void tty_plug(struct sim_port *port)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *intf = g_strdup_printf("%s:1.0", port->syspath);
    g_autofree char *desc = NULL;
    g_autofree char *node = NULL;
    g_autofree char *link = NULL;
    /* umockdev returns a copy of the root path (transfer full) */
    g_autofree char *root = umockdev_testbed_get_root_dir(port->bus->testbed);

    snprintf(port->tty.devnode, sizeof(port->tty.devnode), "/dev/ttyACM%u", port->index);
    snprintf(port->tty.syspath, sizeof(port->tty.syspath), "%s/tty/ttyACM%u", intf, port->index);
    desc = g_strdup_printf("P: %s\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_interface\nE: DRIVER=cdc_acm\n"
                           "A: bInterfaceNumber=00\\n\nA: bInterfaceClass=02\\n\n"
                           "A: bInterfaceSubClass=02\\n\nA: bInterfaceProtocol=01\\n\n\n"
                           "P: %s\nE: SUBSYSTEM=tty\nE: DEVNAME=%s\nE: MAJOR=166\nE: MINOR=%u\n",
                           intf + strlen("/sys"), port->tty.syspath + strlen("/sys"),
                           port->tty.devnode, port->index);
    if (!g_hash_table_contains(port->attached, port->tty.devnode)) {
        if (!umockdev_testbed_attach_ioctl(port->bus->testbed, port->tty.devnode, port->tty_handler,
                                           &err))
            g_error("stm32dfu-sim: cannot emulate %s: %s", port->tty.devnode, err->message);
        g_hash_table_add(port->attached, g_strdup(port->tty.devnode));
    }
    if (!umockdev_testbed_add_from_string(port->bus->testbed, desc, &err))
        g_error("stm32dfu-sim: cannot add %s to the testbed: %s", port->tty.syspath, err->message);
    node = g_strconcat(root, port->tty.devnode, NULL);
    if (!g_file_set_contents(node, "", 0, &err))
        g_error("stm32dfu-sim: cannot create %s: %s", node, err->message);
    link = g_strconcat(root, port->tty.syspath, "/device", NULL);
    if (!g_file_test(link, G_FILE_TEST_EXISTS) && symlink("../..", link) != 0)
        g_error("stm32dfu-sim: cannot link %s to its interface", link);
    g_free(link);
    link = g_strconcat(root, "/sys/class/tty/", port->tty.devnode + strlen("/dev/"), NULL);
    if (!g_file_test(link, G_FILE_TEST_EXISTS)) {
        g_autofree char *dir = g_path_get_dirname(link);
        g_autofree char *target = g_strconcat(root, port->tty.syspath, NULL);
        if (g_mkdir_with_parents(dir, 0755) != 0 || symlink(target, link) != 0)
            g_error("stm32dfu-sim: cannot make %s", link);
    }
    g_mutex_lock(&port->lock);
    sim_tty_reset(port);
    port->tty.present = true;
    g_mutex_unlock(&port->lock);
    umockdev_testbed_uevent(port->bus->testbed, port->tty.syspath, "add");
    sim_port_log(port, "serial port %s (cdc_acm on %s:1.0)", port->tty.devnode,
                 port->syspath + strlen("/sys"));
}

static void tty_unplug(struct sim_port *port)
{
    g_autofree char *root = NULL;
    g_autofree char *node = NULL;
    g_autofree char *intf = g_strdup_printf("%s:1.0", port->syspath);

    g_mutex_lock(&port->lock);
    bool present = port->tty.present;
    port->tty.present = false;
    g_mutex_unlock(&port->lock);
    if (!present)
        return;
    root = umockdev_testbed_get_root_dir(port->bus->testbed);
    node = g_strconcat(root, port->tty.devnode, NULL);
    umockdev_testbed_uevent(port->bus->testbed, port->tty.syspath, "remove");
    umockdev_testbed_remove_device(port->bus->testbed, port->tty.syspath);
    umockdev_testbed_remove_device(port->bus->testbed, intf);
    g_unlink(node);
    g_free(node);
    node = g_strconcat(root, "/sys/class/tty/", port->tty.devnode + strlen("/dev/"), NULL);
    g_unlink(node); /* the class link, when umockdev did not remove it */
}

static void port_plug(struct sim_port *port)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *desc = NULL;

    g_mutex_lock(&port->lock);
    if (port->plugged) {
        g_mutex_unlock(&port->lock);
        return;
    }
    port->devnum = next_devnum(port->bus);
    snprintf(port->devnode, sizeof(port->devnode), "/dev/bus/usb/%03u/%03u", BUSNUM, port->devnum);
    snprintf(port->syspath, sizeof(port->syspath), "/sys%s/%u-%u", HOST_PATH, BUSNUM,
             port->index + 1);
    desc = describe(port);
    port->plugged = true;
    g_mutex_unlock(&port->lock);

    /* listen on the node before it appears, as libusb's tests/umockdev.c does */
    if (!g_hash_table_contains(port->attached, port->devnode)) {
        if (!umockdev_testbed_attach_ioctl(port->bus->testbed, port->devnode, port->handler, &err))
            g_error("stm32dfu-sim: cannot emulate %s: %s", port->devnode, err->message);
        g_hash_table_add(port->attached, g_strdup(port->devnode));
    }
    if (!umockdev_testbed_add_from_string(port->bus->testbed, desc, &err))
        g_error("stm32dfu-sim: cannot add %s to the testbed: %s", port->syspath, err->message);
    umockdev_testbed_uevent(port->bus->testbed, port->syspath, "add");
    sim_port_log(port, "attached as %s", port->devnode);
    struct stm32dfu_sim_identity id;
    g_mutex_lock(&port->lock);
    stm32dfu_sim_board_identity(port->board, &id);
    g_mutex_unlock(&port->lock);
    if (id.cdc_acm)
        tty_plug(port);
}

/* Removes the device; every URB in flight but survivor fails as on a real disconnect.
 *
 * The "remove" uevent goes out while the device still answers and its URBs are still in
 * flight, and only then do they fail: a command waiting for them cannot exit, closing its
 * udev monitor socket, while umockdev 0.17 sends to that socket. umockdev's sender connects
 * first and sends then, and aborts this program when the socket closed in between
 * (uevent_sender.c sendmsg_one; fixed upstream in 0.19.0, commit 6b45ca7). This order also
 * means a command never finds the device still in sysfs after a transfer failed because it
 * left, as answer() in urb.c keeps for a reply that ends it. */
static void port_unplug(struct sim_port *port, struct sim_urb *survivor)
{
    g_mutex_lock(&port->lock);
    bool plugged = port->plugged;
    port->unplugging = plugged; /* the port's timers answer nothing meanwhile (urb.c) */
    g_mutex_unlock(&port->lock);
    if (!plugged)
        return;
    tty_unplug(port); /* the serial port goes first, as the kernel removes children first */
    umockdev_testbed_uevent(port->bus->testbed, port->syspath, "remove");
    umockdev_testbed_remove_device(port->bus->testbed, port->syspath);
    /* before the URBs fail: a log has it before anything the command says about them */
    sim_port_log(port, "detached from %s", port->devnode);
    g_mutex_lock(&port->lock);
    port->plugged = false;
    port->unplugging = false;
    sim_urb_fail_all(port, survivor);
    g_mutex_unlock(&port->lock);
}

struct replug {
    struct sim_port *port;
    enum stm32dfu_sim_mode mode;
};

/* Forgets a re-enumeration still to come: a newer event or an unplug overrides it. */
static void cancel_replug(struct sim_port *port)
{
    g_mutex_lock(&port->lock);
    if (port->replug_source)
        g_source_remove(port->replug_source);
    port->replug_source = 0;
    g_mutex_unlock(&port->lock);
}

static void replug(struct sim_port *port, enum stm32dfu_sim_mode mode)
{
    g_mutex_lock(&port->lock);
    port->replug_source = 0;
    stm32dfu_sim_board_reconnect(port->board, mode);
    g_mutex_unlock(&port->lock);
    port_plug(port);
}

static gboolean replug_cb(gpointer p)
{
    struct replug *r = p;

    replug(r->port, r->mode);
    return G_SOURCE_REMOVE;
}

/* Carries out a bus event on the main thread: the device goes, comes back at once if the
 * (scaled) delay is 0, and only then the reply that announced it reaches the client. */
static gboolean event_cb(gpointer p)
{
    struct sim_pending_event *pe = p;
    struct sim_port *port = pe->port;
    bool back = pe->event.kind == STM32DFU_SIM_EVENT_REENUMERATE;
    struct replug *r;

    sim_port_log(port, "%s: %s", pe->event.reason ? pe->event.reason : "bus event",
                 back ? "re-enumerating" : "disconnecting");
    cancel_replug(port);
    port_unplug(port, pe->reply);
    if (back && pe->event.after_ms == 0) {
        replug(port, pe->event.mode);
    } else if (back) {
        r = g_new(struct replug, 1);
        r->port = port;
        r->mode = pe->event.mode;
        g_mutex_lock(&port->lock);
        port->replug_source =
            g_timeout_add_full(G_PRIORITY_DEFAULT, pe->event.after_ms, replug_cb, r, g_free);
        g_mutex_unlock(&port->lock);
    }
    if (pe->reply)
        sim_urb_answer_late(pe->reply);
    return G_SOURCE_REMOVE;
}

void sim_port_unplug_all(struct sim_bus *bus)
{
    for (unsigned i = 0; i < bus->port_count; i++) {
        cancel_replug(&bus->ports[i]);
        port_unplug(&bus->ports[i], NULL);
    }
}

void sim_port_replug_all(struct sim_bus *bus, enum stm32dfu_sim_mode mode)
{
    for (unsigned i = 0; i < bus->port_count; i++) {
        struct sim_port *port = &bus->ports[i];

        if (!port->plugged && !port->replug_source)
            replug(port, mode);
    }
}

/* --fault and --write-protect, applied to every board; msg says which option is wrong. */
static int configure_board(stm32dfu_sim_board *board, const struct sim_config *cfg, char *msg,
                           size_t msg_len)
{
    char why[512];

    for (size_t i = 0; i < cfg->fault_count; i++) {
        if (stm32dfu_sim_board_add_faults(board, cfg->faults[i], why, sizeof(why)) !=
            STM32DFU_SIM_OK) {
            snprintf(msg, msg_len, "--fault '%s': %s", cfg->faults[i], why);
            return SIM_EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < cfg->write_protect_count; i++) {
        if (stm32dfu_sim_board_write_protect(board, cfg->write_protect[i]) != STM32DFU_SIM_OK) {
            snprintf(msg, msg_len,
                     "--write-protect 0x%08x: not in the internal flash of the profile "
                     "(0x%08x-0x%08x), or in a bank its option bytes do not protect; check "
                     "the address",
                     (unsigned)cfg->write_protect[i],
                     (unsigned)stm32dfu_sim_board_flash_base(board),
                     (unsigned)(stm32dfu_sim_board_flash_base(board) +
                                stm32dfu_sim_board_flash_size(board) - 1));
            return SIM_EXIT_USAGE;
        }
    }
    return 0;
}

/* Serial numbers: one board keeps the profile's (or --serial); several get "-1", "-2", ... */
static int new_board(struct sim_port *port, const struct sim_config *cfg, char *msg, size_t msg_len)
{
    struct stm32dfu_sim_options opts = cfg->model;
    struct stm32dfu_sim_identity id;
    g_autofree char *serial = NULL;

    if (cfg->devices > 1) {
        if (stm32dfu_sim_new_board(&opts, &port->board, msg, msg_len) != STM32DFU_SIM_OK)
            goto fail;
        stm32dfu_sim_board_identity(port->board, &id);
        serial = g_strdup_printf("%s-%u", id.serial, port->index + 1);
        stm32dfu_sim_free_board(port->board);
        opts.serial = serial;
    }
    if (stm32dfu_sim_new_board(&opts, &port->board, msg, msg_len) != STM32DFU_SIM_OK)
        goto fail;
    stm32dfu_sim_board_set_log_cb(port->board, model_log_cb, port);
    return configure_board(port->board, cfg, msg, msg_len);
fail:
    port->board = NULL;
    return SIM_EXIT_USAGE;
}

static gboolean quit_cb(gpointer loop)
{
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

static gpointer port_thread(gpointer p)
{
    struct sim_port *port = p;

    g_main_context_push_thread_default(port->ctx);
    g_main_loop_run(port->loop);
    g_main_context_pop_thread_default(port->ctx);
    return NULL;
}

int sim_bus_init(struct sim_bus *bus, const struct sim_config *cfg, char *msg, size_t msg_len)
{
    int rc;

    memset(bus, 0, sizeof(*bus));
    bus->verbose = cfg->verbose;
    bus->next_devnum = FIRST_DEVNUM;
    bus->epoch_us = g_get_monotonic_time();
    bus->event_cb = event_cb;
    for (unsigned i = 0; i < cfg->devices; i++) {
        struct sim_port *port = &bus->ports[i];

        port->bus = bus;
        port->index = i;
        g_mutex_init(&port->lock);
        g_queue_init(&port->flying);
        g_queue_init(&port->parked);
        port->ctx = g_main_context_new();
        port->loop = g_main_loop_new(port->ctx, FALSE);
        sim_port_timers_init(port);
        port->thread = g_thread_new("stm32dfu-sim-port", port_thread, port);
        port->attached = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        bus->port_count = i + 1;
        rc = new_board(port, cfg, msg, msg_len);
        if (rc)
            return rc;
        port->handler = sim_usbfs_handler_new(port);
        port->tty_handler = sim_tty_handler_new(port);
    }
    rc = sim_load_images(bus, cfg);
    if (rc)
        return rc;
    /* creates $TMPDIR/umockdev.XXXXXX and sets UMOCKDEV_DIR for the children */
    bus->testbed = umockdev_testbed_new();
    for (unsigned i = 0; i < bus->port_count; i++)
        port_plug(&bus->ports[i]);
    return 0;
}

void sim_bus_free(struct sim_bus *bus)
{
    for (unsigned i = 0; i < bus->port_count; i++) {
        struct sim_port *port = &bus->ports[i];

        g_mutex_lock(&port->lock);
        if (port->replug_source)
            g_source_remove(port->replug_source);
        port->replug_source = 0;
        port->plugged = false;
        sim_urb_fail_all(port, NULL);
        g_mutex_unlock(&port->lock);
        /* from inside the loop: a quit before the thread runs it would be lost */
        sim_port_invoke(port, quit_cb, port->loop, NULL);
        g_thread_join(port->thread);
    }
    /* removes the testbed directory and stops serving the device nodes */
    g_clear_object(&bus->testbed);
    for (unsigned i = 0; i < bus->port_count; i++) {
        struct sim_port *port = &bus->ports[i];

        /* drops the work and timers still queued, and the references they hold */
        sim_port_timers_clear(port);
        g_main_loop_unref(port->loop);
        g_main_context_unref(port->ctx);
        g_queue_clear_full(&port->parked, g_object_unref);
        g_clear_object(&port->handler);
        g_clear_object(&port->tty_handler);
        g_hash_table_destroy(port->attached);
        stm32dfu_sim_free_board(port->board);
        g_mutex_clear(&port->lock);
    }
}
