/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu-sim: runs a command with simulated STM32 ROM DFU bootloaders on a virtual USB bus
 * (see docs/simulator.md and --help).
 */
#include "sim_usb.h"

int main(int argc, char **argv)
{
    struct sim_config cfg;
    enum sim_parse_result parsed = sim_config_parse(&cfg, argc, argv);
    int rc;

    if (parsed == SIM_PARSE_EXIT)
        rc = 0;
    else if (parsed == SIM_PARSE_BAD)
        rc = SIM_EXIT_USAGE;
    else
        rc = sim_run(&cfg);
    sim_config_free(&cfg);
    return rc;
}
