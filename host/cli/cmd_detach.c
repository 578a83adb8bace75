/* stm32dfu detach: send a runtime-mode application into its bootloader. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

#define ROM_TIMEOUT_MS 10000u

static const char detach_help[] =
    "usage: stm32dfu detach [options]\n"
    "Ask an application with a DFU runtime interface to detach into its DFU\n"
    "bootloader, and wait for the bootloader to appear on USB.\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 done, 64 usage, 69 no application or no bootloader appeared,\n"
    "74 USB failure, 77 permission denied\n";

int cmd_detach(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_common c = {.command = "detach"};
    int opt;
    while ((opt = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
        if (cli_common_option(&c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(detach_help, stdout);
            return 0;
        }
        return cli_usage_error(&c, "unknown option");
    }
    if (optind != argc)
        return cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    int r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = cli_open_device(&c, ctx, true, &dev);
    if (r == 0 && !stm32dfu_get_device_info(dev)->runtime) {
        printf("%s: already in the bootloader\n", stm32dfu_get_device_info(dev)->path);
        stm32dfu_close(dev);
        stm32dfu_context_free(ctx);
        return 0;
    }
    if (r == 0) {
        struct stm32dfu_device_info info = *stm32dfu_get_device_info(dev);
        int e = stm32dfu_detach(dev);
        stm32dfu_close(dev);
        r = e < 0 ? cli_report(&c, "detach", NULL, e) : 0;
        struct stm32dfu_device_info rom;
        if (r == 0 && cli_wait_reenumeration(ctx, &info, false, ROM_TIMEOUT_MS, &rom) == 0) {
            printf("%s: bootloader ready (%04x:%04x %s)\n", rom.path, rom.vid, rom.pid,
                   rom.product);
        } else if (r == 0) {
            cli_error(&c,
                      "the application on %s detached but no bootloader appeared within %u "
                      "s; check that the firmware enters the ROM bootloader",
                      info.path, ROM_TIMEOUT_MS / 1000);
            r = EX_UNAVAILABLE;
        }
    }
    stm32dfu_context_free(ctx);
    return r;
}
