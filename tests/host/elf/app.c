/* SPDX-License-Identifier: MIT */
/* A tiny Cortex-M program for the ELF reader's tests: a vector table, code,
 * initialised data (loaded from flash) and zero-initialised data (not in the file). */
#include <stdint.h>

volatile uint32_t counter = 0x11223344u;
volatile uint32_t table[4] = {0xA5A5A5A5u, 2, 3, 4};
volatile uint32_t zeroed[64];

void reset_handler(void);

__attribute__((section(".isr_vector"), used)) const uintptr_t vectors[2] = {
    0x20020000u,
    (uintptr_t)reset_handler,
};

void reset_handler(void)
{
    for (;;) {
        counter++;
        zeroed[counter & 63] = table[counter & 3];
    }
}
