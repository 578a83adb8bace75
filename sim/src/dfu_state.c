/* SPDX-License-Identifier: MIT */
/*
 * The DFU-mode state machine of the ROM (DFU 1.1 Appendix A as the ST ROM implements it).
 * A request the current state does not accept is STALLed and the state is left alone (AN2662
 * Rev 1 Figure 55 "Stall"; ST's DFU class usbd_dfu.c answers with USBD_CtlError). Commands run
 * at the first GETSTATUS (AN2662 Rev 1 §4.5: "effectively executed only when a DFU_GETSTATUS
 * request is issued"); errors found then are reported at once, errors of the operation itself
 * at the second GETSTATUS.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <string.h>

static bool in_states(const stm32dfu_sim_board *b, unsigned mask)
{
    return (mask >> b->state) & 1u;
}

#define S(x) (1u << (x))

/* States that take ABORT and DETACH (ST usbd_dfu.c DFU_Abort / DFU_Detach). */
#define ABORTABLE                                                                                  \
    (S(STM32DFU_STATE_DFU_IDLE) | S(STM32DFU_STATE_DFU_DNLOAD_SYNC) |                              \
     S(STM32DFU_STATE_DFU_DNLOAD_IDLE) | S(STM32DFU_STATE_DFU_MANIFEST_SYNC) |                     \
     S(STM32DFU_STATE_DFU_UPLOAD_IDLE))

void sim_dfu_reset(stm32dfu_sim_board *b)
{
    bool error = b->start == STM32DFU_SIM_START_ERROR_FIRMWARE;
    b->state = error ? STM32DFU_STATE_DFU_ERROR : STM32DFU_STATE_DFU_IDLE;
    b->status = error ? STM32DFU_STATUS_ERR_FIRMWARE : STM32DFU_STATUS_OK;
    /* AN2662 Rev 1 §4.4: with no Set Address the pointer is the flash base. */
    b->address = sim_memory_flash(b)->base;
    b->jump_address = b->address;
    b->pending = false;
    b->short_block = 0;
    b->hung_busy = false;
    memset(&b->op, 0, sizeof(b->op));
}

/* An operation whose time has come, and whose early polls (sim_busy) are spent, is over: back
 * to dfuDNLOAD-SYNC (ST usbd_dfu.c, after EP0_TxReady), so the next GETSTATUS reports it. */
void sim_settle(stm32dfu_sim_board *b)
{
    if (b->mode == STM32DFU_SIM_MODE_ROM && b->state == STM32DFU_STATE_DFU_DNBUSY && !b->op.stuck &&
        b->op.early_polls == 0 && b->clock_us >= b->op.busy_until_us)
        b->state = STM32DFU_STATE_DFU_DNLOAD_SYNC;
}

static void enter_error(stm32dfu_sim_board *b, uint8_t status)
{
    b->state = STM32DFU_STATE_DFU_ERROR;
    b->status = status;
    b->pending = false;
}

static void status_reply(stm32dfu_sim_board *b, uint8_t *data, uint16_t wLength,
                         struct stm32dfu_sim_reply *r, uint32_t poll_ms, uint8_t state)
{
    /* DFU 1.1 §6.1.2: bStatus, bwPollTimeout (3 bytes LE), bState, iString. */
    uint32_t poll = sim_scaled_poll(b, poll_ms);
    uint8_t st[6] = {b->status, (uint8_t)poll, (uint8_t)(poll >> 8), (uint8_t)(poll >> 16), state,
                     0};
    if (state == STM32DFU_STATE_DFU_DNBUSY)
        b->op.poll_due_us = b->clock_us + (uint64_t)poll * 1000;
    sim_reply_in(r, data, wLength, st, sizeof(st));
}

/* The first GETSTATUS after a DNLOAD: check, then run the command. */
static void start_command(stm32dfu_sim_board *b, uint8_t *data, uint16_t wLength,
                          struct stm32dfu_sim_reply *r)
{
    uint8_t err = sim_dfuse_check(b);
    if (err != STM32DFU_STATUS_OK) {
        enter_error(b, err);
        status_reply(b, data, wLength, r, 0, STM32DFU_STATE_DFU_ERROR);
        return;
    }
    bool special = b->pending_block == DFUSE_COMMAND_BLOCK;
    b->pending = false;
    sim_dfuse_execute(b, r);
    if (r->kind == STM32DFU_SIM_REPLY_NONE)
        return;
    if (special && (b->quirks & STM32DFU_SIM_QUIRK_SPECIAL_DIRECT_IDLE) &&
        r->event.kind == STM32DFU_SIM_EVENT_NONE && !b->op.stuck) {
        /* STM32U5A9 (dfu-util be49612): the reply comes when the command is done. */
        if (b->op.busy_until_us > b->clock_us)
            b->clock_us = b->op.busy_until_us;
        b->state = b->op.result == STM32DFU_STATUS_OK ? STM32DFU_STATE_DFU_DNLOAD_IDLE
                                                      : STM32DFU_STATE_DFU_ERROR;
        b->status = b->op.result;
        status_reply(b, data, wLength, r, 0, b->state);
        return;
    }
    b->state = STM32DFU_STATE_DFU_DNBUSY;
    status_reply(b, data, wLength, r, b->op.poll_ms, STM32DFU_STATE_DFU_DNBUSY);
    sim_declared_wait(b, b->op.poll_ms, b->op.stuck ? 0 : b->op.work_us);
}

/* The GETSTATUS after the operation ended. */
static void finish_command(stm32dfu_sim_board *b, uint8_t *data, uint16_t wLength,
                           struct stm32dfu_sim_reply *r)
{
    if (b->op.result != STM32DFU_STATUS_OK) {
        enter_error(b, b->op.result);
        status_reply(b, data, wLength, r, 0, STM32DFU_STATE_DFU_ERROR);
    } else if (b->op.busy_polls > 0) {
        b->op.busy_polls--; /* STM32L151VD: still busy (dfu-util a2afb4b) */
        b->state = STM32DFU_STATE_DFU_DNBUSY;
        b->op.busy_until_us = b->clock_us;
        status_reply(b, data, wLength, r, b->op.poll_ms, STM32DFU_STATE_DFU_DNBUSY);
        sim_declared_wait(b, b->op.poll_ms, 0);
    } else {
        b->state = STM32DFU_STATE_DFU_DNLOAD_IDLE;
        status_reply(b, data, wLength, r, 0, STM32DFU_STATE_DFU_DNLOAD_IDLE);
    }
}

/* Leave (AN2662 Rev 1 §4.5.5): dfuMANIFEST, then disconnect and jump to the last address; a
 * valid vector table there starts the application, otherwise the ROM comes back. */
static void manifest(stm32dfu_sim_board *b, uint8_t *data, uint16_t wLength,
                     struct stm32dfu_sim_reply *r)
{
    status_reply(b, data, wLength, r, b->profile->poll.manifest, STM32DFU_STATE_DFU_MANIFEST);
    sim_declared_wait(b, b->profile->poll.manifest, 0);
    b->state = STM32DFU_STATE_DFU_MANIFEST_WAIT_RESET; /* not manifestation tolerant (bmAttributes
                                                          bit 2 = 0) */
    bool app = sim_vector_table_valid(b, b->jump_address);
    if (app)
        b->app_base = b->jump_address;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "leave: jump to 0x%08x, vector table %s",
            (unsigned)b->jump_address, app ? "valid" : "invalid");
    sim_reenumerate(b, r, app ? STM32DFU_SIM_MODE_APP : STM32DFU_SIM_MODE_ROM, 0, "leave");
}

static bool getstatus(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                      struct stm32dfu_sim_reply *r)
{
    if (b->state == STM32DFU_STATE_DFU_DNLOAD_SYNC && b->pending) {
        start_command(b, data, s->wLength, r);
    } else if (b->state == STM32DFU_STATE_DFU_DNLOAD_SYNC) {
        finish_command(b, data, s->wLength, r);
    } else if (b->state == STM32DFU_STATE_DFU_MANIFEST_SYNC) {
        manifest(b, data, s->wLength, r);
    } else if (b->state == STM32DFU_STATE_DFU_DNBUSY) {
        /* stuck (quirk): dfuDNBUSY for good */
        status_reply(b, data, s->wLength, r, b->op.poll_ms, b->state);
        sim_declared_wait(b, b->op.poll_ms, 0);
    } else {
        status_reply(b, data, s->wLength, r, 0, b->state);
    }
    return true;
}

/* Block N lands at pointer + (N - 2) x wTransferSize (AN2662 Rev 1 §4.4), so a short block
 * followed by the next number leaves a gap nobody writes: a host bug worth a log line
 * (docs/research/host_side.md#s1.3). Set Address starts afresh. */
static void flag_short_block(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s)
{
    if (s->wValue < DFUSE_FIRST_DATA_BLOCK)
        return;
    if (b->short_block && s->wValue == b->short_block + 1)
        sim_log(b, STM32DFU_SIM_LOG_UNEXPECTED,
                "DNLOAD block %u follows block %u of only %u bytes (wTransferSize %u): the "
                "bytes between are never written",
                s->wValue, b->short_block, b->short_block_len, b->profile->transfer_size);
    bool short_block = s->wLength < b->profile->transfer_size;
    b->short_block = short_block ? s->wValue : 0;
    b->short_block_len = short_block ? s->wLength : 0;
}

static bool dnload(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, const uint8_t *data)
{
    /* AN2662 Rev 1 Figure 55: only in dfuIDLE or dfuDNLOAD-IDLE. */
    if (!in_states(b, S(STM32DFU_STATE_DFU_IDLE) | S(STM32DFU_STATE_DFU_DNLOAD_IDLE)))
        return false;
    if (s->wLength == 0) {
        b->state = STM32DFU_STATE_DFU_MANIFEST_SYNC; /* AN2662 Rev 1 §4.5.5: zero length = leave */
        return true;
    }
    if (s->wLength > b->profile->transfer_size)
        return false;
    flag_short_block(b, s);
    memcpy(b->buffer, data, s->wLength);
    b->pending = true;
    b->pending_block = s->wValue;
    b->pending_len = s->wLength;
    b->state = STM32DFU_STATE_DFU_DNLOAD_SYNC;
    return true;
}

static bool upload(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                   struct stm32dfu_sim_reply *r)
{
    /* AN2662 Rev 1 §4.4 note: UPLOAD only from dfuIDLE or dfuUPLOAD-IDLE. */
    if (!in_states(b, S(STM32DFU_STATE_DFU_IDLE) | S(STM32DFU_STATE_DFU_UPLOAD_IDLE)) ||
        s->wLength > b->profile->transfer_size)
        return false;
    return sim_dfuse_upload(b, s, data, r);
}

static bool clrstatus(stm32dfu_sim_board *b)
{
    if (b->state == STM32DFU_STATE_DFU_ERROR) {
        b->state = STM32DFU_STATE_DFU_IDLE;
        b->status = STM32DFU_STATUS_OK;
        return true;
    }
    if (b->op.stuck && b->state == STM32DFU_STATE_DFU_DNBUSY) {
        /* STM32H743 rev V: the first CLRSTATUS gives errUNKNOWN (betaflight PR #1861). */
        b->op.stuck = false;
        enter_error(b, STM32DFU_STATUS_ERR_UNKNOWN);
        return true;
    }
    if (b->quirks & STM32DFU_SIM_QUIRK_CLRSTATUS_STALL)
        return false;
    enter_error(b,
                STM32DFU_STATUS_ERR_UNKNOWN); /* ST usbd_dfu.c DFU_ClearStatus outside dfuERROR */
    return true;
}

static bool abort_request(stm32dfu_sim_board *b)
{
    if (!in_states(b, ABORTABLE))
        return false;
    b->state = STM32DFU_STATE_DFU_IDLE;
    b->status = STM32DFU_STATUS_OK;
    b->pending = false;
    return true;
}

static bool detach(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    if (!in_states(b, ABORTABLE))
        return false;
    /* bitWillDetach: the ROM disconnects and comes back by itself (ST usbd_dfu.c DFU_Detach). */
    b->state = STM32DFU_STATE_DFU_IDLE;
    sim_reenumerate(b, r, STM32DFU_SIM_MODE_ROM, 0, "detach");
    return true;
}

bool sim_dfu_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r)
{
    bool in = (s->bmRequestType & USB_DIR_IN) != 0;
    switch (s->bRequest) {
    case DFU_DNLOAD:
        return !in && dnload(b, s, data);
    case DFU_UPLOAD:
        return in && upload(b, s, data, r);
    case DFU_GETSTATUS:
        return in && getstatus(b, s, data, r);
    case DFU_CLRSTATUS:
        return !in && clrstatus(b);
    case DFU_GETSTATE:
        return in && sim_reply_in(r, data, s->wLength, &b->state, 1) == 1;
    case DFU_ABORT:
        return !in && abort_request(b);
    case DFU_DETACH:
        return !in && detach(b, r);
    default:
        return false;
    }
}
