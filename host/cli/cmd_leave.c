/* stm32dfu leave [--address A]: start the application from the bootloader. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

/* Default start: the flash base, where the ROM jumps when no pointer was
 * set (AN2662 Rev 1 p. 79). */
#define DEFAULT_START  0x08000000u
#define APP_TIMEOUT_MS 10000u

static const char leave_help[] =
    "usage: stm32dfu leave [--address ADDR] [options]\n"
    "Leave the bootloader and start the application whose vector table is at ADDR\n"
    "(default 0x08000000), then wait for it to appear on USB.\n"
    "\n"
    "  -a, --address ADDR   the application's vector table\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 done, 64 usage, 69 no device, 74 USB failure, 76 device error\n";

int cmd_leave(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_common c = {.command = "leave"};
    uint32_t address = DEFAULT_START;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:vh", options, NULL)) != -1) {
        if (cli_common_option(&c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(leave_help, stdout);
            return 0;
        } else if (opt == 'a') {
            if (!cli_parse_u32(&c, "address", optarg, &address))
                return EX_USAGE;
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    int r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = cli_open_device(&c, ctx, false, &dev);
    if (r == 0) {
        struct stm32dfu_device_info info = *stm32dfu_get_device_info(dev);
        int e = stm32dfu_leave(dev, address);
        r = e < 0 ? cli_report(&c, "leave", dev, e) : 0;
        stm32dfu_close(dev);
        struct stm32dfu_device_info app;
        if (r == 0 && cli_wait_reenumeration(ctx, &info, true, APP_TIMEOUT_MS, &app) == 0)
            printf("%s: application started at 0x%08X (%04x:%04x %s)\n", info.path,
                   (unsigned int)address, app.vid, app.pid, app.product);
        else if (r == 0)
            printf("%s: started at 0x%08X (no USB device appeared within %u s)\n", info.path,
                   (unsigned int)address, APP_TIMEOUT_MS / 1000);
    }
    stm32dfu_context_free(ctx);
    return r;
}
