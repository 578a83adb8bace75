/* SPDX-License-Identifier: MIT */
/*
 * Simulated time and the chip quirks. Times here are the model's own clock values, returned in
 * the replies (deterministic), never measured: the ROM holds EP0 while it erases or programs
 * (docs/research/host_side.md#s1.5, fwupd#2696), and time_scale multiplies every duration.
 */
#include "sim_test.h"

static stm32dfu_sim_board *scaled(const char *profile, double scale, uint32_t quirks_add,
                                  uint32_t quirks_remove)
{
    struct stm32dfu_sim_options o = t_options(profile);
    o.time_scale = scale;
    o.quirks_add = quirks_add;
    o.quirks_remove = quirks_remove;
    o.start = STM32DFU_SIM_START_IDLE;
    return t_board_opts(&o);
}

/* F405 16 KiB sector: declared 100 ms (§1.8), 500 ms max (blackmagic dfu_f4.c). */
static void second_getstatus_held_until_erase_ends(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    struct t_status st = t_command(b, T_ERASE, 0x08000000, 1);
    assert_int_equal(st.bState, T_dfuDNBUSY);
    assert_int_equal(st.bwPollTimeout, 100);
    assert_int_equal(st.hold_us, 0);
    t_now_us += 100 * 1000;
    st = t_getstatus(b);
    assert_int_equal(st.hold_us, 400 * 1000);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

static void any_request_waits_while_busy(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bState, T_dfuDNBUSY);
    uint8_t buf[18];
    struct stm32dfu_sim_reply r = t_standard(b, 0x80, 6, 0x0100, 0, buf, sizeof(buf));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.hold_us, 500 * 1000);
    stm32dfu_sim_free_board(b);
}

/* 2048 bytes = 512 words x 100 us = 51.2 ms on F405 (blackmagic dfu_f4.c). */
static void program_duration_from_profile(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    uint8_t data[2048] = {0};
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, sizeof(data)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bwPollTimeout, 104);
    st = t_getstatus(b); /* no sleep: waits for the programming */
    assert_int_equal(st.hold_us, 51200);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

static void time_scale_scales_poll_and_hold(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 0.1, 0, 0);
    struct t_status st = t_command(b, T_ERASE, 0x08000000, 1);
    assert_int_equal(st.bwPollTimeout, 10);
    t_now_us += 10 * 1000;
    assert_int_equal(t_getstatus(b).hold_us, 40 * 1000);
    stm32dfu_sim_free_board(b);
}

static void time_scale_zero_is_instant(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 0, 0, 0);
    struct t_status st = t_command(b, T_ERASE, 0x08020000, 1);
    assert_int_equal(st.bwPollTimeout, 0);
    st = t_getstatus(b);
    assert_int_equal(st.hold_us, 0);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

static void stats_count_requests_by_name(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 0, 0, 0);
    uint8_t buf[18];
    t_standard(b, 0x80, 6, 0x0100, 0, buf, sizeof(buf));
    t_command_done(b, T_SET_ADDRESS, 0x08000000, 1);
    struct stm32dfu_sim_stats s;
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.control_requests, 4);
    assert_int_equal(s.by_request[STM32DFU_SIM_REQ_GET_DESCRIPTOR], 1);
    assert_int_equal(s.by_request[STM32DFU_SIM_REQ_DNLOAD], 1);
    assert_int_equal(s.by_request[STM32DFU_SIM_REQ_GETSTATUS], 2);
    assert_string_equal(stm32dfu_sim_request_name(STM32DFU_SIM_REQ_GETSTATUS), "GETSTATUS");
    assert_string_equal(stm32dfu_sim_request_name(STM32DFU_SIM_REQ_SET_ADDRESS), "SET_ADDRESS");
    assert_string_equal(stm32dfu_sim_request_name(STM32DFU_SIM_REQ_COUNT), "?");
    stm32dfu_sim_free_board(b);
}

/* simulated_ms is device time at real speed, whatever the scale: 128 KiB sector = 2600 ms. */
static void stats_simulated_ms_unscaled(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 0, 0, 0);
    t_command_done(b, T_ERASE, 0x08020000, 1);
    struct stm32dfu_sim_stats s;
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.simulated_ms, 2600);
    stm32dfu_sim_free_board(b);
}

/* F405 erase declares 100 ms: a GETSTATUS 1 ms after the dfuDNBUSY reply is early (a fast
 * poller's), one 100 ms after it is not (a host that waited as DFU 1.1 §6.1.2 asks). */
static void stats_count_early_getstatus(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    struct stm32dfu_sim_stats s;
    assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bwPollTimeout, 100);
    t_now_us += 100 * 1000;
    assert_int_equal(t_getstatus(b).bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.early_getstatus, 0);
    assert_int_equal(t_command(b, T_ERASE, 0x08004000, 1).bwPollTimeout, 100);
    t_now_us += 1000;
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.hold_us, 499 * 1000); /* held until the erase ends */
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.early_getstatus, 1);
    stm32dfu_sim_free_board(b);
}

/* Each profile's early-GETSTATUS behaviour (profiles.c early_poll): the L476 STALLs, the
 * others hold. */
static void profile_early_poll_behaviour(void **state)
{
    (void)state;
    const char *hold[] = {"stm32f405", "stm32f107", "stm32f746", "stm32h743", "stm32g474"};
    for (size_t i = 0; i < sizeof(hold) / sizeof(hold[0]); i++) {
        stm32dfu_sim_board *b = scaled(hold[i], 1.0, 0, 0);
        assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bState, T_dfuDNBUSY);
        struct t_status st = t_getstatus(b);
        assert_int_equal(st.kind, STM32DFU_SIM_REPLY_ACK);
        assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
        stm32dfu_sim_free_board(b);
    }
    stm32dfu_sim_board *b = scaled("stm32l476", 1.0, 0, 0);
    assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bState, T_dfuDNBUSY);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static stm32dfu_sim_board *with_bus_time(const char *profile, double scale)
{
    struct stm32dfu_sim_options o = t_options(profile);
    o.time_scale = scale;
    o.bus_time = true;
    o.start = STM32DFU_SIM_START_IDLE;
    return t_board_opts(&o);
}

/* A 2048-byte DNLOAD takes the 5 ms measured on the F745 ROM (fwupd#2696): one 1 ms frame
 * plus 32 packets of 125 us; a GETSTATUS (6 bytes, one packet) 1.125 ms. */
static void bus_time_of_a_2k_dnload_is_5ms(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = with_bus_time("stm32f405", 1.0);
    uint8_t data[2048] = {0};
    struct stm32dfu_sim_reply r = t_class_out(b, T_DNLOAD, 2, data, sizeof(data));
    assert_int_equal(r.hold_us, 5000);
    assert_int_equal(t_getstatus(b).hold_us, 1125);
    stm32dfu_sim_free_board(b);
}

/* A request with no data stage takes one frame; the time scale scales it. */
static void bus_time_scaled(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = with_bus_time("stm32f405", 0.1);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).hold_us, 100);
    stm32dfu_sim_free_board(b);
    b = with_bus_time("stm32f405", 0);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).hold_us, 0);
    stm32dfu_sim_free_board(b);
}

/* The work a GETSTATUS starts begins after its transfer: an early poll waits the program
 * time after the status reply went out. */
static void bus_time_before_the_work(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = with_bus_time("stm32f405", 1.0);
    uint8_t data[2048] = {0};
    t_class_out(b, T_DNLOAD, 2, data, sizeof(data));
    t_getstatus(b);
    /* 51.2 ms of programming, then this GETSTATUS's own 1.125 ms on the bus */
    assert_int_equal(t_getstatus(b).hold_us, 51200 + 1125);
    stm32dfu_sim_free_board(b);
}

/* Stats: the floor of one 2 KiB block is its bus time plus the declared 104 ms (longer than
 * the 51.2 ms of programming); the physical limit is the programming alone; all unscaled. */
static void stats_floor_and_physical_unscaled(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = with_bus_time("stm32f405", 0);
    uint8_t data[2048] = {0};
    t_class_out(b, T_DNLOAD, 2, data, sizeof(data));
    assert_int_equal(t_getstatus(b).bwPollTimeout, 0);
    t_getstatus(b);
    struct stm32dfu_sim_stats s;
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.bus_ms, (5000 + 1125 + 1125) / 1000);
    assert_int_equal(s.floor_ms, (5000 + 1125 + 104000 + 1125) / 1000);
    assert_int_equal(s.physical_ms, 51);
    stm32dfu_sim_free_board(b);
}

/* An erase that outlasts its declared poll counts in full: 16 KiB sector, 500 ms against a
 * declared 100 ms; a Set Address has no flash work. */
static void stats_floor_takes_work_longer_than_poll(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 0, 0, 0);
    t_command_done(b, T_ERASE, 0x08000000, 1);
    t_command_done(b, T_SET_ADDRESS, 0x08000000, 1);
    struct stm32dfu_sim_stats s;
    stm32dfu_sim_board_stats(b, &s);
    assert_int_equal(s.bus_ms, 0);
    assert_int_equal(s.floor_ms, 500 + 104);
    assert_int_equal(s.physical_ms, 500);
    stm32dfu_sim_free_board(b);
}

static void quirk_extra_busy_polls(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f107", 0, STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS, 0);
    assert_int_equal(t_command(b, T_SET_ADDRESS, 0x08000000, 1).bState, T_dfuDNBUSY);
    assert_int_equal(t_getstatus(b).bState, T_dfuDNBUSY); /* default: 2 extra polls */
    assert_int_equal(t_getstatus(b).bState, T_dfuDNBUSY);
    assert_int_equal(t_getstatus(b).bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

/* L476: declared 10 ms, page erase 25 ms; the polls at 10 and 20 ms are early and STALLed
 * (dfu-util c15ee60), the one at 30 ms gets the result. */
static void quirk_stall_early_poll(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32l476", 1.0, 0, 0);
    struct t_status st = t_command(b, T_ERASE, 0x08000000, 1);
    assert_int_equal(st.bwPollTimeout, 10);
    for (int i = 0; i < 2; i++) {
        t_now_us += 10 * 1000;
        assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
    }
    t_now_us += 10 * 1000;
    st = t_getstatus(b);
    assert_int_equal(st.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

/* The early polls are counted in device time: a host scheduled late, or time scale 0, gets the
 * same two STALLs (a wall-clock rule made e2e/cli/quirk/stall-while-busy flaky). */
static void quirk_stall_early_poll_whatever_the_clock(void **state)
{
    (void)state;
    double scales[] = {0, 1.0};
    for (size_t k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
        stm32dfu_sim_board *b = scaled("stm32l476", scales[k], 0, 0);
        assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bState, T_dfuDNBUSY);
        t_now_us += 1000 * 1000; /* long after the erase ended */
        for (int i = 0; i < 2; i++)
            assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
        struct t_status st = t_getstatus(b);
        assert_int_equal(st.kind, STM32DFU_SIM_REPLY_ACK);
        assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
        stm32dfu_sim_free_board(b);
    }
}

/* H743 rev V: erase beyond 1 MiB never leaves dfuDNBUSY; CLRSTATUS twice recovers and the
 * sector is erased (betaflight-configurator PR #1861). */
static void quirk_stuck_busy_double_clrstatus(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32h743", 0, 0, 0);
    static const uint8_t zeros[16];
    assert_int_equal(stm32dfu_sim_board_load(b, 0x08100000, zeros, sizeof(zeros)), 0);
    assert_int_equal(t_command(b, T_ERASE, 0x08100000, 1).bState, T_dfuDNBUSY);
    for (int i = 0; i < 5; i++)
        assert_int_equal(t_getstatus(b).bState, T_dfuDNBUSY);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    t_expect_status(b, T_dfuERROR, T_errUNKNOWN);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    t_expect_status(b, T_dfuIDLE, T_OK);
    assert_int_equal(stm32dfu_sim_board_flash(b)[0x100000], 0xff);
    stm32dfu_sim_free_board(b);
}

static void quirk_stuck_busy_only_beyond_1mib(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32h743", 0, 0, 0);
    assert_int_equal(t_command_done(b, T_ERASE, 0x080e0000, 1).bState, T_dfuDNLOAD_IDLE);
    stm32dfu_sim_free_board(b);
}

/* STM32U5A9 (dfu-util be49612): the first GETSTATUS says dfuDNLOAD-IDLE, after the erase. */
static void quirk_special_direct_idle(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, STM32DFU_SIM_QUIRK_SPECIAL_DIRECT_IDLE, 0);
    struct t_status st = t_command(b, T_ERASE, 0x08000000, 1);
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.hold_us, 500 * 1000);
    stm32dfu_sim_free_board(b);
}

static void quirk_clrstatus_stall(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f107", 0, STM32DFU_SIM_QUIRK_CLRSTATUS_STALL, 0);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

/* F405 mass erase declares 100 ms though it takes up to 32 s (dfu-util 47af500). */
static void quirk_short_mass_erase_poll(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    assert_int_equal(t_command(b, T_ERASE, 0, 0).bwPollTimeout, 100);
    stm32dfu_sim_free_board(b);
    b = scaled("stm32f405", 1.0, 0, STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL);
    assert_int_equal(t_command(b, T_ERASE, 0, 0).bwPollTimeout, 32000);
    stm32dfu_sim_free_board(b);
}

/* A caller time earlier than the board's is taken as the board's (time never goes back). */
static void clock_never_goes_backwards(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f405", 1.0, 0, 0);
    assert_int_equal(t_command(b, T_ERASE, 0x08000000, 1).bState, T_dfuDNBUSY);
    uint8_t st[6];
    struct stm32dfu_sim_setup s = {0xa1, T_GETSTATUS, 0, 0, 6};
    struct stm32dfu_sim_reply r;
    assert_int_equal(stm32dfu_sim_board_control(b, 0, &s, st, &r), STM32DFU_SIM_OK);
    assert_int_equal(r.hold_us, 500 * 1000);
    assert_int_equal(r.done_us, 500 * 1000);
    assert_int_equal(stm32dfu_sim_board_control(b, 0, &s, st, &r), STM32DFU_SIM_OK);
    assert_int_equal(r.hold_us, 0);
    assert_int_equal(r.done_us, 500 * 1000);
    stm32dfu_sim_free_board(b);
}

/* Leave: re-enumeration after the reboot time, scaled (SIM_REBOOT_MS, an assumption). */
static void reenumeration_delay_scaled(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = scaled("stm32f107", 0.5, 0, 0);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(st.event.after_ms, 10);
    assert_string_equal(st.event.reason, "leave");
    stm32dfu_sim_free_board(b);
}

static void quirk_names_cover_every_quirk_and_round_trip(void **state)
{
    (void)state;
    uint32_t seen = 0, bit = 0;
    const char *name;
    for (size_t i = 0; (name = stm32dfu_sim_quirk_name(i, &bit)) != NULL; i++) {
        uint32_t found = 0;
        assert_int_equal(stm32dfu_sim_quirk_from_name(name, &found), 0);
        assert_int_equal(found, bit);
        assert_int_equal(seen & bit, 0);
        seen |= bit;
    }
    /* Every enum stm32dfu_sim_quirk member, 1 << 0 .. 1 << 6, has a name. */
    assert_int_equal(seen, STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL * 2u - 1u);
    assert_int_equal(stm32dfu_sim_quirk_from_name("no-such-quirk", &bit),
                     STM32DFU_SIM_ERROR_INVALID);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/busy/second-getstatus-held-until-erase-ends",
                   second_getstatus_held_until_erase_ends),
        NAMED_TEST("sim/busy/any-request-waits", any_request_waits_while_busy),
        NAMED_TEST("sim/busy/program-duration-from-profile", program_duration_from_profile),
        NAMED_TEST("sim/busy/time-scale-scales-poll-and-hold", time_scale_scales_poll_and_hold),
        NAMED_TEST("sim/busy/time-scale-zero-is-instant", time_scale_zero_is_instant),
        NAMED_TEST("sim/busy/clock-never-goes-backwards", clock_never_goes_backwards),
        NAMED_TEST("sim/busy/reenumeration-delay-scaled", reenumeration_delay_scaled),
        NAMED_TEST("sim/stats/count-requests-by-name", stats_count_requests_by_name),
        NAMED_TEST("sim/stats/simulated-ms-unscaled", stats_simulated_ms_unscaled),
        NAMED_TEST("sim/stats/count-early-getstatus", stats_count_early_getstatus),
        NAMED_TEST("sim/profile/early-getstatus-behaviour", profile_early_poll_behaviour),
        NAMED_TEST("sim/stats/floor-and-physical-unscaled", stats_floor_and_physical_unscaled),
        NAMED_TEST("sim/stats/floor-takes-work-longer-than-poll",
                   stats_floor_takes_work_longer_than_poll),
        NAMED_TEST("sim/bus/2k-dnload-takes-5ms", bus_time_of_a_2k_dnload_is_5ms),
        NAMED_TEST("sim/bus/time-scaled", bus_time_scaled),
        NAMED_TEST("sim/bus/transfer-before-the-work", bus_time_before_the_work),
        NAMED_TEST("sim/quirk/extra-busy-polls", quirk_extra_busy_polls),
        NAMED_TEST("sim/quirk/stall-early-poll", quirk_stall_early_poll),
        NAMED_TEST("sim/quirk/stall-early-poll-whatever-the-clock",
                   quirk_stall_early_poll_whatever_the_clock),
        NAMED_TEST("sim/quirk/stuck-busy-double-clrstatus", quirk_stuck_busy_double_clrstatus),
        NAMED_TEST("sim/quirk/stuck-busy-only-beyond-1mib", quirk_stuck_busy_only_beyond_1mib),
        NAMED_TEST("sim/quirk/special-command-direct-idle", quirk_special_direct_idle),
        NAMED_TEST("sim/quirk/clrstatus-outside-error-stalls", quirk_clrstatus_stall),
        NAMED_TEST("sim/quirk/f405-mass-erase-declares-100ms", quirk_short_mass_erase_poll),
        NAMED_TEST("sim/quirk/names-cover-every-quirk",
                   quirk_names_cover_every_quirk_and_round_trip),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
