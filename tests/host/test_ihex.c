/* SPDX-License-Identifier: MIT */
/* Intel HEX parser: every record type, and every malformed case names its line. */
#include <stdlib.h>

#include "host_test.h"

#define EOF_RECORD ":00000001FF\n"

static stm32dfu_image *load_ok(const char *text)
{
    return load_text_ok(text, STM32DFU_FORMAT_IHEX);
}

static void expect_error(const char *text, int code, unsigned long line, const char *fragment)
{
    expect_text_error(text, STM32DFU_FORMAT_IHEX, code, line, fragment);
}

static void data_record_lands_at_its_offset(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":10010000000102030405060708090A0B0C0D0E0F77\n" EOF_RECORD);
    const uint8_t want[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    assert_image_bytes(image, 0x100, want, sizeof(want));
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].address, 0x100);
    assert_int_equal(segments[0].len_bytes, 16);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_IHEX);
    stm32dfu_free_image(image);
}

static void extended_linear_address_sets_upper_half(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":020000040800F2\n:04000000DEADBEEFC4\n" EOF_RECORD);
    const uint8_t want[] = {0xDE, 0xAD, 0xBE, 0xEF};
    assert_image_bytes(image, 0x08000000, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void extended_segment_address_is_times_16(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":020000021000EC\n:02001000AABB89\n" EOF_RECORD);
    const uint8_t want[] = {0xAA, 0xBB};
    assert_image_bytes(image, 0x10010, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void start_linear_address_is_kept(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":04000000DEADBEEFC4\n:0400000508000101ED\n" EOF_RECORD);
    uint32_t start = 0;
    assert_true(stm32dfu_image_get_start_address(image, &start));
    assert_int_equal(start, 0x08000101);
    stm32dfu_free_image(image);
}

static void start_segment_address_is_cs_times_16_plus_ip(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":04000000DEADBEEFC4\n:0400000312340010A3\n" EOF_RECORD);
    uint32_t start = 0;
    assert_true(stm32dfu_image_get_start_address(image, &start));
    assert_int_equal(start, 0x12340 + 0x0010);
    stm32dfu_free_image(image);
}

static void adjacent_records_merge(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":04000000DEADBEEFC4\n:020004000102F7\n" EOF_RECORD);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].len_bytes, 6);
    const uint8_t want[] = {0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02};
    assert_image_bytes(image, 0, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void crlf_and_lowercase_accepted(void **state)
{
    (void)state;
    stm32dfu_image *image = load_ok(":04000000deadbeefc4\r\n:00000001ff\r\n");
    const uint8_t want[] = {0xDE, 0xAD, 0xBE, 0xEF};
    assert_image_bytes(image, 0, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void bad_checksum_names_line(void **state)
{
    (void)state;
    expect_error(":020000040800F2\n:04000000DEADBEEF3A\n" EOF_RECORD, STM32DFU_ERROR_CRC, 2,
                 "line 2: checksum 0x3A, expected 0xC4");
}

static void truncated_line_names_line(void **state)
{
    (void)state;
    expect_error(":020000040800F2\n:10010000000102030405\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 2,
                 "line 2: truncated");
}

static void bad_hex_digit_names_column(void **state)
{
    (void)state;
    expect_error(":04000000DEADBGEFC4\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 1,
                 "'G' at column 15 is not a hex digit");
}

static void record_past_4gib_refused(void **state)
{
    (void)state;
    expect_error(":02000004FFFFFC\n:10FFF800000102030405060708090A0B0C0D0E0F81\n" EOF_RECORD,
                 STM32DFU_ERROR_FORMAT, 2, "past the 4 GiB address space");
}

static void overlapping_records_refused(void **state)
{
    (void)state;
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    const char *text = ":04000000DEADBEEFC4\n:03000200556677C9\n" EOF_RECORD;
    assert_int_equal(load_text(text, STM32DFU_FORMAT_IHEX, &image, &detail),
                     STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.line, 2);
    assert_true(detail.has_address);
    assert_int_equal(detail.address, 0x00000002);
    assert_detail_contains(&detail, "0x00000000-0x00000003");
}

static void missing_eof_record_refused(void **state)
{
    (void)state;
    expect_error(":04000000DEADBEEFC4\n", STM32DFU_ERROR_FORMAT, 1,
                 "no end-of-file record (type 01)");
}

static void text_after_eof_refused(void **state)
{
    (void)state;
    expect_error(EOF_RECORD ":04000000DEADBEEFC4\n", STM32DFU_ERROR_FORMAT, 2,
                 "after the end-of-file record");
}

static void unknown_record_type_refused(void **state)
{
    (void)state;
    expect_error(":00000006FA\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 1, "unknown record type 06");
}

static void address_record_with_wrong_length_refused(void **state)
{
    (void)state;
    expect_error(":0100000408F3\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 1,
                 "must carry 2 data bytes, not 1");
}

static void segment_wrap_refused(void **state)
{
    (void)state;
    expect_error(":020000021000EC\n:10FFF800000102030405060708090A0B0C0D0E0F81\n" EOF_RECORD,
                 STM32DFU_ERROR_FORMAT, 2, "wraps around its 64 KiB segment");
}

static void linear_record_crosses_64k_boundary(void **state)
{
    (void)state;
    /* With type 04 addressing the offset does not wrap (Intel HEX Rev A): the
     * bytes continue into the next 64 KiB. */
    stm32dfu_image *image =
        load_ok(":020000040800F2\n:10FFF800000102030405060708090A0B0C0D0E0F81\n" EOF_RECORD);
    const uint8_t want[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    assert_image_bytes(image, 0x0800FFF8, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void missing_colon_refused(void **state)
{
    (void)state;
    expect_error("04000000DEADBEEFC4\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 1,
                 "expected ':' at column 1");
}

static void trailing_characters_refused(void **state)
{
    (void)state;
    expect_error(":04000000DEADBEEFC4AA\n" EOF_RECORD, STM32DFU_ERROR_FORMAT, 1,
                 "2 characters after the checksum");
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/ihex/data-record-lands-at-its-offset", data_record_lands_at_its_offset),
        NAMED_TEST("host/ihex/extended-linear-address-sets-upper-half",
                   extended_linear_address_sets_upper_half),
        NAMED_TEST("host/ihex/extended-segment-address-is-times-16",
                   extended_segment_address_is_times_16),
        NAMED_TEST("host/ihex/start-linear-address-is-kept", start_linear_address_is_kept),
        NAMED_TEST("host/ihex/start-segment-address-is-cs-times-16-plus-ip",
                   start_segment_address_is_cs_times_16_plus_ip),
        NAMED_TEST("host/ihex/adjacent-records-merge", adjacent_records_merge),
        NAMED_TEST("host/ihex/crlf-and-lowercase-accepted", crlf_and_lowercase_accepted),
        NAMED_TEST("host/ihex/bad-checksum-names-line", bad_checksum_names_line),
        NAMED_TEST("host/ihex/truncated-line-names-line", truncated_line_names_line),
        NAMED_TEST("host/ihex/bad-hex-digit-names-column", bad_hex_digit_names_column),
        NAMED_TEST("host/ihex/record-past-4gib-refused", record_past_4gib_refused),
        NAMED_TEST("host/ihex/overlapping-records-refused", overlapping_records_refused),
        NAMED_TEST("host/ihex/missing-eof-record-refused", missing_eof_record_refused),
        NAMED_TEST("host/ihex/text-after-eof-refused", text_after_eof_refused),
        NAMED_TEST("host/ihex/unknown-record-type-refused", unknown_record_type_refused),
        NAMED_TEST("host/ihex/address-record-with-wrong-length-refused",
                   address_record_with_wrong_length_refused),
        NAMED_TEST("host/ihex/segment-wrap-refused", segment_wrap_refused),
        NAMED_TEST("host/ihex/linear-record-crosses-64k-boundary",
                   linear_record_crosses_64k_boundary),
        NAMED_TEST("host/ihex/missing-colon-refused", missing_colon_refused),
        NAMED_TEST("host/ihex/trailing-characters-refused", trailing_characters_refused),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
