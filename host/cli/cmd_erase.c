/* SPDX-License-Identifier: MIT */
/* stm32dfu erase --address A --length N | --mass --force */
#include <getopt.h>

#include "cli.h"

static const char erase_help[] =
    "usage: stm32dfu erase --address ADDR --length N [options]\n"
    "       stm32dfu erase --mass --force [options]\n"
    "Erase the sectors that overlap [ADDR, ADDR+N), or (--mass) the whole flash.\n"
    "\n"
    "  -a, --address ADDR   first address\n"
    "  -l, --length N       number of bytes\n"
    "  --mass               erase all of the flash (needs --force)\n"
    "  --force              confirm the mass erase\n" CLI_FAST_POLL_HELP CLI_COMMON_HELP "\n"
    "exit codes: 0 done, 64 usage, 65 range outside the memory map, 69 no device,\n"
    "74 USB failure, 76 device error (errVENDOR: read-protected), 77 permission denied\n";

struct erase_args {
    struct cli_range range;
    bool mass;
    bool force;
};

static int erase_option(struct cli_common *c, int opt, const char *arg, void *user)
{
    struct erase_args *a = user;
    if (opt == OPT_MASS) {
        a->mass = true;
        return 0;
    }
    int r = cli_force_option(c, opt, arg, &a->force);
    return r == CLI_OPTION_UNKNOWN ? cli_range_option(c, opt, arg, &a->range) : r;
}

int cmd_erase(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        {"length", required_argument, NULL, 'l'},
        {"mass", no_argument, NULL, OPT_MASS},
        {"force", no_argument, NULL, OPT_FORCE},
        CLI_FAST_POLL_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct erase_args a = {0};
    const struct cli_parser parser = {.shortopts = "a:l:vh",
                                      .options = options,
                                      .help = erase_help,
                                      .handle = erase_option,
                                      .user = &a};
    struct cli_common c = {.command = "erase"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    const struct cli_range range = a.range;
    const bool mass = a.mass, force = a.force;
    if (mass && (range.has_address || range.has_length))
        return cli_usage_error(&c, "--mass erases everything: drop --address and --length");
    if (mass && !force)
        return cli_usage_error(&c, "--mass erases the whole flash and cannot be undone; add "
                                   "--force to confirm");
    if (!mass && (!range.has_address || !range.has_length || range.length == 0))
        return cli_usage_error(&c, "give --address and a non-zero --length, or --mass --force");
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, false, &ctx, &dev);
    cli_interrupt_device(dev);
    if (r == 0 && !mass)
        r = cli_check_range(&c, dev, 0, range.address, range.length, true);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0) {
        if (mass)
            cli_interrupt_phase(STM32DFU_PHASE_ERASE);
        cli_fast_poll_start(&c, dev);
        int e = mass ? stm32dfu_mass_erase(dev)
                     : stm32dfu_erase(dev, range.address, range.length, cli_progress_cb, &prog);
        cli_progress_end(&prog);
        cli_fast_poll_end(&c, dev, NULL);
        r = e < 0 ? cli_report(&c, mass ? "mass erase" : "erase", dev, e) : 0;
    }
    if (r == 0 && !c.quiet)
        printf("erased %s\n", mass ? "the whole flash" : "the sectors");
    cli_interrupt_device(NULL);
    cli_session_close(ctx, dev);
    return r;
}
