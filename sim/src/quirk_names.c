/* SPDX-License-Identifier: MIT */
/* Names of the chip quirks, for the simulator's command line (--quirk) and logs. */
#include <string.h>

#include "stm32dfu_sim.h"

static const struct {
    const char *name;
    uint32_t bit;
} quirk_names[] = {
    {"extra-busy-polls", STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS},
    {"stall-early-poll", STM32DFU_SIM_QUIRK_STALL_EARLY_POLL},
    {"stuck-busy", STM32DFU_SIM_QUIRK_STUCK_BUSY},
    {"special-direct-idle", STM32DFU_SIM_QUIRK_SPECIAL_DIRECT_IDLE},
    {"clrstatus-stall", STM32DFU_SIM_QUIRK_CLRSTATUS_STALL},
    {"program-and", STM32DFU_SIM_QUIRK_PROGRAM_AND},
    {"short-mass-erase-poll", STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL},
};

const char *stm32dfu_sim_quirk_name(size_t index, uint32_t *bit)
{
    if (index >= sizeof(quirk_names) / sizeof(quirk_names[0]))
        return NULL;
    if (bit)
        *bit = quirk_names[index].bit;
    return quirk_names[index].name;
}

int stm32dfu_sim_quirk_from_name(const char *name, uint32_t *bit)
{
    for (size_t i = 0; i < sizeof(quirk_names) / sizeof(quirk_names[0]); i++) {
        if (strcmp(name, quirk_names[i].name) == 0) {
            *bit = quirk_names[i].bit;
            return 0;
        }
    }
    return STM32DFU_SIM_ERROR_INVALID;
}
