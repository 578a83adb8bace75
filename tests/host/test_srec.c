/* SPDX-License-Identifier: MIT */
/* Motorola S-record parser: every record type, and every malformed case names its line. */
#include "host_test.h"

#define HEADER "S00600004844521B\n"

static stm32dfu_image *load_ok(const char *text)
{
    return load_text_ok(text, STM32DFU_FORMAT_SREC);
}

static void expect_error(const char *text, int code, unsigned long line, const char *fragment)
{
    expect_text_error(text, STM32DFU_FORMAT_SREC, code, line, fragment);
}

static uint32_t start_of(const stm32dfu_image *image)
{
    uint32_t start = 0;
    assert_true(stm32dfu_image_get_start_address(image, &start));
    return start;
}

static void s1_data_with_s9_start(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(HEADER "S107100001020304DE\nS9031000EC\n");
    const uint8_t want[] = {1, 2, 3, 4};
    assert_image_bytes(image, 0x1000, want, sizeof(want));
    assert_int_equal(start_of(image), 0x1000);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_SREC);
    stm32dfu_free_image(image);
}

static void s2_data_with_s8_start(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok("S206123456050652\nS8041234565F\n");
    const uint8_t want[] = {5, 6};
    assert_image_bytes(image, 0x123456, want, sizeof(want));
    assert_int_equal(start_of(image), 0x123456);
    stm32dfu_free_image(image);
}

static void s3_data_with_s7_start(void **state)
{
    (void)state;
    stm32dfu_image *image =
        load_ok(HEADER "S30908000000DEADBEEFB6\nS307080000041122B9\nS70508000101F0\n");
    const uint8_t want[] = {0xDE, 0xAD, 0xBE, 0xEF, 0x11, 0x22};
    assert_image_bytes(image, 0x08000000, want, sizeof(want));
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(start_of(image), 0x08000101);
    stm32dfu_free_image(image);
}

static void s5_count_matching_accepted(void **state)
{
    (void)state;
    stm32dfu_image *image =
        load_ok(HEADER "S30908000000DEADBEEFB6\nS307080000041122B9\nS5030002FA\nS70508000101F0\n");
    stm32dfu_free_image(image);
}

static void s5_count_mismatch_refused(void **state)
{
    (void)state;
    expect_error(HEADER "S30908000000DEADBEEFB6\nS307080000041122B9\nS5030003F9\n"
                        "S70508000101F0\n",
                 STM32DFU_ERROR_FORMAT, 4, "record count says 3 data records, the file has 2");
}

static void s6_count_accepted(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok("S107100001020304DE\nS604000001FA\nS9031000EC\n");
    stm32dfu_free_image(image);
}

static void bad_checksum_names_line(void **state)
{
    (void)state;
    expect_error(HEADER "S107100001020304DF\nS9031000EC\n", STM32DFU_ERROR_CRC, 2,
                 "line 2: checksum 0xDF, expected 0xDE");
}

static void truncated_line_names_line(void **state)
{
    (void)state;
    expect_error(HEADER "S30908000000DEAD\nS70508000101F0\n", STM32DFU_ERROR_FORMAT, 2,
                 "line 2: truncated");
}

static void bad_hex_digit_names_column(void **state)
{
    (void)state;
    expect_error("S1071000010203Z4DE\nS9031000EC\n", STM32DFU_ERROR_FORMAT, 1,
                 "'Z' at column 15 is not a hex digit");
}

static void record_past_4gib_refused(void **state)
{
    (void)state;
    expect_error("S309FFFFFFFE01020304F1\nS70508000101F0\n", STM32DFU_ERROR_FORMAT, 1,
                 "past the 4 GiB address space");
}

static void overlapping_records_refused(void **state)
{
    (void)state;
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    const char *text = "S30908000000DEADBEEFB6\nS30608000002559A\nS70508000101F0\n";
    assert_int_equal(load_text(text, STM32DFU_FORMAT_SREC, &image, &detail),
                     STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.line, 2);
    assert_int_equal(detail.address, 0x08000002);
    assert_detail_contains(&detail, "overlaps data given earlier at 0x08000000-0x08000003");
}

static void missing_termination_refused(void **state)
{
    (void)state;
    expect_error(HEADER "S107100001020304DE\n", STM32DFU_ERROR_FORMAT, 2,
                 "no termination record (S7, S8 or S9)");
}

static void reserved_s4_refused(void **state)
{
    (void)state;
    expect_error("S4030000FC\nS9031000EC\n", STM32DFU_ERROR_FORMAT, 1, "unknown record type S4");
}

static void count_too_small_for_address_refused(void **state)
{
    (void)state;
    expect_error("S3021000ED\nS9031000EC\n", STM32DFU_ERROR_FORMAT, 1,
                 "byte count 0x02 is too small for an S3 record");
}

static void text_after_termination_refused(void **state)
{
    (void)state;
    expect_error("S9031000EC\nS107100001020304DE\n", STM32DFU_ERROR_FORMAT, 2,
                 "after the termination record");
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/srec/s1-data-with-s9-start", s1_data_with_s9_start),
        NAMED_TEST("host/srec/s2-data-with-s8-start", s2_data_with_s8_start),
        NAMED_TEST("host/srec/s3-data-with-s7-start", s3_data_with_s7_start),
        NAMED_TEST("host/srec/s5-count-matching-accepted", s5_count_matching_accepted),
        NAMED_TEST("host/srec/s5-count-mismatch-refused", s5_count_mismatch_refused),
        NAMED_TEST("host/srec/s6-count-accepted", s6_count_accepted),
        NAMED_TEST("host/srec/bad-checksum-names-line", bad_checksum_names_line),
        NAMED_TEST("host/srec/truncated-line-names-line", truncated_line_names_line),
        NAMED_TEST("host/srec/bad-hex-digit-names-column", bad_hex_digit_names_column),
        NAMED_TEST("host/srec/record-past-4gib-refused", record_past_4gib_refused),
        NAMED_TEST("host/srec/overlapping-records-refused", overlapping_records_refused),
        NAMED_TEST("host/srec/missing-termination-refused", missing_termination_refused),
        NAMED_TEST("host/srec/reserved-s4-refused", reserved_s4_refused),
        NAMED_TEST("host/srec/count-too-small-for-address-refused",
                   count_too_small_for_address_refused),
        NAMED_TEST("host/srec/text-after-termination-refused", text_after_termination_refused),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
