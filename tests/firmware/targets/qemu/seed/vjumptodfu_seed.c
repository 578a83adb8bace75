/* SPDX-License-Identifier: MIT */
/*
 * The seed article's vJumpToDFU (R. Ratcliffe, "Device Firmware Update (DFU) on STM32", §1.2) and
 * its WR_ALL_REGS macro (§1.4), transcribed as printed, with the one change
 * it needs to compile: the body's puIMSP_PC is the parameter pulMSP_PC.
 * The QEMU scenarios run it to show which of its defects they detect.
 */
#include <stddef.h>
#include <stdint.h>

#include "cmsis_names.h"

#define WR_ALL_REGS(_regs_, _data_)                                                                \
    do                                                                                             \
        for (size_t addr = 0; addr < sizeof(_regs_) / sizeof((_regs_)[0]); addr++)                 \
            (_regs_)[addr] = (_data_);                                                             \
    while (0)

void vJumpToDFU(uint32_t *pulMSP_PC) __attribute__((noreturn));

void vJumpToDFU(uint32_t *pulMSP_PC)
{
    __disable_irq();
    SysTick->CTRL = 0x00000000UL;
    WR_ALL_REGS(NVIC->ICER, 0xffffffffUL);
    WR_ALL_REGS(NVIC->ICPR, 0xffffffffUL);
    __enable_irq();
    __set_MSP(pulMSP_PC[0]);
    ((void (*)(void))(pulMSP_PC[1]))();
    while (1)
        ;
}
