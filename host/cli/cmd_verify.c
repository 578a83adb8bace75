/* SPDX-License-Identifier: MIT */
/* stm32dfu verify FILE: compare the device's memory with an image. */
#include <getopt.h>

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
    size_t n = stm32dfu_image_get_targets(image, &targets);
    for (size_t i = 0; i < n; i++) {
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
    struct cli_input in = {0};
    const struct cli_parser parser = {.shortopts = "a:vh",
                                      .options = options,
                                      .help = verify_help,
                                      .takes_file = true,
                                      .handle = cli_input_option,
                                      .user = &in};
    struct cli_common c = {.command = "verify"};
    const char *file;
    int r = cli_parse(argc, argv, &parser, &c, &file);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_image *image = NULL;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_load_image(&c, file, &in, &image);
    if (r == 0)
        r = cli_session_open(&c, false, &ctx, &dev);
    cli_interrupt_device(dev);
    struct cli_progress prog;
    cli_progress_init(&prog, &c, NULL);
    if (r == 0)
        r = verify_targets(&c, dev, image, &prog);
    if (r == 0)
        printf("%s: the device matches %s\n", stm32dfu_get_device_info(dev)->path, file);
    cli_interrupt_device(NULL);
    cli_session_close(ctx, dev);
    stm32dfu_free_image(image);
    return r;
}
