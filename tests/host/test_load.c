/* SPDX-License-Identifier: MIT */
/* Loading files: raw binaries, the format guess (content, then extension) and file errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_test.h"

#define HEX_TEXT ":04000000DEADBEEFC4\n:00000001FF\n"

static const uint8_t payload[8] = {1, 2, 3, 4, 5, 6, 7, 8};

static int load_path(const char *path, const struct stm32dfu_load_options *options,
                     stm32dfu_image **image, struct stm32dfu_error_detail *detail)
{
    *image = NULL;
    return stm32dfu_load_image_file(path, options, image, detail);
}

static void bin_loads_at_base_address(void **state)
{
    (void)state;
    struct stm32dfu_load_options options = {
        .format = STM32DFU_FORMAT_BIN, .has_base_address = true, .base_address = 0x08004000};
    stm32dfu_image *image = NULL;
    assert_int_equal(stm32dfu_load_image_buffer(payload, sizeof(payload), &options, &image, NULL),
                     0);
    assert_image_bytes(image, 0x08004000, payload, sizeof(payload));
    assert_false(stm32dfu_image_get_suffix(image, &(struct stm32dfu_dfu_suffix){0}));
    stm32dfu_free_image(image);
}

static void bin_needs_base_address(void **state)
{
    (void)state;
    struct stm32dfu_load_options options = {.format = STM32DFU_FORMAT_BIN};
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(
        stm32dfu_load_image_buffer(payload, sizeof(payload), &options, &image, &detail),
        STM32DFU_ERROR_INVALID_ARGUMENT);
    assert_detail_contains(&detail, "give its load address");
}

static void bin_dfu_suffix_is_stripped(void **state)
{
    (void)state;
    uint8_t file[64];
    memcpy(file, payload, sizeof(payload));
    size_t len = append_dfu_suffix(file, sizeof(payload), 0x0100);
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0x100};
    stm32dfu_image *image = NULL;
    assert_int_equal(stm32dfu_load_image_buffer(file, len, &options, &image, NULL), 0);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].len_bytes, sizeof(payload));
    struct stm32dfu_dfu_suffix suffix;
    assert_true(stm32dfu_image_get_suffix(image, &suffix));
    assert_int_equal(suffix.bcdDFU, 0x0100);
    stm32dfu_free_image(image);
}

static void bin_dfu_suffix_bad_crc_refused(void **state)
{
    (void)state;
    uint8_t file[64];
    memcpy(file, payload, sizeof(payload));
    size_t len = append_dfu_suffix(file, sizeof(payload), 0x0100);
    file[0] ^= 0x80;
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0x100};
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_load_image_buffer(file, len, &options, &image, &detail),
                     STM32DFU_ERROR_CRC);
    assert_true(detail.has_offset);
    assert_int_equal(detail.offset, sizeof(payload) + 12);
}

static void bin_past_4gib_refused(void **state)
{
    (void)state;
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0xFFFFFFFC};
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(
        stm32dfu_load_image_buffer(payload, sizeof(payload), &options, &image, &detail),
        STM32DFU_ERROR_FORMAT);
    assert_detail_contains(&detail, "past the 4 GiB address space");
}

static void bin_empty_refused(void **state)
{
    (void)state;
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0};
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_load_image_buffer(payload, 0, &options, &image, &detail),
                     STM32DFU_ERROR_FORMAT);
    assert_detail_contains(&detail, "the image holds no data");
}

/* Files that parse but hold no byte: all refused with the same message. */
static void no_data_refused_in_every_format(void **state)
{
    (void)state;
    static const char *const texts[] = {":00000001FF\n", "S0030000FC\nS9030000FC\n", ""};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        stm32dfu_image *image = NULL;
        struct stm32dfu_error_detail detail = {0};
        assert_int_equal(stm32dfu_load_image_buffer((const uint8_t *)texts[i], strlen(texts[i]),
                                                    NULL, &image, &detail),
                         STM32DFU_ERROR_FORMAT);
        assert_detail_contains(&detail, "the image holds no data");
        assert_null(image);
    }
}

static void content_beats_extension(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = write_temp_file(dir, "firmware.bin", HEX_TEXT, strlen(HEX_TEXT));
    stm32dfu_image *image;
    assert_int_equal(load_path(path, NULL, &image, NULL), 0);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_IHEX);
    stm32dfu_free_image(image);
    free(path);
    remove_temp_dir(dir);
}

static void extension_names_format_when_content_does_not(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    /* A broken first line: the extension still says Intel HEX, so its error is shown. */
    const char *text = ":04000000DEADBEEFC\n:00000001FF\n";
    char *path = write_temp_file(dir, "firmware.HEX", text, strlen(text));
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_path(path, NULL, &image, &detail), STM32DFU_ERROR_FORMAT);
    assert_int_equal(detail.line, 1);
    assert_detail_contains(&detail, "truncated");
    free(path);
    remove_temp_dir(dir);
}

static void unknown_format_refused(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = write_temp_file(dir, "firmware.img", payload, sizeof(payload));
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_path(path, NULL, &image, &detail), STM32DFU_ERROR_FORMAT);
    assert_detail_contains(&detail, "cannot tell the file's format");
    free(path);
    remove_temp_dir(dir);
}

static void unknown_extension_with_address_is_bin(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = write_temp_file(dir, "firmware.img", payload, sizeof(payload));
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0x2000};
    stm32dfu_image *image;
    assert_int_equal(load_path(path, &options, &image, NULL), 0);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_BIN);
    assert_image_bytes(image, 0x2000, payload, sizeof(payload));
    stm32dfu_free_image(image);
    free(path);
    remove_temp_dir(dir);
}

static void address_with_hex_refused(void **state)
{
    (void)state;
    struct stm32dfu_load_options options = {.has_base_address = true, .base_address = 0x2000};
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_load_image_buffer((const uint8_t *)HEX_TEXT, strlen(HEX_TEXT),
                                                &options, &image, &detail),
                     STM32DFU_ERROR_INVALID_ARGUMENT);
    assert_detail_contains(&detail, "Intel HEX file carries its own addresses");
}

static void srec_detected_by_content(void **state)
{
    (void)state;
    const char *text = "S107100001020304DE\nS9031000EC\n";
    stm32dfu_image *image = NULL;
    assert_int_equal(
        stm32dfu_load_image_buffer((const uint8_t *)text, strlen(text), NULL, &image, NULL), 0);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_SREC);
    stm32dfu_free_image(image);
}

static void missing_file_names_path(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char path[4200];
    snprintf(path, sizeof(path), "%s/absent.hex", dir);
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_path(path, NULL, &image, &detail), STM32DFU_ERROR_FILE_OPEN);
    assert_null(image);
    assert_detail_contains(&detail, "absent.hex");
    assert_detail_contains(&detail, "No such file");
    remove_temp_dir(dir);
}

static void format_names_are_distinct(void **state)
{
    (void)state;
    assert_string_equal(stm32dfu_format_name(STM32DFU_FORMAT_IHEX), "Intel HEX");
    assert_string_equal(stm32dfu_format_name(STM32DFU_FORMAT_DFUSE), "DfuSe");
    assert_string_equal(stm32dfu_format_name(42), "unknown format");
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/bin/loads-at-base-address", bin_loads_at_base_address),
        NAMED_TEST("host/bin/needs-base-address", bin_needs_base_address),
        NAMED_TEST("host/bin/dfu-suffix-is-stripped", bin_dfu_suffix_is_stripped),
        NAMED_TEST("host/bin/dfu-suffix-bad-crc-refused", bin_dfu_suffix_bad_crc_refused),
        NAMED_TEST("host/bin/past-4gib-refused", bin_past_4gib_refused),
        NAMED_TEST("host/bin/empty-refused", bin_empty_refused),
        NAMED_TEST("host/load/no-data-refused-in-every-format", no_data_refused_in_every_format),
        NAMED_TEST("host/load/content-beats-extension", content_beats_extension),
        NAMED_TEST("host/load/extension-names-format-when-content-does-not",
                   extension_names_format_when_content_does_not),
        NAMED_TEST("host/load/unknown-format-refused", unknown_format_refused),
        NAMED_TEST("host/load/unknown-extension-with-address-is-bin",
                   unknown_extension_with_address_is_bin),
        NAMED_TEST("host/load/address-with-hex-refused", address_with_hex_refused),
        NAMED_TEST("host/load/srec-detected-by-content", srec_detected_by_content),
        NAMED_TEST("host/load/missing-file-names-path", missing_file_names_path),
        NAMED_TEST("host/load/format-names-are-distinct", format_names_are_distinct),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
