/* Loading the input file of flash and verify, with --format and --address. */
#include <string.h>
#include <strings.h>

#include "cli.h"

static const struct {
    const char *name;
    int format;
} format_names[] = {
    {"auto", STM32DFU_FORMAT_AUTO}, {"bin", STM32DFU_FORMAT_BIN},   {"hex", STM32DFU_FORMAT_IHEX},
    {"ihex", STM32DFU_FORMAT_IHEX}, {"srec", STM32DFU_FORMAT_SREC}, {"elf", STM32DFU_FORMAT_ELF},
    {"dfu", STM32DFU_FORMAT_DFUSE},
};

int cli_load_image(const struct cli_common *c, const char *file, const char *format,
                   bool has_address, uint32_t address, stm32dfu_image **image)
{
    struct stm32dfu_load_options o = {
        .format = -1, .has_base_address = has_address, .base_address = address};
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
    int r = stm32dfu_image_load_file(file, &o, image, &detail);
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
