/* stm32dfu info: memory map, read protection and option bytes of one device. */
#include <getopt.h>

#include "cli.h"

#define MAX_OPTION_BYTES 128

static const char info_help[] =
    "usage: stm32dfu info [options]\n"
    "Show the device's memory map, its read-protection level and option bytes.\n" CLI_COMMON_HELP
    "\n"
    "exit codes: 0 done, 64 usage, 69 no device, 74 USB failure, 77 permission denied\n";

static void print_protection(stm32dfu_device *dev)
{
    const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
    uint8_t bytes[MAX_OPTION_BYTES];
    uint32_t base = 0, rdp_address = 0;
    int n = stm32dfu_read_option_bytes(dev, bytes, sizeof(bytes), &base);
    struct stm32dfu_dfu_status st;
    stm32dfu_get_last_status(dev, &st, NULL);
    if (n == STM32DFU_ERROR_DEVICE_STATUS && st.bStatus == STM32DFU_STATUS_ERR_VENDOR) {
        printf("read protection: active (the device refuses reads: errVENDOR); "
               "'stm32dfu unprotect --force' removes it and erases the flash\n");
        return;
    }
    if (n < 0) {
        printf("option bytes: not readable (%s%s%s)\n", stm32dfu_strerror(n),
               n == STM32DFU_ERROR_DEVICE_STATUS ? ": " : "",
               n == STM32DFU_ERROR_DEVICE_STATUS ? stm32dfu_status_name(st.bStatus) : "");
        return;
    }
    printf("option bytes at 0x%08X:", (unsigned int)base);
    for (int i = 0; i < n; i++)
        printf("%s%02X", i % 16 ? " " : "\n  ", bytes[i]);
    printf("\n");
    for (unsigned int alt = 0; alt < info->alt_count; alt++) {
        if (!stm32dfu_rdp_byte_address(info, alt, &rdp_address) || rdp_address < base ||
            rdp_address - base >= (uint32_t)n)
            continue;
        uint8_t rdp = bytes[rdp_address - base];
        printf("read protection: level %d (RDP 0x%02X)\n", stm32dfu_rdp_level(info, rdp), rdp);
    }
}

int cmd_info(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_parser parser = {
        .shortopts = "vh", .options = options, .help = info_help};
    struct cli_common c = {.command = "info"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_context *ctx;
    stm32dfu_device *dev;
    r = cli_session_open(&c, false, &ctx, &dev);
    if (r == 0) {
        const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
        const char *series = stm32dfu_series_name(info);
        printf("device %s  %04x:%04x  bcdDevice %04x  serial %s\n", info->path, info->vid,
               info->pid, info->bcd_device, info->serial);
        printf("series: %s\n", series[0] ? series : "not recognised");
        printf("DFU %x.%02x, transfer size %u bytes, attributes 0x%02X\n", info->bcd_dfu >> 8,
               info->bcd_dfu & 0xFF, info->transfer_size, info->attributes);
        for (unsigned int a = 0; a < info->alt_count; a++) {
            printf("alt %u: %s\n", a, info->alt_names[a]);
            cli_print_memory_map(info->alt_names[a], "  ");
        }
        print_protection(dev);
    }
    cli_session_close(ctx, dev);
    return r;
}
