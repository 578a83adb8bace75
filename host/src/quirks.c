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
#include <string.h>

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
    /* the series' own wait bounds (TIME BOUNDS in docs/stm32dfu.1) where its
     * flash is known to need longer or allow shorter; deadline 0: default */
    struct dfu_wait_bound bounds[DFU_OP_COUNT];
};

#define ST_ROM STM32DFU_ST_VID, STM32DFU_ROM_PID, ANY_BCD_MIN, ANY_BCD_MAX
/* clang-format off */
/* The page erase bound of the L4 and G4 rows (evidence at the rows). */
#define L4_G4_ERASE_BOUNDS {[DFU_OP_ERASE] = {1000, 5000}}
/* clang-format on */

static const struct quirk_row quirk_rows[] = {
    /* GETSTATUS may STALL while the flash is busy: STM32L433 (dfu-util c15ee60,
     * ticket 40; its message names F4 too), so every ST ROM gets the retry. */
    {ST_ROM, .series = SERIES_ANY, .flags = QUIRK_STALL_WHILE_BUSY},
    /* F2/F4 flash has no ECC: an erased word reads 0xFF and a word reading
     * 0xFF can be programmed (RM0090 Rev 19 §3.5.4). */
    {ST_ROM, .series = SERIES_F2_F4, .flags = QUIRK_ERASED_READ_PROVES_BLANK},
    /* F0/F1/F3 flash has no ECC, and programming checks only the value read:
     * the interface reads the half-word, programs it if it has been erased,
     * else skips it with PGERR, "set by hardware when an address to be
     * programmed contains a value different from 0xFFFF before programming"
     * (PM0075 Rev 2 §2.3.3 and FLASH_SR; RM0091 and RM0316 define the same
     * PGERR for F0 and F3). So a half-word reading 0xFFFF needs no erase. */
    {ST_ROM, .series = SERIES_F0_F1_F3, .flags = QUIRK_ERASED_READ_PROVES_BLANK},
    /* F0/F1/F3: a mass erase takes as long as one page erase, 20 to 40 ms
     * (STM32F105/107 datasheet DS6014, tME and tERASE), and the ROM does it
     * for a one-byte Erase command (AN2662 Rev 1 §4.5.3). F2/F4/F7/H7 erase
     * sector by sector either way (F405 mass erase up to 32 s, dfu-util
     * src/dfuse.c), so they gain nothing. */
    {ST_ROM, .series = SERIES_F0_F1_F3, .flags = QUIRK_MASS_ERASE_FASTER},
    /* F7 flash has no ECC either (RM0385 Rev 8 §3 describes none). L4, G4 and
     * H7 flash has ECC, so 0xFF read there does not prove a word erased. */
    {ST_ROM, .series = SERIES_F7, .flags = QUIRK_ERASED_READ_PROVES_BLANK},
    /* Early GETSTATUS held until the work ends (QUIRK_EARLY_POLL_HELD, fast
     * poll), one row of evidence per series; docs/benchmarks.md lists them.
     * F2/F4: MicroPython tools/pydfu.py sends the two GETSTATUS of every
     * command and block with no sleep between them (docs/research/host_side.md#s4.1),
     * and ports/stm32 `make deploy` runs it over the STM32F405 ROM of the
     * pyboard, the port's reference board. */
    {ST_ROM, .series = SERIES_F2_F4, .flags = QUIRK_EARLY_POLL_HELD},
    /* F7: fwupd#2696 logs the STM32F745 ROM answering a GETSTATUS sent 100 ms
     * into a 32 KiB sector erase only when the erase ended, 351 ms after the
     * first (docs/research/host_side.md#s1.5): it holds a GETSTATUS that comes
     * before the work ends. Not enabled, for want of evidence: H7 (a user's
     * NUCLEO-H743ZI2 `make deploy` report, forum.micropython.org t=9621, does
     * not show which tool worked, and rev V stays dfuDNBUSY past 1 MiB); G4
     * and F0/F1/F3 (no public report either way); L4 STALLs early polls
     * (dfu-util c15ee60) and L1 answers dfuDNBUSY to extra polls (a2afb4b). */
    {ST_ROM, .series = SERIES_F7, .flags = QUIRK_EARLY_POLL_HELD},
    /* H7 rev V stays dfuDNBUSY after erasing beyond 1 MiB; CLRSTATUS twice
     * recovers (betaflight-configurator PR #1861, #5348). The ROM gives no
     * signal that the erase ended: its first GETSTATUS comes back at once
     * there, where in bank 1 it is held until the erase ends (ST community
     * thread 234209, CubeProgrammer log: 16 ms against 903 ms). So the time
     * bound is the datasheet's: a 128 KiB sector erases in up to 4 s at the
     * slowest parallelism (DS12110 Rev 10 table 51), plus 10%, counted from
     * the first dfuDNBUSY reply, by which the erase has started. */
    {ST_ROM, .series = SERIES_H7, .flags = QUIRK_STUCK_BUSY_CLRSTATUS, .stuck_busy_ms = 4400},
    /* An L4 or G4 2 KiB page erases in 24.47 ms at most (Zephyr
     * drivers/flash/flash_stm32.c, docs/research/host_side.md#s6): a page
     * erase still dfuDNBUSY after 5 s is hung, 200 times that, so it is
     * reported then, not after the default 30 s. One row per series the
     * option-byte layout names (series.c): L4, G4, and the family. */
    {ST_ROM, .series = SERIES_L4, .bounds = L4_G4_ERASE_BOUNDS},
    {ST_ROM, .series = SERIES_G4, .bounds = L4_G4_ERASE_BOUNDS},
    {ST_ROM, .series = SERIES_L4_G4, .bounds = L4_G4_ERASE_BOUNDS},
};

void s32dfu_dfu_quirks_lookup(const struct stm32dfu_device_info *info, struct dfu_quirks *quirks)
{
    const struct series *s = s32dfu_series_find(info, NULL);
    enum series_id series = s ? s->id : SERIES_ANY;
    quirks->flags = 0;
    quirks->stuck_busy_ms = 0;
    memset(quirks->bounds, 0, sizeof(quirks->bounds));
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
        for (size_t op = 0; op < DFU_OP_COUNT; op++) {
            if (row->bounds[op].deadline_ms)
                quirks->bounds[op] = row->bounds[op];
        }
    }
}
