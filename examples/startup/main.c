/* SPDX-License-Identifier: MIT */
/*
 * Example application: the two ways into the ROM bootloader.
 *
 * The robust default: stm32dfu_request_bootloader(), callable from any context
 * (here the SysTick handler), records the request and resets; startup.c's
 * stm32dfu_boot_check() then enters the ROM before anything else runs.
 *
 * The direct jump: vJumpToDFU(stm32dfu_rom_vector_table()) tears the running
 * system down and branches at once. Pass the ROM's vector table, never an
 * invented {SP, PC} pair such as the seed's {0x20020000, 0x08000000}.
 */
#include <stdbool.h>
#include <stdint.h>

#include "stm32dfu.h"

int main(void);
void SysTick_Handler(void);

/* Stand-in for "the host asked for DFU" (a DETACH request, a button, ...). */
static volatile bool dfu_requested;
static volatile bool use_direct_jump;

void SysTick_Handler(void)
{
    if (dfu_requested) {
        stm32dfu_request_bootloader();
    }
}

int main(void)
{
    for (;;) {
        if (dfu_requested && use_direct_jump) {
            vJumpToDFU((uint32_t *)stm32dfu_rom_vector_table());
        }
    }
}
