/* stm32dfu erase --address A --length N | --mass --force */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

static const char erase_help[] =
    "usage: stm32dfu erase --address ADDR --length N [options]\n"
    "       stm32dfu erase --mass --force [options]\n"
    "Erase the sectors that overlap [ADDR, ADDR+N), or (--mass) the whole flash.\n"
    "\n"
    "  -a, --address ADDR   first address\n"
    "  -l, --length N       number of bytes\n"
    "  --mass               erase all of the flash (needs --force)\n"
    "  --force              confirm the mass erase\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 done, 64 usage, 65 range outside the memory map, 69 no device,\n"
    "74 USB failure, 76 device error (errVENDOR: read-protected), 77 permission denied\n";

int cmd_erase(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        {"length", required_argument, NULL, 'l'},
        {"mass", no_argument, NULL, OPT_MASS},
        {"force", no_argument, NULL, OPT_FORCE},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_common c = {.command = "erase"};
    struct cli_range range = {0};
    bool mass = false, force = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:l:vh", options, NULL)) != -1) {
        int ranged = cli_range_option(&c, opt, optarg, &range);
        if (ranged < 0)
            return EX_USAGE;
        if (ranged || cli_common_option(&c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(erase_help, stdout);
            return 0;
        } else if (opt == OPT_MASS) {
            mass = true;
        } else if (opt == OPT_FORCE) {
            force = true;
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    if (mass && (range.has_address || range.has_length))
        return cli_usage_error(&c, "--mass erases everything: drop --address and --length");
    if (mass && !force)
        return cli_usage_error(&c, "--mass erases the whole flash and cannot be undone; add "
                                   "--force to confirm");
    if (!mass && (!range.has_address || !range.has_length || range.length == 0))
        return cli_usage_error(&c, "give --address and a non-zero --length, or --mass --force");
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    int r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = cli_open_device(&c, ctx, false, &dev);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0) {
        int e = mass ? stm32dfu_mass_erase(dev)
                     : stm32dfu_erase(dev, range.address, range.length, cli_progress_cb, &prog);
        cli_progress_end(&prog);
        r = e < 0 ? cli_report(&c, mass ? "mass erase" : "erase", dev, e) : 0;
    }
    if (r == 0 && !c.quiet)
        printf("erased %s\n", mass ? "the whole flash" : "the sectors");
    stm32dfu_close(dev);
    stm32dfu_context_free(ctx);
    return r;
}
