/* SPDX-License-Identifier: MIT */
/*
 * A host program that sends a CDC-ACM application exactly the sequence it is given, over
 * libusb, for the e2e cases that prove what must NOT trigger the 1200-baud touch (stm32dfu only
 * ever sends the touch itself):
 *   e2e-cli-cdc-client STEP...
 * with each STEP one of
 *   coding:BAUD    SET_LINE_CODING, BAUD 8N1 (USB CDC PSTN 1.2 §6.3.10)
 *   lines:VALUE    SET_CONTROL_LINE_STATE, wValue VALUE (bit 0 DTR, bit 1 RTS; §6.3.12)
 *   data:TEXT      TEXT on the data interface's bulk OUT endpoint
 * to the first device with a CDC-ACM communication interface. Exit 0 when every step was
 * answered, 1 otherwise (the failing step is named on stderr).
 */
#include <libusb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CDC_OUT    (LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)
#define TIMEOUT_MS 1000

struct port {
    libusb_device_handle *h;
    int comm;          /* communication interface */
    int data;          /* data interface */
    unsigned char out; /* its bulk OUT endpoint */
};

/* The first CDC-ACM function: class 02/02 and the next interface's bulk OUT endpoint. */
static int find_port(libusb_device *d, struct port *p)
{
    struct libusb_config_descriptor *c;
    int found = 0;
    if (libusb_get_active_config_descriptor(d, &c) != 0)
        return 0;
    for (int i = 0; i < c->bNumInterfaces && !found; i++) {
        const struct libusb_interface_descriptor *a = &c->interface[i].altsetting[0];
        if (a->bInterfaceClass != 0x02 || a->bInterfaceSubClass != 0x02 ||
            i + 1 >= c->bNumInterfaces)
            continue;
        const struct libusb_interface_descriptor *dt = &c->interface[i + 1].altsetting[0];
        for (int e = 0; e < dt->bNumEndpoints; e++) {
            if (!(dt->endpoint[e].bEndpointAddress & 0x80)) {
                p->comm = a->bInterfaceNumber;
                p->data = dt->bInterfaceNumber;
                p->out = dt->endpoint[e].bEndpointAddress;
                found = 1;
            }
        }
    }
    libusb_free_config_descriptor(c);
    return found;
}

static int step(struct port *p, const char *s)
{
    if (strncmp(s, "coding:", 7) == 0) {
        unsigned long baud = strtoul(s + 7, NULL, 0);
        unsigned char lc[7] = {(unsigned char)baud,
                               (unsigned char)(baud >> 8),
                               (unsigned char)(baud >> 16),
                               (unsigned char)(baud >> 24),
                               0,
                               0,
                               8};
        return libusb_control_transfer(p->h, CDC_OUT, 0x20, 0, (uint16_t)p->comm, lc, 7,
                                       TIMEOUT_MS) == 7;
    }
    if (strncmp(s, "lines:", 6) == 0)
        return libusb_control_transfer(p->h, CDC_OUT, 0x22, (uint16_t)strtoul(s + 6, NULL, 0),
                                       (uint16_t)p->comm, NULL, 0, TIMEOUT_MS) == 0;
    if (strncmp(s, "data:", 5) == 0) {
        int sent = 0;
        int len = (int)strlen(s + 5);
        int r =
            libusb_bulk_transfer(p->h, p->out, (unsigned char *)(s + 5), len, &sent, TIMEOUT_MS);
        return r == 0 && sent == len;
    }
    return 0;
}

int main(int argc, char **argv)
{
    libusb_context *ctx;
    libusb_device **list;
    struct port p = {0};
    if (libusb_init(&ctx) != 0)
        return 1;
    ssize_t n = libusb_get_device_list(ctx, &list);
    for (ssize_t i = 0; i < n && !p.h; i++) {
        if (find_port(list[i], &p) && libusb_open(list[i], &p.h) != 0)
            p.h = NULL;
    }
    libusb_free_device_list(list, 1);
    int ok = p.h != NULL;
    if (!ok)
        fprintf(stderr, "cdc-client: no CDC-ACM device\n");
    if (ok)
        ok = libusb_claim_interface(p.h, p.comm) == 0 && libusb_claim_interface(p.h, p.data) == 0;
    for (int i = 1; ok && i < argc; i++) {
        ok = step(&p, argv[i]);
        if (!ok)
            fprintf(stderr, "cdc-client: step %s failed\n", argv[i]);
    }
    if (p.h)
        libusb_close(p.h);
    libusb_exit(ctx);
    return ok ? 0 : 1;
}
