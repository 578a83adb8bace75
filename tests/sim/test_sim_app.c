/* SPDX-License-Identifier: MIT */
/*
 * Application mode: a device with its own VID:PID and a DFU runtime interface (class FE/01/01,
 * runtime functional descriptor with bitWillDetach; DFU 1.1 §4.1), whose product string is the
 * APPVERSION text of its image (issue 3), and which DFU_DETACH sends to the ROM.
 */
#include "sim_test.h"

#include <string.h>

static stm32dfu_sim_board *app_board(const char *version_text)
{
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.mode = STM32DFU_SIM_MODE_APP;
    stm32dfu_sim_board *b = t_board_opts(&o);
    if (version_text) {
        assert_int_equal(stm32dfu_sim_board_load(b, 0x08000400, (const uint8_t *)version_text,
                                                 strlen(version_text) + 1),
                         STM32DFU_SIM_OK);
    }
    return b;
}

static void descriptors_runtime_interface(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board(NULL);
    uint8_t d[128];
    size_t n = stm32dfu_sim_board_descriptors(b, d, sizeof(d));
    assert_int_equal(n, 18 + 9 + 9 + 9);
    assert_int_equal(d[8] | d[9] << 8, 0x1209);
    assert_int_equal(d[10] | d[11] << 8, 0x0001);
    const uint8_t *intf = d + 18 + 9;
    assert_int_equal(intf[5], 0xfe);
    assert_int_equal(intf[6], 0x01);
    assert_int_equal(intf[7], 0x01); /* runtime protocol */
    const uint8_t *func = intf + 9;
    assert_int_equal(func[1], 0x21);
    assert_true(func[2] & 0x08); /* bitWillDetach */
    stm32dfu_sim_free_board(b);
}

static void getstatus_reports_appIDLE(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board(NULL);
    t_expect_status(b, T_appIDLE, T_OK);
    assert_int_equal(t_getstate(b), T_appIDLE);
    stm32dfu_sim_free_board(b);
}

static void detach_reenumerates_as_rom(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board(NULL);
    struct stm32dfu_sim_reply r = t_class_out(b, T_DETACH, 1000, NULL, 0);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(r.event.mode, STM32DFU_SIM_MODE_ROM);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_NONE);
    stm32dfu_sim_board_reconnect(b, r.event.mode);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_int_equal(id.vid, 0x0483);
    assert_int_equal(id.pid, 0xdf11);
    t_expect_status(b, T_dfuERROR, T_errFIRMWARE); /* the F405 ROM's start state */
    stm32dfu_sim_free_board(b);
}

static void product_is_appversion_text(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board("build APPVERSION=2.4.1-rc1");
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_string_equal(id.product, "2.4.1-rc1");
    uint8_t buf[64];
    struct stm32dfu_sim_reply r = t_standard(b, 0x80, 6, 0x0302, 0x0409, buf, sizeof(buf));
    assert_int_equal(r.len, 2 + 2 * strlen("2.4.1-rc1"));
    assert_int_equal(buf[2], '2');
    stm32dfu_sim_free_board(b);
}

/* The version at the start of the APPVERSION text is the bcdDevice, encoded as the firmware
 * library's STM32DFU_RUNTIME_BCD_VERSION (what fwupd reads as a triplet, docs/fwupd.md). */
static void bcd_device_is_appversion_triplet(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint16_t bcd_device;
    } cases[] = {
        {"APPVERSION=1.1.0", 0x1100},
        {"APPVERSION=2.4.17-rc1", 0x2411},
        {"APPVERSION=16.0.0", 0x0100}, /* a major beyond 4 bits does not fit */
        {"APPVERSION=v1.2.3", 0x0100},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        stm32dfu_sim_board *b = app_board(cases[i].text);
        struct stm32dfu_sim_identity id;
        stm32dfu_sim_board_identity(b, &id);
        stm32dfu_sim_free_board(b);
        if (id.bcd_device != cases[i].bcd_device)
            fail_msg("%s: bcdDevice 0x%04X, expected 0x%04X", cases[i].text, id.bcd_device,
                     cases[i].bcd_device);
    }
}

static void appversion_beyond_4kib_ignored(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board(NULL);
    static const char text[] = "APPVERSION=late";
    assert_int_equal(stm32dfu_sim_board_load(b, 0x08001000, (const uint8_t *)text, sizeof(text)),
                     0);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_string_equal(id.product, "stm32dfu application");
    stm32dfu_sim_free_board(b);
}

static void dfu_mode_requests_stall(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = app_board(NULL);
    uint8_t data[4] = {0};
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, 4).kind, STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(t_class_in(b, T_UPLOAD, 2, data, 4).kind, STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(t_class_out(b, T_ABORT, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void vid_pid_options(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.mode = STM32DFU_SIM_MODE_APP;
    o.app_vid = 0x0483;
    o.app_pid = 0x5740;
    stm32dfu_sim_board *b = t_board_opts(&o);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_int_equal(id.vid, 0x0483);
    assert_int_equal(id.pid, 0x5740);
    assert_int_equal(id.mode, STM32DFU_SIM_MODE_APP);
    stm32dfu_sim_free_board(b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/app/descriptors-runtime-interface", descriptors_runtime_interface),
        NAMED_TEST("sim/app/getstatus-reports-appIDLE", getstatus_reports_appIDLE),
        NAMED_TEST("sim/app/detach-reenumerates-as-rom", detach_reenumerates_as_rom),
        NAMED_TEST("sim/app/product-is-appversion-text", product_is_appversion_text),
        NAMED_TEST("sim/app/bcd-device-is-appversion-triplet", bcd_device_is_appversion_triplet),
        NAMED_TEST("sim/app/appversion-beyond-4kib-ignored", appversion_beyond_4kib_ignored),
        NAMED_TEST("sim/app/dfu-mode-requests-stall", dfu_mode_requests_stall),
        NAMED_TEST("sim/app/vid-pid-options", vid_pid_options),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
