/* SPDX-License-Identifier: MIT */
/* The series table: one row per option-byte layout the library knows. A ROM
 * is recognised by the start (and, where two series share it, the size) of
 * the first region of its "@Option Bytes" alternate setting; the row gives the
 * series' name, its SRAM, how its RDP byte reads, how its option bytes keep
 * copies of each value, and the fields its reference manual names. How a ROM
 * behaves (the quirks) is in quirks.c, keyed by these rows. Bit positions
 * checked against ST's CMSIS device headers (stm32f4xx, stm32f107xc.h,
 * stm32f746xx.h, stm32h743xx.h, stm32l476xx.h, stm32g474xx.h). */
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

/* A field, and a field that is the complement of another (it follows that
 * one and is never set by name). */
#define FIELD(name, offset, mask, meaning)                                                         \
    {                                                                                              \
        name, offset, mask, {meaning}, NULL                                                        \
    }
#define COMPLEMENT(name, offset, mask, of)                                                         \
    {                                                                                              \
        name, offset, mask, {NO_MEANING}, of                                                       \
    }
#define FIELDS(table) .fields = table, .field_count = sizeof(table) / sizeof(table[0])

/* STM32F2/F4: the word at 0x1FFFC000 holds RDP (15:8), nRST_STDBY (7),
 * nRST_STOP (6), WDG_SW (5) and BOR_LEV (3:2); the word at 0x1FFFC008 holds
 * nWRP (11:0), one bit per sector, 0 = write-protected (RM0090 Rev 19 §3.7.1,
 * table 16). */
static const struct stm32dfu_option_field f2_f4_fields[] = {
    FIELD("RDP", 0, 0xFF00, NO_MEANING),       FIELD("nRST_STDBY", 0, 0x0080, RESET_STDBY),
    FIELD("nRST_STOP", 0, 0x0040, RESET_STOP), FIELD("WDG_SW", 0, 0x0020, IWDG_MODE),
    FIELD("BOR_LEV", 0, 0x000C, NO_MEANING),   FIELD("nWRP", 8, 0x0FFF, NO_MEANING),
};

/* STM32F1 (F105/F107): eight bytes at 0x1FFFF800, each followed by its
 * complement: RDP, USER (WDG_SW bit 0, nRST_STOP bit 1, nRST_STDBY bit 2),
 * Data0, Data1, WRP0..WRP3 (one bit per group of pages, 0 = write-protected)
 * (PM0075 Rev 2 §2.5, which RM0008 Rev 21 §3.3.3 refers to). */
static const struct stm32dfu_option_field f1_fields[] = {
    FIELD("RDP", 0, 0x00FF, NO_MEANING),         COMPLEMENT("nRDP", 0, 0xFF00, "RDP"),
    FIELD("WDG_SW", 2, 0x0001, IWDG_MODE),       FIELD("nRST_STOP", 2, 0x0002, RESET_STOP),
    FIELD("nRST_STDBY", 2, 0x0004, RESET_STDBY), COMPLEMENT("nUSER", 2, 0xFF00, "USER"),
    FIELD("Data0", 4, 0x00FF, NO_MEANING),       COMPLEMENT("nData0", 4, 0xFF00, "Data0"),
    FIELD("Data1", 6, 0x00FF, NO_MEANING),       COMPLEMENT("nData1", 6, 0xFF00, "Data1"),
    FIELD("WRP0", 8, 0x00FF, NO_MEANING),        COMPLEMENT("nWRP0", 8, 0xFF00, "WRP0"),
    FIELD("WRP1", 10, 0x00FF, NO_MEANING),       COMPLEMENT("nWRP1", 10, 0xFF00, "WRP1"),
    FIELD("WRP2", 12, 0x00FF, NO_MEANING),       COMPLEMENT("nWRP2", 12, 0xFF00, "WRP2"),
    FIELD("WRP3", 14, 0x00FF, NO_MEANING),       COMPLEMENT("nWRP3", 14, 0xFF00, "WRP3"),
};

/* STM32F74x/F75x: the word at 0x1FFF0000 holds RDP (15:8) and the USER bits
 * nRST_STDBY (7), nRST_STOP (6), IWDG_SW (5), WWDG_SW (4), BOR_LEV (3:2) as
 * FLASH_OPTCR bits 15:0; the word at 0x1FFF0008 holds nWRP (7:0), FLASH_OPTCR
 * bits 23:16, one bit per sector; each half-word is followed by its
 * complement (RM0385 Rev 8 §3.4.1 and §3.7.6). */
static const struct stm32dfu_option_field f7_fields[] = {
    FIELD("RDP", 0, 0xFF00, NO_MEANING),       FIELD("nRST_STDBY", 0, 0x0080, RESET_STDBY),
    FIELD("nRST_STOP", 0, 0x0040, RESET_STOP), FIELD("IWDG_SW", 0, 0x0020, IWDG_MODE),
    FIELD("WWDG_SW", 0, 0x0010, WWDG_MODE),    FIELD("BOR_LEV", 0, 0x000C, NO_MEANING),
    FIELD("nWRP", 8, 0x00FF, NO_MEANING),
};

/* STM32H742/743/750/753: the ROM exposes the flash interface's option
 * registers from FLASH_OPTSR_CUR (0x5200201C); its low half holds RDP (15:8),
 * NRST_STBY_D1 (7), NRST_STOP_D1 (6), IWDG1_SW (4), BOR_LEV (3:2), its high
 * half FZ_IWDG_STOP (17), FZ_IWDG_SDBY (18), ST_RAM_SIZE (20:19), SECURITY
 * (21), IO_HSLV (29) and SWAP_BANK_OPT (31) (RM0433 Rev 7 §4.9.7). The next
 * word, FLASH_OPTSR_PRG, holds the values to program in the same bits
 * (§4.9.8). FLASH_WPSN_CUR1R, 0x1C on, holds WRPSn (7:0), one bit per bank 1
 * sector, 0 = write-protected; FLASH_WPSN_PRG1R follows it 4 bytes on (RM0433
 * Rev 7 §4.9, register map). */
static const struct stm32dfu_option_field h7_fields[] = {
    FIELD("RDP", 0, 0xFF00, NO_MEANING),
    FIELD("NRST_STBY_D1", 0, 0x0080, RESET_STBY_D1),
    FIELD("NRST_STOP_D1", 0, 0x0040, RESET_STOP_D1),
    FIELD("IWDG1_SW", 0, 0x0010, IWDG_MODE),
    FIELD("BOR_LEV", 0, 0x000C, NO_MEANING),
    FIELD("FZ_IWDG_STOP", 2, 0x0002, IWDG_IN_STOP),
    FIELD("FZ_IWDG_SDBY", 2, 0x0004, IWDG_IN_STDBY),
    FIELD("ST_RAM_SIZE", 2, 0x0018, NO_MEANING),
    FIELD("SECURITY", 2, 0x0020, SECURE_MODE),
    FIELD("IO_HSLV", 2, 0x2000, IO_LOW_VOLTAGE),
    FIELD("SWAP_BANK_OPT", 2, 0x8000, BANK_SWAP),
    FIELD("WRPSn", 0x1C, 0x00FF, NO_MEANING),
};

/* The FLASH_OPTR bits 0..19 that STM32L4 and STM32G4 share: RDP (7:0),
 * BOR_LEV (10:8), nRST_STOP (12), nRST_STDBY (13), nRST_SHDW (14), IWDG_SW
 * (16), IWDG_STOP (17), IWDG_STDBY (18), WWDG_SW (19) (RM0351 Rev 9 §3.7.8,
 * RM0440 Rev 8 §5.7.8). OPTR is the first word at 0x1FFF7800, its complement
 * the second (RM0351 Rev 9 §3.4.1, RM0440 Rev 8 §5.4.1). */
/* clang-format off */
#define OPTR_COMMON_FIELDS                                                                         \
    FIELD("RDP", 0, 0x00FF, NO_MEANING),         FIELD("BOR_LEV", 0, 0x0700, NO_MEANING),          \
    FIELD("nRST_STOP", 0, 0x1000, RESET_STOP),   FIELD("nRST_STDBY", 0, 0x2000, RESET_STDBY),      \
    FIELD("nRST_SHDW", 0, 0x4000, RESET_SHDW),   FIELD("IWDG_SW", 2, 0x0001, IWDG_MODE),           \
    FIELD("IWDG_STOP", 2, 0x0002, IWDG_IN_STOP), FIELD("IWDG_STDBY", 2, 0x0004, IWDG_IN_STDBY),    \
    FIELD("WWDG_SW", 2, 0x0008, WWDG_MODE)
/* WRP1AR and WRP1BR, the option words at 0x1FFF7818 and 0x1FFF7820: pages
 * WRP1x_STRT (7:0) to WRP1x_END (23:16) of bank 1 write-protected, none when
 * the start is above the end (RM0351 Rev 9 §3.4.1 and §3.5.1; RM0440 Rev 8
 * §5.4.1 and §5.5.1). */
#define WRP_AREA_FIELDS                                                                            \
    FIELD("WRP1A_STRT", 0x18, 0x00FF, NO_MEANING), FIELD("WRP1A_END", 0x1A, 0x00FF, NO_MEANING),   \
    FIELD("WRP1B_STRT", 0x20, 0x00FF, NO_MEANING), FIELD("WRP1B_END", 0x22, 0x00FF, NO_MEANING)
/* clang-format on */

/* STM32L47x/L48x FLASH_OPTR bits 20..25: BFB2 (20), DUALBANK (21), nBOOT1
 * (23), SRAM2_PE (24), SRAM2_RST (25) (RM0351 Rev 9 §3.7.8). */
static const struct stm32dfu_option_field l4_fields[] = {
    OPTR_COMMON_FIELDS,
    FIELD("BFB2", 2, 0x0010, BFB2_BOOT),
    FIELD("DUALBANK", 2, 0x0020, L4_BANKS),
    FIELD("nBOOT1", 2, 0x0080, NBOOT1),
    FIELD("SRAM2_PE", 2, 0x0100, PARITY),
    FIELD("SRAM2_RST", 2, 0x0200, SRAM2_KEPT),
    WRP_AREA_FIELDS,
};

/* STM32G47x/G48x FLASH_OPTR bits 20..30: BFB2 (20), DBANK (22), nBOOT1 (23),
 * SRAM_PE (24), CCMSRAM_RST (25), nSWBOOT0 (26), nBOOT0 (27), NRST_MODE
 * (29:28), IRHEN (30) (RM0440 Rev 8 §5.7.8). */
static const struct stm32dfu_option_field g4_fields[] = {
    OPTR_COMMON_FIELDS,
    FIELD("BFB2", 2, 0x0010, BFB2_BOOT),
    FIELD("DBANK", 2, 0x0040, G4_BANKS),
    FIELD("nBOOT1", 2, 0x0080, NBOOT1),
    FIELD("SRAM_PE", 2, 0x0100, PARITY),
    FIELD("CCMSRAM_RST", 2, 0x0200, CCMSRAM_KEPT),
    FIELD("nSWBOOT0", 2, 0x0400, NSWBOOT0),
    FIELD("nBOOT0", 2, 0x0800, NBOOT0),
    FIELD("NRST_MODE", 2, 0x3000, NO_MEANING),
    FIELD("IRHEN", 2, 0x4000, RESET_HOLDER),
    WRP_AREA_FIELDS,
};

/* A row's SRAM: base and size of up to two blocks (size 0: none). */
/* clang-format off */
#define SRAM(base0, size0, base1, size1) {{(base0), (size0)}, {(base1), (size1)}}
/* clang-format on */
/* What every row at the L4/G4 address shares: the option bytes at 0x1FFF7800,
 * and SRAM from 0x20000000, 640 KiB on L4+ (RM0432 Rev 9 §2.2.2), and SRAM2 /
 * CCM SRAM also at 0x10000000, 64 KiB on L4+ (same section; G4: 32 KiB,
 * RM0440 Rev 8 §2.2). */
#define L4_G4_PLACE                                                                                \
    .option_bytes = 0x1FFF7800u, .sram = SRAM(0x20000000u, 640u * 1024u, 0x10000000u, 64u * 1024u)
/* L4 and G4: OPTR's complement is the next word (RM0351 Rev 9 §3.4.1, RM0440
 * Rev 8 §5.4.1). */
#define OPTR_COPIES .copy_distance = 4, .copy_inverted = true

/* Where each ROM's option bytes are: host_side.md §1.1 (F4 and F107 ROM lsusb,
 * L43x thread, G474 string, libDaisy#195 for H7), F7 RM0385 Rev 8 §2.2.2. L4
 * and G4 share 0x1FFF7800 and differ in size: 40 bytes (L43x thread) and 48
 * (G474 string); another size there is known only as the family. */
static const struct series series_rows[] = {
    /* SRAM from 0x20000000, 320 KiB on F469/F479 (RM0386 Rev 6 §2.3), and
     * the 64 KiB CCM data RAM at 0x10000000 (RM0090 Rev 19 §2.3.1). */
    {
        .id = SERIES_F2_F4,
        .name = "STM32F2/F4",
        .option_bytes = 0x1FFFC000u,
        .sram = SRAM(0x20000000u, 320u * 1024u, 0x10000000u, 64u * 1024u),
        FIELDS(f2_f4_fields),
    },
    /* F1 reads RDP 0xA5 when not protected (PM0075 Rev 2 §2.4.1), F0/F3 0xAA;
     * the address cannot tell them apart, and a protected chip refuses the
     * read anyway (errVENDOR, AN2662 Rev 1 p. 72), so both count as level 0.
     * The F1 has two levels only: 0xA5 unprotected, any other value protected
     * (PM0075 Rev 2 §2.4.1 "Read protection"); the F0 and F3 have three, 0xCC
     * being level 2 for good (RM0091 and RM0316, "Read protection"). Not told
     * apart, 0xCC counts as level 2 (stm32dfu_rdp_level), the cautious reading
     * for the interlock; what an F1 then does (come back in the ROM at level
     * 1, refusing reads) is taken as that protection (cmd_flash.c,
     * cmd_option_bytes.c).
     * SRAM from 0x20000000, 96 KiB on the F1 XL-density parts (RM0008 Rev 21
     * §3.3.1), and the F3's CCM SRAM at 0x10000000, 16 KiB (RM0316 Rev 8
     * §3.3). Each byte is followed by its complement (PM0075 Rev 2 §2.5). */
    {
        .id = SERIES_F0_F1_F3,
        .name = "STM32F0/F1/F3",
        .option_bytes = 0x1FFFF800u,
        .rdp_level0_other = 0xA5,
        .copy_distance = 1,
        .copy_inverted = true,
        .sram = SRAM(0x20000000u, 96u * 1024u, 0x10000000u, 16u * 1024u),
        FIELDS(f1_fields),
    },
    /* DTCM and SRAM1/2 from 0x20000000, 512 KiB on F76x/F77x (RM0410 Rev 4
     * §2.2.2). Each half-word is followed by its complement (RM0385 Rev 8
     * §3.4.1). */
    {
        .id = SERIES_F7,
        .name = "STM32F7",
        .option_bytes = 0x1FFF0000u,
        .copy_distance = 2,
        .copy_inverted = true,
        .sram = SRAM(0x20000000u, 512u * 1024u, 0, 0),
        FIELDS(f7_fields),
    },
    /* RAM from DTCM at 0x20000000 to the end of SRAM4 at 0x3800FFFF, AXI SRAM
     * and SRAM1-3 between (RM0433 Rev 8 §2.3.2). FLASH_OPTSR_PRG, 4 bytes on,
     * mirrors FLASH_OPTSR_CUR (RM0433 Rev 7 §4.9.8). */
    {
        .id = SERIES_H7,
        .name = "STM32H7",
        .option_bytes = 0x5200201Cu,
        .copy_distance = 4,
        .sram = SRAM(0x20000000u, 0x18010000u, 0, 0),
        FIELDS(h7_fields),
    },
    {
        .id = SERIES_L4,
        .name = "STM32L4",
        L4_G4_PLACE,
        .option_bytes_size = 40u,
        OPTR_COPIES,
        FIELDS(l4_fields),
    },
    {
        .id = SERIES_G4,
        .name = "STM32G4",
        L4_G4_PLACE,
        .option_bytes_size = 48u,
        OPTR_COPIES,
        FIELDS(g4_fields),
    },
    /* Another size at the L4/G4 address: the family, without fields. */
    {
        .id = SERIES_L4_G4,
        .name = "STM32L4/G4",
        L4_G4_PLACE,
    },
};

const struct series *s32dfu_series_find(const struct stm32dfu_device_info *info,
                                        struct layout_region *option_bytes)
{
    struct layout_region region;
    if (s32dfu_layout_option_bytes(info, &region) < 0)
        return NULL;
    for (size_t i = 0; i < sizeof(series_rows) / sizeof(series_rows[0]); i++) {
        const struct series *s = &series_rows[i];
        if (s->option_bytes == region.start &&
            (!s->option_bytes_size || s->option_bytes_size == region.size)) {
            if (option_bytes)
                *option_bytes = region;
            return s;
        }
    }
    return NULL;
}

const char *stm32dfu_series_name(const struct stm32dfu_device_info *info)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    return s ? s->name : "";
}

/* The RDP byte's offset: the byte of its word that the field's mask covers. */
static int rdp_offset(const struct series *s)
{
    for (size_t i = 0; i < s->field_count; i++) {
        const struct stm32dfu_option_field *f = &s->fields[i];
        if (strcmp(f->name, "RDP") == 0)
            return f->offset + (f->mask == 0xFF00u ? 1 : 0);
    }
    return -1;
}

bool stm32dfu_rdp_byte_address(const struct stm32dfu_device_info *info, unsigned int alt,
                               uint32_t *address)
{
    struct layout_region region;
    const struct series *s = s32dfu_series_find(info, &region);
    int offset = s ? rdp_offset(s) : -1;
    if (offset < 0 || alt != region.alt)
        return false;
    *address = region.start + (uint32_t)offset;
    return true;
}

/* RDP 0xAA is level 0 and 0xCC level 2 (permanent); anything else is level 1
 * (RM0090 Rev 19 §3.7.3; the same coding in RM0385, RM0351, RM0433, and on
 * the F0/F3 in RM0091 and RM0316). The F1's 0xCC is level 1 (PM0075 Rev 2
 * §2.4.1: two levels), but its row is the F0/F3's, so 0xCC is 2 there too. */
int stm32dfu_rdp_level(const struct stm32dfu_device_info *info, uint8_t rdp)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    if (rdp == 0xAA || (s && s->rdp_level0_other && rdp == s->rdp_level0_other))
        return 0;
    return rdp == 0xCC ? 2 : 1;
}

size_t stm32dfu_option_fields(const struct stm32dfu_device_info *info,
                              const struct stm32dfu_option_field **fields)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    if (!s || !s->field_count)
        return 0;
    *fields = s->fields;
    return s->field_count;
}

/* The Armv7-M SRAM region, 0x20000000-0x3FFFFFFF (DDI0403E B3.1, Table
 * B3-1), for a series without a row. */
void s32dfu_series_sram(const struct stm32dfu_device_info *info,
                        struct sram_range sram[SERIES_SRAM_RANGES])
{
    static const struct sram_range armv7m_sram[SERIES_SRAM_RANGES] = {{0x20000000u, 0x20000000u}};
    const struct series *s = s32dfu_series_find(info, NULL);
    memcpy(sram, s ? s->sram : armv7m_sram, sizeof(armv7m_sram));
}
