/* SPDX-License-Identifier: MIT */
/* stm32dfu option-bytes [--set FIELD=VALUE ...]: show the option bytes field
 * by field, or change the named fields: read, change, check the interlocks,
 * write the block, wait for the reset that applies it, read back, compare. */
#define _POSIX_C_SOURCE 200809L /* strncasecmp */
#include <getopt.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli.h"

/* The ROM erases the flash and resets after Read Unprotect (AN2662 Rev 1
 * p. 78); Betaflight waits at least 20 s for it (host_side.md §1.6). */
#define UNPROTECT_TIMEOUT_MS 30000u
#define MAX_CHANGES          32

static const char option_bytes_help[] =
    "usage: stm32dfu option-bytes [options]\n"
    "Show the device's option bytes field by field (the reference manual's names), or\n"
    "change named fields: read them, change only those (with any complement the layout\n"
    "keeps), write the block, wait for the reset that applies it, read back and compare.\n"
    "Layouts: STM32F1 (PM0075), F2/F4 (RM0090), F7 (RM0385), H7 (RM0433), L4 (RM0351),\n"
    "G4 (RM0440).\n"
    "\n"
    "  --set FIELD=VALUE        set FIELD to VALUE (decimal or 0x hex); repeatable\n"
    "  --force                  allow leaving read protection level 1 (RDP to 0xAA), which\n"
    "                           erases ALL of the flash\n"
    "  --allow-permanent-lock   allow RDP 0xCC, level 2, which locks the chip for good\n"
    "  --allow-rom-unreachable  allow a change after which the application can no longer\n"
    "                           enter the ROM bootloader (BFB2=1; G4: nSWBOOT0=0 with nBOOT0=1)\n"
    "  --allow-app-unbootable   allow a change after which no reset starts the application\n"
    "                           (G4: nSWBOOT0=0 with nBOOT0=0)\n"
    "  --timeout SECONDS        how long to wait for the device after the reset (1 to 600,\n"
    "                           default 10)\n"
    "  --json                   print one JSON object on stdout, also when --set fails\n"
    "                           once the device is open\n" CLI_COMMON_HELP "\n"
    "exit 0: the option bytes read back after the reset equal what was asked (or, for\n"
    "RDP level 1 or 2, the device now refuses the read, which proves it).\n"
    "exit codes: 0 done, 64 usage (unknown field, value out of range, a missing\n"
    "confirmation flag), 69 no device or it did not come back as the bootloader, 74 USB\n"
    "failure, 76 device error or read-back mismatch, 77 permission denied\n";

struct change {
    const char *name;
    unsigned int value;
    const struct stm32dfu_option_field *field;
};

/* What --json reports: the device, the option bytes before --set, whether a write went out,
 * and the option bytes as last read (the read-back after the reset). */
struct ob_outcome {
    struct stm32dfu_device_info info;
    bool opened;
    struct cli_option_bytes before;
    bool have_before;
    bool written;
    struct cli_option_bytes last;
    bool have_last;
};

struct ob_args {
    struct cli_common common;
    struct change changes[MAX_CHANGES];
    int count;
    bool force;
    bool allow_permanent_lock;
    bool allow_rom_unreachable;
    bool allow_app_unbootable;
    struct ob_outcome out;
};

static int ob_option(struct cli_common *c, int opt, const char *arg, void *user)
{
    struct ob_args *a = user;
    switch (opt) {
    case OPT_FORCE:
        a->force = true;
        return 0;
    case OPT_ALLOW_PERMANENT_LOCK:
        a->allow_permanent_lock = true;
        return 0;
    case OPT_ALLOW_ROM_UNREACHABLE:
        a->allow_rom_unreachable = true;
        return 0;
    case OPT_ALLOW_APP_UNBOOTABLE:
        a->allow_app_unbootable = true;
        return 0;
    case OPT_JSON:
        return cli_json_option(c, opt, arg, NULL);
    case OPT_SET: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg)
            return cli_usage_error(c, "--set '%s': give FIELD=VALUE, e.g. --set BOR_LEV=1", arg);
        if (a->count == MAX_CHANGES)
            return cli_usage_error(c, "--set: at most %d fields at once", MAX_CHANGES);
        uint32_t v;
        if (!cli_parse_u32(c, "set", eq + 1, &v))
            return EX_USAGE;
        /* The name stays in argv; only its length is cut off at '='. */
        struct change *ch = &a->changes[a->count++];
        ch->name = arg;
        ch->value = v;
        return 0;
    }
    default:
        return CLI_OPTION_UNKNOWN;
    }
}

static bool name_is(const struct change *ch, const char *name)
{
    size_t n = (size_t)(strchr(ch->name, '=') - ch->name);
    return strlen(name) == n && strncasecmp(ch->name, name, n) == 0;
}

static unsigned int field_max(const struct stm32dfu_option_field *f)
{
    unsigned int m = f->mask;
    while (!(m & 1u))
        m >>= 1;
    return m;
}

/* "RDP, nRST_STDBY, ...": the fields that can be set. */
static void list_fields(const struct stm32dfu_option_field *fields, size_t n, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        if (!fields[i].complement_of)
            used +=
                (size_t)snprintf(out + used, len - used, "%s%s", used ? ", " : "", fields[i].name);
    }
}

/* The valid values of f, for the usage error of a value out of range. */
static void describe_values(const struct stm32dfu_option_field *f, char *out, size_t len)
{
    if (strcmp(f->name, "RDP") == 0)
        snprintf(out, len,
                 "0x00 to 0xFF: 0xAA level 0, 0xCC level 2 (permanent), any other "
                 "level 1");
    else if (field_max(f) == 1 && f->meaning[0])
        snprintf(out, len, "0 (%s) or 1 (%s)", f->meaning[0], f->meaning[1]);
    else
        snprintf(out, len, "0 to 0x%X", field_max(f));
}

/* Finds each named field in the device's layout; a usage error lists what is valid. */
static int resolve(struct ob_args *a, const struct stm32dfu_device_info *info)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    char valid[512];
    if (n == 0) {
        const char *series = stm32dfu_series_name(info);
        cli_error(&a->common,
                  "the option-byte layout of this device (series %s) is not known, so its "
                  "fields have no names; read the raw bytes with 'stm32dfu info'",
                  series[0] ? series : "not recognised");
        return cli_exit_code(STM32DFU_ERROR_UNSUPPORTED);
    }
    list_fields(fields, n, valid, sizeof(valid));
    for (int k = 0; k < a->count; k++) {
        struct change *ch = &a->changes[k];
        for (size_t i = 0; i < n && !ch->field; i++) {
            if (name_is(ch, fields[i].name))
                ch->field = &fields[i];
        }
        int len = (int)(strchr(ch->name, '=') - ch->name);
        if (!ch->field)
            return cli_usage_error(&a->common,
                                   "--set: the %s option bytes have no field '%.*s'; "
                                   "the fields are: %s",
                                   stm32dfu_series_name(info), len, ch->name, valid);
        if (ch->field->complement_of)
            return cli_usage_error(
                &a->common, "--set: %s is the complement of %s and follows it; set %s",
                ch->field->name, ch->field->complement_of, ch->field->complement_of);
        if (ch->value > field_max(ch->field)) {
            char values[160];
            describe_values(ch->field, values, sizeof(values));
            return cli_usage_error(&a->common, "--set %.*s=%u: out of range; %s is %s", len,
                                   ch->name, ch->value, ch->field->name, values);
        }
    }
    return 0;
}

static const struct stm32dfu_option_field *field_named(const struct stm32dfu_device_info *info,
                                                       const char *name)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    }
    return NULL;
}

/* The value of the field called name in bytes; fallback when the layout has
 * no such field or the bytes do not reach it. */
static unsigned int value_of(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                             size_t count, const char *name, unsigned int fallback)
{
    const struct stm32dfu_option_field *f = field_named(info, name);
    unsigned int v;
    return f && stm32dfu_option_field_value(f, bytes, count, &v) ? v : fallback;
}

/* Whether the bytes stop the application from entering the ROM: BFB2 makes
 * the ROM start a valid bank at once (research P14: QMK stm32_dfu.c,
 * barafael/g4-dual-bank-example #2; docs/firmware.md "Dual-bank parts:
 * BFB2"), and G4 nSWBOOT0 = 0 with nBOOT0 = 1 takes BOOT0 as 0 from the
 * option bit, ignoring the pin (RM0440 Rev 8 §5.7.8, FLASH_OPTR). */
static const char *rom_unreachable(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                                   size_t count)
{
    if (value_of(info, bytes, count, "BFB2", 0) == 1)
        return "BFB2=1 makes the ROM start a valid flash bank as soon as it runs, so neither "
               "vJumpToDFU nor a DFU detach reaches the bootloader while the application is "
               "valid; to undo it, hold BOOT0 high at reset and run 'stm32dfu option-bytes --set "
               "BFB2=0'";
    if (value_of(info, bytes, count, "nSWBOOT0", 1) == 0 &&
        value_of(info, bytes, count, "nBOOT0", 0) == 1)
        return "nSWBOOT0=0 with nBOOT0=1 ignores the BOOT0 pin and always starts the main "
               "flash, so the bootloader can be reached only by the application itself "
               "(vJumpToDFU) or over SWD; to undo it, from the bootloader run 'stm32dfu "
               "option-bytes --set nSWBOOT0=1'";
    return NULL;
}

/* Whether the bytes stop every reset from starting the application: G4 nSWBOOT0 = 0 takes
 * BOOT0 from the nBOOT0 option bit instead of the pin, and nBOOT0 = 0 is BOOT0 = 1, which boots
 * system memory (nBOOT1 = 1) or the embedded SRAM (nBOOT1 = 0) (RM0440 Rev 8 §2.6, boot modes
 * table; FLASH_OPTR bits in §5.7.8). The ROM's leave still jumps to the application. */
static const char *app_unbootable(const struct stm32dfu_device_info *info, const uint8_t *bytes,
                                  size_t count)
{
    if (value_of(info, bytes, count, "nSWBOOT0", 1) != 0 ||
        value_of(info, bytes, count, "nBOOT0", 1) != 0)
        return NULL;
    if (value_of(info, bytes, count, "nBOOT1", 1) == 0)
        return "nSWBOOT0=0 with nBOOT0=0 ignores the BOOT0 pin and takes BOOT0 as 1, and with "
               "nBOOT1=0 every reset starts the embedded SRAM: neither the application nor the "
               "ROM bootloader starts, and only a debugger (SWD) can undo it";
    return "nSWBOOT0=0 with nBOOT0=0 ignores the BOOT0 pin and takes BOOT0 as 1, so every reset "
           "and power-up starts the ROM bootloader and never the application (only 'stm32dfu "
           "leave' starts it); to undo it, from the bootloader run 'stm32dfu option-bytes --set "
           "nSWBOOT0=1' (the BOOT0 pin decides again)";
}

/* A dangerous change the bytes make, named before anything is written: refused unless its
 * flag was given (what_now: "makes ..."), else noted (what_after: "..." after this change). */
static int confirm(const struct ob_args *a, const char *why, bool allowed, const char *flag,
                   const char *what_now, const char *what_after)
{
    if (!allowed) {
        cli_error(&a->common, "this change %s: %s; nothing was written; give %s if you mean it",
                  what_now, why, flag);
        return cli_exit_code(STM32DFU_ERROR_NOT_CONFIRMED);
    }
    cli_error(&a->common, "note: after this change %s: %s", what_after, why);
    return 0;
}

/* The RDP level the bytes hold, -1 when the layout has no RDP field. */
static int rdp_level(const struct stm32dfu_device_info *info, const uint8_t *bytes, size_t count)
{
    unsigned int rdp = value_of(info, bytes, count, "RDP", 0x100);
    return rdp > 0xFF ? -1 : stm32dfu_rdp_level(info, (uint8_t)rdp);
}

/* What the bytes set, for the report after the reset (enum cli_option_sets). */
static unsigned int sets(const struct stm32dfu_device_info *info, const uint8_t *bytes, int count)
{
    unsigned int out = 0;
    if (rdp_level(info, bytes, (size_t)count) == 2)
        out |= CLI_OB_SETS_LEVEL2;
    if (value_of(info, bytes, (size_t)count, "BFB2", 0) == 1)
        out |= CLI_OB_SETS_BFB2;
    return out;
}

/* The interlocks, checked before anything is written. */
static int check_interlocks(const struct ob_args *a, const struct stm32dfu_device_info *info,
                            const struct cli_option_bytes *old, const uint8_t *new_bytes)
{
    size_t count = (size_t)old->count;
    int before = rdp_level(info, old->bytes, count);
    int after = rdp_level(info, new_bytes, count);
    if (after == 2 && before != 2 && !a->allow_permanent_lock) {
        cli_error(&a->common, "RDP=0xCC sets read protection level 2, which locks the chip for "
                              "good (no debug access, no way back to level 0, and the ROM "
                              "bootloader is disabled); nothing was written; give "
                              "--allow-permanent-lock if you mean it");
        return cli_exit_code(STM32DFU_ERROR_NOT_CONFIRMED);
    }
    if (before == 1 && after == 0 && !a->force) {
        cli_error(&a->common, "leaving read protection level 1 erases ALL of the flash; nothing "
                              "was written; give --force if you mean it");
        return cli_exit_code(STM32DFU_ERROR_NOT_CONFIRMED);
    }
    const char *why = rom_unreachable(info, new_bytes, count);
    int r = 0;
    if (why && !rom_unreachable(info, old->bytes, count))
        r = confirm(a, why, a->allow_rom_unreachable, "--allow-rom-unreachable",
                    "makes the ROM bootloader unreachable from the application",
                    "the ROM bootloader is unreachable from the application");
    why = app_unbootable(info, new_bytes, count);
    if (r == 0 && why && !app_unbootable(info, old->bytes, count))
        r = confirm(a, why, a->allow_app_unbootable, "--allow-app-unbootable",
                    "stops every reset from starting the application",
                    "no reset starts the application");
    return r;
}

/* Level 1 refuses every read, so the option bytes cannot be changed field by
 * field; leaving it is the ROM's Read Unprotect, which erases the flash
 * (AN2662 Rev 1 §4.5.4). Returns 0 with *dev reopened and ob read again. */
static int leave_level1(const struct ob_args *a, stm32dfu_context *ctx, stm32dfu_device **dev,
                        struct cli_option_bytes *ob)
{
    bool asked = false;
    for (int k = 0; k < a->count; k++) {
        const struct change *ch = &a->changes[k];
        asked |= strcmp(ch->field->name, "RDP") == 0 &&
                 stm32dfu_rdp_level(stm32dfu_get_device_info(*dev), (uint8_t)ch->value) == 0;
    }
    if (!asked) {
        cli_error(&a->common,
                  "read protection is active: the device refuses to read its option bytes "
                  "(errVENDOR), so they cannot be changed field by field; --set RDP=0xAA "
                  "--force lifts it, erasing ALL of the flash; nothing was written");
        return cli_exit_code(STM32DFU_ERROR_DEVICE_STATUS);
    }
    if (!a->force) {
        cli_error(&a->common, "leaving read protection level 1 erases ALL of the flash; nothing "
                              "was written; give --force if you mean it");
        return cli_exit_code(STM32DFU_ERROR_NOT_CONFIRMED);
    }
    struct stm32dfu_device_info info = *stm32dfu_get_device_info(*dev);
    int r = stm32dfu_read_unprotect(*dev);
    if (r < 0)
        return cli_report(&a->common, "read unprotect", *dev, r);
    stm32dfu_close(*dev);
    *dev = NULL;
    struct stm32dfu_device_info rom;
    if (cli_wait_reenumeration(ctx, &info, false, UNPROTECT_TIMEOUT_MS, &rom) < 0) {
        cli_error(&a->common,
                  "the device accepted Read Unprotect but did not come back within %u s, so the "
                  "result is not known; power-cycle it and check with 'stm32dfu info'",
                  UNPROTECT_TIMEOUT_MS / 1000);
        return cli_exit_code(STM32DFU_ERROR_NO_DEVICE);
    }
    r = stm32dfu_open(ctx, &rom, dev);
    if (r < 0)
        return cli_report(&a->common, "open after Read Unprotect", NULL, r);
    if (!a->common.json)
        printf("%s: read protection level 1 left: the device erased its flash and is back\n",
               rom.path);
    cli_read_option_bytes(*dev, ob);
    return 0;
}

/* Writes the block to the option-byte alternate setting; the ROM resets to apply it. */
static int write_block(const struct ob_args *a, stm32dfu_device *dev, unsigned int alt,
                       const struct cli_option_bytes *ob, const uint8_t *bytes, bool *reset)
{
    struct stm32dfu_segment seg = {
        .address = ob->address, .len_bytes = (size_t)ob->count, .data = bytes};
    struct stm32dfu_flash_options o = {.no_verify = true};
    struct stm32dfu_flash_report rep = {0};
    int r = stm32dfu_set_alt(dev, alt);
    if (r == 0)
        r = stm32dfu_flash(dev, &seg, 1, &o, &rep);
    if (r < 0)
        return cli_report_option_write(&a->common, dev, r);
    *reset = rep.device_reset;
    return 0;
}

/* Each field of the layout read back against what was written. */
static int compare(const struct ob_args *a, const struct stm32dfu_device_info *info,
                   const uint8_t *want, const struct cli_option_bytes *back)
{
    const struct stm32dfu_option_field *fields;
    size_t n = stm32dfu_option_fields(info, &fields);
    size_t count = (size_t)back->count;
    for (size_t i = 0; i < n; i++) {
        unsigned int w, b;
        if (!stm32dfu_option_field_value(&fields[i], want, count, &w) ||
            !stm32dfu_option_field_value(&fields[i], back->bytes, count, &b) || w == b)
            continue;
        cli_error(&a->common,
                  "the option bytes read back after the reset differ: %s reads 0x%X, 0x%X was "
                  "written; the device is in its bootloader with these option bytes: check "
                  "them with 'stm32dfu option-bytes' and set them again",
                  fields[i].name, b, w);
        return cli_exit_code(STM32DFU_ERROR_VERIFY);
    }
    return 0;
}

static void print_changes(const struct ob_args *a, const struct stm32dfu_device_info *info,
                          const struct cli_option_bytes *old)
{
    for (int k = 0; k < a->count; k++) {
        const struct change *ch = &a->changes[k];
        unsigned int v = 0;
        stm32dfu_option_field_value(ch->field, old->bytes, (size_t)old->count, &v);
        const char *meaning = stm32dfu_option_field_meaning(info, ch->field, ch->value);
        printf("  %s: 0x%X -> 0x%X%s%s%s\n", ch->field->name, v, ch->value, meaning ? " (" : "",
               meaning ? meaning : "", meaning ? ")" : "");
    }
}

/* Changes the named fields: the whole read-change-write-verify cycle. */
static int set_fields(struct ob_args *a, stm32dfu_context *ctx, stm32dfu_device **dev)
{
    struct cli_option_bytes ob;
    cli_read_option_bytes(*dev, &ob);
    a->out.last = ob;
    a->out.have_last = true;
    int r = ob.refused ? leave_level1(a, ctx, dev, &ob) : 0;
    if (r)
        return r;
    /* as it is now: Read Unprotect re-enumerates it */
    struct stm32dfu_device_info info = *stm32dfu_get_device_info(*dev);
    a->out.info = info;
    a->out.last = ob;
    if (ob.count < 0)
        return cli_report(&a->common, "option-byte read", *dev, ob.count);
    a->out.before = ob;
    a->out.have_before = true;
    uint8_t bytes[CLI_OPTION_BYTES_MAX];
    memcpy(bytes, ob.bytes, sizeof(bytes));
    for (int k = 0; k < a->count; k++) {
        const struct change *ch = &a->changes[k];
        r = stm32dfu_option_field_set(&info, ch->field, bytes, (size_t)ob.count, ch->value);
        if (r < 0)
            return cli_report(&a->common, "option-byte change", *dev, r);
    }
    if (memcmp(bytes, ob.bytes, (size_t)ob.count) == 0) {
        if (!a->common.json)
            printf("%s: the option bytes already hold these values; nothing was written\n",
                   info.path);
        return 0;
    }
    r = check_interlocks(a, &info, &ob, bytes);
    if (r)
        return r;
    unsigned int ob_alt = 0;
    for (unsigned int alt = 0; alt < info.alt_count; alt++) {
        uint32_t at;
        if (stm32dfu_rdp_byte_address(&info, alt, &at))
            ob_alt = alt;
    }
    bool reset = false;
    a->out.written = true;
    a->out.have_last = false;
    r = write_block(a, *dev, ob_alt, &ob, bytes, &reset);
    if (r)
        return r;
    struct cli_option_bytes back;
    if (reset) {
        stm32dfu_close(*dev);
        *dev = NULL;
        r = cli_reopen_after_option_reset(&a->common, ctx, &info, sets(&info, bytes, ob.count), dev,
                                          &back);
    } else {
        cli_read_option_bytes(*dev, &back);
    }
    if (r)
        return r;
    a->out.last = back;
    a->out.have_last = true;
    /* Level 1 or 2 refuses the read-back, which proves it. */
    bool locked = back.refused && rdp_level(&info, bytes, (size_t)ob.count) > 0;
    if (!locked && back.count < 0)
        return cli_report(&a->common, "option-byte read-back", *dev, back.count);
    r = locked ? 0 : compare(a, &info, bytes, &back);
    if (r || a->common.json)
        return r;
    if (locked)
        printf("%s: option bytes written; the device reset and is back, read-protected as asked "
               "(it refuses the read-back)\n",
               info.path);
    else
        printf("%s: option bytes written; the device reset, is back, and they read back as set\n",
               info.path);
    print_changes(a, &info, &ob);
    if (!locked)
        cli_print_option_fields(&info, back.bytes, (size_t)back.count);
    return 0;
}

/* Without --set: the bytes and their fields, as info shows them. */
static int show(struct ob_args *a, stm32dfu_device *dev)
{
    const struct cli_common *c = &a->common;
    const struct stm32dfu_device_info *info = stm32dfu_get_device_info(dev);
    struct cli_option_bytes ob;
    cli_read_option_bytes(dev, &ob);
    a->out.last = ob;
    a->out.have_last = true;
    if (c->json)
        return ob.refused || ob.count >= 0 ? 0 : cli_report(c, "option-byte read", dev, ob.count);
    if (ob.refused) {
        printf("read protection: active (the device refuses reads: errVENDOR); "
               "'stm32dfu option-bytes --set RDP=0xAA --force' removes it and erases the "
               "flash\n");
        return 0;
    }
    if (ob.count < 0)
        return cli_report(c, "option-byte read", dev, ob.count);
    printf("option bytes at 0x%08X:", (unsigned int)ob.address);
    for (int i = 0; i < ob.count; i++)
        printf("%s%02X", i % 16 ? " " : "\n  ", ob.bytes[i]);
    printf("\n");
    cli_print_option_fields(info, ob.bytes, (size_t)ob.count);
    return 0;
}

/* --json: one object (docs/stm32dfu.1, JSON OUTPUT). */
static void print_json(const struct ob_args *a, int exit_code)
{
    const struct ob_outcome *o = &a->out;
    const struct stm32dfu_device_info *info = &o->info;
    const struct cli_option_bytes *ob = &o->last;
    printf("{\"path\":");
    cli_json_string(stdout, info->path);
    printf(",\"serial\":");
    cli_json_string(stdout, info->serial);
    printf(",\"series\":");
    cli_json_string(stdout, stm32dfu_series_name(info));
    printf(",\"exit_code\":%d,\"error\":", exit_code);
    if (exit_code)
        cli_json_string(stdout, cli_last_message());
    else
        printf("null");
    printf(",\"written\":%s,\"changes\":[", o->written ? "true" : "false");
    for (int k = 0; k < a->count && a->changes[k].field; k++) {
        const struct change *ch = &a->changes[k];
        unsigned int v;
        printf("%s{\"field\":", k ? "," : "");
        cli_json_string(stdout, ch->field->name);
        if (o->have_before &&
            stm32dfu_option_field_value(ch->field, o->before.bytes, (size_t)o->before.count, &v))
            printf(",\"from\":%u", v);
        else
            printf(",\"from\":null");
        printf(",\"to\":%u,\"meaning\":", ch->value);
        const char *meaning = stm32dfu_option_field_meaning(info, ch->field, ch->value);
        if (meaning)
            cli_json_string(stdout, meaning);
        else
            printf("null");
        printf("}");
    }
    printf("],\"option_bytes\":");
    if (o->have_last && ob->count >= 0) {
        cli_json_option_bytes(info, ob->address, ob->bytes, (size_t)ob->count);
    } else {
        printf("null");
    }
    int level = o->have_last && ob->count >= 0 ? rdp_level(info, ob->bytes, (size_t)ob->count) : -1;
    printf(",\"read_protected\":%s,\"rdp_level\":", !o->have_last || (!ob->refused && ob->count < 0)
                                                        ? "null"
                                                    : ob->refused || level > 0 ? "true"
                                                                               : "false");
    if (level >= 0)
        printf("%d}\n", level);
    else
        printf("null}\n");
}

/* --json when the command fails before a device is open (usage, no device): one object with
 * the exit status and the message, as flash prints it. */
static int print_early_failure(const struct ob_args *a, int exit_code)
{
    if (a->common.json) {
        printf("{\"exit_code\":%d,\"error\":", exit_code);
        cli_json_string(stdout, cli_last_message());
        printf("}\n");
    }
    return exit_code;
}

int cmd_option_bytes(int argc, char **argv)
{
    static const struct option options[] = {
        {"set", required_argument, NULL, OPT_SET},
        {"force", no_argument, NULL, OPT_FORCE},
        {"allow-permanent-lock", no_argument, NULL, OPT_ALLOW_PERMANENT_LOCK},
        {"allow-rom-unreachable", no_argument, NULL, OPT_ALLOW_ROM_UNREACHABLE},
        {"allow-app-unbootable", no_argument, NULL, OPT_ALLOW_APP_UNBOOTABLE},
        {"json", no_argument, NULL, OPT_JSON},
        CLI_TIMEOUT_LONG_OPTION,
        CLI_COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct ob_args a = {.common = {.command = "option-bytes"}};
    const struct cli_parser parser = {.shortopts = "vh",
                                      .options = options,
                                      .help = option_bytes_help,
                                      .handle = ob_option,
                                      .user = &a};
    int r = cli_parse(argc, argv, &parser, &a.common, NULL);
    if (r)
        return r == CLI_HELP_SHOWN ? 0 : print_early_failure(&a, r);
    stm32dfu_context *ctx = NULL;
    stm32dfu_device *dev = NULL;
    r = cli_session_open(&a.common, false, &ctx, &dev);
    if (r == 0) {
        a.out.info = *stm32dfu_get_device_info(dev);
        a.out.opened = true;
    }
    if (r == 0 && a.count == 0)
        r = show(&a, dev);
    else if (r == 0)
        r = resolve(&a, stm32dfu_get_device_info(dev));
    if (r == 0 && a.count > 0)
        r = set_fields(&a, ctx, &dev);
    if (a.common.json && a.out.opened)
        print_json(&a, r);
    else if (r)
        print_early_failure(&a, r);
    cli_session_close(ctx, dev);
    return r;
}
