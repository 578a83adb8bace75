/* SPDX-License-Identifier: MIT */
/* stm32dfu leave [--address A]: start the application from the bootloader. */
#include <getopt.h>

#include "cli.h"

/* Default start: the flash base, where the ROM jumps when no pointer was
 * set (AN2662 Rev 1 p. 79). */
#define DEFAULT_START 0x08000000u

static const char leave_help[] =
    "usage: stm32dfu leave [--address ADDR] [options]\n"
    "Leave the bootloader and start the application whose vector table is at ADDR\n"
    "(default 0x08000000), then wait for it to appear on USB. If the ROM bootloader\n"
    "comes back instead, the application did not start: exit 76.\n"
    "\n"
    "  -a, --address ADDR   the application's vector table\n"
    "  --timeout SECONDS    wait up to 1..600 s for the application (default 10)\n" CLI_COMMON_HELP
    "\n"
    "exit codes: 0 started (the bootloader did not come back within the wait), 64 usage,\n"
    "69 no device, 74 USB failure, 76 device error or the bootloader came back,\n"
    "77 permission denied\n";

int cmd_leave(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        CLI_TIMEOUT_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_range range = {.address = DEFAULT_START};
    const struct cli_parser parser = {.shortopts = "a:vh",
                                      .options = options,
                                      .help = leave_help,
                                      .handle = cli_range_option,
                                      .user = &range};
    struct cli_common c = {.command = "leave"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    uint32_t address = range.address;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, false, &ctx, &dev);
    if (r == 0) {
        struct stm32dfu_device_info info = *stm32dfu_get_device_info(dev);
        int e = stm32dfu_leave(dev, address);
        r = e < 0 ? cli_report(&c, "leave", dev, e) : 0;
        stm32dfu_close(dev);
        dev = NULL;
        struct stm32dfu_device_info app;
        int back = r == 0 ? cli_wait_after_leave(ctx, &info, cli_timeout_ms(&c), &app) : 0;
        if (r == 0 && back == CLI_LEAVE_BOOTLOADER_BACK)
            r = cli_report_bootloader_back(&c, info.path, address);
        else if (r == 0 && back == CLI_LEAVE_APPLICATION)
            printf("%s: application started at 0x%08X (%04x:%04x %s)\n", info.path,
                   (unsigned int)address, app.vid, app.pid, app.product);
        else if (r == 0)
            printf("%s: started at 0x%08X (no application with a DFU runtime interface appeared "
                   "within %u s)\n",
                   info.path, (unsigned int)address, cli_timeout_ms(&c) / 1000);
    }
    cli_session_close(ctx, dev);
    return r;
}
