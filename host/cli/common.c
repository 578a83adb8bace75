/* Options, device choice, messages and exit codes shared by the commands. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"

bool cli_common_option(struct cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_SERIAL:
        c->serial = arg;
        return true;
    case OPT_PATH:
        c->path = arg;
        return true;
    case 'v':
        c->verbose++;
        return true;
    case OPT_QUIET:
        c->quiet = true;
        return true;
    default:
        return false;
    }
}

static void vmessage(const struct cli_common *c, const char *format, va_list args)
{
    fprintf(stderr, "stm32dfu: %s: ", c->command);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
}

void cli_error(const struct cli_common *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vmessage(c, format, args);
    va_end(args);
}

int cli_usage_error(const struct cli_common *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vmessage(c, format, args);
    va_end(args);
    fprintf(stderr, "try 'stm32dfu %s --help'\n", c->command);
    return EX_USAGE;
}

bool cli_parse_u32(const struct cli_common *c, const char *option, const char *text,
                   uint32_t *value)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (text[0] == '-' || text[0] == '\0' || *end != '\0' || errno == ERANGE || v > UINT32_MAX) {
        cli_usage_error(c, "--%s '%s' is not a number from 0 to 0xFFFFFFFF (decimal or 0x hex)",
                        option, text);
        return false;
    }
    *value = (uint32_t)v;
    return true;
}

int cli_range_option(const struct cli_common *c, int opt, const char *arg, struct cli_range *r)
{
    if (opt == 'a') {
        r->has_address = true;
        return cli_parse_u32(c, "address", arg, &r->address) ? 1 : -1;
    }
    if (opt == 'l') {
        r->has_length = true;
        return cli_parse_u32(c, "length", arg, &r->length) ? 1 : -1;
    }
    return 0;
}

/* One table from library error to sysexits.h code (style.md §2 CLI). */
static const struct {
    int error;
    int exit_code;
} exit_codes[] = {
    {STM32DFU_SUCCESS, EX_OK},
    {STM32DFU_ERROR_INVALID_ARGUMENT, EX_USAGE},
    {STM32DFU_ERROR_NO_MEMORY, EX_OSERR},
    {STM32DFU_ERROR_FILE_OPEN, EX_NOINPUT},
    {STM32DFU_ERROR_FILE_READ, EX_NOINPUT},
    {STM32DFU_ERROR_FILE_WRITE, EX_CANTCREAT},
    {STM32DFU_ERROR_FORMAT, EX_DATAERR},
    {STM32DFU_ERROR_CRC, EX_DATAERR},
    {STM32DFU_ERROR_OVERLAP, EX_DATAERR},
    {STM32DFU_ERROR_OUT_OF_RANGE, EX_DATAERR},
    {STM32DFU_ERROR_NO_DEVICE, EX_UNAVAILABLE},
    {STM32DFU_ERROR_AMBIGUOUS, EX_UNAVAILABLE},
    {STM32DFU_ERROR_ACCESS, EX_NOPERM},
    {STM32DFU_ERROR_BUSY, EX_TEMPFAIL},
    {STM32DFU_ERROR_TIMEOUT, EX_IOERR},
    {STM32DFU_ERROR_STALL, EX_IOERR},
    {STM32DFU_ERROR_DISCONNECTED, EX_IOERR},
    {STM32DFU_ERROR_USB_IO, EX_IOERR},
    {STM32DFU_ERROR_PROTOCOL, EX_PROTOCOL},
    {STM32DFU_ERROR_DEVICE_STATUS, EX_PROTOCOL},
    {STM32DFU_ERROR_VERIFY, EX_PROTOCOL},
    {STM32DFU_ERROR_UNSUPPORTED, EX_UNAVAILABLE},
    {STM32DFU_ERROR_NOT_CONFIRMED, EX_USAGE},
    {STM32DFU_ERROR_OTHER, EX_SOFTWARE},
};

int cli_exit_code(int error)
{
    for (size_t i = 0; i < sizeof(exit_codes) / sizeof(exit_codes[0]); i++) {
        if (exit_codes[i].error == error)
            return exit_codes[i].exit_code;
    }
    return EX_SOFTWARE;
}

static void log_line(int level, const char *message, void *user_data)
{
    (void)level;
    (void)user_data;
    fprintf(stderr, "stm32dfu: %s\n", message);
}

int cli_context_new(const struct cli_common *c, stm32dfu_context **ctx)
{
    int r = stm32dfu_context_new(ctx);
    if (r < 0) {
        cli_error(c, "cannot start libusb (%s)", stm32dfu_strerror(r));
        return cli_exit_code(r);
    }
    if (c->verbose)
        stm32dfu_set_log_cb(*ctx, c->verbose > 1 ? STM32DFU_LOG_DEBUG : STM32DFU_LOG_INFO, log_line,
                            NULL);
    return 0;
}

int cli_find_devices(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                     struct stm32dfu_device_info **list)
{
    struct stm32dfu_match m = {
        .serial = c->serial, .path = c->path, .dfu_mode = true, .runtime = want_runtime};
    return stm32dfu_get_device_list(ctx, &m, list);
}

static void print_candidates(const struct stm32dfu_device_info *list, int n)
{
    for (int i = 0; i < n; i++)
        fprintf(stderr, "  --path %s  --serial %s  %04x:%04x %s%s\n", list[i].path,
                list[i].serial[0] ? list[i].serial : "(none)", list[i].vid, list[i].pid,
                list[i].product, list[i].runtime ? " (application)" : "");
}

/* With no bootloader present, an application that could detach is the
 * likely reason: name it and the option that handles it. */
static int report_no_bootloader(const struct cli_common *c, stm32dfu_context *ctx)
{
    struct stm32dfu_match m = {.serial = c->serial, .path = c->path, .runtime = true};
    struct stm32dfu_device_info *apps;
    int n = stm32dfu_get_device_list(ctx, &m, &apps);
    if (n > 0)
        cli_error(c,
                  "no bootloader found, but the application %04x:%04x on %s can detach into "
                  "one: run 'stm32dfu detach' first%s",
                  apps[0].vid, apps[0].pid, apps[0].path,
                  strcmp(c->command, "flash") == 0 ? ", or add --detach" : "");
    stm32dfu_free_device_list(apps);
    return n > 0 ? cli_exit_code(STM32DFU_ERROR_NO_DEVICE)
                 : cli_report(c, "scan", NULL, STM32DFU_ERROR_NO_DEVICE);
}

int cli_pick_one(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                 const struct stm32dfu_device_info *list, int n)
{
    if (n < 0)
        return cli_report(c, "scan", NULL, n);
    if (n == 0 && !want_runtime)
        return report_no_bootloader(c, ctx);
    if (n == 0)
        return cli_report(c, "scan", NULL, STM32DFU_ERROR_NO_DEVICE);
    if (n > 1) {
        cli_error(c, "%d DFU devices match; choose one with --serial or --path:", n);
        print_candidates(list, n);
        return cli_exit_code(STM32DFU_ERROR_AMBIGUOUS);
    }
    return 0;
}

int cli_select_alt(const struct cli_common *c, stm32dfu_device *dev, uint32_t alt)
{
    int r = stm32dfu_set_alt(dev, alt);
    if (r == STM32DFU_ERROR_INVALID_ARGUMENT)
        return cli_usage_error(c, "--alt %u: the device has alternate settings 0 to %u", alt,
                               stm32dfu_get_device_info(dev)->alt_count - 1u);
    return r < 0 ? cli_report(c, "select alternate setting", dev, r) : 0;
}

int cli_open_device(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                    stm32dfu_device **dev)
{
    struct stm32dfu_device_info *list;
    int n = cli_find_devices(c, ctx, want_runtime, &list);
    int r = cli_pick_one(c, ctx, want_runtime, list, n);
    if (r) {
        stm32dfu_free_device_list(list);
        return r;
    }
    r = stm32dfu_open(ctx, &list[0], dev);
    stm32dfu_free_device_list(list);
    return r < 0 ? cli_report(c, "open", NULL, r) : 0;
}

static void report_device_status(const struct cli_common *c, const char *phase,
                                 stm32dfu_device *dev)
{
    struct stm32dfu_dfu_status st;
    uint32_t address;
    stm32dfu_get_last_status(dev, &st, &address);
    char where[32] = "";
    if (address != UINT32_MAX)
        snprintf(where, sizeof(where), " at 0x%08X", (unsigned int)address);
    const char *state = stm32dfu_state_name(st.bState);
    char status[160];
    const char *text = stm32dfu_get_status_text(dev);
    snprintf(status, sizeof(status), text[0] ? "%s \"%s\"" : "%s", stm32dfu_status_name(st.bStatus),
             text);
    if (st.bStatus == STM32DFU_STATUS_ERR_VENDOR)
        cli_error(c,
                  "%s%s refused: the device is read-protected (%s, %s); remove the protection "
                  "with 'stm32dfu unprotect --force', which erases the whole flash",
                  phase, where, state, status);
    else if (st.bStatus == STM32DFU_STATUS_ERR_TARGET)
        cli_error(c,
                  "%s%s refused: the device does not allow that address (%s, %s); check the "
                  "image's link address against the memory map ('stm32dfu info')",
                  phase, where, state, status);
    else
        cli_error(c,
                  "%s%s failed: the device reports %s, %s; the application was not started, "
                  "run the command again",
                  phase, where, state, status);
}

int cli_report(const struct cli_common *c, const char *phase, stm32dfu_device *dev, int error)
{
    struct stm32dfu_dfu_status st;
    uint32_t address = UINT32_MAX;
    if (dev)
        stm32dfu_get_last_status(dev, &st, &address);
    char where[32] = "";
    if (address != UINT32_MAX)
        snprintf(where, sizeof(where), " at 0x%08X", (unsigned int)address);
    switch (error) {
    case STM32DFU_ERROR_DEVICE_STATUS:
        report_device_status(c, phase, dev);
        break;
    case STM32DFU_ERROR_ACCESS:
        cli_error(c,
                  "permission denied opening the USB device; install the udev rules: sudo cp "
                  "%s /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm "
                  "trigger (then replug the device)",
                  STM32DFU_UDEV_RULES);
        break;
    case STM32DFU_ERROR_NO_DEVICE:
        cli_error(c,
                  "no STM32 DFU device found%s; check the USB cable (a data cable, not "
                  "charge-only), that BOOT0 is high at reset (or run 'stm32dfu detach' for an "
                  "application), the udev rules (" STM32DFU_UDEV_RULES
                  "), and on Windows the WinUSB driver",
                  c->serial || c->path ? " with that --serial/--path" : "");
        break;
    case STM32DFU_ERROR_BUSY:
        cli_error(c, "the device is in use by another program; close it (dfu-util, "
                     "STM32CubeProgrammer) and run the command again");
        break;
    case STM32DFU_ERROR_VERIFY:
        cli_error(c,
                  "verify%s failed: the flash differs from the image; the application was not "
                  "started, run the command again",
                  where);
        break;
    case STM32DFU_ERROR_OUT_OF_RANGE:
        cli_error(c,
                  "%s%s: the address is outside the device's memory map; check the address "
                  "against 'stm32dfu info'",
                  phase, where);
        break;
    default:
        cli_error(c,
                  "%s%s failed: %s; the application was not started, check the cable and run the "
                  "command again",
                  phase, where, stm32dfu_strerror(error));
        break;
    }
    return cli_exit_code(error);
}

int cli_report_detail(const struct cli_common *c, const char *file,
                      const struct stm32dfu_error_detail *detail, int error)
{
    if (detail && detail->message[0])
        cli_error(c, "%s: %s", file, detail->message);
    else
        cli_error(c, "%s: %s", file, stm32dfu_strerror(error));
    return cli_exit_code(error);
}

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

int cli_wait_reenumeration(stm32dfu_context *ctx, const struct stm32dfu_device_info *old,
                           bool runtime, unsigned int timeout_ms, struct stm32dfu_device_info *info)
{
    struct stm32dfu_match m = {
        .path = old->path, .dfu_mode = !runtime, .runtime = runtime, .skip_address = old->address};
    return stm32dfu_wait_device(ctx, &m, timeout_ms, info);
}
