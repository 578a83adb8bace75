/* stm32dfu verify FILE: compare the device's memory with an image. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

static const char verify_help[] =
    "usage: stm32dfu verify [options] FILE\n"
    "Read back the memory FILE covers and compare it with FILE.\n"
    "\n"
    "  -a, --address ADDR   where a .bin file goes\n"
    "  --format FMT         auto (default), bin, hex, srec, elf, dfu\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 identical, 64 usage, 65 bad image, 66 cannot read FILE, 69 no device,\n"
    "74 USB failure, 76 differs or device error, 77 permission denied\n";

static int verify_targets(const struct cli_common *c, stm32dfu_device *dev,
                          const stm32dfu_image *image, struct cli_progress *prog)
{
    const struct stm32dfu_image_target *targets;
    int n = stm32dfu_image_get_targets(image, &targets);
    for (int i = 0; i < n; i++) {
        int r = cli_select_alt(c, dev, targets[i].alt);
        if (r)
            return r;
        int e = stm32dfu_verify(dev, targets[i].segments, targets[i].segment_count, cli_progress_cb,
                                prog);
        cli_progress_end(prog);
        if (e < 0)
            return cli_report(c, "verify", dev, e);
    }
    return 0;
}

int cmd_verify(int argc, char **argv)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        {"format", required_argument, NULL, OPT_FORMAT},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_common c = {.command = "verify"};
    uint32_t address = 0;
    bool has_address = false;
    const char *format = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:vh", options, NULL)) != -1) {
        if (cli_common_option(&c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(verify_help, stdout);
            return 0;
        } else if (opt == 'a') {
            if (!cli_parse_u32(&c, "address", optarg, &address))
                return EX_USAGE;
            has_address = true;
        } else if (opt == OPT_FORMAT) {
            format = optarg;
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    if (optind != argc - 1)
        return cli_usage_error(&c, "give exactly one FILE to verify");
    stm32dfu_image *image;
    int r = cli_load_image(&c, argv[optind], format, has_address, address, &image);
    if (r)
        return r;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_context_new(&c, &ctx);
    if (r == 0)
        r = cli_open_device(&c, ctx, false, &dev);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0)
        r = verify_targets(&c, dev, image, &prog);
    if (r == 0)
        printf("%s: the device matches %s\n", stm32dfu_get_device_info(dev)->path, argv[optind]);
    stm32dfu_close(dev);
    stm32dfu_context_free(ctx);
    stm32dfu_image_free(image);
    return r;
}
