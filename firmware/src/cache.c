/*
 * Cortex-M7 cache maintenance (DDI0403E B3.2 cache maintenance registers).
 * Caches are implementation defined and CCR.DC/IC read as zero on cores
 * without them (B3.2.8), so the Cortex-M4, also ARMv7E-M, skips the work at
 * run time; other architectures compile these to nothing.
 */
#include "cortexm_regs.h"
#include "internal.h"

#if CM_MAY_HAVE_CACHES
/* CCSIDR fields (DDI0403E B3.2 CCSIDR): log2(words per line) - 2, ways - 1, sets - 1. */
#define CCSIDR_LINESIZE(r)      (((r)&7u) + 4u) /* log2 of the line size in bytes */
#define CCSIDR_ASSOCIATIVITY(r) ((((r) >> 3) & 0x3FFu) + 1u)
#define CCSIDR_NUMSETS(r)       ((((r) >> 13) & 0x7FFFu) + 1u)

/* Clean and invalidate every line by set/way (DCCISW). Only
 * registers are used between the CCR write and the end of the loop, so no
 * store can land in memory behind a still-dirty line. */
static void dcache_clean_invalidate_all(uint32_t ccsidr)
{
    uint32_t ways = CCSIDR_ASSOCIATIVITY(ccsidr);
    uint32_t way_shift = ways > 1u ? (uint32_t)__builtin_clz(ways - 1u) : 0u;
    uint32_t set_shift = CCSIDR_LINESIZE(ccsidr);
    for (uint32_t set = 0; set < CCSIDR_NUMSETS(ccsidr); set++) {
        for (uint32_t way = 0; way < ways; way++) {
            CM_DCCISW = (way << way_shift) | (set << set_shift);
        }
    }
}
#endif

void stm32dfu_dcache_clean_range(const volatile void *addr, uint32_t len)
{
#if CM_MAY_HAVE_CACHES
    if ((CM_CCR & CM_CCR_DC) == 0) {
        return;
    }
    /* 32-byte lines on Cortex-M7 (Cortex-M7 TRM, DDI0489, L1 caches); cleaning by a
     * 32-byte stride is correct for any larger line too. */
    uintptr_t line = (uintptr_t)addr & ~(uintptr_t)31u;
    uintptr_t end = (uintptr_t)addr + len;
    cm_dsb();
    for (; line < end; line += 32u) {
        CM_DCCMVAC = (uint32_t)line;
    }
    cm_dsb();
#else
    (void)addr;
    (void)len;
#endif
}

void stm32dfu_caches_disable(void)
{
#if CM_MAY_HAVE_CACHES
    if ((CM_CCR & CM_CCR_DC) != 0) {
        CM_CSSELR = 0; /* level 1 data cache */
        cm_dsb();
        uint32_t ccsidr = CM_CCSIDR;
        CM_CCR &= ~CM_CCR_DC;
        cm_dsb();
        dcache_clean_invalidate_all(ccsidr);
        cm_dsb();
        cm_isb();
    }
    if ((CM_CCR & CM_CCR_IC) != 0) {
        cm_dsb();
        cm_isb();
        CM_CCR &= ~CM_CCR_IC;
        CM_ICIALLU = 0;
        cm_dsb();
        cm_isb();
    }
#endif
}
