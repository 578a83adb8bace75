/* SPDX-License-Identifier: MIT */
/* The option-byte fields of each option-byte layout the library knows, for
 * decoding what stm32dfu_read_option_bytes() returns. A layout is recognised
 * by the start and size of the "@Option Bytes" alternate setting's first
 * region, as the ROM reports them. Bit positions checked against ST's CMSIS
 * device headers (stm32f4xx, stm32f107xc.h, stm32f746xx.h, stm32h743xx.h,
 * stm32l476xx.h, stm32g474xx.h). */
#include <string.h>

#include "device_private.h"

/* What the values 0 and 1 of a one-bit field mean, from the field
 * descriptions of the option registers cited at each table. */
#define NO_MEANING    NULL, NULL
#define RESET_STDBY   "reset on entering Standby", "no reset on entering Standby"
#define RESET_STOP    "reset on entering Stop", "no reset on entering Stop"
#define RESET_SHDW    "reset on entering Shutdown", "no reset on entering Shutdown"
#define RESET_STBY_D1 "reset when D1 enters DStandby", "no reset when D1 enters DStandby"
#define RESET_STOP_D1 "reset when D1 enters DStop", "no reset when D1 enters DStop"
#define IWDG_MODE     "hardware independent watchdog", "software independent watchdog"
#define WWDG_MODE     "hardware window watchdog", "software window watchdog"
#define IWDG_IN_STOP  "independent watchdog frozen in Stop", "independent watchdog runs in Stop"
#define IWDG_IN_STDBY                                                                              \
    "independent watchdog frozen in Standby", "independent watchdog runs in Standby"
#define NBOOT1         "BOOT0 high boots SRAM1", "BOOT0 high boots system memory"
#define NSWBOOT0       "BOOT0 from the nBOOT0 bit", "BOOT0 from the BOOT0 pin"
#define NBOOT0         "BOOT0 = 1 when nSWBOOT0 is 0", "BOOT0 = 0 when nSWBOOT0 is 0"
#define PARITY         "SRAM parity check on", "SRAM parity check off"
#define SRAM2_KEPT     "SRAM2 erased on system reset", "SRAM2 kept on system reset"
#define CCMSRAM_KEPT   "CCM SRAM erased on system reset", "CCM SRAM kept on system reset"
#define BFB2_BOOT      "dual-bank boot off", "dual-bank boot on"
#define L4_BANKS       "single bank (256/512 KiB parts)", "dual bank (256/512 KiB parts)"
#define G4_BANKS       "single bank, 128-bit words", "dual bank, 64-bit words"
#define RESET_HOLDER   "internal resets pulse NRST", "internal resets hold NRST low"
#define SECURE_MODE    "secure access mode off", "secure access mode on"
#define IO_LOW_VOLTAGE "I/O high speed at low voltage off", "I/O high speed at low voltage on"
#define BANK_SWAP      "banks not swapped", "banks swapped"

/* STM32F2/F4: the word at 0x1FFFC000 holds RDP (15:8), nRST_STDBY (7),
 * nRST_STOP (6), WDG_SW (5) and BOR_LEV (3:2); the word at 0x1FFFC008 holds
 * nWRP (11:0), one bit per sector, 0 = write-protected (RM0090 Rev 19 §3.7.1,
 * table 16). */
static const struct stm32dfu_option_field f2_f4_fields[] = {
    {"RDP", 0, 0xFF00, {NO_MEANING}},       {"nRST_STDBY", 0, 0x0080, {RESET_STDBY}},
    {"nRST_STOP", 0, 0x0040, {RESET_STOP}}, {"WDG_SW", 0, 0x0020, {IWDG_MODE}},
    {"BOR_LEV", 0, 0x000C, {NO_MEANING}},   {"nWRP", 8, 0x0FFF, {NO_MEANING}},
};

/* STM32F1 (F105/F107): eight bytes at 0x1FFFF800, each followed by its
 * complement: RDP, USER (WDG_SW bit 0, nRST_STOP bit 1, nRST_STDBY bit 2),
 * Data0, Data1, WRP0..WRP3 (one bit per group of pages, 0 = write-protected)
 * (PM0075 Rev 2 §2.5). */
static const struct stm32dfu_option_field f1_fields[] = {
    {"RDP", 0, 0x00FF, {NO_MEANING}},         {"nRDP", 0, 0xFF00, {NO_MEANING}},
    {"WDG_SW", 2, 0x0001, {IWDG_MODE}},       {"nRST_STOP", 2, 0x0002, {RESET_STOP}},
    {"nRST_STDBY", 2, 0x0004, {RESET_STDBY}}, {"nUSER", 2, 0xFF00, {NO_MEANING}},
    {"Data0", 4, 0x00FF, {NO_MEANING}},       {"nData0", 4, 0xFF00, {NO_MEANING}},
    {"Data1", 6, 0x00FF, {NO_MEANING}},       {"nData1", 6, 0xFF00, {NO_MEANING}},
    {"WRP0", 8, 0x00FF, {NO_MEANING}},        {"nWRP0", 8, 0xFF00, {NO_MEANING}},
    {"WRP1", 10, 0x00FF, {NO_MEANING}},       {"nWRP1", 10, 0xFF00, {NO_MEANING}},
    {"WRP2", 12, 0x00FF, {NO_MEANING}},       {"nWRP2", 12, 0xFF00, {NO_MEANING}},
    {"WRP3", 14, 0x00FF, {NO_MEANING}},       {"nWRP3", 14, 0xFF00, {NO_MEANING}},
};

/* STM32F74x/F75x: the word at 0x1FFF0000 holds RDP (15:8) and the USER bits
 * nRST_STDBY (7), nRST_STOP (6), IWDG_SW (5), WWDG_SW (4), BOR_LEV (3:2) as
 * FLASH_OPTCR bits 15:0; the word at 0x1FFF0008 holds nWRP (7:0), FLASH_OPTCR
 * bits 23:16, one bit per sector (RM0385 Rev 8 §3.4.1 and §3.7.6). */
static const struct stm32dfu_option_field f7_fields[] = {
    {"RDP", 0, 0xFF00, {NO_MEANING}},       {"nRST_STDBY", 0, 0x0080, {RESET_STDBY}},
    {"nRST_STOP", 0, 0x0040, {RESET_STOP}}, {"IWDG_SW", 0, 0x0020, {IWDG_MODE}},
    {"WWDG_SW", 0, 0x0010, {WWDG_MODE}},    {"BOR_LEV", 0, 0x000C, {NO_MEANING}},
    {"nWRP", 8, 0x00FF, {NO_MEANING}},
};

/* STM32H742/743/750/753: the ROM exposes the flash interface's option
 * registers from FLASH_OPTSR_CUR (0x5200201C); its low half holds RDP (15:8),
 * NRST_STBY_D1 (7), NRST_STOP_D1 (6), IWDG1_SW (4), BOR_LEV (3:2), its high
 * half FZ_IWDG_STOP (17), FZ_IWDG_SDBY (18), ST_RAM_SIZE (20:19), SECURITY
 * (21), IO_HSLV (29) and SWAP_BANK_OPT (31) (RM0433 Rev 7 §4.9.7). */
static const struct stm32dfu_option_field h7_fields[] = {
    {"RDP", 0, 0xFF00, {NO_MEANING}},
    {"NRST_STBY_D1", 0, 0x0080, {RESET_STBY_D1}},
    {"NRST_STOP_D1", 0, 0x0040, {RESET_STOP_D1}},
    {"IWDG1_SW", 0, 0x0010, {IWDG_MODE}},
    {"BOR_LEV", 0, 0x000C, {NO_MEANING}},
    {"FZ_IWDG_STOP", 2, 0x0002, {IWDG_IN_STOP}},
    {"FZ_IWDG_SDBY", 2, 0x0004, {IWDG_IN_STDBY}},
    {"ST_RAM_SIZE", 2, 0x0018, {NO_MEANING}},
    {"SECURITY", 2, 0x0020, {SECURE_MODE}},
    {"IO_HSLV", 2, 0x2000, {IO_LOW_VOLTAGE}},
    {"SWAP_BANK_OPT", 2, 0x8000, {BANK_SWAP}},
};

/* The FLASH_OPTR bits 0..19 that STM32L4 and STM32G4 share: RDP (7:0),
 * BOR_LEV (10:8), nRST_STOP (12), nRST_STDBY (13), nRST_SHDW (14), IWDG_SW
 * (16), IWDG_STOP (17), IWDG_STDBY (18), WWDG_SW (19) (RM0351 Rev 9 §3.7.8,
 * RM0440 Rev 8 §5.7.8). OPTR is the first word at 0x1FFF7800, its complement
 * the second (RM0351 Rev 9 §3.4.1, RM0440 Rev 8 §5.4.1). */
/* clang-format off */
#define OPTR_COMMON_FIELDS                                                                         \
    {"RDP", 0, 0x00FF, {NO_MEANING}},         {"BOR_LEV", 0, 0x0700, {NO_MEANING}},               \
    {"nRST_STOP", 0, 0x1000, {RESET_STOP}},   {"nRST_STDBY", 0, 0x2000, {RESET_STDBY}},           \
    {"nRST_SHDW", 0, 0x4000, {RESET_SHDW}},   {"IWDG_SW", 2, 0x0001, {IWDG_MODE}},                \
    {"IWDG_STOP", 2, 0x0002, {IWDG_IN_STOP}}, {"IWDG_STDBY", 2, 0x0004, {IWDG_IN_STDBY}},         \
    {"WWDG_SW", 2, 0x0008, {WWDG_MODE}}
/* clang-format on */

/* STM32L47x/L48x FLASH_OPTR bits 20..25: BFB2 (20), DUALBANK (21), nBOOT1
 * (23), SRAM2_PE (24), SRAM2_RST (25) (RM0351 Rev 9 §3.7.8). */
static const struct stm32dfu_option_field l4_fields[] = {
    OPTR_COMMON_FIELDS,
    {"BFB2", 2, 0x0010, {BFB2_BOOT}},
    {"DUALBANK", 2, 0x0020, {L4_BANKS}},
    {"nBOOT1", 2, 0x0080, {NBOOT1}},
    {"SRAM2_PE", 2, 0x0100, {PARITY}},
    {"SRAM2_RST", 2, 0x0200, {SRAM2_KEPT}},
};

/* STM32G47x/G48x FLASH_OPTR bits 20..30: BFB2 (20), DBANK (22), nBOOT1 (23),
 * SRAM_PE (24), CCMSRAM_RST (25), nSWBOOT0 (26), nBOOT0 (27), NRST_MODE
 * (29:28), IRHEN (30) (RM0440 Rev 8 §5.7.8). */
static const struct stm32dfu_option_field g4_fields[] = {
    OPTR_COMMON_FIELDS,
    {"BFB2", 2, 0x0010, {BFB2_BOOT}},
    {"DBANK", 2, 0x0040, {G4_BANKS}},
    {"nBOOT1", 2, 0x0080, {NBOOT1}},
    {"SRAM_PE", 2, 0x0100, {PARITY}},
    {"CCMSRAM_RST", 2, 0x0200, {CCMSRAM_KEPT}},
    {"nSWBOOT0", 2, 0x0400, {NSWBOOT0}},
    {"nBOOT0", 2, 0x0800, {NBOOT0}},
    {"NRST_MODE", 2, 0x3000, {NO_MEANING}},
    {"IRHEN", 2, 0x4000, {RESET_HOLDER}},
};

#define ANY_SIZE 0u
#define LAYOUT(address, size, fields)                                                              \
    {                                                                                              \
        address, size, fields, sizeof(fields) / sizeof(fields[0])                                  \
    }

/* Where each ROM's option bytes are: host_side.md §1.1 (F4 and F107 ROM lsusb,
 * L43x thread, G474 string, libDaisy#195 for H7), F7 RM0385 Rev 8 §2.2.2. L4
 * and G4 share 0x1FFF7800 and differ in size: 40 bytes (L43x thread) and 48
 * (G474 string). */
static const struct {
    uint32_t address;
    uint32_t size;
    const struct stm32dfu_option_field *fields;
    size_t count;
} layouts[] = {
    LAYOUT(0x1FFFC000u, ANY_SIZE, f2_f4_fields), LAYOUT(0x1FFFF800u, ANY_SIZE, f1_fields),
    LAYOUT(0x1FFF0000u, ANY_SIZE, f7_fields),    LAYOUT(0x5200201Cu, ANY_SIZE, h7_fields),
    LAYOUT(0x1FFF7800u, 40u, l4_fields),         LAYOUT(0x1FFF7800u, 48u, g4_fields),
};

#define OPTION_BYTES_NAME "Option Bytes"

/* The first region of the "@Option Bytes" alternate setting; false if none. */
static bool option_bytes_region(const struct stm32dfu_device_info *info, uint32_t *address,
                                uint32_t *size)
{
    bool found = false;
    for (unsigned int a = 0; a < info->alt_count && !found; a++) {
        stm32dfu_memory_map *map;
        if (stm32dfu_parse_memory_map(info->alt_names[a], &map, NULL) != 0)
            continue;
        const struct stm32dfu_memory_region *regions;
        if (strcmp(stm32dfu_memory_map_name(map), OPTION_BYTES_NAME) == 0 &&
            stm32dfu_memory_map_get_regions(map, &regions) > 0) {
            *address = regions[0].start;
            *size = regions[0].sector_size * regions[0].sector_count;
            found = true;
        }
        stm32dfu_free_memory_map(map);
    }
    return found;
}

size_t stm32dfu_option_fields(const struct stm32dfu_device_info *info,
                              const struct stm32dfu_option_field **fields)
{
    uint32_t address, size;
    if (!option_bytes_region(info, &address, &size))
        return 0;
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (layouts[i].address == address &&
            (layouts[i].size == ANY_SIZE || layouts[i].size == size)) {
            *fields = layouts[i].fields;
            return layouts[i].count;
        }
    }
    return 0;
}

bool stm32dfu_option_field_value(const struct stm32dfu_option_field *field, const uint8_t *bytes,
                                 size_t count, unsigned int *value)
{
    if (field->mask == 0 || count < 2 || field->offset > count - 2)
        return false;
    unsigned int word = bytes[field->offset] | (unsigned int)bytes[field->offset + 1] << 8;
    unsigned int shift = 0;
    while (!(field->mask >> shift & 1u))
        shift++;
    *value = (word & field->mask) >> shift;
    return true;
}

const char *stm32dfu_option_field_meaning(const struct stm32dfu_device_info *info,
                                          const struct stm32dfu_option_field *field,
                                          unsigned int value)
{
    static const char *const rdp_levels[] = {"level 0", "level 1", "level 2 (permanent)"};
    if (strcmp(field->name, "RDP") == 0 && value <= 0xFFu)
        return rdp_levels[stm32dfu_rdp_level(info, (uint8_t)value)];
    return value <= 1u ? field->meaning[value] : NULL;
}
