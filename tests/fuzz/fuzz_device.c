/* SPDX-License-Identifier: MIT */
/* The scripted device of fuzz_device.h. */
#include "fuzz_device.h"

#include <stdlib.h>
#include <string.h>

/* Reply codes of the first byte (fuzz_device.h). */
#define REPLY_CODES 0xF0u
#define REPLY_FULL  0xF5u

static struct {
    const uint8_t *data;
    size_t size;
    size_t pos;
    uint64_t now_ms;
    enum fuzz_source source;
    bool strings_from_input;
    const char *option_layout;
    /* the configuration built from the input */
    struct libusb_config_descriptor config;
    struct libusb_interface interfaces[4];
    struct libusb_interface_descriptor alts[4][STM32DFU_MAX_ALTS + 2];
} run;

/* Stand-ins for libusb's opaque device and handle: only their addresses count. */
static char the_device, the_handle;

static const uint8_t *take(size_t n)
{
    if (run.size - run.pos < n)
        return NULL;
    run.pos += n;
    return run.data + run.pos - n;
}

uint8_t fuzz_device_byte(void)
{
    const uint8_t *b = take(1);
    return b ? *b : 0;
}

/* An IN reply (data may be NULL for an OUT request) scripted by the input. */
static int scripted_reply(unsigned char *data, int length)
{
    static const int errors[] = {LIBUSB_ERROR_PIPE, LIBUSB_ERROR_TIMEOUT, LIBUSB_ERROR_NO_DEVICE,
                                 LIBUSB_ERROR_IO, LIBUSB_ERROR_OVERFLOW};
    run.now_ms++;
    const uint8_t *code = take(1);
    if (!code)
        return LIBUSB_ERROR_NO_DEVICE;
    if (*code >= REPLY_CODES && *code < REPLY_FULL)
        return errors[*code - REPLY_CODES];
    if (!data)
        return 0;
    int n = *code >= REPLY_FULL ? length : *code;
    if (n > length)
        return LIBUSB_ERROR_OVERFLOW;
    size_t got = run.size - run.pos < (size_t)n ? run.size - run.pos : (size_t)n;
    memcpy(data, take(got), got);
    return (int)got;
}

/* The fixed STM32F405 ROM (tests/e2e/dfu-util/fidelity) and application. */
static const char *const rom_strings[] = {
    NULL,
    "STMicroelectronics",
    "STM32  BOOTLOADER",
    "315A28A0B956",
    "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
    "@Option Bytes  /0x1FFFC000/01*016 g",
    "@OTP Memory /0x1FFF7800/01*512 g,01*016 g",
    "@Device Feature/0xFFFF0000/01*004 g",
};
static const char *const app_strings[] = {NULL, "pid.codes", "stm32dfu demo", "APP-1",
                                          "DFU runtime"};
/* DFU 1.1 §4.1.3: bitWillDetach, bitCanUpload, bitCanDnload; 255 ms; 2048 bytes; DfuSe. */
static const unsigned char rom_functional[] = {9, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x1A, 0x01};
static const unsigned char app_functional[] = {9, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x1A, 0x01};

static int fixed_string(uint8_t index, unsigned char *data, int length)
{
    const char *const *table = run.source == FUZZ_FIXED_RUNTIME ? app_strings : rom_strings;
    size_t count = run.source == FUZZ_FIXED_RUNTIME ? 5 : 8;
    unsigned char raw[256] = {4, LIBUSB_DT_STRING, 0x09, 0x04};
    int n = 4;
    if (index >= count)
        return LIBUSB_ERROR_PIPE;
    if (index) {
        const char *s = table[index];
        if (run.source == FUZZ_FIXED_ROM && index == 5 && run.option_layout)
            s = run.option_layout;
        n = 2;
        for (size_t i = 0; s[i] && n < 254; i++, n += 2)
            raw[n] = (unsigned char)s[i], raw[n + 1] = 0;
        raw[0] = (unsigned char)n;
    }
    n = n < length ? n : length;
    memcpy(data, raw, (size_t)n);
    return n;
}

static ssize_t get_device_list(libusb_context *usb, libusb_device ***list)
{
    (void)usb;
    libusb_device **l = calloc(2, sizeof(*l));
    if (!l)
        return LIBUSB_ERROR_NO_MEM;
    l[0] = (libusb_device *)(void *)&the_device;
    *list = l;
    return 1;
}

static void free_device_list(libusb_device **list)
{
    free(list);
}

static int get_device_descriptor(libusb_device *d, struct libusb_device_descriptor *desc)
{
    (void)d;
    memset(desc, 0, sizeof(*desc));
    desc->bLength = LIBUSB_DT_DEVICE_SIZE;
    desc->bDescriptorType = LIBUSB_DT_DEVICE;
    desc->iManufacturer = 1;
    desc->iProduct = 2;
    desc->iSerialNumber = 3;
    desc->bNumConfigurations = 1;
    if (run.source == FUZZ_FIXED_ROM) {
        desc->idVendor = STM32DFU_ST_VID, desc->idProduct = STM32DFU_ROM_PID;
        desc->bcdDevice = 0x2200;
        return 0;
    }
    if (run.source == FUZZ_FIXED_RUNTIME) {
        desc->idVendor = 0x1209, desc->idProduct = 0x0001;
        return 0;
    }
    const uint8_t *raw = take(LIBUSB_DT_DEVICE_SIZE);
    if (!raw)
        return LIBUSB_ERROR_IO;
    /* USB 2.0 §9.6.1 field order, little-endian words */
    desc->bcdUSB = (uint16_t)(raw[2] | raw[3] << 8);
    desc->bDeviceClass = raw[4];
    desc->bDeviceSubClass = raw[5];
    desc->bDeviceProtocol = raw[6];
    desc->bMaxPacketSize0 = raw[7];
    desc->idVendor = (uint16_t)(raw[8] | raw[9] << 8);
    desc->idProduct = (uint16_t)(raw[10] | raw[11] << 8);
    desc->bcdDevice = (uint16_t)(raw[12] | raw[13] << 8);
    desc->iManufacturer = raw[14];
    desc->iProduct = raw[15];
    desc->iSerialNumber = raw[16];
    desc->bNumConfigurations = raw[17];
    return 0;
}

/* Extra bytes: a length byte, then that many (fewer when the input ends). */
static void take_extra(const unsigned char **extra, int *len)
{
    size_t want = fuzz_device_byte();
    size_t got = run.size - run.pos < want ? run.size - run.pos : want;
    *extra = take(got);
    *len = (int)got;
}

static void build_alt(struct libusb_interface_descriptor *alt, uint8_t number, uint8_t setting)
{
    alt->bLength = LIBUSB_DT_INTERFACE_SIZE;
    alt->bDescriptorType = LIBUSB_DT_INTERFACE;
    alt->bInterfaceNumber = number;
    alt->bAlternateSetting = setting;
    alt->bInterfaceClass = 0xFE;
    alt->bInterfaceSubClass = 0x01;
}

static void fixed_config(struct libusb_config_descriptor *c)
{
    bool rom = run.source == FUZZ_FIXED_ROM;
    int alts = rom ? 4 : 1;
    for (int a = 0; a < alts; a++) {
        build_alt(&run.alts[0][a], 0, (uint8_t)a);
        run.alts[0][a].bInterfaceProtocol = rom ? 2 : 1;
        run.alts[0][a].iInterface = (uint8_t)(4 + a);
    }
    run.alts[0][alts - 1].extra = rom ? rom_functional : app_functional;
    run.alts[0][alts - 1].extra_length = 9;
    run.interfaces[0] = (struct libusb_interface){run.alts[0], alts};
    c->bNumInterfaces = 1;
}

static void input_config(struct libusb_config_descriptor *c)
{
    c->bNumInterfaces = fuzz_device_byte() % 5;
    for (int i = 0; i < c->bNumInterfaces && i < 4; i++) {
        int alts = fuzz_device_byte() % (STM32DFU_MAX_ALTS + 3);
        for (int a = 0; a < alts; a++) {
            struct libusb_interface_descriptor *alt = &run.alts[i][a];
            build_alt(alt, fuzz_device_byte(), fuzz_device_byte());
            alt->bInterfaceClass = fuzz_device_byte();
            alt->bInterfaceSubClass = fuzz_device_byte();
            alt->bInterfaceProtocol = fuzz_device_byte();
            alt->iInterface = fuzz_device_byte();
            take_extra(&alt->extra, &alt->extra_length);
        }
        run.interfaces[i] = (struct libusb_interface){run.alts[i], alts};
    }
    if (c->bNumInterfaces > 4)
        c->bNumInterfaces = 4;
    take_extra(&c->extra, &c->extra_length);
}

static int get_config_descriptor(libusb_device *d, struct libusb_config_descriptor **config)
{
    (void)d;
    struct libusb_config_descriptor *c = &run.config;
    memset(c, 0, sizeof(*c));
    memset(run.alts, 0, sizeof(run.alts));
    c->bLength = LIBUSB_DT_CONFIG_SIZE;
    c->bDescriptorType = LIBUSB_DT_CONFIG;
    c->bConfigurationValue = 1;
    c->interface = run.interfaces;
    if (run.source == FUZZ_INPUT)
        input_config(c);
    else
        fixed_config(c);
    *config = c;
    return 0;
}

static void free_config_descriptor(struct libusb_config_descriptor *config)
{
    (void)config;
}

static uint8_t get_bus_number(libusb_device *d)
{
    (void)d;
    return 1;
}

static uint8_t get_device_address(libusb_device *d)
{
    (void)d;
    return 1;
}

static int get_port_numbers(libusb_device *d, uint8_t *ports, int len)
{
    (void)d;
    if (len < 1)
        return LIBUSB_ERROR_OVERFLOW;
    ports[0] = 1;
    return 1;
}

static int open_device(libusb_device *d, libusb_device_handle **h)
{
    (void)d;
    *h = (libusb_device_handle *)(void *)&the_handle;
    return 0;
}

static void close_device(libusb_device_handle *h)
{
    (void)h;
}

static int interface_call(libusb_device_handle *h, int interface_number)
{
    (void)h;
    (void)interface_number;
    return 0;
}

static int set_alt(libusb_device_handle *h, int interface_number, int alt)
{
    (void)h;
    (void)interface_number;
    (void)alt;
    return 0;
}

static int reset_device(libusb_device_handle *h)
{
    (void)h;
    return LIBUSB_ERROR_NOT_FOUND; /* the device re-enumerates */
}

static int control_transfer(libusb_device_handle *h, uint8_t bmRequestType, uint8_t bRequest,
                            uint16_t wValue, uint16_t wIndex, unsigned char *data, uint16_t wLength,
                            unsigned int timeout_ms)
{
    (void)h;
    (void)bRequest;
    (void)wValue;
    (void)wIndex;
    (void)timeout_ms;
    return scripted_reply(bmRequestType & LIBUSB_ENDPOINT_IN ? data : NULL, wLength);
}

static int get_string_descriptor(libusb_device_handle *h, uint8_t index, uint16_t langid,
                                 unsigned char *data, int length)
{
    (void)h;
    (void)langid;
    if (!run.strings_from_input)
        return fixed_string(index, data, length);
    return scripted_reply(data, length);
}

static uint64_t now_ms(void)
{
    return run.now_ms;
}

static void sleep_ms(unsigned int ms)
{
    run.now_ms += ms;
}

static const struct transport fuzz_transport = {
    .get_device_list = get_device_list,
    .free_device_list = free_device_list,
    .get_device_descriptor = get_device_descriptor,
    .get_config_descriptor = get_config_descriptor,
    .free_config_descriptor = free_config_descriptor,
    .get_bus_number = get_bus_number,
    .get_device_address = get_device_address,
    .get_port_numbers = get_port_numbers,
    .open = open_device,
    .close = close_device,
    .claim_interface = interface_call,
    .release_interface = interface_call,
    .set_interface_alt_setting = set_alt,
    .reset_device = reset_device,
    .control_transfer = control_transfer,
    .get_string_descriptor = get_string_descriptor,
    .now_ms = now_ms,
    .sleep_ms = sleep_ms,
};

void fuzz_device_start(const uint8_t *data, size_t size, enum fuzz_source source,
                       bool strings_from_input, const char *option_layout)
{
    memset(&run, 0, sizeof(run));
    run.data = data;
    run.size = size;
    run.source = source;
    run.strings_from_input = strings_from_input;
    run.option_layout = option_layout;
}

stm32dfu_context *fuzz_device_context(void)
{
    stm32dfu_context *ctx;
    if (s32dfu_context_new_with_transport(&fuzz_transport, &ctx) < 0)
        abort();
    return ctx;
}

stm32dfu_device *fuzz_device_open(stm32dfu_context *ctx)
{
    struct stm32dfu_match m = {.dfu_mode = true, .runtime = true};
    struct stm32dfu_device_info *list;
    stm32dfu_device *dev = NULL;
    int n = stm32dfu_get_device_list(ctx, &m, &list);
    if (n > 1 || (n <= 0 && list))
        abort(); /* one device on the bus; NULL with no entries */
    if (n == 1 && stm32dfu_open(ctx, &list[0], &dev) < 0 && dev)
        abort(); /* a failed open leaves its output NULL */
    stm32dfu_free_device_list(list);
    return dev;
}
