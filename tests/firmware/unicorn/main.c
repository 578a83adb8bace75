/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu-unicorn: runs one scenario of the firmware library's real Thumb
 * code under Unicorn (issue 2, "Proof under emulation" item 2).
 *
 * Usage: stm32dfu-unicorn <cpu> <series> <application.elf> <scenario>
 * Exit status 0 if every assertion held, 1 if one failed, 2 on bad usage.
 */
#include <stdio.h>

#include "check.h"
#include "machine.h"
#include "scenarios.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s <cpu> <series> <application.elf> <scenario>\n", argv[0]);
        return 2;
    }
    const struct scenario *scenario = scenario_find(argv[4]);
    if (scenario == NULL) {
        fprintf(stderr, "%s: unknown scenario '%s' (see scenarios.c)\n", argv[0], argv[4]);
        return 2;
    }
    struct machine m;
    if (!machine_open(&m, argv[1], argv[2], argv[3])) {
        machine_close(&m);
        return 2;
    }
    scenario->run(&m);
    size_t stores = 0;
    for (size_t i = 0; i < m.nstores; i++) {
        stores += m.stores[i].run == m.run;
    }
    uint32_t instructions = m.instructions;
    machine_close(&m);
    if (check_failures != 0) {
        fprintf(stderr, "%s on %s/%s: %u assertion(s) failed\n", scenario->name, argv[1], argv[2],
                check_failures);
        return 1;
    }
    /* Figures of the last run, for the report; not asserted. */
    printf("%s on %s/%s: ok (last run: %u instructions, %zu stores)\n", scenario->name, argv[1],
           argv[2], instructions, stores);
    return 0;
}
