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
    "then DTR dropped), sent over libusb.\n"
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
    struct stm32dfu_device_info *list = NULL;
    r = cli_context_new(&c, &ctx);
    int n = r ? 0 : cli_find_devices(&c, ctx, true, &list);
    if (r == 0)
        r = cli_pick_one(&c, ctx, true, list, n);
    if (r == 0 && !list[0].runtime) {
        printf("%s: already in the bootloader\n", list[0].path);
    } else if (r == 0) {
        struct stm32dfu_device_info rom;
        r = cli_detach_application(&c, ctx, &list[0], &rom);
        if (r == 0)
            printf(
                "%s: bootloader ready (%04x:%04x %s)%s\n", rom.path, rom.vid, rom.pid, rom.product,
                (list[0].detach_methods & STM32DFU_DETACH_DFU) ? "" : " after the 1200-baud touch");
    }
    stm32dfu_free_device_list(list);
    stm32dfu_free_context(ctx);
    return r;
}
