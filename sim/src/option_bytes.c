/* SPDX-License-Identifier: MIT */
/*
 * The option bytes as far as the ROM's behaviour depends on them: their power-up values from
 * the profile; read protection (RDP), latched at reset and changed by Read Unprotect; write
 * protection (nWRP, WRPx, WRPSn, WRP1A/B), read from the option bytes at every erase and write,
 * which equals latching them at reset because a write of them always resets the board;
 * dual-bank boot (BFB2), which decides what a reset into the ROM starts; and RDP level 2,
 * which takes the ROM away for good (sim_reboot).
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

/* With BFB2 set, the ROM a reset enters starts a flash bank that holds a valid vector table,
 * bank 2 first, at once (research P14: QMK stm32_dfu.c, barafael/g4-dual-bank-example #2); the
 * firmware library's own guard then drops the request (docs/firmware.md, "Dual-bank parts:
 * BFB2"). Only BOOT0 held high keeps the ROM, and a DFU detach is a software reset. The other
 * resets the model makes (option bytes, Read Unprotect) come back in the ROM, as with BOOT0
 * held high, the way a ROM session starts. */
enum stm32dfu_sim_mode sim_reset_boots(const stm32dfu_sim_board *b)
{
    const struct sim_memory *ob = option_bytes(b);
    const struct sim_memory *flash = sim_memory_flash(b);
    const struct sim_profile *p = b->profile;
    if (!ob || !p->bfb2_mask || !(ob->bytes[p->bfb2_offset] & p->bfb2_mask))
        return STM32DFU_SIM_MODE_ROM;
    uint32_t bank2 = flash->base + flash->size / 2;
    return sim_vector_table_valid(b, bank2) || sim_vector_table_valid(b, flash->base)
               ? STM32DFU_SIM_MODE_APP
               : STM32DFU_SIM_MODE_ROM;
}

/* Level 2 is RDP 0xCC on the layouts whose level 0 is 0xAA (RM0090 Rev 19 §3.7.3; the other
 * layouts' RDP coding is cited per row in host/src/series.c); the F1's RDPRT (level 0 0xA5) has
 * two levels only (PM0075, "Read protection"). */
static bool rdp_level2(const stm32dfu_sim_board *b)
{
    const struct sim_memory *ob = option_bytes(b);
    return ob && b->profile->rdp_level0 == 0xaa && ob->bytes[b->profile->rdp_offset] == 0xcc;
}

/* Every reset the model makes (a detach or touch, an option-byte write). At level 2 boot from
 * system memory (the ROM bootloader) and from RAM is disabled and JTAG/SWD is off for good
 * (RM0090 Rev 19 §3.7.3, "Level 2: chip readout protection"; AN2606, the system-memory boot
 * mode needs RDP below level 2): the chip starts a valid application in the user flash, else it
 * runs nothing and stays off the bus; it never comes back as the ROM. Otherwise it comes back
 * as USUAL. */
void sim_reboot(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r, enum stm32dfu_sim_mode usual,
                uint64_t busy_us, const char *reason)
{
    if (!rdp_level2(b)) {
        sim_reenumerate(b, r, usual, busy_us, reason);
        return;
    }
    const struct sim_memory *flash = sim_memory_flash(b);
    if (sim_vector_table_valid(b, flash->base) ||
        sim_vector_table_valid(b, flash->base + flash->size / 2)) {
        sim_reenumerate(b, r, STM32DFU_SIM_MODE_APP, busy_us, reason);
        return;
    }
    b->busy_us += busy_us;
    b->attached = false;
    r->event.kind = STM32DFU_SIM_EVENT_DISCONNECT;
    r->event.reason = reason;
    sim_log(b, STM32DFU_SIM_LOG_INFO,
            "%s: RDP level 2 and no valid application: disconnect, stays off the bus", reason);
}
