/* SPDX-License-Identifier: MIT */
/*
 * Test helper: reports libusb hotplug events, one line each ("arrived 0483:df11",
 * "left 0483:df11") on stdout, so a script can see that the simulator's disconnects and
 * re-enumerations reach a libusb client's hotplug callbacks.
 *
 * usage: e2e-hotplug-watch READY_FILE COUNT TIMEOUT_S
 * Creates READY_FILE once the callback is registered, exits 0 after COUNT events, 1 if
 * TIMEOUT_S seconds pass first, 2 on a usage or libusb error.
 */
#define _POSIX_C_SOURCE 200809L

#include <libusb.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int seen;

/* umockdev 0.17 names a client's uevent socket $UMOCKDEV_DIR/eventN after the socket's file
 * descriptor number N (libumockdev-preload.c netlink_bind), and a second client that binds the
 * same N unlinks the first one's socket. Occupying the low descriptors keeps this watcher's
 * socket apart from those of the dfu-util and lsusb runs beside it. */
static void skip_low_descriptors(void)
{
    int fd;

    do
        fd = open("/dev/null", O_RDONLY);
    while (fd >= 0 && fd < 64);
}

static int LIBUSB_CALL event_cb(libusb_context *ctx, libusb_device *dev, libusb_hotplug_event event,
                                void *user)
{
    struct libusb_device_descriptor d;

    (void)ctx;
    (void)user;
    if (libusb_get_device_descriptor(dev, &d) != 0)
        return 0;
    printf("%s %04x:%04x\n", event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? "arrived" : "left",
           d.idVendor, d.idProduct);
    fflush(stdout);
    seen++;
    return 0;
}

int main(int argc, char **argv)
{
    libusb_context *ctx;
    libusb_hotplug_callback_handle handle;
    FILE *ready;
    int count;
    time_t end;

    if (argc != 4) {
        fprintf(stderr, "usage: e2e-hotplug-watch READY_FILE COUNT TIMEOUT_S\n");
        return 2;
    }
    skip_low_descriptors();
    count = atoi(argv[2]);
    end = time(NULL) + atoi(argv[3]);
    if (libusb_init(&ctx) != 0 || !libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG))
        return 2;
    if (libusb_hotplug_register_callback(
            ctx, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT, 0,
            LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, event_cb,
            NULL, &handle) != 0)
        return 2;
    ready = fopen(argv[1], "w");
    if (!ready)
        return 2;
    fclose(ready);
    while (seen < count && time(NULL) < end) {
        struct timeval tv = {0, 100000};

        libusb_handle_events_timeout_completed(ctx, &tv, NULL);
    }
    libusb_exit(ctx);
    return seen >= count ? 0 : 1;
}
