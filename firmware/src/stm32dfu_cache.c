/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M7 cache maintenance (DDI0403E B3.2 cache maintenance registers).
 * Caches are implementation defined and CCR.DC/IC read as zero on cores
 * without them (B3.2.8), so the Cortex-M4, also ARMv7E-M, skips the work at
 * run time; other architectures compile these to nothing.
 */
#include "fp_free.h"

#include "cortexm_regs.h"
#include "internal.h"

#if CM_MAY_HAVE_CACHES
/* CCSIDR fields (DDI0403E B3.2 CCSIDR): log2(words per line) - 2, ways - 1, sets - 1. */
#define CCSIDR_LINESIZE(r)      (((r)&7u) + 4u) /* log2 of the line size in bytes */
#define CCSIDR_ASSOCIATIVITY(r) ((((r) >> 3) & 0x3FFu) + 1u)
#define CCSIDR_NUMSETS(r)       ((((r) >> 13) & 0x7FFFu) + 1u)

/* Turns the D-cache off, then cleans and invalidates every line by set/way
 * (DCCISW), in one asm block. Between the CCR write and the end of the loop
 * nothing may store to the stack: such a store goes straight to RAM while the
 * cache may still hold a dirty copy of its line, and the clean then writes
 * the stale line over it. Compiled C keeps the loop counters on the stack at
 * -O0, and the loop then never ends (CMSIS_5 issue #620 on the same loop), so
 * the sequence stays in registers whatever the optimisation level. */
static void dcache_disable_clean_invalidate(uint32_t ccsidr)
{
    uint32_t ways = CCSIDR_ASSOCIATIVITY(ccsidr);
    uint32_t way_shift = ways > 1u ? (uint32_t)__builtin_clz(ways - 1u) : 0u;
    uint32_t set_shift = CCSIDR_LINESIZE(ccsidr);
    uint32_t set = CCSIDR_NUMSETS(ccsidr);
    uint32_t ccr = CM_CCR & ~CM_CCR_DC;
    uint32_t way, op, tmp;
    __asm volatile(
        ".syntax unified\n\t"
        "str %[ccr], [%[ccr_addr]]\n\t"
        "dsb 0xF\n"
        "1:\n\t"
        "subs %[set], %[set], #1\n\t"
        "mov %[way], %[ways]\n"
        "2:\n\t"
        "subs %[way], %[way], #1\n\t"
        "lsl %[op], %[way], %[way_shift]\n\t"
        "lsl %[tmp], %[set], %[set_shift]\n\t"
        "orr %[op], %[op], %[tmp]\n\t"
        "str %[op], [%[dccisw]]\n\t"
        "bne 2b\n\t"
        "cmp %[set], #0\n\t"
        "bne 1b\n\t"
        "dsb 0xF\n\t"
        "isb 0xF\n\t"
        : [set] "+r"(set), [way] "=&r"(way), [op] "=&r"(op), [tmp] "=&r"(tmp)
        : [ccr] "r"(ccr), [ccr_addr] "r"(&CM_CCR), [ways] "r"(ways), [way_shift] "r"(way_shift),
          [set_shift] "r"(set_shift), [dccisw] "r"(&CM_DCCISW)
        : "cc", "memory");
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
        dcache_disable_clean_invalidate(CM_CCSIDR);
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
