/* SPDX-License-Identifier: MIT */
/* stm32dfu info: memory map, read protection and option bytes of one device. */
#include <getopt.h>

#include "cli.h"

#define MAX_OPTION_BYTES 128

static const char info_help[] =
    "usage: stm32dfu info [options]\n"
    "Show the device's memory map, its read-protection level and option bytes.\n"
    "\n"
    "  --json            print one JSON object on stdout\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 done, 64 usage, 69 no device, 74 USB failure, 77 permission denied\n";

/* What the option bytes say about read protection. */
struct protection {
    /* bytes read, or the enum stm32dfu_error of the read */
    int count;
    uint8_t bytes[MAX_OPTION_BYTES];
    uint32_t base;
    /* the read was refused with errVENDOR: protection is active */
    bool refused;
    /* bStatus of a refused read */
    uint8_t bStatus;
    /* the RDP byte's level, -1 when the series does not say where it is */
    int rdp_level;
    uint8_t rdp;
};

static void read_protection(stm32dfu_device *dev, struct protection *p)
{
    const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
    p->count = stm32dfu_read_option_bytes(dev, p->bytes, sizeof(p->bytes), &p->base);
    struct stm32dfu_dfu_status st;
    stm32dfu_get_last_status(dev, &st, NULL);
    p->bStatus = st.bStatus;
    p->refused =
        p->count == STM32DFU_ERROR_DEVICE_STATUS && st.bStatus == STM32DFU_STATUS_ERR_VENDOR;
    p->rdp_level = -1;
    for (unsigned int alt = 0; p->count > 0 && alt < info->alt_count; alt++) {
        uint32_t at;
        if (stm32dfu_rdp_byte_address(info, alt, &at) && at >= p->base &&
            at - p->base < (uint32_t)p->count) {
            p->rdp = p->bytes[at - p->base];
            p->rdp_level = stm32dfu_rdp_level(info, p->rdp);
            break;
        }
    }
}

static void print_protection(const struct protection *p)
{
    if (p->refused) {
        printf("read protection: active (the device refuses reads: errVENDOR); "
               "'stm32dfu unprotect --force' removes it and erases the flash\n");
        return;
    }
    if (p->count < 0) {
        bool status = p->count == STM32DFU_ERROR_DEVICE_STATUS;
        printf("option bytes: not readable (%s%s%s)\n", stm32dfu_strerror(p->count),
               status ? ": " : "", status ? stm32dfu_status_name(p->bStatus) : "");
        return;
    }
    printf("option bytes at 0x%08X:", (unsigned int)p->base);
    for (int i = 0; i < p->count; i++)
        printf("%s%02X", i % 16 ? " " : "\n  ", p->bytes[i]);
    printf("\n");
    if (p->rdp_level >= 0)
        printf("read protection: level %d (RDP 0x%02X)\n", p->rdp_level, p->rdp);
}

static void print_text(const struct stm32dfu_device_info *info, const struct protection *p)
{
    const char *series = stm32dfu_series_name(info);
    printf("device %s  %04x:%04x  bcdDevice %04x  serial %s\n", info->path, info->vid, info->pid,
           info->bcd_device, info->serial);
    printf("series: %s\n", series[0] ? series : "not recognised");
    printf("DFU %x.%02x, transfer size %u bytes, attributes 0x%02X\n", info->bcd_dfu >> 8,
           info->bcd_dfu & 0xFF, info->transfer_size, info->attributes);
    for (unsigned int a = 0; a < info->alt_count; a++) {
        printf("alt %u: %s\n", a, info->alt_names[a]);
        cli_print_memory_map(info->alt_names[a], "  ");
    }
    print_protection(p);
    if (p->count > 0)
        cli_print_option_fields(info, p->bytes, (size_t)p->count);
}

/* The device object of list --json, plus "option_bytes" (address and hex
 * bytes, null when not readable), "read_protected" and "rdp_level". */
static void print_json(const struct stm32dfu_device_info *info, const struct protection *p)
{
    printf("{");
    cli_json_device_fields(info);
    if (p->count >= 0) {
        printf(",\"option_bytes\":");
        cli_json_option_bytes(info, p->base, p->bytes, (size_t)p->count);
    } else {
        printf(",\"option_bytes\":null");
    }
    printf(",\"read_protected\":%s,\"rdp_level\":",
           p->refused || p->rdp_level > 0 ? "true" : "false");
    if (p->rdp_level >= 0)
        printf("%d}\n", p->rdp_level);
    else
        printf("null}\n");
}

int cmd_info(int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_parser parser = {
        .shortopts = "vh", .options = options, .help = info_help, .handle = cli_json_option};
    struct cli_common c = {.command = "info"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, false, &ctx, &dev);
    if (r == 0) {
        struct protection p;
        read_protection(dev, &p);
        if (c.json)
            print_json(stm32dfu_get_device_info(dev), &p);
        else
            print_text(stm32dfu_get_device_info(dev), &p);
    }
    cli_session_close(ctx, dev);
    return r;
}
