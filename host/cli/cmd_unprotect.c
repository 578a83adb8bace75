/* SPDX-License-Identifier: MIT */
/* stm32dfu unprotect --force: remove read protection (erases all flash). */
#include <getopt.h>

#include "cli.h"

/* The ROM erases the flash and resets (AN2662 Rev 1 p. 78); Betaflight waits
 * at least 20 s for it (docs/research/host_side.md#s1.6). */
#define UNPROTECT_TIMEOUT_MS 30000u

static const char unprotect_help[] =
    "usage: stm32dfu unprotect --force [options]\n"
    "Remove read protection (RDP level 1 to 0). The device then erases ALL of its\n"
    "flash and resets; this cannot be undone. The level is read first: a device that\n"
    "is not read-protected is left untouched (exit 0).\n"
    "\n"
    "  --force           confirm\n" CLI_COMMON_HELP "\n"
    "exit codes: 0 done (or not read-protected), 64 usage (no --force), 69 no device or it\n"
    "did not come back, 74 USB failure, 76 device error, 77 permission denied\n";

/* A refused read (errVENDOR) is active protection; a series whose RDP byte is
 * not known cannot be checked first, so the command goes ahead as asked. */
static bool protection_possible(stm32dfu_device *dev, int level)
{
    struct stm32dfu_dfu_status st;
    stm32dfu_get_last_status(dev, &st, NULL);
    return level > 0 || level == STM32DFU_ERROR_UNSUPPORTED ||
           (level == STM32DFU_ERROR_DEVICE_STATUS && st.bStatus == STM32DFU_STATUS_ERR_VENDOR);
}

int cmd_unprotect(int argc, char **argv)
{
    static const struct option options[] = {
        {"force", no_argument, NULL, OPT_FORCE},
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    bool force = false;
    const struct cli_parser parser = {.shortopts = "vh",
                                      .options = options,
                                      .help = unprotect_help,
                                      .handle = cli_force_option,
                                      .user = &force};
    struct cli_common c = {.command = "unprotect"};
    int r = cli_parse(argc, argv, &parser, &c, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : r;
    if (!force)
        return cli_usage_error(&c, "removing read protection erases the whole flash; add "
                                   "--force to confirm");
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&c, false, &ctx, &dev);
    uint8_t rdp;
    int level = r == 0 ? stm32dfu_read_protection_level(dev, &rdp) : 0;
    if (r == 0 && level == 0) {
        printf("%s: not read-protected (RDP 0x%02X, level 0); nothing was erased\n",
               stm32dfu_get_device_info(dev)->path, rdp);
    } else if (r == 0 && !protection_possible(dev, level)) {
        r = cli_report(&c, "read-protection check", dev, level);
    } else if (r == 0) {
        struct stm32dfu_device_info info = *stm32dfu_get_device_info(dev);
        int e = stm32dfu_read_unprotect(dev);
        r = e < 0 ? cli_report(&c, "unprotect", dev, e) : 0;
        stm32dfu_close(dev);
        dev = NULL;
        struct stm32dfu_device_info rom;
        if (r == 0 && cli_wait_reenumeration(ctx, &info, false, UNPROTECT_TIMEOUT_MS, &rom) == 0)
            printf("%s: read protection removed, flash erased, bootloader ready\n", rom.path);
        else if (r == 0) {
            cli_error(&c,
                      "the device accepted Read Unprotect but did not come back within %u s, so "
                      "the result is not known; power-cycle it and check with 'stm32dfu info'",
                      UNPROTECT_TIMEOUT_MS / 1000);
            r = cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
        }
    }
    cli_session_close(ctx, dev);
    return r;
}
