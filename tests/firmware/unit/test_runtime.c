/* SPDX-License-Identifier: MIT */
/* The DFU run-time helper: descriptors, the three run-time requests, and that
 * the ROM is entered only after DETACH's status stage, after the disconnect. */
#include "named_test.h"

#include "recorded_calls.h"
#include "stm32dfu_runtime.h"

static const struct stm32dfu_runtime_config config = {
    .interface_number = 2,
    .detach_timeout_ms = 255,
    .transfer_size = 2048,
    .disconnect_cb = record_disconnect,
    .enter_bootloader_cb = record_enter,
    .ctx = &calls,
};

static int setup_helper(void **state)
{
    static struct stm32dfu_runtime runtime;
    reset_calls();
    stm32dfu_runtime_init(&runtime, &config);
    *state = &runtime;
    return 0;
}

#define RUNTIME_TEST(name, fn)                                                                     \
    {                                                                                              \
        name, fn, setup_helper, NULL, NULL                                                         \
    }

/* SETUP packets: bmRequestType, bRequest, wValue, wIndex (interface 2), wLength. */
static const uint8_t detach[8] = {0x21, 0, 0xE8, 0x03, 2, 0, 0, 0};
static const uint8_t getstatus[8] = {0xA1, 3, 0, 0, 2, 0, 6, 0};
static const uint8_t getstate[8] = {0xA1, 5, 0, 0, 2, 0, 1, 0};

static enum stm32dfu_runtime_action send(void **state, const uint8_t setup[8], uint8_t *reply,
                                         size_t *len)
{
    return stm32dfu_runtime_setup(*state, setup, reply, 16, len);
}

/* \p setup gets \p action. */
static void expect_action(void **state, const uint8_t setup[8], enum stm32dfu_runtime_action action)
{
    uint8_t reply[16];
    size_t len;
    assert_int_equal(send(state, setup, reply, &len), action);
}

/* \p setup gets \p action, and its status stage enters nothing. */
static void expect_no_entry(void **state, const uint8_t setup[8],
                            enum stm32dfu_runtime_action action)
{
    expect_action(state, setup, action);
    stm32dfu_runtime_status_done(*state);
    assert_int_equal(calls.count, 0);
}

static void descriptors_have_pinned_bytes(void **state)
{
    (void)state;
    uint8_t out[STM32DFU_RUNTIME_DESCRIPTORS_SIZE];
    const uint8_t expected[18] = {
        9, 0x04, 2,    0,    0,    0xFE, 0x01, 0x01, 7,   /* run-time DFU interface */
        9, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x10, 0x01 /* functional: WillDetach */
    };
    assert_int_equal(stm32dfu_runtime_descriptors(&config, 7, out), sizeof expected);
    assert_memory_equal(out, expected, sizeof expected);
}

static void getstatus_in_appidle(void **state)
{
    uint8_t reply[16];
    size_t len;
    const uint8_t expected[6] = {0, 0, 0, 0, STM32DFU_RUNTIME_APP_IDLE, 0};
    assert_int_equal(send(state, getstatus, reply, &len), STM32DFU_RUNTIME_DATA);
    assert_int_equal(len, 6);
    assert_memory_equal(reply, expected, 6);
}

static void getstate_in_appidle(void **state)
{
    uint8_t reply[16];
    size_t len;
    assert_int_equal(send(state, getstate, reply, &len), STM32DFU_RUNTIME_DATA);
    assert_int_equal(len, 1);
    assert_int_equal(reply[0], STM32DFU_RUNTIME_APP_IDLE);
}

static void detach_is_acked_and_moves_to_appdetach(void **state)
{
    uint8_t reply[16];
    size_t len;
    assert_int_equal(send(state, detach, reply, &len), STM32DFU_RUNTIME_ACK);
    assert_int_equal(len, 0);
    assert_int_equal(send(state, getstate, reply, &len), STM32DFU_RUNTIME_DATA);
    assert_int_equal(reply[0], STM32DFU_RUNTIME_APP_DETACH);
}

static void detach_waits_for_status_stage(void **state)
{
    uint8_t reply[16];
    size_t len;
    (void)send(state, detach, reply, &len);
    assert_int_equal(calls.count, 0);
    stm32dfu_runtime_status_done(*state);
    assert_int_equal(calls.count, 2);
    assert_memory_equal(calls.log, "DE", 2);
}

static void status_done_without_detach_does_nothing(void **state)
{
    uint8_t reply[16];
    size_t len;
    (void)send(state, getstatus, reply, &len);
    stm32dfu_runtime_status_done(*state);
    assert_int_equal(calls.count, 0);
}

static void detach_enters_once(void **state)
{
    uint8_t reply[16];
    size_t len;
    (void)send(state, detach, reply, &len);
    stm32dfu_runtime_status_done(*state);
    stm32dfu_runtime_status_done(*state);
    assert_int_equal(calls.count, 2);
}

static void dfu_mode_requests_stall(void **state)
{
    /* DNLOAD, UPLOAD, CLRSTATUS, ABORT: not accepted in appIDLE (DFU 1.1 App. A.1). */
    const uint8_t requests[4][8] = {{0x21, 1, 0, 0, 2, 0, 4, 0},
                                    {0xA1, 2, 0, 0, 2, 0, 4, 0},
                                    {0x21, 4, 0, 0, 2, 0, 0, 0},
                                    {0x21, 6, 0, 0, 2, 0, 0, 0}};
    for (size_t i = 0; i < 4; i++) {
        expect_no_entry(state, requests[i], STM32DFU_RUNTIME_STALL);
    }
}

static void detach_with_data_stage_stalls(void **state)
{
    const uint8_t bad[8] = {0x21, 0, 0xE8, 0x03, 2, 0, 1, 0};
    expect_no_entry(state, bad, STM32DFU_RUNTIME_STALL);
}

static void getstatus_as_out_request_stalls(void **state)
{
    const uint8_t bad[8] = {0x21, 3, 0, 0, 2, 0, 6, 0};
    expect_action(state, bad, STM32DFU_RUNTIME_STALL);
}

static void getstatus_short_wlength_truncates(void **state)
{
    const uint8_t short_status[8] = {0xA1, 3, 0, 0, 2, 0, 2, 0};
    uint8_t reply[16];
    size_t len;
    assert_int_equal(send(state, short_status, reply, &len), STM32DFU_RUNTIME_DATA);
    assert_int_equal(len, 2);
}

static void other_interface_is_ignored(void **state)
{
    const uint8_t other[8] = {0x21, 0, 0xE8, 0x03, 1, 0, 0, 0};
    expect_no_entry(state, other, STM32DFU_RUNTIME_IGNORED);
}

static void standard_request_is_ignored(void **state)
{
    const uint8_t get_descriptor[8] = {0x80, 6, 0, 1, 0, 0, 18, 0};
    expect_action(state, get_descriptor, STM32DFU_RUNTIME_IGNORED);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        RUNTIME_TEST("firmware/unit/runtime/descriptors-pinned", descriptors_have_pinned_bytes),
        RUNTIME_TEST("firmware/unit/runtime/getstatus-in-appidle", getstatus_in_appidle),
        RUNTIME_TEST("firmware/unit/runtime/getstate-in-appidle", getstate_in_appidle),
        RUNTIME_TEST("firmware/unit/runtime/detach-acked-then-appdetach",
                     detach_is_acked_and_moves_to_appdetach),
        RUNTIME_TEST("firmware/unit/runtime/detach-waits-for-status-stage",
                     detach_waits_for_status_stage),
        RUNTIME_TEST("firmware/unit/runtime/status-done-without-detach-does-nothing",
                     status_done_without_detach_does_nothing),
        RUNTIME_TEST("firmware/unit/runtime/detach-enters-once", detach_enters_once),
        RUNTIME_TEST("firmware/unit/runtime/dfu-mode-requests-stall", dfu_mode_requests_stall),
        RUNTIME_TEST("firmware/unit/runtime/detach-with-data-stage-stalls",
                     detach_with_data_stage_stalls),
        RUNTIME_TEST("firmware/unit/runtime/getstatus-as-out-request-stalls",
                     getstatus_as_out_request_stalls),
        RUNTIME_TEST("firmware/unit/runtime/getstatus-short-wlength-truncates",
                     getstatus_short_wlength_truncates),
        RUNTIME_TEST("firmware/unit/runtime/other-interface-ignored", other_interface_is_ignored),
        RUNTIME_TEST("firmware/unit/runtime/standard-request-ignored", standard_request_is_ignored),
    };
    return named_test_main(argc, argv, "firmware/unit", tests, sizeof tests / sizeof tests[0]);
}
