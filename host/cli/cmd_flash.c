/* SPDX-License-Identifier: MIT */
/* stm32dfu flash FILE: check the image against the device, erase, write,
 * verify, leave. With --all, every matching device at once (one thread each). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"

static const char flash_help[] =
    "usage: stm32dfu flash [options] FILE\n"
    "Write FILE (.bin, Intel HEX, S-record, ELF or DfuSe .dfu) into the device's flash:\n"
    "erase the touched sectors, write, verify by reading back, then start the application\n"
    "at the image's lowest flash address, which must hold a vector table (initial SP in\n"
    "SRAM, odd reset vector in flash). Nothing is erased if the image does not fit the\n"
    "device's memory map or cannot be started.\n"
    "\n"
    "  -a, --address ADDR       where a .bin file goes (e.g. 0x08000000)\n"
    "  --format FMT             auto (default), bin, hex, srec, elf, dfu\n"
    "  --no-verify              skip the read-back verify\n"
    "  --no-leave               stay in the bootloader afterwards\n"
    "  --leave-address ADDR     start the application whose vector table is at ADDR\n"
    "  --skip-unchanged         read each sector first; leave sectors that already match\n"
    "  --detach                 detach a running application into its bootloader first\n"
    "  --tty DEV                with --detach: send the 1200-baud touch through this serial\n"
    "                           port (open at 1200 baud, drop DTR, close) instead of libusb\n"
    "  --timeout SECONDS        how long to wait for the bootloader after --detach and for\n"
    "                           the application after leaving (1 to 600, default 10)\n"
    "  --all                    flash every matching device at once\n"
    "  --fast-poll              poll without waiting the time the device asks for, on the\n"
    "                           series whose ROM is known to allow it (see the man page)\n"
    "  --allow-permanent-lock   allow option bytes that set read protection level 2\n"
    "  --ignore-suffix-id       flash a file whose DFU suffix names another USB VID:PID\n"
    "  --json                   print the result as JSON on stdout\n" CLI_COMMON_HELP "\n"
    "exit 0: every byte of FILE is on the device (read back unless --no-verify), every\n"
    "sector it touches was erased or read blank in full, and unless --no-leave the\n"
    "application was started and the bootloader did not come back.\n"
    "exit codes: 0 done, 64 usage, 65 bad image (nothing touched), 66 cannot read FILE,\n"
    "69 no device (or it did not come back after an option-byte reset), 74 USB failure,\n"
    "76 device error, verify mismatch, or the bootloader came back after the leave,\n"
    "77 permission denied\n";

struct flash_args {
    struct cli_common common;
    const char *file;
    struct cli_input input;
    bool no_verify;
    bool no_leave;
    bool skip_unchanged;
    bool detach;
    /* --tty: the serial port the touch goes through, and its USB path */
    const char *tty;
    char tty_path[32];
    bool all;
    bool allow_permanent_lock;
    bool ignore_suffix_id;
    bool has_leave_address;
    uint32_t leave_address;
    const stm32dfu_image *image;
};

struct flash_job {
    const struct flash_args *args;
    struct stm32dfu_device_info info;
    struct cli_common common;
    int exit_code;
    struct stm32dfu_flash_report report;
    /* the image has data for alternate setting 0, the internal flash */
    bool has_flash;
    /* where the leave starts the application */
    uint32_t leave_address;
    /* the option-byte target whose write reset the device, NULL if none */
    const struct stm32dfu_image_target *option_target;
    /* after that reset, the option bytes read back equal the image's, or the
     * read was refused because the image turns read protection on */
    bool option_bytes_confirmed;
    bool read_protected_now;
    bool left;
    bool app_seen;
    struct stm32dfu_device_info app;
    /* the application's IDs when --detach found one, else 0 */
    uint16_t runtime_vid, runtime_pid;
    pthread_t thread;
    /* thread runs this job (--all with several devices) */
    bool threaded;
};

static int flash_option(struct cli_common *c, int opt, const char *arg, void *user)
{
    struct flash_args *a = user;
    switch (opt) {
    case OPT_NO_VERIFY:
        a->no_verify = true;
        return 0;
    case OPT_NO_LEAVE:
        a->no_leave = true;
        return 0;
    case OPT_SKIP_UNCHANGED:
        a->skip_unchanged = true;
        return 0;
    case OPT_DETACH:
        a->detach = true;
        return 0;
    case OPT_TTY:
        a->tty = arg;
        return 0;
    case OPT_ALL:
        a->all = true;
        return 0;
    case OPT_ALLOW_PERMANENT_LOCK:
        a->allow_permanent_lock = true;
        return 0;
    case OPT_IGNORE_SUFFIX_ID:
        a->ignore_suffix_id = true;
        return 0;
    case OPT_JSON:
        return cli_json_option(c, opt, arg, NULL);
    case OPT_LEAVE_ADDRESS:
        a->has_leave_address = true;
        return cli_parse_u32(c, "leave-address", arg, &a->leave_address) ? 0 : EX_USAGE;
    default:
        return cli_input_option(c, opt, arg, &a->input);
    }
}

static int parse_args(int argc, char **argv, struct flash_args *a)
{
    static const struct option options[] = {
        {"address", required_argument, NULL, 'a'},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
        {"no-leave", no_argument, NULL, OPT_NO_LEAVE},
        {"leave-address", required_argument, NULL, OPT_LEAVE_ADDRESS},
        {"skip-unchanged", no_argument, NULL, OPT_SKIP_UNCHANGED},
        {"detach", no_argument, NULL, OPT_DETACH},
        {"tty", required_argument, NULL, OPT_TTY},
        {"all", no_argument, NULL, OPT_ALL},
        {"allow-permanent-lock", no_argument, NULL, OPT_ALLOW_PERMANENT_LOCK},
        {"ignore-suffix-id", no_argument, NULL, OPT_IGNORE_SUFFIX_ID},
        {"json", no_argument, NULL, OPT_JSON},
        CLI_FAST_POLL_LONG_OPTION,
        CLI_TIMEOUT_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const struct cli_parser parser = {.shortopts = "a:vh",
                                      .options = options,
                                      .help = flash_help,
                                      .takes_file = true,
                                      .handle = flash_option,
                                      .user = a};
    int r = cli_parse(argc, argv, &parser, &a->common, &a->file);
    if (r == 0 && a->no_leave && a->has_leave_address)
        return cli_usage_error(&a->common, "--leave-address and --no-leave contradict each other");
    if (r == 0 && a->tty && (!a->detach || a->all))
        return cli_usage_error(&a->common, "--tty %s goes with --detach, for one device", a->tty);
    /* The application is the one on the serial port's USB path. */
    if (r == 0 && a->tty && !a->common.path) {
        if (cli_tty_usb_path(a->tty, a->tty_path, sizeof(a->tty_path)) < 0)
            return cli_usage_error(&a->common,
                                   "--tty %s: cannot tell which USB device it belongs to (no "
                                   "/sys/class/tty/NAME/device); give its bus path with --path",
                                   a->tty);
        a->common.path = a->tty_path;
    }
    return r;
}

/* The RDP level the image's option bytes for alt set (stm32dfu_rdp_level()),
 * or -1 when the image does not write the RDP byte; *value and *at: that byte
 * and its address. */
static int image_rdp_level(const struct flash_job *job, uint8_t alt, uint8_t *value, uint32_t *at)
{
    if (!stm32dfu_rdp_byte_address(&job->info, alt, at) ||
        stm32dfu_image_read(job->args->image, alt, *at, value, 1, 0xFF) != 1)
        return -1;
    return stm32dfu_rdp_level(&job->info, *value);
}

/* Refuses option bytes that would set RDP level 2 (permanent, AN3156 Rev 17
 * §6.3 note; RM0090 Rev 19 §3.7.3) unless --allow-permanent-lock. */
static int check_permanent_lock(struct flash_job *job, uint8_t alt)
{
    uint32_t rdp;
    uint8_t value;
    if (job->args->allow_permanent_lock || image_rdp_level(job, alt, &value, &rdp) != 2)
        return 0;
    cli_error(&job->common,
              "the option bytes in the image set read protection level 2 (RDP byte 0x%02X at "
              "0x%08X), which locks the chip for good; give --allow-permanent-lock if you "
              "mean it",
              value, (unsigned int)rdp);
    return cli_exit_code(STM32DFU_ERROR_NOT_CONFIRMED);
}

/* The suffix's IDs, 0xFFFF a wildcard per field (DFU 1.1 Appendix B,
 * table B-1), against a device's. */
static bool suffix_names(const struct stm32dfu_dfu_suffix *s, uint16_t vid, uint16_t pid)
{
    return (s->idVendor == 0xFFFF || s->idVendor == vid) &&
           (s->idProduct == 0xFFFF || s->idProduct == pid);
}

/* A file whose DFU suffix names another device is refused unless
 * --ignore-suffix-id; the bootloader's IDs and, after --detach, the
 * application's both count (a DFU file may name either mode). */
static int check_suffix_id(struct flash_job *job)
{
    struct stm32dfu_dfu_suffix s;
    if (job->args->ignore_suffix_id || !stm32dfu_image_get_suffix(job->args->image, &s) ||
        suffix_names(&s, job->info.vid, job->info.pid) ||
        (job->runtime_vid && suffix_names(&s, job->runtime_vid, job->runtime_pid)))
        return 0;
    cli_error(&job->common,
              "%s: the file's DFU suffix is for USB device %04x:%04x, but this device is "
              "%04x:%04x (%s); nothing was erased; check that the file is for this board, or "
              "give --ignore-suffix-id to flash it anyway",
              job->args->file, s.idVendor, s.idProduct, job->info.vid, job->info.pid,
              job->info.path);
    return EX_DATAERR;
}

/* Decides where the leave starts the application: --leave-address, or the
 * image's lowest flash address once its first two words look like a vector
 * table; otherwise nothing is erased and the fix is named. */
static int check_leave(struct flash_job *job, const struct stm32dfu_image_target *targets, int n)
{
    const struct flash_args *a = job->args;
    for (int i = 0; i < n; i++)
        job->has_flash |= targets[i].alt == 0 && targets[i].segment_count > 0;
    if (!job->has_flash || a->no_leave)
        return 0;
    if (a->has_leave_address) {
        job->leave_address = a->leave_address;
        return 0;
    }
    job->leave_address = targets[0].segments[0].address;
    uint8_t table[8];
    size_t held = stm32dfu_image_read(a->image, 0, job->leave_address, table, sizeof(table), 0xFF);
    struct stm32dfu_error_detail detail = {0};
    int r = held == sizeof(table)
                ? stm32dfu_check_vector_table(&job->info, job->leave_address, table, &detail)
                : STM32DFU_ERROR_FORMAT;
    if (held != sizeof(table))
        snprintf(detail.message, sizeof(detail.message), "it holds only %zu of the 8 bytes", held);
    if (r == STM32DFU_ERROR_FORMAT) {
        cli_error(&job->common,
                  "%s: the image's lowest flash address 0x%08X does not hold a vector table "
                  "(%s), so the application cannot be started there; give its vector table "
                  "with --leave-address ADDR, or --no-leave to stay in the bootloader; nothing "
                  "was erased",
                  a->file, (unsigned int)job->leave_address, detail.message);
        return EX_DATAERR;
    }
    return r < 0 ? cli_report(&job->common, "check", NULL, r) : 0;
}

/* Checks every target of the image before anything is erased. */
static int check_image(struct flash_job *job, stm32dfu_device *dev)
{
    int r = check_suffix_id(job);
    if (r)
        return r;
    const struct stm32dfu_image_target *targets;
    size_t n = stm32dfu_image_get_targets(job->args->image, &targets);
    for (size_t i = 0; i < n; i++) {
        r = stm32dfu_set_alt(dev, targets[i].alt);
        if (r == STM32DFU_ERROR_INVALID_ARGUMENT) {
            cli_error(&job->common,
                      "%s: the image has data for alternate setting %u, which the "
                      "device does not have; check that the file is for this chip",
                      job->args->file, targets[i].alt);
            return EX_DATAERR;
        }
        struct stm32dfu_error_detail detail = {0};
        if (r == 0)
            r = stm32dfu_check_segments(dev, targets[i].segments, targets[i].segment_count,
                                        &detail);
        if (r == STM32DFU_ERROR_OUT_OF_RANGE) {
            cli_error(&job->common, "%s: %s; nothing was erased", job->args->file, detail.message);
            return cli_exit_code(r);
        }
        if (r == STM32DFU_ERROR_UNSUPPORTED) {
            cli_error(&job->common,
                      "the device's memory layout of alternate setting %u is unreadable (\"%s\"), "
                      "so the image cannot be checked against it; nothing was erased; check the "
                      "cable, replug the device and run the command again",
                      targets[i].alt, stm32dfu_get_device_info(dev)->alt_names[targets[i].alt]);
            return cli_exit_code(STM32DFU_ERROR_PROTOCOL);
        }
        if (r < 0)
            return cli_report(&job->common, "check", dev, r);
        r = check_permanent_lock(job, targets[i].alt);
        if (r)
            return r;
    }
    return check_leave(job, targets, n);
}

/* A failed option-byte write before the reset changed nothing, but a device
 * that dropped off the bus or stopped answering needs a power cycle. */
static int report_write_failure(struct flash_job *job, stm32dfu_device *dev, uint8_t alt,
                                const struct cli_progress *prog, int r)
{
    uint32_t rdp;
    if (stm32dfu_rdp_byte_address(&job->info, alt, &rdp))
        return cli_report_option_write(&job->common, dev, r);
    return cli_report(&job->common, cli_phase_name(prog->phase, "flash"), dev, r);
}

static int write_targets(struct flash_job *job, stm32dfu_device *dev, struct cli_progress *prog)
{
    const struct stm32dfu_image_target *targets;
    size_t n = stm32dfu_image_get_targets(job->args->image, &targets);
    struct stm32dfu_flash_options o = {.no_verify = job->args->no_verify,
                                       .skip_unchanged = job->args->skip_unchanged,
                                       .skip_blank_erase = true,
                                       .progress_cb = cli_progress_cb,
                                       .user_data = prog};
    for (size_t i = 0; i < n; i++) {
        int r = stm32dfu_set_alt(dev, targets[i].alt);
        struct stm32dfu_flash_report rep;
        memset(&rep, 0, sizeof(rep));
        if (r == 0)
            r = stm32dfu_flash(dev, targets[i].segments, targets[i].segment_count, &o, &rep);
        cli_progress_end(prog);
        /* Counted also after a failure: --json says what was done. */
        job->report.sectors_touched += rep.sectors_touched;
        job->report.sectors_erased += rep.sectors_erased;
        job->report.mass_erase |= rep.mass_erase;
        job->report.sectors_unchanged += rep.sectors_unchanged;
        job->report.bytes_written += rep.bytes_written;
        job->report.bytes_verified += rep.bytes_verified;
        if (r < 0)
            return report_write_failure(job, dev, targets[i].alt, prog, r);
        if (rep.device_reset && i + 1 < n) {
            cli_error(&job->common,
                      "%s: the device reset to apply its option bytes before the "
                      "targets after alternate setting %u were written; put the "
                      "option bytes last, or flash them separately",
                      job->args->file, targets[i].alt);
            return EX_DATAERR;
        }
        job->report.device_reset = rep.device_reset;
        if (rep.device_reset)
            job->option_target = &targets[i];
    }
    return 0;
}

/* Leave with the pointer at the application's vector table, then wait for
 * it to enumerate; the bootloader coming back means it did not start. */
static int leave_and_wait(struct flash_job *job, stm32dfu_context *ctx, stm32dfu_device *dev)
{
    int r = stm32dfu_set_alt(dev, 0);
    if (r == 0)
        r = stm32dfu_leave(dev, job->leave_address);
    if (r < 0)
        return cli_report(&job->common, "leave", dev, r);
    if (!job->threaded)
        cli_interrupt_left();
    job->left = true;
    stm32dfu_close(dev);
    int back = cli_wait_after_leave(ctx, &job->info, cli_timeout_ms(&job->common), &job->app);
    if (back == CLI_LEAVE_BOOTLOADER_BACK)
        return cli_report_bootloader_back(&job->common, job->info.path, job->leave_address);
    job->app_seen = back == CLI_LEAVE_APPLICATION;
    return 0;
}

/* --detach: a running application goes to its bootloader first. */
static int detach_first(struct flash_job *job, stm32dfu_context *ctx)
{
    if (!job->info.runtime)
        return 0;
    job->runtime_vid = job->info.vid;
    job->runtime_pid = job->info.pid;
    struct stm32dfu_device_info rom;
    int r = job->args->tty
                ? cli_detach_through_tty(&job->common, ctx, &job->info, job->args->tty, &rom)
                : cli_detach_application(&job->common, ctx, &job->info, &rom);
    if (r == 0)
        job->info = rom;
    return r;
}

/* Whether the image's option bytes set read protection level 1. */
/* The RDP level the image's option bytes set, -1 when they leave RDP alone. */
static int option_target_rdp_level(const struct flash_job *job)
{
    uint32_t rdp;
    uint8_t value;
    return image_rdp_level(job, job->option_target->alt, &value, &rdp);
}

/* Compares the option bytes read back at address with the image's. */
static int compare_option_bytes(struct flash_job *job, const uint8_t *back, size_t n,
                                uint32_t address)
{
    const struct stm32dfu_segment *seg = &job->option_target->segments[0];
    for (size_t k = 0; k < n; k++) {
        uint64_t a = (uint64_t)address + k;
        if (a < seg->address || a >= (uint64_t)seg->address + seg->len_bytes)
            continue;
        uint8_t want = seg->data[a - seg->address];
        if (back[k] != want) {
            cli_error(&job->common,
                      "the option bytes read back after the reset differ from the image at "
                      "0x%08X (written 0x%02X, read 0x%02X); the device is in its bootloader "
                      "with these option bytes: check them with 'stm32dfu info' and write them "
                      "again",
                      (unsigned int)a, want, back[k]);
            return cli_exit_code(STM32DFU_ERROR_VERIFY);
        }
        job->report.bytes_verified++;
    }
    job->option_bytes_confirmed = true;
    return 0;
}

/* The ROM resets to apply option bytes: wait for it to come back, then read
 * them back and compare (AN2662 Rev 1 §4.5.1). */
static int confirm_option_bytes(struct flash_job *job, stm32dfu_context *ctx)
{
    stm32dfu_device *dev;
    struct cli_option_bytes back;
    int level = option_target_rdp_level(job);
    int r = cli_reopen_after_option_reset(&job->common, ctx, &job->info,
                                          level == 2 ? CLI_OB_SETS_LEVEL2 : 0, &dev, &back);
    if (r)
        return r;
    if (back.refused && level >= 1) {
        /* Level 1 refuses every read (AN2662 Rev 1 §4.5.2): the refusal is the proof. An
         * F1 back in the ROM after RDP 0xCC is at level 1, its only protected level
         * (PM0075 Rev 2 §2.4.1); level 2 would not have brought the ROM back. */
        job->read_protected_now = true;
        job->option_bytes_confirmed = true;
    } else if (back.count < 0) {
        r = cli_report(&job->common, "option-byte read-back", dev, back.count);
    } else {
        r = compare_option_bytes(job, back.bytes, (size_t)back.count, back.address);
    }
    stm32dfu_close(dev);
    return r;
}

static int run_job(struct flash_job *job)
{
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    int r = cli_context_new(&job->common, &ctx);
    if (r == 0)
        r = detach_first(job, ctx);
    if (r == 0 && (r = stm32dfu_open(ctx, &job->info, &dev)) < 0)
        r = cli_report(&job->common, "open", NULL, r);
    if (r == 0 && !job->threaded)
        cli_interrupt_device(dev);
    if (r == 0)
        r = check_image(job, dev);
    struct cli_progress prog;
    cli_progress_init(&prog, &job->common, job->args->all ? job->info.path : NULL);
    if (r == 0) {
        cli_fast_poll_start(&job->common, dev);
        r = write_targets(job, dev, &prog);
        cli_fast_poll_end(&job->common, dev, job->args->all ? job->info.path : NULL);
    }
    if (job->report.device_reset) {
        if (!job->threaded)
            cli_interrupt_device(NULL);
        stm32dfu_close(dev);
        dev = NULL;
        r = confirm_option_bytes(job, ctx);
    } else if (r == 0 && !job->args->no_leave && job->has_flash) {
        r = leave_and_wait(job, ctx, dev);
        if (job->left)
            dev = NULL;
    }
    if (!job->threaded)
        cli_interrupt_device(NULL);
    stm32dfu_close(dev);
    stm32dfu_free_context(ctx);
    job->common.ctx = NULL;
    return r;
}

static void *job_thread(void *arg)
{
    struct flash_job *job = arg;
    job->exit_code = run_job(job);
    return NULL;
}

/* One device's result as a JSON object (the man page's JSON OUTPUT). */
static void print_json(const struct flash_job *job)
{
    const struct stm32dfu_flash_report *r = &job->report;
    printf("{\"path\":");
    cli_json_string(stdout, job->info.path);
    printf(",\"serial\":");
    cli_json_string(stdout, job->info.serial);
    printf(",\"exit_code\":%d,\"sectors_touched\":%zu,\"sectors_erased\":%zu,"
           "\"mass_erase\":%s,\"sectors_unchanged\":%zu,\"bytes_written\":%llu,"
           "\"bytes_verified\":%llu,\"left\":%s,\"application_seen\":%s}",
           job->exit_code, r->sectors_touched, r->sectors_erased, r->mass_erase ? "true" : "false",
           r->sectors_unchanged, (unsigned long long)r->bytes_written,
           (unsigned long long)r->bytes_verified, job->left ? "true" : "false",
           job->app_seen ? "true" : "false");
}

static void print_result(const struct flash_job *job)
{
    const struct stm32dfu_flash_report *r = &job->report;
    if (job->exit_code)
        return;
    printf("%s: %llu bytes written, %zu of %zu sectors erased%s, %zu unchanged, %s", job->info.path,
           (unsigned long long)r->bytes_written, r->sectors_erased, r->sectors_touched,
           r->mass_erase ? " (by one mass erase: the image covers every page)" : "",
           r->sectors_unchanged, r->bytes_verified ? "verified" : "not verified");
    if (job->read_protected_now)
        printf("; the device reset to apply the option bytes and is back, read-protected as "
               "the image asks (level 1 refuses the read-back)\n");
    else if (r->device_reset)
        printf("; the device reset to apply the option bytes, is back, and they read back "
               "equal\n");
    else if (job->left && job->app_seen)
        printf("; application started (%04x:%04x %s)\n", job->app.vid, job->app.pid,
               job->app.product);
    else if (job->left)
        printf("; started at 0x%08X (no application with a DFU runtime interface appeared within "
               "%u s)\n",
               (unsigned int)job->leave_address, cli_timeout_ms(&job->common) / 1000);
    else if (!job->has_flash)
        printf("; still in the bootloader (no application in the image)\n");
    else
        printf("; still in the bootloader (--no-leave)\n");
}

/* --json prints one document: the device's object, or with --all an object
 * holding the worst exit code and every device's object. */
static void print_results(const struct flash_args *a, const struct flash_job *jobs, int n,
                          int worst)
{
    if (!a->common.json) {
        for (int i = 0; i < n; i++)
            print_result(&jobs[i]);
        return;
    }
    if (a->all)
        printf("{\"exit_code\":%d,\"devices\":[", worst);
    for (int i = 0; i < n; i++) {
        if (i)
            putchar(',');
        print_json(&jobs[i]);
    }
    printf(a->all ? "]}\n" : "\n");
}

static int run_jobs(struct flash_args *a, struct stm32dfu_device_info *list, int n)
{
    struct flash_job *jobs = calloc((size_t)n, sizeof(*jobs));
    if (!jobs)
        return EX_OSERR;
    for (int i = 0; i < n; i++) {
        jobs[i].args = a;
        jobs[i].info = list[i];
        jobs[i].common = a->common;
    }
    /* One thread per device; a device whose thread cannot start is flashed
     * on this one once the others run. */
    if (n > 1)
        cli_interrupt_several();
    for (int i = 0; n > 1 && i < n; i++)
        jobs[i].threaded = pthread_create(&jobs[i].thread, NULL, job_thread, &jobs[i]) == 0;
    for (int i = 0; i < n; i++) {
        if (jobs[i].threaded)
            pthread_join(jobs[i].thread, NULL);
        else
            jobs[i].exit_code = run_job(&jobs[i]);
    }
    int worst = 0;
    for (int i = 0; i < n; i++) {
        if (jobs[i].exit_code && !worst)
            worst = jobs[i].exit_code;
    }
    print_results(a, jobs, n, worst);
    free(jobs);
    return worst;
}

/* --json when the command fails before a device is chosen (usage, image, no
 * device): one object with the exit status and the message. */
static int print_early_failure(const struct flash_args *a, int exit_code)
{
    if (a->common.json) {
        printf("{\"exit_code\":%d,\"error\":", exit_code);
        cli_json_string(stdout, cli_last_message());
        printf("}\n");
    }
    return exit_code;
}

int cmd_flash(int argc, char **argv)
{
    struct flash_args a = {.common = {.command = "flash"}};
    int r = parse_args(argc, argv, &a);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : print_early_failure(&a, r);
    stm32dfu_image *image = NULL;
    stm32dfu_context *ctx = NULL;
    struct stm32dfu_device_info *list = NULL;
    int n = 0;
    r = cli_load_image(&a.common, a.file, &a.input, &image);
    a.image = image;
    if (r == 0)
        r = cli_context_new(&a.common, &ctx);
    if (r == 0)
        n = cli_find_devices(&a.common, ctx, a.detach, &list);
    /* --all takes every match, so only "none" or a scan error is refused. */
    if (r == 0)
        r = cli_pick_one(&a.common, ctx, a.detach, list, a.all && n > 1 ? 1 : n);
    if (r == 0)
        r = run_jobs(&a, list, a.all ? n : 1);
    else
        print_early_failure(&a, r);
    stm32dfu_free_device_list(list);
    stm32dfu_free_context(ctx);
    stm32dfu_free_image(image);
    return r;
}
