/* SPDX-License-Identifier: MIT */
#include "board.h"
#include "cortexm.h"
#include "semihost.h"

void (*volatile board_hardfault_action)(void);
void (*volatile board_nmi_action)(void);
void (*volatile board_svc_action)(void);

void board_start_systick(uint32_t reload_cycles)
{
    SYST_RVR = reload_cycles - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

bool board_enable_mpu(void)
{
    if ((MPU_TYPE & MPU_TYPE_DREGION) == 0u)
        return false;
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    cortexm_barrier();
    return true;
}

void board_enable_spare_irq(void)
{
    NVIC_ISER(QEMU_SPARE_IRQ / 32u) = 1u << (QEMU_SPARE_IRQ % 32u);
}

void board_pend_spare_irq(void)
{
    NVIC_ISPR(QEMU_SPARE_IRQ / 32u) = 1u << (QEMU_SPARE_IRQ % 32u);
    cortexm_barrier();
}

void board_fail(const char *who, const char *why)
{
    semihost_puts(who);
    semihost_puts(": FAIL ");
    semihost_puts(why);
    semihost_puts("\n");
    semihost_exit(1);
}
