/* SPDX-License-Identifier: MIT */
/* Shared parts of the stm32dfu command line, one file each: options.c (option
 * parsing), messages.c (messages and exit codes), device.c (device choice),
 * print.c (JSON and memory maps), progress.c, image_input.c, memory_check.c
 * (read and erase ranges against the memory map). */
#ifndef STM32DFU_CLI_H
#define STM32DFU_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "stm32dfu_host.h"

/* Where `cmake --install` (and the stm32dfu package) puts the udev rules; the
 * build sets it from the install prefix (cmake/install-dirs.cmake). */
#ifndef STM32DFU_UDEV_RULES_INSTALLED
#define STM32DFU_UDEV_RULES_INSTALLED "/usr/lib/udev/rules.d/50-stm32dfu.rules"
#endif
/* The udev rules in a source tree. */
#define CLI_UDEV_RULES_SOURCE "host/udev/50-stm32dfu.rules"
/* What to do about a permission error: where the rules are installed, where they
 * are in a source tree, and how to make udev apply them. */
#define CLI_UDEV_RULES_HINT                                                                        \
    "the udev rules let the logged-in user open it: an installed stm32dfu has them "               \
    "in " STM32DFU_UDEV_RULES_INSTALLED                                                            \
    "; from a source tree, copy them: sudo cp " CLI_UDEV_RULES_SOURCE                              \
    " /etc/udev/rules.d/; then sudo udevadm control --reload-rules && "                            \
    "sudo udevadm trigger, and replug the device"

/* Options common to the commands (long options "serial", "path", "verbose",
 * "quiet", "help"), and --json where a command has it. */
struct cli_common {
    const char *command;
    const char *serial;
    const char *path;
    int verbose;
    bool quiet;
    bool json;
    /* --timeout in seconds, 0 when not given (see cli_timeout_ms) */
    uint32_t timeout_s;
    /* --fast-poll (flash, erase) */
    bool fast_poll;
    /* the context cli_context_new made, so messages can name a failed request */
    stm32dfu_context *ctx;
};

/* getopt_long values of the long options without a letter (beyond any character). */
enum cli_option_id {
    OPT_SERIAL = 0x100,
    OPT_PATH,
    OPT_JSON,
    OPT_QUIET,
    OPT_FORMAT,
    OPT_NO_VERIFY,
    OPT_NO_LEAVE,
    OPT_SKIP_UNCHANGED,
    OPT_DETACH,
    OPT_ALL,
    OPT_FORCE,
    OPT_MASS,
    OPT_ALT,
    OPT_ALLOW_PERMANENT_LOCK,
    OPT_TIMEOUT,
    OPT_IGNORE_SUFFIX_ID,
    OPT_LEAVE_ADDRESS,
    OPT_SET,
    OPT_ALLOW_ROM_UNREACHABLE,
    OPT_ALLOW_APP_UNBOOTABLE,
    OPT_FAST_POLL,
    OPT_TTY,
};

/* The long options every device command accepts; spread into each table. */
#define CLI_COMMON_LONG_OPTIONS                                                                    \
    {"serial", required_argument, NULL, OPT_SERIAL}, {"path", required_argument, NULL, OPT_PATH},  \
        {"verbose", no_argument, NULL, 'v'}, {"quiet", no_argument, NULL, OPT_QUIET},              \
    {                                                                                              \
        "help", no_argument, NULL, 'h'                                                             \
    }

/* The usage lines of the common options, for each command's help text. */
#define CLI_COMMON_HELP                                                                            \
    "  --serial SERIAL   choose the device with this USB serial number\n"                          \
    "  --path BUS-PORT   choose the device on this USB path (as 'stm32dfu list' shows)\n"          \
    "  -v, --verbose     log DFU requests (twice: every reply)\n"                                  \
    "  --quiet           no progress output\n"                                                     \
    "  -h, --help        show this help\n"

/* --timeout SECONDS, for the commands that wait for a device to come back on
 * USB after a detach or a leave (flash, leave, detach); cli_parse handles it. */
#define CLI_TIMEOUT_LONG_OPTION                                                                    \
    {                                                                                              \
        "timeout", required_argument, NULL, OPT_TIMEOUT                                            \
    }
#define CLI_TIMEOUT_DEFAULT_S 10u
#define CLI_TIMEOUT_MAX_S     600u

/* --fast-poll, for the commands that erase and write (flash, erase);
 * cli_common_option handles it. */
#define CLI_FAST_POLL_LONG_OPTION                                                                  \
    {                                                                                              \
        "fast-poll", no_argument, NULL, OPT_FAST_POLL                                              \
    }
#define CLI_FAST_POLL_HELP                                                                         \
    "  --fast-poll          poll without waiting the time the device asks for, on the\n"           \
    "                       series whose ROM is known to allow it (see the man page)\n"

/* --fast-poll (fast_poll.c): asks the library for it on dev; says once when
 * the device's series does not allow it. */
void cli_fast_poll_start(const struct cli_common *c, stm32dfu_device *dev);
/* Says once when the device made the library drop fast poll; path (may be
 * NULL) names the device. */
void cli_fast_poll_end(const struct cli_common *c, stm32dfu_device *dev, const char *path);

/* The wait of --timeout in milliseconds, CLI_TIMEOUT_DEFAULT_S when not given. */
uint32_t cli_timeout_ms(const struct cli_common *c);

/* --address and --length, as read and erase take them. */
struct cli_range {
    uint32_t address;
    uint32_t length;
    bool has_address;
    bool has_length;
};

/* Handles a common option; returns true when opt was one. */
bool cli_common_option(struct cli_common *c, int opt, const char *arg);

/* What a command's option handler returns besides 0 (handled) and an exit
 * code (a usage error, already printed). */
#define CLI_OPTION_UNKNOWN (-1)
/* What cli_parse() returns after printing --help: the command exits 0. */
#define CLI_HELP_SHOWN (-1)

struct option;

/* One command's command line. */
struct cli_parser {
    const char *shortopts;
    const struct option *options;
    const char *help;
    /* the command takes one FILE argument (flash, verify), else none */
    bool takes_file;
    /* the command's own options: 0, an exit code, or CLI_OPTION_UNKNOWN */
    int (*handle)(struct cli_common *c, int opt, const char *arg, void *user);
    void *user;
};

/* Option handlers for struct cli_parser: -a/--address and -l/--length into
 * the struct cli_range at range; --force into the bool at force. */
int cli_range_option(struct cli_common *c, int opt, const char *arg, void *range);
int cli_force_option(struct cli_common *c, int opt, const char *arg, void *force);
/* Option handler for --json (list, info; flash falls back to it). */
int cli_json_option(struct cli_common *c, int opt, const char *arg, void *user);

/* Parses argv: common options, --help, the command's own through p->handle,
 * then the FILE argument into *file (may be NULL). Returns 0 to go on,
 * CLI_HELP_SHOWN, or the exit code of a usage error (already printed). */
int cli_parse(int argc, char **argv, const struct cli_parser *p, struct cli_common *c,
              const char **file);

/* The text of the last message cli_error or cli_usage_error printed on this
 * thread (without "stm32dfu: COMMAND: "), "" before any: for --json. */
const char *cli_last_message(void);

/* Prints "stm32dfu: COMMAND: ..." to stderr. */
void cli_error(const struct cli_common *c, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Usage error: one line, the help hint, returns EX_USAGE. */
int cli_usage_error(const struct cli_common *c, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Strict number parsing: decimal or 0x hex, whole string, in range. */
bool cli_parse_u32(const struct cli_common *c, const char *option, const char *text,
                   uint32_t *value);

/* The exit code (sysexits.h) for an enum stm32dfu_error. */
int cli_exit_code(int error);

/* Creates the context with logging as -v asked, and keeps it in c->ctx. */
int cli_context_new(struct cli_common *c, stm32dfu_context **ctx);

/* The devices the common options select, runtime ones too when asked. */
int cli_find_devices(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                     struct stm32dfu_device_info **list);

/* Opens the one device the options select; on failure prints why and
 * returns the exit code (> 0). want_runtime also accepts applications. */
int cli_open_device(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                    stm32dfu_device **dev);

/* Creates the context and opens the one device the options select; on
 * failure prints why and returns the exit code. *ctx and *dev are valid or
 * NULL either way; free them with cli_session_close(). */
int cli_session_open(struct cli_common *c, bool want_runtime, stm32dfu_context **ctx,
                     stm32dfu_device **dev);

/* Closes the device and frees the context; both may be NULL. */
void cli_session_close(stm32dfu_context *ctx, stm32dfu_device *dev);

/* Selects an alternate setting; on failure prints why and returns the exit code. */
int cli_select_alt(const struct cli_common *c, stm32dfu_device *dev, uint32_t alt);

/* Prints why and returns EX_UNAVAILABLE when n != 1: the candidates, or
 * what to check when there is none. */
int cli_pick_one(const struct cli_common *c, stm32dfu_context *ctx, bool want_runtime,
                 const struct stm32dfu_device_info *list, int n);

/* Checks [address, address + length) against the memory map of alternate
 * setting alt before any request: readable (or, with erase, erasable) and
 * inside the map. On failure prints where the range leaves the map (the
 * region's end, or the other alternate setting that holds the address, and
 * for the option bytes how they are changed) and returns the exit code. */
int cli_check_range(const struct cli_common *c, stm32dfu_device *dev, unsigned int alt,
                    uint32_t address, uint32_t length, bool erase);

/* Prints the cause and fix of a failed operation (phase: "erase", ...);
 * returns the exit code. dev may be NULL. */
int cli_report(const struct cli_common *c, const char *phase, stm32dfu_device *dev, int error);

/* Prints the cause of a refused input file; returns the exit code. */
int cli_report_detail(const struct cli_common *c, const char *file,
                      const struct stm32dfu_error_detail *detail, int error);

/* Progress output: bars on a terminal, one line per phase otherwise. */
struct cli_progress {
    const struct cli_common *common;
    const char *device;
    bool tty;
    int phase;
    uint64_t started_ms;
    bool line_done;
};

void cli_progress_init(struct cli_progress *p, const struct cli_common *c, const char *device);
void cli_progress_cb(int phase, uint64_t done, uint64_t total, void *user_data);
void cli_progress_end(struct cli_progress *p);
/* The word for an enum stm32dfu_phase in messages ("erase"); fallback for
 * anything else. */
const char *cli_phase_name(int phase, const char *fallback);

/* SIGINT and SIGTERM (interrupt.c): the handler says what state the device is
 * left in, from what the command records here, and exits 130 or 143. */
void cli_interrupt_install(const char *command);
/* The device the command now works on; NULL before closing it. Resets the phase. */
void cli_interrupt_device(stm32dfu_device *dev);
/* The enum stm32dfu_phase under way (cli_progress_cb records it). */
void cli_interrupt_phase(int phase);
/* The leave request was sent: the device is starting its application. */
void cli_interrupt_left(void);
/* flash --all works on several devices at once. */
void cli_interrupt_several(void);

/* How flash and verify read their FILE: --format and -a/--address. */
struct cli_input {
    const char *format;
    bool has_address;
    uint32_t address;
};

/* Option handler for struct cli_parser: --format and -a/--address into the
 * struct cli_input at input. */
int cli_input_option(struct cli_common *c, int opt, const char *arg, void *input);

/* Loads an image file; on failure prints why and returns the exit code. */
int cli_load_image(const struct cli_common *c, const char *file, const struct cli_input *in,
                   stm32dfu_image **image);

/* Waits for the device old to come back on its path with a new address, as
 * a bootloader (runtime false) or an application; on success, fills info. */
int cli_wait_reenumeration(stm32dfu_context *ctx, const struct stm32dfu_device_info *old,
                           bool runtime, unsigned int timeout_ms,
                           struct stm32dfu_device_info *info);

/* Sends the application app into its bootloader (DFU_DETACH when it has a DFU
 * runtime interface, else the 1200-baud touch on its CDC-ACM port over libusb)
 * and waits up to --timeout for the ROM bootloader on its path; fills rom.
 * On failure (nothing came, or the application came back as with BFB2 set) prints
 * what was sent, where the device is and what to check, and returns the exit code. */
int cli_detach_application(const struct cli_common *c, stm32dfu_context *ctx,
                           const struct stm32dfu_device_info *app,
                           struct stm32dfu_device_info *rom);
/* The same through the serial port node tty (detach --tty) instead of libusb. */
int cli_detach_through_tty(const struct cli_common *c, stm32dfu_context *ctx,
                           const struct stm32dfu_device_info *app, const char *tty,
                           struct stm32dfu_device_info *rom);

/* tty_touch.c: detach --tty. The USB bus path (BUS-PORT[.PORT...]) of the device a
 * serial port node belongs to, from sysfs; -1 when it has none. */
int cli_tty_usb_path(const char *tty, char *path, size_t size);
/* Opens tty, sets 1200 baud, drops DTR and closes it; on failure prints why and
 * returns the exit code. */
int cli_tty_touch(const struct cli_common *c, const char *tty);

/* What came back on the bus after a leave (cli_wait_after_leave). */
#define CLI_LEAVE_APPLICATION     0
#define CLI_LEAVE_BOOTLOADER_BACK 1

/* Waits after a leave (or a detach) for the device old's path to show an application with a
 * DFU runtime interface or a CDC-ACM port (CLI_LEAVE_APPLICATION) or the ROM bootloader again
 * (CLI_LEAVE_BOOTLOADER_BACK: the application did not start); fills info.
 * Returns STM32DFU_ERROR_NO_DEVICE when neither appeared in time. */
int cli_wait_after_leave(stm32dfu_context *ctx, const struct stm32dfu_device_info *old,
                         unsigned int timeout_ms, struct stm32dfu_device_info *info);

/* Prints that the bootloader came back after leaving at address on path, and
 * the likely cause; returns the exit code. */
int cli_report_bootloader_back(const struct cli_common *c, const char *path, uint32_t address);

/* Prints the regions of a DfuSe memory layout string, one line each after
 * indent, or a note when the string is not a layout. */
void cli_print_memory_map(const char *layout, const char *indent);

/* Prints the JSON fields "memory" (the layout's name) and "regions" of a
 * DfuSe memory layout string on stdout. */
void cli_json_memory_map(const char *layout);

/* Prints the JSON fields of a device (path, IDs, serial, product, mode,
 * series, accessible, transfer_size, alts with their memory maps) on stdout,
 * without the enclosing braces. */
void cli_json_device_fields(const struct stm32dfu_device_info *d);

/* Option bytes as read from the device (option_reset.c). */
#define CLI_OPTION_BYTES_MAX 256
struct cli_option_bytes {
    /* bytes read, or the enum stm32dfu_error of the read */
    int count;
    uint8_t bytes[CLI_OPTION_BYTES_MAX];
    uint32_t address;
    /* the read was refused with errVENDOR: read protection is active */
    bool refused;
};

/* Reads the option bytes into ob (stm32dfu_read_option_bytes()). */
void cli_read_option_bytes(stm32dfu_device *dev, struct cli_option_bytes *ob);

/* Prints why an option-byte write failed before the reset that applies them
 * (a disconnect or a timeout then is not that reset) and what state that
 * leaves; returns the exit code. */
int cli_report_option_write(const struct cli_common *c, stm32dfu_device *dev, int error);

/* What the option bytes written set, for the report when the bootloader does
 * not come back after the reset that applies them. */
enum cli_option_sets {
    CLI_OB_SETS_LEVEL2 = 1u << 0, /* RDP level 2 */
    CLI_OB_SETS_BFB2 = 1u << 1,   /* BFB2=1, dual-bank boot */
};

/* After the reset that applies option bytes: waits (--timeout) for the device
 * old to come back as the bootloader, opens it into *dev (the caller closes
 * it) and reads the option bytes into ob. Returns 0, or the exit code after
 * printing why (not back in time, or back as the application). sets: OR of
 * enum cli_option_sets for what the bytes written set; with level 2 the
 * bootloader cannot come back and what does (the application, or nothing)
 * is reported as that lock, with BFB2 the application coming back is. */
int cli_reopen_after_option_reset(const struct cli_common *c, stm32dfu_context *ctx,
                                  const struct stm32dfu_device_info *old, unsigned int sets,
                                  stm32dfu_device **dev, struct cli_option_bytes *ob);

/* Prints "option bytes decoded: RDP 0xAA (level 0), ..." for the fields of
 * the device's layout that the bytes reach; nothing when the layout is not
 * known. */
void cli_print_option_fields(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                             size_t count);

/* Prints {"RDP":170,...}: the fields' values, or with meanings their
 * meanings ({"RDP":"level 0",...}, fields without one left out). */
void cli_json_option_fields(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                            size_t count, bool meanings);

/* Prints {"address":N,"bytes":"HEX","fields":{...},"meanings":{...}}: option
 * bytes read at address, as info and option-bytes --json show them. */
void cli_json_option_bytes(const struct stm32dfu_device_info *info, uint32_t address,
                           const uint8_t *bytes, size_t count);

/* Writes s as a JSON string (with quotes) to f. */
void cli_json_string(FILE *f, const char *s);

/* Commands. */
int cmd_list(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_flash(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_read(int argc, char **argv);
int cmd_erase(int argc, char **argv);
int cmd_leave(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_unprotect(int argc, char **argv);
int cmd_option_bytes(int argc, char **argv);

#endif
