/* SPDX-License-Identifier: MIT */
/*
 * Descriptors and the standard requests (USB 2.0 chapter 9) of both modes. ROM mode reproduces
 * the fidelity captures byte for byte: one configuration, one interface whose alternate settings
 * carry the layout strings, and one DFU functional descriptor after the last alternate setting
 * (fidelity/stm32f4discovery.lsusb, stm32f107.lsusb).
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <string.h>

#define DEVICE_DESC_LEN     18     /* USB 2.0 Table 9-8 */
#define CONFIG_DESC_LEN     9      /* USB 2.0 Table 9-10 */
#define INTERFACE_DESC_LEN  9      /* USB 2.0 Table 9-12 */
#define FUNCTIONAL_DESC_LEN 9      /* DFU 1.1 Table 4.2 */
#define EP0_MAX_PACKET      64     /* CAP-F4/CAP-F107 bMaxPacketSize0 */
#define CONFIG_SELF_POWERED 0xc0   /* bus powered bit 7 + self powered bit 6, both captures */
#define MAX_POWER_MA        100    /* both captures */
#define DFU_VERSION_DFUSE   0x011a /* both captures: bcdDFUVersion 1.1a */
#define LANGID_EN_US        0x0409 /* USB LANGID table */

/* String indexes, as both captures number them; alt N uses STRING_ALT0 + N. */
enum { STRING_MANUFACTURER = 1, STRING_PRODUCT, STRING_SERIAL, STRING_ALT0 };

/* The application's strings and identity (issue 3, application mode). */
#define APP_MANUFACTURER "stm32dfu"
#define APP_INTERFACE    "DFU runtime"
#define APP_BCD_USB      0x0200

static size_t put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return 2;
}

static size_t alt_count(const stm32dfu_sim_board *b)
{
    size_t n = 0;
    while (n < SIM_MAX_ALTS && b->profile->alt_strings[n])
        n++;
    return n;
}

/* ROM mode: alternate settings of interface 0; application: interfaces, each with one setting. */
static size_t interfaces(const stm32dfu_sim_board *b)
{
    if (b->mode == STM32DFU_SIM_MODE_ROM)
        return alt_count(b);
    return ((b->app_interfaces & STM32DFU_SIM_APP_CDC) ? 2 : 0) +
           ((b->app_interfaces & STM32DFU_SIM_APP_DFU) ? 1 : 0);
}

/* A CDC-ACM function beside another interface is grouped by an IAD, which the device
 * announces with class EF/02/01 (USB IAD ECN; Microsoft "USB Interface Association
 * Descriptor"); a CDC-ACM-only device gives the communications class 02 at device level. */
static bool app_cdc(const stm32dfu_sim_board *b)
{
    return b->mode == STM32DFU_SIM_MODE_APP && (b->app_interfaces & STM32DFU_SIM_APP_CDC);
}

static bool app_iad(const stm32dfu_sim_board *b)
{
    return app_cdc(b) && (b->app_interfaces & STM32DFU_SIM_APP_DFU);
}

static size_t device_descriptor(const stm32dfu_sim_board *b, uint8_t *d)
{
    bool rom = b->mode == STM32DFU_SIM_MODE_ROM;
    d[0] = DEVICE_DESC_LEN;
    d[1] = USB_DT_DEVICE;
    put16(d + 2, rom ? b->profile->bcd_usb : APP_BCD_USB);
    d[4] = d[5] = d[6] = 0; /* class defined at interface level */
    if (app_iad(b)) {
        d[4] = 0xef; /* miscellaneous, common class, IAD */
        d[5] = 0x02;
        d[6] = 0x01;
    } else if (app_cdc(b)) {
        d[4] = 0x02; /* communications device class */
    }
    d[7] = EP0_MAX_PACKET;
    put16(d + 8, rom ? 0x0483 : b->app_vid); /* AN3156 Rev 17 §2: 0483:DF11 */
    put16(d + 10, rom ? 0xdf11 : b->app_pid);
    put16(d + 12, rom ? b->profile->bcd_device : b->app_bcd_device);
    d[14] = STRING_MANUFACTURER;
    d[15] = STRING_PRODUCT;
    d[16] = STRING_SERIAL;
    d[17] = 1; /* bNumConfigurations */
    return DEVICE_DESC_LEN;
}

static size_t interface_descriptor(uint8_t *d, uint8_t alt, uint8_t protocol)
{
    d[0] = INTERFACE_DESC_LEN;
    d[1] = USB_DT_INTERFACE;
    d[2] = 0; /* bInterfaceNumber */
    d[3] = alt;
    d[4] = 0; /* no endpoints: DFU uses EP0 only (DFU 1.1 §4.2.3) */
    d[5] = DFU_INTERFACE_CLASS;
    d[6] = DFU_INTERFACE_SUBCLASS;
    d[7] = protocol;
    d[8] = (uint8_t)(STRING_ALT0 + alt);
    return INTERFACE_DESC_LEN;
}

static size_t functional_descriptor(const stm32dfu_sim_board *b, uint8_t *d)
{
    d[0] = FUNCTIONAL_DESC_LEN;
    d[1] = USB_DT_DFU_FUNCTIONAL;
    /* Both captures: bmAttributes 11, not manifestation tolerant. */
    d[2] = DFU_ATTR_CAN_DNLOAD | DFU_ATTR_CAN_UPLOAD | DFU_ATTR_WILL_DETACH;
    put16(d + 3, b->profile->detach_timeout_ms);
    put16(d + 5, b->profile->transfer_size);
    put16(d + 7, DFU_VERSION_DFUSE);
    return FUNCTIONAL_DESC_LEN;
}

static size_t config_descriptor(const stm32dfu_sim_board *b, uint8_t *d)
{
    size_t n = CONFIG_DESC_LEN;
    if (b->mode == STM32DFU_SIM_MODE_ROM) {
        for (size_t alt = 0; alt < interfaces(b); alt++)
            n += interface_descriptor(d + n, (uint8_t)alt, DFU_PROTOCOL_DFU_MODE);
        n += functional_descriptor(b, d + n);
    } else {
        if (app_cdc(b))
            n += sim_app_cdc_descriptors(d + n, app_iad(b));
        /* The DFU runtime descriptors come from the firmware library's helper. */
        if (b->app_interfaces & STM32DFU_SIM_APP_DFU)
            n += stm32dfu_runtime_descriptors(&b->runtime_config, STRING_ALT0, d + n);
    }
    d[0] = CONFIG_DESC_LEN;
    d[1] = USB_DT_CONFIG;
    put16(d + 2, (uint16_t)n);
    /* bNumInterfaces: the ROM's one interface has the alternate settings */
    d[4] = b->mode == STM32DFU_SIM_MODE_ROM ? 1 : (uint8_t)interfaces(b);
    d[5] = 1; /* bConfigurationValue */
    d[6] = 0; /* iConfiguration */
    d[7] = CONFIG_SELF_POWERED;
    d[8] = MAX_POWER_MA / 2; /* 2 mA units, USB 2.0 Table 9-10 */
    return n;
}

size_t sim_descriptors(const stm32dfu_sim_board *b, uint8_t *buf, size_t cap)
{
    uint8_t d[SIM_DESC_MAX];
    size_t n = device_descriptor(b, d);
    n += config_descriptor(b, d + n);
    if (buf)
        memcpy(buf, d, n < cap ? n : cap);
    return n;
}

static const char *string_text(const stm32dfu_sim_board *b, uint8_t index)
{
    bool rom = b->mode == STM32DFU_SIM_MODE_ROM;
    switch (index) {
    case STRING_MANUFACTURER:
        return rom ? b->profile->manufacturer : APP_MANUFACTURER;
    case STRING_PRODUCT:
        return rom ? b->profile->product : b->app_product;
    case STRING_SERIAL:
        return b->serial;
    default:
        break;
    }
    if (!rom)
        return index == STRING_ALT0 && (b->app_interfaces & STM32DFU_SIM_APP_DFU) ? APP_INTERFACE
                                                                                  : NULL;
    if (index < STRING_ALT0 || (size_t)(index - STRING_ALT0) >= interfaces(b))
        return NULL;
    return b->profile->alt_strings[index - STRING_ALT0];
}

static size_t string_descriptor(const stm32dfu_sim_board *b, uint8_t index, uint8_t *buf,
                                size_t cap)
{
    uint8_t d[2 + 2 * SIM_STRING_MAX];
    size_t n;
    if (index == 0) {
        n = 2 + put16(d + 2, LANGID_EN_US);
    } else {
        const char *s = string_text(b, index);
        if (!s)
            return 0;
        size_t len = strlen(s) < SIM_STRING_MAX ? strlen(s) : SIM_STRING_MAX;
        for (size_t i = 0; i < len; i++)
            put16(d + 2 + 2 * i, (uint8_t)s[i]); /* ASCII to UTF-16LE */
        n = 2 + 2 * len;
    }
    d[0] = (uint8_t)n;
    d[1] = USB_DT_STRING;
    if (buf)
        memcpy(buf, d, n < cap ? n : cap);
    return n;
}

static bool get_descriptor(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                           struct stm32dfu_sim_reply *r)
{
    uint8_t d[SIM_DESC_MAX];
    uint8_t type = (uint8_t)(s->wValue >> 8), index = (uint8_t)s->wValue;
    size_t n;
    switch (type) {
    case USB_DT_DEVICE:
        n = device_descriptor(b, d);
        break;
    case USB_DT_CONFIG:
        if (index != 0)
            return false;
        n = config_descriptor(b, d);
        break;
    case USB_DT_STRING:
        n = string_descriptor(b, index, d, sizeof(d));
        break;
    case USB_DT_DFU_FUNCTIONAL:
        n = functional_descriptor(b, d);
        break;
    default:
        return false; /* a full-speed-only device has no qualifier (USB 2.0 §9.6.2) */
    }
    if (n == 0)
        return false;
    sim_reply_in(r, data, s->wLength, d, n);
    return true;
}

static bool get_status(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                       struct stm32dfu_sim_reply *r)
{
    uint8_t st[2] = {0, 0};
    if ((s->bmRequestType & USB_RECIP_MASK) == USB_RECIP_DEVICE) {
        uint16_t v = b->mode == STM32DFU_SIM_MODE_ROM ? b->profile->device_status : 0x0001;
        put16(st, v);
    }
    sim_reply_in(r, data, s->wLength, st, sizeof(st));
    return true;
}

static bool interface_exists(const stm32dfu_sim_board *b, uint16_t number)
{
    return b->mode == STM32DFU_SIM_MODE_ROM ? number == 0 : number < interfaces(b);
}

/* Alternate settings of each interface: the ROM's memories, one for each application interface. */
static size_t alternate_settings(const stm32dfu_sim_board *b)
{
    return b->mode == STM32DFU_SIM_MODE_ROM ? alt_count(b) : 1;
}

/* Standard requests; false means STALL. */
bool sim_standard_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                          struct stm32dfu_sim_reply *r)
{
    switch (s->bRequest) {
    case USB_REQ_GET_DESCRIPTOR:
        return get_descriptor(b, s, data, r);
    case USB_REQ_GET_STATUS:
        return get_status(b, s, data, r);
    case USB_REQ_SET_ADDRESS:
    case USB_REQ_CLEAR_FEATURE:
        return true;
    case USB_REQ_SET_CONFIGURATION:
        if (s->wValue > 1)
            return false;
        b->configuration = (uint8_t)s->wValue;
        b->alt = 0;
        return true;
    case USB_REQ_GET_CONFIGURATION:
        sim_reply_in(r, data, s->wLength, &b->configuration, 1);
        return true;
    case USB_REQ_SET_INTERFACE:
        if (b->configuration == 0 || !interface_exists(b, s->wIndex) ||
            s->wValue >= alternate_settings(b))
            return false;
        b->alt = (uint8_t)s->wValue;
        return true;
    case USB_REQ_GET_INTERFACE:
        if (b->configuration == 0 || !interface_exists(b, s->wIndex))
            return false;
        sim_reply_in(r, data, s->wLength, &b->alt, 1);
        return true;
    default:
        return false;
    }
}

void sim_identity(const stm32dfu_sim_board *b, struct stm32dfu_sim_identity *out)
{
    uint8_t d[DEVICE_DESC_LEN];
    device_descriptor(b, d);
    out->vid = (uint16_t)(d[8] | d[9] << 8);
    out->pid = (uint16_t)(d[10] | d[11] << 8);
    out->bcd_device = (uint16_t)(d[12] | d[13] << 8);
    out->bcd_usb = (uint16_t)(d[2] | d[3] << 8);
    out->manufacturer = string_text(b, STRING_MANUFACTURER);
    out->product = string_text(b, STRING_PRODUCT);
    out->serial = string_text(b, STRING_SERIAL);
    out->speed_mbps = STM32DFU_SIM_SPEED_FULL;
    out->self_powered = (CONFIG_SELF_POWERED & 0x40) != 0;
    out->max_power_ma = MAX_POWER_MA;
    out->num_interfaces = b->mode == STM32DFU_SIM_MODE_ROM ? 1 : (unsigned)interfaces(b);
    out->configuration_value = 1;
    out->mode = b->mode;
    out->cdc_acm = app_cdc(b);
}
