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
    struct cli_common c = {.command = "read"};
    struct cli_range range = {0};
    uint32_t alt = 0;
    const char *output = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:l:o:vh", options, NULL)) != -1) {
        int ranged = cli_range_option(&c, opt, optarg, &range);
        if (ranged < 0)
            return EX_USAGE;
        if (ranged || cli_common_option(&c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(read_help, stdout);
            return 0;
        } else if (opt == 'o') {
            output = optarg;
        } else if (opt == OPT_ALT) {
            if (!cli_parse_u32(&c, "alt", optarg, &alt))
                return EX_USAGE;
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    if (!range.has_address || !range.has_length || !output || range.length == 0)
        return cli_usage_error(&c, "give --address, a non-zero --length and -o FILE");
    if (optind != argc)
        return cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    uint8_t *buf = malloc(range.length);
    if (!buf)
        return EX_OSERR;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    int r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = cli_open_device(&c, ctx, false, &dev);
    if (r == 0)
        r = cli_select_alt(&c, dev, alt);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0) {
        int e = stm32dfu_read(dev, range.address, buf, range.length, cli_progress_cb, &prog);
        cli_progress_end(&prog);
        r = e < 0 ? cli_report(&c, "read", dev, e) : save(&c, output, buf, range.length);
    }
    stm32dfu_close(dev);
    stm32dfu_context_free(ctx);
    free(buf);
    return r;
}
