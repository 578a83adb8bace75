/* SPDX-License-Identifier: MIT */
/*
 * The option bytes as far as the ROM's behaviour depends on them: their power-up values from
 * the profile; read protection (RDP), latched at reset and changed by Read Unprotect; write
 * protection (nWRP, WRPx, WRPSn, WRP1A/B), read from the option bytes at every erase and write,
 * which equals latching them at reset because a write of them always resets the board;
 * and what every reset starts (sim_reboot): the BOOT0 pin, dual-bank boot (BFB2) and RDP
 * level 2, which takes the ROM away for good.
 */
#include "sim_private.h"

#include <string.h>

static struct sim_memory *option_bytes(const stm32dfu_sim_board *b)
{
    for (size_t i = 0; i < b->mem_count; i++) {
        if (b->mem[i].kind == SIM_MEM_OPTION_BYTES)
            return (struct sim_memory *)&b->mem[i];
    }
    return NULL;
}

/* Option bytes are loaded into the flash interface at reset (RM0090 Rev 19 §3.7.1), so RDP
 * takes effect on the next reset only. */
void sim_rdp_latch(stm32dfu_sim_board *b)
{
    const struct sim_memory *ob = option_bytes(b);
    b->rdp_active = ob && ob->bytes[b->profile->rdp_offset] != b->profile->rdp_level0;
}

/* Read Unprotect restores level 0 (AN2662 Rev 1 §4.5.4); level 1 is any value other than the
 * level-0 key (and, on F4/F7/H7/L4, other than 0xCC, level 2): the key's inverse is used. */
void sim_rdp_write(stm32dfu_sim_board *b, bool level1)
{
    struct sim_memory *ob = option_bytes(b);
    if (!ob)
        return;
    uint8_t v = level1 ? (uint8_t)~b->profile->rdp_level0 : b->profile->rdp_level0;
    ob->bytes[b->profile->rdp_offset] = v;
    if (b->profile->rdp_complement >= 0)
        ob->bytes[b->profile->rdp_complement] = (uint8_t)~v;
}

void sim_option_defaults(stm32dfu_sim_board *b)
{
    struct sim_memory *ob = option_bytes(b);
    if (!ob)
        return;
    uint32_t n = b->profile->option_len < ob->size ? b->profile->option_len : ob->size;
    memset(ob->bytes, 0xff, ob->size);
    memcpy(ob->bytes, b->profile->option_defaults, n < SIM_MAX_OPTION ? n : SIM_MAX_OPTION);
}

/* The page index of addr in the flash, counting pages from the base. */
static size_t page_of(const stm32dfu_sim_board *b, uint32_t addr)
{
    return sim_memory_page_index(sim_memory_flash(b), addr);
}

/* BITS: the bit covering page, or -1 when none does. */
static int wrp_bit(const struct sim_wrp *w, size_t page)
{
    size_t bit = page / w->pages_per_bit;
    if (bit < w->count)
        return (int)bit;
    return w->last_bit_rest ? w->count - 1 : -1;
}

static uint8_t *wrp_byte(const struct sim_memory *ob, const struct sim_wrp *w, int bit)
{
    return ob->bytes + w->offset + (unsigned)(bit / 8) * w->stride;
}

bool sim_page_write_protected(const stm32dfu_sim_board *b, uint32_t addr)
{
    const struct sim_memory *ob = option_bytes(b);
    const struct sim_wrp *w = &b->profile->wrp;
    size_t page = page_of(b, addr);
    if (!ob)
        return false;
    if (w->kind == SIM_WRP_BITS) {
        int bit = wrp_bit(w, page);
        return bit >= 0 && !(*wrp_byte(ob, w, bit) >> (bit % 8) & 1u);
    }
    for (unsigned a = 0; a < w->count; a++) {
        const uint8_t *area = ob->bytes + w->offset + a * w->stride;
        if (area[0] <= page && page <= area[2])
            return true;
    }
    return false;
}

/* Writes one option byte and the copy the profile keeps of it. */
static void put_option(stm32dfu_sim_board *b, struct sim_memory *ob, size_t at, uint8_t v)
{
    const struct sim_profile *p = b->profile;
    ob->bytes[at] = v;
    if (p->option_copy && at + p->option_copy < ob->size)
        ob->bytes[at + p->option_copy] = p->option_copy_inverted ? (uint8_t)~v : v;
}

/* --write-protect: the option bytes protect the page (a 0 in its nWRP bit, or a WRP area
 * around it: the first unused one, else the first grows), as if programmed before power-up. */
int sim_write_protect(stm32dfu_sim_board *b, uint32_t addr)
{
    struct sim_memory *ob = option_bytes(b);
    const struct sim_wrp *w = &b->profile->wrp;
    if (!ob || sim_memory_find(b, addr, 1) != sim_memory_flash(b))
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    size_t page = page_of(b, addr);
    if (w->kind == SIM_WRP_BITS) {
        int bit = wrp_bit(w, page);
        if (bit < 0)
            return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
        uint8_t *cell = wrp_byte(ob, w, bit);
        put_option(b, ob, (size_t)(cell - ob->bytes), (uint8_t)(*cell & ~(1u << (bit % 8))));
        return STM32DFU_SIM_OK;
    }
    if (page >= w->area_pages)
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    uint8_t *use = ob->bytes + w->offset;
    for (unsigned a = 0; a < w->count; a++) {
        uint8_t *area = ob->bytes + w->offset + a * w->stride;
        if (area[0] > area[2]) {
            use = area;
            use[0] = use[2] = (uint8_t)page;
            break;
        }
    }
    uint8_t start = use[0] < page ? use[0] : (uint8_t)page;
    uint8_t end = use[2] > page ? use[2] : (uint8_t)page;
    put_option(b, ob, (size_t)(use - ob->bytes), start);
    put_option(b, ob, (size_t)(use + 2 - ob->bytes), end);
    return STM32DFU_SIM_OK;
}

/* Level 2 is RDP 0xCC on the layouts whose level 0 is 0xAA (RM0090 Rev 19 §3.7.3; the other
 * layouts' RDP coding is cited per row in host/src/series.c); the F1's RDPRT (level 0 0xA5) has
 * two levels only (PM0075, "Read protection"), so 0xCC is level 1 there. */
static bool rdp_level2(const stm32dfu_sim_board *b)
{
    const struct sim_memory *ob = option_bytes(b);
    return ob && b->profile->rdp_level0 == 0xaa && ob->bytes[b->profile->rdp_offset] == 0xcc;
}

static bool bfb2_set(const stm32dfu_sim_board *b)
{
    const struct sim_memory *ob = option_bytes(b);
    const struct sim_profile *p = b->profile;
    return ob && p->bfb2_mask && (ob->bytes[p->bfb2_offset] & p->bfb2_mask);
}

/* What a reset starts, and why, for the log. */
struct boot {
    enum { BOOT_ROM, BOOT_APP, BOOT_NOTHING } what;
    uint32_t app_base; /* BOOT_APP: the bank whose vector table runs */
    const char *why;
};

/* Where a reset leads, one model for every reset (detach, touch, option-byte write, Read
 * Unprotect), in the order the chip decides:
 * - RDP level 2 disables boot from system memory and from RAM (RM0090 Rev 19 §3.7.3, "Level 2:
 *   chip readout protection"; AN2606: the system-memory boot mode needs RDP below level 2): a
 *   valid application in the user flash starts, else nothing runs and the board stays off the
 *   bus; never the ROM.
 * - BOOT0 high boots system memory and the bootloader runs normally, whatever BFB2 says
 *   (RM0351 §2.6 "Boot configuration", boot modes table; AN2606 "dual bank boot": the
 *   ROM jumps to a bank only when BOOT0 selects the main flash).
 * - BOOT0 low with BFB2 set boots system memory, and the ROM jumps to bank 2 when its vector
 *   table is valid (its first word an SRAM address), else to bank 1, else it stays in the
 *   bootloader (RM0351 §2.6, "the boot loader jumps to execute the user application
 *   programmed in Flash memory bank 2"; AN2606, "dual bank boot" flowchart; research P14: QMK
 *   stm32_dfu.c, barafael/g4-dual-bank-example #2). The application's start-up code drops a
 *   pending request to enter the ROM when BFB2 is set (docs/firmware.md, "Dual-bank parts:
 *   BFB2"), so a detach or touch comes back as the application.
 * - BOOT0 low without BFB2 boots the main flash. After the application's own request (detach,
 *   touch) its start-up code jumps to the ROM (docs/firmware.md, the request path). After a
 *   reset the ROM makes nothing asks for the ROM: a valid vector table starts the application;
 *   an erased one gives the core no stack and no entry point, so nothing runs and the board
 *   stays off the bus [assumption: the empty-flash check that sends some newer series to the
 *   ROM instead is not modelled]. */
static struct boot reset_boots(const stm32dfu_sim_board *b, enum sim_reset_by by)
{
    const struct sim_memory *flash = sim_memory_flash(b);
    uint32_t bank1 = flash->base;
    uint32_t bank2 = flash->base + flash->size / 2;
    bool valid1 = sim_vector_table_valid(b, bank1);
    bool valid2 = sim_vector_table_valid(b, bank2);
    if (rdp_level2(b)) {
        if (valid1 || valid2)
            return (struct boot){BOOT_APP, valid1 ? bank1 : bank2, "RDP level 2"};
        return (struct boot){BOOT_NOTHING, 0, "RDP level 2 and no valid application"};
    }
    if (b->boot0_high)
        return (struct boot){BOOT_ROM, 0, "BOOT0 high"};
    if (bfb2_set(b)) {
        if (valid1 || valid2)
            return (struct boot){BOOT_APP, valid2 ? bank2 : bank1,
                                 valid2 ? "BOOT0 low, BFB2 set: the ROM starts bank 2"
                                        : "BOOT0 low, BFB2 set: the ROM starts bank 1"};
        return (struct boot){BOOT_ROM, 0, "BOOT0 low, BFB2 set, no valid bank"};
    }
    if (by == SIM_RESET_BY_REQUEST)
        return (struct boot){BOOT_ROM, 0, "BOOT0 low, the application's request path"};
    if (valid1)
        return (struct boot){BOOT_APP, bank1, "BOOT0 low"};
    return (struct boot){BOOT_NOTHING, 0, "BOOT0 low and no valid application"};
}

void sim_reboot(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r, enum sim_reset_by by,
                uint64_t busy_us, const char *reason)
{
    struct boot boot = reset_boots(b, by);
    sim_log(b, STM32DFU_SIM_LOG_INFO, "%s: reset (%s)", reason, boot.why);
    if (boot.what == BOOT_ROM) {
        sim_reenumerate(b, r, STM32DFU_SIM_MODE_ROM, busy_us, reason);
        return;
    }
    if (boot.what == BOOT_APP) {
        b->app_base = boot.app_base;
        sim_reenumerate(b, r, STM32DFU_SIM_MODE_APP, busy_us, reason);
        return;
    }
    b->busy_us += busy_us;
    b->attached = false;
    r->event.kind = STM32DFU_SIM_EVENT_DISCONNECT;
    r->event.reason = reason;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "%s: disconnect, stays off the bus", reason);
}
