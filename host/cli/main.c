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
} commands[] = {
    {"list", cmd_list, "list DFU bootloaders and applications"},
    {"info", cmd_info, "show memory map, read protection and option bytes"},
    {"flash", cmd_flash, "erase, write, verify and start an image"},
    {"verify", cmd_verify, "compare the device's memory with an image"},
    {"read", cmd_read, "save device memory to a file"},
    {"erase", cmd_erase, "erase sectors, or the whole flash"},
    {"leave", cmd_leave, "start the application"},
    {"detach", cmd_detach, "send an application into its bootloader"},
    {"unprotect", cmd_unprotect, "remove read protection (erases the flash)"},
};

static void print_help(FILE *f)
{
    fprintf(f, "usage: stm32dfu COMMAND [options] [args]\n"
               "Firmware update over USB DFU for the STM32 ROM bootloader.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'stm32dfu COMMAND --help' describes a command's options.\n"
               "exit codes (sysexits.h): 0 success, 64 usage, 65 bad input file, 66 input not\n"
               "readable, 69 no device, 70 internal error, 71 out of memory, 73 cannot create\n"
               "output, 74 USB failure, 75 device busy, 76 device error or verify mismatch,\n"
               "77 permission denied\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EX_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("stm32dfu " STM32DFU_VERSION "\n");
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "stm32dfu: '%s' is not a command; try 'stm32dfu --help'\n", argv[1]);
    return EX_USAGE;
}
