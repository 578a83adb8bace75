/* SPDX-License-Identifier: MIT */
/*
 * The command line of stm32dfu-sim: strict parsing (the whole value consumed, ranges checked,
 * 0x hexadecimal accepted) and --help on stdout (style.md §2 CLI).
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage_text[] =
    "usage: stm32dfu-sim [OPTIONS] -- COMMAND [ARGS...]\n"
    "       stm32dfu-sim [OPTIONS] --serve\n"
    "\n"
    "Simulates STM32 ROM DFU bootloaders (ST AN3156) on a virtual USB bus that libusb programs\n"
    "see through umockdev, runs COMMAND with them, and exits with COMMAND's exit status.\n"
    "\n"
    "options:\n"
    "  -p, --profile NAME     chip to simulate (default stm32f405); see --list-profiles\n"
    "  -n, --devices N        number of boards on the bus, 1 to 16 (default 1); with several,\n"
    "                         board k has serial number SERIAL-k\n"
    "  -m, --mode rom|app     power up in the ROM bootloader (default) or in the application,\n"
    "                         which leaves for the ROM on a DFU detach or a 1200-baud touch\n"
    "                         (on L476/G474 with BFB2 set and BOOT0 low, the ROM starts the\n"
    "                         application again)\n"
    "      --boot0 low|high   the BOOT0 pin at every reset the board makes (DFU detach, 1200-baud\n"
    "                         touch, option-byte write, Read Unprotect): high keeps the ROM;\n"
    "                         low starts the main flash (the application, or with BFB2 set the\n"
    "                         ROM's dual-bank boot); default: high with --mode rom, low with\n"
    "                         --mode app\n"
    "      --app-interfaces dfu|cdc|cdc,dfu\n"
    "                         what the application exposes: a DFU runtime interface (default),\n"
    "                         a CDC-ACM serial port whose line coding and DTR go to the firmware\n"
    "                         library's 1200-baud touch helper, or both\n"
    "      --app-no-touch     the CDC-ACM application ignores the 1200-baud touch (it does not\n"
    "                         run the helper), as an application without it does\n"
    "      --start profile|idle|error\n"
    "                         first DFU state of the ROM: as the profile's capture (default),\n"
    "                         dfuIDLE, or dfuERROR with errFIRMWARE\n"
    "  -f, --fault SPEC       inject faults (repeatable); syntax below\n"
    "  -t, --time-scale X     multiply every erase/program time and reported bwPollTimeout by\n"
    "                         X >= 0 (default 1: real timing; 0: instantaneous), and the bus\n"
    "                         time of every control transfer\n"
    "      --no-bus-time      control transfers take no simulated time (by default a\n"
    "                         full-speed transfer takes 1 ms plus 125 us per 64-byte packet)\n"
    "  -i, --image FILE@ADDR  store FILE's bytes at address ADDR before the boards appear\n"
    "                         (repeatable; any memory of the profile)\n"
    "      --read-protected   power up with read protection level 1 (RDP)\n"
    "  -w, --write-protect ADDR\n"
    "                         write-protect the flash page or sector holding ADDR through the\n"
    "                         option bytes (nWRP bit, or an L4/G4 WRP1A/B area): its erase\n"
    "                         does nothing, its programming fails (repeatable)\n"
    "      --serial TEXT      serial number string instead of the profile's\n"
    "  -q, --quirk NAME       add a chip quirk to the profile's own (repeatable; names below)\n"
    "      --no-quirk NAME    remove one of the profile's quirks (repeatable)\n"
    "  -d, --dump FILE        when COMMAND ends, write the whole internal flash, from its base\n"
    "                         address, as raw bytes; with several boards, board k goes to FILE.k\n"
    "  -s, --stats FILE       when COMMAND ends, write JSON: {\"devices\": "
    "[{\"control_requests\":\n"
    "                         N, \"by_request\": {NAME: N, ...}, \"early_getstatus\": N,\n"
    "                         \"simulated_ms\": T, \"bus_ms\": T, \"floor_ms\": T,\n"
    "                         \"physical_ms\": T}, ...]} (early_getstatus: GETSTATUS sent\n"
    "                         before the bwPollTimeout of the dfuDNBUSY reply ran out; unscaled\n"
    "                         ms: chip busy, bus time, protocol floor = bus time plus every\n"
    "                         bwPollTimeout a host must wait, physical limit = erase and\n"
    "                         program time)\n"
    "      --serve            no COMMAND: print shell 'export' lines (UMOCKDEV_DIR, LD_PRELOAD,\n"
    "                         ASAN_OPTIONS, STM32DFU_SIM_PID) and serve until SIGTERM or SIGINT;\n"
    "                         SIGUSR1 unplugs every board, SIGUSR2 plugs them back in\n"
    "      --list-profiles    print the profiles and exit\n"
    "  -v, --verbose          log every control request and bus event to stderr\n"
    "  -h, --help             print this help and exit\n"
    "\n"
    "fault syntax: one or more KIND@TRIGGER=VALUE, separated by commas; each fires once.\n"
    "  TRIGGER req=N      the board's N-th control request (1-based, all kinds counted)\n"
    "  TRIGGER addr=A     the write, erase or upload that reaches address A (decimal or 0x hex)\n"
    "  disconnect@req=N|addr=A  no reply; the board drops off the bus for good\n"
    "  stall@req=N              the request is STALLed, the DFU state does not change\n"
    "  hold-status@req=N        the request is never answered: the host's timeout expires\n"
    "  sigint@req=N, sigterm@req=N  the request is never answered and the command gets\n"
    "                           SIGINT or SIGTERM while it waits for the reply\n"
    "  errWRITE@addr=A          the write covering A fails with errWRITE (bytes from A unchanged)\n"
    "  errERASE@addr=A          the erase covering A fails with errERASE\n"
    "  errVERIFY@addr=A         the write covering A is done but reports errVERIFY\n"
    "  bitflip@addr=A           programming the byte at A silently inverts its bit 0\n"
    "  malformed replies (the request still takes effect; req=N: the first GETSTATUS, or\n"
    "  GET_DESCRIPTOR, at or after request N):\n"
    "  short-status@req=N       GETSTATUS answers 3 of its 6 bytes\n"
    "  long-status@req=N        GETSTATUS answers 3 bytes more than asked (babble, EOVERFLOW)\n"
    "  bad-state@req=N          GETSTATUS gives bState 0x2A (no such DFU state)\n"
    "  bad-status@req=N         GETSTATUS gives bStatus 0x2A (no such DFU status)\n"
    "  huge-poll@req=N          a dfuDNBUSY GETSTATUS asks for a 0xFFFFFF ms (4.66 h) wait\n"
    "  busy-forever@req=N       every GETSTATUS says dfuDNBUSY, poll 0xFFFFFF ms, until reset\n"
    "  junk-descriptor@req=N    GET_DESCRIPTOR answers 7 bytes of junk (bLength 255, type 0x2A)\n"
    "  short-upload@addr=A      the UPLOAD reading A answers half its bytes\n"
    "  long-upload@addr=A       the UPLOAD reading A answers 3 bytes more than asked (babble)\n"
    "  example: --fault errWRITE@addr=0x08004000,disconnect@req=40\n"
    "\n"
    "Leave (DfuSe zero-length DNLOAD), DFU_DETACH, the 1200-baud touch (SET_LINE_CODING 1200,\n"
    "then SET_CONTROL_LINE_STATE with DTR clear), Read Unprotect and option-byte writes really\n"
    "disconnect the board and re-enumerate it with udev uevents (new device number), so libusb\n"
    "hotplug callbacks fire. A bus reset keeps the device; the ROM restarts DFU mode.\n"
    "\n"
    "exit status: COMMAND's (128+N if killed by signal N); 64 bad option; 65 --image does not\n"
    "fit the profile; 66 --image unreadable; 74 --dump/--stats not writable; 127 COMMAND could\n"
    "not be started.\n";

static void print_help(void)
{
    const char *name;

    fputs(usage_text, stdout);
    fputs("\nquirks (--quirk, --no-quirk):", stdout);
    for (size_t i = 0; (name = stm32dfu_sim_quirk_name(i, NULL)) != NULL; i++)
        printf("%s %s", i ? "," : "", name);
    fputs("\n", stdout);
}

static void usage_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("stm32dfu-sim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\ntry 'stm32dfu-sim --help'\n", stderr);
}

/* Strict unsigned number: decimal or 0x hex, whole string, no sign, at most max. */
static bool parse_u32(const char *s, uint32_t max, uint32_t *out)
{
    char *end;
    unsigned long long v;

    if (!*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || *end || v > max)
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool parse_profile(const char *name)
{
    for (size_t i = 0; i < stm32dfu_sim_profile_count(); i++) {
        if (!strcasecmp(name, stm32dfu_sim_profile_name(i)))
            return true;
    }
    usage_error("--profile: no profile is named '%s'; see --list-profiles", name);
    return false;
}

static bool parse_quirk(const char *option, const char *name, uint32_t *set)
{
    uint32_t bit;

    if (stm32dfu_sim_quirk_from_name(name, &bit) != STM32DFU_SIM_OK) {
        usage_error("%s: no quirk is named '%s'; see --help for the names", option, name);
        return false;
    }
    *set |= bit;
    return true;
}

static void list_profiles(void)
{
    for (size_t i = 0; i < stm32dfu_sim_profile_count(); i++)
        printf("%-12s %s\n", stm32dfu_sim_profile_name(i), stm32dfu_sim_profile_description(i));
}

static bool parse_image(struct sim_config *cfg, const char *arg)
{
    const char *at = strrchr(arg, '@');
    struct sim_image *img;

    cfg->images = g_renew(struct sim_image, cfg->images, cfg->image_count + 1);
    img = &cfg->images[cfg->image_count];
    if (!at || at == arg || !parse_u32(at + 1, UINT32_MAX, &img->address)) {
        usage_error("--image: '%s' is not FILE@ADDR (e.g. fw.bin@0x08000000)", arg);
        return false;
    }
    img->path = g_strndup(arg, (gsize)(at - arg));
    cfg->image_count++;
    return true;
}

static bool parse_write_protect(struct sim_config *cfg, const char *arg)
{
    uint32_t address;

    if (!parse_u32(arg, UINT32_MAX, &address)) {
        usage_error("--write-protect: '%s' is not an address (e.g. 0x08004000)", arg);
        return false;
    }
    cfg->write_protect = g_renew(uint32_t, cfg->write_protect, cfg->write_protect_count + 1);
    cfg->write_protect[cfg->write_protect_count++] = address;
    return true;
}

static bool parse_time_scale(struct sim_config *cfg, const char *arg)
{
    char *end;
    double x;

    errno = 0;
    x = strtod(arg, &end);
    if (!*arg || *end || errno || !isfinite(x) || x < 0) {
        usage_error("--time-scale: '%s' is not a number >= 0 (1 = real timing, 0 = instant)", arg);
        return false;
    }
    cfg->model.time_scale = x;
    return true;
}

static bool parse_choice(const char *option, const char *arg, const char *const *names,
                         size_t count, int *out)
{
    for (size_t i = 0; i < count; i++) {
        if (!strcmp(arg, names[i])) {
            *out = (int)i;
            return true;
        }
    }
    usage_error("%s: '%s' is not one of the accepted values", option, arg);
    return false;
}

enum long_only {
    OPT_START = 256,
    OPT_READ_PROTECTED,
    OPT_SERIAL,
    OPT_NO_QUIRK,
    OPT_SERVE,
    OPT_LIST_PROFILES,
    OPT_APP_INTERFACES,
    OPT_APP_NO_TOUCH,
    OPT_NO_BUS_TIME,
    OPT_BOOT0,
};

static const struct option long_options[] = {
    {"profile", required_argument, NULL, 'p'},
    {"devices", required_argument, NULL, 'n'},
    {"mode", required_argument, NULL, 'm'},
    {"start", required_argument, NULL, OPT_START},
    {"app-interfaces", required_argument, NULL, OPT_APP_INTERFACES},
    {"app-no-touch", no_argument, NULL, OPT_APP_NO_TOUCH},
    {"fault", required_argument, NULL, 'f'},
    {"time-scale", required_argument, NULL, 't'},
    {"no-bus-time", no_argument, NULL, OPT_NO_BUS_TIME},
    {"boot0", required_argument, NULL, OPT_BOOT0},
    {"image", required_argument, NULL, 'i'},
    {"read-protected", no_argument, NULL, OPT_READ_PROTECTED},
    {"write-protect", required_argument, NULL, 'w'},
    {"serial", required_argument, NULL, OPT_SERIAL},
    {"quirk", required_argument, NULL, 'q'},
    {"no-quirk", required_argument, NULL, OPT_NO_QUIRK},
    {"dump", required_argument, NULL, 'd'},
    {"stats", required_argument, NULL, 's'},
    {"serve", no_argument, NULL, OPT_SERVE},
    {"list-profiles", no_argument, NULL, OPT_LIST_PROFILES},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static bool parse_devices(struct sim_config *cfg, const char *arg)
{
    uint32_t n;

    if (!parse_u32(arg, SIM_MAX_DEVICES, &n) || n == 0) {
        usage_error("--devices: '%s' is not a number from 1 to %d", arg, SIM_MAX_DEVICES);
        return false;
    }
    cfg->devices = n;
    return true;
}

static bool parse_mode(struct sim_config *cfg, const char *arg)
{
    static const char *const modes[] = {"rom", "app"};
    int choice;

    if (!parse_choice("--mode (rom, app)", arg, modes, G_N_ELEMENTS(modes), &choice))
        return false;
    cfg->model.mode = choice ? STM32DFU_SIM_MODE_APP : STM32DFU_SIM_MODE_ROM;
    return true;
}

static bool parse_boot0(struct sim_config *cfg, const char *arg)
{
    static const char *const levels[] = {"low", "high"};
    int choice;

    if (!parse_choice("--boot0 (low, high)", arg, levels, G_N_ELEMENTS(levels), &choice))
        return false;
    cfg->model.boot0 = choice ? STM32DFU_SIM_BOOT0_HIGH : STM32DFU_SIM_BOOT0_LOW;
    return true;
}

static bool parse_start(struct sim_config *cfg, const char *arg)
{
    static const char *const starts[] = {"profile", "idle", "error"};
    static const enum stm32dfu_sim_start values[] = {
        STM32DFU_SIM_START_PROFILE, STM32DFU_SIM_START_IDLE, STM32DFU_SIM_START_ERROR_FIRMWARE};
    int choice;

    if (!parse_choice("--start (profile, idle, error)", arg, starts, G_N_ELEMENTS(starts), &choice))
        return false;
    cfg->model.start = values[choice];
    return true;
}

static bool parse_app_interfaces(struct sim_config *cfg, const char *arg)
{
    static const char *const sets[] = {"dfu", "cdc", "cdc,dfu", "dfu,cdc"};
    static const unsigned values[] = {STM32DFU_SIM_APP_DFU, STM32DFU_SIM_APP_CDC,
                                      STM32DFU_SIM_APP_CDC | STM32DFU_SIM_APP_DFU,
                                      STM32DFU_SIM_APP_CDC | STM32DFU_SIM_APP_DFU};
    int choice;

    if (!parse_choice("--app-interfaces (dfu, cdc, cdc,dfu)", arg, sets, G_N_ELEMENTS(sets),
                      &choice))
        return false;
    cfg->model.app_interfaces = values[choice];
    return true;
}

static enum sim_parse_result ok_if(bool ok)
{
    return ok ? SIM_PARSE_RUN : SIM_PARSE_BAD;
}

/* Applies one option; returns SIM_PARSE_RUN to go on. */
static enum sim_parse_result apply(struct sim_config *cfg, int opt, const char *arg)
{
    switch (opt) {
    case 'p':
        cfg->model.profile = arg;
        return ok_if(parse_profile(arg));
    case 'n':
        return ok_if(parse_devices(cfg, arg));
    case 'm':
        return ok_if(parse_mode(cfg, arg));
    case OPT_START:
        return ok_if(parse_start(cfg, arg));
    case OPT_APP_INTERFACES:
        return ok_if(parse_app_interfaces(cfg, arg));
    case OPT_APP_NO_TOUCH:
        cfg->model.app_touch_ignored = true;
        return SIM_PARSE_RUN;
    case 'f':
        cfg->faults = g_renew(const char *, cfg->faults, cfg->fault_count + 1);
        cfg->faults[cfg->fault_count++] = arg;
        return SIM_PARSE_RUN;
    case 't':
        return ok_if(parse_time_scale(cfg, arg));
    case OPT_BOOT0:
        return ok_if(parse_boot0(cfg, arg));
    case OPT_NO_BUS_TIME:
        cfg->model.bus_time = false;
        return SIM_PARSE_RUN;
    case 'i':
        return ok_if(parse_image(cfg, arg));
    case OPT_READ_PROTECTED:
        cfg->model.read_protected = true;
        return SIM_PARSE_RUN;
    case 'w':
        return ok_if(parse_write_protect(cfg, arg));
    case OPT_SERIAL:
        cfg->model.serial = arg;
        return SIM_PARSE_RUN;
    case 'q':
        return ok_if(parse_quirk("--quirk", arg, &cfg->model.quirks_add));
    case OPT_NO_QUIRK:
        return ok_if(parse_quirk("--no-quirk", arg, &cfg->model.quirks_remove));
    case 'd':
        cfg->dump_path = arg;
        return SIM_PARSE_RUN;
    case 's':
        cfg->stats_path = arg;
        return SIM_PARSE_RUN;
    case OPT_SERVE:
        cfg->serve = true;
        return SIM_PARSE_RUN;
    case OPT_LIST_PROFILES:
        list_profiles();
        return SIM_PARSE_EXIT;
    case 'v':
        cfg->verbose = true;
        return SIM_PARSE_RUN;
    case 'h':
        print_help();
        return SIM_PARSE_EXIT;
    default:
        /* getopt_long has printed what was wrong */
        fputs("try 'stm32dfu-sim --help'\n", stderr);
        return SIM_PARSE_BAD;
    }
}

enum sim_parse_result sim_config_parse(struct sim_config *cfg, int argc, char **argv)
{
    int opt;

    memset(cfg, 0, sizeof(*cfg));
    stm32dfu_sim_options_init(&cfg->model);
    cfg->devices = 1;
    /* '+': options end at the first non-option, which starts the command */
    while ((opt = getopt_long(argc, argv, "+p:n:m:f:t:i:w:q:d:s:vh", long_options, NULL)) != -1) {
        enum sim_parse_result r = apply(cfg, opt, optarg);

        if (r != SIM_PARSE_RUN)
            return r;
    }
    if (cfg->serve && optind < argc) {
        usage_error("--serve takes no command, but '%s' was given", argv[optind]);
        return SIM_PARSE_BAD;
    }
    if (!cfg->serve && optind >= argc) {
        usage_error("no command to run: give one after '--', or --serve");
        return SIM_PARSE_BAD;
    }
    cfg->command = cfg->serve ? NULL : argv + optind;
    return SIM_PARSE_RUN;
}

void sim_config_free(struct sim_config *cfg)
{
    for (size_t i = 0; i < cfg->image_count; i++)
        g_free((char *)cfg->images[i].path);
    g_free(cfg->images);
    g_free(cfg->faults);
    g_free(cfg->write_protect);
}
