/* SPDX-License-Identifier: MIT */
/* stm32dfu list: the DFU devices present, bootloaders and applications. */
#include <getopt.h>

#include "cli.h"

static const char list_help[] =
    "usage: stm32dfu list [options]\n"
    "List STM32 ROM bootloaders and applications with a DFU runtime interface or a\n"
    "CDC-ACM serial port: bus path, serial number, series, how each application can\n"
    "be detached, alternate settings and their parsed memory maps.\n"
    "\n"
    "  --json            print a JSON array on stdout\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 (also when no device is present), 64 usage\n";

static void print_text(const struct stm32dfu_device_info *d)
{
    const char *series = stm32dfu_series_name(d);
    printf("%s  %04x:%04x  %s  serial %s  %s%s%s\n", d->path, d->vid, d->pid,
           d->runtime ? "application" : "bootloader", d->serial[0] ? d->serial : "(none)",
           d->product, series[0] ? "  " : "", series);
    if (!d->readable && d->open_error == STM32DFU_ERROR_ACCESS)
        printf("  (permission denied: " CLI_UDEV_RULES_HINT ")\n");
    else if (!d->readable)
        printf("  (cannot open: %s)\n", stm32dfu_strerror(d->open_error));
    if (d->detach_methods & STM32DFU_DETACH_DFU)
        printf("  detach: DFU_DETACH to its DFU runtime interface %u: stm32dfu detach --path %s\n",
               d->interface_number, d->path);
    else if (d->detach_methods & STM32DFU_DETACH_TOUCH)
        printf("  detach: 1200-baud touch to its CDC-ACM interface %u, if its firmware takes it: "
               "stm32dfu detach --path %s\n",
               d->cdc_interface_number, d->path);
    if (!d->readable && d->alt_count) {
        /* The names (and memory maps) are strings the device must be opened for. */
        printf("  %u alternate settings, names not readable\n", d->alt_count);
        return;
    }
    for (unsigned int a = 0; a < d->alt_count; a++) {
        printf("  alt %u: %s\n", a, d->alt_names[a]);
        cli_print_memory_map(d->alt_names[a], "    ");
    }
}

int cmd_list(int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_parser parser = {
        .shortopts = "vh", .options = options, .help = list_help, .handle = cli_json_option};
    struct cli_common c = {.command = "list"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    stm32dfu_context *ctx = NULL;
    struct stm32dfu_device_info *list = NULL;
    r = cli_context_new(&c, &ctx);
    int n = r ? 0 : cli_find_devices(&c, ctx, true, &list);
    if (n < 0)
        r = cli_report(&c, "scan", NULL, n);
    if (r) {
        stm32dfu_free_context(ctx);
        return r;
    }
    if (c.json)
        printf("[");
    for (int i = 0; i < n; i++) {
        if (c.json) {
            printf("%s", i ? "," : "");
            printf("{");
            cli_json_device_fields(&list[i]);
            printf("}");
        } else {
            print_text(&list[i]);
        }
    }
    if (c.json)
        printf("]\n");
    else if (n == 0)
        fprintf(stderr, "stm32dfu: list: no DFU device found; check the USB cable, that BOOT0 "
                        "is high at reset, and the udev rules\n");
    stm32dfu_free_device_list(list);
    stm32dfu_free_context(ctx);
    return 0;
}
