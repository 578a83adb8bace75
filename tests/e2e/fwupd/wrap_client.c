/* SPDX-License-Identifier: MIT */
/*
 * Test client: opens a device node itself and hands the descriptor to libusb with
 * libusb_wrap_sys_device, as fwupd 2.x does. libusb 1.0.26's Linux backend then learns
 * everything from the descriptor (os/linux_usbfs.c op_wrap_sys_device, initialize_device):
 * CONNECTINFO for the device number, GET_SPEED, read() of the node for the descriptors,
 * a synchronous USBDEVFS_CONTROL (GET_CONFIGURATION) for the active configuration, then
 * GET_CAPABILITIES when the handle is set up. Prints what it found, one "key value" per line.
 *
 * usage: e2e-wrap-client NODE [detach]
 * With "detach", also sends DFU_DETACH to interface 0 (an application's runtime interface)
 * and reports what read() and a control transfer give on the node afterwards.
 * Exits 0 when every step worked, 1 when one failed (named on stderr), 2 on a usage error.
 */
#define _POSIX_C_SOURCE 200809L

#include <libusb.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TIMEOUT_MS 5000
/* DFU 1.1 §3 Table 3.2 */
#define DFU_DETACH    0
#define DFU_GETSTATUS 3

static int failed(const char *what, int rc)
{
    fprintf(stderr, "e2e-wrap-client: %s: %s\n", what, libusb_error_name(rc));
    return 1;
}

/* The node read directly: the device descriptor comes first (devio.c usbdev_read). */
static int print_node_read(int fd, const struct libusb_device_descriptor *d)
{
    unsigned char raw[LIBUSB_DT_DEVICE_SIZE];
    ssize_t n;

    if (lseek(fd, 0, SEEK_SET) != 0) {
        fprintf(stderr, "e2e-wrap-client: lseek: %s\n", strerror(errno));
        return 1;
    }
    n = read(fd, raw, sizeof(raw));
    printf("node-read %zd\n", n);
    if (n == (ssize_t)sizeof(raw))
        printf("node-read-ids %04x:%04x\n", raw[8] | raw[9] << 8, raw[10] | raw[11] << 8);
    printf("node-matches-libusb %s\n", n == (ssize_t)sizeof(raw) &&
                                               (raw[8] | raw[9] << 8) == d->idVendor &&
                                               (raw[10] | raw[11] << 8) == d->idProduct
                                           ? "yes"
                                           : "no");
    n = write(fd, raw, 1);
    printf("node-write %s\n", n < 0 && errno == EINVAL ? "EINVAL" : "unexpected");
    return 0;
}

static int detach(libusb_device_handle *h, int fd)
{
    unsigned char status[6];
    int rc = libusb_control_transfer(h, 0x21, DFU_DETACH, 1000, 0, NULL, 0, TIMEOUT_MS);
    char c;

    if (rc < 0)
        return failed("DFU_DETACH", rc);
    printf("detach ok\n");
    /* the reply arrives only once the application has left the bus (docs/simulator.md) */
    printf("read-after-detach %s\n", read(fd, &c, 1) < 0 && errno == ENODEV ? "ENODEV" : "data");
    rc = libusb_control_transfer(h, 0xA1, DFU_GETSTATUS, 0, 0, status, sizeof(status), TIMEOUT_MS);
    printf("getstatus-after-detach %s\n", libusb_error_name(rc));
    return 0;
}

int main(int argc, char **argv)
{
    libusb_context *ctx = NULL;
    libusb_device_handle *h = NULL;
    struct libusb_device_descriptor d;
    struct libusb_config_descriptor *cfg = NULL;
    unsigned char serial[128];
    unsigned char status[6];
    int config = -1;
    int rc, fd, ret = 1;

    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "detach") != 0)) {
        fprintf(stderr, "usage: e2e-wrap-client NODE [detach]\n");
        return 2;
    }
    fd = open(argv[1], O_RDWR);
    if (fd < 0) {
        fprintf(stderr, "e2e-wrap-client: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    /* fwupd does the same: the device list is not needed for a wrapped descriptor */
    libusb_set_option(NULL, LIBUSB_OPTION_NO_DEVICE_DISCOVERY);
    rc = libusb_init(&ctx);
    if (rc != 0)
        return failed("libusb_init", rc);
    rc = libusb_wrap_sys_device(ctx, (intptr_t)fd, &h);
    if (rc != 0) {
        ret = failed("libusb_wrap_sys_device", rc);
        goto out;
    }
    libusb_device *dev = libusb_get_device(h);
    libusb_get_device_descriptor(dev, &d);
    printf("ids %04x:%04x\n", d.idVendor, d.idProduct);
    printf("address %u\n", libusb_get_device_address(dev));
    printf("speed %s\n", libusb_get_device_speed(dev) == LIBUSB_SPEED_FULL ? "full" : "other");
    rc = libusb_get_configuration(h, &config);
    if (rc != 0) {
        ret = failed("libusb_get_configuration", rc);
        goto out;
    }
    printf("configuration %d\n", config);
    rc = libusb_get_active_config_descriptor(dev, &cfg);
    if (rc != 0) {
        ret = failed("libusb_get_active_config_descriptor", rc);
        goto out;
    }
    printf("interfaces %u alt-settings %d\n", cfg->bNumInterfaces,
           cfg->interface[0].num_altsetting);
    libusb_free_config_descriptor(cfg);
    rc = libusb_get_string_descriptor_ascii(h, d.iSerialNumber, serial, sizeof(serial));
    if (rc < 0) {
        ret = failed("serial string", rc);
        goto out;
    }
    printf("serial %s\n", serial);
    printf("kernel-driver %d\n", libusb_kernel_driver_active(h, 0));
    rc = libusb_claim_interface(h, 0);
    if (rc != 0) {
        ret = failed("libusb_claim_interface", rc);
        goto out;
    }
    rc = libusb_control_transfer(h, 0xA1, DFU_GETSTATUS, 0, 0, status, sizeof(status), TIMEOUT_MS);
    if (rc < 0) {
        ret = failed("DFU_GETSTATUS", rc);
        goto out;
    }
    printf("getstatus %d bytes, state %u\n", rc, status[4]);
    if (print_node_read(fd, &d) != 0)
        goto out;
    ret = argc == 3 ? detach(h, fd) : 0;
out:
    if (h)
        libusb_close(h); /* leaves the wrapped descriptor open */
    libusb_exit(ctx);
    close(fd);
    return ret;
}
