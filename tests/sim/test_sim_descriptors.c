/* SPDX-License-Identifier: MIT */
/*
 * Descriptors and standard requests against the real ROM captures, field for field
 * (tests/e2e/dfu-util/fidelity/stm32f4discovery.lsusb and stm32f107.lsusb; the expected bytes below
 * are those captures' fields encoded per USB 2.0 Tables 9-8/9-10/9-12 and DFU 1.1 Table 4.2).
 */
#include "sim_test.h"

#include <string.h>

/* stm32f4discovery.lsusb: bcdUSB 1.00, EP0 64, 0483:df11, bcdDevice 21.00, strings 1/2/3,
 * wTotalLength 54, self powered, 100 mA, alts 0..3 class 254/1/2 iInterface 4..7,
 * DFU functional: bmAttributes 11, wDetachTimeout 255, wTransferSize 2048, bcdDFU 1.1a. */
static const uint8_t f405_descriptors[] = {
    0x12, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x40, 0x83,
    0x04, 0x11, 0xdf, 0x00, 0x21, 0x01, 0x02, 0x03, 0x01, /* device */
    0x09, 0x02, 0x36, 0x00, 0x01, 0x01, 0x00, 0xc0, 0x32, /* configuration */
    0x09, 0x04, 0x00, 0x00, 0x00, 0xfe, 0x01, 0x02, 0x04, /* alt 0 */
    0x09, 0x04, 0x00, 0x01, 0x00, 0xfe, 0x01, 0x02, 0x05, /* alt 1 */
    0x09, 0x04, 0x00, 0x02, 0x00, 0xfe, 0x01, 0x02, 0x06, /* alt 2 */
    0x09, 0x04, 0x00, 0x03, 0x00, 0xfe, 0x01, 0x02, 0x07, /* alt 3 */
    0x09, 0x21, 0x0b, 0xff, 0x00, 0x00, 0x08, 0x1a, 0x01, /* DFU functional */
};

/* stm32f107.lsusb: bcdDevice 20.00, wTotalLength 36, alts 0..1, the same functional. */
static const uint8_t f107_descriptors[] = {
    0x12, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x40, 0x83, 0x04, 0x11, 0xdf, 0x00, 0x20,
    0x01, 0x02, 0x03, 0x01, 0x09, 0x02, 0x24, 0x00, 0x01, 0x01, 0x00, 0xc0, 0x32, 0x09,
    0x04, 0x00, 0x00, 0x00, 0xfe, 0x01, 0x02, 0x04, 0x09, 0x04, 0x00, 0x01, 0x00, 0xfe,
    0x01, 0x02, 0x05, 0x09, 0x21, 0x0b, 0xff, 0x00, 0x00, 0x08, 0x1a, 0x01,
};

static const char *const f405_strings[] = {
    NULL,
    "STMicroelectronics",
    "STM32  BOOTLOADER",
    "315A28A0B956",
    "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
    "@Option Bytes  /0x1FFFC000/01*016 g",
    "@OTP Memory /0x1FFF7800/01*512 g,01*016 g",
    "@Device Feature/0xFFFF0000/01*004 g"};

static const char *const f107_strings[] = {NULL,
                                           "STMicroelectronics",
                                           "STM32 0x418 DFU Bootloader",
                                           "STM32",
                                           "@Internal Flash  /0x08000000/128*002Kg",
                                           "@Option Bytes  /0x1FFFF800/01*016 g"};

static void expect_sysfs_descriptors(const char *profile, const uint8_t *expected, size_t len)
{
    stm32dfu_sim_board *b = t_board(profile);
    uint8_t buf[512];
    assert_int_equal(stm32dfu_sim_board_descriptors(b, buf, sizeof(buf)), len);
    assert_memory_equal(buf, expected, len);
    stm32dfu_sim_free_board(b);
}

static void f405_descriptors_match_capture(void **state)
{
    (void)state;
    expect_sysfs_descriptors("stm32f405", f405_descriptors, sizeof(f405_descriptors));
}

static void f107_descriptors_match_capture(void **state)
{
    (void)state;
    expect_sysfs_descriptors("stm32f107", f107_descriptors, sizeof(f107_descriptors));
}

/* GET_DESCRIPTOR returns the same bytes, truncated to wLength as USB 2.0 §9.4.3 says. */
static void get_descriptor_matches_sysfs(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f405");
    uint8_t buf[512];
    struct stm32dfu_sim_reply r = t_standard(b, 0x80, 6, 0x0100, 0, buf, 64);
    assert_int_equal(r.len, 18);
    assert_memory_equal(buf, f405_descriptors, 18);
    r = t_standard(b, 0x80, 6, 0x0200, 0, buf, 9);
    assert_int_equal(r.len, 9);
    r = t_standard(b, 0x80, 6, 0x0200, 0, buf, sizeof(buf));
    assert_int_equal(r.len, sizeof(f405_descriptors) - 18);
    assert_memory_equal(buf, f405_descriptors + 18, r.len);
    stm32dfu_sim_free_board(b);
}

static void expect_strings(const char *profile, const char *const *strings, size_t count)
{
    stm32dfu_sim_board *b = t_board(profile);
    uint8_t buf[256];
    for (size_t i = 1; i < count; i++) {
        struct stm32dfu_sim_reply r =
            t_standard(b, 0x80, 6, (uint16_t)(0x0300 | i), 0x0409, buf, 255);
        size_t n = strlen(strings[i]);
        assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
        assert_int_equal(r.len, 2 + 2 * n);
        assert_int_equal(buf[0], 2 + 2 * n);
        assert_int_equal(buf[1], 3);
        for (size_t c = 0; c < n; c++) {
            assert_int_equal(buf[2 + 2 * c], (uint8_t)strings[i][c]);
            assert_int_equal(buf[3 + 2 * c], 0);
        }
    }
    struct stm32dfu_sim_reply r =
        t_standard(b, 0x80, 6, (uint16_t)(0x0300 | count), 0x0409, buf, 255);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void f405_strings_match_capture(void **state)
{
    (void)state;
    expect_strings("stm32f405", f405_strings, sizeof(f405_strings) / sizeof(f405_strings[0]));
}

static void f107_strings_match_capture(void **state)
{
    (void)state;
    expect_strings("stm32f107", f107_strings, sizeof(f107_strings) / sizeof(f107_strings[0]));
}

static void langid_is_en_us(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f107");
    uint8_t buf[8];
    struct stm32dfu_sim_reply r = t_standard(b, 0x80, 6, 0x0300, 0, buf, 255);
    static const uint8_t expected[] = {0x04, 0x03, 0x09, 0x04};
    assert_int_equal(r.len, 4);
    assert_memory_equal(buf, expected, 4);
    stm32dfu_sim_free_board(b);
}

/* Device Status 0x0001 Self Powered (F4 capture) versus 0x0000 (F107 capture). */
static void device_status_as_captured(void **state)
{
    (void)state;
    uint8_t buf[2];
    stm32dfu_sim_board *b = t_board("stm32f405");
    assert_int_equal(t_standard(b, 0x80, 0, 0, 0, buf, 2).len, 2);
    assert_int_equal(buf[0] | buf[1] << 8, 0x0001);
    stm32dfu_sim_free_board(b);
    b = t_board("stm32f107");
    assert_int_equal(t_standard(b, 0x80, 0, 0, 0, buf, 2).len, 2);
    assert_int_equal(buf[0] | buf[1] << 8, 0x0000);
    stm32dfu_sim_free_board(b);
}

static void set_interface_selects_alt(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f405");
    uint8_t alt = 0xff;
    assert_int_equal(t_standard(b, 0x01, 11, 3, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(t_standard(b, 0x81, 10, 0, 0, &alt, 1).len, 1);
    assert_int_equal(alt, 3);
    assert_int_equal(t_standard(b, 0x01, 11, 4, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void configuration_requests(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f405");
    uint8_t cfg = 0;
    assert_int_equal(t_standard(b, 0x80, 8, 0, 0, &cfg, 1).len, 1);
    assert_int_equal(cfg, 1);
    assert_int_equal(t_standard(b, 0x00, 9, 1, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(t_standard(b, 0x00, 9, 2, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

static void identity_from_profile(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f107");
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_int_equal(id.vid, 0x0483);
    assert_int_equal(id.pid, 0xdf11);
    assert_int_equal(id.bcd_device, 0x2000);
    assert_int_equal(id.speed_mbps, 12);
    assert_true(id.self_powered);
    assert_string_equal(id.product, "STM32 0x418 DFU Bootloader");
    assert_string_equal(id.serial, "STM32");
    stm32dfu_sim_free_board(b);
}

static void serial_option_overrides(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o = t_options("stm32f405");
    o.serial = "SIM0001";
    stm32dfu_sim_board *b = t_board_opts(&o);
    struct stm32dfu_sim_identity id;
    stm32dfu_sim_board_identity(b, &id);
    assert_string_equal(id.serial, "SIM0001");
    stm32dfu_sim_free_board(b);
}

/* Every profile builds, and its flash size is the sum of its alt-0 layout string. */
static void every_profile_builds(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t flash_bytes;
        uint16_t transfer_size;
    } expected[] = {{"stm32f405", 1024 * 1024, 2048}, {"stm32f107", 256 * 1024, 2048},
                    {"stm32f746", 1024 * 1024, 2048}, {"stm32h743", 2048 * 1024, 1024},
                    {"stm32l476", 1024 * 1024, 2048}, {"stm32g474", 512 * 1024, 1024}};
    assert_int_equal(stm32dfu_sim_profile_count(), 6);
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(stm32dfu_sim_profile_name(i), expected[i].name);
        assert_non_null(stm32dfu_sim_profile_description(i));
        stm32dfu_sim_board *b = t_board(expected[i].name);
        assert_int_equal(stm32dfu_sim_board_flash_base(b), 0x08000000);
        assert_int_equal(stm32dfu_sim_board_flash_size(b), expected[i].flash_bytes);
        uint8_t d[512];
        size_t n = stm32dfu_sim_board_descriptors(b, d, sizeof(d));
        assert_int_equal(d[n - 4] | d[n - 3] << 8, expected[i].transfer_size);
        stm32dfu_sim_free_board(b);
    }
    assert_null(stm32dfu_sim_profile_name(6));
}

static void unknown_profile_names_the_choices(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o;
    stm32dfu_sim_options_init(&o);
    o.profile = "stm32f999";
    stm32dfu_sim_board *b = NULL;
    char msg[256];
    assert_int_equal(stm32dfu_sim_new_board(&o, &b, msg, sizeof(msg)),
                     STM32DFU_SIM_ERROR_NO_PROFILE);
    assert_null(b);
    assert_non_null(strstr(msg, "stm32f999"));
    assert_non_null(strstr(msg, "stm32f405"));
    assert_non_null(strstr(msg, "stm32g474")); /* the last of the table */
}

static void bad_time_scale_rejected(void **state)
{
    (void)state;
    struct stm32dfu_sim_options o;
    stm32dfu_sim_options_init(&o);
    o.time_scale = -1;
    stm32dfu_sim_board *b = NULL;
    char msg[256];
    assert_int_equal(stm32dfu_sim_new_board(&o, &b, msg, sizeof(msg)), STM32DFU_SIM_ERROR_INVALID);
    assert_non_null(strstr(msg, "time scale"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/descriptors/f405-match-capture", f405_descriptors_match_capture),
        NAMED_TEST("sim/descriptors/f107-match-capture", f107_descriptors_match_capture),
        NAMED_TEST("sim/descriptors/get-descriptor-matches-sysfs", get_descriptor_matches_sysfs),
        NAMED_TEST("sim/descriptors/f405-strings-match-capture", f405_strings_match_capture),
        NAMED_TEST("sim/descriptors/f107-strings-match-capture", f107_strings_match_capture),
        NAMED_TEST("sim/descriptors/langid-en-us", langid_is_en_us),
        NAMED_TEST("sim/descriptors/device-status-as-captured", device_status_as_captured),
        NAMED_TEST("sim/standard/set-interface-selects-alt", set_interface_selects_alt),
        NAMED_TEST("sim/standard/configuration-requests", configuration_requests),
        NAMED_TEST("sim/identity/from-profile", identity_from_profile),
        NAMED_TEST("sim/identity/serial-option-overrides", serial_option_overrides),
        NAMED_TEST("sim/profiles/every-profile-builds", every_profile_builds),
        NAMED_TEST("sim/profiles/unknown-profile-names-the-choices",
                   unknown_profile_names_the_choices),
        NAMED_TEST("sim/options/bad-time-scale-rejected", bad_time_scale_rejected),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
