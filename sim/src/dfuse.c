/* SPDX-License-Identifier: MIT */
/*
 * DfuSe commands and memory operations of the ST ROM (AN2662 Rev 1 §4.4-§4.5,
 * docs/research/host_side.md#s1.3 to §1.6): validation at the first GETSTATUS, then the operation
 * itself, its duration and its declared bwPollTimeout; and UPLOAD.
 */
#include "sim_private.h"

#include "dfu_spec.h"

#include <string.h>

/* AN2662 Rev 1 §4.4: address = ((wBlockNum - 2) x wTransferSize) + Address_Pointer. */
static uint32_t block_address(const stm32dfu_sim_board *b, uint16_t block)
{
    return b->address + (uint32_t)(block - DFUSE_FIRST_DATA_BLOCK) * b->profile->transfer_size;
}

static uint8_t check_command(const stm32dfu_sim_board *b)
{
    const uint8_t *d = b->buffer;
    uint16_t len = b->pending_len;
    if (d[0] == DFUSE_CMD_SET_ADDRESS && len == 5) /* allowed even under RDP (AN2662 §4.5.2) */
        return sim_memory_find(b, sim_le32(d + 1), 1) ? STM32DFU_STATUS_OK
                                                      : STM32DFU_STATUS_ERR_TARGET;
    if (d[0] == DFUSE_CMD_ERASE && (len == 5 || len == 1)) {
        if (b->rdp_active)
            return STM32DFU_STATUS_ERR_VENDOR; /* AN2662 Rev 1 §4.5.3 */
        if (len == 1)
            return STM32DFU_STATUS_OK;
        /* The ROM's own layout string says which segments are erasable ('b', 'c', 'f', 'g').
         * AN2662 Rev 1 §4.5.3 allows internal flash only, yet both captures declare the
         * option bytes "g", and dfu-util erases every erasable segment it writes. */
        return sim_memory_allows(b, sim_le32(d + 1), 1, SIM_SEG_ERASABLE)
                   ? STM32DFU_STATUS_OK
                   : STM32DFU_STATUS_ERR_TARGET;
    }
    if ((d[0] == DFUSE_CMD_READ_UNPROTECT || d[0] == DFUSE_CMD_GET_COMMANDS) && len == 1)
        return STM32DFU_STATUS_OK; /* a 1-byte 0x00 is accepted and ignored (ST usbd_dfu.c) */
    return STM32DFU_STATUS_ERR_STALLEDPKT; /* AN2662 Rev 1 Figure 55: unsupported command */
}

static uint8_t check_write(const stm32dfu_sim_board *b)
{
    if (b->rdp_active)
        return STM32DFU_STATUS_ERR_VENDOR; /* AN2662 Rev 1 §4.5.1 */
    uint32_t addr = block_address(b, b->pending_block);
    const struct sim_memory *m = sim_memory_find(b, addr, b->pending_len);
    if (!m || !sim_memory_allows(b, addr, b->pending_len, SIM_SEG_WRITEABLE))
        return STM32DFU_STATUS_ERR_TARGET;
    /* AN2662 Rev 1 §4.5.1: an option-byte write must start at the option-byte area. */
    if (m->kind == SIM_MEM_OPTION_BYTES && addr != m->base)
        return STM32DFU_STATUS_ERR_TARGET;
    return STM32DFU_STATUS_OK;
}

uint8_t sim_dfuse_check(stm32dfu_sim_board *b)
{
    if (b->pending_block == DFUSE_COMMAND_BLOCK)
        return check_command(b);
    if (b->pending_block < DFUSE_FIRST_DATA_BLOCK)
        return STM32DFU_STATUS_OK; /* block 1 is reserved; ST usbd_dfu.c ignores it */
    return check_write(b);
}

static uint64_t program_us(const stm32dfu_sim_board *b, uint32_t len)
{
    const struct sim_profile *p = b->profile;
    uint64_t units = (len + p->program_unit_bytes - 1) / p->program_unit_bytes;
    return units * p->program_unit_us;
}

/* The profile's time for the smallest erase entry that covers a page of page_size bytes. */
static uint32_t erase_ms(const struct sim_profile *p, uint32_t page_size)
{
    uint32_t ms = 0;
    for (size_t i = 0; i < SIM_MAX_ERASE && p->erase[i].size_bytes; i++) {
        ms = p->erase[i].erase_ms;
        if (p->erase[i].size_bytes >= page_size)
            break;
    }
    return ms;
}

/* Erase one page unless it is write protected (then nothing, silently: AN2662 Rev 1 §4.5.3). */
static void erase_page(stm32dfu_sim_board *b, uint32_t addr)
{
    struct sim_memory *flash = sim_memory_flash(b);
    uint32_t base;
    const struct sim_segment *seg = sim_memory_page(flash, addr, &base);
    if (sim_page_write_protected(b, addr))
        return;
    if (sim_fault_range(b, SIM_FAULT_ERR_ERASE, base, seg->page_size)) {
        b->op.result = STM32DFU_STATUS_ERR_ERASE;
        return;
    }
    if (sim_fault_range(b, SIM_FAULT_DISCONNECT, base, seg->page_size)) {
        b->op.disconnect = true;
        return;
    }
    memset(flash->bytes + (base - flash->base), 0xff, seg->page_size);
}

static void erase(stm32dfu_sim_board *b, uint32_t addr)
{
    struct sim_memory *flash = sim_memory_flash(b);
    uint32_t base;
    const struct sim_segment *seg = sim_memory_page(flash, addr, &base);
    erase_page(b, addr);
    b->op.poll_ms = b->profile->poll.erase;
    sim_flash_busy(b, (uint64_t)erase_ms(b->profile, seg->page_size) * 1000);
    if ((b->quirks & STM32DFU_SIM_QUIRK_STUCK_BUSY) && b->profile->stuck_busy_offset &&
        base - flash->base >= b->profile->stuck_busy_offset)
        b->op.stuck = true;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "erase page 0x%08x (%u bytes)", (unsigned)base,
            (unsigned)seg->page_size);
}

static void mass_erase(stm32dfu_sim_board *b)
{
    struct sim_memory *flash = sim_memory_flash(b);
    for (size_t i = 0; i < flash->seg_count; i++) {
        const struct sim_segment *s = &flash->seg[i];
        for (uint32_t p = 0;
             p < s->count && b->op.result == STM32DFU_STATUS_OK && !b->op.disconnect; p++)
            erase_page(b, s->start + p * s->page_size);
    }
    uint32_t ms = b->profile->mass_erase_ms;
    bool short_poll = b->quirks & STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL;
    b->op.poll_ms = short_poll ? b->profile->poll.mass_erase : ms;
    sim_flash_busy(b, (uint64_t)ms * 1000);
    sim_log(b, STM32DFU_SIM_LOG_INFO, "mass erase");
}

/* AN2662 Rev 1 §4.5.4: remove RDP, erase flash and RAM, reset; no second status. */
static void read_unprotect(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    for (size_t i = 0; i < b->mem_count; i++) {
        struct sim_memory *m = &b->mem[i];
        if (m->kind == SIM_MEM_FLASH || m->kind == SIM_MEM_RAM)
            memset(m->bytes, m->kind == SIM_MEM_FLASH ? 0xff : 0x00, m->size);
    }
    sim_rdp_write(b, false);
    b->op.poll_ms = b->profile->poll.read_unprotect;
    sim_reboot(b, r, SIM_RESET_BY_ROM, (uint64_t)b->profile->mass_erase_ms * 1000,
               "read-unprotect");
}

static void run_command(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    const uint8_t *d = b->buffer;
    b->op.poll_ms = b->profile->poll.set_address;
    if (d[0] == DFUSE_CMD_SET_ADDRESS) {
        b->address = sim_le32(d + 1);
        b->jump_address = b->address;
        b->short_block = 0;
        sim_busy(b, 0);
    } else if (d[0] == DFUSE_CMD_ERASE && b->pending_len == 5 &&
               sim_memory_find(b, sim_le32(d + 1), 1) == sim_memory_flash(b)) {
        erase(b, sim_le32(d + 1));
    } else if (d[0] == DFUSE_CMD_ERASE && b->pending_len == 5) {
        /* Option bytes, OTP: written whole or once; the erase is accepted and changes nothing
         * [assumption: no source says what the ROM does]. */
        b->op.poll_ms = b->profile->poll.erase;
        sim_busy(b, 0);
    } else if (d[0] == DFUSE_CMD_ERASE) {
        mass_erase(b);
    } else if (d[0] == DFUSE_CMD_READ_UNPROTECT) {
        read_unprotect(b, r);
    } else {
        sim_busy(b, 0);
    }
}

/* NOR flash and OTP: a byte must be erased to be programmed (issue 3;
 * docs/research/host_side.md#s1.10 item 7), or, with STM32DFU_SIM_QUIRK_PROGRAM_AND, its bits AND.
 * Stops at the first failure. */
static void program_nor(stm32dfu_sim_board *b, struct sim_memory *m, uint32_t addr)
{
    const struct sim_memory *flash = sim_memory_flash(b);
    for (uint32_t i = 0; i < b->pending_len; i++) {
        uint32_t a = addr + i;
        uint8_t *cell = m->bytes + (a - m->base);
        if (sim_fault_range(b, SIM_FAULT_DISCONNECT, a, 1)) {
            b->op.disconnect = true;
            return;
        }
        bool protected = m == flash && sim_page_write_protected(b, a);
        bool blank = *cell == 0xff || (b->quirks & STM32DFU_SIM_QUIRK_PROGRAM_AND);
        if (protected || !blank || sim_fault_range(b, SIM_FAULT_ERR_WRITE, a, 1)) {
            b->op.result = STM32DFU_STATUS_ERR_WRITE;
            return;
        }
        *cell &= b->buffer[i];
        if (sim_fault_range(b, SIM_FAULT_BITFLIP, a, 1))
            *cell ^= 0x01;
    }
    if (sim_fault_range(b, SIM_FAULT_ERR_VERIFY, addr, b->pending_len))
        b->op.result = STM32DFU_STATUS_ERR_VERIFY;
}

/* AN2662 Rev 1 §4.5.1: the option bytes apply at a system reset, right away. The address faults
 * fire here as on flash, so the host's handling of this phase can be tested: a disconnect drops
 * the board before anything is written, errWRITE writes nothing, errVERIFY writes and reports
 * instead of resetting, bitflip corrupts a byte and the reset still comes. */
static void program_option_bytes(stm32dfu_sim_board *b, struct sim_memory *m,
                                 struct stm32dfu_sim_reply *r)
{
    uint32_t len = b->pending_len;
    if (sim_fault_range(b, SIM_FAULT_DISCONNECT, m->base, len)) {
        b->op.disconnect = true;
        return;
    }
    if (sim_fault_range(b, SIM_FAULT_ERR_WRITE, m->base, len)) {
        b->op.result = STM32DFU_STATUS_ERR_WRITE;
        sim_busy(b, program_us(b, len));
        return;
    }
    memcpy(m->bytes, b->buffer, len);
    for (uint32_t i = 0; i < len; i++) {
        if (sim_fault_range(b, SIM_FAULT_BITFLIP, m->base + i, 1))
            m->bytes[i] ^= 0x01;
    }
    if (sim_fault_range(b, SIM_FAULT_ERR_VERIFY, m->base, len)) {
        b->op.result = STM32DFU_STATUS_ERR_VERIFY;
        sim_busy(b, program_us(b, len));
        return;
    }
    sim_reboot(b, r, SIM_RESET_BY_ROM, program_us(b, len), "option-bytes");
}

static void run_write(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    uint32_t addr = block_address(b, b->pending_block);
    struct sim_memory *m = sim_memory_find(b, addr, b->pending_len);
    b->op.poll_ms = b->profile->poll.program;
    b->jump_address = addr; /* AN2662 Rev 1 §4.5.5: the last write sets the jump address */
    switch (m->kind) {
    case SIM_MEM_OPTION_BYTES:
        program_option_bytes(b, m, r);
        return;
    case SIM_MEM_FLASH:
    case SIM_MEM_OTP:
        program_nor(b, m, addr);
        sim_flash_busy(b, program_us(b, b->pending_len));
        break;
    default:
        memcpy(m->bytes + (addr - m->base), b->buffer, b->pending_len);
        sim_busy(b, 0);
        break;
    }
    sim_log(b, STM32DFU_SIM_LOG_INFO, "write %u bytes at 0x%08x: status %u",
            (unsigned)b->pending_len, (unsigned)addr, b->op.result);
}

void sim_dfuse_execute(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r)
{
    memset(&b->op, 0, sizeof(b->op));
    if (b->quirks & STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS)
        b->op.busy_polls = b->extra_busy_polls;
    if (b->pending_block == DFUSE_COMMAND_BLOCK)
        run_command(b, r);
    else if (b->pending_block >= DFUSE_FIRST_DATA_BLOCK)
        run_write(b, r);
    else
        sim_busy(b, 0);
    if (b->op.disconnect)
        sim_fault_disconnect(b, r);
}

/* AN2662 Rev 1 §4.4 (F105/107): Get Commands returns 00 21 41 92. */
static const uint8_t commands[] = {DFUSE_CMD_GET_COMMANDS, DFUSE_CMD_SET_ADDRESS, DFUSE_CMD_ERASE,
                                   DFUSE_CMD_READ_UNPROTECT};

bool sim_dfuse_upload(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                      struct stm32dfu_sim_reply *r)
{
    if (s->wValue == DFUSE_COMMAND_BLOCK) {
        sim_reply_in(r, data, s->wLength, commands, sizeof(commands));
        /* ST usbd_dfu.c DFU_Upload: dfuIDLE when the whole list fit, else dfuUPLOAD-IDLE. */
        b->state = s->wLength > 3 ? STM32DFU_STATE_DFU_IDLE : STM32DFU_STATE_DFU_UPLOAD_IDLE;
        return true;
    }
    if (s->wValue < DFUSE_FIRST_DATA_BLOCK)
        return false; /* block 1: ST usbd_dfu.c stalls */
    if (b->rdp_active) {
        b->state =
            STM32DFU_STATE_DFU_ERROR; /* AN2662 Rev 1 §4.4: read under RDP, whatever the target */
        b->status = STM32DFU_STATUS_ERR_VENDOR;
        return false;
    }
    uint32_t addr = block_address(b, s->wValue);
    const struct sim_memory *m = sim_memory_find(b, addr, 1);
    if (!m || !sim_memory_allows(b, addr, 1, SIM_SEG_READABLE)) {
        b->state = STM32DFU_STATE_DFU_ERROR;
        b->status = STM32DFU_STATUS_ERR_TARGET;
        return false;
    }
    size_t avail = m->size - (addr - m->base);
    size_t n = sim_reply_in(r, data, s->wLength, m->bytes + (addr - m->base), avail);
    /* DFU 1.1 §6.2: a short frame ends the upload and returns to dfuIDLE. */
    b->state = n < s->wLength ? STM32DFU_STATE_DFU_IDLE : STM32DFU_STATE_DFU_UPLOAD_IDLE;
    sim_fault_mangle_upload(b, addr, data, s->wLength, r);
    return true;
}
