/* SPDX-License-Identifier: MIT */
/*
 * Leave: the zero-length DNLOAD, dfuMANIFEST, and the jump to the address pointer, which starts
 * the application only if its vector table is valid (AN2662 Rev 1 §4.5.5; research/host_side.md
 * §1.7).
 */
#include "sim_test.h"

#include <string.h>

static void load_app(stm32dfu_sim_board *b, uint32_t at, uint32_t sp, uint32_t pc)
{
    uint8_t img[256] = {0};
    for (int i = 0; i < 4; i++) {
        img[i] = (uint8_t)(sp >> (8 * i));
        img[4 + i] = (uint8_t)(pc >> (8 * i));
    }
    memcpy(img + 0x100 - 32, "APPVERSION=v1.2.3-test", 22);
    assert_int_equal(stm32dfu_sim_board_load(b, at, img, sizeof(img)), 0);
}

static struct t_status leave_at(stm32dfu_sim_board *b, uint32_t address)
{
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, address, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, NULL, 0).kind, 0);
    return t_getstatus(b);
}

static void leave_valid_vector_starts_application(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    load_app(b, T_FLASH_BASE, 0x20020000, 0x08000195);
    struct t_status st = leave_at(b, T_FLASH_BASE);
    assert_int_equal(st.bState, T_dfuMANIFEST);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(st.event.mode, STM32DFU_SIM_MODE_APP);
    stm32dfu_sim_board_reconnect(b, st.event.mode);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_string_equal(id.product, "v1.2.3-test");
    stm32dfu_sim_free_board(b);
}

static void leave_invalid_vector_returns_to_rom(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    load_app(b, T_FLASH_BASE, 0x20020000, 0x08000194); /* even reset vector: not Thumb */
    struct t_status st = leave_at(b, T_FLASH_BASE);
    assert_int_equal(st.bState, T_dfuMANIFEST);
    assert_int_equal(st.event.mode, STM32DFU_SIM_MODE_ROM);
    stm32dfu_sim_free_board(b);
}

static void leave_sp_outside_ram_returns_to_rom(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    load_app(b, T_FLASH_BASE, 0x30000000, 0x08000195);
    assert_int_equal(leave_at(b, T_FLASH_BASE).event.mode, STM32DFU_SIM_MODE_ROM);
    stm32dfu_sim_free_board(b);
}

/* AN2662 Rev 1 §4.5.5: the last write sets the jump address too. */
static void leave_jumps_to_last_written_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_idle_board("stm32f405");
    load_app(b, T_FLASH_BASE, 0x20020000, 0x08000195);
    uint8_t data[4] = {0};
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x08010000, 1).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_write_block(b, 2, data, 4).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, NULL, 0).kind, 0);
    assert_int_equal(t_getstatus(b).event.mode, STM32DFU_SIM_MODE_ROM);
    stm32dfu_sim_free_board(b);
}

/* OTP is programmed once: no erase exists, a second write to the same bytes fails. */

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/leave/valid-vector-starts-application",
                   leave_valid_vector_starts_application),
        NAMED_TEST("sim/leave/invalid-vector-returns-to-rom", leave_invalid_vector_returns_to_rom),
        NAMED_TEST("sim/leave/sp-outside-ram-returns-to-rom", leave_sp_outside_ram_returns_to_rom),
        NAMED_TEST("sim/leave/jumps-to-last-written-address", leave_jumps_to_last_written_address),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
