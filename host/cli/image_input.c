/* SPDX-License-Identifier: MIT */
/* Loading the input file of flash and verify, with --format and --address. */
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli.h"

static const struct {
    const char *name;
    int format;
} format_names[] = {
    {"auto", STM32DFU_FORMAT_AUTO}, {"bin", STM32DFU_FORMAT_BIN},   {"hex", STM32DFU_FORMAT_IHEX},
    {"ihex", STM32DFU_FORMAT_IHEX}, {"srec", STM32DFU_FORMAT_SREC}, {"elf", STM32DFU_FORMAT_ELF},
    {"dfu", STM32DFU_FORMAT_DFUSE},
};

int cli_input_option(struct cli_common *c, int opt, const char *arg, void *input)
{
    struct cli_input *in = input;
    if (opt == OPT_FORMAT) {
        in->format = arg;
        return 0;
    }
    if (opt != 'a')
        return CLI_OPTION_UNKNOWN;
    in->has_address = true;
    return cli_parse_u32(c, "address", arg, &in->address) ? 0 : EX_USAGE;
}

int cli_load_image(const struct cli_common *c, const char *file, const struct cli_input *in,
                   stm32dfu_image **image)
{
    const char *format = in->format;
    bool has_address = in->has_address;
    struct stm32dfu_load_options o = {
        .format = -1, .has_base_address = has_address, .base_address = in->address};
    for (size_t i = 0; format && i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (strcasecmp(format, format_names[i].name) == 0)
            o.format = format_names[i].format;
    }
    if (!format)
        o.format = STM32DFU_FORMAT_AUTO;
    if (o.format < 0)
        return cli_usage_error(c, "--format '%s' is not one of auto, bin, hex, srec, elf, dfu",
                               format);
    struct stm32dfu_error_detail detail;
    memset(&detail, 0, sizeof(detail));
    int r = stm32dfu_load_image_file(file, &o, image, &detail);
    if (r == STM32DFU_ERROR_INVALID_ARGUMENT && !has_address)
        return cli_usage_error(c,
                               "%s is a raw binary: give the flash address with --address "
                               "(e.g. --address 0x08000000)",
                               file);
    if (r == STM32DFU_ERROR_INVALID_ARGUMENT)
        return cli_usage_error(c, "%s carries its own addresses: drop --address", file);
    if (r < 0)
        return cli_report_detail(c, file, &detail, r);
    return 0;
}
