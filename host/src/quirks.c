/* SPDX-License-Identifier: MIT */
/* What the library knows about particular ROM bootloaders, one row per fact
 * with its evidence. Rows are keyed by VID/PID/bcdDevice and, because several
 * series share one bcdDevice, by the option-byte address in the memory layout.
 *
 * Behaviours the poll loop accepts from every device, so they need no row:
 * - a first GETSTATUS of dfuDNLOAD-IDLE instead of dfuDNBUSY (STM32U5A9, dfu-util
 *   be49612; allowed by DFU 1.1 Appendix A);
 * - more than one dfuDNBUSY before dfuDNLOAD-IDLE (STM32L151, dfu-util a2afb4b);
 * - a start-up dfuERROR/errFIRMWARE, cleared with CLRSTATUS (host_side.md §1.1). */
#include <stdlib.h>
#include <string.h>

#include "device_private.h"

#define ANY_BCD_MIN      0x0000u
#define ANY_BCD_MAX      0xFFFFu
#define ANY_OPTION_BYTES 0u

struct quirk_row {
    uint16_t vid;
    uint16_t pid;
    uint16_t bcd_min;
    uint16_t bcd_max;
    /* start of the "@Option Bytes" alternate setting, 0 for any */
    uint32_t option_bytes;
    const char *series;
    unsigned int flags;
    unsigned int stuck_busy_ms;
    /* offset of the RDP byte in the option bytes, NO_RDP when unknown */
    int rdp_offset;
    /* a second RDP value meaning level 0 besides 0xAA, 0 for none */
    uint8_t rdp_level0_other;
    /* the SRAM of the series' largest part, where an application's initial SP
     * may point; none given: the Armv7-M SRAM region (DEFAULT_SRAM) */
    struct sram_range sram[QUIRK_SRAM_RANGES];
};

#define NO_RDP (-1)
/* A row's SRAM: base and size of up to two blocks (size 0: none). */
/* clang-format off */
#define SRAM(base0, size0, base1, size1) {{(base0), (size0)}, {(base1), (size1)}}
#define NO_SRAM SRAM(0, 0, 0, 0)
/* clang-format on */
/* The SRAM region of the Armv7-M default memory map, 0x20000000-0x3FFFFFFF
 * (DDI0403E B3.1, Table B3-1), for a series without a row. */
static const struct sram_range DEFAULT_SRAM = {0x20000000u, 0x20000000u};

static const struct quirk_row quirk_rows[] = {
    /* GETSTATUS may STALL while the flash is busy: STM32L433 (dfu-util c15ee60,
     * ticket 40; its message names F4 too), so every ST ROM gets the retry. */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, ANY_OPTION_BYTES, "",
     QUIRK_STALL_WHILE_BUSY, 0, NO_RDP, 0, NO_SRAM},
    /* F2/F4: option bytes at 0x1FFFC000 (STM32F4 ROM lsusb, host_side.md §1.1;
     * RM0090 Rev 19 §3.6). Flash without ECC: an erased word reads 0xFF and a
     * word reading 0xFF can be programmed (RM0090 Rev 19 §3.5.4). RDP is bits
     * 15:8 of the first option word (RM0090 Rev 19 §3.7.1 table 16). SRAM
     * from 0x20000000, 320 KiB on F469/F479 (RM0386 Rev 6 §2.3), and the
     * 64 KiB CCM data RAM at 0x10000000 (RM0090 Rev 19 §2.3.1). */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, 0x1FFFC000u, "STM32F2/F4",
     QUIRK_STALL_WHILE_BUSY | QUIRK_ERASED_READ_PROVES_BLANK, 0, 1, 0,
     SRAM(0x20000000u, 320u * 1024u, 0x10000000u, 64u * 1024u)},
    /* F7: option bytes at 0x1FFF0000, RDP in bits 15:8 (RM0385 Rev 8 §3.4.1);
     * no flash ECC. DTCM and SRAM1/2 from 0x20000000, 512 KiB on F76x/F77x
     * (RM0410 Rev 4 §2.2.2). */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, 0x1FFF0000u, "STM32F7",
     QUIRK_STALL_WHILE_BUSY | QUIRK_ERASED_READ_PROVES_BLANK, 0, 1, 0,
     SRAM(0x20000000u, 512u * 1024u, 0, 0)},
    /* F0/F1/F3: option bytes at 0x1FFFF800 (STM32F107 ROM lsusb, host_side.md
     * §1.1), RDP the first byte (PM0075 Rev 2 §2.5). F1 reads 0xA5 when not
     * protected (PM0075 Rev 2 §2.4.1), F0/F3 0xAA; the address cannot tell
     * them apart, and a protected chip refuses the read anyway (errVENDOR,
     * AN2662 Rev 1 p. 72), so both count as level 0. SRAM from 0x20000000,
     * 96 KiB on the F1 XL-density parts (RM0008 Rev 21 §3.3.1), and the F3's
     * CCM SRAM at 0x10000000, 16 KiB (RM0316 Rev 8 §3.3). */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, 0x1FFFF800u, "STM32F0/F1/F3",
     QUIRK_STALL_WHILE_BUSY, 0, 0, 0xA5, SRAM(0x20000000u, 96u * 1024u, 0x10000000u, 16u * 1024u)},
    /* L4/G4: option bytes at 0x1FFF7800 (L43x thread and G474 string,
     * host_side.md §1.1), RDP in bits 7:0 (RM0351 Rev 9 §3.4.1). Flash with
     * ECC: 0xFF does not prove erased. SRAM from 0x20000000, 640 KiB on L4+
     * (RM0432 Rev 9 §2.2.2), and SRAM2 / CCM SRAM also at 0x10000000, 64 KiB
     * on L4+ (same section; G4: 32 KiB, RM0440 Rev 8 §2.2). */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, 0x1FFF7800u, "STM32L4/G4",
     QUIRK_STALL_WHILE_BUSY, 0, 0, 0, SRAM(0x20000000u, 640u * 1024u, 0x10000000u, 64u * 1024u)},
    /* H7: option bytes at 0x5200201C (libDaisy#195). Rev V stays dfuDNBUSY
     * after erasing beyond 1 MiB; CLRSTATUS twice recovers (betaflight-
     * configurator PR #1861, #5348). 128 KiB sector erase is up to 4 s (DS12110
     * Rev 10 table 51), so busy past 6 s is stuck. Flash with ECC. RDP is
     * bits 15:8 of FLASH_OPTSR (RM0433 Rev 8 §4.9.8). RAM from DTCM at
     * 0x20000000 to the end of SRAM4 at 0x3800FFFF, AXI SRAM and SRAM1-3
     * between (RM0433 Rev 8 §2.3.2). */
    {STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX, 0x5200201Cu, "STM32H7",
     QUIRK_STALL_WHILE_BUSY | QUIRK_STUCK_BUSY_CLRSTATUS, 6000, 1, 0,
     SRAM(0x20000000u, 0x18010000u, 0, 0)},
};

#define OPTION_BYTES_NAME "@Option Bytes"

/* The start address of an "@Option Bytes" alternate setting, 0 if not one. */
static uint32_t alt_option_bytes(const struct stm32dfu_device_info *info, unsigned int alt)
{
    const char *name = info->alt_names[alt];
    if (strncmp(name, OPTION_BYTES_NAME, strlen(OPTION_BYTES_NAME)) != 0)
        return 0;
    const char *slash = strchr(name, '/');
    return slash && slash[1] == '0' ? (uint32_t)strtoul(slash + 1, NULL, 16) : 0;
}

static uint32_t option_bytes_address(const struct stm32dfu_device_info *info)
{
    for (unsigned int a = 0; a < info->alt_count; a++) {
        uint32_t address = alt_option_bytes(info, a);
        if (address)
            return address;
    }
    return 0;
}

void s32dfu_dfu_quirks_lookup(const struct stm32dfu_device_info *info, struct dfu_quirks *quirks)
{
    uint32_t option_bytes = option_bytes_address(info);
    quirks->flags = 0;
    quirks->series = "";
    quirks->stuck_busy_ms = 0;
    quirks->rdp_offset = NO_RDP;
    quirks->rdp_level0_other = 0;
    memset(quirks->sram, 0, sizeof(quirks->sram));
    quirks->sram[0] = DEFAULT_SRAM;
    for (size_t i = 0; i < sizeof(quirk_rows) / sizeof(quirk_rows[0]); i++) {
        const struct quirk_row *row = &quirk_rows[i];
        if (row->vid != info->vid || row->pid != info->pid || info->bcd_device < row->bcd_min ||
            info->bcd_device > row->bcd_max)
            continue;
        if (row->option_bytes != ANY_OPTION_BYTES && row->option_bytes != option_bytes)
            continue;
        quirks->flags |= row->flags;
        if (row->series[0])
            quirks->series = row->series;
        if (row->stuck_busy_ms)
            quirks->stuck_busy_ms = row->stuck_busy_ms;
        if (row->rdp_offset != NO_RDP)
            quirks->rdp_offset = row->rdp_offset;
        if (row->rdp_level0_other)
            quirks->rdp_level0_other = row->rdp_level0_other;
        if (row->sram[0].size)
            memcpy(quirks->sram, row->sram, sizeof(quirks->sram));
    }
}

const char *stm32dfu_series_name(const struct stm32dfu_device_info *info)
{
    struct dfu_quirks quirks;
    s32dfu_dfu_quirks_lookup(info, &quirks);
    return quirks.series;
}

bool stm32dfu_rdp_byte_address(const struct stm32dfu_device_info *info, unsigned int alt,
                               uint32_t *address)
{
    struct dfu_quirks quirks;
    if (alt >= info->alt_count)
        return false;
    uint32_t base = alt_option_bytes(info, alt);
    s32dfu_dfu_quirks_lookup(info, &quirks);
    if (!base || quirks.rdp_offset == NO_RDP)
        return false;
    *address = base + (uint32_t)quirks.rdp_offset;
    return true;
}

/* RDP 0xAA is level 0 and 0xCC level 2 (permanent); anything else is level 1
 * (RM0090 Rev 19 §3.7.3; the same coding in RM0385, RM0351, RM0433). */
int stm32dfu_rdp_level(const struct stm32dfu_device_info *info, uint8_t rdp)
{
    struct dfu_quirks quirks;
    s32dfu_dfu_quirks_lookup(info, &quirks);
    if (rdp == 0xAA || (quirks.rdp_level0_other && rdp == quirks.rdp_level0_other))
        return 0;
    return rdp == 0xCC ? 2 : 1;
}
