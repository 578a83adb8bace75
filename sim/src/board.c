/* SPDX-License-Identifier: MIT */
/*
 * The board: creation from a profile, the public accessors, time and statistics. The helpers
 * the request handlers share are in reply.c, so that calls run from here to the handlers and
 * from the handlers to reply.c, never back.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void stm32dfu_sim_options_init(struct stm32dfu_sim_options *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->profile = "stm32f405";
    opts->mode = STM32DFU_SIM_MODE_ROM;
    opts->start = STM32DFU_SIM_START_PROFILE;
    opts->time_scale = 1.0;
    opts->extra_busy_polls = 2;
    opts->app_vid = 0x1209; /* pid.codes, https://pid.codes/1209/0001/ (test PID) */
    opts->app_pid = 0x0001;
    opts->app_interfaces = STM32DFU_SIM_APP_DFU;
    opts->bus_time = true;
    opts->boot0 = STM32DFU_SIM_BOOT0_AUTO;
}

static int fail(char *msg, size_t msg_len, int rc, const char *text, const char *arg)
{
    if (msg && msg_len)
        snprintf(msg, msg_len, text, arg);
    return rc;
}

/* The message lists the names from the profile table, so it never goes stale. */
static int unknown_profile(char *msg, size_t msg_len, const char *name)
{
    if (!msg || !msg_len)
        return STM32DFU_SIM_ERROR_NO_PROFILE;
    int used = snprintf(msg, msg_len, "unknown profile \"%s\"; the profiles are", name);
    for (size_t i = 0; i < stm32dfu_sim_profile_count() && used >= 0 && (size_t)used < msg_len; i++)
        used += snprintf(msg + used, msg_len - (size_t)used, "%s %s", i ? "," : "",
                         stm32dfu_sim_profile_name(i));
    return STM32DFU_SIM_ERROR_NO_PROFILE;
}

static int setup_board(stm32dfu_sim_board *b, const struct stm32dfu_sim_options *o, char *msg,
                       size_t msg_len)
{
    static const uint32_t early_poll_quirk[] = {
        [SIM_EARLY_POLL_HOLD] = 0,
        [SIM_EARLY_POLL_STALL] = STM32DFU_SIM_QUIRK_STALL_EARLY_POLL,
        [SIM_EARLY_POLL_EXTRA_BUSY] = STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS,
    };
    uint32_t own = b->profile->quirks | early_poll_quirk[b->profile->early_poll];
    b->quirks = (own | o->quirks_add) & ~o->quirks_remove;
    b->scale = o->time_scale;
    b->bus_time = o->bus_time;
    b->start = o->start == STM32DFU_SIM_START_PROFILE ? b->profile->start : o->start;
    b->extra_busy_polls = o->extra_busy_polls;
    b->app_vid = o->app_vid;
    b->app_pid = o->app_pid;
    b->app_interfaces = o->app_interfaces;
    b->app_touch_ignored = o->app_touch_ignored;
    b->boot0_high = o->boot0 == STM32DFU_SIM_BOOT0_AUTO ? o->mode == STM32DFU_SIM_MODE_ROM
                                                        : o->boot0 == STM32DFU_SIM_BOOT0_HIGH;
    snprintf(b->serial, sizeof(b->serial), "%s", o->serial ? o->serial : b->profile->serial);
    int rc = sim_memory_build(b, msg, msg_len);
    if (rc)
        return rc;
    b->buffer = malloc(b->profile->transfer_size);
    if (!b->buffer)
        return STM32DFU_SIM_ERROR_NO_MEMORY;
    sim_option_defaults(b);
    if (o->read_protected)
        sim_rdp_write(b, true);
    b->app_base = sim_memory_flash(b)->base;
    stm32dfu_sim_board_reconnect(b, o->mode);
    return STM32DFU_SIM_OK;
}

int stm32dfu_sim_new_board(const struct stm32dfu_sim_options *opts, stm32dfu_sim_board **out,
                           char *msg, size_t msg_len)
{
    struct stm32dfu_sim_options defaults;
    if (!out)
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_INVALID, "%s", "no output pointer");
    if (!opts) {
        stm32dfu_sim_options_init(&defaults);
        opts = &defaults;
    }
    const struct sim_profile *p = sim_profile_find(opts->profile ? opts->profile : "");
    if (!p)
        return unknown_profile(msg, msg_len, opts->profile ? opts->profile : "");
    if (!isfinite(opts->time_scale) || opts->time_scale < 0)
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_INVALID, "%s",
                    "time scale must be a finite number >= 0 (1 = real timing, 0 = instant)");
    if (opts->mode != STM32DFU_SIM_MODE_ROM && opts->mode != STM32DFU_SIM_MODE_APP)
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_INVALID, "%s", "mode must be rom or app");
    if (opts->boot0 != STM32DFU_SIM_BOOT0_AUTO && opts->boot0 != STM32DFU_SIM_BOOT0_LOW &&
        opts->boot0 != STM32DFU_SIM_BOOT0_HIGH)
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_INVALID, "%s",
                    "boot0 must be auto, low or high");
    if (opts->app_interfaces == 0 ||
        (opts->app_interfaces & ~(unsigned)(STM32DFU_SIM_APP_DFU | STM32DFU_SIM_APP_CDC)))
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_INVALID, "%s",
                    "app_interfaces must be DFU, CDC or both");
    stm32dfu_sim_board *b = calloc(1, sizeof(*b));
    if (!b)
        return fail(msg, msg_len, STM32DFU_SIM_ERROR_NO_MEMORY, "%s", "out of memory");
    b->profile = p;
    int rc = setup_board(b, opts, msg, msg_len);
    if (rc) {
        stm32dfu_sim_free_board(b);
        return rc;
    }
    *out = b;
    return STM32DFU_SIM_OK;
}

void stm32dfu_sim_free_board(stm32dfu_sim_board *board)
{
    if (!board)
        return;
    sim_memory_free(board);
    free(board->buffer);
    free(board);
}

int stm32dfu_sim_board_load(stm32dfu_sim_board *board, uint32_t address, const uint8_t *data,
                            size_t len)
{
    if (len > UINT32_MAX)
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    struct sim_memory *m = sim_memory_find(board, address, (uint32_t)len);
    if (!m)
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    memcpy(m->bytes + (address - m->base), data, len);
    if (board->mode == STM32DFU_SIM_MODE_APP)
        sim_read_app_version(board);
    return STM32DFU_SIM_OK;
}

int stm32dfu_sim_board_read(const stm32dfu_sim_board *board, uint32_t address, uint8_t *out,
                            size_t len)
{
    if (len > UINT32_MAX)
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    const struct sim_memory *m = sim_memory_find(board, address, (uint32_t)len);
    if (!m)
        return STM32DFU_SIM_ERROR_OUT_OF_RANGE;
    memcpy(out, m->bytes + (address - m->base), len);
    return STM32DFU_SIM_OK;
}

uint32_t stm32dfu_sim_board_flash_base(const stm32dfu_sim_board *board)
{
    return sim_memory_flash(board)->base;
}

size_t stm32dfu_sim_board_flash_size(const stm32dfu_sim_board *board)
{
    return sim_memory_flash(board)->size;
}

const uint8_t *stm32dfu_sim_board_flash(const stm32dfu_sim_board *board)
{
    return sim_memory_flash(board)->bytes;
}

int stm32dfu_sim_board_write_protect(stm32dfu_sim_board *board, uint32_t address)
{
    return sim_write_protect(board, address);
}

void stm32dfu_sim_board_identity(const stm32dfu_sim_board *board, struct stm32dfu_sim_identity *out)
{
    sim_identity(board, out);
}

size_t stm32dfu_sim_board_descriptors(const stm32dfu_sim_board *board, uint8_t *buf, size_t cap)
{
    return sim_descriptors(board, buf, cap);
}

void stm32dfu_sim_board_reconnect(stm32dfu_sim_board *board, enum stm32dfu_sim_mode mode)
{
    board->mode = mode;
    board->attached = true;
    board->configuration = 1; /* the kernel configures the device on enumeration */
    board->alt = 0;
    sim_rdp_latch(board);
    if (mode == STM32DFU_SIM_MODE_ROM) {
        sim_dfu_reset(board);
    } else {
        sim_app_start(board);
    }
    sim_log(board, STM32DFU_SIM_LOG_INFO, "attached as %s",
            mode == STM32DFU_SIM_MODE_ROM ? "ROM bootloader" : "application");
}

int stm32dfu_sim_board_bulk_out(stm32dfu_sim_board *board, uint8_t endpoint, const uint8_t *data,
                                size_t len)
{
    if (!board->attached)
        return STM32DFU_SIM_ERROR_INVALID;
    return sim_app_cdc_bulk_out(board, endpoint, data, len);
}

bool stm32dfu_sim_board_has_endpoint(const stm32dfu_sim_board *board, uint8_t endpoint)
{
    return board->attached && sim_app_has_endpoint(board, endpoint);
}

bool stm32dfu_sim_board_attached(const stm32dfu_sim_board *board)
{
    return board->attached;
}

void stm32dfu_sim_board_stats(const stm32dfu_sim_board *board, struct stm32dfu_sim_stats *out)
{
    *out = board->stats;
    out->simulated_ms = board->busy_us / 1000;
    out->bus_ms = board->bus_us / 1000;
    out->floor_ms = board->floor_us / 1000;
    out->physical_ms = board->physical_us / 1000;
}

void stm32dfu_sim_board_set_log_cb(stm32dfu_sim_board *board, stm32dfu_sim_log_cb cb,
                                   void *user_data)
{
    board->log_cb = cb;
    board->log_user = user_data;
}

bool stm32dfu_sim_board_read_protected(const stm32dfu_sim_board *board)
{
    return board->rdp_active;
}
