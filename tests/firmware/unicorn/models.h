/* SPDX-License-Identifier: MIT */
/*
 * What the harness models of each core and each STM32 series, written from
 * the architecture and reference manuals, independently of the firmware
 * library's own table (firmware/include/stm32dfu_series.h).
 */
#ifndef UNICORN_MODELS_H
#define UNICORN_MODELS_H

#include <stdbool.h>
#include <stdint.h>

/** A Cortex-M core as the System Control Space shows it. */
struct core_model {
    const char *name;  /**< STM32DFU_CPU spelling, e.g. "cortex-m4" */
    int uc_model;      /**< UC_CPU_ARM_CORTEX_* */
    bool armv6m;       /**< ARMv6-M: one NVIC word, no BASEPRI/FAULTMASK, no ICTR */
    uint32_t cpuid;    /**< CPUID (0xE000ED00) */
    uint32_t ictr;     /**< ICTR (0xE000E004); unused on ARMv6-M */
    uint32_t mpu_type; /**< MPU_TYPE (0xE000ED90); DREGION 0 = no MPU */
    bool stack_limits; /**< ARMv8-M Mainline MSPLIM/PSPLIM (DDI0553B B3.3) */
    bool fpu;          /**< an FPU the application enabled (CPACR, CONTROL.FPCA) */
    uint32_t ccsidr;   /**< level-1 D-cache CCSIDR; 0 = no cache */
};

/** How a series makes its ROM the vector table (docs/research/device_side.md#p16). */
enum remap_kind {
    REMAP_SYSCFG, /**< SYSCFG MEM_MODE = system flash, after enabling the SYSCFG clock */
    REMAP_VTOR,   /**< no system-flash remap: VTOR = ROM table */
};

/** An STM32 series: where its ROM is, its remap and reset-cause registers. */
struct series_model {
    const char *id;        /**< as in the test names, e.g. "f405" */
    const char *cpu;       /**< the core it is tested on */
    uint32_t rom_entry;    /**< ROM vector table (AN2606 via docs/research/device_side.md#s2) */
    uint32_t sram_base;    /**< SRAM the ROM's initial SP lies in */
    enum remap_kind remap; /**< how the ROM is mapped */
    uint32_t clk_reg;      /**< SYSCFG clock-enable register (REMAP_SYSCFG) */
    uint32_t clk_bit;      /**< its SYSCFGEN bit */
    uint32_t remap_reg;    /**< SYSCFG_MEMRMP / SYSCFG_CFGR1 (REMAP_SYSCFG) */
    uint32_t remap_mask;   /**< MEM_MODE field */
    uint32_t remap_value;  /**< MEM_MODE value for "system flash at 0" */
    uint32_t rst_reg;      /**< RCC reset-flag register */
    uint32_t rst_flags;    /**< all its reset-flag bits */
    uint32_t rst_software; /**< SFTRSTF */
    uint32_t rst_power_on; /**< the flags a power-on/pin reset leaves */
    uint32_t rst_rmvf;     /**< RMVF: writing 1 clears the flags */
    uint32_t bfb2_reg;     /**< flash option register holding BFB2; 0 = not modelled */
    uint32_t bfb2_bit;     /**< BFB2: boot from bank 2 (docs/research/device_side.md#p14) */
};

/** The core named \p name, or NULL. */
const struct core_model *core_model_find(const char *name);

/** The series \p id, or NULL. */
const struct series_model *series_model_find(const char *id);

#endif /* UNICORN_MODELS_H */
