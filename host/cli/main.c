/* SPDX-License-Identifier: MIT */
/* stm32dfu: parses the command word and dispatches; each command parses its
 * own options. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    /* the command records its device state for SIGINT/SIGTERM (interrupt.c) */
    bool reports_interrupt;
} commands[] = {
    {"list", cmd_list, "list DFU bootloaders and applications", true},
    {"info", cmd_info, "show memory map, read protection and option bytes", true},
    {"flash", cmd_flash, "erase, write, verify and start an image", true},
    {"verify", cmd_verify, "compare the device's memory with an image", true},
    {"read", cmd_read, "save device memory to a file", true},
    {"erase", cmd_erase, "erase sectors, or the whole flash", true},
    {"leave", cmd_leave, "start the application", false},
    {"detach", cmd_detach, "send an application into its bootloader", false},
    {"unprotect", cmd_unprotect, "remove read protection (erases the flash)", false},
    {"option-bytes", cmd_option_bytes, "show or set option bytes by name", false},
};

static void print_help(FILE *f)
{
    fprintf(f, "usage: stm32dfu [global options] COMMAND [options] [args]\n"
               "Firmware update over USB DFU for the STM32 ROM bootloader.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nglobal options, also accepted after the command: --serial SERIAL, --path\n"
               "BUS-PORT, -v/--verbose (log every request; twice: every reply), --quiet.\n"
               "'stm32dfu COMMAND --help' describes a command's options.\n"
               "exit codes (sysexits.h): 0 success, 64 usage, 65 bad input file, 66 input not\n"
               "readable, 69 no device, 70 internal error, 71 out of memory, 73 cannot create\n"
               "output, 74 USB failure, 75 device busy, 76 device error or verify mismatch,\n"
               "77 permission denied\n");
}

/* How many argv entries the global option at argv[i] takes (1 or 2), or 0
 * when it is not one. The common options (cli.h) may come before the command
 * word; each command parses them. */
static int global_option_size(int argc, char **argv, int i)
{
    const char *a = argv[i];
    if (strcmp(a, "--verbose") == 0 || strcmp(a, "--quiet") == 0)
        return 1;
    if (a[0] == '-' && a[1] == 'v' && strspn(a + 1, "v") == strlen(a + 1))
        return 1;
    if (strncmp(a, "--serial=", 9) == 0 || strncmp(a, "--path=", 7) == 0)
        return 1;
    if ((strcmp(a, "--serial") == 0 || strcmp(a, "--path") == 0) && i + 1 < argc)
        return 2;
    return 0;
}

int main(int argc, char **argv)
{
    int first = 1;
    while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "--help") != 0 &&
           strcmp(argv[first], "-h") != 0 && strcmp(argv[first], "--version") != 0) {
        int n = global_option_size(argc, argv, first);
        if (n == 0) {
            fprintf(stderr,
                    "stm32dfu: '%s' is not a global option or lacks its value (global: "
                    "--serial SERIAL, --path BUS-PORT, -v, --quiet); try 'stm32dfu --help'\n",
                    argv[first]);
            return EX_USAGE;
        }
        first += n;
    }
    if (first >= argc) {
        print_help(stderr);
        return EX_USAGE;
    }
    const char *word = argv[first];
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0 || strcmp(word, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(word, "--version") == 0) {
        printf("stm32dfu " STM32DFU_VERSION "\n");
        return 0;
    }
    /* The command sees its word, then the global options, then the rest. */
    memmove(argv + 2, argv + 1, (size_t)(first - 1) * sizeof(*argv));
    argv[1] = (char *)word;
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(word, commands[i].name) == 0) {
            if (commands[i].reports_interrupt)
                cli_interrupt_install(commands[i].name);
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "stm32dfu: '%s' is not a command; try 'stm32dfu --help'\n", word);
    return EX_USAGE;
}
