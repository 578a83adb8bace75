/* SPDX-License-Identifier: MIT */
/* How particular ROM bootloaders behave, one row per behaviour with its
 * evidence. Rows are keyed by VID/PID/bcdDevice and, because several series
 * share one bcdDevice, by the series (series.c), which the option-byte
 * address in the memory layout identifies.
 *
 * Behaviours the poll loop accepts from every device, so they need no row:
 * - a first GETSTATUS of dfuDNLOAD-IDLE instead of dfuDNBUSY (STM32U5A9, dfu-util
 *   be49612; allowed by DFU 1.1 Appendix A);
 * - more than one dfuDNBUSY before dfuDNLOAD-IDLE (STM32L151, dfu-util a2afb4b);
 * - a start-up dfuERROR/errFIRMWARE, cleared with CLRSTATUS (host_side.md §1.1). */
#include "device_private.h"

#define ANY_BCD_MIN 0x0000u
#define ANY_BCD_MAX 0xFFFFu

struct quirk_row {
    uint16_t vid;
    uint16_t pid;
    uint16_t bcd_min;
    uint16_t bcd_max;
    /* the series the row applies to, SERIES_ANY for every one */
    enum series_id series;
    unsigned int flags;
    /* how long a stuck dfuDNBUSY may last before CLRSTATUS x2 */
    unsigned int stuck_busy_ms;
};

#define ST_ROM STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX

static const struct quirk_row quirk_rows[] = {
    /* GETSTATUS may STALL while the flash is busy: STM32L433 (dfu-util c15ee60,
     * ticket 40; its message names F4 too), so every ST ROM gets the retry. */
    {ST_ROM, .series = SERIES_ANY, .flags = QUIRK_STALL_WHILE_BUSY},
    /* F2/F4 flash has no ECC: an erased word reads 0xFF and a word reading
     * 0xFF can be programmed (RM0090 Rev 19 §3.5.4). */
    {ST_ROM, .series = SERIES_F2_F4, .flags = QUIRK_ERASED_READ_PROVES_BLANK},
    /* F7 flash has no ECC either (RM0385 Rev 8 §3 describes none). L4, G4 and
     * H7 flash has ECC, so 0xFF read there does not prove a word erased. */
    {ST_ROM, .series = SERIES_F7, .flags = QUIRK_ERASED_READ_PROVES_BLANK},
    /* H7 rev V stays dfuDNBUSY after erasing beyond 1 MiB; CLRSTATUS twice
     * recovers (betaflight-configurator PR #1861, #5348). 128 KiB sector erase
     * is up to 4 s (DS12110 Rev 10 table 51), so busy past 6 s is stuck. */
    {ST_ROM, .series = SERIES_H7, .flags = QUIRK_STUCK_BUSY_CLRSTATUS, .stuck_busy_ms = 6000},
};

void s32dfu_dfu_quirks_lookup(const struct stm32dfu_device_info *info, struct dfu_quirks *quirks)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    enum series_id series = s ? s->id : SERIES_ANY;
    quirks->flags = 0;
    quirks->stuck_busy_ms = 0;
    for (size_t i = 0; i < sizeof(quirk_rows) / sizeof(quirk_rows[0]); i++) {
        const struct quirk_row *row = &quirk_rows[i];
        if (row->vid != info->vid || row->pid != info->pid || info->bcd_device < row->bcd_min ||
            info->bcd_device > row->bcd_max)
            continue;
        if (row->series != SERIES_ANY && row->series != series)
            continue;
        quirks->flags |= row->flags;
        if (row->stuck_busy_ms)
            quirks->stuck_busy_ms = row->stuck_busy_ms;
    }
}
