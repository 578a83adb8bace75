/* SPDX-License-Identifier: MIT */
/* Messages on stderr and exit codes: usage errors, and the cause and fix of
 * a failed operation. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"

/* The last message of this thread, for --json (cli_last_message); per thread,
 * as flash --all reports each device's failure from its own thread. */
static _Thread_local char last_message[512];

static void vmessage(const struct cli_common *c, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    vsnprintf(last_message, sizeof(last_message), format, copy);
    va_end(copy);
    fprintf(stderr, "stm32dfu: %s: ", c->command);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
}

const char *cli_last_message(void)
{
    return last_message;
}

void cli_error(const struct cli_common *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vmessage(c, format, args);
    va_end(args);
}

int cli_usage_error(const struct cli_common *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vmessage(c, format, args);
    va_end(args);
    fprintf(stderr, "try 'stm32dfu %s --help'\n", c->command);
    return EX_USAGE;
}

/* One table from library error to sysexits.h code (style.md §2 CLI). */
static const struct {
    int error;
    int exit_code;
} exit_codes[] = {
    {STM32DFU_SUCCESS, EX_OK},
    {STM32DFU_ERROR_INVALID_ARGUMENT, EX_USAGE},
    {STM32DFU_ERROR_NO_MEMORY, EX_OSERR},
    {STM32DFU_ERROR_FILE_OPEN, EX_NOINPUT},
    {STM32DFU_ERROR_FILE_READ, EX_NOINPUT},
    {STM32DFU_ERROR_FILE_WRITE, EX_CANTCREAT},
    {STM32DFU_ERROR_FORMAT, EX_DATAERR},
    {STM32DFU_ERROR_CRC, EX_DATAERR},
    {STM32DFU_ERROR_OVERLAP, EX_DATAERR},
    {STM32DFU_ERROR_OUT_OF_RANGE, EX_DATAERR},
    {STM32DFU_ERROR_NO_DEVICE, EX_UNAVAILABLE},
    {STM32DFU_ERROR_AMBIGUOUS, EX_UNAVAILABLE},
    {STM32DFU_ERROR_ACCESS, EX_NOPERM},
    {STM32DFU_ERROR_BUSY, EX_TEMPFAIL},
    {STM32DFU_ERROR_TIMEOUT, EX_IOERR},
    {STM32DFU_ERROR_STALL, EX_IOERR},
    {STM32DFU_ERROR_DISCONNECTED, EX_IOERR},
    {STM32DFU_ERROR_USB_IO, EX_IOERR},
    {STM32DFU_ERROR_PROTOCOL, EX_PROTOCOL},
    {STM32DFU_ERROR_DEVICE_STATUS, EX_PROTOCOL},
    {STM32DFU_ERROR_VERIFY, EX_PROTOCOL},
    {STM32DFU_ERROR_UNSUPPORTED, EX_UNAVAILABLE},
    {STM32DFU_ERROR_NOT_CONFIRMED, EX_USAGE},
    {STM32DFU_ERROR_DEVICE_TIMEOUT, EX_PROTOCOL},
    {STM32DFU_ERROR_OTHER, EX_SOFTWARE},
};

int cli_exit_code(int error)
{
    for (size_t i = 0; i < sizeof(exit_codes) / sizeof(exit_codes[0]); i++) {
        if (exit_codes[i].error == error)
            return exit_codes[i].exit_code;
    }
    return EX_SOFTWARE;
}

/* What to do after a failure: flash never starts the application after a
 * failed step, and a rerun redoes the whole job. */
static const char *next_step(const struct cli_common *c)
{
    return strcmp(c->command, "flash") == 0 ? "the application was not started, run the command "
                                              "again"
                                            : "run the command again";
}

/* The flash sector or page at address, counted from the start of alternate
 * setting 0's memory map; false when the map does not hold it. */
static bool flash_sector(const struct stm32dfu_device_info *info, uint32_t address,
                         unsigned int *index, uint32_t *start, uint32_t *size)
{
    stm32dfu_memory_map *map;
    if (info->alt_count == 0 || stm32dfu_parse_memory_map(info->alt_names[0], &map, NULL) < 0)
        return false;
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(map, &regions);
    bool found = false;
    *index = 0;
    for (size_t i = 0; i < n && !found; i++) {
        const struct stm32dfu_memory_region *r = &regions[i];
        uint64_t end = r->start + (uint64_t)r->sector_size * r->sector_count;
        if (address >= r->start && address < end) {
            unsigned int k = (address - r->start) / r->sector_size;
            *index += k;
            *start = r->start + k * r->sector_size;
            *size = r->sector_size;
            found = true;
        } else {
            *index += r->sector_count;
        }
    }
    stm32dfu_free_memory_map(map);
    return found;
}

static bool has_field(const struct stm32dfu_device_info *info, const char *name)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return true;
    }
    return false;
}

/* "sector 1 (0x08004000-0x08007FFF) is most likely write-protected by the
 * option bytes (nWRP bit 1 is 0 ...)": the sector, the option bits that
 * protect it on the device's layout, and the option-bytes command that lifts
 * them; false when the layout does not say. One bit per sector: nWRP (F2/F4,
 * F7), WRPSn (H7 bank 1); one bit per two pages, the last for the rest: WRP0
 * to WRP3 (F1, PM0075 Rev 2 §2.5); page areas: WRP1A, WRP1B (L4, G4). */
static bool protection_hint(stm32dfu_device *dev, uint32_t address, char *out, size_t len)
{
    const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
    unsigned int index;
    uint32_t start, size;
    if (!flash_sector(info, address, &index, &start, &size))
        return false;
    int used = snprintf(out, len,
                        "sector %u (0x%08X-0x%08X) is most likely write-protected by the option "
                        "bytes (",
                        index, (unsigned int)start, (unsigned int)(start + size - 1));
    if (used < 0 || (size_t)used >= len)
        return false;
    const char *bitfield = has_field(info, "nWRP") ? "nWRP" : "WRPSn";
    if (has_field(info, bitfield)) {
        snprintf(out + used, len - (size_t)used,
                 "%s bit %u is 0; 'stm32dfu option-bytes' shows them); set that bit to 1 with "
                 "'stm32dfu option-bytes --set %s=VALUE'",
                 bitfield, index, bitfield);
    } else if (has_field(info, "WRP0")) {
        unsigned int bit = index / 2 < 31 ? index / 2 : 31;
        snprintf(out + used, len - (size_t)used,
                 "WRP%u bit %u is 0; 'stm32dfu option-bytes' shows them); set that bit to 1 with "
                 "'stm32dfu option-bytes --set WRP%u=VALUE'",
                 bit / 8, bit % 8, bit / 8);
    } else if (has_field(info, "WRP1A_STRT")) {
        snprintf(out + used, len - (size_t)used,
                 "page %u lies in the WRP1A or WRP1B area; 'stm32dfu option-bytes' shows them); "
                 "empty that area with 'stm32dfu option-bytes --set WRP1A_STRT=0xFF --set "
                 "WRP1A_END=0' (or WRP1B_*)",
                 index);
    } else {
        return false;
    }
    return true;
}

static void report_device_status(const struct cli_common *c, const char *phase,
                                 stm32dfu_device *dev, uint32_t address, const char *where)
{
    char hint[400];
    struct stm32dfu_dfu_status st;
    stm32dfu_get_last_status(dev, &st, NULL);
    const char *state = stm32dfu_state_name(st.bState);
    char status[160];
    const char *text = stm32dfu_get_status_text(dev);
    snprintf(status, sizeof(status), text[0] ? "%s \"%s\"" : "%s", stm32dfu_status_name(st.bStatus),
             text);
    if (st.bStatus == STM32DFU_STATUS_ERR_VENDOR)
        cli_error(c,
                  "%s%s refused: the device is read-protected (%s, %s); remove the protection "
                  "with 'stm32dfu unprotect --force', which erases the whole flash",
                  phase, where, state, status);
    else if (st.bStatus == STM32DFU_STATUS_ERR_TARGET || st.bStatus == STM32DFU_STATUS_ERR_ADDRESS)
        cli_error(c,
                  "%s%s refused: the device does not allow that address (%s, %s); check the "
                  "image's link address against the memory map ('stm32dfu info')",
                  phase, where, state, status);
    else if (st.bStatus == STM32DFU_STATUS_ERR_WRITE && address != UINT32_MAX &&
             protection_hint(dev, address, hint, sizeof(hint)))
        /* errWRITE is the ROM's report of a program error, which a sector's
         * write protection causes (RM0090 Rev 19 §3.7.5 WRPERR; AN3156 Rev 17
         * §6): a rerun fails the same way, so none is suggested. */
        cli_error(c, "%s%s failed: the device reports %s, %s: %s, then %s again%s", phase, where,
                  state, status, hint, c->command,
                  strcmp(c->command, "flash") == 0 ? "; the application was not started" : "");
    else if (st.bStatus == STM32DFU_STATUS_ERR_WRITE)
        /* A layout the library does not know: the general advice. */
        cli_error(c,
                  "%s%s failed: the device reports %s, %s: that flash sector is most likely "
                  "write-protected by the option bytes ('stm32dfu info' shows them); remove the "
                  "protection by writing option bytes that leave it unprotected, then flash "
                  "again%s",
                  phase, where, state, status,
                  strcmp(c->command, "flash") == 0 ? "; the application was not started" : "");
    else
        cli_error(c, "%s%s failed: the device reports %s, %s; %s", phase, where, state, status,
                  next_step(c));
}

/* A request the device answered with a STALL, not at all, or by leaving the
 * bus: say so and where that leaves it. In the detach phase the device is the
 * application, and nothing has been written yet. */
static void report_transport(const struct cli_common *c, const char *phase, const char *where,
                             int error)
{
    /* The request that failed, by name, as a prefix ("DFU_GETSTATUS: "). */
    const char *request = c->ctx ? stm32dfu_get_failed_request(c->ctx) : "";
    char named[40] = "";
    if (request[0])
        snprintf(named, sizeof(named), "%s: ", request);
    const char *not_started =
        strcmp(c->command, "flash") == 0 ? ", the application was not started" : "";
    bool app = strcmp(phase, "detach") == 0;
    const char *who = app ? "the application" : "the device";
    const char *state =
        app ? "it is still running and nothing was written" : "it is still in its bootloader";
    switch (error) {
    case STM32DFU_ERROR_USB_IO:
        /* usbfs gives no detail for SET_INTERFACE (device_open.c) */
        cli_error(c,
                  "%s%s failed: %s%s refused the request (STALL) or did not answer in time; %s%s; "
                  "run the command again",
                  phase, where, named, who, state, not_started);
        break;
    case STM32DFU_ERROR_STALL:
        cli_error(c, "%s%s failed: %s%s stalled the request; %s%s; %s", phase, where, named, who,
                  state, not_started,
                  app ? "check its DFU runtime interface, or start the bootloader with BOOT0 "
                        "high and flash without --detach"
                      : "run the command again");
        break;
    case STM32DFU_ERROR_TIMEOUT:
        cli_error(c,
                  "%s%s failed: %s%s did not answer in time (USB timeout); %s, or hung%s; run "
                  "the command again, and power-cycle the board if it still does not answer",
                  phase, where, named, who, state, not_started);
        break;
    default:
        cli_error(c,
                  "%s%s failed: %s%s disconnected (it left the USB bus)%s; %s; reconnect or "
                  "power-cycle it%s and run the command again",
                  phase, where, named, who, not_started,
                  app ? "nothing was written" : "the flash may be partly erased or written",
                  app ? "" : " into its bootloader (BOOT0 high)");
        break;
    }
}

/* A reply DFU does not allow (a wrong length, an undefined state, a state out
 * of order): say where that leaves the device. Before a leave it is still in
 * its bootloader; a leave whose reply was bad may have started the application. */
static void report_protocol(const struct cli_common *c, const char *phase, const char *where)
{
    const char *what = "a reply DFU does not allow (malformed, or a state out of order)";
    if (strcmp(phase, "leave") == 0)
        cli_error(c,
                  "%s%s failed: %s: %s; the device may have started the application or still be "
                  "in its bootloader; check with 'stm32dfu list', and run the command again if it "
                  "is in its bootloader",
                  phase, where, stm32dfu_strerror(STM32DFU_ERROR_PROTOCOL), what);
    else if (strcmp(phase, "detach") == 0)
        cli_error(c,
                  "%s%s failed: %s: %s; the application is still running and nothing was "
                  "written; check its DFU runtime interface, or start the bootloader with BOOT0 "
                  "high and flash without --detach",
                  phase, where, stm32dfu_strerror(STM32DFU_ERROR_PROTOCOL), what);
    else
        cli_error(c,
                  "%s%s failed: %s: %s; the device is still in its bootloader, in an unknown "
                  "state%s; run the command again, and power-cycle the board into its bootloader "
                  "(BOOT0 high) if it fails the same way",
                  phase, where, stm32dfu_strerror(STM32DFU_ERROR_PROTOCOL), what,
                  strcmp(c->command, "flash") == 0 ? "; the application was not started" : "");
}

int cli_report(const struct cli_common *c, const char *phase, stm32dfu_device *dev, int error)
{
    struct stm32dfu_dfu_status st;
    uint32_t address = UINT32_MAX;
    if (dev)
        stm32dfu_get_last_status(dev, &st, &address);
    char where[32] = "";
    if (address != UINT32_MAX)
        snprintf(where, sizeof(where), " at 0x%08X", (unsigned int)address);
    switch (error) {
    case STM32DFU_ERROR_DEVICE_STATUS:
        report_device_status(c, phase, dev, address, where);
        break;
    case STM32DFU_ERROR_ACCESS:
        cli_error(c, "permission denied opening the USB device; " CLI_UDEV_RULES_HINT);
        break;
    case STM32DFU_ERROR_NO_DEVICE:
        cli_error(c, "no STM32 DFU device found; check the USB cable (a data cable, not "
                     "charge-only), that BOOT0 is high at reset (or run 'stm32dfu detach' for an "
                     "application), the udev rules (" STM32DFU_UDEV_RULES_INSTALLED
                     ", or " CLI_UDEV_RULES_SOURCE " in a source tree), and on Windows the WinUSB "
                     "driver");
        break;
    case STM32DFU_ERROR_BUSY:
        cli_error(c, "the device is in use by another program; close it (dfu-util, "
                     "STM32CubeProgrammer) and run the command again");
        break;
    case STM32DFU_ERROR_VERIFY:
        if (strcmp(c->command, "flash") == 0)
            cli_error(c, "verify%s failed: the flash differs from the image just written; %s",
                      where, next_step(c));
        else
            cli_error(c, "verify%s failed: the device's memory differs from the file there", where);
        break;
    case STM32DFU_ERROR_DEVICE_TIMEOUT:
        cli_error(c,
                  "%s%s failed: the device still reported dfuDNBUSY when the time bound of the "
                  "operation ran out (see TIME BOUNDS in stm32dfu(1)); it is hung in its "
                  "bootloader%s; power-cycle it (BOOT0 high), then run the command again",
                  phase, where,
                  strcmp(c->command, "flash") == 0 ? " and the application was not started" : "");
        break;
    case STM32DFU_ERROR_OUT_OF_RANGE:
        cli_error(c,
                  "%s%s: the address is outside the device's memory map; check the address "
                  "against 'stm32dfu info'",
                  phase, where);
        break;
    case STM32DFU_ERROR_PROTOCOL:
        report_protocol(c, phase, where);
        break;
    case STM32DFU_ERROR_STALL:
    case STM32DFU_ERROR_TIMEOUT:
    case STM32DFU_ERROR_DISCONNECTED:
        report_transport(c, phase, where, error);
        break;
    case STM32DFU_ERROR_USB_IO:
        if (c->ctx && strcmp(stm32dfu_get_failed_request(c->ctx), "SET_INTERFACE") == 0)
            report_transport(c, phase, where, error);
        else
            cli_error(c, "%s%s failed: %s; check the cable; %s", phase, where,
                      stm32dfu_strerror(error), next_step(c));
        break;
    default:
        cli_error(c, "%s%s failed: %s; check the cable; %s", phase, where, stm32dfu_strerror(error),
                  next_step(c));
        break;
    }
    return cli_exit_code(error);
}

int cli_report_detail(const struct cli_common *c, const char *file,
                      const struct stm32dfu_error_detail *detail, int error)
{
    if (detail && detail->message[0])
        cli_error(c, "%s: %s", file, detail->message);
    else
        cli_error(c, "%s: %s", file, stm32dfu_strerror(error));
    return cli_exit_code(error);
}
