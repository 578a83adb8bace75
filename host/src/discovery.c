/* SPDX-License-Identifier: MIT */
/* Discovery: find DFU interfaces (class 0xFE, subclass 0x01; protocol 1 in
 * runtime, 2 in DFU mode, DFU 1.1 §4.1.2 and §4.2.3) and applications' CDC-ACM
 * ports (communication interface class 0x02, subclass 0x02: USB CDC 1.2 Tables
 * 4 and 16), read their strings and functional descriptor, and wait for one to
 * appear. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device_private.h"

#define DFU_INTERFACE_CLASS    0xFE
#define DFU_INTERFACE_SUBCLASS 0x01
#define DFU_PROTOCOL_RUNTIME   0x01
#define DFU_PROTOCOL_DFU_MODE  0x02
#define CDC_COMM_CLASS         0x02
#define CDC_ACM_SUBCLASS       0x02
/* DFU functional descriptor: type 0x21, 9 bytes (DFU 1.1 §4.1.3). */
#define USB_DT_DFU_FUNCTIONAL   0x21
#define DFU_FUNCTIONAL_DESC_LEN 9
/* How often a wait re-scans when no hotplug event arrives. */
#define WAIT_RESCAN_MS 100u

static void parse_functional(const unsigned char *extra, int len, struct stm32dfu_device_info *info)
{
    while (len >= 2 && extra[0] >= 2 && extra[0] <= len) {
        if (extra[1] == USB_DT_DFU_FUNCTIONAL && extra[0] >= 7) {
            info->attributes = extra[2];
            info->detach_timeout_ms = (uint16_t)(extra[3] | extra[4] << 8);
            info->transfer_size = (uint16_t)(extra[5] | extra[6] << 8);
            if (extra[0] >= DFU_FUNCTIONAL_DESC_LEN)
                info->bcd_dfu = (uint16_t)(extra[7] | extra[8] << 8);
            return;
        }
        len -= extra[0];
        extra += extra[0];
    }
}

static void make_path(const struct transport *t, libusb_device *d, char *out, size_t size)
{
    uint8_t ports[8];
    int n = t->get_port_numbers(d, ports, (int)sizeof(ports));
    int w = snprintf(out, size, "%u", t->get_bus_number(d));
    for (int i = 0; i < n && w > 0 && (size_t)w < size; i++)
        w += snprintf(out + w, size - (size_t)w, "%c%u", i == 0 ? '-' : '.', ports[i]);
}

/* Records a CDC-ACM communication interface: an application that may take the
 * 1200-baud touch. Only the first counts. */
static void note_cdc_acm(const struct libusb_interface_descriptor *alt,
                         struct stm32dfu_device_info *info)
{
    if (alt->bInterfaceClass != CDC_COMM_CLASS || alt->bInterfaceSubClass != CDC_ACM_SUBCLASS ||
        (info->detach_methods & STM32DFU_DETACH_TOUCH))
        return;
    info->detach_methods |= STM32DFU_DETACH_TOUCH;
    info->cdc_interface_number = alt->bInterfaceNumber;
}

/* Fills info from the first DFU interface of the active configuration, or
 * from its CDC-ACM port when it has no DFU interface; returns false when the
 * device has neither. */
static bool find_dfu_interface(const struct transport *t, libusb_device *d,
                               struct stm32dfu_device_info *info,
                               uint8_t alt_string[STM32DFU_MAX_ALTS])
{
    struct libusb_config_descriptor *config;
    if (t->get_config_descriptor(d, &config) < 0)
        return false;
    bool found = false;
    for (int i = 0; i < config->bNumInterfaces; i++) {
        const struct libusb_interface *intf = &config->interface[i];
        for (int a = 0; a < intf->num_altsetting; a++) {
            const struct libusb_interface_descriptor *alt = &intf->altsetting[a];
            note_cdc_acm(alt, info);
            if (alt->bInterfaceClass != DFU_INTERFACE_CLASS ||
                alt->bInterfaceSubClass != DFU_INTERFACE_SUBCLASS)
                continue;
            if (found && alt->bInterfaceNumber != info->interface_number)
                continue; /* only the first DFU interface counts */
            if (!found) {
                info->interface_number = alt->bInterfaceNumber;
                info->runtime = alt->bInterfaceProtocol == DFU_PROTOCOL_RUNTIME;
                if (info->runtime)
                    info->detach_methods |= STM32DFU_DETACH_DFU;
            }
            found = true;
            if (info->alt_count < STM32DFU_MAX_ALTS)
                alt_string[info->alt_count++] = alt->iInterface;
            if (info->transfer_size == 0)
                parse_functional(alt->extra, alt->extra_length, info);
        }
    }
    /* The functional descriptor may follow the interface instead. */
    if (found && info->transfer_size == 0)
        parse_functional(config->extra, config->extra_length, info);
    t->free_config_descriptor(config);
    if (found && !info->runtime)
        info->detach_methods = 0; /* a bootloader's own serial port is no way to detach */
    if (!found && (info->detach_methods & STM32DFU_DETACH_TOUCH)) {
        info->runtime = true;
        info->interface_number = info->cdc_interface_number;
        return true;
    }
    return found;
}

static bool matches_ids(const struct stm32dfu_match *m, const struct libusb_device_descriptor *dd)
{
    return (!m->vid || m->vid == dd->idVendor) && (!m->pid || m->pid == dd->idProduct);
}

static bool matches_info(const struct stm32dfu_match *m, const struct stm32dfu_device_info *info)
{
    bool dfu_runtime = (info->detach_methods & STM32DFU_DETACH_DFU) != 0;
    if (!info->runtime ? !m->dfu_mode : dfu_runtime ? !m->runtime : !m->touch)
        return false;
    if (m->path && strcmp(m->path, info->path) != 0)
        return false;
    if (m->skip_address && m->skip_address == info->address)
        return false;
    return !m->serial || strcmp(m->serial, info->serial) == 0;
}

static bool describe(stm32dfu_context *ctx, libusb_device *d, const struct stm32dfu_match *m,
                     struct stm32dfu_device_info *info)
{
    const struct transport *t = ctx->transport;
    struct libusb_device_descriptor dd;
    uint8_t alt_string[STM32DFU_MAX_ALTS] = {0};
    memset(info, 0, sizeof(*info));
    if (t->get_device_descriptor(d, &dd) < 0 || !matches_ids(m, &dd))
        return false;
    if (!find_dfu_interface(t, d, info, alt_string))
        return false;
    info->vid = dd.idVendor;
    info->pid = dd.idProduct;
    info->bcd_device = dd.bcdDevice;
    info->bus = t->get_bus_number(d);
    info->address = t->get_device_address(d);
    make_path(t, d, info->path, sizeof(info->path));
    libusb_device_handle *h = NULL;
    int r = t->open(d, &h);
    info->readable = r == 0;
    info->open_error = r == 0 ? 0 : s32dfu_error_from_libusb(ctx, r, "open for strings");
    if (h) {
        uint16_t langid = s32dfu_usb_read_langid(t, h);
        s32dfu_usb_read_string(t, h, langid, dd.iSerialNumber, info->serial, sizeof(info->serial));
        s32dfu_usb_read_string(t, h, langid, dd.iProduct, info->product, sizeof(info->product));
        for (unsigned int a = 0; a < info->alt_count; a++)
            s32dfu_usb_read_string(t, h, langid, alt_string[a], info->alt_names[a],
                                   sizeof(info->alt_names[a]));
        t->close(h);
    }
    return matches_info(m, info);
}

int stm32dfu_get_device_list(stm32dfu_context *ctx, const struct stm32dfu_match *match,
                             struct stm32dfu_device_info **list)
{
    *list = NULL;
    libusb_device **devs;
    ssize_t n = ctx->transport->get_device_list(ctx->usb, &devs);
    if (n < 0)
        return s32dfu_error_from_libusb(ctx, (int)n, "get_device_list");
    struct stm32dfu_device_info *out = n ? calloc((size_t)n, sizeof(*out)) : NULL;
    if (n && !out) {
        ctx->transport->free_device_list(devs);
        return STM32DFU_ERROR_NO_MEMORY;
    }
    int count = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (describe(ctx, devs[i], match, &out[count]))
            count++;
    }
    ctx->transport->free_device_list(devs);
    if (count == 0) {
        free(out);
        out = NULL;
    }
    *list = out;
    return count;
}

void stm32dfu_free_device_list(struct stm32dfu_device_info *list)
{
    free(list);
}

static int LIBUSB_CALL on_arrival(libusb_context *usb, libusb_device *d, libusb_hotplug_event event,
                                  void *user_data)
{
    (void)usb;
    (void)d;
    (void)event;
    *(int *)user_data = 1;
    return 0;
}

int stm32dfu_wait_device(stm32dfu_context *ctx, const struct stm32dfu_match *match,
                         unsigned int timeout_ms, struct stm32dfu_device_info *info)
{
    int arrived = 0;
    libusb_hotplug_callback_handle hotplug;
    bool use_hotplug = ctx->usb && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) &&
                       libusb_hotplug_register_callback(
                           ctx->usb, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED, 0,
                           LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
                           LIBUSB_HOTPLUG_MATCH_ANY, on_arrival, &arrived, &hotplug) == 0;
    uint64_t deadline = ctx->transport->now_ms() + timeout_ms;
    int result = STM32DFU_ERROR_NO_DEVICE;
    for (;;) {
        struct stm32dfu_device_info *list;
        int n = stm32dfu_get_device_list(ctx, match, &list);
        if (n > 0) {
            *info = list[0];
            stm32dfu_free_device_list(list);
            result = 0;
            break;
        }
        uint64_t now = ctx->transport->now_ms();
        if (now >= deadline)
            break;
        uint64_t wait = deadline - now < WAIT_RESCAN_MS ? deadline - now : WAIT_RESCAN_MS;
        if (use_hotplug) {
            struct timeval tv = {.tv_sec = 0, .tv_usec = (long)wait * 1000};
            arrived = 0;
            libusb_handle_events_timeout_completed(ctx->usb, &tv, &arrived);
        } else {
            ctx->transport->sleep_ms((unsigned int)wait);
        }
    }
    if (use_hotplug)
        libusb_hotplug_deregister_callback(ctx->usb, hotplug);
    return result;
}
