/* SPDX-License-Identifier: MIT */
/* Core and series models for the Unicorn harness; see models.h. */
#include "models.h"

#include <stddef.h>
#include <string.h>

#include <unicorn/unicorn.h>

/* The STM32H743's level-1 D-cache (16 KiB, RM0433 Rev 8 §1): the Cortex-M7
 * D-cache is 4-way with 32-byte lines (Cortex-M7 TRM r1p2, Level 1 caches),
 * so 128 sets. CCSIDR = WT|WB|RA|WA (bits 31:28), NumSets-1 = 127 (27:13),
 * Associativity-1 = 3 (12:3), LineSize = log2(8 words)-2 = 1 (2:0)
 * (DDI0403E B4.8.3). The Cortex-M7 tests that use the cache run on the H743. */
#define M7_CCSIDR_16K 0xF00FE019u

/* CPUID values from each core's Technical Reference Manual (the revision
 * named): Cortex-M0 r0p0 0x410CC200, Cortex-M0+ r0p1 0x410CC601, Cortex-M3
 * r2p1 0x412FC231, Cortex-M4 r0p1 0x410FC241, Cortex-M7 r1p2 0x411FC272,
 * Cortex-M33 r0p4 0x410FD214. Unicorn 2.0.1 has no Cortex-M0+ model; its
 * Cortex-M0 runs the same ARMv6-M instruction set (DDI0419E).
 * ICTR INTLINESNUM (DDI0403E B3.4.3: 32 * (N + 1) interrupt lines), from the
 * vector table of the series each core is tested on: F107 68 IRQs -> 2
 * (RM0008), F405 82 -> 2 (RM0090), L476 82 -> 2 (RM0351), H743 150 -> 4
 * (RM0433), U575 141 -> 4 (RM0456), H563 131 -> 4 (RM0481); the F746's 98
 * would give 3, and the Cortex-M7 model uses the H743's 4.
 * MPU_TYPE: 8 regions (DREGION = 8) on the Cortex-M0+, M3, M4, M7 and M33 of
 * these parts (ST programming manuals PM0223, PM0056, PM0214, PM0253,
 * PM0264); the STM32F072's Cortex-M0 has no MPU, and the address reads as
 * zero (DDI0419E B3.5). */
static const struct core_model cores[] = {
    {"cortex-m0", UC_CPU_ARM_CORTEX_M0, true, 0x410CC200u, 0, 0, false, false, 0},
    {"cortex-m0plus", UC_CPU_ARM_CORTEX_M0, true, 0x410CC601u, 0, 8u << 8, false, false, 0},
    {"cortex-m3", UC_CPU_ARM_CORTEX_M3, false, 0x412FC231u, 2, 8u << 8, false, false, 0},
    {"cortex-m4", UC_CPU_ARM_CORTEX_M4, false, 0x410FC241u, 2, 8u << 8, false, true, 0},
    {"cortex-m7", UC_CPU_ARM_CORTEX_M7, false, 0x411FC272u, 4, 8u << 8, false, true, M7_CCSIDR_16K},
    {"cortex-m33", UC_CPU_ARM_CORTEX_M33, false, 0x410FD214u, 4, 8u << 8, true, true, 0},
};

#define BIT(n) (1u << (n))

/*
 * ROM entries: docs/research/device_side.md#s2 (AN2606 addresses as used by the projects named
 * there): F07x 0x1FFFC800, G0 0x1FFF0000, F105/F107 0x1FFFB000, F4
 * 0x1FFF0000, L4 0x1FFF0000, F7 0x1FF00000, H74x 0x1FF09800, U5 0x0BF90000,
 * H56x 0x0BF97000.
 * Registers (peripheral base + offset, and bits, from the reference manual's
 * register description of the named register):
 *  - F072, RM0091 Rev 10: RCC_APB2ENR 0x40021018 SYSCFGCOMPEN bit 0 (§6.4.7),
 *    RCC_CSR 0x40021024 (§6.4.10: RMVF 24, OBLRSTF 25, PINRSTF 26, PORRSTF
 *    27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31), SYSCFG_CFGR1
 *    0x40010000 MEM_MODE[1:0] = 01 system flash (§10.1.1).
 *  - G0B1, RM0444 Rev 5: RCC_APBENR2 0x40021040 SYSCFGEN bit 0, RCC_CSR
 *    0x40021060 (RMVF 23, OBLRSTF 25, PINRSTF 26, PWRRSTF 27, SFTRSTF 28,
 *    IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31), SYSCFG_CFGR1 0x40010000
 *    MEM_MODE[1:0] = 01.
 *  - F107, RM0008 Rev 21: no system-flash remap register (the boot pins
 *    alone alias system memory, §3.4), so VTOR; RCC_CSR 0x40021024 (§8.3.10,
 *    the bits of the F072's).
 *  - F405, RM0090 Rev 19: RCC_APB2ENR 0x40023844 SYSCFGEN bit 14 (§7.3.14),
 *    RCC_CSR 0x40023874 (§7.3.21: RMVF 24, BORRSTF 25, PINRSTF 26, PORRSTF
 *    27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31), SYSCFG_MEMRMP
 *    0x40013800 MEM_MODE[1:0] = 01 (§9.2.1).
 *  - L476, RM0351 Rev 9: RCC_APB2ENR 0x40021060 SYSCFGEN bit 0, RCC_CSR
 *    0x40021094 (RMVF 23, FWRSTF 24, OBLRSTF 25, PINRSTF 26, BORRSTF 27,
 *    SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31), SYSCFG_MEMRMP
 *    0x40010000 MEM_MODE[2:0] = 001; FLASH_OPTR 0x40022020 (FLASH 0x40022000
 *    + 0x20) BFB2 bit 20 (the L476 is dual-bank).
 *  - F746, RM0385 Rev 8: SYSCFG_MEMRMP has no system-flash mode (the boot
 *    address comes from the BOOT_ADDx option bytes), so VTOR; RCC_CSR
 *    0x40023874 with the F405's bits.
 *  - H743, RM0433 Rev 8: VTOR (boot address from BOOT_ADDx); RCC_RSR
 *    0x580244D0 (RMVF 16, CPURSTF 17, D1RSTF 19, D2RSTF 20, BORRSTF 21,
 *    PINRSTF 22, PORRSTF 23, SFTRSTF 24, IWDG1RSTF 26, WWDG1RSTF 28,
 *    LPWRRSTF 30).
 *  - U575, RM0456 Rev 4: VTOR; RCC_CSR 0x46020CF4 (RMVF 23, OBLRSTF 25,
 *    PINRSTF 26, BORRSTF 27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31).
 *  - H563, RM0481 Rev 2: VTOR; RCC_RSR 0x44020CF4 (RMVF 23, PINRSTF 26,
 *    BORRSTF 27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31).
 * The ROM's initial SP is taken at sram_base + 0x1000: any 8-byte-aligned
 * value inside the part's SRAM would do (ST does not publish the ROMs' own).
 */
static const struct series_model series[] = {
    {"f072", "cortex-m0", 0x1FFFC800u, 0x20000000u, REMAP_SYSCFG, 0x40021018u, BIT(0), 0x40010000u,
     0x3u, 0x1u, 0x40021024u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24), 0, 0},
    {"g0b1", "cortex-m0plus", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40021040u, BIT(0),
     0x40010000u, 0x3u, 0x1u, 0x40021060u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(23), 0, 0},
    {"f107", "cortex-m3", 0x1FFFB000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x40021024u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24), 0, 0},
    {"f405", "cortex-m4", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40023844u, BIT(14), 0x40013800u,
     0x3u, 0x1u, 0x40023874u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24), 0, 0},
    {"l476", "cortex-m4", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40021060u, BIT(0), 0x40010000u,
     0x7u, 0x1u, 0x40021094u, 0xFF000000u, BIT(28), BIT(27) | BIT(26), BIT(23), 0x40022020u,
     BIT(20)},
    {"f746", "cortex-m7", 0x1FF00000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x40023874u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24), 0, 0},
    {"h743", "cortex-m7", 0x1FF09800u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x580244D0u,
     0x5DFE0000u, BIT(24), BIT(23) | BIT(22) | BIT(21), BIT(16), 0, 0},
    {"u575", "cortex-m33", 0x0BF90000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x46020CF4u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(23), 0, 0},
    {"h563", "cortex-m33", 0x0BF97000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x44020CF4u,
     0xFC000000u, BIT(28), BIT(27) | BIT(26), BIT(23), 0, 0},
};

const struct core_model *core_model_find(const char *name)
{
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++) {
        if (strcmp(cores[i].name, name) == 0) {
            return &cores[i];
        }
    }
    return NULL;
}

const struct series_model *series_model_find(const char *id)
{
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        if (strcmp(series[i].id, id) == 0) {
            return &series[i];
        }
    }
    return NULL;
}
