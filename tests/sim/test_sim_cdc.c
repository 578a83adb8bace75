/* SPDX-License-Identifier: MIT */
/*
 * The application's CDC-ACM function: its descriptors (alone, and beside the DFU runtime
 * interface with an IAD), the ACM class requests, and the firmware library's 1200-baud touch
 * helper behind them: only SET_CONTROL_LINE_STATE with DTR clear at 1200 baud re-enumerates the
 * board as the ROM; data bytes on the bulk OUT endpoint never do.
 */
#include "sim_test.h"

#include <string.h>

static stm32dfu_sim_board *cdc_board(unsigned interfaces, bool touch_ignored)
{
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.mode = STM32DFU_SIM_MODE_APP;
    o.app_interfaces = interfaces;
    o.app_touch_ignored = touch_ignored;
    return t_board_opts(&o);
}

static struct stm32dfu_sim_reply request(stm32dfu_sim_board *b, uint8_t type, uint8_t req,
                                         uint16_t wValue, uint16_t wIndex, uint8_t *data,
                                         uint16_t len)
{
    struct stm32dfu_sim_setup s = {type, req, wValue, wIndex, len};
    struct stm32dfu_sim_reply r;
    uint8_t none[1];
    assert_int_equal(stm32dfu_sim_board_control(b, 0, &s, data ? data : none, &r), STM32DFU_SIM_OK);
    return r;
}

static struct stm32dfu_sim_reply coding(stm32dfu_sim_board *b, uint32_t baud)
{
    uint8_t lc[7] = {
        (uint8_t)baud, (uint8_t)(baud >> 8), (uint8_t)(baud >> 16), (uint8_t)(baud >> 24), 0, 0, 8};
    return request(b, 0x21, 0x20, 0, 0, lc, sizeof(lc));
}

static struct stm32dfu_sim_reply lines(stm32dfu_sim_board *b, uint16_t value)
{
    return request(b, 0x21, 0x22, value, 0, NULL, 0);
}

static void expect_stays(struct stm32dfu_sim_reply r)
{
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.event.kind, STM32DFU_SIM_EVENT_NONE);
}

static void descriptors_cdc_only(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    uint8_t d[256];
    size_t n = stm32dfu_sim_board_descriptors(b, d, sizeof(d));
    assert_int_equal(d[4], 0x02); /* bDeviceClass: communications */
    const uint8_t *c = d + 18;
    assert_int_equal(c[2] | c[3] << 8, n - 18); /* wTotalLength */
    assert_int_equal(c[4], 2);                  /* bNumInterfaces */
    const uint8_t *comm = c + 9;
    assert_int_equal(comm[1], 0x04);
    assert_int_equal(comm[2], 0);
    assert_int_equal(comm[5], 0x02);
    assert_int_equal(comm[6], 0x02);
    /* header, call management, ACM (line coding and line state supported), union */
    assert_int_equal(comm[9 + 2], 0x00);
    assert_int_equal(comm[9 + 5 + 2], 0x01);
    assert_int_equal(comm[9 + 10 + 2], 0x02);
    assert_int_equal(comm[9 + 10 + 3], 0x02);
    assert_int_equal(comm[9 + 14 + 2], 0x06);
    const uint8_t *notify = comm + 9 + 19;
    assert_int_equal(notify[2], 0x82);
    const uint8_t *data = notify + 7;
    assert_int_equal(data[2], 1);
    assert_int_equal(data[5], 0x0a);
    assert_int_equal(data[4], 2);
    assert_int_equal(data[9 + 2], 0x01);
    assert_int_equal(data[9 + 7 + 2], 0x81);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_int_equal(id.num_interfaces, 2);
    stm32dfu_sim_free_board(b);
}

static void descriptors_cdc_and_dfu_with_iad(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC | STM32DFU_SIM_APP_DFU, false);
    uint8_t d[256];
    size_t n = stm32dfu_sim_board_descriptors(b, d, sizeof(d));
    assert_int_equal(d[4], 0xef);
    assert_int_equal(d[5], 0x02);
    assert_int_equal(d[6], 0x01);
    assert_int_equal(d[18 + 4], 3);
    const uint8_t *iad = d + 18 + 9;
    assert_int_equal(iad[1], 0x0b);
    assert_int_equal(iad[2], 0); /* bFirstInterface */
    assert_int_equal(iad[3], 2); /* bInterfaceCount */
    /* the DFU runtime interface and its functional descriptor come last, as interface 2 */
    const uint8_t *dfu = d + n - 18;
    assert_int_equal(dfu[1], 0x04);
    assert_int_equal(dfu[2], 2);
    assert_int_equal(dfu[5], 0xfe);
    stm32dfu_sim_free_board(b);
}

static void touch_reenumerates_as_rom(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    expect_stays(lines(b, 3));
    expect_stays(coding(b, 1200));
    struct stm32dfu_sim_reply r = lines(b, 2);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK); /* the status stage goes out first */
    assert_int_equal(r.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(r.event.mode, STM32DFU_SIM_MODE_ROM);
    assert_string_equal(r.event.reason, "touch");
    assert_false(stm32dfu_sim_board_attached(b));
    stm32dfu_sim_free_board(b);
}

static void open_at_1200_stays(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    expect_stays(lines(b, 3));
    expect_stays(coding(b, 1200));
    expect_stays(lines(b, 3));
    assert_true(stm32dfu_sim_board_attached(b));
    stm32dfu_sim_free_board(b);
}

static void drop_at_other_baud_stays(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    expect_stays(lines(b, 3));
    expect_stays(coding(b, 115200));
    expect_stays(lines(b, 0));
    stm32dfu_sim_free_board(b);
}

static void data_bytes_stay(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    expect_stays(coding(b, 1200));
    expect_stays(lines(b, 3));
    const uint8_t bytes[] = "1200 bootloader";
    assert_int_equal(stm32dfu_sim_board_bulk_out(b, 0x01, bytes, sizeof(bytes)), STM32DFU_SIM_OK);
    assert_true(stm32dfu_sim_board_attached(b));
    struct stm32dfu_sim_stats st;
    stm32dfu_sim_board_stats(b, &st);
    assert_int_equal(st.bulk_out_bytes, sizeof(bytes));
    stm32dfu_sim_free_board(b);
}

static void touch_ignored_stays(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, true);
    expect_stays(coding(b, 1200));
    expect_stays(lines(b, 0));
    stm32dfu_sim_free_board(b);
}

static void get_line_coding_returns_last_set(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    expect_stays(coding(b, 57600));
    uint8_t lc[7] = {0};
    struct stm32dfu_sim_reply r = request(b, 0xa1, 0x21, 0, 0, lc, sizeof(lc));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 7);
    assert_int_equal(lc[0] | lc[1] << 8 | lc[2] << 16, 57600);
    stm32dfu_sim_free_board(b);
}

static void malformed_line_coding_stalls(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC, false);
    uint8_t short_lc[4] = {0xb0, 0x04, 0, 0};
    assert_int_equal(request(b, 0x21, 0x20, 0, 0, short_lc, 4).kind, STM32DFU_SIM_REPLY_STALL);
    expect_stays(lines(b, 0)); /* nothing was recorded: no touch */
    stm32dfu_sim_free_board(b);
}

static void endpoints_only_with_cdc(void **state)
{
    (void)state;
    stm32dfu_sim_board *cdc = cdc_board(STM32DFU_SIM_APP_CDC, false);
    stm32dfu_sim_board *dfu = cdc_board(STM32DFU_SIM_APP_DFU, false);
    const uint8_t x = 'x';
    assert_true(stm32dfu_sim_board_has_endpoint(cdc, 0x81));
    assert_true(stm32dfu_sim_board_has_endpoint(cdc, 0x01));
    assert_false(stm32dfu_sim_board_has_endpoint(cdc, 0x03));
    assert_false(stm32dfu_sim_board_has_endpoint(dfu, 0x01));
    assert_int_equal(stm32dfu_sim_board_bulk_out(dfu, 0x01, &x, 1), STM32DFU_SIM_ERROR_INVALID);
    assert_int_equal(stm32dfu_sim_board_bulk_out(cdc, 0x81, &x, 1), STM32DFU_SIM_ERROR_INVALID);
    stm32dfu_sim_free_board(cdc);
    stm32dfu_sim_free_board(dfu);
}

/* Beside CDC, the DFU runtime interface is number 2, and DETACH there still works. */
static void detach_on_interface_2(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = cdc_board(STM32DFU_SIM_APP_CDC | STM32DFU_SIM_APP_DFU, false);
    assert_int_equal(request(b, 0x21, T_DETACH, 1000, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    struct stm32dfu_sim_reply r = request(b, 0x21, T_DETACH, 1000, 2, NULL, 0);
    assert_int_equal(r.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    stm32dfu_sim_free_board(b);
}

static void no_interfaces_rejected(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.app_interfaces = 0;
    stm32dfu_sim_board *b = NULL;
    char msg[128];
    assert_int_equal(stm32dfu_sim_new_board(&o, &b, msg, sizeof(msg)), STM32DFU_SIM_ERROR_INVALID);
    assert_null(b);
    assert_non_null(strstr(msg, "app_interfaces"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/cdc/descriptors-cdc-only", descriptors_cdc_only),
        NAMED_TEST("sim/cdc/descriptors-cdc-and-dfu-with-iad", descriptors_cdc_and_dfu_with_iad),
        NAMED_TEST("sim/cdc/touch-reenumerates-as-rom", touch_reenumerates_as_rom),
        NAMED_TEST("sim/cdc/open-at-1200-stays", open_at_1200_stays),
        NAMED_TEST("sim/cdc/drop-at-other-baud-stays", drop_at_other_baud_stays),
        NAMED_TEST("sim/cdc/data-bytes-stay", data_bytes_stay),
        NAMED_TEST("sim/cdc/touch-ignored-stays", touch_ignored_stays),
        NAMED_TEST("sim/cdc/get-line-coding-returns-last-set", get_line_coding_returns_last_set),
        NAMED_TEST("sim/cdc/malformed-line-coding-stalls", malformed_line_coding_stalls),
        NAMED_TEST("sim/cdc/endpoints-only-with-cdc", endpoints_only_with_cdc),
        NAMED_TEST("sim/cdc/detach-on-interface-2", detach_on_interface_2),
        NAMED_TEST("sim/cdc/no-interfaces-rejected", no_interfaces_rejected),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof tests / sizeof tests[0]);
}
