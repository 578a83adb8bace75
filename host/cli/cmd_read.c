/* SPDX-License-Identifier: MIT */
/* stm32dfu read --address A --length N -o FILE: save memory to a file. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli.h"

static const char read_help[] =
    "usage: stm32dfu read --address ADDR --length N -o FILE [options]\n"
    "Read N bytes of device memory from ADDR into FILE (raw binary).\n"
    "\n"
    "  -a, --address ADDR   first address (e.g. 0x08000000)\n"
    "  -l, --length N       number of bytes\n"
    "  -o, --output FILE    where to write them ('-' for stdout)\n"
    "  --alt N              alternate setting (default 0, the internal flash)\n" CLI_COMMON_HELP
    "\n"
    "exit codes: 0 done, 64 usage, 69 no device, 73 cannot write FILE, 74 USB failure,\n"
    "76 device error (errVENDOR: read-protected), 77 permission denied\n";

static int save(const struct cli_common *c, const char *file, const uint8_t *buf, size_t len)
{
    FILE *f = file[0] == '-' && file[1] == '\0' ? stdout : fopen(file, "wb");
    if (!f) {
        cli_error(c, "cannot create %s; check the directory and its permissions", file);
        return EX_CANTCREAT;
    }
    bool ok = fwrite(buf, 1, len, f) == len;
    ok = (f == stdout ? fflush(f) : fclose(f)) == 0 && ok;
    if (!ok) {
        cli_error(c, "cannot write %s; check the free space", file);
        return EX_CANTCREAT;
    }
    return 0;
}

struct read_args {
    struct cli_range range;
    uint32_t alt;
    const char *output;
};

static int read_option(struct cli_common *c, int opt, const char *arg, void *user)
{
    struct read_args *a = user;
    if (opt == 'o') {
        a->output = arg;
        return 0;
    }
    if (opt == OPT_ALT)
        return cli_parse_u32(c, "alt", arg, &a->alt) ? 0 : EX_USAGE;
    return cli_range_option(c, opt, arg, &a->range);
}

int cmd_read(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        {"length", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"alt", required_argument, NULL, OPT_ALT},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct read_args a = {0};
    const struct cli_parser parser = {.shortopts = "a:l:o:vh",
                                      .options = options,
                                      .help = read_help,
                                      .handle = read_option,
                                      .user = &a};
    struct cli_common c = {.command = "read"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    const struct cli_range range = a.range;
    if (!range.has_address || !range.has_length || !a.output || range.length == 0)
        return cli_usage_error(&c, "give --address, a non-zero --length and -o FILE");
    uint8_t *buf = malloc(range.length);
    if (!buf)
        return EX_OSERR;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, false, &ctx, &dev);
    cli_interrupt_device(dev);
    if (r == 0)
        r = cli_select_alt(&c, dev, a.alt);
    if (r == 0)
        r = cli_check_range(&c, dev, a.alt, range.address, range.length, false);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0) {
        int e = stm32dfu_read(dev, range.address, buf, range.length, cli_progress_cb, &prog);
        cli_progress_end(&prog);
        r = e < 0 ? cli_report(&c, "read", dev, e) : save(&c, a.output, buf, range.length);
    }
    cli_interrupt_device(NULL);
    cli_session_close(ctx, dev);
    free(buf);
    return r;
}
