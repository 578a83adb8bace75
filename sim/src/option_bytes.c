/* SPDX-License-Identifier: MIT */
/*
 * The option bytes as far as the ROM's behaviour depends on them: their power-up values from
 * the profile, and read protection (RDP), latched at reset and changed by Read Unprotect.
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
