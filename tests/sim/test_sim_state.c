/* SPDX-License-Identifier: MIT */
/*
 * The DFU-mode state machine, table driven: from each state, each class request gives the next
 * state, a STALL (state unchanged: AN2662 Rev 1 Figure 55, ST usbd_dfu.c), or the board leaving
 * the bus. One ctest per starting state.
 */
#include "sim_test.h"

#include <string.h>

/* Outcomes besides a next state. */
#define X_STALL 0x100 /* STALLed, state unchanged */
#define X_GONE  0x200 /* ACKed, then the board re-enumerates (off the bus) */

enum req_kind {
    R_DETACH,
    R_DNLOAD,
    R_DNLOAD0,
    R_UPLOAD,
    R_GETSTATUS,
    R_CLRSTATUS,
    R_GETSTATE,
    R_ABORT,
    R_COUNT
};

static const char *const req_names[R_COUNT] = {"DETACH",    "DNLOAD",    "DNLOAD(0)", "UPLOAD",
                                               "GETSTATUS", "CLRSTATUS", "GETSTATE",  "ABORT"};

/* Sends one request; returns X_STALL, X_GONE, or the state afterwards (GETSTATE). */
static int send(stm32dfu_sim_board *b, enum req_kind k)
{
    static const uint8_t set_address[5] = {T_SET_ADDRESS, 0x00, 0x00, 0x00, 0x08};
    uint8_t buf[2048];
    struct stm32dfu_sim_reply r;
    switch (k) {
    case R_DETACH:
        r = t_class_out(b, T_DETACH, 1000, NULL, 0);
        break;
    case R_DNLOAD:
        r = t_class_out(b, T_DNLOAD, 0, set_address, sizeof(set_address));
        break;
    case R_DNLOAD0:
        r = t_class_out(b, T_DNLOAD, 2, NULL, 0);
        break;
    case R_UPLOAD:
        r = t_class_in(b, T_UPLOAD, 2, buf, 1024);
        break;
    case R_GETSTATUS:
        r = t_class_in(b, T_GETSTATUS, 0, buf, 6);
        break;
    case R_CLRSTATUS:
        r = t_class_out(b, T_CLRSTATUS, 0, NULL, 0);
        break;
    case R_GETSTATE:
        r = t_class_in(b, T_GETSTATE, 0, buf, 1);
        break;
    default:
        r = t_class_out(b, T_ABORT, 0, NULL, 0);
        break;
    }
    if (r.kind == STM32DFU_SIM_REPLY_STALL)
        return X_STALL;
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    if (r.event.kind != STM32DFU_SIM_EVENT_NONE || !stm32dfu_sim_board_attached(b))
        return X_GONE;
    return t_getstate(b);
}

/* Brings a fresh board into a state; returns the board. */
typedef stm32dfu_sim_board *(*enter_fn)(void);

static stm32dfu_sim_board *enter_idle(void)
{
    stm32dfu_sim_board *b = t_board("stm32f107");
    assert_int_equal(t_getstate(b), T_dfuIDLE);
    return b;
}

static stm32dfu_sim_board *enter_dnload_sync(void)
{
    stm32dfu_sim_board *b = enter_idle();
    assert_int_equal(send(b, R_DNLOAD), T_dfuDNLOAD_SYNC);
    return b;
}

static stm32dfu_sim_board *enter_dnload_idle(void)
{
    stm32dfu_sim_board *b = enter_idle();
    assert_int_equal(t_command_done(b, T_SET_ADDRESS, 0x08000000, 1).bState, T_dfuDNLOAD_IDLE);
    return b;
}

static stm32dfu_sim_board *enter_manifest_sync(void)
{
    stm32dfu_sim_board *b = enter_idle();
    assert_int_equal(send(b, R_DNLOAD0), T_dfuMANIFEST_SYNC);
    return b;
}

static stm32dfu_sim_board *enter_upload_idle(void)
{
    stm32dfu_sim_board *b = enter_idle();
    assert_int_equal(send(b, R_UPLOAD), T_dfuUPLOAD_IDLE);
    return b;
}

static stm32dfu_sim_board *enter_error(void)
{
    stm32dfu_sim_board *b = t_board("stm32f405"); /* starts in dfuERROR/errFIRMWARE */
    assert_int_equal(t_getstate(b), T_dfuERROR);
    return b;
}

/* dfuDNBUSY that lasts: the H743 erase beyond 1 MiB (betaflight PR #1861). */
static stm32dfu_sim_board *enter_dnbusy(void)
{
    stm32dfu_sim_board *b = t_board("stm32h743");
    t_to_idle(b);
    assert_int_equal(t_command(b, T_ERASE, 0x08100000, 1).bState, T_dfuDNBUSY);
    return b;
}

static void run_row(enter_fn enter, const int expected[R_COUNT])
{
    for (int k = 0; k < R_COUNT; k++) {
        stm32dfu_sim_board *b = enter();
        int got = send(b, (enum req_kind)k);
        if (got != expected[k])
            fail_msg("%s: expected 0x%x, got 0x%x", req_names[k], expected[k], got);
        stm32dfu_sim_free_board(b);
    }
}

/*                    DETACH   DNLOAD             DNLOAD(0)           UPLOAD
 *                    GETSTATUS          CLRSTATUS   GETSTATE            ABORT */
static void from_idle(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_GONE,           T_dfuDNLOAD_SYNC, T_dfuMANIFEST_SYNC,
                                     T_dfuUPLOAD_IDLE, T_dfuIDLE,        T_dfuERROR,
                                     T_dfuIDLE,        T_dfuIDLE};
    run_row(enter_idle, row);
}

/* GETSTATUS runs the command (reply dfuDNBUSY); once it is done the device is back in
 * dfuDNLOAD-SYNC, which GETSTATE reports (ST usbd_dfu.c; docs/research/host_side.md#s1.5). */
static void from_dnload_sync(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_GONE,           X_STALL,    X_STALL,          X_STALL,
                                     T_dfuDNLOAD_SYNC, T_dfuERROR, T_dfuDNLOAD_SYNC, T_dfuIDLE};
    run_row(enter_dnload_sync, row);
}

static void from_dnload_idle(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_GONE,           T_dfuDNLOAD_SYNC, T_dfuMANIFEST_SYNC,
                                     X_STALL,          T_dfuDNLOAD_IDLE, T_dfuERROR,
                                     T_dfuDNLOAD_IDLE, T_dfuIDLE};
    run_row(enter_dnload_idle, row);
}

static void from_manifest_sync(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {
        X_GONE, X_STALL, X_STALL, X_STALL, X_GONE, T_dfuERROR, T_dfuMANIFEST_SYNC, T_dfuIDLE};
    run_row(enter_manifest_sync, row);
}

static void from_upload_idle(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_GONE,           X_STALL,          X_STALL,
                                     T_dfuUPLOAD_IDLE, T_dfuUPLOAD_IDLE, T_dfuERROR,
                                     T_dfuUPLOAD_IDLE, T_dfuIDLE};
    run_row(enter_upload_idle, row);
}

static void from_error(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_STALL,    X_STALL,   X_STALL,    X_STALL,
                                     T_dfuERROR, T_dfuIDLE, T_dfuERROR, X_STALL};
    run_row(enter_error, row);
}

static void from_dnbusy(void **state)
{
    (void)state;
    static const int row[R_COUNT] = {X_STALL,     X_STALL,    X_STALL,     X_STALL,
                                     T_dfuDNBUSY, T_dfuERROR, T_dfuDNBUSY, X_STALL};
    run_row(enter_dnbusy, row);
}

/* A GETSTATUS in dfuMANIFEST-SYNC reports dfuMANIFEST before the board goes (AN2662 §4.5.5). */
static void manifest_reported(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = enter_manifest_sync();
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(st.bState, T_dfuMANIFEST);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_NONE);
    stm32dfu_sim_free_board(b);
}

/* Every entry to dfuERROR from CLRSTATUS outside dfuERROR names errUNKNOWN (ST usbd_dfu.c). */
static void clrstatus_outside_error_errUNKNOWN(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = enter_idle();
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    t_expect_status(b, T_dfuERROR, T_errUNKNOWN);
    stm32dfu_sim_free_board(b);
}

static void start_state_configurable(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.start = STM32DFU_SIM_START_IDLE;
    stm32dfu_sim_board *b = t_board_opts(&o);
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
    o.profile = "stm32f107";
    o.start = STM32DFU_SIM_START_ERROR_FIRMWARE;
    b = t_board_opts(&o);
    t_expect_status(b, T_dfuERROR, T_errFIRMWARE);
    stm32dfu_sim_free_board(b);
}

/* As the captured logs show: F405 dfuERROR status 10, F107 dfuIDLE status 0. */
static void start_state_as_captured(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f405");
    t_expect_status(b, T_dfuERROR, T_errFIRMWARE);
    stm32dfu_sim_free_board(b);
    b = t_board("stm32f107");
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

static void bus_reset_restarts_dfu(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = enter_dnload_idle();
    stm32dfu_sim_board_bus_reset(b, t_now_us);
    assert_true(stm32dfu_sim_board_attached(b));
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/state/from-dfuIDLE", from_idle),
        NAMED_TEST("sim/state/from-dfuDNLOAD-SYNC", from_dnload_sync),
        NAMED_TEST("sim/state/from-dfuDNLOAD-IDLE", from_dnload_idle),
        NAMED_TEST("sim/state/from-dfuMANIFEST-SYNC", from_manifest_sync),
        NAMED_TEST("sim/state/from-dfuUPLOAD-IDLE", from_upload_idle),
        NAMED_TEST("sim/state/from-dfuERROR", from_error),
        NAMED_TEST("sim/state/from-dfuDNBUSY-stuck", from_dnbusy),
        NAMED_TEST("sim/state/manifest-sync-getstatus-reports-dfuMANIFEST", manifest_reported),
        NAMED_TEST("sim/state/clrstatus-outside-error-errUNKNOWN",
                   clrstatus_outside_error_errUNKNOWN),
        NAMED_TEST("sim/state/start-state-configurable", start_state_configurable),
        NAMED_TEST("sim/state/start-state-as-captured", start_state_as_captured),
        NAMED_TEST("sim/state/bus-reset-restarts-dfu", bus_reset_restarts_dfu),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
