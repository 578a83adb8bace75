/* Core and series models for the Unicorn harness; see models.h. */
#include "models.h"

#include <stddef.h>
#include <string.h>

#include <unicorn/unicorn.h>

/* Level-1 D-cache of 16 KiB, 4 ways, 128 sets, 32-byte lines: CCSIDR =
 * WT|WB|RA|WA (bits 31:28), NumSets-1 = 127 (27:13), Associativity-1 = 3
 * (12:3), LineSize = log2(8 words)-2 = 1 (2:0) (DDI0403E B4.8.3; Cortex-M7
 * TRM r1p2 §4.1.2 and §5.1: 4-way, 32-byte lines; STM32F746 and H743 have a
 * 16 KiB D-cache, RM0385 §1 / RM0433 §1). */
#define M7_CCSIDR_16K 0xF00FE019u

/* CPUID values: Cortex-M0 TRM r0p0 §4.1 (0x410CC200), Cortex-M0+ TRM r0p1
 * §4.1 (0x410CC601), Cortex-M3 TRM r2p1 §4.1 (0x412FC231), Cortex-M4 TRM r0p1
 * §4.1 (0x410FC241), Cortex-M7 TRM r1p2 §4.1 (0x411FC272), Cortex-M33 TRM
 * r0p4 §B2 (0x410FD214).
 * ICTR INTLINESNUM (DDI0403E B3.4.3: 32 * (N + 1) lines): the series each
 * core is tested on, rounded up from its vector table: F107 68 IRQs -> 2
 * (RM0008 §10.1.2), F405 82 -> 2 (RM0090 §12.2), L476 82 -> 2 (RM0351
 * §12.3), H743 150 -> 4 (RM0433 §19.1.2), F746 98 -> 3 (RM0385 §10.1.2; the
 * model uses the H743's 4, a superset), U575 141 -> 4 (RM0456 §21.3), H563
 * 131 -> 4 (RM0481 §19.3).
 * MPU_TYPE: 8 regions (DREGION = 8) on the M0+, M3, M4, M7 and M33 of these
 * parts (RM0444 §1, PM0056, PM0214, PM0253, PM0264); the STM32F072's
 * Cortex-M0 has no MPU, and the address reads as zero (DDI0419E B3.5). */
static const struct core_model cores[] = {
    {"cortex-m0", UC_CPU_ARM_CORTEX_M0, true, false, 0x410CC200u, 0, 0, false, 0},
    {"cortex-m0plus", UC_CPU_ARM_CORTEX_M0, true, false, 0x410CC601u, 0, 8u << 8, false, 0},
    {"cortex-m3", UC_CPU_ARM_CORTEX_M3, false, false, 0x412FC231u, 2, 8u << 8, false, 0},
    {"cortex-m4", UC_CPU_ARM_CORTEX_M4, false, false, 0x410FC241u, 2, 8u << 8, true, 0},
    {"cortex-m7", UC_CPU_ARM_CORTEX_M7, false, false, 0x411FC272u, 4, 8u << 8, true, M7_CCSIDR_16K},
    {"cortex-m33", UC_CPU_ARM_CORTEX_M33, false, true, 0x410FD214u, 4, 8u << 8, true, 0},
};

/* Reset flags common to the STM32 RCC_CSR layouts below (bit 31..): LPWRRSTF,
 * WWDGRSTF, IWDGRSTF, SFTRSTF (28), PORRSTF/BORRSTF (27), PINRSTF (26). */
#define BIT(n) (1u << (n))

/*
 * ROM entries: research §2 (AN2606 addresses as used by the projects named
 * there): F07x 0x1FFFC800, G0 0x1FFF0000, F105/F107 0x1FFFB000, F4
 * 0x1FFF0000, L4 0x1FFF0000, F7 0x1FF00000, H74x 0x1FF09800, U5 0x0BF90000,
 * H56x 0x0BF97000.
 * Registers (address = peripheral base + offset, from the reference manual):
 *  - F072, RM0091 Rev 10: RCC_APB2ENR 0x40021018 SYSCFGCOMPEN bit 0 (§6.4.7),
 *    RCC_CSR 0x40021024 (§6.4.10: RMVF 24, OBLRSTF 25, PINRSTF 26, PORRSTF
 *    27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31), SYSCFG_CFGR1
 *    0x40010000 MEM_MODE[1:0] = 01 system flash (§10.1.1).
 *  - G0B1, RM0444 Rev 5: RCC_APBENR2 0x40021040 SYSCFGEN bit 0 (§5.4.15),
 *    RCC_CSR 0x40021060 (§5.4.25: RMVF 23, OBLRSTF 25, PINRSTF 26, PWRRSTF 27,
 *    SFTRSTF 28 ...), SYSCFG_CFGR1 0x40010000 MEM_MODE[1:0] = 01 (§9.1.1).
 *  - F107, RM0008 Rev 21: no system-flash remap register (boot pins only,
 *    §3.4), so VTOR; RCC_CSR 0x40021024 (§8.3.10, same bits as F072).
 *  - F405, RM0090 Rev 19: RCC_APB2ENR 0x40023844 SYSCFGEN bit 14 (§7.3.14),
 *    RCC_CSR 0x40023874 (§7.3.21: RMVF 24, BORRSTF 25, PINRSTF 26, PORRSTF
 *    27, SFTRSTF 28 ...), SYSCFG_MEMRMP 0x40013800 MEM_MODE[1:0] = 01 (§9.2.1).
 *  - L476, RM0351 Rev 9: RCC_APB2ENR 0x40021060 SYSCFGEN bit 0 (§6.4.21),
 *    RCC_CSR 0x40021094 (§6.4.29: RMVF 23, FWRSTF 24, OBLRSTF 25, PINRSTF 26,
 *    BORRSTF 27, SFTRSTF 28 ...), SYSCFG_MEMRMP 0x40010000 MEM_MODE[2:0] =
 *    001 (§9.2.1).
 *  - F746, RM0385 Rev 8: SYSCFG_MEMRMP has no system-flash mode (boot address
 *    from BOOT_ADDx option bytes, §2.5), so VTOR; RCC_CSR 0x40023874 (§5.3.21,
 *    as F405).
 *  - H743, RM0433 Rev 8: VTOR (boot address from BOOT_ADDx, §2.6); RCC_RSR
 *    0x580244D0 (§8.7.39: RMVF 16, CPURSTF 17, D1RSTF 19, D2RSTF 20, BORRSTF
 *    21, PINRSTF 22, PORRSTF 23, SFTRSTF 24, IWDG1RSTF 26, WWDG1RSTF 28,
 *    LPWRRSTF 30).
 *  - U575, RM0456 Rev 4: VTOR; RCC_CSR 0x46020CF4 (§11.8.49: RMVF 23,
 *    OBLRSTF 25, PINRSTF 26, BORRSTF 27, SFTRSTF 28 ...).
 *  - H563, RM0481 Rev 2: VTOR; RCC_RSR 0x44020CF4 (§11.8.50: RMVF 23,
 *    PINRSTF 26, BORRSTF 27, SFTRSTF 28 ...).
 * The ROM's initial SP is taken at sram_base + 0x1000 (any 8-byte-aligned
 * value inside the part's SRAM would do; the real ROMs' values are not
 * published).
 */
static const struct series_model series[] = {
    {"f072", "cortex-m0", 0x1FFFC800u, 0x20000000u, REMAP_SYSCFG, 0x40021018u, BIT(0), 0x40010000u,
     0x3u, 0x1u, 0x40021024u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24)},
    {"g0b1", "cortex-m0plus", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40021040u, BIT(0),
     0x40010000u, 0x3u, 0x1u, 0x40021060u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(23)},
    {"f107", "cortex-m3", 0x1FFFB000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x40021024u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24)},
    {"f405", "cortex-m4", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40023844u, BIT(14), 0x40013800u,
     0x3u, 0x1u, 0x40023874u, 0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24)},
    {"l476", "cortex-m4", 0x1FFF0000u, 0x20000000u, REMAP_SYSCFG, 0x40021060u, BIT(0), 0x40010000u,
     0x7u, 0x1u, 0x40021094u, 0xFF000000u, BIT(28), BIT(27) | BIT(26), BIT(23)},
    {"f746", "cortex-m7", 0x1FF00000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x40023874u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(24)},
    {"h743", "cortex-m7", 0x1FF09800u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x580244D0u,
     0x5DFE0000u, BIT(24), BIT(23) | BIT(22) | BIT(21), BIT(16)},
    {"u575", "cortex-m33", 0x0BF90000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x46020CF4u,
     0xFE000000u, BIT(28), BIT(27) | BIT(26), BIT(23)},
    {"h563", "cortex-m33", 0x0BF97000u, 0x20000000u, REMAP_VTOR, 0, 0, 0, 0, 0, 0x44020CF4u,
     0xFC000000u, BIT(28), BIT(27) | BIT(26), BIT(23)},
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
