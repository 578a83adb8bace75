/* SPDX-License-Identifier: MIT */
/* After an option-byte write, for flash and option-bytes: what a failure
 * before the reset leaves, and the wait for the device to come back from the
 * reset that applies them, then their read-back (AN2662 Rev 1 §4.5.1). */
#include "cli.h"

int cli_report_option_write(const struct cli_common *c, stm32dfu_device *dev, int error)
{
    struct stm32dfu_dfu_status st;
    uint32_t address = UINT32_MAX;
    stm32dfu_get_last_status(dev, &st, &address);
    char where[32] = "";
    if (address != UINT32_MAX)
        snprintf(where, sizeof(where), " at 0x%08X", (unsigned int)address);
    if (error == STM32DFU_ERROR_DISCONNECTED || error == STM32DFU_ERROR_NO_DEVICE ||
        error == STM32DFU_ERROR_USB_IO) {
        cli_error(c,
                  "option-byte write%s failed: the device dropped off the bus (%s) before the "
                  "write started, so the old option bytes are still in place; power-cycle it, "
                  "check them with 'stm32dfu info', then run the command again",
                  where, stm32dfu_strerror(error));
        return cli_exit_code(error);
    }
    /* The ROM starts the write, and the reset that applies it, while it
     * answers the GETSTATUS after the data (AN2662 Rev 1 §4.5.1): a bad
     * answer leaves the outcome as open as no answer. */
    if (error == STM32DFU_ERROR_PROTOCOL) {
        cli_error(c,
                  "option-byte write%s failed: %s: the device answered with a reply DFU does "
                  "not allow, so whether the option bytes were written is unknown; power-cycle "
                  "it, check them with 'stm32dfu info', then run the command again if they "
                  "differ",
                  where, stm32dfu_strerror(error));
        return cli_exit_code(error);
    }
    if (error == STM32DFU_ERROR_TIMEOUT) {
        cli_error(c,
                  "option-byte write%s failed: the device stopped answering during the write, "
                  "so whether the option bytes were written is unknown; power-cycle it and "
                  "check them with 'stm32dfu info'",
                  where);
        return cli_exit_code(error);
    }
    return cli_report(c, "option-byte write", dev, error);
}

/* At RDP level 2 boot from system memory is disabled and JTAG/SWD is off for
 * good (RM0090 Rev 19 §3.7.3; AN2606: the ROM bootloader needs RDP below level
 * 2): the reset starts the application, or nothing, never the ROM. That is the
 * lock taking effect, but it cannot be read back, so the exit is not 0. */
static int report_level2(const struct cli_common *c, int r, const struct stm32dfu_device_info *back,
                         unsigned int timeout_ms)
{
    static const char state[] = "the chip is now permanently locked: RDP level 2, the ROM "
                                "bootloader disabled, JTAG/SWD debug access disabled, no way "
                                "back to level 0";
    if (r == CLI_LEAVE_APPLICATION)
        cli_error(c,
                  "RDP level 2 was asked; the device reset and came back as the application "
                  "(%04x:%04x), not the bootloader, which is what level 2 does; the option bytes "
                  "cannot be read back to verify it: %s",
                  back->vid, back->pid, state);
    else
        cli_error(c,
                  "RDP level 2 was asked; the device reset and nothing came back within %u s "
                  "(the bootloader is gone, and no application this tool can see started), which "
                  "is what level 2 does; the option bytes cannot be read back to verify it: %s",
                  timeout_ms / 1000, state);
    return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
}

/* Back as the application: the reset started the main flash, not the ROM. With
 * BOOT0 low it does unless the application's own request path asks for the ROM,
 * and with BFB2 set the ROM itself starts a valid bank (RM0351 §2.6 "Boot
 * configuration"; AN2606 "dual bank boot"; research P14). */
static int report_application(const struct cli_common *c, const struct stm32dfu_device_info *back,
                              unsigned int sets)
{
    const char *why = sets & CLI_OB_SETS_BFB2
                          ? "BFB2=1 now sends every reset to the application while BOOT0 is low; "
                            "to undo it, hold BOOT0 high at reset and run 'stm32dfu option-bytes "
                            "--set BFB2=0'"
                          : "with BOOT0 low a reset starts the application (and with BFB2 set "
                            "the ROM does too); hold BOOT0 high at reset to stay in the "
                            "bootloader, then check them with 'stm32dfu option-bytes'";
    cli_error(c,
              "the option bytes were written and the device reset to apply them, but it came "
              "back as the application (%04x:%04x), not the bootloader, so they could not be "
              "read back: %s",
              back->vid, back->pid, why);
    return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
}

int cli_reopen_after_option_reset(const struct cli_common *c, stm32dfu_context *ctx,
                                  const struct stm32dfu_device_info *old, unsigned int sets,
                                  stm32dfu_device **dev, struct cli_option_bytes *ob)
{
    unsigned int timeout_ms = cli_timeout_ms(c);
    struct stm32dfu_device_info back;
    *dev = NULL;
    int r = cli_wait_after_leave(ctx, old, timeout_ms, &back);
    if ((sets & CLI_OB_SETS_LEVEL2) && (r == CLI_LEAVE_APPLICATION || r < 0))
        return report_level2(c, r, &back, timeout_ms);
    if (r == CLI_LEAVE_APPLICATION)
        return report_application(c, &back, sets);
    if (r < 0) {
        cli_error(c,
                  "the device reset to apply the option bytes and did not come back within %u s, "
                  "so they could not be checked; power-cycle it (holding BOOT0 high if its flash "
                  "holds no application, which with BOOT0 low starts nothing), then check them "
                  "with 'stm32dfu info'",
                  timeout_ms / 1000);
        return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
    }
    r = stm32dfu_open(ctx, &back, dev);
    if (r < 0)
        return cli_report(c, "open after the option-byte reset", NULL, r);
    cli_read_option_bytes(*dev, ob);
    return 0;
}

void cli_read_option_bytes(stm32dfu_device *dev, struct cli_option_bytes *ob)
{
    ob->count = stm32dfu_read_option_bytes(dev, ob->bytes, sizeof(ob->bytes), &ob->address);
    struct stm32dfu_dfu_status st;
    stm32dfu_get_last_status(dev, &st, NULL);
    ob->refused =
        ob->count == STM32DFU_ERROR_DEVICE_STATUS && st.bStatus == STM32DFU_STATUS_ERR_VENDOR;
}
