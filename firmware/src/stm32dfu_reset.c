/* SPDX-License-Identifier: MIT */
/* System reset through AIRCR (DDI0403E B3.2.6; DDI0419E B3.2.6). */
#include "fp_free.h"

#include "cortexm_regs.h"
#include "internal.h"

void stm32dfu_system_reset(void)
{
    cm_dsb(); /* let pending writes (the request record) complete first */
    CM_AIRCR = CM_AIRCR_VECTKEY | (CM_AIRCR & CM_AIRCR_PRIGROUP_MASK) | CM_AIRCR_SYSRESETREQ;
    cm_dsb();
    for (;;) {
        /* The reset is asynchronous: wait here until it takes effect. */
    }
}
