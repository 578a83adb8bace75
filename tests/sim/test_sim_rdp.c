/* SPDX-License-Identifier: MIT */
/*
 * Read protection level 1 and the option bytes (AN2662 Rev 1 §4.4-§4.5; research/host_side.md
 * §1.5-§1.6), observed as a host sees them.
 */
#include "sim_test.h"

#include <string.h>

static stm32dfu_sim_board *protected_board(void)
{
    struct stm32dfu_sim_options o = t_options("stm32f107");
    o.read_protected = true;
    stm32dfu_sim_board *b = t_board_opts(&o);
    assert_true(stm32dfu_sim_board_read_protected(b));
    t_to_idle(b);
    return b;
}

static void rdp_erase_errVENDOR(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = protected_board();
    struct t_status st = t_command(b, T_ERASE, 0x08000000, 1);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errVENDOR);
    stm32dfu_sim_free_board(b);
}

static void rdp_write_errVENDOR(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = protected_board();
    uint8_t data[4] = {0};
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, 4).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errVENDOR);
    stm32dfu_sim_free_board(b);
}

static void rdp_read_errVENDOR(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = protected_board();
    uint8_t buf[64];
    assert_int_equal(t_class_in(b, T_UPLOAD, 2, buf, sizeof(buf)).kind, STM32DFU_SIM_REPLY_STALL);
    t_expect_status(b, T_dfuERROR, T_errVENDOR);
    stm32dfu_sim_free_board(b);
}

static void rdp_set_address_still_works(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = protected_board();
    struct t_status st = t_command_done(b, T_SET_ADDRESS, 0x1ffff800, 1);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.bStatus, T_OK);
    stm32dfu_sim_free_board(b);
}

static void read_unprotect_mass_erases_and_resets(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = protected_board();
    static const uint8_t zeros[64];
    assert_int_equal(stm32dfu_sim_board_load(b, 0x08000000, zeros, sizeof(zeros)), 0);
    struct t_status st = t_command(b, T_READ_UNPROTECT, 0, 0);
    assert_int_equal(st.bState, T_dfuDNBUSY);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(st.event.mode, STM32DFU_SIM_MODE_ROM);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_NONE); /* no second status */
    stm32dfu_sim_board_reconnect(b, st.event.mode);
    assert_false(stm32dfu_sim_board_read_protected(b));
    assert_int_equal(stm32dfu_sim_board_flash(b)[0], 0xff);
    stm32dfu_sim_free_board(b);
}

static void option_bytes_write_resets_and_applies(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t ob[16];
    assert_int_equal(stm32dfu_sim_board_read(b, 0x1ffff800, ob, sizeof(ob)), 0);
    ob[0] = 0x00; /* RDP: anything but 0xA5 is level 1 (RM0008) */
    ob[1] = 0xff;
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x1ffff800, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, ob, sizeof(ob)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bState, T_dfuDNBUSY);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_NONE); /* second never answered */
    stm32dfu_sim_board_reconnect(b, st.event.mode);
    assert_true(stm32dfu_sim_board_read_protected(b));
    stm32dfu_sim_free_board(b);
}

static void option_bytes_write_not_at_start_errTARGET(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f107");
    uint8_t ob[4] = {0};
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x1ffff804, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, ob, sizeof(ob)).kind, 0);
    t_expect_status(b, T_dfuERROR, T_errTARGET);
    stm32dfu_sim_free_board(b);
}

/* An F107 in dfuIDLE whose BOOT0 pin is held at boot0, with a valid vector table at the flash
 * base (SP at the top of the 64 KiB SRAM, odd reset vector in flash) when app. */
static stm32dfu_sim_board *reset_board(enum stm32dfu_sim_boot0 boot0, bool app)
{
    static const uint8_t vectors[8] = {0x00, 0x00, 0x01, 0x20, 0x01, 0x01, 0x00, 0x08};
    struct stm32dfu_sim_options o = t_options("stm32f107");
    o.boot0 = boot0;
    stm32dfu_sim_board *b = t_board_opts(&o);
    if (app)
        assert_int_equal(stm32dfu_sim_board_load(b, 0x08000000, vectors, sizeof(vectors)), 0);
    t_to_idle(b);
    return b;
}

/* Writes the F107's option bytes unchanged, on reset_board(boot0, app): the reset that applies
 * them gives an event of kind, re-enumerating (if it does) in mode. */
static void expect_option_bytes_reset(enum stm32dfu_sim_boot0 boot0, bool app,
                                      enum stm32dfu_sim_event_kind kind,
                                      enum stm32dfu_sim_mode mode)
{
    stm32dfu_sim_board *b = reset_board(boot0, app);
    uint8_t ob[16];
    assert_int_equal(stm32dfu_sim_board_read(b, 0x1ffff800, ob, sizeof(ob)), 0);
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x1ffff800, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, ob, sizeof(ob)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.event.kind, kind);
    if (kind == STM32DFU_SIM_EVENT_REENUMERATE)
        assert_int_equal(st.event.mode, mode);
    stm32dfu_sim_free_board(b);
}

/* A board powered up in the ROM has BOOT0 high by default: the ROM comes back. */
static void reset_boot0_default_rom_mode_keeps_rom(void **state)
{
    (void)state;
    expect_option_bytes_reset(STM32DFU_SIM_BOOT0_AUTO, true, STM32DFU_SIM_EVENT_REENUMERATE,
                              STM32DFU_SIM_MODE_ROM);
}

/* BOOT0 low: the reset the ROM makes starts the valid application; nothing asked for the ROM. */
static void reset_boot0_low_option_bytes_start_application(void **state)
{
    (void)state;
    expect_option_bytes_reset(STM32DFU_SIM_BOOT0_LOW, true, STM32DFU_SIM_EVENT_REENUMERATE,
                              STM32DFU_SIM_MODE_APP);
}

/* BOOT0 low and an erased flash: nothing runs, the board stays off the bus. */
static void reset_boot0_low_erased_flash_stays_off(void **state)
{
    (void)state;
    expect_option_bytes_reset(STM32DFU_SIM_BOOT0_LOW, false, STM32DFU_SIM_EVENT_DISCONNECT,
                              STM32DFU_SIM_MODE_ROM);
}

/* Read Unprotect erases the flash, so with BOOT0 low its reset starts nothing either. */
static void reset_boot0_low_read_unprotect_stays_off(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f107");
    o.read_protected = true;
    o.boot0 = STM32DFU_SIM_BOOT0_LOW;
    stm32dfu_sim_board *b = t_board_opts(&o);
    t_to_idle(b);
    struct t_status st = t_command(b, T_READ_UNPROTECT, 0, 0);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_DISCONNECT);
    stm32dfu_sim_free_board(b);
}

static void reset_boot0_invalid_refused(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f107");
    o.boot0 = (enum stm32dfu_sim_boot0)7;
    stm32dfu_sim_board *b = NULL;
    char msg[128];
    assert_int_equal(stm32dfu_sim_new_board(&o, &b, msg, sizeof(msg)), STM32DFU_SIM_ERROR_INVALID);
    assert_non_null(strstr(msg, "boot0"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/rdp/erase-errVENDOR", rdp_erase_errVENDOR),
        NAMED_TEST("sim/rdp/write-errVENDOR", rdp_write_errVENDOR),
        NAMED_TEST("sim/rdp/read-errVENDOR", rdp_read_errVENDOR),
        NAMED_TEST("sim/rdp/set-address-still-works", rdp_set_address_still_works),
        NAMED_TEST("sim/rdp/read-unprotect-mass-erases-and-resets",
                   read_unprotect_mass_erases_and_resets),
        NAMED_TEST("sim/option-bytes/write-resets-and-applies",
                   option_bytes_write_resets_and_applies),
        NAMED_TEST("sim/option-bytes/write-not-at-start-errTARGET",
                   option_bytes_write_not_at_start_errTARGET),
        NAMED_TEST("sim/reset/boot0-default-rom-mode-keeps-rom",
                   reset_boot0_default_rom_mode_keeps_rom),
        NAMED_TEST("sim/reset/boot0-low-option-bytes-start-application",
                   reset_boot0_low_option_bytes_start_application),
        NAMED_TEST("sim/reset/boot0-low-erased-flash-stays-off",
                   reset_boot0_low_erased_flash_stays_off),
        NAMED_TEST("sim/reset/boot0-low-read-unprotect-stays-off",
                   reset_boot0_low_read_unprotect_stays_off),
        NAMED_TEST("sim/reset/boot0-invalid-refused", reset_boot0_invalid_refused),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
