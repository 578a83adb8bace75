/*
 * The simulated application: whether an image can start (its vector table), the version it
 * reports, and its DFU runtime interface (DFU 1.1 §4.1, Table 4.1: appIDLE and appDETACH). Only
 * GETSTATUS, GETSTATE and DETACH are served, as tinyusb's dfu_rt_device.c does; with
 * bitWillDetach the application disconnects by itself after DETACH and the ROM enumerates.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <stdio.h>
#include <string.h>

/* ARMv7-M ARM (DDI0403E) B1.5.3: word 0 is the initial SP, word 1 the reset vector, whose bit 0
 * must be 1 (Thumb). The ROM-side check of research/host_side.md §1.7: SP inside SRAM (the top
 * of a RAM is a valid initial SP), reset vector inside the flash. */
bool sim_vector_table_valid(const stm32dfu_sim_board *b, uint32_t addr)
{
    const struct sim_memory *m = sim_memory_find(b, addr, 8);
    const struct sim_memory *flash = sim_memory_flash(b);
    if (!m || m->kind != SIM_MEM_FLASH)
        return false;
    uint32_t sp = sim_le32(m->bytes + (addr - m->base));
    uint32_t pc = sim_le32(m->bytes + (addr - m->base) + 4);
    bool sp_ok = false;
    for (size_t i = 0; i < SIM_MAX_RAMS && b->profile->ram[i].size; i++) {
        const struct sim_ram *r = &b->profile->ram[i];
        if (sp > r->base && sp <= r->base + r->size)
            sp_ok = true;
    }
    bool pc_ok = (pc & 1u) && pc >= flash->base && pc - flash->base < flash->size;
    return sp_ok && pc_ok;
}

/* The simulated application reports "the text after APPVERSION= in the first 4 KiB" of its
 * image (issue 3, application mode), up to a NUL or non-printable byte. */
void sim_read_app_version(stm32dfu_sim_board *b)
{
    static const char key[] = "APPVERSION=";
    const size_t key_len = sizeof(key) - 1;
    const struct sim_memory *flash = sim_memory_flash(b);
    uint32_t off = b->app_base - flash->base;
    size_t window = flash->size - off < 4096 ? flash->size - off : 4096;
    const uint8_t *img = flash->bytes + off;

    snprintf(b->app_product, sizeof(b->app_product), "stm32dfu application");
    for (size_t i = 0; i + key_len <= window; i++) {
        if (memcmp(img + i, key, key_len) != 0)
            continue;
        size_t n = 0;
        while (i + key_len + n < window && n < SIM_STRING_MAX && img[i + key_len + n] >= 0x20 &&
               img[i + key_len + n] < 0x7f)
            n++;
        memcpy(b->app_product, img + i + key_len, n);
        b->app_product[n] = '\0';
        return;
    }
}

bool sim_app_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r)
{
    bool in = (s->bmRequestType & USB_DIR_IN) != 0;
    switch (s->bRequest) {
    case DFU_GETSTATUS: {
        uint8_t st[6] = {b->status, 0, 0, 0, b->state, 0}; /* DFU 1.1 §6.1.2 */
        return in && sim_reply_in(r, data, s->wLength, st, sizeof(st)) > 0;
    }
    case DFU_GETSTATE:
        return in && sim_reply_in(r, data, s->wLength, &b->state, 1) == 1;
    case DFU_DETACH:
        if (in || b->state != appIDLE)
            return false;
        b->state = appDETACH;
        sim_reenumerate(b, r, STM32DFU_SIM_MODE_ROM, 0, "detach");
        return true;
    default:
        return false;
    }
}
