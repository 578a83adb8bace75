/* SPDX-License-Identifier: MIT */
/* DfuSe commands (AN3156 Rev 17 §6; AN2662 Rev 1 §4.4-4.5) and the
 * GETSTATUS poll loop that runs them. A DfuSe command is carried out when
 * the host sends the GETSTATUS that follows its DNLOAD (AN2662 pp. 75-78). */
#include <string.h>

#include "device_private.h"

/* The default bounds of the waits a device asks for, per operation
 * (documented in docs/stm32dfu.1, TIME BOUNDS); a quirk row may set a
 * series' own (quirks.c). deadline_ms is also the USB timeout of each
 * GETSTATUS, which the ROM holds until the flash work ends (fwupd#2696 log).
 * Sector erase: F4 128 KiB up to 2.6 s, F7 256 KiB up to 4 s
 * (docs/research/host_side.md#s6), doubled with margin. Mass erase:
 * F405/F429 up to 32 s (dfu-util src/dfuse.c comment; ST community).
 * poll_max_ms: ST ROMs ask for about 100 ms (docs/research/host_side.md#s1.8),
 * and one that answers early holds or STALLs the next GETSTATUS, so a shorter
 * sleep than asked never skips the work. */
static const struct dfu_wait_bound default_bounds[DFU_OP_COUNT] = {
    [DFU_OP_COMMAND] = {1000, 5000},
    [DFU_OP_WRITE] = {1000, 5000},
    [DFU_OP_ERASE] = {5000, 30000},
    [DFU_OP_MASS_ERASE] = {5000, 120000},
};

/* The bounds of op on this device: its series' own, else the default. */
static struct dfu_wait_bound wait_bound(const stm32dfu_device *dev, enum dfu_operation op)
{
    const struct dfu_wait_bound *own = &dev->quirks.bounds[op];
    return own->deadline_ms ? *own : default_bounds[op];
}

/* The USB timeout of a GETSTATUS outside a poll loop. */
static unsigned int command_timeout_ms(const stm32dfu_device *dev)
{
    return wait_bound(dev, DFU_OP_COMMAND).deadline_ms;
}

/* A device that says dfuDNBUSY with bwPollTimeout 0 this many times is stuck
 * (dfu-util gives up after 100 such polls, src/dfuse.c). */
#define MAX_ZERO_TIMEOUT_BUSY_POLLS 100u
/* Sleep between GETSTATUS retries after a STALL when the device gave no
 * poll timeout to reuse. */
#define STALL_RETRY_MS 10u

/* A device's bwPollTimeout, clamped to the bound of op; says so once. */
static unsigned int clamp_poll(stm32dfu_device *dev, enum dfu_operation op, uint32_t poll_ms,
                               bool *warned)
{
    unsigned int max = wait_bound(dev, op).poll_max_ms;
    if (poll_ms <= max)
        return poll_ms;
    if (!*warned)
        s32dfu_log(dev->ctx, STM32DFU_LOG_WARNING,
                   "the device asks to wait %u ms before the next GETSTATUS; waiting %u ms",
                   (unsigned int)poll_ms, max);
    *warned = true;
    return max;
}

/* STM32H743 rev V stays dfuDNBUSY after some erases; CLRSTATUS twice brings
 * it back to dfuIDLE and the erase is done (betaflight-configurator PR #1861,
 * quoting ST community). The read-back verify then confirms the flash. One
 * still dfuDNBUSY after that is hung, as past the operation's deadline. */
static int recover_stuck_busy(stm32dfu_device *dev)
{
    struct stm32dfu_dfu_status st;
    s32dfu_log(dev->ctx, STM32DFU_LOG_WARNING,
               "device stuck in dfuDNBUSY; sending CLRSTATUS twice (H7 quirk)");
    for (int i = 0; i < 2; i++) {
        int r = s32dfu_dfu_clear_status(dev);
        if (r < 0)
            return r;
        r = s32dfu_dfu_get_status(dev, command_timeout_ms(dev), &st);
        if (r < 0)
            return r;
    }
    if (st.bState == STM32DFU_STATE_DFU_DNBUSY)
        return STM32DFU_ERROR_DEVICE_TIMEOUT;
    return st.bState == STM32DFU_STATE_DFU_IDLE ? 0 : STM32DFU_ERROR_PROTOCOL;
}

struct poll_state {
    unsigned int zero_polls;
    unsigned int last_poll_ms;
    bool busy_seen;
    bool warned;
    uint64_t start_ms;
    /* when the first dfuDNBUSY reply came: the work had started by then */
    uint64_t busy_since_ms;
};

int stm32dfu_set_fast_poll(stm32dfu_device *dev, bool enable)
{
    if (enable && !(dev->quirks.flags & QUIRK_EARLY_POLL_HELD))
        return STM32DFU_ERROR_UNSUPPORTED;
    dev->fast_poll = enable ? STM32DFU_FAST_POLL_ON : STM32DFU_FAST_POLL_OFF;
    return 0;
}

int stm32dfu_get_fast_poll(const stm32dfu_device *dev)
{
    return dev->fast_poll;
}

/* Fast poll meets a device that does not hold an early GETSTATUS: back to
 * waiting bwPollTimeout for the rest of the session. */
static void drop_fast_poll(stm32dfu_device *dev, int why)
{
    dev->fast_poll = why;
    s32dfu_log(dev->ctx, STM32DFU_LOG_WARNING,
               "the device %s an early GETSTATUS; waiting bwPollTimeout from now on",
               why == STM32DFU_FAST_POLL_DROPPED_STALL ? "stalled" : "did not hold");
}

/* One GETSTATUS of the loop; returns 1 to poll again, 0 when done. */
static int poll_once(stm32dfu_device *dev, enum dfu_operation op, struct poll_state *ps)
{
    const struct transport *t = dev->ctx->transport;
    uint64_t elapsed = t->now_ms() - ps->start_ms;
    unsigned int deadline = wait_bound(dev, op).deadline_ms;
    if (elapsed >= deadline)
        return STM32DFU_ERROR_DEVICE_TIMEOUT;
    unsigned int left = deadline - (unsigned int)elapsed;
    struct stm32dfu_dfu_status st;
    int r = s32dfu_dfu_get_status(dev, left, &st);
    bool early = ps->busy_seen && dev->fast_poll == STM32DFU_FAST_POLL_ON;
    if (early && r == STM32DFU_ERROR_STALL)
        drop_fast_poll(dev, STM32DFU_FAST_POLL_DROPPED_STALL);
    if (early && r == 0 && st.bStatus == STM32DFU_STATUS_OK &&
        (st.bState == STM32DFU_STATE_DFU_DNBUSY || st.bState == STM32DFU_STATE_DFU_DNLOAD_SYNC))
        drop_fast_poll(dev, STM32DFU_FAST_POLL_DROPPED_BUSY);
    /* The L4 ROM STALLs a GETSTATUS that comes before the flash work ends
     * (dfu-util c15ee60): retry until the deadline. */
    if (r == STM32DFU_ERROR_STALL && (dev->quirks.flags & QUIRK_STALL_WHILE_BUSY) &&
        ps->busy_seen) {
        s32dfu_log(dev->ctx, STM32DFU_LOG_WARNING, "GETSTATUS stalled while busy; retrying");
        unsigned int wait = ps->last_poll_ms ? ps->last_poll_ms : STALL_RETRY_MS;
        t->sleep_ms(wait < left ? wait : left);
        return 1;
    }
    if (r < 0)
        return r;
    /* bStatus reports the last request's outcome (DFU 1.1 §6.1.2), whatever
     * the state: a failure said with dfuDNBUSY is still a failure. */
    if (st.bStatus != STM32DFU_STATUS_OK || st.bState == STM32DFU_STATE_DFU_ERROR)
        return STM32DFU_ERROR_DEVICE_STATUS;
    if (st.bState == STM32DFU_STATE_DFU_DNBUSY) {
        uint64_t now = t->now_ms();
        if (!ps->busy_seen)
            ps->busy_since_ms = now;
        ps->busy_seen = true;
        bool zero_stuck = st.bwPollTimeout == 0 && ++ps->zero_polls > MAX_ZERO_TIMEOUT_BUSY_POLLS;
        /* A page or sector erase still dfuDNBUSY once the datasheet's longest
         * erase time has passed since it started is done, and the ROM stuck
         * (quirks.c, stuck_busy_ms). */
        bool stuck_rule = (dev->quirks.flags & QUIRK_STUCK_BUSY_CLRSTATUS) && op == DFU_OP_ERASE;
        uint64_t busy_ms = now - ps->busy_since_ms;
        if (stuck_rule && busy_ms >= dev->quirks.stuck_busy_ms)
            return recover_stuck_busy(dev);
        if (zero_stuck && (dev->quirks.flags & QUIRK_STUCK_BUSY_CLRSTATUS))
            return recover_stuck_busy(dev);
        if (zero_stuck)
            return STM32DFU_ERROR_PROTOCOL;
        ps->last_poll_ms = clamp_poll(dev, op, st.bwPollTimeout, &ps->warned);
        unsigned int wait = ps->last_poll_ms < left ? ps->last_poll_ms : left;
        if (stuck_rule && dev->quirks.stuck_busy_ms - busy_ms < wait)
            wait = (unsigned int)(dev->quirks.stuck_busy_ms - busy_ms);
        /* Fast poll: the next GETSTATUS goes now, and the ROM holds it until
         * the work ends (quirks.c, QUIRK_EARLY_POLL_HELD). */
        if (dev->fast_poll == STM32DFU_FAST_POLL_ON) {
            s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG,
                       "dfuDNBUSY: next GETSTATUS at once (fast poll)");
        } else {
            s32dfu_log(dev->ctx, STM32DFU_LOG_DEBUG, "dfuDNBUSY: next GETSTATUS after %u ms", wait);
            t->sleep_ms(wait);
        }
        return 1;
    }
    /* dfuDNLOAD-SYNC answers "not yet": poll again (DFU 1.1 §A.2.4), but not
     * forever. */
    if (st.bState == STM32DFU_STATE_DFU_DNLOAD_SYNC)
        return ++ps->zero_polls > MAX_ZERO_TIMEOUT_BUSY_POLLS ? STM32DFU_ERROR_PROTOCOL : 1;
    if (st.bState == STM32DFU_STATE_DFU_DNLOAD_IDLE)
        return 0;
    return STM32DFU_ERROR_PROTOCOL;
}

/* Poll until the command sent by the last DNLOAD is done, within the
 * operation's deadline. The first reply should be dfuDNBUSY; the U5 ROM goes
 * straight to dfuDNLOAD-IDLE (dfu-util be49612), which DFU 1.1 Appendix A
 * allows, so both are accepted. busy: the device already said dfuDNBUSY
 * (GETSTATE), so a STALL of the first GETSTATUS is the busy-STALL quirk. */
static int poll_until_done(stm32dfu_device *dev, enum dfu_operation op, uint32_t address, bool busy)
{
    struct poll_state ps = {.start_ms = dev->ctx->transport->now_ms(), .busy_seen = busy};
    int r;
    while ((r = poll_once(dev, op, &ps)) == 1)
        ;
    if (r == STM32DFU_ERROR_DEVICE_TIMEOUT)
        s32dfu_log(dev->ctx, STM32DFU_LOG_ERROR, "still dfuDNBUSY after %u ms at 0x%08X",
                   wait_bound(dev, op).deadline_ms, (unsigned int)address);
    if (r < 0)
        dev->failed_address = address;
    return r;
}

static int special_command(stm32dfu_device *dev, enum dfuse_command command,
                           const uint32_t *address, enum dfu_operation op)
{
    uint8_t cmd[5] = {(uint8_t)command};
    uint16_t len = 1;
    if (address) {
        for (int i = 0; i < 4; i++)
            cmd[1 + i] = (uint8_t)(*address >> (8 * i));
        len = 5;
    }
    /* Command names as in AN3156 Rev 17 §6, for the log of requests. */
    s32dfu_log(dev->ctx, STM32DFU_LOG_INFO, "DfuSe %s 0x%08X",
               command == DFUSE_CMD_SET_ADDRESS ? "Set Address Pointer"
               : address                        ? "Erase"
                                                : "Mass Erase",
               address ? (unsigned int)*address : 0u);
    dev->current_address = address ? *address : UINT32_MAX;
    int r = s32dfu_dfu_dnload(dev, DFUSE_COMMAND_BLOCK, cmd, len);
    if (r < 0) {
        dev->failed_address = address ? *address : UINT32_MAX;
        return r;
    }
    return poll_until_done(dev, op, address ? *address : UINT32_MAX, false);
}

int s32dfu_dfuse_set_address(stm32dfu_device *dev, uint32_t address)
{
    return special_command(dev, DFUSE_CMD_SET_ADDRESS, &address, DFU_OP_COMMAND);
}

int s32dfu_dfuse_erase_page(stm32dfu_device *dev, uint32_t address)
{
    return special_command(dev, DFUSE_CMD_ERASE, &address, DFU_OP_ERASE);
}

int s32dfu_dfuse_mass_erase(stm32dfu_device *dev)
{
    return special_command(dev, DFUSE_CMD_ERASE, NULL, DFU_OP_MASS_ERASE);
}

/* Bring the device to dfuIDLE from wherever it is: CLRSTATUS out of dfuERROR
 * (many ROMs start in dfuERROR/errFIRMWARE, docs/research/host_side.md#s1.1), ABORT out of
 * the *-SYNC and *-IDLE states (DFU 1.1 §6.1.4), a poll while dfuDNBUSY. The
 * state comes from GETSTATE, which changes nothing; GETSTATUS goes out only in
 * dfuIDLE and dfuERROR, where it changes nothing either. A GETSTATUS in
 * dfuDNLOAD-SYNC or dfuMANIFEST-SYNC would run a command an earlier, failed
 * run left pending (an erase, a write, a leave; DFU 1.1 Appendix A.2, states
 * 3 and 6). */
int s32dfu_dfuse_go_idle(stm32dfu_device *dev)
{
    struct stm32dfu_dfu_status st;
    for (int attempt = 0; attempt < 4; attempt++) {
        uint8_t state;
        int r = s32dfu_dfu_get_state(dev, &state);
        if (r < 0)
            return r;
        switch (state) {
        case STM32DFU_STATE_DFU_IDLE:
        case STM32DFU_STATE_DFU_ERROR:
            r = s32dfu_dfu_get_status(dev, command_timeout_ms(dev), &st);
            if (r == 0 && st.bState == STM32DFU_STATE_DFU_IDLE &&
                st.bStatus == STM32DFU_STATUS_OK) {
                dev->idle = true;
                return 0;
            }
            if (r == 0)
                r = s32dfu_dfu_clear_status(dev);
            break;
        case STM32DFU_STATE_DFU_DNBUSY:
            r = poll_until_done(dev, DFU_OP_ERASE, UINT32_MAX, true);
            if (r == STM32DFU_ERROR_DEVICE_STATUS)
                r = 0; /* dfuERROR now: cleared on the next round */
            break;
        default:
            /* ST's ROM takes ABORT in the *-SYNC states too (usbd_dfu.c DFU_Abort); a
             * device that STALLs it is in dfuERROR, cleared on the next round. */
            r = s32dfu_dfu_abort(dev);
            if (r == STM32DFU_ERROR_STALL)
                r = 0;
            break;
        }
        if (r < 0)
            return r;
    }
    return STM32DFU_ERROR_PROTOCOL;
}

static void report(stm32dfu_progress_cb cb, void *user_data, int phase, uint64_t done,
                   uint64_t total)
{
    if (cb)
        cb(phase, done, total, user_data);
}

/* One Set Address Pointer, then wBlockNum 2, 3, ...: each block lands at
 * pointer + (wBlockNum - 2) * wTransferSize (AN2662 Rev 1 pp. 70, 75). A
 * region longer than wBlockNum can count sets the pointer again. */
int s32dfu_dfuse_write_region(stm32dfu_device *dev, uint32_t address, const uint8_t *data,
                              size_t len, stm32dfu_progress_cb progress_cb, void *user_data,
                              uint64_t *done, uint64_t total)
{
    const size_t xfer = dev->info.transfer_size;
    size_t offset = 0;
    while (offset < len) {
        uint32_t base = address + (uint32_t)offset;
        int r = s32dfu_dfuse_set_address(dev, base);
        if (r < 0)
            return r;
        for (size_t block = 0; block < DFUSE_BLOCKS_PER_POINTER && offset < len; block++) {
            size_t n = len - offset < xfer ? len - offset : xfer;
            dev->current_address = address + (uint32_t)offset;
            r = s32dfu_dfu_dnload(dev, (uint16_t)(DFUSE_FIRST_DATA_BLOCK + block), data + offset,
                                  (uint16_t)n);
            if (r == 0)
                r = poll_until_done(dev, DFU_OP_WRITE, address + (uint32_t)offset, false);
            else
                dev->failed_address = address + (uint32_t)offset;
            if (r < 0)
                return r;
            offset += n;
            *done += n;
            report(progress_cb, user_data, STM32DFU_PHASE_WRITE, *done, total);
        }
    }
    return 0;
}

/* UPLOAD of block index (wBlockNum index + 2) after a Set Address Pointer to
 * base: it reads base + index * wTransferSize (AN2662 Rev 1 p. 70), so blocks
 * may be read in any order. A refused UPLOAD leaves dfuERROR with the
 * device's reason, which is fetched for the message. */
int s32dfu_dfuse_upload_block(stm32dfu_device *dev, uint32_t base, size_t index, uint8_t *data,
                              size_t len)
{
    uint32_t address = base + (uint32_t)(index * dev->info.transfer_size);
    dev->current_address = address;
    int r = s32dfu_dfu_upload(dev, (uint16_t)(DFUSE_FIRST_DATA_BLOCK + index), data, (uint16_t)len);
    if (r >= 0 && (size_t)r != len)
        r = STM32DFU_ERROR_PROTOCOL;
    if (r >= 0)
        return 0;
    dev->failed_address = address;
    struct stm32dfu_dfu_status st;
    if (r == STM32DFU_ERROR_STALL &&
        s32dfu_dfu_get_status(dev, command_timeout_ms(dev), &st) == 0 &&
        st.bStatus != STM32DFU_STATUS_OK)
        r = STM32DFU_ERROR_DEVICE_STATUS;
    return r;
}

/* Set Address Pointer, then ABORT: the pointer leaves dfuDNLOAD-IDLE and
 * UPLOAD needs dfuIDLE (AN2662 Rev 1 §4.4). */
int s32dfu_dfuse_start_upload(stm32dfu_device *dev, uint32_t address)
{
    int r = s32dfu_dfuse_set_address(dev, address);
    return r < 0 ? r : s32dfu_dfu_abort(dev);
}

/* Reads len bytes: one Set Address Pointer per DFUSE_BLOCKS_PER_POINTER blocks, UPLOAD blocks
 * 2, 3, ..., then ABORT back to dfuIDLE. */
int s32dfu_dfuse_read_region(stm32dfu_device *dev, uint32_t address, uint8_t *data, size_t len,
                             stm32dfu_progress_cb progress_cb, void *user_data, int phase,
                             uint64_t *done, uint64_t total)
{
    const size_t xfer = dev->info.transfer_size;
    size_t offset = 0;
    while (offset < len) {
        uint32_t base = address + (uint32_t)offset;
        int r = s32dfu_dfuse_start_upload(dev, base);
        for (size_t block = 0; r == 0 && block < DFUSE_BLOCKS_PER_POINTER && offset < len;
             block++) {
            size_t n = len - offset < xfer ? len - offset : xfer;
            r = s32dfu_dfuse_upload_block(dev, base, block, data + offset, n);
            if (r < 0)
                break;
            offset += n;
            *done += n;
            report(progress_cb, user_data, phase, *done, total);
        }
        if (r == 0)
            r = s32dfu_dfu_abort(dev);
        if (r < 0)
            return r;
    }
    return 0;
}

/* Read Unprotect: the device answers dfuDNBUSY, then erases all flash and
 * resets without a second status (AN2662 Rev 1 p. 78, Figure 60). */
int s32dfu_dfuse_read_unprotect(stm32dfu_device *dev)
{
    const uint8_t cmd = DFUSE_CMD_READ_UNPROTECT;
    struct stm32dfu_dfu_status st;
    int r = s32dfu_dfu_dnload(dev, DFUSE_COMMAND_BLOCK, &cmd, 1);
    if (r == 0)
        r = s32dfu_dfu_get_status(dev, command_timeout_ms(dev), &st);
    if (r < 0)
        return r;
    if (st.bState == STM32DFU_STATE_DFU_ERROR || st.bStatus != STM32DFU_STATUS_OK)
        return STM32DFU_ERROR_DEVICE_STATUS;
    return 0;
}

/* Leave: a zero-length DNLOAD, then GETSTATUS, which must report dfuMANIFEST
 * (AN2662 Rev 1 pp. 79-80). The ROM is not manifestation tolerant and resets
 * right after that reply, so losing the device from here on is success. */
int s32dfu_dfuse_leave(stm32dfu_device *dev)
{
    struct stm32dfu_dfu_status st;
    int r = s32dfu_dfu_dnload(dev, DFUSE_FIRST_DATA_BLOCK, NULL, 0);
    if (r < 0)
        return r;
    r = s32dfu_dfu_get_status(dev, command_timeout_ms(dev), &st);
    if (r == STM32DFU_ERROR_DISCONNECTED || r == STM32DFU_ERROR_USB_IO)
        return 0;
    if (r < 0)
        return r;
    if (st.bState == STM32DFU_STATE_DFU_MANIFEST ||
        st.bState == STM32DFU_STATE_DFU_MANIFEST_WAIT_RESET)
        return 0;
    if (st.bState == STM32DFU_STATE_DFU_ERROR || st.bStatus != STM32DFU_STATUS_OK)
        return STM32DFU_ERROR_DEVICE_STATUS;
    return STM32DFU_ERROR_PROTOCOL;
}

/* An option-byte write makes the ROM apply them with a system reset instead of
 * finishing the GETSTATUS poll that runs the write (AN2662 Rev 1 §4.5.1,
 * Figure 56 notes; dfu-util ":will-reset", commit 3332f92). Only losing the
 * device from that GETSTATUS on is the reset: before it, the bytes were not
 * sent or their write was not started, and the old option bytes stand. A
 * timeout proves neither. Returns 1 when the device reset, 0 when the write
 * ended without a reset (dfuDNLOAD-IDLE), or a failure. */
int s32dfu_dfuse_write_then_reset(stm32dfu_device *dev, uint32_t address, const uint8_t *data,
                                  size_t len)
{
    int r = s32dfu_dfuse_set_address(dev, address);
    if (r == 0)
        r = s32dfu_dfu_dnload(dev, DFUSE_FIRST_DATA_BLOCK, data, (uint16_t)len);
    if (r < 0) {
        dev->failed_address = address;
        return r;
    }
    r = poll_until_done(dev, DFU_OP_WRITE, address, false);
    if (r == STM32DFU_ERROR_DISCONNECTED || r == STM32DFU_ERROR_NO_DEVICE ||
        r == STM32DFU_ERROR_USB_IO)
        return 1;
    return r;
}
