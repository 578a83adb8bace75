/* SPDX-License-Identifier: MIT */
/*
 * The simulated application: whether an image can start (its vector table), the version it
 * reports, and its DFU runtime interface, which is the firmware library's own helper
 * (firmware/include/stm32dfu_runtime.h): an application built with stm32dfu, as it answers a host.
 * With bitWillDetach it disconnects by itself after DETACH and the ROM enumerates. Class
 * requests to its CDC-ACM function, when it has one, go to app_cdc.c.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <stdio.h>
#include <string.h>

/* ARMv7-M ARM (DDI0403E) B1.5.3: word 0 is the initial SP, word 1 the reset vector, whose bit 0
 * must be 1 (Thumb). The ROM-side check of docs/research/host_side.md#s1.7: SP inside SRAM (the top
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

/* A version "major.minor.patch" at the start of text (anything may follow), as the bcdDevice
 * the firmware library's STM32DFU_RUNTIME_BCD_VERSION gives; APP_BCD_DEFAULT otherwise. */
static uint16_t app_bcd_device(const char *text)
{
    unsigned v[3];
    int n = 0;

    if (sscanf(text, "%u.%u.%u%n", &v[0], &v[1], &v[2], &n) != 3 || n == 0 || v[0] > 15 ||
        v[1] > 15 || v[2] > 255 || (text[n] >= '0' && text[n] <= '9'))
        return APP_BCD_DEFAULT;
    return STM32DFU_RUNTIME_BCD_VERSION(v[0], v[1], v[2]);
}

/* The simulated application reports "the text after APPVERSION= in the first 4 KiB" of its
 * image (issue 3, application mode), up to a NUL or non-printable byte, as its product string,
 * and a version "major.minor.patch" at the start of that text as its bcdDevice. */
void sim_read_app_version(stm32dfu_sim_board *b)
{
    static const char key[] = "APPVERSION=";
    const size_t key_len = sizeof(key) - 1;
    const struct sim_memory *flash = sim_memory_flash(b);
    uint32_t off = b->app_base - flash->base;
    size_t window = flash->size - off < 4096 ? flash->size - off : 4096;
    const uint8_t *img = flash->bytes + off;

    snprintf(b->app_product, sizeof(b->app_product), "stm32dfu application");
    b->app_bcd_device = APP_BCD_DEFAULT;
    for (size_t i = 0; i + key_len <= window; i++) {
        if (memcmp(img + i, key, key_len) != 0)
            continue;
        size_t n = 0;
        while (i + key_len + n < window && n < SIM_STRING_MAX && img[i + key_len + n] >= 0x20 &&
               img[i + key_len + n] < 0x7f)
            n++;
        memcpy(b->app_product, img + i + key_len, n);
        b->app_product[n] = '\0';
        b->app_bcd_device = app_bcd_device(b->app_product);
        return;
    }
}

/* The firmware's disconnect callback: on a board, the ROM then enumerates. */
static void app_disconnect(void *ctx)
{
    stm32dfu_sim_board *b = ctx;
    b->runtime_detached = true;
}

/* On a chip this is stm32dfu_request_bootloader(); here app_disconnect has
 * already told the model to re-enumerate as the ROM. */
static void rom_takes_over(void)
{
}

uint8_t sim_app_dfu_interface(const stm32dfu_sim_board *b)
{
    return (b->app_interfaces & STM32DFU_SIM_APP_CDC) ? SIM_APP_CDC_DATA_INTERFACE + 1 : 0;
}

void sim_app_start(stm32dfu_sim_board *b)
{
    b->runtime_config = (struct stm32dfu_runtime_config){
        .interface_number = sim_app_dfu_interface(b),
        .detach_timeout_ms = b->profile->detach_timeout_ms,
        .transfer_size = b->profile->transfer_size,
        .disconnect_cb = app_disconnect,
        .enter_bootloader_cb = rom_takes_over,
        .ctx = b,
    };
    stm32dfu_runtime_init(&b->runtime, &b->runtime_config);
    b->runtime_detached = false;
    sim_app_cdc_start(b);
    sim_read_app_version(b);
}

/* Class requests go to the firmware library's DFU runtime helper, so dfu-util
 * -e and stm32dfu detach exercise the code an application ships. The model
 * delivers the reply within this call, so the status stage is done here. */
bool sim_app_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r)
{
    if ((b->app_interfaces & STM32DFU_SIM_APP_CDC) && s->wIndex == SIM_APP_CDC_COMM_INTERFACE)
        return sim_app_cdc_request(b, s, data, r);
    if (!(b->app_interfaces & STM32DFU_SIM_APP_DFU) || s->wIndex != sim_app_dfu_interface(b))
        return false;
    const uint8_t setup[8] = {s->bmRequestType,    s->bRequest,
                              (uint8_t)s->wValue,  (uint8_t)(s->wValue >> 8),
                              (uint8_t)s->wIndex,  (uint8_t)(s->wIndex >> 8),
                              (uint8_t)s->wLength, (uint8_t)(s->wLength >> 8)};
    uint8_t reply[8];
    size_t len = 0;
    switch (stm32dfu_runtime_setup(&b->runtime, setup, reply, sizeof(reply), &len)) {
    case STM32DFU_RUNTIME_DATA:
        return sim_reply_in(r, data, s->wLength, reply, len) == len;
    case STM32DFU_RUNTIME_ACK:
        stm32dfu_runtime_status_done(&b->runtime);
        if (b->runtime_detached)
            sim_reboot(b, r, SIM_RESET_BY_REQUEST, 0, "detach");
        return true;
    default:
        return false;
    }
}
