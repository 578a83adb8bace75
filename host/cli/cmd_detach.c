/* SPDX-License-Identifier: MIT */
/* stm32dfu detach: send a runtime-mode application into its bootloader. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

static const char detach_help[] =
    "usage: stm32dfu detach [options]\n"
    "Ask an application with a DFU runtime interface to detach into its DFU\n"
    "bootloader, and wait for the bootloader to appear on USB.\n"
    "\n"
    "  --timeout SECONDS   wait up to 1..600 s for the bootloader (default 10)\n" CLI_COMMON_HELP
    "\n"
    "exit codes: 0 done, 64 usage, 69 no application or no bootloader appeared,\n"
    "74 USB failure, 77 permission denied\n";

int cmd_detach(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_TIMEOUT_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_parser parser = {
        .shortopts = "vh", .options = options, .help = detach_help};
    struct cli_common c = {.command = "detach"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, true, &ctx, &dev);
    if (r == 0 && !stm32dfu_get_device_info(dev)->runtime) {
        printf("%s: already in the bootloader\n", stm32dfu_get_device_info(dev)->path);
        cli_session_close(ctx, dev);
        return 0;
    }
    if (r == 0) {
        struct stm32dfu_device_info info = *stm32dfu_get_device_info(dev);
        int e = stm32dfu_detach(dev);
        stm32dfu_close(dev);
        dev = NULL;
        r = e < 0 ? cli_report(&c, "detach", NULL, e) : 0;
        struct stm32dfu_device_info rom;
        if (r == 0 && cli_wait_reenumeration(ctx, &info, false, cli_timeout_ms(&c), &rom) == 0) {
            printf("%s: bootloader ready (%04x:%04x %s)\n", rom.path, rom.vid, rom.pid,
                   rom.product);
        } else if (r == 0) {
            cli_error(&c,
                      "the application on %s detached but no bootloader appeared within %u "
                      "s; check that the firmware enters the ROM bootloader",
                      info.path, cli_timeout_ms(&c) / 1000);
            r = EX_UNAVAILABLE;
        }
    }
    cli_session_close(ctx, dev);
    return r;
}
