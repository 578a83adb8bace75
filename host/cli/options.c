/* SPDX-License-Identifier: MIT */
/* Option parsing shared by the commands: the common options, the command
 * line loop with --help and usage errors, and strict numbers. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli.h"

bool cli_common_option(struct cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_SERIAL:
        c->serial = arg;
        return true;
    case OPT_PATH:
        c->path = arg;
        return true;
    case 'v':
        c->verbose++;
        return true;
    case OPT_QUIET:
        c->quiet = true;
        return true;
    case OPT_FAST_POLL:
        c->fast_poll = true;
        return true;
    default:
        return false;
    }
}

bool cli_parse_u32(const struct cli_common *c, const char *option, const char *text,
                   uint32_t *value)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (text[0] == '-' || text[0] == '\0' || *end != '\0' || errno == ERANGE || v > UINT32_MAX) {
        cli_usage_error(c, "--%s '%s' is not a number from 0 to 0xFFFFFFFF (decimal or 0x hex)",
                        option, text);
        return false;
    }
    *value = (uint32_t)v;
    return true;
}

/* --timeout: whole seconds, 1 to CLI_TIMEOUT_MAX_S, the whole string a number. */
static int timeout_option(struct cli_common *c, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno == ERANGE || v < 1 ||
        v > CLI_TIMEOUT_MAX_S)
        return cli_usage_error(c, "--timeout '%s' is not a whole number of seconds from 1 to %u",
                               arg, CLI_TIMEOUT_MAX_S);
    c->timeout_s = (uint32_t)v;
    return 0;
}

uint32_t cli_timeout_ms(const struct cli_common *c)
{
    return (c->timeout_s ? c->timeout_s : CLI_TIMEOUT_DEFAULT_S) * 1000u;
}

int cli_range_option(struct cli_common *c, int opt, const char *arg, void *range)
{
    struct cli_range *r = range;
    if (opt == 'a') {
        r->has_address = true;
        return cli_parse_u32(c, "address", arg, &r->address) ? 0 : EX_USAGE;
    }
    if (opt == 'l') {
        r->has_length = true;
        return cli_parse_u32(c, "length", arg, &r->length) ? 0 : EX_USAGE;
    }
    return CLI_OPTION_UNKNOWN;
}

int cli_force_option(struct cli_common *c, int opt, const char *arg, void *force)
{
    (void)c;
    (void)arg;
    if (opt != OPT_FORCE)
        return CLI_OPTION_UNKNOWN;
    *(bool *)force = true;
    return 0;
}

/* A USB path as discovery writes it: BUS, then -PORT and .PORT for each hub
 * tier (at most 7, USB 2.0 §4.1.1), every number 1 to 255. */
static bool valid_path(const char *text)
{
    const char *s = text;
    for (int field = 0; field < 8; field++) {
        char *end;
        if (*s < '0' || *s > '9')
            return false;
        errno = 0;
        unsigned long v = strtoul(s, &end, 10);
        if (errno == ERANGE || v < 1 || v > 255)
            return false;
        if (*end == '\0')
            return field > 0;
        if (*end != (field == 0 ? '-' : '.'))
            return false;
        s = end + 1;
    }
    return false;
}

int cli_parse(int argc, char **argv, const struct cli_parser *p, struct cli_common *c,
              const char **file)
{
    int opt;
    opterr = 0; /* getopt's own messages would name the command word as the program */
    while ((opt = getopt_long(argc, argv, p->shortopts, p->options, NULL)) != -1) {
        if (opt == '?')
            return cli_usage_error(c, "'%s' is not an option of this command or lacks its value",
                                   argv[optind - 1]);
        if (opt == OPT_PATH && !valid_path(optarg))
            return cli_usage_error(c,
                                   "--path '%s' is not a USB path; give BUS-PORT[.PORT...] as "
                                   "'stm32dfu list' shows it (e.g. 1-2.3)",
                                   optarg);
        if (cli_common_option(c, opt, optarg))
            continue;
        if (opt == 'h') {
            fputs(p->help, stdout);
            return CLI_HELP_SHOWN;
        }
        int r = opt == OPT_TIMEOUT ? timeout_option(c, optarg)
                : p->handle        ? p->handle(c, opt, optarg, p->user)
                                   : CLI_OPTION_UNKNOWN;
        if (r == CLI_OPTION_UNKNOWN)
            return cli_usage_error(c, "unknown option");
        if (r)
            return r;
    }
    if (p->takes_file && optind != argc - 1)
        return cli_usage_error(c, "give exactly one FILE");
    if (!p->takes_file && optind != argc)
        return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
    if (file)
        *file = p->takes_file ? argv[optind] : NULL;
    return 0;
}

int cli_json_option(struct cli_common *c, int opt, const char *arg, void *user)
{
    (void)arg;
    (void)user;
    if (opt != OPT_JSON)
        return CLI_OPTION_UNKNOWN;
    c->json = true;
    return 0;
}
