/* SPDX-License-Identifier: MIT */
/* stm32dfu detach: send a running application into its bootloader. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

static const char detach_help[] =
    "usage: stm32dfu detach [options]\n"
    "Send a running application into its bootloader and wait for the ROM\n"
    "bootloader to appear on USB: DFU_DETACH when it has a DFU runtime interface,\n"
    "else the 1200-baud touch on its CDC-ACM serial port (line coding 1200 baud,\n"
    "then DTR dropped), sent over libusb, or through its serial port with --tty.\n"
    "\n"
    "  --tty DEV           send the touch through this serial port (e.g. /dev/ttyACM0):\n"
    "                      open it at 1200 baud, drop DTR, close it\n"
    "  --timeout SECONDS   wait up to 1..600 s for the bootloader (default 10)\n" CLI_COMMON_HELP
    "\n"
    "exit codes: 0 done, 64 usage, 69 no application or no bootloader appeared,\n"
    "74 USB or serial port failure, 77 permission denied\n";

static int tty_option(struct cli_common *c, int opt, const char *arg, void *tty)
{
    (void)c;
    if (opt != OPT_TTY)
        return CLI_OPTION_UNKNOWN;
    *(const char **)tty = arg;
    return 0;
}

/* --tty: the application is the one on the serial port's USB path. */
static int detach_tty(struct cli_common *c, stm32dfu_context *ctx, const char *tty)
{
    char path[32];
    if (c->path)
        snprintf(path, sizeof(path), "%s", c->path);
    else if (cli_tty_usb_path(tty, path, sizeof(path)) < 0)
        return cli_usage_error(c,
                               "--tty %s: cannot tell which USB device it belongs to (no "
                               "/sys/class/tty/NAME/device); give its bus path with --path",
                               tty);
    struct stm32dfu_match m = {
        .serial = c->serial, .path = path, .dfu_mode = true, .runtime = true, .touch = true};
    struct stm32dfu_device_info *list;
    int n = stm32dfu_get_device_list(ctx, &m, &list);
    int r = cli_pick_one(c, ctx, true, list, n);
    if (r == 0 && !list[0].runtime) {
        printf("%s: already in the bootloader\n", list[0].path);
    } else if (r == 0) {
        struct stm32dfu_device_info rom;
        r = cli_detach_through_tty(c, ctx, &list[0], tty, &rom);
        if (r == 0)
            printf("%s: bootloader ready (%04x:%04x %s) after the 1200-baud touch on %s\n",
                   rom.path, rom.vid, rom.pid, rom.product, tty);
    }
    stm32dfu_free_device_list(list);
    return r;
}

static int detach_usb(struct cli_common *c, stm32dfu_context *ctx)
{
    struct stm32dfu_device_info *list;
    int n = cli_find_devices(c, ctx, true, &list);
    int r = cli_pick_one(c, ctx, true, list, n);
    if (r == 0 && !list[0].runtime) {
        printf("%s: already in the bootloader\n", list[0].path);
    } else if (r == 0) {
        struct stm32dfu_device_info rom;
        r = cli_detach_application(c, ctx, &list[0], &rom);
        if (r == 0)
            printf(
                "%s: bootloader ready (%04x:%04x %s)%s\n", rom.path, rom.vid, rom.pid, rom.product,
                (list[0].detach_methods & STM32DFU_DETACH_DFU) ? "" : " after the 1200-baud touch");
    }
    stm32dfu_free_device_list(list);
    return r;
}

int cmd_detach(int argc, char **argv)
{
    static const struct option options[] = {
        {"tty", required_argument, NULL, OPT_TTY},
        CLI_TIMEOUT_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *tty = NULL;
    const struct cli_parser parser = {.shortopts = "vh",
                                      .options = options,
                                      .help = detach_help,
                                      .handle = tty_option,
                                      .user = &tty};
    struct cli_common c = {.command = "detach"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_context *ctx = NULL;
    r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = tty ? detach_tty(&c, ctx, tty) : detach_usb(&c, ctx);
    stm32dfu_free_context(ctx);
    return r;
}
