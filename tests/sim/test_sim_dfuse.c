/* SPDX-License-Identifier: MIT */
/*
 * DfuSe commands, DNLOAD/UPLOAD addressing and the flash model (AN2662 Rev 1 §4.4-§4.5;
 * docs/research/host_side.md#s1.3 to §1.4), observed as a host sees them.
 */
#include "sim_test.h"

#include <string.h>

static void fill(uint8_t *buf, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(seed + i * 7);
}

/* UPLOAD of len bytes at address: Set Address, ABORT, block 2 (as dfu-util does, §3.7). */
static struct stm32dfu_sim_reply upload_at(stm32dfu_sim_board *b, uint32_t address, void *buf,
                                           uint16_t len)
{
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, address, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_ABORT, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    return t_class_in(b, T_UPLOAD, 2, buf, len);
}

static void get_commands(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t buf[16];
    struct stm32dfu_sim_reply r = t_class_in(b, T_UPLOAD, 0, buf, sizeof(buf));
    static const uint8_t expected[] = {0x00, 0x21, 0x41, 0x92};
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, sizeof(expected));
    assert_memory_equal(buf, expected, sizeof(expected));
    stm32dfu_sim_free_board(b);
}

/* ST usbd_dfu.c DFU_Upload: back to dfuIDLE when the whole list fit (wLength > 3), else
 * dfuUPLOAD-IDLE (docs/research/host_side.md#s1.4). */
static void get_commands_state_follows_wLength(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t buf[16];
    assert_int_equal(t_class_in(b, T_UPLOAD, 0, buf, 3).len, 3);
    assert_int_equal(t_getstate(b), T_dfuUPLOAD_IDLE);
    assert_int_equal(t_class_in(b, T_UPLOAD, 0, buf, sizeof(buf)).len, 4);
    assert_int_equal(t_getstate(b), T_dfuIDLE);
    stm32dfu_sim_free_board(b);
}

static void set_address_moves_pointer(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t img[64], buf[64];
    fill(img, sizeof(img), 3);
    assert_int_equal(stm32dfu_sim_board_load(b, 0x08010000, img, sizeof(img)), STM32DFU_SIM_OK);
    struct stm32dfu_sim_reply r = upload_at(b, 0x08010000, buf, sizeof(buf));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_memory_equal(buf, img, sizeof(img));
    stm32dfu_sim_free_board(b);
}

static void set_address_outside_map_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    struct t_status st = t_command(b, T_SET_ADDRESS, 0x30000000, 1);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

static void erase_sector_holding_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    static uint8_t zeros[0x10000];
    assert_int_equal(stm32dfu_sim_board_load(b, T_FLASH_BASE, zeros, sizeof(zeros)), 0);
    /* 0x08004100 lies in sector 1, 0x08004000-0x08007FFF (4 x 16 KiB first). */
    assert_int_equal(t_command_done(b, T_ERASE, 0x08004100, 1).bState, T_dfuDNLOAD_IDLE);
    const uint8_t *flash = stm32dfu_sim_board_flash(b);
    assert_int_equal(flash[0x3fff], 0x00);
    assert_int_equal(flash[0x4000], 0xff);
    assert_int_equal(flash[0x7fff], 0xff);
    assert_int_equal(flash[0x8000], 0x00);
    stm32dfu_sim_free_board(b);
}

static void erase_outside_map_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    struct t_status st = t_command(b, T_ERASE, 0x20000000, 1); /* SRAM: no layout string */
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

/* The F405 capture declares the option bytes "g" (erasable), so dfu-util erases them before a
 * write: accepted, nothing changes. */
static void erase_erasable_option_bytes_accepted(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t before[16], after[16];
    assert_int_equal(stm32dfu_sim_board_read(b, 0x1fffc000, before, 16), STM32DFU_SIM_OK);
    struct t_status st = t_command_done(b, T_ERASE, 0x1fffc000, 1);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.bStatus, T_OK);
    assert_int_equal(stm32dfu_sim_board_read(b, 0x1fffc000, after, 16), STM32DFU_SIM_OK);
    assert_memory_equal(before, after, 16);
    stm32dfu_sim_free_board(b);
}

/* The L476 option bytes are "e" (read/write, not erasable): their erase is errTARGET. */
static void erase_non_erasable_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32l476");
    struct t_status st = t_command(b, T_ERASE, 0x1fff7800, 1);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

static void erase_write_protected_silently_nothing(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    static const uint8_t zeros[2048];
    assert_int_equal(stm32dfu_sim_board_load(b, 0x08000800, zeros, sizeof(zeros)), 0);
    assert_int_equal(stm32dfu_sim_board_write_protect(b, 0x08000800), STM32DFU_SIM_OK);
    struct t_status st = t_command_done(b, T_ERASE, 0x08000800, 1);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.bStatus, T_OK);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0x800], 0x00);
    stm32dfu_sim_free_board(b);
}

static void mass_erase_clears_flash(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    static const uint8_t zeros[4096];
    assert_int_equal(stm32dfu_sim_board_load(b, 0x0803f000, zeros, sizeof(zeros)), 0);
    assert_int_equal(t_command_done(b, T_ERASE, 0, 0).bState, T_dfuDNLOAD_IDLE);
    const uint8_t *flash = stm32dfu_sim_board_flash(b);
    for (size_t i = 0; i < stm32dfu_sim_board_flash_size(b); i++)
        assert_int_equal(flash[i], 0xff);
    stm32dfu_sim_free_board(b);
}

static void unknown_command_errSTALLEDPKT(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    struct t_status st = t_command(b, 0x55, 0x08000000, 1);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errSTALLEDPKT);
    stm32dfu_sim_free_board(b);
}

static void write_block_address_formula(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[2048];
    fill(data, sizeof(data), 9);
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x08004000, 1).bState, T_dfuDNLOAD_IDLE);
    /* block 3 lands at pointer + (3 - 2) x wTransferSize (AN2662 §4.4). */
    struct t_status st = t_write_block(b, 3, data, sizeof(data));
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_memory_equal(stm32dfu_sim_board_flash(b) + 0x4800, data, sizeof(data));
    assert_int_equal(stm32dfu_sim_board_flash(b)[0x47ff], 0xff);
    stm32dfu_sim_free_board(b);
}

static void write_first_getstatus_dnbusy_then_idle(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[16] = {1, 2, 3};
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, sizeof(data)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bState, T_dfuDNBUSY);
    t_expect_status(b, T_dfuDNLOAD_IDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

static void write_outside_map_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[2048] = {0};
    /* 0x080FF800 + 1 x 2048 = 0x08100000, just past the 1 MiB flash. */
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x080ff800, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 3, data, sizeof(data)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

static void write_not_erased_errWRITE(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[8] = {0x0f};
    static const uint8_t programmed[8] = {0xf0};
    assert_int_equal(stm32dfu_sim_board_load(b, T_FLASH_BASE, programmed, sizeof(programmed)), 0);
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errWRITE);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0xf0);
    stm32dfu_sim_free_board(b);
}

/* A write-protected page is never programmed, erased or not (stm32dfu_sim.h). */
static void write_protected_errWRITE(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t data[8] = {0x12};
    assert_int_equal(stm32dfu_sim_board_write_protect(b, T_FLASH_BASE), STM32DFU_SIM_OK);
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errWRITE);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0xff);
    stm32dfu_sim_free_board(b);
}

/* The option bytes drive write protection: nWRP bit 0 cleared (RM0090 Rev 19 §3.7.1) protects
 * sector 0 as --write-protect does. */
static void nwrp_bit_drives_protection(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    static const uint8_t nwrp[1] = {0xfe};
    uint8_t data[8] = {0x12};
    assert_int_equal(stm32dfu_sim_board_load(b, 0x1FFFC008, nwrp, 1), STM32DFU_SIM_OK);
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bStatus, T_errWRITE);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0xff);
    stm32dfu_sim_free_board(b);
}

/* n option bytes of the board from address. */
static void read_option_bytes(stm32dfu_sim_board *b, uint32_t address, uint8_t *out, size_t n)
{
    assert_int_equal(stm32dfu_sim_board_read(b, address, out, n), STM32DFU_SIM_OK);
}

static void write_protect_clears_nwrp_bit(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t ob[2];
    assert_int_equal(stm32dfu_sim_board_write_protect(b, 0x08004000), STM32DFU_SIM_OK);
    read_option_bytes(b, 0x1FFFC008, ob, sizeof(ob));
    assert_int_equal(ob[0], 0xfd);
    assert_int_equal(ob[1], 0x0f);
    stm32dfu_sim_free_board(b);
}

/* F107: WRP0 bit 0 protects pages 0-1, and nWRP0 follows (PM0075 Rev 2 §2.5). */
static void write_protect_keeps_f107_complement(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t ob[2];
    assert_int_equal(stm32dfu_sim_board_write_protect(b, T_FLASH_BASE + 0x800), STM32DFU_SIM_OK);
    read_option_bytes(b, 0x1FFFF808, ob, sizeof(ob));
    assert_int_equal(ob[0], 0xfe);
    assert_int_equal(ob[1], 0x01);
    stm32dfu_sim_free_board(b);
}

/* L476: an unused WRP1A area (start 0xFF above end 0) is set to the page, its complement word
 * follows (RM0351 Rev 9 §3.4.1). */
static void write_protect_sets_wrp1a_area(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32l476");
    uint8_t ob[8];
    assert_int_equal(stm32dfu_sim_board_write_protect(b, T_FLASH_BASE + 0x1000), STM32DFU_SIM_OK);
    read_option_bytes(b, 0x1FFF7818, ob, sizeof(ob));
    assert_int_equal(ob[0], 2);
    assert_int_equal(ob[2], 2);
    assert_int_equal(ob[4], 0xfd);
    assert_int_equal(ob[6], 0xfd);
    stm32dfu_sim_free_board(b);
}

static void write_not_erased_ands_with_quirk(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.quirks_add = STM32DFU_SIM_QUIRK_PROGRAM_AND;
    stm32dfu_sim_board *b = t_board_opts(&o);
    t_to_idle(b);
    static const uint8_t programmed[1] = {0xf0};
    uint8_t data[1] = {0x3c};
    assert_int_equal(stm32dfu_sim_board_load(b, T_FLASH_BASE, programmed, 1), 0);
    assert_int_equal(t_write_block(b, 2, data, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0x30);
    stm32dfu_sim_free_board(b);
}

static void write_longer_than_transfer_size_stalls(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32h743"); /* wTransferSize 1024 */
    uint8_t data[2048] = {0};
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, sizeof(data)).kind,
                     STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void write_ram_plain_store(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[4] = {1, 2, 3, 4}, back[4];
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x20001000, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_write_block(b, 2, data, 4).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_write_block(b, 2, data, 4).bState, T_dfuDNLOAD_IDLE); /* again: RAM */
    assert_int_equal(stm32dfu_sim_board_read(b, 0x20001000, back, 4), STM32DFU_SIM_OK);
    assert_memory_equal(back, data, 4);
    stm32dfu_sim_free_board(b);
}

static void upload_short_read_ends_upload(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t buf[2048];
    /* The 16-byte option-byte area returns 16 bytes for a 2048-byte request. */
    struct stm32dfu_sim_reply r = upload_at(b, 0x1fffc000, buf, sizeof(buf));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 16);
    assert_int_equal(buf[1], 0xaa); /* RDP level 0 (RM0090 §3.7.1) */
    assert_int_equal(t_getstate(b), T_dfuIDLE);
    stm32dfu_sim_free_board(b);
}

static void upload_outside_map_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t buf[2048];
    /* pointer + (wBlockNum - 2) x 2048 runs past the 256 KiB flash at block 130. */
    assert_int_equal(t_class_in(b, T_UPLOAD, 130, buf, sizeof(buf)).kind, STM32DFU_SIM_REPLY_STALL);
    t_expect_status(b, T_dfuERROR, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

static void upload_block1_stalls(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t buf[64];
    assert_int_equal(t_class_in(b, T_UPLOAD, 1, buf, sizeof(buf)).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void otp_programs_once(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    uint8_t data[4] = {0x12, 0x34, 0x56, 0x78}, back[4];
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x1fff7800, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_write_block(b, 2, data, 4).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(stm32dfu_sim_board_read(b, 0x1fff7800, back, 4), STM32DFU_SIM_OK);
    assert_memory_equal(back, data, 4);
    struct t_status st = t_write_block(b, 2, data, 4);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errWRITE);
    stm32dfu_sim_free_board(b);
}

/* wBlockNum 1 is reserved (AN2662 §4.5); ST's class ignores it, so nothing is written. */
static void block1_ignored(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t data[4] = {0};
    struct t_status st = t_write_block(b, 1, data, 4);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0xff);
    stm32dfu_sim_free_board(b);
}

/* The G474 option-byte string has two address groups (betaflight webusbdfu.js): both exist. */
static void g474_second_option_byte_group(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32g474");
    uint8_t buf[64];
    struct stm32dfu_sim_reply r = upload_at(b, 0x1ffff800, buf, sizeof(buf));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 48);
    stm32dfu_sim_free_board(b);
}

static void load_outside_map_rejected(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f107");
    uint8_t data[16] = {0};
    /* 8 bytes past the end of the 256 KiB flash */
    assert_int_equal(stm32dfu_sim_board_load(b, 0x0803fff8, data, sizeof(data)),
                     STM32DFU_SIM_ERROR_OUT_OF_RANGE);
    assert_int_equal(stm32dfu_sim_board_write_protect(b, 0x20000000),
                     STM32DFU_SIM_ERROR_OUT_OF_RANGE);
    stm32dfu_sim_free_board(b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/command/get-commands-lists-00-21-41-92", get_commands),
        NAMED_TEST("sim/command/get-commands-state-follows-wLength",
                   get_commands_state_follows_wLength),
        NAMED_TEST("sim/command/set-address-moves-pointer", set_address_moves_pointer),
        NAMED_TEST("sim/command/set-address-outside-map-errTARGET",
                   set_address_outside_map_errTARGET),
        NAMED_TEST("sim/command/erase-sector-holding-address", erase_sector_holding_address),
        NAMED_TEST("sim/command/erase-outside-map-errTARGET", erase_outside_map_errTARGET),
        NAMED_TEST("sim/command/erase-erasable-option-bytes-accepted",
                   erase_erasable_option_bytes_accepted),
        NAMED_TEST("sim/command/erase-non-erasable-errTARGET", erase_non_erasable_errTARGET),
        NAMED_TEST("sim/command/erase-write-protected-silently-nothing",
                   erase_write_protected_silently_nothing),
        NAMED_TEST("sim/command/mass-erase-clears-flash", mass_erase_clears_flash),
        NAMED_TEST("sim/command/unknown-command-errSTALLEDPKT", unknown_command_errSTALLEDPKT),
        NAMED_TEST("sim/dnload/block-address-formula", write_block_address_formula),
        NAMED_TEST("sim/dnload/first-getstatus-dnbusy-then-idle",
                   write_first_getstatus_dnbusy_then_idle),
        NAMED_TEST("sim/dnload/outside-map-errTARGET", write_outside_map_errTARGET),
        NAMED_TEST("sim/dnload/not-erased-errWRITE", write_not_erased_errWRITE),
        NAMED_TEST("sim/dnload/write-protected-errWRITE", write_protected_errWRITE),
        NAMED_TEST("sim/option-bytes/nwrp-bit-drives-protection", nwrp_bit_drives_protection),
        NAMED_TEST("sim/option-bytes/write-protect-clears-nwrp-bit", write_protect_clears_nwrp_bit),
        NAMED_TEST("sim/option-bytes/write-protect-keeps-f107-complement",
                   write_protect_keeps_f107_complement),
        NAMED_TEST("sim/option-bytes/write-protect-sets-wrp1a-area", write_protect_sets_wrp1a_area),
        NAMED_TEST("sim/dnload/not-erased-ands-with-quirk", write_not_erased_ands_with_quirk),
        NAMED_TEST("sim/dnload/longer-than-transfer-size-stalls",
                   write_longer_than_transfer_size_stalls),
        NAMED_TEST("sim/dnload/ram-plain-store", write_ram_plain_store),
        NAMED_TEST("sim/upload/short-read-ends-upload", upload_short_read_ends_upload),
        NAMED_TEST("sim/upload/outside-map-errTARGET", upload_outside_map_errTARGET),
        NAMED_TEST("sim/upload/block1-stalls", upload_block1_stalls),
        NAMED_TEST("sim/dnload/otp-programs-once", otp_programs_once),
        NAMED_TEST("sim/dnload/block1-ignored", block1_ignored),
        NAMED_TEST("sim/upload/g474-second-option-byte-group", g474_second_option_byte_group),
        NAMED_TEST("sim/load/outside-map-rejected", load_outside_map_rejected),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
