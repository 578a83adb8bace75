/* SPDX-License-Identifier: MIT */
/* The 1200-baud touch helper: only a DTR drop at 1200 baud enters the ROM, and
 * only at the status stage, after the disconnect. Each test feeds the calls a
 * CDC-ACM port makes for one host sequence. */
#include "named_test.h"

#include "recorded_calls.h"
#include "stm32dfu_cdc_touch.h"

static const struct stm32dfu_cdc_touch_config config = {
    .disconnect_cb = record_disconnect,
    .enter_bootloader_cb = record_enter,
    .ctx = &calls,
};

static int setup_helper(void **state)
{
    static struct stm32dfu_cdc_touch touch;
    reset_calls();
    stm32dfu_cdc_touch_init(&touch, &config);
    *state = &touch;
    return 0;
}

#define TOUCH_TEST(name, fn)                                                                       \
    {                                                                                              \
        name, fn, setup_helper, NULL, NULL                                                         \
    }

/* One request and its status stage, as the port reports them. */
static void coding(void **state, uint32_t baud)
{
    stm32dfu_cdc_touch_line_coding(*state, baud);
    stm32dfu_cdc_touch_status_done(*state);
}

static bool line(void **state, bool dtr)
{
    bool touched = stm32dfu_cdc_touch_line_state(*state, dtr);
    stm32dfu_cdc_touch_status_done(*state);
    return touched;
}

/* Linux cdc-acm open (DTR up), 1200 baud, DTR down: arduino-cli's sequence. */
static void open_1200_then_dtr_drop_enters(void **state)
{
    assert_false(line(state, true));
    coding(state, 1200);
    assert_true(line(state, false));
    assert_int_equal(calls.count, 2);
    assert_memory_equal(calls.log, "DE", 2);
}

static void entry_waits_for_status_stage(void **state)
{
    coding(state, 1200);
    assert_true(stm32dfu_cdc_touch_line_state(*state, false));
    assert_int_equal(calls.count, 0);
    stm32dfu_cdc_touch_status_done(*state);
    assert_int_equal(calls.count, 2);
}

static void enters_once(void **state)
{
    coding(state, 1200);
    assert_true(line(state, false));
    stm32dfu_cdc_touch_status_done(*state);
    assert_int_equal(calls.count, 2);
}

static void open_at_1200_without_drop_does_nothing(void **state)
{
    coding(state, 1200);
    assert_false(line(state, true));
    assert_false(line(state, true));
    assert_int_equal(calls.count, 0);
}

static void drop_at_other_baud_does_nothing(void **state)
{
    coding(state, 115200);
    assert_false(line(state, true));
    assert_false(line(state, false));
    assert_int_equal(calls.count, 0);
}

/* 1201 and 120: no rounding, no prefix match. */
static void near_1200_does_nothing(void **state)
{
    coding(state, 1201);
    assert_false(line(state, false));
    coding(state, 120);
    assert_false(line(state, false));
    assert_int_equal(calls.count, 0);
}

static void drop_before_any_coding_does_nothing(void **state)
{
    assert_false(line(state, true));
    assert_false(line(state, false));
    assert_int_equal(calls.count, 0);
}

/* The order is coding, then DTR: 1200 baud set while DTR is already low is not the touch. */
static void coding_1200_while_dtr_low_does_nothing(void **state)
{
    assert_false(line(state, false));
    coding(state, 1200);
    assert_int_equal(calls.count, 0);
}

/* DTR low at 1200 again (e.g. RTS changes with DTR still low) is a touch too. */
static void dtr_set_low_again_at_1200_enters(void **state)
{
    coding(state, 1200);
    assert_true(line(state, false));
    assert_int_equal(calls.count, 2);
}

/* A later coding change takes back a touch whose status stage has not completed. */
static void coding_change_cancels_pending_touch(void **state)
{
    coding(state, 1200);
    assert_true(stm32dfu_cdc_touch_line_state(*state, false));
    stm32dfu_cdc_touch_line_coding(*state, 9600);
    stm32dfu_cdc_touch_status_done(*state);
    assert_int_equal(calls.count, 0);
}

static void dtr_raised_cancels_pending_touch(void **state)
{
    coding(state, 1200);
    assert_true(stm32dfu_cdc_touch_line_state(*state, false));
    assert_false(stm32dfu_cdc_touch_line_state(*state, true));
    stm32dfu_cdc_touch_status_done(*state);
    assert_int_equal(calls.count, 0);
}

static void touch_after_other_baud_back_to_1200_enters(void **state)
{
    assert_false(line(state, true));
    coding(state, 9600);
    coding(state, 1200);
    assert_true(line(state, false));
    assert_int_equal(calls.count, 2);
}

static void null_disconnect_callback_still_enters(void **state)
{
    static const struct stm32dfu_cdc_touch_config bare = {.enter_bootloader_cb = record_enter};
    stm32dfu_cdc_touch_init(*state, &bare);
    coding(state, 1200);
    assert_true(line(state, false));
    assert_int_equal(calls.count, 1);
    assert_int_equal(calls.log[0], 'E');
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        TOUCH_TEST("firmware/unit/cdc-touch/open-1200-then-dtr-drop-enters",
                   open_1200_then_dtr_drop_enters),
        TOUCH_TEST("firmware/unit/cdc-touch/entry-waits-for-status-stage",
                   entry_waits_for_status_stage),
        TOUCH_TEST("firmware/unit/cdc-touch/enters-once", enters_once),
        TOUCH_TEST("firmware/unit/cdc-touch/open-at-1200-without-drop-does-nothing",
                   open_at_1200_without_drop_does_nothing),
        TOUCH_TEST("firmware/unit/cdc-touch/drop-at-other-baud-does-nothing",
                   drop_at_other_baud_does_nothing),
        TOUCH_TEST("firmware/unit/cdc-touch/near-1200-does-nothing", near_1200_does_nothing),
        TOUCH_TEST("firmware/unit/cdc-touch/drop-before-any-coding-does-nothing",
                   drop_before_any_coding_does_nothing),
        TOUCH_TEST("firmware/unit/cdc-touch/coding-1200-while-dtr-low-does-nothing",
                   coding_1200_while_dtr_low_does_nothing),
        TOUCH_TEST("firmware/unit/cdc-touch/dtr-set-low-again-at-1200-enters",
                   dtr_set_low_again_at_1200_enters),
        TOUCH_TEST("firmware/unit/cdc-touch/coding-change-cancels-pending-touch",
                   coding_change_cancels_pending_touch),
        TOUCH_TEST("firmware/unit/cdc-touch/dtr-raised-cancels-pending-touch",
                   dtr_raised_cancels_pending_touch),
        TOUCH_TEST("firmware/unit/cdc-touch/back-to-1200-after-other-baud-enters",
                   touch_after_other_baud_back_to_1200_enters),
        TOUCH_TEST("firmware/unit/cdc-touch/null-disconnect-callback-still-enters",
                   null_disconnect_callback_still_enters),
    };
    return named_test_main(argc, argv, "firmware/unit", tests, sizeof tests / sizeof tests[0]);
}
