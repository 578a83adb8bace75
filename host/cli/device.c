/* SPDX-License-Identifier: MIT */
/* Choosing and opening the device the options select, and waiting for one to
 * re-enumerate. */
#include <string.h>

#include "cli.h"

static void log_line(int level, const char *message, void *user_data)
{
    (void)level;
    (void)user_data;
    fprintf(stderr, "stm32dfu: %s\n", message);
}

int cli_context_new(struct cli_common *c, stm32dfu_context **ctx)
{
    int r = stm32dfu_new_context(ctx);
    c->ctx = r < 0 ? NULL : *ctx;
    if (r < 0) {
        cli_error(c,
                  "cannot start libusb (%s); check that /dev/bus/usb and /sys/bus/usb are readable",
                  stm32dfu_strerror(r));
        return cli_exit_code(r);
    }
    if (c->verbose)
        stm32dfu_set_log_cb(*ctx, c->verbose > 1 ? STM32DFU_LOG_DEBUG : STM32DFU_LOG_INFO, log_line,
                            NULL);
    return 0;
}

int cli_find_devices(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                     struct stm32dfu_device_info **list)
{
    struct stm32dfu_match m = {.serial = c->serial,
                               .path = c->path,
                               .dfu_mode = true,
                               .runtime = want_runtime,
                               .touch = want_runtime};
    return stm32dfu_get_device_list(ctx, &m, list);
}

static void print_candidates(const struct stm32dfu_device_info *list, int n)
{
    for (int i = 0; i < n; i++)
        fprintf(stderr, "  --path %s  --serial %s  %04x:%04x %s%s\n", list[i].path,
                list[i].serial[0] ? list[i].serial : "(none)", list[i].vid, list[i].pid,
                list[i].product, list[i].runtime ? " (application)" : "");
}

/* Nothing matched: when --serial or --path chose, the devices that are
 * present (the choice is the likely mistake, not the cable); otherwise, or
 * when none is present, what to check on the bus. */
static int report_none(const struct cli_common *c, stm32dfu_context *ctx)
{
    if (!c->serial && !c->path)
        return cli_report(c, "scan", NULL, STM32DFU_ERROR_NO_DEVICE);
    struct stm32dfu_match all = {.dfu_mode = true, .runtime = true, .touch = true};
    struct stm32dfu_device_info *list;
    int n = stm32dfu_get_device_list(ctx, &all, &list);
    if (n > 0) {
        cli_error(c, "no DFU device has %s%s%s%s%s; the DFU devices present are:",
                  c->serial ? "--serial " : "", c->serial ? c->serial : "",
                  c->serial && c->path ? " and " : "", c->path ? "--path " : "",
                  c->path ? c->path : "");
        print_candidates(list, n);
    }
    stm32dfu_free_device_list(list);
    return n > 0 ? cli_exit_code(STM32DFU_ERROR_NO_DEVICE)
                 : cli_report(c, "scan", NULL, STM32DFU_ERROR_NO_DEVICE);
}

/* With no bootloader present, an application that could detach is the
 * likely reason: name it and the option that handles it. */
static int report_no_bootloader(const struct cli_common *c, stm32dfu_context *ctx)
{
    struct stm32dfu_match m = {
        .serial = c->serial, .path = c->path, .runtime = true, .touch = true};
    struct stm32dfu_device_info *apps;
    int n = stm32dfu_get_device_list(ctx, &m, &apps);
    if (n > 0)
        cli_error(c,
                  "no bootloader found, but the application %04x:%04x on %s %s: run 'stm32dfu "
                  "detach' first%s",
                  apps[0].vid, apps[0].pid, apps[0].path,
                  (apps[0].detach_methods & STM32DFU_DETACH_DFU)
                      ? "can detach into one"
                      : "has a serial port (CDC-ACM) that may take the 1200-baud touch",
                  strcmp(c->command, "flash") == 0 ? ", or add --detach" : "");
    stm32dfu_free_device_list(apps);
    return n > 0 ? cli_exit_code(STM32DFU_ERROR_NO_DEVICE) : report_none(c, ctx);
}

int cli_pick_one(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                 const struct stm32dfu_device_info *list, int n)
{
    if (n < 0)
        return cli_report(c, "scan", NULL, n);
    if (n == 0 && !want_runtime)
        return report_no_bootloader(c, ctx);
    if (n == 0)
        return report_none(c, ctx);
    if (n > 1) {
        cli_error(c, "%d DFU devices match; choose one with --serial or --path:", n);
        print_candidates(list, n);
        return cli_exit_code(STM32DFU_ERROR_AMBIGUOUS);
    }
    return 0;
}

int cli_select_alt(const struct cli_common *c, stm32dfu_device *dev, uint32_t alt)
{
    int r = stm32dfu_set_alt(dev, alt);
    if (r == STM32DFU_ERROR_INVALID_ARGUMENT)
        return cli_usage_error(c, "--alt %u: the device has alternate settings 0 to %u", alt,
                               stm32dfu_get_device_info(dev)->alt_count - 1u);
    return r < 0 ? cli_report(c, "select alternate setting", dev, r) : 0;
}

int cli_open_device(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                    stm32dfu_device **dev)
{
    struct stm32dfu_device_info *list;
    int n = cli_find_devices(c, ctx, want_runtime, &list);
    int r = cli_pick_one(c, ctx, want_runtime, list, n);
    if (r) {
        stm32dfu_free_device_list(list);
        return r;
    }
    r = stm32dfu_open(ctx, &list[0], dev);
    stm32dfu_free_device_list(list);
    return r < 0 ? cli_report(c, "open", NULL, r) : 0;
}

int cli_wait_reenumeration(stm32dfu_context *ctx, const struct stm32dfu_device_info *old,
                           bool runtime, unsigned int timeout_ms, struct stm32dfu_device_info *info)
{
    struct stm32dfu_match m = {.path = old->path,
                               .dfu_mode = !runtime,
                               .runtime = runtime,
                               .touch = runtime,
                               .skip_address = old->address};
    return stm32dfu_wait_device(ctx, &m, timeout_ms, info);
}

/* After a detach no bootloader came: say what was sent, whether the
 * application is still there, and what to check. */
static int report_no_bootloader_after_detach(const struct cli_common *c, stm32dfu_context *ctx,
                                             const struct stm32dfu_device_info *app, bool touch)
{
    struct stm32dfu_match m = {.path = app->path, .runtime = true, .touch = true};
    struct stm32dfu_device_info *still;
    int n = stm32dfu_get_device_list(ctx, &m, &still);
    stm32dfu_free_device_list(still);
    unsigned int s = cli_timeout_ms(c) / 1000;
    if (touch && n > 0)
        cli_error(c,
                  "the application %04x:%04x on %s was sent the 1200-baud touch (line coding "
                  "1200 baud, then DTR dropped) but no bootloader appeared within %u s; it is "
                  "still running the application: its firmware does not enter the bootloader on "
                  "the touch (see stm32dfu_cdc_touch.h in docs/firmware.md); start the "
                  "bootloader with BOOT0 high instead",
                  app->vid, app->pid, app->path, s);
    else if (touch)
        cli_error(c,
                  "the application %04x:%04x on %s was sent the 1200-baud touch and left the "
                  "bus, but no bootloader appeared within %u s; check that the ROM bootloader "
                  "can be entered (BOOT0, the nBOOT0/nSWBOOT0 and BFB2 option bytes), then "
                  "power-cycle the board",
                  app->vid, app->pid, app->path, s);
    else
        cli_error(c,
                  "the application on %s detached but no bootloader appeared within %u s%s; "
                  "check that the firmware enters the ROM bootloader",
                  app->path, s, n > 0 ? " (it is still running the application)" : "");
    return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
}

/* After a detach: the ROM bootloader on the application's path fills rom; the application
 * coming back instead (a new address) is named at once, as the reset the firmware made booted
 * it again; nothing within --timeout is reported as such. */
static int wait_after_detach(const struct cli_common *c, stm32dfu_context *ctx,
                             const struct stm32dfu_device_info *app, bool touch,
                             struct stm32dfu_device_info *rom)
{
    struct stm32dfu_device_info back;
    int r = cli_wait_after_leave(ctx, app, cli_timeout_ms(c), &back);
    if (r == CLI_LEAVE_BOOTLOADER_BACK) {
        *rom = back;
        return 0;
    }
    if (r < 0)
        return report_no_bootloader_after_detach(c, ctx, app, touch);
    /* BFB2: the ROM starts a valid bank at once (research P14); RDP level 2: boot from system
     * memory is disabled (RM0090 Rev 19 §3.7.3). */
    cli_error(c,
              "the application %04x:%04x on %s was sent %s, left the bus and came back as the "
              "application, not the ROM bootloader: the reset it made boots the application "
              "again, as a dual-bank part does with BFB2 set (to clear BFB2, hold BOOT0 high at "
              "reset and run 'stm32dfu option-bytes --set BFB2=0'), or as any part does at read "
              "protection level 2 (RDP 0xCC disables the ROM bootloader for good); the device is "
              "running the application",
              app->vid, app->pid, back.path, touch ? "the 1200-baud touch" : "DFU_DETACH");
    return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
}

int cli_detach_application(const struct cli_common *c, stm32dfu_context *ctx,
                           const struct stm32dfu_device_info *app, struct stm32dfu_device_info *rom)
{
    bool touch = !(app->detach_methods & STM32DFU_DETACH_DFU);
    stm32dfu_device *dev;
    int r = stm32dfu_open(ctx, app, &dev);
    if (r == 0) {
        r = touch ? stm32dfu_touch(dev) : stm32dfu_detach(dev);
        stm32dfu_close(dev);
    }
    if (r < 0)
        return cli_report(c, "detach", NULL, r);
    return wait_after_detach(c, ctx, app, touch, rom);
}

int cli_detach_through_tty(const struct cli_common *c, stm32dfu_context *ctx,
                           const struct stm32dfu_device_info *app, const char *tty,
                           struct stm32dfu_device_info *rom)
{
    int r = cli_tty_touch(c, tty);
    if (r)
        return r;
    return wait_after_detach(c, ctx, app, true, rom);
}

int cli_wait_after_leave(stm32dfu_context *ctx, const struct stm32dfu_device_info *old,
                         unsigned int timeout_ms, struct stm32dfu_device_info *info)
{
    struct stm32dfu_match m = {.path = old->path,
                               .dfu_mode = true,
                               .runtime = true,
                               .touch = true,
                               .skip_address = old->address};
    int r = stm32dfu_wait_device(ctx, &m, timeout_ms, info);
    if (r < 0)
        return r;
    return info->runtime ? CLI_LEAVE_APPLICATION : CLI_LEAVE_BOOTLOADER_BACK;
}

int cli_report_bootloader_back(const struct cli_common *c, const char *path, uint32_t address)
{
    cli_error(c,
              "the ROM bootloader came back on %s after the leave, so the application at "
              "0x%08X did not start; the likely cause is that no valid vector table is there "
              "(initial SP inside SRAM, odd reset vector inside flash): check the address and "
              "the image's link address; the device is in its bootloader",
              path, (unsigned int)address);
    return cli_exit_code(STM32DFU_ERROR_PROTOCOL);
}

int cli_session_open(struct cli_common *c, bool want_runtime, stm32dfu_context **ctx,
                     stm32dfu_device **dev)
{
    *ctx = NULL;
    *dev = NULL;
    int r = cli_context_new(c, ctx);
    return r ? r : cli_open_device(c, *ctx, want_runtime, dev);
}

void cli_session_close(stm32dfu_context *ctx, stm32dfu_device *dev)
{
    stm32dfu_close(dev);
    stm32dfu_free_context(ctx);
}
